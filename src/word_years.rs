//! How many sections of each year hold a common word, counted per segment at index time, so
//! that the timeline of a one-word search need not walk the word's matches.
//!
//! A timeline counts every match of a search, while the search finds its page of a common
//! word by skipping most of them: walking them all again to count them cost more than the
//! search itself (BENCHMARKS.md, "`--timeline` of a common word"). For each word in at least
//! [`MIN_DOCS`] documents of a segment, the segment's file holds how many sections of each
//! year, and without one, hold the word in any of the fields a word is looked for in
//! ([`fields`]). A segment's documents never change, only which of them are deleted, so a
//! file is written once for each segment, after the commit that made it, counting every
//! document; a search takes off the segment's deleted documents as it reads the counts.
//! A segment without its file (an index of an older version, an update interrupted after
//! its commit) is walked as before.
//!
//! A file: the length of an FST (8 bytes, little-endian), the FST from each word to where
//! its counts start, then the counts of every word: how many documents of any kind hold the
//! word, how many sections without a year, how many years follow, then each year (as a
//! zigzag difference from the one before) and its count, all as LEB128 varints.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use tantivy::directory::{Directory, OwnedBytes, TerminatingWrite, WritePtr};
use tantivy::index::SegmentId;
use tantivy::postings::BlockSegmentPostings;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Index, ReloadPolicy, SegmentReader};
use tantivy_fst::raw::Fst;
use tantivy_fst::{Map, MapBuilder};

use crate::error::{Error, Result};
use crate::schema::{Fields, TimelineKey};

/// Words in fewer documents of a segment than this are walked: a few thousand
/// instructions a segment. Fewer would cost more space than the walks they save.
pub(crate) const MIN_DOCS: u32 = 128;

/// Prefix of the files' names, followed by the segment's id. The leading dot keeps tantivy
/// from managing (and garbage-collecting) them.
const FILE_PREFIX: &str = ".annals-years-";

/// A segment's deleted documents are found by checking each of its documents, which costs
/// about this many times less than counting a match: the counts of a word in a segment
/// with deletions are read only when its documents number at most this many times the
/// word's.
const CHECKS_PER_COUNT: u64 = 16;

fn file_name(segment: SegmentId) -> String {
    format!("{FILE_PREFIX}{}", segment.uuid_string())
}

/// The counts of one segment's common words.
pub(crate) struct WordYears {
    map: Map<OwnedBytes>,
    counts: OwnedBytes,
}

/// Sections per year of one word in one segment: `(None, n)` for those without a year.
pub(crate) type YearCounts = Vec<(Option<i64>, u64)>;

impl WordYears {
    /// The counts of `segment` in the index `directory`, or `None` when it has no file or
    /// its file cannot be read (then the segment is walked).
    pub(crate) fn open(directory: &dyn Directory, segment: SegmentId) -> Option<WordYears> {
        let bytes = directory
            .open_read(Path::new(&file_name(segment)))
            .ok()?
            .read_bytes()
            .ok()?;
        let (length, rest) = bytes.split(8);
        let length = u64::from_le_bytes(length.as_slice().try_into().ok()?);
        if length > rest.len() as u64 {
            return None;
        }
        let (fst, counts) = rest.split(length as usize);
        let map = Map::from(Fst::new(fst).ok()?);
        Some(WordYears { map, counts })
    }

