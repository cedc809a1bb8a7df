//! Reading a JSON Lines dump a chunk of whole lines at a time, on one thread or two: memory
//! holds a few chunks and their articles, not the file. The file's bytes are hashed on the
//! way, as a file read at once is.
//!
//! A chunk goes through four steps: read (in file order), parsed (on any thread, at the
//! same time as others), named (record ids given and repeated ones kept apart, in file
//! order again, since an id is repeated only after it was first seen), then made into
//! articles and handed on (on any thread).

use std::io::{BufRead, BufReader, Read};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

use super::dump::{dump_id, parse_chunk, NamedChunk, ParsedChunk, RawChunk, Records};
use super::{capped, text};
use super::{Article, CorpusFile, FileContent, MAX_ARCHIVE_BYTES};
use crate::error::Result;

/// Bytes of whole lines gathered before they are parsed.
const CHUNK_BYTES: usize = 4 << 20;

/// Most lines gathered before they are parsed: a parsed record takes several hundred bytes
/// however short its line, so a chunk of tiny records (`{"id": "1", "text": "w"}`) would
/// otherwise become tens of megabytes of articles, several chunks of which are in flight
/// between threads. Real records are longer (the wiki dump's average 4 KB, so 1,000 to a
/// chunk) and never reach this.
const CHUNK_LINES: usize = 8192;

/// A dump being read: the file, its hash so far, and the naming of its records.
struct DumpReader<'a> {
    reader: BufReader<Box<dyn Read + Send>>,
    hasher: xxhash_rust::xxh3::Xxh3Default,
    records: Records<'a>,
    /// Whether the file is read as one chunk (UTF-16: its lines cannot be cut at `\n`).
    whole: bool,
    started: bool,
    done: bool,
    warnings: Vec<String>,
    /// The most bytes a line may hold.
    max_record: u64,
    /// Why the file is skipped, when it is too large to be read at all.
    too_large: Option<String>,
}

