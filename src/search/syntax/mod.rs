//! The query language, read leniently: syntax counts only where it is unambiguous, and
//! every other character is text.
//!
//! People paste sentences, claims and titles: `reactive oxygen species (ROS).`,
//! `what did /slip flow/ mean?`, `note: x`, `type-I`, ` - (a)`. A strict grammar turns
//! each of these into an error or into something the user did not mean. Here:
//!
//! - `"a phrase"` (balanced quotes, typographic ones too: `“a phrase”`), optionally
//!   followed by `~N` (slop);
//! - `-word` / `+word` at the start of a word (before a letter, digit, quote or
//!   parenthesis) exclude / require it;
//! - `OR` between two words (upper case) makes either do; `AND` between words is the
//!   default, but explicit: the words beside it are never relaxed away; `NOT` before a
//!   word excludes it (in a query typed all in capitals, these three are words);
//! - `field:` with a known field (`title`, `heading`, `body`, `book`, `author`), and
//!   `year:1914`, `year:>=1900`, `year:[1900 TO 1950]`;
//! - balanced parentheses group;
//! - `word*` is a prefix (after at least one letter or digit), `*` alone matches all;
//! - `word^N` weights a word by a finite, positive `N` (at most [`MAX_BOOST`]);
//!
//! and nothing else. What looks like syntax but is not read as syntax (an unknown `field:`,
//! an unbalanced quote or parenthesis, `/…/`, a lone `-`) is text, and a [`Syntax::notes`]
//! line says so. The rare query that is clearly syntax and clearly broken (`year:[1900 TO`,
//! `word^1e99`) is an error naming its position.

use super::limits::check_nesting;
use crate::error::{Error, Result};

/// Boosts above this are refused: scores must stay finite, and no ranking needs more.
pub(crate) const MAX_BOOST: f32 = 1000.0;

/// Phrase slop above this is refused.
pub(crate) const MAX_SLOP: u32 = 100;

/// The fields a `name:` prefix may name (besides `year`).
pub(crate) const TEXT_FIELDS: [&str; 7] = [
    "title", "heading", "body", "book", "author", "tags", "authors",
];

pub(crate) use node::{Leaf, Node, Occur};
pub use plain::plain_words;
pub(crate) use sentence::{is_sentence, SENTENCE_ENDS};

/// A query read into its syntax tree, with what the reader wants the user to know.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Syntax {
    pub node: Node,
    /// What was read as text though it looked like syntax, and the stop words ignored.
    pub notes: Vec<String>,
    /// Whether any stop word was ignored.
    pub stop_words: bool,
}

/// Read `text` as a query. Errors only for clearly broken syntax, with its 1-based
/// character position.
pub(crate) fn parse(text: &str) -> Result<Syntax> {
    // Composed as indexed text is (see `corpus::model`): kana and Hangul typed or pasted
    // decomposed are the words they compose to.
    let mut chars: Vec<char> = (crate::analyzer::composed(text).chars())
        .map(straight_quote)
        .collect();
    gershayim(&mut chars);
    let pairs = match_parentheses(&chars);
    check_nesting(&chars, &pairs)?;
    let mut reader = Reader {
        chars: &chars,
        at: 0,
        pairs,
        as_text: Vec::new(),
        stop_words: Vec::new(),
        operators: chars.iter().any(|c| c.is_lowercase()),
    };
    let node = reader.sequence(None, None)?;
    let mut notes = Vec::new();
    let stop_words = !reader.stop_words.is_empty();
    if !reader.as_text.is_empty() {
        notes.push(format!("read as text: {}", reader.as_text.join(", ")));
    }
    if !reader.stop_words.is_empty() {
        let mut words = reader.stop_words;
        words.dedup();
        notes.push(format!("ignored common words: {}", words.join(", ")));
    }
    // `""`, `()`: syntax around nothing, which finds nothing, saying why.
    if notes.is_empty() && !chars.iter().any(|c| c.is_alphanumeric() || *c == '*') {
        notes.push("nothing to search for: the query holds no words".into());
    }
    Ok(Syntax {
        node,
        notes,
        stop_words,
    })
}

/// A `"` between two Hebrew letters is the gershayim of an abbreviation (`צה"ל`, the IDF;
/// `ארה"ב`, the USA), as Hebrew keyboards write it, not a quote: it is read as `״`, which
/// the analyzer keeps inside the word.
fn gershayim(chars: &mut [char]) {
    let hebrew = |c: Option<&char>| c.is_some_and(|&c| crate::analyzer::is_hebrew_letter(c));
    for i in 1..chars.len().saturating_sub(1) {
        if chars[i] == '"' && hebrew(chars.get(i - 1)) && hebrew(chars.get(i + 1)) {
            chars[i] = '\u{5F4}';
        }
    }
}

