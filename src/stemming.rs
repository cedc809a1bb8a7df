//! English stemming, one word at a time, with the stems of recent words remembered.
//!
//! Stemming is the largest single cost of analysis, yet most words of a text are among its
//! few thousand most common ones, so each analyzer remembers the stems it computed. Stems
//! come from tantivy's own English stemmer (Snowball's English, "Porter2"), so they equal what
//! it would index, but for one rule of Porter's original that Snowball dropped: see
//! [`acronym_plural`].
//!
//! The memory is a set-associative table of fixed-size slots rather than a map of strings:
//! a hit reads one cache line, where a `HashMap<String, String>` chased two more pointers
//! to compare the word and copy its stem, while tantivy's indexing tables crowd the CPU's
//! caches (a build's CPU samples showed that lookup among its costliest).

use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

use crate::prefetch::prefetch;

/// Longest word (in bytes) whose stem is remembered; longer words (1–2% of the words of
/// English text) are stemmed every time.
const KEY_BYTES: usize = 12;

/// Longest ending a stem may put in place of the word's own (in bytes) to be remembered:
/// English stems keep the start of the word and change at most a few letters at its end
/// ("relational" → "relat", "happy" → "happi", "agreed" → "agre").
const SUFFIX_BYTES: usize = 3;

/// Most bytes at the end of a stem that may differ from the word it came from: English
/// stems keep the start of the word ("negotiating" → "negoti", "happy" → "happi", "dying" →
/// "die"). Of the 239,212 distinct words of the wiki-history corpus, none has a stem
/// differing in more than its last 2 bytes.
const STEM_CHANGES_AT_MOST: usize = 3;

/// Slots per set: a word may sit in any slot of the set its hash picks; a set is one
/// 64-byte cache line.
const WAYS: usize = 4;

/// A table starts with this many sets and grows (emptying itself) while misses keep coming,
/// so that stemming a query's few words allocates next to nothing.
const MIN_SETS: usize = 16;

/// Sets of a full-grown table: 256 KB, 16,384 words, which fits in a core's L2 cache
/// beside tantivy's own tables. Ten thousand generated articles have 6,500 distinct
/// words; in 2,000 Wikipedia articles the 16,384 most common make up 94% of the text.
const MAX_SETS: usize = 4096;

/// A table grows once it has missed this many times per set since it last grew.
const MISSES_PER_SET_TO_GROW: usize = 4;

/// One remembered word, 16 bytes: the word, zero-padded (it holds no NUL), the number of
/// its bytes its stem keeps, and the bytes the stem puts after them, zero-padded.
#[derive(Clone, Copy, Default)]
struct Slot {
    word: [u8; KEY_BYTES],
    keep: u8,
    suffix: [u8; SUFFIX_BYTES],
}

/// The slots of one set, most recently used first.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct Set([Slot; WAYS]);

impl Slot {
    /// The slot remembering that `word` (given padded as `key`) stems to `stem`, if the
    /// stem fits.
    fn new(key: [u8; KEY_BYTES], word: &str, stem: &str) -> Option<Slot> {
        let mut keep = word
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !(word.is_char_boundary(keep) && stem.is_char_boundary(keep)) {
            keep -= 1;
        }
        let suffix = &stem.as_bytes()[keep..];
        if suffix.len() > SUFFIX_BYTES {
            return None;
        }
        let mut slot = Slot {
            word: key,
            keep: keep as u8,
            suffix: [0; SUFFIX_BYTES],
        };
        slot.suffix[..suffix.len()].copy_from_slice(suffix);
        Some(slot)
    }

    /// Turn the word this slot remembers into its stem.
    fn apply(&self, word: &mut String) {
        word.truncate(self.keep as usize);
        let len = self
            .suffix
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(SUFFIX_BYTES);
        // The suffix is the tail of a stem cut at a character boundary.
        let suffix = std::str::from_utf8(&self.suffix[..len]).expect("cut at a char boundary");
        word.push_str(suffix);
    }
}

/// Stems single words, remembering the stems of the most recent ones.
pub(crate) struct WordStemmer {
    stemmer: TextAnalyzer,
    sets: Vec<Set>,
    misses: usize,
}

impl Clone for WordStemmer {
    /// A fresh stemmer: tantivy clones an analyzer for every field of every segment it
    /// writes, and the copy would start with memories of other text anyway.
    fn clone(&self) -> WordStemmer {
        WordStemmer::new()
    }
}

impl WordStemmer {
    pub(crate) fn new() -> WordStemmer {
        WordStemmer {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            sets: Vec::new(),
            misses: 0,
        }
    }