impl<'a> DumpReader<'a> {
    fn open(file: &'a CorpusFile, max_record: u64) -> std::io::Result<DumpReader<'a>> {
        Ok(DumpReader {
            reader: BufReader::with_capacity(1 << 16, file.open()?),
            hasher: xxhash_rust::xxh3::Xxh3Default::new(),
            records: Records::new(&file.rel, dump_id(file), max_record),
            whole: false,
            started: false,
            done: false,
            warnings: Vec::new(),
            max_record,
            too_large: None,
        })
    }

    /// The next chunk of whole lines, or `None` at the end of the file. A line over the
    /// record size limit is not gathered: it stands in the chunk as an empty line (so the
    /// lines keep their numbers), to be reported.
    fn next_chunk(&mut self) -> std::io::Result<Option<RawChunk>> {
        let mut chunk: Vec<u8> = Vec::new();
        let mut passed_over = Vec::new();
        let mut lines = 0;
        if !std::mem::replace(&mut self.started, true) {
            self.whole = text::is_utf16(self.reader.fill_buf()?);
        }
        while !self.done {
            // A UTF-16 dump is gathered whole, up to the bound of a file read whole.
            let limit = match self.whole {
                true => MAX_ARCHIVE_BYTES.saturating_sub(chunk.len() as u64),
                false => capped::limit(self.max_record),
            };
            let hasher = &mut self.hasher;
            let read = capped::read_line(&mut self.reader, &mut chunk, limit, &mut |bytes| {
                hasher.update(bytes)
            })?;
            self.done = read.len == 0;
            if !read.kept {
                if self.whole {
                    self.too_large = Some(format!(
                        "a UTF-16 dump is read whole, and this one is larger than \
                         {MAX_ARCHIVE_BYTES} bytes; save it as UTF-8 to have it read"
                    ));
                    self.done = true;
                    return Ok(None);
                }
                passed_over.push((lines, read.text_len));
                chunk.extend((read.len > read.text_len).then_some(b'\n'));
            }
            lines += 1;
            if !self.whole && (chunk.len() >= CHUNK_BYTES || lines >= CHUNK_LINES) {
                break;
            }
        }
        let any = !chunk.is_empty() || !passed_over.is_empty();
        Ok(any.then(|| self.records.chunk(chunk, passed_over)))
    }

    fn name(&mut self, parsed: ParsedChunk) -> NamedChunk {
        self.records.name(parsed, &mut self.warnings)
    }

    /// What the file gave, `streamed` articles in all.
    fn finish(mut self, streamed: usize) -> FileContent {
        FileContent {
            warned_records: self.records.take_warned(),
            hash: self.hasher.digest(),
            warnings: self.warnings,
            streamed,
            skipped: (self.too_large.take())
                .or_else(|| (streamed == 0).then(|| "no text to index".into())),
            ..FileContent::default()
        }
    }
}

/// Read the dump `file` a chunk at a time, handing each chunk's articles to `each` as they
/// are parsed (records over `max_record` bytes are warned about and left out). The content
/// returned holds no articles: `streamed` counts them. A file starting with a UTF-16
/// byte-order mark is read at once (its lines cannot be cut at `\n` bytes).
pub fn read_in_chunks(
    file: &CorpusFile,
    max_record: u64,
    each: &mut dyn FnMut(Vec<Article>) -> Result<()>,
) -> Result<FileContent> {
    let mut reader = match DumpReader::open(file, max_record) {
        Ok(reader) => reader,
        Err(e) => return Ok(unread(e)),
    };
    let mut streamed = 0;
    loop {
        let chunk = match reader.next_chunk() {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(e) => return Ok(unread(e)),
        };
        let articles = reader.name(parse_chunk(chunk, max_record)).into_articles();
        streamed += articles.len();
        if !articles.is_empty() {
            each(articles)?;
        }
    }
    Ok(reader.finish(streamed))
}

/// [`read_in_chunks`] on two threads: this one, whose chunks' articles go to `each`, and a
/// helper, whose go to `helper`. Each thread reads a chunk, parses it, waits for the
/// chunks before it to be named, names it, and hands its articles on; so both parse and
/// index at once, and the ids are those one thread gives. The first error of either
/// thread ends both.
pub fn read_in_chunks_shared(
    file: &CorpusFile,
    max_record: u64,
    each: &mut dyn FnMut(Vec<Article>) -> Result<()>,
    helper: &mut (dyn FnMut(Vec<Article>) -> Result<()> + Send),
) -> Result<FileContent> {
    let reader = match DumpReader::open(file, max_record) {
        Ok(reader) => reader,
        Err(e) => return Ok(unread(e)),
    };
    let shared = Shared {
        state: Mutex::new(State {
            reader,
            read: 0,
            named: 0,
            stopped: false,
            io_error: None,
        }),
        turn: Condvar::new(),
        max_record,
    };
    let (mine, helped) = std::thread::scope(|scope| {
        let helping = std::thread::Builder::new()
            .name("annals-index-dump".into())
            .spawn_scoped(scope, || shared.run(helper))
            .expect("spawn an indexing thread");
        let mine = shared.run(each);
        let helped = match helping.join() {
            Ok(helped) => helped,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (mine, helped)
    });
    let streamed = mine? + helped?;
    let state = shared
        .state
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(e) = state.io_error {
        return Ok(unread(e));
    }
    Ok(state.reader.finish(streamed))
}

/// What the threads of [`read_in_chunks_shared`] share.
struct Shared<'a> {
    state: Mutex<State<'a>>,
    /// Signalled whenever a chunk is named or the threads stop.
    turn: Condvar,
    max_record: u64,
}

struct State<'a> {
    reader: DumpReader<'a>,
    /// Chunks read so far: the next one read is number `read`.
    read: u64,
    /// Chunks named so far: chunk number `named` is named next.
    named: u64,
    /// Set when a thread failed (or panicked): the other stops too.
    stopped: bool,
    io_error: Option<std::io::Error>,
}

impl<'a> Shared<'a> {
    fn lock(&self) -> MutexGuard<'_, State<'a>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stop(&self) {
        self.lock().stopped = true;
        self.turn.notify_all();
    }