/// For each `(` that has a matching `)` (outside balanced quotes), the position of that
/// `)`; unmatched parentheses are text.
fn match_parentheses(chars: &[char]) -> Vec<Option<usize>> {
    let mut pairs = vec![None; chars.len()];
    let mut open: Vec<usize> = Vec::new();
    let quotes = quote_pairs(chars);
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '"' => {
                if let Some(end) = quotes[i] {
                    i = end;
                }
            }
            '(' => open.push(i),
            ')' => {
                if let Some(start) = open.pop() {
                    pairs[start] = Some(i);
                    pairs[i] = Some(start);
                }
            }
            _ => {}
        }
        i += 1;
    }
    pairs
}

/// For each opening `"` with a closing one, the closing one's position.
fn quote_pairs(chars: &[char]) -> Vec<Option<usize>> {
    let mut pairs = vec![None; chars.len()];
    let mut open = None;
    for (i, &c) in chars.iter().enumerate() {
        if c == '"' {
            match open.take() {
                Some(start) => pairs[start] = Some(i),
                None => open = Some(i),
            }
        }
    }
    pairs
}

/// One operand of a sequence, before `OR` groups are formed.
struct Operand {
    occur: Option<Occur>,
    node: Node,
}

struct Reader<'a> {
    chars: &'a [char],
    at: usize,
    pairs: Vec<Option<usize>>,
    as_text: Vec<String>,
    stop_words: Vec<String>,
    /// Whether `OR`, `AND` and `NOT` are operators: only where they stand out from text
    /// that has lower-case letters. In a query typed in capitals they are words.
    operators: bool,
}