    /// Start loading the part of the table where the ASCII word `word` (as written, not yet
    /// lower-cased) would be remembered, so that stemming it a little later finds it in the
    /// cache.
    pub(crate) fn prefetch(&self, word: &str) {
        if word.len() > KEY_BYTES || self.sets.is_empty() {
            return;
        }
        let mut key = [0u8; KEY_BYTES];
        key[..word.len()].copy_from_slice(word.as_bytes());
        key.make_ascii_lowercase();
        prefetch(&self.sets[set_of(&key, self.sets.len())]);
    }

    /// Replace `word` (lower-cased, accents folded) with its stem.
    pub(crate) fn stem_in_place(&mut self, word: &mut String) {
        // Slots tell words apart by their zero padding, so a word with a NUL (which the
        // analyzers never make) is not remembered either.
        if word.len() > KEY_BYTES || word.is_empty() || word.as_bytes().contains(&0) {
            if let Some(stem) = self.stem(word) {
                *word = stem;
            }
            return;
        }
        let mut key = [0u8; KEY_BYTES];
        key[..word.len()].copy_from_slice(word.as_bytes());
        if self.sets.is_empty() {
            self.sets = vec![Set::default(); MIN_SETS];
        }
        let set = set_of(&key, self.sets.len());
        let slots = &mut self.sets[set].0;
        if let Some(way) = slots.iter().position(|slot| slot.word == key) {
            slots[..=way].rotate_right(1);
            slots[0].apply(word);
            return;
        }
        let Some(stem) = self.stem(word) else {
            return;
        };
        if let Some(slot) = Slot::new(key, word, &stem) {
            self.remember(set, slot);
        }
        *word = stem;
    }

    /// Put `slot` first in `set`, the set's least recently used slot giving way; or, after
    /// many misses, start afresh with a larger table.
    fn remember(&mut self, set: usize, slot: Slot) {
        self.misses += 1;
        let sets = self.sets.len();
        if sets < MAX_SETS && self.misses > sets * MISSES_PER_SET_TO_GROW {
            self.sets = vec![Set::default(); (sets * 4).min(MAX_SETS)];
            self.misses = 0;
            let set = set_of(&slot.word, self.sets.len());
            self.sets[set].0[0] = slot;
            return;
        }
        let slots = &mut self.sets[set].0;
        slots.rotate_right(1);
        slots[0] = slot;
    }

    /// The stem of `word` from tantivy's stemmer, without the table.
    fn stem(&mut self, word: &str) -> Option<String> {
        if let Some(singular) = acronym_plural(word) {
            return Some(singular.to_string());
        }
        let mut stream = self.stemmer.token_stream(word);
        stream.next().map(|t| t.text.clone())
    }
}

/// The singular of a plural without a vowel (`rxrs`, `cdks`, `mps`, `dvds`): an acronym's,
/// as English writes them. Snowball's English stemmer drops a final `s` only after a vowel
/// (to keep `gas` and `this`), so `RXRs` would not find `RXR`; Porter's original stemmer,
/// which Lucene's English analysis uses, drops it. Three letters at least, not `ss`, ASCII
/// letters only (a decade, `1920s`, stays as written).
pub(crate) fn acronym_plural(word: &str) -> Option<&str> {
    let stem = word.strip_suffix('s')?;
    let plural = stem.len() >= 2
        && !stem.ends_with('s')
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() && !b"aeiouy".contains(&b));
    plural.then_some(stem)
}

/// The start of `stem` that every word stemming to it begins with: all but its last
/// [`STEM_CHANGES_AT_MOST`] bytes, and at least its first letter (stemming never changes a
/// word's first letter). Only words starting with it need stemming to find those whose stem
/// is `stem`.
pub(crate) fn stem_anchor(stem: &str) -> &str {
    let first = stem.chars().next().map_or(0, char::len_utf8);
    let mut end = stem.len().saturating_sub(STEM_CHANGES_AT_MOST).max(first);
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    &stem[..end.max(first)]
}