    /// How many live sections of each year of `segment` hold the word `text` (a term's
    /// bytes) in any of the [`fields`]; `None` when the file does not count the word, or
    /// when taking off the segment's deleted documents would cost more than walking them.
    pub(crate) fn live_counts(
        &self,
        segment: &SegmentReader,
        index_fields: &Fields,
        text: &[u8],
    ) -> tantivy::Result<Option<YearCounts>> {
        let Some(at) = self.map.get(text) else {
            return Ok(None);
        };
        let bytes = self
            .counts
            .as_slice()
            .get(at as usize..)
            .unwrap_or_default();
        let Some((docs, mut counts)) = decode(bytes) else {
            return Ok(None);
        };
        let Some(alive) = segment.alive_bitset() else {
            return Ok(Some(counts));
        };
        if u64::from(segment.max_doc()) > docs.saturating_mul(CHECKS_PER_COUNT) {
            return Ok(None);
        }
        let keys = segment.fast_fields().u64("timeline_key")?;
        let mut postings = Vec::new();
        for field in index_fields.word_fields() {
            let inverted = segment.inverted_index(field)?;
            if let Some(info) = inverted.terms().get(text)? {
                postings
                    .push(inverted.read_postings_from_terminfo(&info, IndexRecordOption::Basic)?);
            }
        }
        for doc in (0..segment.max_doc()).filter(|&d| alive.is_deleted(d)) {
            let mut holds = false;
            for list in &mut postings {
                if list.doc() < doc {
                    list.seek(doc);
                }
                holds |= list.doc() == doc;
            }
            let key = TimelineKey(keys.first(doc).unwrap_or(0));
            if holds && key.is_section() {
                take_one(&mut counts, key.year());
            }
        }
        Ok(Some(counts))
    }
}

/// Count one document fewer of `year` in `counts`, which are sorted by year (those
/// without one first), as [`decode`] gives them.
fn take_one(counts: &mut YearCounts, year: Option<i64>) {
    if let Ok(i) = counts.binary_search_by_key(&year, |(y, _)| *y) {
        counts[i].1 = counts[i].1.saturating_sub(1);
    }
}

/// Write the counts of every segment of the last commit of `index` (in the folder
/// `folder`) that has none yet, and remove those of segments no longer in it. Each file is
/// written under a temporary name and renamed, so that a reader finds it whole or not at
/// all. A failure is not the update's: the counts only save a timeline work, and a segment
/// without them is walked (and gets them at the next update).
pub(crate) fn write_missing(index: &Index, folder: &Path) {
    let _ = write_missing_from(index, folder, MIN_DOCS);
}

