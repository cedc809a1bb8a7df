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

use crate::analyzer::{is_unspaced, WordTokenizer};

/// Length of a snippet in characters.
pub const SNIPPET_CHARS: usize = 200;

/// Bytes of a section's text searched for the matches its snippet shows: its first 256 KB.
/// A section of many megabytes (a book without headings) would otherwise be analysed whole
/// on every search it matches (0.4 s for 3 million Chinese characters); where its first
/// 256 KB hold no match, its snippet is its beginning.
const SNIPPET_SCAN_BYTES: usize = 256 << 10;

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
    pub(crate) fn make(&self, text: &str, lang: &str) -> Snippet {
        let mut scanned = text.len().min(SNIPPET_SCAN_BYTES);
        while !text.is_char_boundary(scanned) {
            scanned -= 1;
        }
        let marks = self.weighted_marks(&text[..scanned], lang);
        let Some(best) = best_window(text, &marks) else {
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

    /// Every match in `text` (in the language `lang`), as sorted disjoint byte ranges.
    pub(crate) fn marks(&self, text: &str, lang: &str) -> Vec<Range<usize>> {
        self.weighted_marks(text, lang)
            .into_iter()
            .map(|m| m.range)
            .collect()
    }

    /// Every match in `text` (in the language `lang`) with its term and weight, sorted and
    /// disjoint (overlapping CJK bigrams merge into one).
    fn weighted_marks(&self, text: &str, lang: &str) -> Vec<Mark> {
        let mut analyzer = self.analyzer.borrow_mut();
        let mark = crate::language::mark(lang);
        let marked = match mark.is_empty() {
            true => std::borrow::Cow::Borrowed(text),
            false => std::borrow::Cow::Owned(format!("{mark}{text}")),
        };
        let shift = mark.len();
        let mut stream = analyzer.token_stream(&marked);
        let mut marks: Vec<Mark> = Vec::new();
        while let Some(token) = stream.next() {
            let (offset_from, offset_to) = (token.offset_from - shift, token.offset_to - shift);
            let Some(term) = self.weights.iter().position(|(t, _)| *t == token.text) else {
                continue;
            };
            match marks.last_mut() {
                Some(last) if offset_from < last.range.end => {
                    last.range.end = last.range.end.max(offset_to);
                    last.tokens += 1;
                }
                _ => marks.push(Mark {
                    range: offset_from..offset_to,
                    term,
                    weight: self.weights[term].1,
                    tokens: 1,
                }),
            }
        }
        // A lone bigram of a longer run the query looks for (`าม` of `สยาม` inside
        // `ลงนาม`) is not a match of it: only runs of the query's bigrams are marked.
        marks.retain(|m| m.tokens > 1 || !self.is_piece_of_longer_run(m.term));
        marks
    }

    /// Whether query term `term` is a bigram of an unspaced script that the query holds
    /// with a neighbour (the query's run is longer than two characters).
    fn is_piece_of_longer_run(&self, term: usize) -> bool {
        let chars = |t: &str| -> Option<(char, char)> {
            let mut it = t.chars();
            let (a, b) = (it.next()?, it.next()?);
            (it.next().is_none() && is_unspaced(a) && is_unspaced(b)).then_some((a, b))
        };
        let Some((first, last)) = chars(&self.weights[term].0) else {
            return false;
        };
        self.weights
            .iter()
            .enumerate()
            .any(|(i, (t, _))| i != term && chars(t).is_some_and(|(a, b)| a == last || b == first))
    }
}

/// One match: where, which query term, and the term's weight.
struct Mark {
    range: Range<usize>,
    term: usize,
    weight: f32,
    /// How many tokens the match is made of (overlapping bigrams merge into one match).
    tokens: usize,
}

/// The window of about [`SNIPPET_CHARS`] characters that shows the most of the query:
/// the run of matches within that width holding the most weight (each distinct term
/// counts fully once, repeats a little), then widened evenly on both sides, to a
/// sentence start or end where one is near, else to a word. `None` without matches.
fn best_window(text: &str, marks: &[Mark]) -> Option<Fragment> {
    if marks.is_empty() {
        return None;
    }
    // Character offsets of the marks, to measure widths in characters, not bytes.
    let mut chars_before = Vec::with_capacity(marks.len() * 2);
    let (mut at_byte, mut at_char) = (0, 0);
    for mark in marks {
        for byte in [mark.range.start, mark.range.end] {
            at_char += text[at_byte..byte].chars().count();
            at_byte = byte;
            chars_before.push(at_char);
        }
    }
    let start_char = |i: usize| chars_before[2 * i];
    let end_char = |i: usize| chars_before[2 * i + 1];
    let (mut best, mut best_score) = ((0, 0), f32::MIN);
    for first in 0..marks.len() {
        let mut seen: Vec<usize> = Vec::new();
        let mut score = 0.0;
        let mut last = first;
        for (i, mark) in marks.iter().enumerate().skip(first) {
            if end_char(i) - start_char(first) > SNIPPET_CHARS {
                break;
            }
            if seen.contains(&mark.term) {
                score += mark.weight * 0.1;
            } else {
                seen.push(mark.term);
                score += mark.weight;
            }
            last = i;
        }
        if score > best_score {
            (best, best_score) = ((first, last), score);
        }
    }
    let (first, last) = best;
    let used = end_char(last) - start_char(first);
    let spare = SNIPPET_CHARS.saturating_sub(used);
    let start = widen_left(text, marks[first].range.start, spare);
    let room = spare - (text[start..marks[first].range.start].chars().count()).min(spare);
    let stop = widen_right(text, marks[last].range.end, room);
    Some(Fragment {
        start,
        stop,
        highlights: marks[first..=last]
            .iter()
            .map(|m| m.range.clone())
            .collect(),
    })
}

/// Where a snippet whose first match is at `from` starts, with at most `chars` characters
/// to spare: at the start of the sentence holding the match (or of the text) if that is
/// within reach, else at a whole word about half that far back.
fn widen_left(text: &str, from: usize, chars: usize) -> usize {
    if chars == 0 {
        return from;
    }
    let back = |n: usize| {
        text[..from]
            .char_indices()
            .rev()
            .nth(n.saturating_sub(1))
            .map_or(0, |(i, _)| i)
    };
    let limit = back(chars);
    let before = &text[limit..from];
    // The latest sentence start in reach: just after a sentence end.
    let sentence = before
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_sentence(&text[..limit + i], c, &text[limit + i + c.len_utf8()..]))
        .map(|(i, c)| limit + i + c.len_utf8());
    match sentence {
        Some(s) => skip_space(text, s),
        None if limit == 0 => 0,
        None => {
            // Cut before the first word that starts in the nearer half.
            let half = back(chars / 2);
            text[half..from]
                .find(char::is_whitespace)
                .map_or(from, |i| skip_space(text, half + i))
        }
    }
}