/// The set of a padded word in a table of `sets` sets (a power of two): the word folded
/// into 64 bits and hashed by multiplication (Fibonacci hashing), whose top bits are the
/// best mixed.
fn set_of(key: &[u8; KEY_BYTES], sets: usize) -> usize {
    let low = u64::from_le_bytes(key[..8].try_into().expect("8 bytes"));
    let high = u32::from_le_bytes(key[8..].try_into().expect("4 bytes"));
    let hash = (low ^ u64::from(high).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (hash >> (64 - sets.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn stems(stemmer: &mut WordStemmer, words: &[String]) -> Vec<String> {
        words
            .iter()
            .map(|w| {
                let mut w = w.clone();
                stemmer.stem_in_place(&mut w);
                w
            })
            .collect()
    }

    fn expected(words: &[String]) -> Vec<String> {
        let mut plain = TextAnalyzer::builder(RawTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        words
            .iter()
            .map(|w| match acronym_plural(w) {
                Some(singular) => singular.to_string(),
                None => plain.token_stream(w).next().unwrap().text.clone(),
            })
            .collect()
    }

    #[test]
    fn plurals_without_a_vowel_lose_their_s() {
        let words = [
            "rxrs", "cdks", "mps", "dvds", "gas", "this", "ss", "rs", "hss", "1920s", "gyms", "tls",
        ];
        let mut stemmer = WordStemmer::new();
        let got = stems(&mut stemmer, &words.map(String::from));
        let want = [
            "rxr", "cdk", "mp", "dvd", "gas", "this", "ss", "rs", "hss", "1920s", "gym", "tl",
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn equals_tantivys_stemmer_as_the_table_grows_and_evicts() {
        let text: Vec<String> = "negotiating negotiations negotiated treaties rapallo \
                                 locarno diplomatic relations related relationally running \
                                 happy happiness generalizations internationalization \
                                 counterrevolutionaries zürich façade αθήνα"
            .split(' ')
            .map(String::from)
            .collect();
        let want = expected(&text);
        assert!(want.iter().any(|s| s == "negoti"));
        let mut cached = WordStemmer::new();
        // Twice: the second pass is served from the table.
        assert_eq!(stems(&mut cached, &text), want);
        assert_eq!(stems(&mut cached, &text), want);
        // Far more distinct words than the table holds: it grows, evicts and stays right.
        let many: Vec<String> = (0..MAX_SETS * WAYS * 3)
            .map(|i| format!("w{i}{}", ["ing", "ies", "ational"][i % 3]))
            .collect();
        assert_eq!(stems(&mut cached, &many), expected(&many));
        assert_eq!(cached.sets.len(), MAX_SETS);
        assert_eq!(stems(&mut cached, &text), want);
        assert_eq!(stems(&mut cached, &many[..100]), expected(&many[..100]));
    }

    #[test]
    fn anchors_keep_the_first_letter_and_cut_at_characters() {
        assert_eq!(stem_anchor("negoti"), "neg");
        assert_eq!(stem_anchor("die"), "d");
        assert_eq!(stem_anchor("ski"), "s");
        assert_eq!(stem_anchor("αθήνα"), "αθή");
        assert_eq!(stem_anchor(""), "");
        let exceptions = [
            "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early",
        ];
        for (word, stem) in exceptions
            .iter()
            .zip(expected(&exceptions.map(String::from)))
        {
            assert!(word.starts_with(stem_anchor(&stem)), "{word} -> {stem}");
        }
    }

    #[test]
    fn remembers_the_words_it_has_room_for() {
        let mut cached = WordStemmer::new();
        let mut word = "relational".to_string();
        cached.stem_in_place(&mut word);
        assert_eq!(word, "relat");
        let slot = cached
            .sets
            .iter()
            .flat_map(|s| s.0)
            .find(|s| s.word[0] != 0);
        assert_eq!(
            slot.map(|s| (s.keep, s.suffix)),
            Some((5, [0; SUFFIX_BYTES]))
        );
        // Too long to remember, or holding a NUL, yet stemmed.
        for odd in ["a".repeat(KEY_BYTES) + "ing", "relational\0".to_string()] {
            let mut word = odd.clone();
            cached.stem_in_place(&mut word);
            assert_eq!(word, expected(&[odd])[0]);
        }
        let remembered = cached
            .sets
            .iter()
            .flat_map(|s| s.0)
            .filter(|s| s.word[0] != 0);
        assert_eq!(remembered.count(), 1);
    }

    proptest! {
        #[test]
        fn equals_tantivys_stemmer_on_any_words(
            words in prop::collection::vec("[a-z]{1,16}|[a-zé]{1,8}|[αβγ]{1,4}ing", 1..300),
        ) {
            let words: Vec<String> = words;
            let mut cached = WordStemmer::new();
            // Each word twice, the repeats in another order, so that hits happen.
            let mut twice = words.clone();
            twice.extend(words.iter().rev().cloned());
            prop_assert_eq!(stems(&mut cached, &twice), expected(&twice));
        }

        #[test]
        fn every_word_starts_with_the_anchor_of_its_stem(
            word in "[a-z]{1,16}|[a-zé]{1,8}|[αβγ]{1,4}ing|[a-z]{0,6}(ies|ied|ying|yly|ational|ization|fulness|iveness|ousli|biliti|ement|abli|alli|entli|eed|eedly|ingly)",
        ) {
            let stem = &expected(std::slice::from_ref(&word))[0];
            prop_assert!(word.starts_with(stem_anchor(stem)), "{} -> {}", word, stem);
        }
    }
}
