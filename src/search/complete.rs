//! Completions of the last word of a query being typed, from the index's own words, the
//! most common first: search-as-you-type.

use serde::Serialize;

use super::typos::{single_token, word_spans};
use crate::dictionary::prefix_upper_bound;
use crate::dictionary::Dictionary;
use crate::schema::words_analyzer;

/// Most completions returned.
pub const MAX_COMPLETIONS: usize = 10;

/// At most this many dictionary words are considered, so that a one-letter prefix costs no
/// more than a longer one.
const MAX_SCANNED: usize = 20_000;

/// One completion of a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Completion {
    /// The whole query with its last word completed.
    pub text: String,
    /// The completed word.
    pub word: String,
    /// Articles using the word (the field keeps its first name, from when it counted
    /// sections and reading entries).
    pub documents: u64,
}

/// Up to `limit` completions of the last word of `query`, most common first. Empty when
/// the query does not end in a word.
pub(crate) fn complete(dictionary: &Dictionary, query: &str, limit: usize) -> Vec<Completion> {
    let Some(&(start, end)) = word_spans(query).last() else {
        return Vec::new();
    };
    if end != query.len() {
        return Vec::new();
    }
    let Some(prefix) = single_token(&mut words_analyzer(), &query[start..end]) else {
        return Vec::new();
    };
    let upper = prefix_upper_bound(prefix.as_bytes());
    let mut words: Vec<(String, u64)> = Vec::new();
    dictionary.range(prefix.as_bytes(), upper.as_deref(), |word, articles| {
        words.push((word.to_string(), articles));
        words.len() < MAX_SCANNED
    });
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    words
        .into_iter()
        .take(limit.min(MAX_COMPLETIONS))
        .map(|(word, documents)| {
            let word = dictionary.shown(&word);
            Completion {
                text: format!("{}{word}", &query[..start]),
                word,
                documents,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::{Generation, WordCounts, WordFinder};

    #[test]
    fn completions_are_shown_as_most_articles_write_them() {
        let mut counts = WordCounts::default();
        let mut finder = WordFinder::default();
        for text in ["Zürich", "Zürich", "zurück", "Zulu", "ZULU"] {
            counts.add_article(&finder.distinct([text]));
        }
        let dictionary = counts
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap()
            .0;
        let texts: Vec<String> = complete(&dictionary, "treaty of zü", 5)
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(
            texts,
            ["treaty of zulu", "treaty of zürich", "treaty of zurück"]
        );
    }
}
