//! Snippets: a window of about [`SNIPPET_CHARS`] characters around the best-matching part of
//! a text, with the matched words marked. JSON gets them as escaped HTML with `<mark>`; the
//! terminal gets the plain text and the ranges to colour.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::ops::Range;

use serde::{Serialize, Serializer};
use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use crate::analyzer::WordTokenizer;

/// Length of a snippet in characters.
pub const SNIPPET_CHARS: usize = 200;

/// Marks placed around a snippet cut out of a longer text.
const ELLIPSIS: &str = "…";

/// A piece of text with highlighted byte ranges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight, sorted and disjoint.
    pub highlights: Vec<Range<usize>>,
}

impl Snippet {
    /// The snippet as HTML: everything escaped, matches wrapped in `<mark>`.
    pub fn to_html(&self) -> String {
        let mut html = String::with_capacity(self.text.len() + 16 * self.highlights.len());
        let mut at = 0;
        for range in &self.highlights {
            escape_into(&self.text[at..range.start], &mut html);
            html.push_str("<mark>");
            escape_into(&self.text[range.clone()], &mut html);
            html.push_str("</mark>");
            at = range.end;
        }
        escape_into(&self.text[at..], &mut html);
        html
    }
}

impl Serialize for Snippet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_html())
    }
}

/// Escape text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Makes snippets of one field for one query.
pub(crate) struct Snippets {
    /// The text of each term the query looks for in the field, with its weight.
    weights: Vec<(String, f32)>,
    analyzer: RefCell<TextAnalyzer>,
}

/// A window of text being considered for a snippet.
#[derive(Default)]
struct Fragment {
    start: usize,
    stop: usize,
    score: f32,
    highlights: Vec<Range<usize>>,
}

impl Snippets {
    /// Snippets of `field`'s text for the terms `query` looks for there, each weighted by
    /// its rarity (as tantivy's `SnippetGenerator` weighs them).
    pub(crate) fn new(
        stats: &dyn Bm25StatisticsProvider,
        query: &dyn Query,
        field: Field,
    ) -> Snippets {
        let mut terms: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term);
            }
        });
        let mut weights: Vec<(String, f32)> = Vec::new();
        for term in terms {
            let value = term.value();
            let (Some(text), Ok(doc_freq)) = (value.as_str(), stats.doc_freq(term)) else {
                continue;
            };
            if doc_freq > 0 && !weights.iter().any(|(t, _)| t == text) {
                weights.push((text.to_string(), 1.0 / (1.0 + doc_freq as f32)));
            }
        }
        Snippets::with_weights(weights)
    }

    /// Snippets for these term texts, each with its weight.
    fn with_weights(weights: Vec<(String, f32)>) -> Snippets {
        // Only words that can match a query term need stemming.
        let analyzer = TextAnalyzer::from(WordTokenizer::text_finding_stems(
            weights.iter().map(|(t, _)| t.as_str()),
        ));
        Snippets {
            weights,
            analyzer: RefCell::new(analyzer),
        }
    }

    /// The snippet of `text`: around the matches if there are any, else its beginning.
    pub(crate) fn make(&self, text: &str) -> Snippet {
        let Some(best) = self.best_fragment(text) else {
            return leading(text);
        };
        let prefix = if best.start > 0 { ELLIPSIS } else { "" };
        let suffix = if best.stop < text.len() { ELLIPSIS } else { "" };
        let shift = prefix.len();
        Snippet {
            text: format!("{prefix}{}{suffix}", &text[best.start..best.stop]),
            highlights: best
                .highlights
                .iter()
                .map(|r| r.start - best.start + shift..r.end - best.start + shift)
                .collect(),
        }
    }

    /// Every match in `text`, as sorted disjoint byte ranges.
    pub(crate) fn marks(&self, text: &str) -> Vec<Range<usize>> {
        let mut analyzer = self.analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut marks: Vec<Range<usize>> = Vec::new();
        while let Some(token) = stream.next() {
            if self.weights.iter().any(|(t, _)| *t == token.text) {
                match marks.last_mut() {
                    Some(last) if token.offset_from < last.end => {
                        last.end = last.end.max(token.offset_to);
                    }
                    _ => marks.push(token.offset_from..token.offset_to),
                }
            }
        }
        marks
    }

    /// The window of at most [`SNIPPET_CHARS`] bytes, cut at tokens, whose matches weigh
    /// the most (the first of equals), if any matches: what tantivy's `SnippetGenerator`
    /// picks, without lowercasing every token again or keeping every window.
    fn best_fragment(&self, text: &str) -> Option<Fragment> {
        let mut analyzer = self.analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(text);
        let mut best: Option<Fragment> = None;
        let mut current = Fragment::default();
        let mut close = |current: &mut Fragment, next_start: usize| {
            if current.score > 0.0 && best.as_ref().is_none_or(|b| current.score > b.score) {
                best = Some(std::mem::take(current));
            } else {
                current.highlights.clear();
            }
            current.start = next_start;
            current.stop = next_start;
            current.score = 0.0;
        };
        while let Some(token) = stream.next() {
            if token.offset_to - current.start > SNIPPET_CHARS {
                close(&mut current, token.offset_from);
            }
            current.stop = token.offset_to;
            if let Some((_, weight)) = self.weights.iter().find(|(t, _)| *t == token.text) {
                current.score += weight;
                // CJK bigrams overlap: a match overlapping the last one extends it.
                match current.highlights.last_mut() {
                    Some(last) if token.offset_from < last.end => {
                        last.end = last.end.max(token.offset_to);
                    }
                    _ => current.highlights.push(token.offset_from..token.offset_to),
                }
            }
        }
        close(&mut current, 0);
        best
    }
}