impl Reader<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    /// Remember that `what` looked like syntax but was read as text.
    fn as_text(&mut self, what: String) {
        if !self.as_text.contains(&what) {
            self.as_text.push(what);
        }
    }

    /// Operands up to `end` (exclusive) or the end of the text, combined: runs joined by
    /// `OR` become one clause of alternatives.
    fn sequence(&mut self, end: Option<usize>, field: Option<&str>) -> Result<Node> {
        let end = end.unwrap_or(self.chars.len());
        let mut operands: Vec<Operand> = Vec::new();
        // Whether an `OR` joins the next operand to the last one.
        let mut pending_or = false;
        // Whether an `AND` requires the last operand and the next one.
        let mut pending_and = false;
        let mut negate_next = false;
        loop {
            while self.at < end && self.chars[self.at].is_whitespace() {
                self.at += 1;
            }
            if self.at >= end {
                break;
            }
            let start = self.at;
            let word = self.bare_word(end);
            if self.operators && (word == "OR" || word == "AND" || word == "NOT") {
                let followed = self.has_operand_after(start + word.len(), end);
                let preceded = !operands.is_empty();
                match word.as_str() {
                    "OR" if preceded && followed => {
                        self.at = start + 2;
                        pending_or = true;
                        continue;
                    }
                    "AND" if preceded && followed => {
                        self.at = start + 3;
                        pending_and = true;
                        continue;
                    }
                    "NOT" if followed => {
                        self.at = start + 3;
                        negate_next = true;
                        continue;
                    }
                    _ => {}
                }
            }
            let Some(mut operand) = self.operand(end, field)? else {
                continue;
            };
            if negate_next {
                operand.occur = Some(Occur::MustNot);
                negate_next = false;
            }
            if pending_and {
                pending_and = false;
                if let Some(last) = operands.last_mut() {
                    last.occur.get_or_insert(Occur::Must);
                }
                operand.occur.get_or_insert(Occur::Must);
            }
            if pending_or {
                pending_or = false;
                if let Some(last) = operands.pop() {
                    operands.push(either(last, operand));
                    continue;
                }
            }
            operands.push(operand);
        }
        Ok(Node::Clause(
            operands.into_iter().map(|o| (o.occur, o.node)).collect(),
        ))
    }

    /// The run of non-space characters at the reader (without moving it).
    fn bare_word(&self, end: usize) -> String {
        self.chars[self.at..end]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .collect()
    }

    /// Whether something other than white space follows `from` before `end`.
    fn has_operand_after(&self, from: usize, end: usize) -> bool {
        from < end
            && self.chars[from].is_whitespace()
            && self.chars[from..end].iter().any(|c| !c.is_whitespace())
    }

    /// One operand: `[+-]` then a group, a phrase, a field-qualified operand or a word.
    fn operand(&mut self, end: usize, field: Option<&str>) -> Result<Option<Operand>> {
        let mut occur = None;
        let c = self.chars[self.at];
        if (c == '-' || c == '+') && self.at + 1 < end && self.starts_operand(self.at + 1) {
            occur = Some(if c == '-' {
                Occur::MustNot
            } else {
                Occur::Must
            });
            self.at += 1;
        }
        let node = self.unary(end, field)?;
        Ok(node.map(|node| Operand { occur, node }))
    }

    /// Whether an operand (not an operator or space) starts at `i`.
    fn starts_operand(&self, i: usize) -> bool {
        match self.chars.get(i) {
            Some(&c) if c.is_alphanumeric() => true,
            Some('"') => self.quote_end(i).is_some(),
            Some('(') => self.pairs[i].is_some(),
            _ => false,
        }
    }

    fn quote_end(&self, i: usize) -> Option<usize> {
        self.chars[i + 1..]
            .iter()
            .position(|&c| c == '"')
            .map(|p| i + 1 + p)
    }

    /// A group, a phrase, `field:…` or a word, with any `^N` after it.
    fn unary(&mut self, end: usize, field: Option<&str>) -> Result<Option<Node>> {
        let c = self.chars[self.at];
        if c == '(' {
            if let Some(close) = self.pairs[self.at].filter(|&close| close < end) {
                self.at += 1;
                let inner = self.sequence(Some(close), field)?;
                self.at = close + 1;
                return self.boosted(inner).map(Some);
            }
            self.as_text("an unmatched `(`".to_string());
            self.at += 1;
            return Ok(None);
        }
        if c == ')' {
            self.as_text("an unmatched `)`".to_string());
            self.at += 1;
            return Ok(None);
        }
        if c == '"' {
            if let Some(close) = self.quote_end(self.at).filter(|&close| close < end) {
                let text: String = self.chars[self.at + 1..close].iter().collect();
                self.at = close + 1;
                let slop = self.slop()?;
                let prefix = self.peek() == Some('*');
                if prefix {
                    self.at += 1;
                }
                self.collect_stop_words(&text);
                let leaf = Node::Leaf(Leaf::Words {
                    field: field.map(str::to_string),
                    text,
                    quoted: true,
                    slop,
                    prefix,
                });
                return self.boosted(leaf).map(Some);
            }
            self.as_text("an unmatched `\"`".to_string());
            self.at += 1;
            return Ok(None);
        }
        if field.is_none() {
            if let Some(node) = self.field_operand(end)? {
                return Ok(Some(node));
            }
        }
        let word = self.word(end);
        self.word_node(word, field)
    }

    /// `name:` followed by an operand, if `name` is a field; else `None` (nothing read).
    fn field_operand(&mut self, end: usize) -> Result<Option<Node>> {
        let name: String = self.chars[self.at..end]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let colon = self.at + name.len();
        if name.is_empty() || self.chars.get(colon) != Some(&':') {
            return Ok(None);
        }
        let lower = name.to_ascii_lowercase();
        if lower == "year" && self.is_year_syntax(colon + 1, end) {
            let start = self.at;
            self.at = colon + 1;
            return self.years(start, end).map(|leaf| Some(Node::Leaf(leaf)));
        }
        let after = colon + 1;
        let known = TEXT_FIELDS.contains(&lower.as_str());
        if known && after < end && self.starts_operand(after) {
            self.at = after;
            let node = self.unary(end, Some(&lower))?;
            return Ok(node);
        }
        if !known && after < end && !self.chars[after].is_whitespace() {
            self.as_text(match lower.as_str() {
                "year" => format!("`{name}:` ({})", self.why_not_years(after, end)),
                _ => format!("`{name}:` (not a field)"),
            });
        }
        Ok(None)
    }
}

/// Two operands joined by `OR`: one clause of alternatives (extending one if `a` is one).
fn either(a: Operand, b: Operand) -> Operand {
    let alternative = |o: Operand| -> (Option<Occur>, Node) {
        match o.occur {
            Some(Occur::MustNot) => (Some(Occur::MustNot), o.node),
            _ => (Some(Occur::Should), o.node),
        }
    };
    let mut clauses = match a {
        Operand {
            occur: None,
            node: Node::Clause(children),
        } if children.iter().any(|(o, _)| *o == Some(Occur::Should)) => children,
        a => vec![alternative(a)],
    };
    clauses.push(alternative(b));
    Operand {
        occur: None,
        node: Node::Clause(clauses),
    }
}

/// Whether `c` quotes a phrase: `"`, or a typographic double quote (`“…”`, `„…“`, `«…»`),
/// which pasted text has. Single ones are not: `’` is also an apostrophe.
fn is_double_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}'
    )
}

/// `c`, with every double quote read as `"`.
fn straight_quote(c: char) -> char {
    match is_double_quote(c) {
        true => '"',
        false => c,
    }
}

/// A query error at the 0-based character `index`.
fn query_error(index: usize, message: &str) -> Error {
    Error::Query {
        position: index + 1,
        message: message.to_string(),
    }
}

mod node;
mod plain;
mod sentence;
#[cfg(test)]
mod tests;
mod word;
mod years;
