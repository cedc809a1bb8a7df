//! A JSON Lines dump compared record by record with the keys an index holds for it, so
//! that an update reads only the records that changed.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};

use super::dump::{binary_line, dump_id, Placement, Records};
use super::jsonl::{self, Numbering};
use super::{capped, text, Article, CorpusFile};

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
    /// Problems with the new or changed records, and those of kept records that were
    /// warned about (read again for their warnings alone).
    pub warnings: Vec<String>,
    /// The keys of the records, new or kept, whose values were warned about.
    pub warned: Vec<u64>,
    /// Records cannot be told apart here (more changed than [`PENDING_BYTES`], an id
    /// repeated, line breaks other than `\n`): the file must be read whole.
    pub whole: bool,
}

/// Bytes of new or changed records held while a dump is compared; past this, reading it
/// whole costs no more.
pub const PENDING_BYTES: usize = 32 << 20;

/// Compare the dump `file` line by line with `known`, the keys an index holds for its
/// records: lines whose key is known are kept unread, the others are parsed (records over
/// `max_record` bytes are warned about and left out). Kept records whose key is in
/// `warned` are parsed for their warnings alone. Memory holds one line and the new
/// records, never the file.
pub fn scan_records(
    file: &CorpusFile,
    max_record: u64,
    known: &HashSet<u64>,
    warned: &HashSet<u64>,
) -> std::io::Result<RecordScan> {
    let mut reader = BufReader::with_capacity(1 << 16, file.open()?);
    let mut records = Records::new(&file.rel, dump_id(file), max_record);
    let mut scan = RecordScan::default();
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let (mut pending, mut pending_bytes) = (Vec::new(), 0);
    let mut line = Vec::new();
    let mut number = 0;
    scan.whole = text::is_utf16(reader.fill_buf()?);
    loop {
        line.clear();
        // Once the file is to be read whole, only its hash is still wanted.
        let limit = if scan.whole {
            0
        } else {
            capped::limit(max_record)
        };
        let read = capped::read_line(&mut reader, &mut line, limit, &mut |bytes| {
            hasher.update(bytes)
        })?;
        if read.len == 0 {
            break;
        }
        number += 1;
        if scan.whole {
            continue;
        }
        if !read.kept {
            let unit = Numbering::Line.word();
            (scan.warnings).push(jsonl::too_large(unit, number, read.text_len, max_record));
            continue;
        }
        // The line as the chunked reader's decoding gives it.
        let mut bytes = line.strip_suffix(b"\n").unwrap_or(&line);
        bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if number == 1 {
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
        let own = records.key(hash, Placement::Own);
        let known_key = match known.contains(&own) {
            true => Some(own),
            false => Some(records.key(hash, Placement::Numbered(number)))
                .filter(|key| known.contains(key)),
        };
        if let Some(key) = known_key {
            // The same line twice is an id given twice.
            scan.whole |= !scan.kept.insert(key);
            if warned.contains(&key) {
                scan.warned.push(key);
                for line in jsonl::parse(&text, number, max_record, Numbering::Line)
                    .into_iter()
                    .flatten()
                {
                    scan.warnings.extend(line.notes);
                }
            }
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
        for line in jsonl::parse(&text, number, max_record, Numbering::Line) {
            match line {
                Ok(line) => scan.new.extend(records.place(line, &mut scan.warnings)),
                Err(e) => scan.warnings.push(e),
            }
        }
    }
    scan.warned.extend(records.take_warned());
    Ok(scan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::dump::tests::dump;
    use crate::corpus::read_in_chunks;

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

        let unchanged = scan_records(&file, 1 << 20, &known, &HashSet::new()).unwrap();
        assert_eq!(unchanged.kept, known);
        assert!(unchanged.new.is_empty() && !unchanged.whole);

        // `b` changes, `c` is added, and the line without an id moves down one.
        let b2 = r#"{"id": "b", "title": "B", "text": "Beta, again."}"#;
        let c = r#"{"id": "c", "title": "C", "text": "Gamma."}"#;
        let file = dump(dir.path(), &[c, a, unnamed, b2]);
        let scan = scan_records(&file, 1 << 20, &known, &HashSet::new()).unwrap();
        assert_eq!(scan.kept, HashSet::from([keys[0]]));
        let new: Vec<&str> = scan.new.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(new, ["c", "d#3", "b"]);
        assert_eq!(
            scan.hash,
            crate::corpus::hash_bytes(&std::fs::read(&file.abs).unwrap())
        );
    }

    #[test]
    fn a_scan_passes_over_a_line_over_the_limit_as_the_reader_does() {
        let dir = tempfile::tempdir().unwrap();
        let a = r#"{"id": "a", "text": "Alpha."}"#;
        let file = dump(dir.path(), &[a]);
        let mut known = HashSet::new();
        read_in_chunks(&file, 100, &mut |articles| {
            known.extend(articles.iter().map(|a| a.record.unwrap()));
            Ok(())
        })
        .unwrap();
        let long = format!(r#"{{"id": "l", "text": "{}"}}"#, "x".repeat(300));
        let file = dump(dir.path(), &[&long, a]);
        let read = read_in_chunks(&file, 100, &mut |_| Ok(())).unwrap();
        let scan = scan_records(&file, 100, &known, &HashSet::new()).unwrap();
        assert_eq!(scan.kept, known);
        assert!(scan.new.is_empty() && !scan.whole);
        assert_eq!(scan.warnings, read.warnings);
        let start = format!("line 1: a record of {} bytes", long.len());
        assert!(scan.warnings[0].starts_with(&start), "{:?}", scan.warnings);
        assert_eq!(scan.hash, read.hash);
    }

    #[test]
    fn kept_records_warned_about_are_read_again_for_their_warnings() {
        let dir = tempfile::tempdir().unwrap();
        let odd = r#"{"id": "a", "title": {"x": 1}, "text": "Alpha.", "lang": true}"#;
        let b = r#"{"id": "b", "title": "B", "text": "Beta."}"#;
        let file = dump(dir.path(), &[b, odd]);
        let content = read_in_chunks(&file, 1 << 20, &mut |_| Ok(())).unwrap();
        assert_eq!(content.warned_records.len(), 1, "{:?}", content.warnings);
        let mut keys = Vec::new();
        read_in_chunks(&file, 1 << 20, &mut |articles| {
            keys.extend(articles.iter().map(|a| a.record.unwrap()));
            Ok(())
        })
        .unwrap();
        let known: HashSet<u64> = keys.into_iter().collect();
        let warned: HashSet<u64> = content.warned_records.iter().copied().collect();

        // A line goes in front: the odd record, kept, is warned about on its new line.
        let c = r#"{"id": "c", "title": "C", "text": "Gamma."}"#;
        let file = dump(dir.path(), &[c, b, odd]);
        let scan = scan_records(&file, 1 << 20, &known, &warned).unwrap();
        assert_eq!(scan.new.len(), 1);
        assert_eq!(scan.warned, content.warned_records);
        assert!(!scan.warnings.is_empty());
        assert!(
            scan.warnings.iter().all(|w| w.starts_with("line 3: ")),
            "{:?}",
            scan.warnings
        );
        // Not asked for, it is not read.
        let scan = scan_records(&file, 1 << 20, &known, &HashSet::new()).unwrap();
        assert!(scan.warnings.is_empty() && scan.warned.is_empty());
    }
}
