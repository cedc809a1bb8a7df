//! Typo tolerance and "did you mean": words of the index within a small edit distance of a
//! query word, drawn from the word dictionary (unstemmed) so that variants and suggestions
//! are words as people write them.

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::fuzzy::WithinEdits;
use crate::dictionary::prefix_upper_bound;
use crate::dictionary::Dictionary;
use crate::schema::words_analyzer;

/// Words shorter than this (in characters) must be spelled exactly.
const ONE_TYPO_FROM: usize = 5;

/// Words at least this long may have two typos.
const TWO_TYPOS_FROM: usize = 9;

/// At most this many variants stand in for one misspelled word, the most common first.
pub(crate) const MAX_VARIANTS: usize = 8;

/// How many edits a word of `chars` characters may have.
pub(crate) fn allowed_edits(chars: usize) -> u8 {
    if chars >= TWO_TYPOS_FROM {
        2
    } else if chars >= ONE_TYPO_FROM {
        1
    } else {
        0
    }
}

/// A word of the index close to a query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    pub word: String,
    /// Number of articles using it.
    pub articles: u64,
    /// Edit distance from the query word (a transposition counts as one edit).
    pub distance: usize,
}

/// Index words within the allowed edit distance of `word` (already lowercased and folded),
/// other than `word` itself: nearest first, then most common. Empty for short words.
pub(crate) fn variants(dictionary: &Dictionary, word: &str) -> Vec<Variant> {
    let edits = allowed_edits(word.chars().count());
    if edits == 0 {
        return Vec::new();
    }
    // No index word is near a longer word.
    let Some(automaton) = WithinEdits::new(word, edits) else {
        return Vec::new();
    };
    // Typos in the first letter are rare, and keeping it confines the automaton to one
    // branch of the dictionary, which makes the lookup many times cheaper.
    let first = &word.as_bytes()[..word.chars().next().map_or(0, char::len_utf8)];
    let upper = prefix_upper_bound(first);
    let mut variants = Vec::new();
    dictionary.search(&automaton, first, upper.as_deref(), |key, articles| {
        if key != word {
            variants.push(Variant {
                distance: edit_distance(word, key),
                word: key.to_string(),
                articles,
            });
        }
    });
    variants.sort_by(|a, b| {
        (a.distance, std::cmp::Reverse(a.articles), &a.word).cmp(&(
            b.distance,
            std::cmp::Reverse(b.articles),
            &b.word,
        ))
    });
    variants
}

/// A better-spelled version of `query`: each word the index does not know is replaced by
/// its nearest, most common neighbour, as `nearest` tells it (the first of [`variants`]).
/// Field names, operators and the query's punctuation are kept. `None` when no word needs
/// (or has) a replacement.
pub(crate) fn suggest<E>(
    dictionary: &Dictionary,
    query: &str,
    mut nearest: impl FnMut(&str) -> Result<Option<String>, E>,
) -> Result<Option<String>, E> {
    let mut folder = words_analyzer();
    let mut out = String::with_capacity(query.len());
    let mut changed = false;
    let mut at = 0;
    for (start, end) in word_spans(query) {
        out.push_str(&query[at..start]);
        at = end;
        let original = &query[start..end];
        let is_field = query[end..].starts_with(':');
        let is_operator = matches!(original, "AND" | "OR" | "NOT" | "TO");
        let folded = single_token(&mut folder, original);
        let replacement = match folded {
            Some(w) if !is_field && !is_operator && dictionary.articles(&w) == 0 => nearest(&w)?,
            _ => None,
        };
        match replacement {
            Some(word) => {
                out.push_str(&in_case_of(original, &dictionary.shown(&word)));
                changed = true;
            }
            None => out.push_str(original),
        }
    }
    out.push_str(&query[at..]);
    Ok(changed.then_some(out))
}

/// `word` (lower-cased) in the letter case of `typed`: capitalised when `typed` is, in
/// capitals when `typed` is all capitals, as a speller keeps the case of what it corrects.
fn in_case_of(typed: &str, word: &str) -> String {
    let mut letters = typed.chars().filter(|c| c.is_alphabetic());
    let first_upper = letters.next().is_some_and(char::is_uppercase);
    let rest: Vec<char> = letters.collect();
    if first_upper && !rest.is_empty() && rest.iter().all(|c| c.is_uppercase()) {
        word.to_uppercase()
    } else if first_upper && rest.iter().all(|c| !c.is_uppercase()) {
        let mut chars = word.chars();
        chars.next().map_or(String::new(), |first| {
            first.to_uppercase().chain(chars).collect()
        })
    } else {
        word.to_string()
    }
}

/// The one token `analyzer` makes of `word`, if it makes exactly one.
pub(crate) fn single_token(analyzer: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = analyzer.token_stream(word);
    let first = stream.next()?.text.clone();
    stream.next().is_none().then_some(first)
}

/// Byte ranges of the runs of letters and digits in `text`.
pub(crate) fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (crate::analyzer::is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions each count one, as the index's automaton counts them.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            d[i * width + j] = if i == 0 {
                j
            } else if j == 0 {
                i
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1)
                    .min(d[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_edits_follow_word_length() {
        assert_eq!(allowed_edits(4), 0);
        assert_eq!(allowed_edits(5), 1);
        assert_eq!(allowed_edits(8), 1);
        assert_eq!(allowed_edits(9), 2);
    }

    #[test]
    fn edit_distance_counts_transpositions_as_one() {
        assert_eq!(edit_distance("rapalo", "rapallo"), 1);
        assert_eq!(edit_distance("relashions", "relations"), 2);
        assert_eq!(edit_distance("treaty", "traety"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("zürich", "zurich"), 1);
    }

    #[test]
    fn a_correction_keeps_the_case_of_the_word_typed() {
        assert_eq!(in_case_of("zurrich", "zürich"), "zürich");
        assert_eq!(in_case_of("Zurrich", "zürich"), "Zürich");
        assert_eq!(in_case_of("ZURRICH", "zürich"), "ZÜRICH");
        assert_eq!(in_case_of("zuRRich", "zürich"), "zürich");
        assert_eq!(in_case_of("Z", "zürich"), "Zürich");
        assert_eq!(in_case_of("12345", "12346"), "12346");
    }

    #[test]
    fn word_spans_skip_punctuation_and_operators_stay_words() {
        let text = "title:rapalo AND \"treaty\"";
        let words: Vec<&str> = word_spans(text).iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(words, ["title", "rapalo", "AND", "treaty"]);
    }
}
