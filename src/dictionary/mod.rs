//! The word dictionary behind typo tolerance, "did you mean" and completions: every word of
//! the corpus as written (lower-cased and folded, not stemmed), with the number of articles
//! using it, in FST files beside the index's segments.
//!
//! A base file holds every word; a delta file, the new counts of the words changed since
//! (0 for a word no longer used), so that an update writes in proportion to what changed
//! rather than the whole vocabulary. When the delta grows past an eighth of the base, the
//! two are merged into a new base. Files are never rewritten: each has a new generation
//! number, named in the payload of the commit that uses it, so a reader always finds the
//! dictionary of the commit it reads.
//!
//! It used to be a tantivy field holding each article's distinct words, which made every
//! (article, word) pair a posting: a quarter of a build's time for a dictionary that only
//! needs each word's count. Here a pair is one hash-map update, and the counts stay exact
//! through deletions: a removed file's words are found again in its stored documents.

mod counts;
mod layer;
mod tally;
mod words;

pub(crate) use counts::WordCounts;
pub(crate) use tally::WordTally;
pub(crate) use words::{WordFinder, WordList, MIN_ENDING_CHARS};

use serde::{Deserialize, Serialize};
use tantivy::directory::Directory;
use tantivy_fst::Automaton;

use crate::error::Result;
use layer::Layer;

/// Prefix of the dictionary files' names. The leading dot keeps tantivy from managing (and
/// garbage-collecting) them.
const FILE_PREFIX: &str = ".annals-words-";

/// Which files make up a commit's dictionary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generation {
    /// Generation of the base file; 0 when there is none (an empty dictionary).
    pub base: u64,
    /// Generation of the delta file over that base; 0 when there is none.
    pub delta: u64,
}

impl Generation {
    /// Name of the base file.
    fn base_name(self) -> String {
        format!("{FILE_PREFIX}{}.fst", self.base)
    }

    /// Name of the delta file.
    fn delta_name(self) -> String {
        format!("{FILE_PREFIX}{}-{}.fst", self.base, self.delta)
    }

    /// Names of the files in use.
    pub(crate) fn file_names(self) -> Vec<String> {
        let mut names = Vec::new();
        if self.base > 0 {
            names.push(self.base_name());
        }
        if self.delta > 0 {
            names.push(self.delta_name());
        }
        names
    }
}

/// Whether `name` is the name of some generation's dictionary file.
pub(crate) fn is_file_name(name: &str) -> bool {
    name.starts_with(FILE_PREFIX) && name.ends_with(".fst")
}

/// The smallest byte string greater than every string starting with `prefix`.
pub(crate) fn prefix_upper_bound(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut upper = prefix.to_vec();
    while let Some(last) = upper.pop() {
        if last < u8::MAX {
            upper.push(last + 1);
            return Some(upper);
        }
    }
    None
}

/// The words of the index with the number of articles using each.
#[derive(Clone, Default)]
pub struct Dictionary {
    base: Layer,
    /// New counts of the words changed since `base` was written.
    delta: Layer,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Dictionary({} words in the base, {} changed)",
            self.base.len(),
            self.delta.len()
        )
    }
}

impl Dictionary {
    /// A dictionary without words (an index that has none yet).
    pub fn empty() -> Dictionary {
        Dictionary::default()
    }

    /// The dictionary of `generation` in `directory`.
    pub(crate) fn open(directory: &dyn Directory, generation: Generation) -> Result<Dictionary> {
        let layer = |present: bool, name: String| match present {
            true => Layer::open(directory, &name),
            false => Ok(Layer::default()),
        };
        Ok(Dictionary {
            base: layer(generation.base > 0, generation.base_name())?,
            delta: layer(generation.delta > 0, generation.delta_name())?,
        })
    }

    /// Write the files of this dictionary that `generation` has and `previous` has not. A
    /// failure comes with the name of the file.
    pub(crate) fn write(
        &self,
        directory: &dyn Directory,
        generation: Generation,
        previous: Generation,
    ) -> std::result::Result<(), (String, std::io::Error)> {
        let write =
            |layer: &Layer, name: String| layer.write(directory, &name).map_err(|e| (name, e));
        if generation.base != previous.base && generation.base > 0 {
            write(&self.base, generation.base_name())?;
        }
        if generation != previous && generation.delta > 0 {
            write(&self.delta, generation.delta_name())?;
        }
        Ok(())
    }

    /// Whether the dictionary has no words.
    pub fn is_empty(&self) -> bool {
        let mut any = false;
        self.for_each(|_, _| {
            any = true;
            false
        });
        !any
    }

    /// Number of articles using `word` (0 for a word the corpus does not have).
    pub fn articles(&self, word: &str) -> u64 {
        self.delta
            .get(word)
            .or_else(|| self.base.get(word))
            .unwrap_or(0)
    }

