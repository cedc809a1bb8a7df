//! The records of JSON Lines dumps: a chunk of lines parsed, its records named (ids given,
//! repeated ones kept apart) and keyed (see `chunks` for reading a dump a chunk at a time,
//! `dump_scan` for comparing one record by record with the keys an index holds).

use std::collections::HashMap;

use super::jsonl::{self, Numbering};
use super::text::{self, Decoded};
use super::{file_name_stem, keep, walk, Article, CorpusFile};

/// Turns the records of one dump into articles, chunk after chunk: line numbers run on,
/// and an id repeated anywhere in the file is kept apart.
pub(super) struct Records<'a> {
    rel: &'a str,
    /// The file's article id, which records without an id of their own extend.
    file_id: String,
    stem: String,
    max_record: u64,
    /// How the records are numbered: by line, or by item of a JSON list.
    numbering: Numbering,
    /// The seed of the file's record keys.
    seed: u64,
    /// Where each record id was first seen: the sheet (0 but in a workbook's later sheets)
    /// and the line.
    seen: HashMap<String, (usize, usize)>,
    /// The names of a workbook's sheets read so far, the last being read.
    sheets: Vec<String>,
    /// The number of the next chunk's first line.
    next_line: usize,
    /// Whether bad UTF-8 was already reported.
    lossy: bool,
    /// The keys of the records whose values were warned about.
    warned: Vec<u64>,
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
            numbering: Numbering::Line,
            seed: record_seed(rel),
            seen: HashMap::new(),
            sheets: Vec::new(),
            next_line: 1,
            lossy: false,
            warned: Vec::new(),
        }
    }

    /// These records numbered as the items of a JSON list (one a line), not as lines.
    pub(super) fn items(self) -> Records<'a> {
        Records {
            numbering: Numbering::Item,
            ..self
        }
    }

    /// These records numbered as the entries of a bibliography (one a line), not as lines.
    pub(super) fn entries(self) -> Records<'a> {
        Records {
            numbering: Numbering::Entry,
            ..self
        }
    }

    /// These records numbered as the rows of a table (one a line), not as lines.
    pub(super) fn rows(self) -> Records<'a> {
        Records {
            numbering: Numbering::Row,
            ..self
        }
    }

    /// The records of a workbook's first sheet of articles, `name`, next: named as a
    /// table's rows are; the sheet is named only where a later sheet's warning points to it.
    pub(super) fn first_sheet(&mut self, name: &str) {
        self.sheets.push(name.to_string());
    }

    /// The records of a workbook's next sheet, `name`, numbered from its first row: their
    /// ids are `{file_id}#{name}#{row}` where they have none of their own, their titles
    /// (where they have none) name the sheet, and their keys are the sheet's own.
    pub(super) fn next_sheet(&mut self, file_id: &str, name: &str) {
        self.sheets.push(name.to_string());
        self.file_id = format!("{file_id}#{name}");
        self.stem = format!("{} {name}", file_name_stem(self.rel));
        self.seed = record_seed(&format!("{}\0{name}", self.rel));
        self.next_line = 1;
    }

    /// The articles of the next whole lines of the file, `bytes`; problems are pushed to
    /// `warnings`.
    pub(super) fn articles(&mut self, bytes: &[u8], warnings: &mut Vec<String>) -> Vec<Article> {
        let first = self.number(bytes);
        let parsed = parse_lines(bytes, first, self.max_record, self.numbering);
        self.name(parsed, warnings).into_articles()
    }

    /// The next whole lines of the file, numbered from where the last chunk ended;
    /// `passed_over` are the lines not gathered for being over the size limit (each line's
    /// place in the chunk, from 0, and its length), empty in `bytes`.
    pub(super) fn chunk(&mut self, bytes: Vec<u8>, passed_over: Vec<(usize, u64)>) -> RawChunk {
        let first = self.number(&bytes);
        let unit = self.numbering.word();
        let left_out = (passed_over.into_iter())
            .map(|(i, len)| {
                let number = first + i;
                (number, jsonl::too_large(unit, number, len, self.max_record))
            })
            .collect();
        RawChunk {
            bytes,
            first,
            left_out,
        }
    }

    /// The number of the first of the next whole lines of the file, `bytes`.
    fn number(&mut self, bytes: &[u8]) -> usize {
        let first = self.next_line;
        self.next_line += bytes.iter().filter(|&&b| b == b'\n').count();
        first
    }

    /// The records of a parsed chunk named (ids given, repeated ones kept apart), in the
    /// order of the chunks; problems are pushed to `warnings` in line order.
    pub(super) fn name(&mut self, parsed: ParsedChunk, warnings: &mut Vec<String>) -> NamedChunk {
        warnings.extend(parsed.left_out.into_iter().map(|(_, warning)| warning));
        if parsed.lossy {
            self.warn_lossy(warnings);
        }
        let mut records = Vec::with_capacity(parsed.lines.len());
        for line in parsed.lines {
            match line {
                Ok(line) => records.push(self.name_line(line, warnings)),
                Err(e) => warnings.push(e),
            }
        }
        NamedChunk {
            rel: self.rel.to_string(),
            stem: self.stem.clone(),
            numbering: self.numbering,
            records,
        }
    }

    pub(super) fn warn_lossy(&mut self, warnings: &mut Vec<String>) {
        if !std::mem::replace(&mut self.lossy, true) {
            warnings.push(text::LOSSY.into());
        }
    }

    /// One parsed line with its id and key, given by where it stands.
    fn name_line(&mut self, mut line: jsonl::Line, warnings: &mut Vec<String>) -> Named {
        let number = line.number;
        let noted = !line.notes.is_empty();
        warnings.append(&mut line.notes);
        let (mut id, mut placement) = match line.id.take() {
            Some(id) => (id, Placement::Own),
            None => (
                format!("{}#{number}", self.file_id),
                Placement::Numbered(number),
            ),
        };
        let sheet = self.sheets.len().saturating_sub(1);
        if let Some(&(earlier_sheet, earlier)) = self.seen.get(&id) {
            let apart = format!("{id}#{number}");
            let unit = self.numbering.word();
            let place = match self.sheets.get(earlier_sheet) {
                Some(name) if earlier_sheet != sheet => format!("sheet {name:?}, "),
                _ => String::new(),
            };
            warnings.push(format!(
                "{unit} {number}: id {id:?} is also on {place}{unit} {earlier}; indexed as \
                 {apart:?}"
            ));
            id = apart;
            placement = Placement::Repeated(number);
        }
        self.seen.entry(id.clone()).or_insert((sheet, number));
        let key = self.key(line.hash, placement);
        if noted {
            self.warned.push(key);
        }
        Named { line, id, key }
    }

    /// The key of a record of this file whose line hashes to `line_hash`, placed so.
    pub(super) fn key(&self, line_hash: u64, placement: Placement) -> u64 {
        record_key(line_hash, self.seed, placement)
    }

    /// The keys of the records whose values were warned about, taken.
    pub(super) fn take_warned(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.warned)
    }

    /// The article of one parsed line, its id and key given by where it stands.
    pub(super) fn place(
        &mut self,
        line: jsonl::Line,
        warnings: &mut Vec<String>,
    ) -> Option<Article> {
        let named = self.name_line(line, warnings);
        named.into_article(self.rel, &self.stem, self.numbering)
    }
}

