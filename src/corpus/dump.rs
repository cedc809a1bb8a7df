//! JSON Lines dumps, read a chunk of whole lines at a time: memory holds one chunk and its
//! articles, not the file, and a full build indexes each chunk's articles before the next
//! is read. The file's bytes are hashed on the way, as a file read at once is.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};

use super::text::{self, Decoded};
use super::{file_name_stem, jsonl, keep, walk, Article, CorpusFile, FileContent};
use crate::error::Result;

/// Bytes of whole lines gathered before they are parsed.
const CHUNK_BYTES: usize = 4 << 20;

/// Most lines gathered before they are parsed: a parsed record takes several hundred bytes
/// however short its line, so a chunk of tiny records (`{"id": "1", "text": "w"}`) would
/// otherwise become tens of megabytes of articles, several chunks of which are in flight
/// between the reading and indexing threads. Real records are longer (the wiki dump's
/// average 4 KB, so 1,000 to a chunk) and never reach this.
const CHUNK_LINES: usize = 8192;

/// Turns the records of one dump into articles, chunk after chunk: line numbers run on,
/// and an id repeated anywhere in the file is kept apart.
pub(super) struct Records<'a> {
    rel: &'a str,
    /// The file's article id, which records without an id of their own extend.
    file_id: String,
    stem: String,
    max_record: u64,
    /// The seed of the file's record keys.
    seed: u64,
    /// Where each record id was first seen.
    seen: HashMap<String, usize>,
    /// The number of the next chunk's first line.
    next_line: usize,
    /// Whether bad UTF-8 was already reported.
    lossy: bool,
}

/// What a record's id owes to where it stands in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placement {
    /// The record's own id: the key is its line's alone, wherever the line moves.
    Own,
    /// No id of its own: it is named by its line number, which the key holds too.
    Numbered(usize),
    /// An id an earlier line has: kept apart by its line number.
    Repeated(usize),
}

/// The key of a record of the file whose keys are seeded `seed`: the hash of its line,
/// with its line number when its id depends on it. Keys of repeated ids are odd, all
/// others even, so an index tells at a glance whether a file has any.
pub(crate) fn record_key(line_hash: u64, seed: u64, placement: Placement) -> u64 {
    let number = match placement {
        Placement::Own => 0,
        Placement::Numbered(n) | Placement::Repeated(n) => n as u64,
    };
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&line_hash.to_le_bytes());
    bytes[8..].copy_from_slice(&number.to_le_bytes());
    let key = xxhash_rust::xxh3::xxh3_64_with_seed(&bytes, seed) & !1;
    match placement {
        Placement::Repeated(_) => key | 1,
        _ => key,
    }
}

/// The seed of the record keys of the dump at `rel`: the same line in two files has two
/// keys.
pub(crate) fn record_seed(rel: &str) -> u64 {
    super::hash_bytes(rel.as_bytes())
}

