//! English stemming, one word at a time, with the stems of recent words remembered.
//!
//! Stemming is the largest single cost of analysis, yet most words of a text are among its
//! few thousand most common ones, so each analyzer remembers the stems it computed. Stems
//! come from tantivy's own English stemmer, so they always equal what it would index.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

/// Words remembered per stemmer before it starts afresh: a tenth of a megabyte or so of
/// words per indexed field and indexing thread, far more than the common vocabulary.
const CACHE_WORDS: usize = 20_000;

/// Stems single words, remembering the last [`CACHE_WORDS`] distinct ones.
#[derive(Clone)]
pub(crate) struct WordStemmer {
    stemmer: TextAnalyzer,
    /// Keyed with FxHash, as in rustc: hashing is most of a cache hit's cost, and SipHash's
    /// protection against chosen collisions buys nothing for a bounded, per-analyzer cache.
    stems: HashMap<String, String, FxBuildHasher>,
}

impl WordStemmer {
    pub(crate) fn new() -> WordStemmer {
        WordStemmer {
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
            stems: HashMap::default(),
        }
    }

    /// Replace `word` (lower-cased, accents folded) with its stem.
    pub(crate) fn stem_in_place(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let mut stream = self.stemmer.token_stream(word);
        let Some(stem) = stream.next().map(|t| t.text.clone()) else {
            return;
        };
        drop(stream);
        if self.stems.len() >= CACHE_WORDS {
            self.stems.clear();
        }
        let word = std::mem::replace(word, stem.clone());
        self.stems.insert(word, stem);
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::SimpleTokenizer;

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

    #[test]
    fn equals_tantivys_stemmer_across_cache_resets() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut expected = |words: &[String]| -> Vec<String> {
            words
                .iter()
                .map(|w| plain.token_stream(w).next().unwrap().text.clone())
                .collect()
        };
        let text: Vec<String> = "negotiating negotiations negotiated treaties rapallo \
                                 locarno diplomatic relations related relationally running"
            .split(' ')
            .map(String::from)
            .collect();
        let want = expected(&text);
        assert!(want.iter().any(|s| s == "negoti"));
        let mut cached = WordStemmer::new();
        // Twice: the second pass is served from the cache.
        assert_eq!(stems(&mut cached, &text), want);
        assert_eq!(stems(&mut cached, &text), want);
        // More distinct words than the cache holds: it starts afresh and stays right.
        let many: Vec<String> = (0..CACHE_WORDS + 10).map(|i| format!("w{i}ing")).collect();
        assert_eq!(stems(&mut cached, &many), expected(&many));
        assert_eq!(stems(&mut cached, &text), want);
    }
}
