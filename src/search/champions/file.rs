//! The layout of one segment's champion file, written by [`Writer`] and read in place
//! (memory-mapped) by [`Champions`].
//!
//! All numbers are little-endian. A header, then a table of words sorted by their bytes,
//! then the words' bytes, then each word's entry:
//!
//! ```text
//! header  MAGIC, k u32, fields u32, per field (id u32, boost f32, tokens u64),
//!         max_doc u32, deleted u32, words u32, keys_at u32, entries_at u32
//! table   per word: key_at u32, key_len u32, entry_at u32
//! entry   matching u32, next f32, per field doc_freq u32, count u32,
//!         per champion: doc u32, score f32, per field (term_freq u32, fieldnorm_id u8)
//! ```
//!
//! Every read is bounds-checked: a damaged file yields no entries, never a panic.

use tantivy::directory::OwnedBytes;
use tantivy::schema::Field;
use tantivy::{DocId, Score};

/// Marks a champion file, and its version.
const MAGIC: &[u8; 8] = b"ANNCHMP1";
const TABLE_ROW: usize = 12;

/// What a champion file was computed from: the fields of a one-word query with their
/// weights, and the segment's statistics then.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Header {
    /// At most this many champions per word.
    pub k: u32,
    /// Each field searched for a word: its id, its weight, and the segment's token count.
    pub fields: Vec<(Field, Score, u64)>,
    /// The segment's documents, deleted ones included (as BM25 counts them).
    pub max_doc: u32,
    /// Documents of the segment already deleted when the file was computed.
    pub deleted: u32,
}

/// One champion: a document and what it holds of the word in each field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Champion {
    pub doc: DocId,
    /// Its score under the segment's own statistics.
    pub score: Score,
    /// Per field: the word's frequency (0 if absent) and the document's fieldnorm id.
    pub fields: Vec<(u32, u8)>,
}

/// A word's entry, as written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    /// Live documents holding the word in any field, when the file was computed.
    pub matching: u32,
    /// The best score under the segment's statistics of a live document that is not a
    /// champion (0 when every such document is one).
    pub next: Score,
    /// Per field: documents of the segment holding the word, deleted ones included.
    pub doc_freqs: Vec<u32>,
    /// The best documents, best first.
    pub champions: Vec<Champion>,
}

/// Serialises a champion file; words must be added in increasing byte order.
pub(crate) struct Writer {
    header: Header,
    keys: Vec<u8>,
    table: Vec<(u32, u32, u32)>,
    entries: Vec<u8>,
}

impl Writer {
    pub(crate) fn new(header: Header) -> Writer {
        Writer {
            header,
            keys: Vec::new(),
            table: Vec::new(),
            entries: Vec::new(),
        }
    }

    pub(crate) fn add(&mut self, word: &[u8], entry: &Entry) {
        debug_assert!(entry.doc_freqs.len() == self.header.fields.len());
        self.table.push((
            self.keys.len() as u32,
            word.len() as u32,
            self.entries.len() as u32,
        ));
        self.keys.extend_from_slice(word);
        let out = &mut self.entries;
        out.extend_from_slice(&entry.matching.to_le_bytes());
        out.extend_from_slice(&entry.next.to_le_bytes());
        for df in &entry.doc_freqs {
            out.extend_from_slice(&df.to_le_bytes());
        }
        out.extend_from_slice(&(entry.champions.len() as u32).to_le_bytes());
        for champion in &entry.champions {
            out.extend_from_slice(&champion.doc.to_le_bytes());
            out.extend_from_slice(&champion.score.to_le_bytes());
            for (tf, norm) in &champion.fields {
                out.extend_from_slice(&tf.to_le_bytes());
                out.push(*norm);
            }
        }
    }

