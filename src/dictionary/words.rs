//! Finding the distinct words of an article, as the dictionary counts them.

use rustc_hash::FxHashSet;
use tantivy::tokenizer::{TokenStream, Tokenizer};
use xxhash_rust::xxh3::xxh3_64;

use crate::analyzer::WordTokenizer;
use crate::corpus::Article;

/// Lists each word of a text once, lower-cased and folded as the dictionary keeps it; one
/// per thread, since it keeps a tokenizer and its buffers.
pub(crate) struct WordFinder {
    tokenizer: WordTokenizer,
    seen: FxHashSet<u64>,
}

impl Default for WordFinder {
    fn default() -> Self {
        WordFinder {
            tokenizer: WordTokenizer::words(),
            seen: FxHashSet::with_capacity_and_hasher(2048, Default::default()),
        }
    }
}

impl WordFinder {
    /// Every word of `texts` once, each followed by a space.
    pub(crate) fn distinct<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) -> String {
        // Words are told apart by a 64-bit hash: no allocation per word, and a collision
        // (odds of about 1 in 10^13 per article) would at worst leave one word out.
        self.seen.clear();
        let mut words = String::new();
        for text in texts {
            let mut stream = self.tokenizer.token_stream(text);
            while let Some(token) = stream.next() {
                if self.seen.insert(xxh3_64(token.text.as_bytes())) {
                    words.push_str(&token.text);
                    words.push(' ');
                }
            }
        }
        words
    }

    /// Every word of `article` once: title, headings, text and reading list (the words an
    /// article's documents hold; the index keeps them all, so removing the article later
    /// finds the same words in its stored documents).
    pub(crate) fn article(&mut self, article: &Article) -> String {
        let mut texts: Vec<&str> = vec![&article.title];
        for section in &article.sections {
            texts.extend(section.headings.iter().map(String::as_str));
            texts.push(&section.text);
        }
        for entry in &article.reading {
            texts.extend([entry.heading.as_str(), entry.title.as_str()]);
            texts.extend(entry.author.as_deref());
        }
        self.distinct(texts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_each_word_once_folded_and_unstemmed() {
        let mut finder = WordFinder::default();
        let words = finder.distinct(["The Treaty of Rapallo", "treaties; the TREATY, Zürich"]);
        assert_eq!(words, "the treaty of rapallo treaties zurich ");
        // The next call starts afresh.
        assert_eq!(finder.distinct(["treaty"]), "treaty ");
    }
}
