//! Brackets matched in one pass (wikitext's `[[`…`]]` and `{{`…`}}`, LaTeX's `{`…`}`): a
//! stack of openings, so that text of many unclosed brackets costs no more than any other,
//! where seeking each one's close would cost the square of its length.

use std::collections::HashMap;

/// How a kind of bracket is written.
#[derive(Clone, Copy)]
pub(crate) struct Bracket<'a> {
    pub open: &'a str,
    pub close: &'a str,
    /// Whether a pair ends with its line (a wiki link does), openings left open there never
    /// closing.
    pub per_line: bool,
    /// A character that makes the one after it no bracket (LaTeX's `\{`).
    pub escape: Option<u8>,
}

/// Each opening of `text` that a closing matches, with where that closing stands, pairs
/// nested within pairs.
pub(crate) fn pairs(text: &str, bracket: Bracket) -> HashMap<usize, usize> {
    let bytes = text.as_bytes();
    let (open, close) = (bracket.open.as_bytes(), bracket.close.as_bytes());
    let mut pairs = HashMap::new();
    let mut stack = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bracket.escape == Some(bytes[i]) {
            i += 2;
        } else if bytes[i..].starts_with(open) {
            stack.push(i);
            i += open.len();
        } else if bytes[i..].starts_with(close) {
            if let Some(start) = stack.pop() {
                pairs.insert(start, i);
            }
            i += close.len();
        } else {
            if bracket.per_line && bytes[i] == b'\n' {
                stack.clear();
            }
            i += 1;
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_pair_as_they_nest_and_unclosed_ones_do_not() {
        let link = Bracket {
            open: "[[",
            close: "]]",
            per_line: true,
            escape: None,
        };
        let found = pairs("[[a [[b]] c]] [[d\n]] [[", link);
        assert_eq!(found.len(), 2);
        assert_eq!(found[&0], 11);
        assert_eq!(found[&4], 7);
        let brace = Bracket {
            open: "{",
            close: "}",
            per_line: false,
            escape: Some(b'\\'),
        };
        let found = pairs("{a \\} b}\n{", brace);
        assert_eq!(found.len(), 1);
        assert_eq!(found[&0], 7);
    }
}