impl<'a> Records<'a> {
    pub(super) fn new(rel: &'a str, file_id: String, max_record: u64) -> Records<'a> {
        Records {
            rel,
            file_id,
            stem: file_name_stem(rel),
            max_record,
            seed: record_seed(rel),
            seen: HashMap::new(),
            next_line: 1,
            lossy: false,
        }
    }

    /// The articles of the next whole lines of the file, `bytes`; problems are pushed to
    /// `warnings`.
    pub(super) fn articles(&mut self, bytes: &[u8], warnings: &mut Vec<String>) -> Vec<Article> {
        let first = self.next_line;
        self.next_line += bytes.iter().filter(|&&b| b == b'\n').count();
        // A line holding NUL bytes is binary data, not a record: it is left out alone.
        let utf16 = text::is_utf16(bytes);
        let cleaned;
        let bytes = match !utf16 && bytes.contains(&0) {
            true => {
                cleaned = without_binary_lines(bytes, first, warnings);
                &cleaned[..]
            }
            false => bytes,
        };
        let text = match text::decode(bytes) {
            Decoded::Utf8(text) => text,
            Decoded::Lossy(text) => {
                self.warn_lossy(warnings);
                text
            }
            Decoded::Binary => unreachable!("lines with NUL bytes are blanked"),
        };
        let mut articles = Vec::new();
        for line in jsonl::parse(&text, first, self.max_record) {
            match line {
                Ok(line) => articles.extend(self.place(line, warnings)),
                Err(e) => warnings.push(e),
            }
        }
        articles
    }

    fn warn_lossy(&mut self, warnings: &mut Vec<String>) {
        if !std::mem::replace(&mut self.lossy, true) {
            warnings.push("not valid UTF-8; decoded with replacement characters".into());
        }
    }

    /// The article of one parsed line, its id and key given by where it stands.
    fn place(&mut self, line: jsonl::Line, warnings: &mut Vec<String>) -> Option<Article> {
        let number = line.number;
        let (mut id, mut placement) = match line.id {
            Some(id) => (id, Placement::Own),
            None => (
                format!("{}#{number}", self.file_id),
                Placement::Numbered(number),
            ),
        };
        if let Some(earlier) = self.seen.get(&id) {
            let apart = format!("{id}#{number}");
            warnings.push(format!(
                "line {number}: id {id:?} is also on line {earlier}; indexed as {apart:?}"
            ));
            id = apart;
            placement = Placement::Repeated(number);
        }
        self.seen.entry(id.clone()).or_insert(number);
        let fallback = format!("{} line {number}", self.stem);
        let mut article = line
            .outline
            .into_article(id, self.rel.to_string(), &fallback, keep)?;
        article.record = Some(record_key(line.hash, self.seed, placement));
        Some(article)
    }
}

/// `bytes` with every line holding a NUL byte blanked (its newline kept, so line numbers
/// hold), each reported; `first` is the number of the first line.
fn without_binary_lines(bytes: &[u8], first: usize, warnings: &mut Vec<String>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        if line.contains(&0) {
            warnings.push(binary_line(first + i));
            out.extend(line.ends_with(b"\n").then_some(b'\n'));
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

fn binary_line(number: usize) -> String {
    format!("line {number}: binary data (NUL bytes); skipped")
}

/// The article id of the dump `file`, which its records without an id extend: its path
/// without the extension, or with it when another file has the same name.
pub(super) fn dump_id(file: &CorpusFile) -> String {
    match file.same_name {
        None => walk::stem(&file.rel).to_string(),
        Some(_) => file.rel.clone(),
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
    let mut reader = match File::open(&file.abs) {
        Ok(f) => BufReader::with_capacity(1 << 16, f),
        Err(e) => return Ok(unread(e)),
    };
    let mut content = FileContent::default();
    let mut records = Records::new(&file.rel, dump_id(file), max_record);
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut chunk: Vec<u8> = Vec::with_capacity(CHUNK_BYTES + (1 << 16));
    let (mut whole, mut first_line, mut lines) = (false, true, 0);
    loop {
        let read = match reader.read_until(b'\n', &mut chunk) {
            Ok(read) => read,
            Err(e) => return Ok(unread(e)),
        };
        lines += 1;
        hasher.update(&chunk[chunk.len() - read..]);
        if std::mem::replace(&mut first_line, false) {
            whole = text::is_utf16(&chunk);
        }
        if read == 0 || (!whole && (chunk.len() >= CHUNK_BYTES || lines >= CHUNK_LINES)) {
            let articles = records.articles(&chunk, &mut content.warnings);
            content.streamed += articles.len();
            chunk.clear();
            lines = 0;
            if !articles.is_empty() {
                each(articles)?;
            }
        }
        if read == 0 {
            break;
        }
    }
    content.hash = hasher.digest();
    if content.streamed == 0 {
        content.skipped = Some("no text to index".into());
    }
    Ok(content)
}

/// What reading a file that cannot be read gives: no record, so the next update tries again.
fn unread(e: std::io::Error) -> FileContent {
    FileContent {
        unread: true,
        skipped: Some(format!("cannot be read: {e}")),
        ..FileContent::default()
    }
}

/// A dump compared record by record with the keys an index holds for it (see
/// [`scan_records`]).
#[derive(Debug, Default)]
pub struct RecordScan {
    /// The hash of the file's bytes, as a file read at once hashes.
    pub hash: u64,
    /// The known keys still in the file: their records are unchanged and in place.
    pub kept: HashSet<u64>,
    /// The articles of the records that are new or changed.
    pub new: Vec<Article>,
    /// Problems with the new or changed records.
    pub warnings: Vec<String>,
    /// Records cannot be told apart here (more changed than [`PENDING_BYTES`], an id
    /// repeated, line breaks other than `\n`): the file must be read whole.
    pub whole: bool,
}

/// Bytes of new or changed records held while a dump is compared; past this, reading it
/// whole costs no more.
pub const PENDING_BYTES: usize = 32 << 20;

/// Compare the dump `file` line by line with `known`, the keys an index holds for its
/// records: lines whose key is known are kept unread, the others are parsed (records over
/// `max_record` bytes are warned about and left out). Memory holds one line and the new
/// records, never the file.
pub fn scan_records(
    file: &CorpusFile,
    max_record: u64,
    known: &HashSet<u64>,
) -> std::io::Result<RecordScan> {
    let mut reader = BufReader::with_capacity(1 << 16, File::open(&file.abs)?);
    let mut records = Records::new(&file.rel, dump_id(file), max_record);
    let mut scan = RecordScan::default();
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let (mut pending, mut pending_bytes) = (Vec::new(), 0);
    let mut line = Vec::new();
    let mut number = 0;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        hasher.update(&line);
        number += 1;
        if scan.whole {
            continue; // only the hash is still wanted
        }
        // The line as the chunked reader's decoding gives it.
        let mut bytes = line.strip_suffix(b"\n").unwrap_or(&line);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if number == 1 {
            scan.whole |= text::is_utf16(bytes);
            bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        }
        // A lone carriage return breaks the line there when read whole.
        scan.whole |= bytes.contains(&b'\r');
        if bytes.contains(&0) {
            scan.warnings.push(binary_line(number));
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        if text.trim().is_empty() {
            continue;
        }
        let hash = super::hash_bytes(text.as_bytes());
        // The record's own key, else its key by line number, if the index holds it.
        let own = record_key(hash, records.seed, Placement::Own);
        let known_key = match known.contains(&own) {
            true => Some(own),
            false => Some(record_key(hash, records.seed, Placement::Numbered(number)))
                .filter(|key| known.contains(key)),
        };
        if let Some(key) = known_key {
            // The same line twice is an id given twice.
            scan.whole |= !scan.kept.insert(key);
        } else {
            if matches!(text, std::borrow::Cow::Owned(_)) {
                records.warn_lossy(&mut scan.warnings);
            }
            pending_bytes += text.len();
            match pending_bytes > PENDING_BYTES {
                true => scan.whole = true,
                false => pending.push((number, text.into_owned())),
            }
        }
    }
    scan.hash = hasher.digest();
    if scan.whole {
        return Ok(scan);
    }
    for (number, text) in pending {
        for line in jsonl::parse(&text, number, max_record) {
            match line {
                Ok(line) => scan.new.extend(records.place(line, &mut scan.warnings)),
                Err(e) => scan.warnings.push(e),
            }
        }
    }
    Ok(scan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Format;

    fn dump(dir: &std::path::Path, lines: &[&str]) -> CorpusFile {
        let abs = dir.join("d.jsonl");
        std::fs::write(&abs, lines.join("\n") + "\n").unwrap();
        CorpusFile {
            rel: "d.jsonl".into(),
            abs,
            format: Format::JsonLines,
            size: 0,
            mtime_ns: 0,
            same_name: None,
        }
    }

    #[test]
    fn a_scan_keeps_the_keys_the_reader_gave_and_parses_only_new_lines() {
        let dir = tempfile::tempdir().unwrap();
        let a = r#"{"id": "a", "title": "A", "text": "Alpha."}"#;
        let b = r#"{"id": "b", "title": "B", "text": "Beta."}"#;
        let unnamed = r#"{"title": "N", "text": "No id."}"#;
        let file = dump(dir.path(), &[a, unnamed, b]);
        let mut keys = Vec::new();
        read_in_chunks(&file, 1 << 20, &mut |articles| {
            keys.extend(articles.iter().map(|a| a.record.unwrap()));
            Ok(())
        })
        .unwrap();
        let known: HashSet<u64> = keys.iter().copied().collect();
        assert_eq!(known.len(), 3);

        let unchanged = scan_records(&file, 1 << 20, &known).unwrap();
        assert_eq!(unchanged.kept, known);
        assert!(unchanged.new.is_empty() && !unchanged.whole);

        // `b` changes, `c` is added, and the line without an id moves down one.
        let b2 = r#"{"id": "b", "title": "B", "text": "Beta, again."}"#;
        let c = r#"{"id": "c", "title": "C", "text": "Gamma."}"#;
        let file = dump(dir.path(), &[c, a, unnamed, b2]);
        let scan = scan_records(&file, 1 << 20, &known).unwrap();
        assert_eq!(scan.kept, HashSet::from([keys[0]]));
        let new: Vec<&str> = scan.new.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(new, ["c", "d#3", "b"]);
        assert_eq!(
            scan.hash,
            crate::corpus::hash_bytes(&std::fs::read(&file.abs).unwrap())
        );
    }

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

    #[test]
    fn a_line_with_nul_bytes_is_skipped_alone() {
        let mut records = Records::new("d.jsonl", "d".into(), 1 << 20);
        let mut warnings = Vec::new();
        let bytes = b"{\"id\": \"a\", \"text\": \"A.\"}\n{\"id\": \"b\0\"}\n{\"id\": \"c\", \"text\": \"C.\"}\n";
        let articles = records.articles(bytes, &mut warnings);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(warnings, ["line 2: binary data (NUL bytes); skipped"]);
    }

    #[test]
    fn keys_tell_apart_files_places_and_repeated_ids() {
        let (one, two) = (record_seed("a.jsonl"), record_seed("b.jsonl"));
        let own = record_key(7, one, Placement::Own);
        assert_ne!(own, record_key(7, two, Placement::Own));
        assert_ne!(own, record_key(7, one, Placement::Numbered(1)));
        assert_eq!(own & 1, 0);
        assert_eq!(record_key(7, one, Placement::Numbered(3)) & 1, 0);
        assert_eq!(record_key(7, one, Placement::Repeated(3)) & 1, 1);
    }
}
