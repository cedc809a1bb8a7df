//! English stemming, one word at a time, with the stems of recent words remembered.
//!
//! Stemming is the largest single cost of indexing (a fifth of a build's CPU time in
//! `perf`), yet most words of a text are among its few thousand most common ones, so each
//! analyzer remembers the stems it computed. Stems come from tantivy's own English
//! stemmer, so they always equal what the index holds.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxBuildHasher;

use tantivy::tokenizer::{
    Language, RawTokenizer, Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

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

/// A token filter stemming English words like tantivy's [`Stemmer`], faster on real text.
///
/// [`CachedStemmer::new`] stems every word, as the index does.
/// [`CachedStemmer::only_initials`] stems only words starting with one of the given letters
/// and leaves the rest as they are: stemming never changes a word's first letter, so when
/// only words matching some terms matter (snippets), the other words need no stemming.
#[derive(Clone, Default)]
pub struct CachedStemmer {
    initials: Option<Arc<[char]>>,
}

impl CachedStemmer {
    /// Stem every word.
    pub fn new() -> CachedStemmer {
        CachedStemmer::default()
    }

    /// Stem only the words starting with one of `initials`.
    pub fn only_initials(initials: impl IntoIterator<Item = char>) -> CachedStemmer {
        CachedStemmer {
            initials: Some(initials.into_iter().collect()),
        }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner,
            initials: self.initials,
            stemmer: WordStemmer::new(),
        }
    }
}

/// The tokenizer [`CachedStemmer`] makes.
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
    initials: Option<Arc<[char]>>,
    stemmer: WordStemmer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            initials: self.initials.as_deref(),
            stemmer: &mut self.stemmer,
        }
    }
}

/// The token stream of a [`CachedStemmerFilter`].
pub struct CachedStemmerStream<'a, T> {
    tail: T,
    initials: Option<&'a [char]>,
    stemmer: &'a mut WordStemmer,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let word = &mut self.tail.token_mut().text;
        let wanted = match self.initials {
            None => true,
            Some(initials) => word.chars().next().is_some_and(|c| initials.contains(&c)),
        };
        if wanted {
            self.stemmer.stem_in_place(word);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::SimpleTokenizer;

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push(token.clone());
        }
        out
    }

    #[test]
    fn equals_tantivys_stemmer_token_for_token_across_cache_resets() {
        let text = "Negotiating negotiations negotiated, the treaties of Rapallo and \
                    Locarno; diplomatic relations related relationally running runs ran";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(CachedStemmer::new())
            .build();
        let expected = tokens(&mut plain, text);
        assert!(expected.iter().any(|t| t.text == "negoti"));
        // Twice: the second pass is served from the cache.
        assert_eq!(tokens(&mut cached, text), expected);
        assert_eq!(tokens(&mut cached, text), expected);
        // More distinct words than the cache holds: it starts afresh and stays right.
        let many: Vec<String> = (0..CACHE_WORDS + 10).map(|i| format!("w{i}ing")).collect();
        let many = many.join(" ");
        assert_eq!(tokens(&mut cached, &many), tokens(&mut plain, &many));
        assert_eq!(tokens(&mut cached, text), expected);
    }
}