/// The first [`SNIPPET_CHARS`] characters of `text`, cut at a word boundary.
fn leading(text: &str) -> Snippet {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(SNIPPET_CHARS) else {
        return Snippet {
            text: text.to_string(),
            highlights: Vec::new(),
        };
    };
    let cut = text[..cut].rfind(char::is_whitespace).unwrap_or(cut);
    Snippet {
        text: format!("{}{ELLIPSIS}", text[..cut].trim_end()),
        highlights: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::snippet::SnippetGenerator;

    use super::*;

    const WORDS: [&str; 12] = [
        "treaty",
        "signed",
        "Rapallo",
        "the",
        "in",
        "negotiations",
        "Germany",
        "of",
        "1922",
        "soviet",
        "and",
        "Treaties",
    ];

    proptest! {
        #[test]
        fn picks_the_window_tantivys_generator_picks(
            text in proptest::collection::vec(0..WORDS.len(), 0..150),
            query in proptest::collection::vec((0..WORDS.len(), 1..50u32), 1..4),
        ) {
            let text: Vec<&str> = text.iter().map(|&i| WORDS[i]).collect();
            let text = text.join(" ");
            let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
            let mut weights: Vec<(String, f32)> = Vec::new();
            for (word, doc_freq) in query {
                let mut stream = analyzer.token_stream(WORDS[word]);
                if let Some(token) = stream.next() {
                    if !weights.iter().any(|(t, _)| *t == token.text) {
                        weights.push((token.text.clone(), 1.0 / (1.0 + doc_freq as f32)));
                    }
                }
            }
            let snippets = Snippets::with_weights(weights.clone());
            let theirs = SnippetGenerator::new(
                weights.into_iter().collect(),
                TextAnalyzer::from(WordTokenizer::text()),
                Field::from_field_id(0),
                SNIPPET_CHARS,
            )
            .snippet(&text);
            match snippets.best_fragment(&text) {
                None => prop_assert!(theirs.highlighted().is_empty()),
                Some(ours) => {
                    prop_assert_eq!(ours.start..ours.stop, theirs.fragment_range());
                    let shifted: Vec<Range<usize>> = ours
                        .highlights
                        .iter()
                        .map(|r| r.start - ours.start..r.end - ours.start)
                        .collect();
                    prop_assert_eq!(shifted.as_slice(), theirs.highlighted());
                }
            }
        }
    }

    #[test]
    fn html_escapes_everything_but_the_marks() {
        let s = Snippet {
            text: "<b>Rapallo</b> & \"friends\"".into(),
            highlights: std::iter::once(3..10).collect(),
        };
        assert_eq!(
            s.to_html(),
            "&lt;b&gt;<mark>Rapallo</mark>&lt;/b&gt; &amp; &quot;friends&quot;"
        );
    }

    #[test]
    fn leading_snippets_cut_at_a_word() {
        let long = "word ".repeat(100);
        let s = leading(&long);
        assert!(s.text.ends_with("word…"));
        assert!(s.text.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(leading("short text").text, "short text");
    }
}
