//! JSON Lines dumps, read a chunk of whole lines at a time: memory holds one chunk and its
//! articles, not the file, and a full build indexes each chunk's articles before the next
//! is read. The file's bytes are hashed on the way, as a file read at once is.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};

use super::text::{self, Decoded};
use super::{file_name_stem, jsonl, keep, walk, Article, CorpusFile, FileContent};
use crate::error::Result;

/// Bytes of whole lines gathered before they are parsed.
const CHUNK_BYTES: usize = 4 << 20;

/// Turns the records of one dump into articles, chunk after chunk: line numbers run on,
/// and an id repeated anywhere in the file is kept apart.
pub(super) struct Records<'a> {
    rel: &'a str,
    /// The file's article id, which records without an id of their own extend.
    file_id: String,
    stem: String,
    max_record: u64,
    /// Where each record id was first seen.
    seen: HashMap<String, usize>,
    /// The number of the next chunk's first line.
    next_line: usize,
    /// Whether bad UTF-8 was already reported.
    lossy: bool,
}

impl<'a> Records<'a> {
    pub(super) fn new(rel: &'a str, file_id: String, max_record: u64) -> Records<'a> {
        Records {
            rel,
            file_id,
            stem: file_name_stem(rel),
            max_record,
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
        let text = match text::decode(bytes) {
            Decoded::Utf8(text) => text,
            Decoded::Lossy(text) => {
                if !std::mem::replace(&mut self.lossy, true) {
                    warnings.push("not valid UTF-8; decoded with replacement characters".into());
                }
                text
            }
            Decoded::Binary => {
                let last = self.next_line.saturating_sub(1).max(first);
                warnings.push(format!(
                    "lines {first}–{last}: binary data (NUL bytes); skipped"
                ));
                return Vec::new();
            }
        };
        let mut articles = Vec::new();
        for line in jsonl::parse(&text, first, self.max_record) {
            let line = match line {
                Ok(line) => line,
                Err(e) => {
                    warnings.push(e);
                    continue;
                }
            };
            let number = line.number;
            let mut id = line
                .id
                .unwrap_or_else(|| format!("{}#{number}", self.file_id));
            if let Some(earlier) = self.seen.get(&id) {
                let apart = format!("{id}#{number}");
                warnings.push(format!(
                    "line {number}: id {id:?} is also on line {earlier}; indexed as {apart:?}"
                ));
                id = apart;
            }
            self.seen.entry(id.clone()).or_insert(number);
            let fallback = format!("{} line {number}", self.stem);
            articles.extend(
                line.outline
                    .into_article(id, self.rel.to_string(), &fallback, keep),
            );
        }
        articles
    }
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
    let (mut whole, mut first_line) = (false, true);
    loop {
        let read = match reader.read_until(b'\n', &mut chunk) {
            Ok(read) => read,
            Err(e) => return Ok(unread(e)),
        };
        hasher.update(&chunk[chunk.len() - read..]);
        if std::mem::replace(&mut first_line, false) {
            whole = chunk.starts_with(&[0xFF, 0xFE]) || chunk.starts_with(&[0xFE, 0xFF]);
        }
        if read == 0 || (!whole && chunk.len() >= CHUNK_BYTES) {
            let articles = records.articles(&chunk, &mut content.warnings);
            content.streamed += articles.len();
            chunk.clear();
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
