//! Bounds on a query's size and shape, checked before it is read: what keeps a pasted
//! book or ten thousand parentheses from taking seconds or the stack.

use super::typos::word_spans;
use crate::error::{Error, Result};

/// Parentheses may nest this deep. The reader and the compiler are recursive, so deeper
/// nesting would exhaust the stack; no real query comes close.
pub(crate) const MAX_NESTING: usize = 32;

/// Most words one query may have (Lucene's default clause limit): each becomes a clause per
/// field, so a pasted book would take seconds.
pub(crate) const MAX_WORDS: usize = 1024;

/// The first [`MAX_WORDS`] words of `text` (all of it when it has no more), and the note
/// that says so when it was cut. A pasted chapter is prose, not a broken query: it is
/// searched by its first words, as a search engine cuts a long query, and told.
pub(crate) fn within_length(text: &str) -> (&str, Option<String>) {
    let spans = word_spans(text);
    match spans.get(MAX_WORDS) {
        Some(&(start, _)) => (
            &text[..start],
            Some(format!(
                "searched the first {MAX_WORDS} of the query's {} words",
                spans.len()
            )),
        ),
        None => (text, None),
    }
}

/// Refuse parentheses nested deeper than [`MAX_NESTING`], naming the position of the
/// first one too many. Only the pairs the reader takes as syntax count (`pairs`, for the
/// query's characters `chars`): a parenthesis inside a phrase, or without its match, is
/// text; a quote that closes nothing is text too, and the parentheses after it count.
pub(crate) fn check_nesting(chars: &[char], pairs: &[Option<usize>]) -> Result<()> {
    let mut depth = 0usize;
    for (position, (&c, pair)) in chars.iter().zip(pairs).enumerate() {
        match c {
            '(' if pair.is_some() => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Error::Query {
                        position: position + 1,
                        message: format!("parentheses nest more than {MAX_NESTING} deep"),
                    });
                }
            }
            ')' if pair.is_some() => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