    /// One thread's share: chunks read, parsed, named in turn and handed to `each`, until
    /// the file ends or a thread fails. Returns how many articles it handed on.
    fn run(&self, each: &mut dyn FnMut(Vec<Article>) -> Result<()>) -> Result<usize> {
        // A panic in `each` must not leave the other thread waiting for its turn forever.
        struct StopOnPanic<'s, 'a>(&'s Shared<'a>);
        impl Drop for StopOnPanic<'_, '_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.stop();
                }
            }
        }
        let _guard = StopOnPanic(self);
        let mut streamed = 0;
        loop {
            let (number, chunk) = {
                let mut state = self.lock();
                if state.stopped {
                    break;
                }
                match state.reader.next_chunk() {
                    Ok(Some(chunk)) => {
                        state.read += 1;
                        (state.read - 1, chunk)
                    }
                    Ok(None) => break,
                    Err(e) => {
                        state.io_error = Some(e);
                        state.stopped = true;
                        self.turn.notify_all();
                        break;
                    }
                }
            };
            let parsed = parse_chunk(chunk, self.max_record);
            let named = {
                let mut state = self.lock();
                while state.named != number && !state.stopped {
                    state = self
                        .turn
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                if state.stopped {
                    break;
                }
                let named = state.reader.name(parsed);
                state.named += 1;
                self.turn.notify_all();
                named
            };
            let articles = named.into_articles();
            streamed += articles.len();
            if !articles.is_empty() {
                if let Err(e) = each(articles) {
                    self.stop();
                    return Err(e);
                }
            }
        }
        Ok(streamed)
    }
}