    /// `word` (folded, as the dictionary holds it) as most of the articles using it write
    /// it, lower-cased: `zürich` for `zurich` where most write `Zürich`, else `word`.
    pub fn shown(&self, word: &str) -> String {
        let (from, to) = words::written_keys(word);
        let mut best: Option<(String, u64)> = None;
        self.range(from.as_bytes(), Some(to.as_bytes()), |key, count| {
            if best.as_ref().is_none_or(|(_, most)| count > *most) {
                best = Some((key[from.len()..].to_string(), count));
            }
            true
        });
        match best {
            Some((written, count)) if count * 2 > self.articles(word) => written,
            _ => word.to_string(),
        }
    }

    /// Calls `visit` with each word `automaton` accepts within `[from, to)` (no upper bound
    /// when `to` is `None`) and its article count, in no particular order.
    pub(crate) fn search<A: Automaton + Copy>(
        &self,
        automaton: A,
        from: &[u8],
        to: Option<&[u8]>,
        mut visit: impl FnMut(&str, u64),
    ) {
        self.base.search(automaton, from, to, |word, count| {
            if self.delta.get(word).is_none() {
                visit(word, count);
            }
        });
        self.delta.search(automaton, from, to, |word, count| {
            if count > 0 {
                visit(word, count);
            }
        });
    }

    /// Calls `visit` with the words within `[from, to)` in byte order, and their counts,
    /// until it returns false.
    pub(crate) fn range(
        &self,
        from: &[u8],
        to: Option<&[u8]>,
        mut visit: impl FnMut(&str, u64) -> bool,
    ) {
        let mut base = self.base.range(from, to);
        let mut delta = self.delta.range(from, to);
        let (mut b, mut d) = (Vec::new(), Vec::new());
        let mut next_b = base.as_mut().and_then(|s| s.next_into(&mut b));
        let mut next_d = delta.as_mut().and_then(|s| s.next_into(&mut d));
        loop {
            // The smaller word goes first; on a tie the delta's count replaces the base's.
            let (word, count, take_b, take_d) = match (next_b, next_d) {
                (None, None) => return,
                (Some(nb), None) => (&b, nb, true, false),
                (None, Some(nd)) => (&d, nd, false, true),
                (Some(nb), Some(nd)) => match b.cmp(&d) {
                    std::cmp::Ordering::Less => (&b, nb, true, false),
                    std::cmp::Ordering::Greater => (&d, nd, false, true),
                    std::cmp::Ordering::Equal => (&d, nd, true, true),
                },
            };
            if count > 0 {
                if let Ok(word) = std::str::from_utf8(word) {
                    if !visit(word, count) {
                        return;
                    }
                }
            }
            if take_b {
                next_b = base.as_mut().and_then(|s| s.next_into(&mut b));
            }
            if take_d {
                next_d = delta.as_mut().and_then(|s| s.next_into(&mut d));
            }
        }
    }

    /// Calls `visit` with each word of [`MIN_ENDING_CHARS`] characters or more that ends
    /// in `ending` (folded, as the dictionary holds words), and its count, until it
    /// returns false: the compounds `ending` may end, in a language that writes them as
    /// one word.
    pub(crate) fn ending_with(&self, ending: &str, mut visit: impl FnMut(&str, u64) -> bool) {
        let (from, to) = words::ending_keys(ending);
        self.range(
            from.as_bytes(),
            to.as_deref(),
            |key, count| match words::ending_word(key) {
                Some(word) => visit(&word, count),
                None => true,
            },
        );
    }

    /// Every word and its count, in byte order, until `visit` returns false.
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
        counts
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap()
            .0
    }

    #[test]
    fn counts_words_and_ranges_over_them_in_order() {
        let d = dictionary(&[("treaty", 3), ("rapallo", 1), ("trade", 2)]);
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
    fn a_word_is_shown_as_most_articles_write_it() {
        let mut counts = WordCounts::default();
        let mut finder = WordFinder::default();
        for text in [
            "Zürich", "Zürich", "Zurich", "Łódź", "lodz", "resume", "resume", "résumé",
        ] {
            counts.add_article(&finder.distinct([text]));
        }
        let d = counts
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap()
            .0;
        assert_eq!(d.articles("zurich"), 3);
        assert_eq!(d.shown("zurich"), "zürich");
        // One of two is not most.
        assert_eq!(d.shown("lodz"), "lodz");
        assert_eq!(d.shown("resume"), "resume");
        assert_eq!(d.shown("treaty"), "treaty");
        // The written forms are no words of their own: a prefix's words are words.
        let mut words = Vec::new();
        d.range(b"z", Some(b"{"), |w, _| {
            words.push(w.to_string());
            true
        });
        assert_eq!(words, ["zurich"]);
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
        let g = Generation { base: 7, delta: 2 };
        assert_eq!(
            g.file_names(),
            [".annals-words-7.fst", ".annals-words-7-2.fst"]
        );
        assert!(g.file_names().iter().all(|n| is_file_name(n)));
        assert!(Generation::default().file_names().is_empty());
        assert!(!is_file_name("meta.json"));
    }
}
