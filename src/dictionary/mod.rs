//! The word dictionary behind typo tolerance, "did you mean" and completions: every word of
//! the corpus as written (lower-cased and folded, not stemmed), with the number of articles
//! using it, in one FST file beside the index's segments. Each commit that changes it
//! writes a new file under a new generation number, named in the commit's payload, so a
//! reader always finds the dictionary of the commit it reads.
//!
//! It used to be a tantivy field holding each article's distinct words, which made every
//! (article, word) pair a posting: a quarter of a build's time for a dictionary that only
//! needs each word's count. Here a pair is one hash-map update, and the counts stay exact
//! through deletions: a removed file's words are found again in its stored documents.

mod counts;
mod words;

pub(crate) use counts::WordCounts;
pub(crate) use words::{WordFinder, WordList};

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::{Directory, OwnedBytes, TerminatingWrite};
use tantivy_fst::raw::Fst;
use tantivy_fst::{Automaton, IntoStreamer, Map, Streamer};

use crate::error::{Error, Result};

/// Prefix of the dictionary files' names. The leading dot keeps tantivy from managing (and
/// garbage-collecting) them.
const FILE_PREFIX: &str = ".annals-words-";

/// The name of the dictionary file of `generation`.
pub(crate) fn file_name(generation: u64) -> String {
    format!("{FILE_PREFIX}{generation}.fst")
}

/// Whether `name` is the name of some generation's dictionary file.
pub(crate) fn is_file_name(name: &str) -> bool {
    name.starts_with(FILE_PREFIX) && name.ends_with(".fst")
}

/// The words of the index with the number of articles using each.
#[derive(Clone)]
pub struct Dictionary {
    map: Option<Arc<Map<OwnedBytes>>>,
    /// The file's bytes (shared with `map`), for writing them out.
    bytes: OwnedBytes,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Dictionary({} words)", self.len())
    }
}

impl Dictionary {
    /// A dictionary without words (an index that has none yet).
    pub fn empty() -> Dictionary {
        Dictionary {
            map: None,
            bytes: OwnedBytes::empty(),
        }
    }

    /// The dictionary of `generation` in `directory`; generation 0 is the empty one.
    pub(crate) fn open(directory: &dyn Directory, generation: u64) -> Result<Dictionary> {
        if generation == 0 {
            return Ok(Dictionary::empty());
        }
        let name = file_name(generation);
        let bytes = directory
            .open_read(Path::new(&name))
            .map_err(|e| Error::io(&name, std::io::Error::other(e)))?
            .read_bytes()
            .map_err(|e| Error::io(&name, e))?;
        Dictionary::from_bytes(bytes).map_err(|e| Error::io(&name, e))
    }

    /// A dictionary from the bytes of its file.
    pub(crate) fn from_bytes(bytes: OwnedBytes) -> std::io::Result<Dictionary> {
        let map = Map::from(Fst::new(bytes.clone()).map_err(std::io::Error::other)?);
        Ok(Dictionary {
            map: Some(Arc::new(map)),
            bytes,
        })
    }

    /// Write this dictionary as the file of `generation` in `directory` (with tantivy's
    /// footer and checksum, which its directory checks on reading), synced to disk. Not
    /// atomically: no commit names the file until it is complete, and a file of the same
    /// name (left by an interrupted update) is replaced.
    pub(crate) fn write(&self, directory: &dyn Directory, generation: u64) -> std::io::Result<()> {
        let name = file_name(generation);
        let path = Path::new(&name);
        let _ = directory.delete(path);
        let mut file = directory.open_write(path).map_err(std::io::Error::other)?;
        file.write_all(self.bytes.as_slice())?;
        file.terminate()
    }

    /// Number of distinct words.
    pub fn len(&self) -> usize {
        self.map.as_ref().map_or(0, |m| m.len())
    }

    /// Whether there are no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of articles using `word` (0 for a word the corpus does not have).
    pub fn articles(&self, word: &str) -> u64 {
        self.map.as_ref().and_then(|m| m.get(word)).unwrap_or(0)
    }

    /// Calls `visit` with each word `automaton` accepts within `[from, to)` (no upper bound
    /// when `to` is `None`), in byte order, and its article count.
    pub(crate) fn search<A: Automaton>(
        &self,
        automaton: A,
        from: &[u8],
        to: Option<&[u8]>,
        mut visit: impl FnMut(&str, u64),
    ) {
        let Some(map) = &self.map else {
            return;
        };
        let mut builder = map.search(automaton).ge(from);
        if let Some(to) = to {
            builder = builder.lt(to);
        }
        let mut stream = builder.into_stream();
        while let Some((key, count)) = stream.next() {
            if let Ok(word) = std::str::from_utf8(key) {
                visit(word, count);
            }
        }
    }

    /// Calls `visit` with the words within `[from, to)` in byte order, and their counts,
    /// until it returns false.
    pub(crate) fn range(
        &self,
        from: &[u8],
        to: Option<&[u8]>,
        mut visit: impl FnMut(&str, u64) -> bool,
    ) {
        let Some(map) = &self.map else {
            return;
        };
        let mut builder = map.range().ge(from);
        if let Some(to) = to {
            builder = builder.lt(to);
        }
        let mut stream = builder.into_stream();
        while let Some((key, count)) = stream.next() {
            if let Ok(word) = std::str::from_utf8(key) {
                if !visit(word, count) {
                    break;
                }
            }
        }
    }

    /// Every word and its count, in byte order.
    pub(crate) fn for_each(&self, visit: impl FnMut(&str, u64) -> bool) {
        self.range(&[], None, visit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dictionary(words: &[(&str, u64)]) -> Dictionary {
        let mut counts = WordCounts::default();
        let mut finder = WordFinder::default();
        for &(word, n) in words {
            for _ in 0..n {
                counts.add_article(&finder.distinct([word]));
            }
        }
        counts.apply(&Dictionary::empty()).unwrap()
    }

    #[test]
    fn counts_words_and_ranges_over_them_in_order() {
        let d = dictionary(&[("treaty", 3), ("rapallo", 1), ("trade", 2)]);
        assert_eq!(d.len(), 3);
        assert_eq!(d.articles("treaty"), 3);
        assert_eq!(d.articles("rapallo"), 1);
        assert_eq!(d.articles("treat"), 0);
        let mut seen = Vec::new();
        d.range(b"tr", Some(b"ts"), |w, n| {
            seen.push((w.to_string(), n));
            true
        });
        assert_eq!(seen, [("trade".to_string(), 2), ("treaty".to_string(), 3)]);
    }

    #[test]
    fn the_empty_dictionary_has_no_words() {
        let d = Dictionary::empty();
        assert!(d.is_empty());
        assert_eq!(d.articles("treaty"), 0);
        let mut any = false;
        d.for_each(|_, _| {
            any = true;
            true
        });
        assert!(!any);
    }

    #[test]
    fn file_names_carry_the_generation() {
        assert_eq!(file_name(7), ".annals-words-7.fst");
        assert!(is_file_name(&file_name(12)));
        assert!(!is_file_name("meta.json"));
    }
}