/// Where a snippet starting at `from` ends, at most `chars` characters after it: the end of
/// a sentence if one ends in the last third of that reach, else the last whole word.
fn widen_right(text: &str, from: usize, chars: usize) -> usize {
    let limit = text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i);
    let after = &text[from..limit];
    let sentence = after
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_sentence(&text[..from + i], c, &text[from + i + c.len_utf8()..]))
        .map(|(i, c)| from + i + c.len_utf8());
    if limit == text.len() {
        return text.trim_end().len().max(from);
    }
    let late = from + after.len() * 2 / 3;
    match sentence.filter(|&s| s >= late) {
        Some(s) => s,
        None => after
            .rfind(char::is_whitespace)
            .map_or(from, |i| from + i)
            .max(from),
    }
}

/// Whether `c`, between `before` and `after`, ends a sentence: a CJK full stop, or `.`,
/// `!`, `?` before white space or the end of the text, except the full stop of an initial
/// (`George C. Marshall`).
fn ends_sentence(before: &str, c: char, after: &str) -> bool {
    if matches!(c, '。' | '！' | '？') {
        return true;
    }
    if !matches!(c, '.' | '!' | '?') || !after.chars().next().is_none_or(char::is_whitespace) {
        return false;
    }
    let mut back = before.chars().rev();
    let initial = c == '.'
        && back.next().is_some_and(char::is_uppercase)
        && back.next().is_none_or(|c| !c.is_alphanumeric());
    !initial
}