/// Whole lines of a dump as read, and the number of the first.
pub(super) struct RawChunk {
    bytes: Vec<u8>,
    first: usize,
    /// The lines left out unread (over the size limit), each reported: by number.
    left_out: Vec<(usize, String)>,
}

/// A chunk's lines parsed, not yet named; what went wrong is kept for naming to report, so
/// that warnings come in line order however many threads parse.
pub(super) struct ParsedChunk {
    /// Lines left out before parsing (binary data, over the size limit), reported first:
    /// by number, in order.
    left_out: Vec<(usize, String)>,
    /// Whether the chunk was not valid UTF-8.
    lossy: bool,
    lines: Vec<std::result::Result<jsonl::Line, String>>,
}

/// Parse a chunk's lines. Needs nothing from the chunks before it, so threads parse their
/// chunks at the same time and name them in turn.
pub(super) fn parse_chunk(chunk: RawChunk, max_record: u64) -> ParsedChunk {
    let mut parsed = parse_lines(&chunk.bytes, chunk.first, max_record, Numbering::Line);
    if !chunk.left_out.is_empty() {
        parsed.left_out.extend(chunk.left_out);
        parsed.left_out.sort_by_key(|(number, _)| *number);
    }
    parsed
}

/// Parse whole lines `bytes`, the first numbered `first`.
fn parse_lines(bytes: &[u8], first: usize, max_record: u64, numbering: Numbering) -> ParsedChunk {
    let mut left_out = Vec::new();
    // A line holding NUL bytes is binary data, not a record: it is left out alone.
    let utf16 = text::is_utf16(bytes);
    let cleaned;
    let bytes = match !utf16 && bytes.contains(&0) {
        true => {
            cleaned = without_binary_lines(bytes, first, &mut left_out);
            &cleaned[..]
        }
        false => bytes,
    };
    let (text, lossy) = match text::decode(bytes) {
        Decoded::Utf8(text) => (text, false),
        Decoded::Lossy(text) => (text, true),
        Decoded::Binary => unreachable!("lines with NUL bytes are blanked"),
    };
    ParsedChunk {
        left_out,
        lossy,
        lines: jsonl::parse(&text, first, max_record, numbering),
    }
}

