//! Snippets: a window of about [`SNIPPET_CHARS`] characters around the best-matching part of
//! a text, with the matched words marked. JSON gets them as escaped HTML with `<mark>`; the
//! terminal gets the plain text and the ranges to colour.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use serde::{Serialize, Serializer};
use tantivy::query::{Bm25StatisticsProvider, Query};
use tantivy::schema::Field;
use tantivy::snippet::SnippetGenerator;
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
    generator: Option<SnippetGenerator>,
}

impl Snippets {
    /// Snippets of `field`'s text for the terms `query` looks for there, each weighted by
    /// its rarity (as tantivy's generator weighs them).
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
        let mut weights: BTreeMap<String, f32> = BTreeMap::new();
        for term in terms {
            let value = term.value();
            let (Some(text), Ok(doc_freq)) = (value.as_str(), stats.doc_freq(term)) else {
                continue;
            };
            if doc_freq > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
        // Only words that can match a query term need stemming.
        let analyzer = TextAnalyzer::from(WordTokenizer::text_finding_stems(
            weights.keys().map(String::as_str),
        ));
        Snippets {
            generator: Some(SnippetGenerator::new(
                weights,
                analyzer,
                field,
                SNIPPET_CHARS,
            )),
        }
    }

    /// The snippet of `text`: around the matches if there are any, else its beginning.
    pub(crate) fn make(&self, text: &str) -> Snippet {
        if let Some(generator) = &self.generator {
            let found = generator.snippet(text);
            if !found.highlighted().is_empty() {
                let range = found.fragment_range();
                let prefix = if range.start > 0 { ELLIPSIS } else { "" };
                let suffix = if range.end < text.len() { ELLIPSIS } else { "" };
                let shift = prefix.len();
                return Snippet {
                    text: format!("{prefix}{}{suffix}", found.fragment()),
                    highlights: found
                        .highlighted()
                        .iter()
                        .map(|r| r.start + shift..r.end + shift)
                        .collect(),
                };
            }
        }
        leading(text)
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
    use super::*;

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
