//! Completions of the last word of a query being typed, from the index's own words, the
//! most common first: search-as-you-type.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::Searcher;

use super::query::prefix_upper_bound;
use super::typos::{single_token, word_spans};
use crate::error::{Error, Result};
use crate::schema::{words_analyzer, Fields};

/// Most completions returned.
pub const MAX_COMPLETIONS: usize = 10;

/// At most this many dictionary words are considered per segment, so that a one-letter
/// prefix costs no more than a longer one.
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
pub(crate) fn complete(
    searcher: &Searcher,
    fields: &Fields,
    query: &str,
    limit: usize,
) -> Result<Vec<Completion>> {
    let Some(&(start, end)) = word_spans(query).last() else {
        return Ok(Vec::new());
    };
    if end != query.len() {
        return Ok(Vec::new());
    }
    let Some(prefix) = single_token(&mut words_analyzer(), &query[start..end]) else {
        return Ok(Vec::new());
    };
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.words)?;
        let mut range = inverted.terms().range().ge(prefix.as_bytes());
        if let Some(upper) = prefix_upper_bound(prefix.as_bytes()) {
            range = range.lt(upper);
        }
        let mut stream = range.into_stream().map_err(|e| Error::io("index", e))?;
        let mut scanned = 0;
        while scanned < MAX_SCANNED && stream.advance() {
            scanned += 1;
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                *found.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut words: Vec<(String, u64)> = found.into_iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(words
        .into_iter()
        .take(limit.min(MAX_COMPLETIONS))
        .map(|(word, documents)| Completion {
            text: format!("{}{word}", &query[..start]),
            word,
            documents,
        })
        .collect())
}