/// [`write_missing`], counting words in at least `min_docs` documents of a segment.
pub(crate) fn write_missing_from(index: &Index, folder: &Path, min_docs: u32) -> Result<()> {
    let Some(fields) = Fields::from_schema(&index.schema()) else {
        return Ok(());
    };
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?;
    let searcher = reader.searcher();
    let mut current = HashSet::new();
    for segment in searcher.segment_readers() {
        let name = file_name(segment.segment_id());
        if !folder.join(&name).exists() {
            let temporary = folder.join(format!("{name}.new"));
            // Opened before counting, so that a folder that cannot be written costs nothing.
            let mut file =
                open_write(index.directory(), &temporary).map_err(|e| Error::io(&temporary, e))?;
            let bytes = count_segment(segment, &fields, min_docs)?;
            (file.write_all(&bytes).and_then(|()| file.terminate()))
                .map_err(|e| Error::io(&temporary, e))?;
            std::fs::rename(&temporary, folder.join(&name))
                .map_err(|e| Error::io(folder.join(&name), e))?;
        }
        current.insert(name);
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // A file that will not go stays: it is only unused space.
        if name.starts_with(FILE_PREFIX) && !current.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// A new file at `path` (in the folder of `directory`), with tantivy's footer and checksum
/// once terminated, which its directory checks on reading.
fn open_write(directory: &dyn Directory, path: &Path) -> std::io::Result<WritePtr> {
    let name = Path::new(path.file_name().unwrap_or_default());
    let _ = directory.delete(name);
    directory.open_write(name).map_err(std::io::Error::other)
}

/// The file of `segment`: the counts of every word of its catch-all field in at least
/// `min_docs` of its documents, deleted or not.
fn count_segment(
    segment: &SegmentReader,
    index_fields: &Fields,
    min_docs: u32,
) -> tantivy::Result<Vec<u8>> {
    let keys = segment.fast_fields().u64("timeline_key")?;
    let [body, others @ ..] = index_fields
        .word_fields()
        .map(|f| segment.inverted_index(f));
    let (body, others) = (
        body?,
        others.into_iter().collect::<tantivy::Result<Vec<_>>>()?,
    );
    let mut map = MapBuilder::memory();
    let mut counts = Vec::new();
    let (mut docs, mut extra, mut years) = (Vec::new(), Vec::new(), Vec::new());
    let mut stream = body.terms().stream()?;
    while stream.advance() {
        let info = stream.value();
        if info.doc_freq < min_docs {
            continue;
        }
        docs.clear();
        read_docs(
            body.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?,
            &mut docs,
        );
        // A word of a title or heading is in `body` too, unless the document's language
        // analyses it otherwise there.
        extra.clear();
        for other in &others {
            if let Some(info) = other.terms().get(stream.key())? {
                read_docs(
                    other.read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)?,
                    &mut extra,
                );
            }
        }
        extra.sort_unstable();
        extra.dedup();
        extra.retain(|doc| docs.binary_search(doc).is_err());
        years.clear();
        let mut undated = 0;
        for &doc in docs.iter().chain(&extra) {
            let key = TimelineKey(keys.first(doc).unwrap_or(0));
            match (key.is_section(), key.year()) {
                (false, _) => {}
                (true, None) => undated += 1,
                (true, Some(year)) => years.push(year),
            }
        }
        years.sort_unstable();
        map.insert(stream.key(), counts.len() as u64)
            .map_err(std::io::Error::other)?;
        encode(
            (docs.len() + extra.len()) as u64,
            undated,
            &years,
            &mut counts,
        );
    }
    let map = map.into_inner().map_err(std::io::Error::other)?;
    let mut file = Vec::with_capacity(8 + map.len() + counts.len());
    file.extend_from_slice(&(map.len() as u64).to_le_bytes());
    file.extend_from_slice(&map);
    file.extend_from_slice(&counts);
    Ok(file)
}

/// Every document of `postings`, appended to `docs`.
fn read_docs(mut postings: BlockSegmentPostings, docs: &mut Vec<DocId>) {
    while !postings.docs().is_empty() {
        docs.extend_from_slice(postings.docs());
        postings.advance();
    }
}

/// Append a word's counts: `docs` of any kind, `undated` sections, and the sections of
/// each year of `years` (sorted, one entry per section).
fn encode(docs: u64, undated: u64, years: &[i64], out: &mut Vec<u8>) {
    let mut runs: Vec<(i64, u64)> = Vec::new();
    for &year in years {
        match runs.last_mut() {
            Some((last, n)) if *last == year => *n += 1,
            _ => runs.push((year, 1)),
        }
    }
    put(out, docs);
    put(out, undated);
    put(out, runs.len() as u64);
    let mut previous = 0i64;
    for (year, n) in runs {
        let step = year.wrapping_sub(previous);
        put(out, ((step << 1) ^ (step >> 63)) as u64);
        put(out, n);
        previous = year;
    }
}

/// A word's counts at the start of `bytes`: how many documents of any kind hold it, and its
/// sections per year; `None` if the bytes are damaged.
fn decode(mut bytes: &[u8]) -> Option<(u64, YearCounts)> {
    let docs = get(&mut bytes)?;
    let undated = get(&mut bytes)?;
    let runs = get(&mut bytes)?;
    let mut counts = Vec::with_capacity(runs.min(bytes.len() as u64) as usize + 1);
    if undated > 0 {
        counts.push((None, undated));
    }
    let mut year = 0i64;
    for _ in 0..runs {
        let step = get(&mut bytes)?;
        year = year.wrapping_add((step >> 1) as i64 ^ -((step & 1) as i64));
        counts.push((Some(year), get(&mut bytes)?));
    }
    Some((docs, counts))
}

fn put(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn get(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_back_as_written() {
        let mut out = Vec::new();
        encode(9, 2, &[-44, -44, 14, 1914, 1914, 1914], &mut out);
        encode(1, 0, &[], &mut out);
        let (docs, counts) = decode(&out).unwrap();
        assert_eq!(docs, 9);
        assert_eq!(
            counts,
            [(None, 2), (Some(-44), 2), (Some(14), 1), (Some(1914), 3)]
        );
        assert!(decode(&out[..3]).is_none());
    }

    #[test]
    fn a_section_is_taken_off_its_year() {
        let mut counts = vec![(None, 1), (Some(1914), 2)];
        take_one(&mut counts, Some(1914));
        take_one(&mut counts, None);
        take_one(&mut counts, Some(1066));
        assert_eq!(counts, [(None, 0), (Some(1914), 1)]);
    }
}
