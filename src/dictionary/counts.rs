//! Changes to the dictionary's counts gathered during an update, and applying them.

use rustc_hash::FxHashMap;

use super::layer::Layer;
use super::words::{ending_key, WordList};
use super::{Dictionary, Generation};

/// The delta file may hold the new counts of up to this share of the base's words...
const DELTA_SHARE: usize = 8;

/// ...or of this many words, whichever is more, before the two are merged into a new base.
const MIN_DELTA: usize = 4096;

/// How many more (or fewer) articles use each word than the dictionary says.
#[derive(Debug, Default)]
pub(crate) struct WordCounts {
    /// By [`word_hash`](super::words::word_hash): the change and the word. Hashes make the one lookup per article
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

    /// Add the changes gathered in `other`.
    pub(crate) fn merge(&mut self, other: WordCounts) {
        if self.deltas.len() < other.deltas.len() {
            let mine = std::mem::replace(&mut self.deltas, other.deltas);
            return self.merge(WordCounts { deltas: mine });
        }
        for (h, (by, word)) in other.deltas {
            self.deltas.entry(h).or_insert((0, word)).0 += by;
        }
    }

    /// `by` more articles use `word`, whose [`word_hash`](super::words::word_hash) is `h`.
    pub(crate) fn change(&mut self, h: u64, word: &str, by: i64) {
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

    /// The dictionary after these changes to `current` (of `generation`), and its
    /// generation: a new delta over the same base while the words changed since the base
    /// number at most an eighth of it (and at least [`MIN_DELTA`]), else a new base.
    pub(crate) fn apply(
        self,
        current: &Dictionary,
        generation: Generation,
    ) -> std::io::Result<(Dictionary, Generation)> {
        // The new counts of the words changed now, sorted.
        let mut changed: Vec<(&str, u64)> = self
            .deltas
            .values()
            .filter(|&&(n, _)| n != 0)
            .map(|(n, w)| {
                // Below zero would mean removing words that were never added: gone.
                let count = (current.articles(w) as i64 + n).max(0) as u64;
                (w.as_ref(), count)
            })
            .collect();
        // A long word's ending key counts as the word does.
        let endings: Vec<(String, u64)> = (changed.iter())
            .filter_map(|&(w, count)| Some((ending_key(w)?, count)))
            .collect();
        changed.extend(endings.iter().map(|(key, count)| (key.as_str(), *count)));
        changed.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let is_changed =
            |word: &str| changed.binary_search_by(|(w, _)| w.as_bytes().cmp(word.as_bytes()));

        let base_words = current.base.len();
        let limit = MIN_DELTA.max(base_words / DELTA_SHARE);
        if base_words > 0 {
            // The earlier changes still in the delta, with these.
            let mut earlier: Vec<(String, u64)> = Vec::new();
            if let Some(mut stream) = current.delta.range(&[], None) {
                let mut word = Vec::new();
                while let Some(count) = stream.next_into(&mut word) {
                    let word = String::from_utf8_lossy(&word).into_owned();
                    if is_changed(&word).is_err() {
                        earlier.push((word, count));
                    }
                    if earlier.len() + changed.len() > limit {
                        break; // a new base, below
                    }
                }
            }
            if earlier.len() + changed.len() <= limit {
                let mut all: Vec<(&str, u64)> = earlier
                    .iter()
                    .map(|(w, n)| (w.as_str(), *n))
                    .chain(changed.iter().copied())
                    .collect();
                all.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
                let next = Dictionary {
                    base: current.base.clone(),
                    delta: Layer::build(all)?,
                };
                let delta = Generation {
                    base: generation.base,
                    delta: generation.delta + 1,
                };
                return Ok((next, delta));
            }
        }
        // A new base: every word of `current` (base and delta) with these changes.
        let mut merged: Vec<(String, u64)> = Vec::with_capacity(base_words + changed.len());
        let mut pending = changed.iter().copied().peekable();
        current.for_each(|word, count| {
            while let Some((w, n)) = pending.next_if(|(w, _)| w.as_bytes() < word.as_bytes()) {
                merged.push((w.to_string(), n));
            }
            let count = match pending.next_if(|(w, _)| *w == word) {
                Some((_, n)) => n,
                None => count,
            };
            merged.push((word.to_string(), count));
            true
        });
        merged.extend(pending.map(|(w, n)| (w.to_string(), n)));
        let base = Layer::build(
            merged
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(w, n)| (w.as_str(), *n)),
        )?;
        let next = Dictionary {
            base,
            delta: Layer::default(),
        };
        let base = Generation {
            base: generation.base + 1,
            delta: 0,
        };
        Ok((next, base))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::WordFinder;

    /// The words of `d` and their counts (not the keys of words spelled backwards).
    fn entries(d: &Dictionary) -> Vec<(String, u64)> {
        let mut all = Vec::new();
        d.for_each(|w, n| {
            if !w.starts_with('\u{E011}') {
                all.push((w.to_string(), n));
            }
            true
        });
        all
    }

    fn words(text: &str) -> WordList {
        WordFinder::default().distinct([text])
    }

    #[test]
    fn small_changes_go_to_a_delta_over_the_same_base() {
        let mut first = WordCounts::default();
        first.add_article(&words("treaty rapallo"));
        first.add_article(&words("treaty trade"));
        let (base, g) = first
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap();
        assert_eq!(g, Generation { base: 1, delta: 0 });
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
        let (next, g) = second.apply(&base, g).unwrap();
        assert_eq!(g, Generation { base: 1, delta: 1 });
        let expected = [
            ("abyssinia".to_string(), 1),
            ("trade".to_string(), 1),
            ("treaty".to_string(), 2),
            ("zollverein".to_string(), 1),
        ];
        assert_eq!(entries(&next), expected);
        assert_eq!(next.articles("rapallo"), 0);
        assert_eq!(next.articles("treaty"), 2);

        // A second delta keeps the first one's changes.
        let mut third = WordCounts::default();
        third.remove_article(&words("trade"));
        let (last, g) = third.apply(&next, g).unwrap();
        assert_eq!(g, Generation { base: 1, delta: 2 });
        assert_eq!(
            entries(&last),
            [
                ("abyssinia".to_string(), 1),
                ("treaty".to_string(), 2),
                ("zollverein".to_string(), 1)
            ]
        );
        let mut found = Vec::new();
        let any = tantivy_fst::automaton::AlwaysMatch;
        last.search(&any, b"", None, |w, n| found.push((w.to_string(), n)));
        found.retain(|(w, _)| !w.starts_with('\u{E011}'));
        found.sort();
        assert_eq!(found, entries(&last));
    }

    fn ending(d: &Dictionary, ending: &str) -> Vec<(String, u64)> {
        let mut found = Vec::new();
        d.ending_with(ending, |w, n| {
            found.push((w.to_string(), n));
            true
        });
        found
    }

    #[test]
    fn long_words_are_found_by_their_endings_as_they_are_counted() {
        let mut first = WordCounts::default();
        first.add_article(&words("weltkrieg bürgerkrieg krieg"));
        first.add_article(&words("weltkrieg kriegsende"));
        let (base, g) = first
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap();
        // Folded, as the dictionary holds words; a word too short for a compound has none.
        assert_eq!(
            ending(&base, "krieg"),
            [("burgerkrieg".to_string(), 1), ("weltkrieg".to_string(), 2)]
        );
        assert_eq!(ending(&base, "ende"), [("kriegsende".to_string(), 1)]);
        assert!(ending(&base, "friedensvertrag").is_empty());
        assert_eq!(base.articles("weltkrieg"), 2);
        assert_eq!(base.articles("giekrtlew"), 0);

        let mut second = WordCounts::default();
        second.remove_article(&words("weltkrieg kriegsende"));
        second.add_article(&words("seekrieg friedensvertrag"));
        let (next, g) = second.apply(&base, g).unwrap();
        assert_eq!(g.base, 1, "a delta");
        assert_eq!(
            ending(&next, "krieg"),
            [
                ("seekrieg".to_string(), 1),
                ("burgerkrieg".to_string(), 1),
                ("weltkrieg".to_string(), 1)
            ]
        );
        assert!(ending(&next, "ende").is_empty());
        assert_eq!(
            ending(&next, "vertrag"),
            [("friedensvertrag".to_string(), 1)]
        );
    }

    #[test]
    fn many_changes_make_a_new_base() {
        let mut first = WordCounts::default();
        first.add_article(&words("treaty rapallo"));
        let (base, g) = first
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap();
        let many: String = (0..MIN_DELTA).map(|i| format!("w{i} ")).collect();
        let mut second = WordCounts::default();
        second.add_article(&words(&many));
        second.remove_article(&words("rapallo"));
        let (next, g) = second.apply(&base, g).unwrap();
        assert_eq!(g, Generation { base: 2, delta: 0 });
        let all = entries(&next);
        assert_eq!(all.len(), MIN_DELTA + 1);
        assert!(all.contains(&("treaty".to_string(), 1)));
        assert_eq!(next.articles("rapallo"), 0);
        assert_eq!(next.articles("w17"), 1);
    }

    #[test]
    fn merged_counts_add_up() {
        let mut a = WordCounts::default();
        a.add_article(&words("treaty rapallo"));
        let mut b = WordCounts::default();
        b.add_article(&words("treaty trade"));
        b.add_article(&words("trade"));
        let mut c = WordCounts::default();
        c.remove_article(&words("rapallo"));
        a.merge(b);
        a.merge(c);
        let (merged, _) = a
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap();
        assert_eq!(
            entries(&merged),
            [("trade".to_string(), 2), ("treaty".to_string(), 2)]
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
            entries(
                &counts
                    .apply(&Dictionary::empty(), Generation::default())
                    .unwrap()
                    .0
            ),
            [("treaty".to_string(), 1)]
        );
    }
}