    pub(crate) fn into_bytes(self) -> Vec<u8> {
        let h = &self.header;
        let header_len = MAGIC.len() + 8 + h.fields.len() * 16 + 20;
        let keys_at = header_len + self.table.len() * TABLE_ROW;
        let entries_at = keys_at + self.keys.len();
        let mut out = Vec::with_capacity(entries_at + self.entries.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&h.k.to_le_bytes());
        out.extend_from_slice(&(h.fields.len() as u32).to_le_bytes());
        for (field, boost, tokens) in &h.fields {
            out.extend_from_slice(&field.field_id().to_le_bytes());
            out.extend_from_slice(&boost.to_le_bytes());
            out.extend_from_slice(&tokens.to_le_bytes());
        }
        out.extend_from_slice(&h.max_doc.to_le_bytes());
        out.extend_from_slice(&h.deleted.to_le_bytes());
        out.extend_from_slice(&(self.table.len() as u32).to_le_bytes());
        out.extend_from_slice(&(keys_at as u32).to_le_bytes());
        out.extend_from_slice(&(entries_at as u32).to_le_bytes());
        for (key_at, key_len, entry_at) in &self.table {
            out.extend_from_slice(&key_at.to_le_bytes());
            out.extend_from_slice(&key_len.to_le_bytes());
            out.extend_from_slice(&entry_at.to_le_bytes());
        }
        out.extend_from_slice(&self.keys);
        out.extend_from_slice(&self.entries);
        out
    }
}

/// A champion file, read in place.
#[derive(Clone)]
pub(crate) struct Champions {
    bytes: OwnedBytes,
    pub header: Header,
    words: usize,
    table_at: usize,
    keys_at: usize,
    entries_at: usize,
}

/// Reads little-endian numbers from a byte slice, failing past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8], at: usize) -> Cursor<'a> {
        Cursor { bytes, at }
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let end = self.at.checked_add(N)?;
        let taken = self.bytes.get(self.at..end)?.try_into().ok()?;
        self.at = end;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }

    fn f32(&mut self) -> Option<f32> {
        self.take().map(f32::from_le_bytes)
    }
}

impl Champions {
    /// The file in `bytes`, or `None` if it is not a champion file of this version.
    pub(crate) fn parse(bytes: OwnedBytes) -> Option<Champions> {
        let data = bytes.as_slice();
        if data.get(..MAGIC.len())? != MAGIC {
            return None;
        }
        let mut c = Cursor::new(data, MAGIC.len());
        let k = c.u32()?;
        let n = c.u32()? as usize;
        if n > 64 {
            return None;
        }
        let mut fields = Vec::with_capacity(n);
        for _ in 0..n {
            fields.push((Field::from_field_id(c.u32()?), c.f32()?, c.u64()?));
        }
        let header = Header {
            k,
            fields,
            max_doc: c.u32()?,
            deleted: c.u32()?,
        };
        let words = c.u32()? as usize;
        let keys_at = c.u32()? as usize;
        let entries_at = c.u32()? as usize;
        let table_at = c.at;
        let table_end = table_at.checked_add(words.checked_mul(TABLE_ROW)?)?;
        if table_end > keys_at || keys_at > entries_at || entries_at > data.len() {
            return None;
        }
        Some(Champions {
            bytes,
            header,
            words,
            table_at,
            keys_at,
            entries_at,
        })
    }

    /// Number of words with an entry.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.words
    }

    fn row(&self, i: usize) -> Option<(&[u8], usize)> {
        let data = self.bytes.as_slice();
        let mut c = Cursor::new(data, self.table_at + i * TABLE_ROW);
        let key_at = self.keys_at.checked_add(c.u32()? as usize)?;
        let key_end = key_at.checked_add(c.u32()? as usize)?;
        let entry_at = self.entries_at.checked_add(c.u32()? as usize)?;
        if key_end > self.entries_at {
            return None;
        }
        Some((data.get(key_at..key_end)?, entry_at))
    }

    /// The entry of `word`, if it has one (and it reads whole).
    pub(crate) fn get(&self, word: &[u8]) -> Option<EntryRef<'_>> {
        let (mut low, mut high) = (0, self.words);
        while low < high {
            let mid = low + (high - low) / 2;
            let (key, entry_at) = self.row(mid)?;
            match key.cmp(word) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return self.entry(entry_at),
            }
        }
        None
    }

    fn entry(&self, at: usize) -> Option<EntryRef<'_>> {
        let fields = self.header.fields.len();
        let data = self.bytes.as_slice();
        let mut c = Cursor::new(data, at);
        let matching = c.u32()?;
        let next = c.f32()?;
        let mut doc_freqs = Vec::with_capacity(fields);
        for _ in 0..fields {
            doc_freqs.push(c.u32()?);
        }
        let count = c.u32()?;
        if count > self.header.k {
            return None;
        }
        let record = 8 + fields * 5;
        let end = c.at.checked_add(count as usize * record)?;
        Some(EntryRef {
            matching,
            next,
            doc_freqs,
            record,
            champions: data.get(c.at..end)?,
        })
    }
}

