//! Changes to the dictionary's counts gathered during an update, and applying them.

use rustc_hash::FxHashMap;
use tantivy::directory::OwnedBytes;
use tantivy_fst::MapBuilder;

use super::Dictionary;

/// How many more (or fewer) articles use each word than the dictionary says.
#[derive(Debug, Default)]
pub(crate) struct WordCounts {
    deltas: FxHashMap<Box<str>, i64>,
}

impl WordCounts {
    /// One more article uses `word`.
    pub(crate) fn add(&mut self, word: &str) {
        self.change(word, 1);
    }

    /// One article fewer uses `word`.
    pub(crate) fn remove(&mut self, word: &str) {
        self.change(word, -1);
    }

    /// One more article uses each word of `words` (an article's distinct words, separated
    /// by spaces, as [`super::WordFinder`] lists them).
    pub(crate) fn add_article(&mut self, words: &str) {
        words.split_terminator(' ').for_each(|w| self.add(w));
    }

    /// One article fewer uses each word of `words`.
    pub(crate) fn remove_article(&mut self, words: &str) {
        words.split_terminator(' ').for_each(|w| self.remove(w));
    }

    fn change(&mut self, word: &str, by: i64) {
        // Looked up by `&str` first: words seen before (nearly all) allocate nothing.
        match self.deltas.get_mut(word) {
            Some(n) => *n += by,
            None => {
                self.deltas.insert(word.into(), by);
            }
        }
    }

    /// Whether no count changes.
    pub(crate) fn is_empty(&self) -> bool {
        self.deltas.values().all(|&n| n == 0)
    }

    /// `base` with these changes; words no article uses any more are left out.
    pub(crate) fn apply(self, base: &Dictionary) -> std::io::Result<Dictionary> {
        let mut changes: Vec<(Box<str>, i64)> =
            self.deltas.into_iter().filter(|&(_, n)| n != 0).collect();
        changes.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let mut builder = MapBuilder::memory();
        let mut failed = None;
        let mut insert = |word: &[u8], count: i64| {
            // A count below zero would mean a removal of words that were never added; the
            // word is then simply gone.
            if count > 0 && failed.is_none() {
                if let Err(e) = builder.insert(word, count as u64) {
                    failed = Some(e);
                }
            }
        };
        let mut changes = changes.into_iter().peekable();
        base.for_each(|word, count| {
            while let Some((w, n)) = changes.next_if(|(w, _)| w.as_bytes() < word.as_bytes()) {
                insert(w.as_bytes(), n);
            }
            let delta = changes
                .next_if(|(w, _)| w.as_ref() == word)
                .map_or(0, |(_, n)| n);
            insert(word.as_bytes(), count as i64 + delta);
            true
        });
        for (w, n) in changes {
            insert(w.as_bytes(), n);
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

    fn entries(d: &Dictionary) -> Vec<(String, u64)> {
        let mut all = Vec::new();
        d.for_each(|w, n| {
            all.push((w.to_string(), n));
            true
        });
        all
    }

    #[test]
    fn changes_merge_into_the_base_in_order() {
        let mut first = WordCounts::default();
        first.add_article("treaty rapallo ");
        first.add_article("treaty trade ");
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
        second.remove_article("treaty rapallo ");
        second.add_article("abyssinia treaty zollverein ");
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
        counts.add_article("treaty ");
        assert!(!counts.is_empty());
        counts.remove_article("treaty ");
        assert!(counts.is_empty());
    }

    #[test]
    fn removing_unknown_words_leaves_them_out() {
        let mut counts = WordCounts::default();
        counts.remove("ghost");
        counts.add("treaty");
        assert_eq!(
            entries(&counts.apply(&Dictionary::empty()).unwrap()),
            [("treaty".to_string(), 1)]
        );
    }
}