/// What reading a file that cannot be read gives: no record, so the next update tries again.
fn unread(e: std::io::Error) -> FileContent {
    FileContent {
        unread: true,
        skipped: Some(format!("cannot be read: {e}")),
        ..FileContent::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::dump::tests::dump;

    /// Tiny records come in chunks of at most `CHUNK_LINES` lines, and line numbers, ids
    /// and repeated ids run on across chunks as in one.
    #[test]
    fn tiny_records_come_in_chunks_of_bounded_lines() {
        let dir = tempfile::tempdir().unwrap();
        let n = 2 * CHUNK_LINES + 10;
        let mut lines: Vec<String> = (0..n)
            .map(|i| format!(r#"{{"id": "{i}", "text": "w"}}"#))
            .collect();
        lines.push(r#"{"text": "no id"}"#.into());
        lines.push(r#"{"id": "5", "text": "again"}"#.into());
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let file = dump(dir.path(), &lines);
        let mut chunks = Vec::new();
        let mut ids = Vec::new();
        let content = read_in_chunks(&file, 1 << 20, &mut |articles| {
            chunks.push(articles.len());
            ids.extend(articles.into_iter().map(|a| a.id));
            Ok(())
        })
        .unwrap();
        assert!(chunks.iter().all(|&c| c <= CHUNK_LINES), "{chunks:?}");
        assert_eq!(chunks.len(), 3, "{chunks:?}");
        assert_eq!(content.streamed, n + 2);
        assert_eq!(ids[CHUNK_LINES], CHUNK_LINES.to_string());
        assert_eq!(ids[n], format!("d#{}", n + 1));
        assert_eq!(ids[n + 1], format!("5#{}", n + 2));
        assert_eq!(content.warnings.len(), 1, "{:?}", content.warnings);
    }

    /// A line over the size limit is passed over unread, reported with its length and
    /// number, and the lines after it keep theirs; the same when it ends the file.
    #[test]
    fn a_line_over_the_limit_is_reported_not_gathered() {
        let dir = tempfile::tempdir().unwrap();
        let long = format!(r#"{{"id": "long", "text": "{}"}}"#, "a".repeat(5000));
        let file = dump(
            dir.path(),
            &[r#"{"text": "one"}"#, &long, r#"{"text": "three"}"#],
        );
        let mut ids = Vec::new();
        let content = read_in_chunks(&file, 1000, &mut |articles| {
            ids.extend(articles.into_iter().map(|a| a.id));
            Ok(())
        })
        .unwrap();
        assert_eq!(ids, ["d#1", "d#3"]);
        let warning = format!(
            "line 2: a record of {} bytes, larger than the size limit (1000 bytes; see \
             --max-file-size)",
            long.len()
        );
        assert_eq!(content.warnings, [warning]);
        // Unterminated, alone in the file.
        std::fs::write(&file.abs, &long).unwrap();
        let content = read_in_chunks(&file, 1000, &mut |_| Ok(())).unwrap();
        assert_eq!(content.warnings.len(), 1, "{:?}", content.warnings);
        let start = format!("line 1: a record of {} bytes", long.len());
        assert!(
            content.warnings[0].starts_with(&start),
            "{:?}",
            content.warnings
        );
        assert_eq!(content.hash, crate::corpus::hash_bytes(long.as_bytes()));
    }

    /// A UTF-16 dump, read whole, is held to the bound of a file read whole.
    #[test]
    fn a_utf16_dump_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dump(dir.path(), &[]);
        let text = "{\"text\": \"eins\"}\n{\"text\": \"zwei\"}\n";
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        std::fs::write(&file.abs, bytes).unwrap();
        let mut texts = Vec::new();
        let content = read_in_chunks(&file, 1000, &mut |articles| {
            texts.extend(articles.into_iter().map(|a| a.sections[0].text.clone()));
            Ok(())
        })
        .unwrap();
        assert_eq!(texts, ["eins", "zwei"]);
        assert_eq!(content.skipped, None);
    }

    /// Two threads hand on the articles one thread makes, with the same ids, keys and
    /// warnings, whatever each got.
    #[test]
    fn two_threads_make_what_one_makes() {
        let dir = tempfile::tempdir().unwrap();
        let mut lines: Vec<String> = (0..3 * CHUNK_LINES + 5)
            .map(|i| match (i % 1000, i % 777) {
                (999, _) => format!(r#"{{"id": "r{}", "text": "again"}}"#, i / 2),
                (_, 0) => r#"{"text": "no id"}"#.to_string(),
                (998, _) => "not json".to_string(),
                _ => format!(r#"{{"id": "r{i}", "text": "w{i}"}}"#),
            })
            .collect();
        lines.push(r#"{"id": "last", "text": "end"}"#.into());
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let file = dump(dir.path(), &lines);
        let key = |a: &Article| (a.id.clone(), a.record, a.sections[0].text.clone());
        let mut one = Vec::new();
        let alone = read_in_chunks(&file, 1 << 20, &mut |articles| {
            one.extend(articles.iter().map(key));
            Ok(())
        })
        .unwrap();
        let (mut mine, mut helped) = (Vec::new(), Vec::new());
        let shared = read_in_chunks_shared(
            &file,
            1 << 20,
            &mut |articles| {
                mine.extend(articles.iter().map(key));
                Ok(())
            },
            &mut |articles| {
                helped.extend(articles.iter().map(key));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(mine.len() + helped.len(), one.len());
        let mut two: Vec<_> = mine.into_iter().chain(helped).collect();
        two.sort();
        one.sort();
        assert!(two == one, "the two readings differ");
        assert_eq!(shared.streamed, alone.streamed);
        assert_eq!(shared.hash, alone.hash);
        assert_eq!(shared.warnings, alone.warnings);
        assert!(alone.warnings.len() >= 6, "{:?}", alone.warnings);
    }

    /// A thread that fails stops the other, and the error comes back.
    #[test]
    fn a_failing_thread_stops_both() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = (0..10 * CHUNK_LINES)
            .map(|i| format!(r#"{{"id": "{i}", "text": "w"}}"#))
            .collect();
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let file = dump(dir.path(), &lines);
        let mut handed = 0;
        // This thread waits with its first chunk until the helper has failed, so that the
        // helper surely gets one.
        let failed = std::sync::atomic::AtomicBool::new(false);
        let result = read_in_chunks_shared(
            &file,
            1 << 20,
            &mut |_| {
                let waited = std::time::Instant::now();
                while !failed.load(std::sync::atomic::Ordering::SeqCst)
                    && waited.elapsed() < std::time::Duration::from_secs(10)
                {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                Ok(())
            },
            &mut |articles| {
                handed += articles.len();
                failed.store(true, std::sync::atomic::Ordering::SeqCst);
                Err(crate::error::Error::option("--test", "failed on purpose"))
            },
        );
        assert!(result.is_err());
        assert!(handed <= CHUNK_LINES, "{handed}");
    }
}