/// A parsed line with its id and record key.
struct Named {
    line: jsonl::Line,
    id: String,
    key: u64,
}

impl Named {
    fn into_article(self, rel: &str, stem: &str, numbering: Numbering) -> Option<Article> {
        let number = self.line.number;
        let numbered = || format!("{stem} {} {number}", numbering.word());
        let mut article =
            (self.line.outline).into_record(self.id, rel.to_string(), numbered, keep)?;
        article.record = Some(self.key);
        Some(article)
    }
}

/// A chunk's records named, ready to become articles (on any thread).
pub(super) struct NamedChunk {
    rel: String,
    stem: String,
    numbering: Numbering,
    records: Vec<Named>,
}

impl NamedChunk {
    /// The chunk's articles; records with no text make none.
    pub(super) fn into_articles(self) -> Vec<Article> {
        let (rel, stem, numbering) = (self.rel, self.stem, self.numbering);
        (self.records.into_iter())
            .filter_map(|named| named.into_article(&rel, &stem, numbering))
            .collect()
    }
}

/// `bytes` with every line holding a NUL byte blanked (its newline kept, so line numbers
/// hold), each reported; `first` is the number of the first line.
fn without_binary_lines(
    bytes: &[u8],
    first: usize,
    warnings: &mut Vec<(usize, String)>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
        if line.contains(&0) {
            warnings.push((first + i, binary_line(first + i)));
            out.extend(line.ends_with(b"\n").then_some(b'\n'));
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

pub(super) fn binary_line(number: usize) -> String {
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

#[cfg(test)]
pub(super) mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::corpus::Format;

    /// A dump `d.jsonl` of `lines` in `dir`.
    pub(in crate::corpus) fn dump(dir: &std::path::Path, lines: &[&str]) -> CorpusFile {
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
    fn a_workbooks_later_sheet_names_its_rows_and_keeps_its_ids_apart() {
        let mut records = Records::new("w.xlsx", "w".into(), 1 << 20).rows();
        let mut warnings = Vec::new();
        let bytes = b"\n{\"id\": \"a\", \"text\": \"A.\"}\n{\"text\": \"B.\"}\n";
        records.first_sheet("Sheet1");
        let first = records.articles(bytes, &mut warnings);
        records.next_sheet("w", "Notes");
        let later = records.articles(bytes, &mut warnings);
        let ids = |articles: &[Article]| -> Vec<String> {
            articles.iter().map(|a| a.id.clone()).collect()
        };
        assert_eq!(ids(&first), ["a", "w#3"]);
        // Rows are numbered from the sheet's header; an id another sheet has is kept apart.
        assert_eq!(ids(&later), ["a#2", "w#Notes#3"]);
        assert_eq!(
            warnings,
            ["row 2: id \"a\" is also on sheet \"Sheet1\", row 2; indexed as \"a#2\""]
        );
        let keys: HashSet<u64> = (first.iter().chain(&later))
            .filter_map(|a| a.record)
            .collect();
        assert_eq!(keys.len(), 4);
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