/// A word's entry as the file holds it, read as it is used.
pub(crate) struct EntryRef<'a> {
    /// See [`Entry::matching`].
    pub matching: u32,
    /// See [`Entry::next`].
    pub next: Score,
    /// See [`Entry::doc_freqs`].
    pub doc_freqs: Vec<u32>,
    record: usize,
    champions: &'a [u8],
}

impl<'a> EntryRef<'a> {
    /// Number of champions.
    pub(crate) fn len(&self) -> usize {
        self.champions.len() / self.record
    }

    /// The champions, best first.
    pub(crate) fn champions(&self) -> impl Iterator<Item = ChampionRef<'a>> + 'a {
        self.champions
            .chunks_exact(self.record)
            .map(|bytes| ChampionRef { bytes })
    }

    /// The entry, copied out.
    #[cfg(test)]
    pub(crate) fn to_entry(&self) -> Entry {
        Entry {
            matching: self.matching,
            next: self.next,
            doc_freqs: self.doc_freqs.clone(),
            champions: self
                .champions()
                .map(|c| Champion {
                    doc: c.doc(),
                    score: c.score(),
                    fields: c.fields().collect(),
                })
                .collect(),
        }
    }
}

/// One champion's record, of a length checked on reading its entry.
#[derive(Clone, Copy)]
pub(crate) struct ChampionRef<'a> {
    bytes: &'a [u8],
}

impl ChampionRef<'_> {
    fn u32_at(&self, at: usize) -> u32 {
        Cursor::new(self.bytes, at).u32().unwrap_or(0)
    }

    pub(crate) fn doc(&self) -> DocId {
        self.u32_at(0)
    }

    /// Its score under the segment's own statistics.
    #[cfg(test)]
    pub(crate) fn score(&self) -> Score {
        f32::from_bits(self.u32_at(4))
    }

    /// Per field: the word's frequency (0 if absent) and the document's fieldnorm id.
    pub(crate) fn fields(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        self.bytes
            .get(8..)
            .unwrap_or_default()
            .chunks_exact(5)
            .map(|f| (u32::from_le_bytes([f[0], f[1], f[2], f[3]]), f[4]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            k: 2,
            fields: vec![
                (Field::from_field_id(3), 0.5, 1000),
                (Field::from_field_id(5), 1.0, 90_000),
            ],
            max_doc: 400,
            deleted: 7,
        }
    }

    fn entry(doc: DocId) -> Entry {
        Entry {
            matching: 120 + doc,
            next: 1.25,
            doc_freqs: vec![10, 110 + doc],
            champions: vec![
                Champion {
                    doc,
                    score: 3.5,
                    fields: vec![(1, 20), (4, 200)],
                },
                Champion {
                    doc: doc + 1,
                    score: 2.0,
                    fields: vec![(0, 0), (2, 31)],
                },
            ],
        }
    }

    #[test]
    fn words_read_back_as_written() {
        let mut writer = Writer::new(header());
        let words: [&[u8]; 4] = [b"canal", b"peace", b"treaty", b"war"];
        for (i, word) in words.iter().enumerate() {
            writer.add(word, &entry(i as DocId * 10));
        }
        let file = Champions::parse(OwnedBytes::new(writer.into_bytes())).unwrap();
        assert_eq!(file.header, header());
        assert_eq!(file.len(), 4);
        for (i, word) in words.iter().enumerate() {
            assert_eq!(
                file.get(word).map(|e| e.to_entry()),
                Some(entry(i as DocId * 10)),
                "{word:?}"
            );
        }
        for absent in [&b"a"[..], b"peacf", b"zz", b""] {
            assert!(file.get(absent).is_none());
        }
    }

    #[test]
    fn damaged_files_yield_nothing_and_do_not_panic() {
        let mut writer = Writer::new(header());
        writer.add(b"canal", &entry(0));
        writer.add(b"war", &entry(5));
        let bytes = writer.into_bytes();
        assert!(Champions::parse(OwnedBytes::new(b"ANNCHMP0".to_vec())).is_none());
        assert!(Champions::parse(OwnedBytes::new(Vec::new())).is_none());
        // Cut anywhere: the header fails to parse, or the words past the cut are absent.
        for cut in 0..bytes.len() {
            let file = Champions::parse(OwnedBytes::new(bytes[..cut].to_vec()));
            if let Some(file) = file {
                let war = file.get(b"war").map(|e| e.to_entry());
                assert_ne!(war, Some(entry(5)), "cut at {cut}");
            }
        }
    }
}
