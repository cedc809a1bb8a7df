//! Changes to the dictionary's counts gathered during an update, and applying them.

use rustc_hash::FxHashMap;
use tantivy::directory::OwnedBytes;
use tantivy_fst::MapBuilder;

use super::words::{word_hash, WordList};
use super::Dictionary;

/// How many more (or fewer) articles use each word than the dictionary says.
#[derive(Debug, Default)]
pub(crate) struct WordCounts {
    /// By [`word_hash`]: the change and the word. Hashes make the one lookup per article
    /// and word (millions in a build) an integer comparison.
    deltas: FxHashMap<u64, (i64, Box<str>)>,
}

impl WordCounts {
    /// One more article uses each word of `words` (an article's distinct words).
    pub(crate) fn add_article(&mut self, words: &WordList) {
        for (h, word) in words.words() {
            self.change(h, word, 1);
        }
    }

    /// One article fewer uses each word of `words`.
    pub(crate) fn remove_article(&mut self, words: &WordList) {
        for (h, word) in words.words() {
            self.change(h, word, -1);
        }
    }

    fn change(&mut self, h: u64, word: &str, by: i64) {
        match self.deltas.get_mut(&h) {
            Some((n, _)) => *n += by,
            None => {
                self.deltas.insert(h, (by, word.into()));
            }
        }
    }

    /// Whether no count changes.
    pub(crate) fn is_empty(&self) -> bool {
        self.deltas.values().all(|&(n, _)| n == 0)
    }

    /// `base` with these changes; words no article uses any more are left out.
    pub(crate) fn apply(self, base: &Dictionary) -> std::io::Result<Dictionary> {
        let delta = |word: &str| {
            self.deltas
                .get(&word_hash(word.as_bytes()))
                .filter(|(_, w)| w.as_ref() == word)
                .map_or(0, |&(n, _)| n)
        };
        // Words the base does not have, in order, to merge with its own.
        let mut fresh: Vec<(&str, i64)> = self
            .deltas
            .values()
            .filter(|&&(n, ref w)| n > 0 && base.articles(w) == 0)
            .map(|(n, w)| (w.as_ref(), *n))
            .collect();
        fresh.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut fresh = fresh.into_iter().peekable();

        let mut builder = MapBuilder::memory();
        let mut failed = None;
        let mut insert = |word: &str, count: i64| {
            // A count below zero would mean a removal of words that were never added; the
            // word is then simply gone.
            if count > 0 && failed.is_none() {
                if let Err(e) = builder.insert(word, count as u64) {
                    failed = Some(e);
                }
            }
        };
        base.for_each(|word, count| {
            while let Some((w, n)) = fresh.next_if(|(w, _)| w.as_bytes() < word.as_bytes()) {
                insert(w, n);
            }
            insert(word, count as i64 + delta(word));
            true
        });
        for (w, n) in fresh {
            insert(w, n);
        }
        if let Some(e) = failed {
            return Err(std::io::Error::other(e));
        }
        let bytes = builder.into_inner().map_err(std::io::Error::other)?;
        Dictionary::from_bytes(OwnedBytes::new(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::WordFinder;

    fn entries(d: &Dictionary) -> Vec<(String, u64)> {
        let mut all = Vec::new();
        d.for_each(|w, n| {
            all.push((w.to_string(), n));
            true
        });
        all
    }

    fn words(text: &str) -> WordList {
        WordFinder::default().distinct([text])
    }

    #[test]
    fn changes_merge_into_the_base_in_order() {
        let mut first = WordCounts::default();
        first.add_article(&words("treaty rapallo"));
        first.add_article(&words("treaty trade"));
        let base = first.apply(&Dictionary::empty()).unwrap();
        assert_eq!(
            entries(&base),
            [
                ("rapallo".to_string(), 1),
                ("trade".to_string(), 1),
                ("treaty".to_string(), 2)
            ]
        );

        let mut second = WordCounts::default();
        second.remove_article(&words("treaty rapallo"));
        second.add_article(&words("abyssinia treaty zollverein"));
        let next = second.apply(&base).unwrap();
        assert_eq!(
            entries(&next),
            [
                ("abyssinia".to_string(), 1),
                ("trade".to_string(), 1),
                ("treaty".to_string(), 2),
                ("zollverein".to_string(), 1)
            ]
        );
    }

    #[test]
    fn additions_and_removals_that_cancel_change_nothing() {
        let mut counts = WordCounts::default();
        counts.add_article(&words("treaty"));
        assert!(!counts.is_empty());
        counts.remove_article(&words("treaty"));
        assert!(counts.is_empty());
    }

    #[test]
    fn removing_unknown_words_leaves_them_out() {
        let mut counts = WordCounts::default();
        counts.remove_article(&words("ghost"));
        counts.add_article(&words("treaty"));
        assert_eq!(
            entries(&counts.apply(&Dictionary::empty()).unwrap()),
            [("treaty".to_string(), 1)]
        );
    }
}
