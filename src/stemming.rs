//! English stemming, one word at a time, with the stems of recent words remembered.
//!
//! Stemming is the largest single cost of analysis, yet most words of a text are among its
//! few thousand most common ones, so each analyzer remembers the stems it computed. Stems
//! come from tantivy's own English stemmer, so they always equal what it would index.
//!
//! The memory is a set-associative table of fixed-size slots rather than a map of strings:
//! a hit reads one cache line, where a `HashMap<String, String>` chased two more pointers
//! to compare the word and copy its stem, while tantivy's indexing tables crowd the CPU's
//! caches (16% of a build's CPU samples were in that lookup).

use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

/// Longest word (in bytes) whose stem is remembered; longer words are stemmed every time.
const KEY_BYTES: usize = 24;

/// Longest ending a stem may put in place of the word's own (in bytes) to be remembered:
/// English stems keep the start of the word and change at most a few letters at its end
/// ("relational" → "relat", "happy" → "happi").
const SUFFIX_BYTES: usize = 6;

/// Slots per set: a word may sit in either slot of the set its hash picks.
const WAYS: usize = 2;

/// A table starts with this many sets and grows (emptying itself) while misses keep coming,
/// so that stemming a query's few words allocates next to nothing.
const MIN_SETS: usize = 64;

/// Sets of a full-grown table (1 MB). On 1,000 generated articles (6,500 distinct words),
/// 4,096 sets missed 9.4% of the words and 16,384 sets 2.3%: a 10k build took 1.05 and
/// 1.03 s, against 1.08 s with a `HashMap` of 20,000 words.
const MAX_SETS: usize = 16384;

/// A table grows once it has missed this many times per set since it last grew.
const MISSES_PER_SET_TO_GROW: usize = 2;

/// One remembered word, 32 bytes: the word, zero-padded (words hold no NUL), and its stem
/// as the number of the word's bytes it keeps plus the bytes that follow them.
#[derive(Clone, Copy, Default)]
struct Slot {
    word: [u8; KEY_BYTES],
    keep: u8,
    suffix_len: u8,
    suffix: [u8; SUFFIX_BYTES],
}

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
            suffix_len: suffix.len() as u8,
            suffix: [0; SUFFIX_BYTES],
        };
        slot.suffix[..suffix.len()].copy_from_slice(suffix);
        Some(slot)
    }

    /// Turn the word this slot remembers into its stem.
    fn apply(&self, word: &mut String) {
        word.truncate(self.keep as usize);
        let suffix = &self.suffix[..self.suffix_len as usize];
        // The suffix is the tail of a stem cut at a character boundary.
        word.push_str(std::str::from_utf8(suffix).expect("suffix cut at a char boundary"));
    }
}

/// Stems single words, remembering the stems of the most recent ones.
pub(crate) struct WordStemmer {
    stemmer: TextAnalyzer,
    sets: Vec<[Slot; WAYS]>,
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

    /// Replace `word` (lower-cased, accents folded) with its stem.
    pub(crate) fn stem_in_place(&mut self, word: &mut String) {
        if word.len() > KEY_BYTES || word.is_empty() {
            self.stem_uncached(word);
            return;
        }
        let mut key = [0u8; KEY_BYTES];
        key[..word.len()].copy_from_slice(word.as_bytes());
        if self.sets.is_empty() {
            self.sets = vec![[Slot::default(); WAYS]; MIN_SETS];
        }
        let set = set_of(&key, self.sets.len());
        let ways = &mut self.sets[set];
        if ways[0].word == key {
            ways[0].apply(word);
            return;
        }
        if ways[1].word == key {
            ways.swap(0, 1);
            ways[0].apply(word);
            return;
        }
        let len = word.len();
        self.stem_uncached(word);
        let original = std::str::from_utf8(&key[..len]).expect("copied from a str");
        if let Some(slot) = Slot::new(key, original, word) {
            self.remember(set, slot);
        }
    }

    /// Put `slot` first in `set`, the set's least recently used slot giving way; or, after
    /// many misses, start afresh with a larger table.
    fn remember(&mut self, set: usize, slot: Slot) {
        self.misses += 1;
        let sets = self.sets.len();
        if sets < MAX_SETS && self.misses > sets * MISSES_PER_SET_TO_GROW {
            self.sets = vec![[Slot::default(); WAYS]; (sets * 4).min(MAX_SETS)];
            self.misses = 0;
            let set = set_of(&slot.word, self.sets.len());
            self.sets[set][0] = slot;
            return;
        }
        let ways = &mut self.sets[set];
        ways[1] = ways[0];
        ways[0] = slot;
    }

    fn stem_uncached(&mut self, word: &mut String) {
        let mut stream = self.stemmer.token_stream(word);
        let Some(stem) = stream.next().map(|t| t.text.clone()) else {
            return;
        };
        drop(stream);
        *word = stem;
    }
}

/// The set of a padded word in a table of `sets` sets (a power of two): the word's three
/// 8-byte chunks folded into one and hashed by multiplication (Fibonacci hashing), whose
/// top bits are the best mixed.
fn set_of(key: &[u8; KEY_BYTES], sets: usize) -> usize {
    let chunk = |i: usize| u64::from_le_bytes(key[i * 8..i * 8 + 8].try_into().expect("8 bytes"));
    let folded = chunk(0) ^ chunk(1).rotate_left(21) ^ chunk(2).rotate_left(42);
    let hash = folded.wrapping_mul(0x9E37_79B9_7F4A_7C15);
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
            .map(|w| plain.token_stream(w).next().unwrap().text.clone())
            .collect()
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
            .map(|i| format!("w{i}ational"))
            .collect();
        assert_eq!(stems(&mut cached, &many), expected(&many));
        assert_eq!(cached.sets.len(), MAX_SETS);
        assert_eq!(stems(&mut cached, &text), want);
        assert_eq!(stems(&mut cached, &many[..100]), expected(&many[..100]));
    }

    #[test]
    fn remembers_the_words_it_has_room_for() {
        let mut cached = WordStemmer::new();
        let mut word = "relational".to_string();
        cached.stem_in_place(&mut word);
        assert_eq!(word, "relat");
        let set = cached
            .sets
            .iter()
            .flatten()
            .find(|s| s.word[0] != 0)
            .unwrap();
        assert_eq!((set.keep, set.suffix_len), (5, 0));
        // Too long to remember, yet stemmed.
        let mut long = "a".repeat(KEY_BYTES) + "ing";
        cached.stem_in_place(&mut long);
        assert_eq!(long, expected(&["a".repeat(KEY_BYTES) + "ing"])[0]);
        let remembered = cached.sets.iter().flatten().filter(|s| s.word[0] != 0);
        assert_eq!(remembered.count(), 1);
    }

    proptest! {
        #[test]
        fn equals_tantivys_stemmer_on_any_words(
            words in prop::collection::vec("[a-z]{1,30}|[a-zé]{1,8}|[αβγ]{1,4}ing", 1..300),
        ) {
            let words: Vec<String> = words;
            let mut cached = WordStemmer::new();
            // Each word twice, the repeats in another order, so that hits happen.
            let mut twice = words.clone();
            twice.extend(words.iter().rev().cloned());
            prop_assert_eq!(stems(&mut cached, &twice), expected(&twice));
        }
    }
}