/// `at`, moved past white space.
fn skip_space(text: &str, at: usize) -> usize {
    at + (text[at..].len() - text[at..].trim_start().len())
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

    fn snippets_for(words: &[&str]) -> Snippets {
        let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
        let mut weights: Vec<(String, f32)> = Vec::new();
        for word in words {
            let mut stream = analyzer.token_stream(word);
            if let Some(token) = stream.next() {
                weights.push((token.text.clone(), 1.0));
            }
        }
        Snippets::with_weights(weights)
    }

    #[test]
    fn a_lone_bigram_of_a_longer_run_is_not_marked() {
        let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
        let mut weights: Vec<(String, f32)> = Vec::new();
        for query in ["สยาม", "条約"] {
            let mut stream = analyzer.token_stream(query);
            while let Some(token) = stream.next() {
                weights.push((token.text.clone(), 1.0));
            }
        }
        let snippets = Snippets::with_weights(weights);
        let text = "ลงนามระหว่างสยามกับ 日ソ基本条約";
        let marked: Vec<&str> = snippets
            .marks(text, "en")
            .into_iter()
            .map(|r| &text[r])
            .collect();
        // `าม` of `ลงนาม` is a piece of `สยาม`, not a match; `条約`, a two-character query
        // word, is one bigram and marked alone.
        assert_eq!(marked, ["สยาม", "条約"]);
    }

    #[test]
    fn an_initial_does_not_end_a_sentence() {
        assert!(!ends_sentence("George C", '.', " Marshall"));
        assert!(ends_sentence("in 1947", '.', " Marshall"));
        assert!(ends_sentence("in Japan", '!', " Then"));
        assert!(ends_sentence("Japan", '.', ""));
        assert!(!ends_sentence("3", '.', "5"));
    }

    proptest! {
        #[test]
        fn snippets_are_short_and_mark_only_matches(
            text in proptest::collection::vec(0..WORDS.len(), 0..150),
            punctuation in proptest::collection::vec(proptest::sample::select(vec![" ", ". ", ", ", "\n", "。"]), 150),
            query in proptest::collection::vec(0..WORDS.len(), 1..4),
        ) {
            let mut joined = String::new();
            for (n, &i) in text.iter().enumerate() {
                joined.push_str(WORDS[i]);
                joined.push_str(punctuation[n]);
            }
            let words: Vec<&str> = query.iter().map(|&i| WORDS[i]).collect();
            let snippets = snippets_for(&words);
            let snippet = snippets.make(&joined, "en");
            prop_assert!(snippet.text.chars().count() <= SNIPPET_CHARS + 2, "{}", snippet.text);
            let found = !snippets.marks(&joined, "en").is_empty();
            prop_assert_eq!(found, !snippet.highlights.is_empty());
            for range in &snippet.highlights {
                let marked = snippet.text[range.clone()].to_lowercase();
                let prefix = |w: &str| w.to_lowercase().chars().take(2).collect::<String>();
                prop_assert!(words.iter().any(|w| marked.starts_with(&prefix(w))), "{marked}");
            }
        }
    }

    #[test]
    fn only_a_long_sections_beginning_is_searched_for_the_snippet() {
        let early = format!("Sevastopol fell. {}", "siege ".repeat(400_000));
        let snippet = snippets_for(&["sevastopol"]).make(&early, "en");
        assert_eq!(snippet.highlights.len(), 1);
        let late = format!("{}Sevastopol fell.", "siege ".repeat(400_000));
        let snippet = snippets_for(&["sevastopol"]).make(&late, "en");
        assert!(snippet.highlights.is_empty());
        assert!(snippet.text.starts_with("siege siege"), "{}", snippet.text);
    }

    #[test]
    fn a_short_section_is_shown_whole_around_its_match() {
        let text = "The allies landed in the Crimea in September 1854 and laid siege to the \
                    Russian naval base of Sevastopol. The siege lasted almost a year, through a \
                    bitter winter in which disease killed far more soldiers.";
        let snippet = snippets_for(&["sevastopol"]).make(text, "en");
        assert!(
            snippet.text.starts_with("The allies landed"),
            "{}",
            snippet.text
        );
        assert!(snippet.text.contains("Sevastopol."), "{}", snippet.text);
        assert!(snippet.text.chars().count() > 150, "{}", snippet.text);
    }

    #[test]
    fn the_window_centres_on_the_densest_cluster() {
        let filler = "Nothing to see in this sentence at all. ".repeat(10);
        let text = format!(
            "{filler}The heavenly capital was named once. {filler}The Heavenly Capital of the \
             Taiping, the heavenly capital at Nanjing, fell in 1864. {filler}"
        );
        let snippet = snippets_for(&["heavenly", "capital"]).make(&text, "en");
        assert!(snippet.text.contains("Taiping"), "{}", snippet.text);
        assert!(snippet.highlights.len() >= 4, "{:?}", snippet);
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'));
        // It opens at a sentence, not mid-word.
        assert!(
            snippet.text.starts_with("…The Heavenly") || snippet.text.starts_with("…Nothing"),
            "{}",
            snippet.text
        );
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
