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

use crate::analyzer::is_stop_word;
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

/// A query read into its syntax tree, with what the reader wants the user to know.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Syntax {
    pub node: Node,
    /// What was read as text though it looked like syntax, and the stop words ignored.
    pub notes: Vec<String>,
}

/// Read `text` as a query. Errors only for clearly broken syntax, with its 1-based
/// character position.
pub(crate) fn parse(text: &str) -> Result<Syntax> {
    let chars: Vec<char> = text.chars().map(straight_quote).collect();
    let mut reader = Reader {
        chars: &chars,
        at: 0,
        pairs: match_parentheses(&chars),
        as_text: Vec::new(),
        stop_words: Vec::new(),
        operators: chars.iter().any(|c| c.is_lowercase()),
    };
    let node = reader.sequence(None, None)?;
    let mut notes = Vec::new();
    if !reader.as_text.is_empty() {
        notes.push(format!("read as text: {}", reader.as_text.join(", ")));
    }
    if !reader.stop_words.is_empty() {
        let mut words = reader.stop_words;
        words.dedup();
        notes.push(format!("ignored common words: {}", words.join(", ")));
    }
    Ok(Syntax { node, notes })
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
                "year" => format!("`{name}:` (not followed by a year or range)"),
                _ => format!("`{name}:` (not a field)"),
            });
        }
        Ok(None)
    }

    /// A run of characters up to white space, a quote, a parenthesis that is syntax, or
    /// `end`.
    fn word(&mut self, end: usize) -> String {
        let mut word = String::new();
        while self.at < end {
            let c = self.chars[self.at];
            if c.is_whitespace()
                || c == '"'
                || (matches!(c, '(' | ')') && self.pairs[self.at].is_some())
            {
                break;
            }
            word.push(c);
            self.at += 1;
        }
        word
    }

    /// The node of a bare word: `*`, `word*`, `word^N`, `word~N`, or text.
    fn word_node(&mut self, word: String, field: Option<&str>) -> Result<Option<Node>> {
        if word.is_empty() {
            // A quote or parenthesis read as text stops a word before it starts.
            self.at += 1;
            return Ok(None);
        }
        if word == "*" && field.is_none() {
            return Ok(Some(Node::Leaf(Leaf::All)));
        }
        let start = self.at - word.chars().count();
        let mut text = word.as_str();
        let mut boost = None;
        if let Some((head, number)) = text.rsplit_once('^') {
            // A number raised to a number (`10^6`, `2^1024`) is arithmetic, not a boost.
            if ends_in_word(head) && !looks_numeric(head) && looks_numeric(number) {
                boost = Some(parse_boost(number, start + head.chars().count())?);
                text = head;
            }
        }
        if let Some((head, number)) = text.rsplit_once('~') {
            if ends_in_word(head) && number.chars().all(|c| c.is_ascii_digit()) {
                // `word~N` asks for near spellings, which every word gets anyway.
                text = head;
            }
        }
        let prefix = text.len() > 1 && text.ends_with('*') && ends_in_word(&text[..text.len() - 1]);
        let text = if prefix {
            &text[..text.len() - 1]
        } else {
            text
        };
        // A word holds only parentheses without a partner: paired ones end it.
        for paren in ['(', ')'] {
            if text.contains(paren) {
                self.as_text(format!("an unmatched `{paren}`"));
            }
        }
        if text.contains(['/', '\\', '[', ']', '{', '}', '*', '^', '~', ':']) {
            let shown: String = text.chars().take(40).collect();
            self.as_text(format!("`{shown}`"));
        } else if text.chars().all(|c| !c.is_alphanumeric()) && text.contains(['-', '+']) {
            self.as_text(format!("a lone `{text}`"));
        }
        self.collect_stop_words(text);
        let leaf = Node::Leaf(Leaf::Words {
            field: field.map(str::to_string),
            text: text.to_string(),
            quoted: false,
            slop: 0,
            prefix,
        });
        Ok(Some(match boost {
            Some(b) => Node::Boost(Box::new(leaf), b),
            None => leaf,
        }))
    }

    /// `~N` after a phrase: its slop.
    fn slop(&mut self) -> Result<u32> {
        if self.peek() != Some('~') {
            return Ok(0);
        }
        let start = self.at;
        let digits: String = self.chars[self.at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        self.at += 1 + digits.len();
        if digits.is_empty() {
            return Ok(0);
        }
        match digits.parse::<u32>() {
            Ok(n) if n <= MAX_SLOP => Ok(n),
            _ => Err(query_error(
                start,
                &format!("phrase slop goes up to {MAX_SLOP}"),
            )),
        }
    }

    /// `node` with the `^N` that follows it, if any.
    fn boosted(&mut self, node: Node) -> Result<Node> {
        if self.peek() != Some('^') {
            return Ok(node);
        }
        let number: String = self.chars[self.at + 1..]
            .iter()
            .take_while(|c| !c.is_whitespace() && **c != ')')
            .collect();
        if !looks_numeric(&number) {
            return Ok(node);
        }
        let boost = parse_boost(&number, self.at)?;
        self.at += 1 + number.chars().count();
        Ok(Node::Boost(Box::new(node), boost))
    }

    fn collect_stop_words(&mut self, text: &str) {
        for word in text.split(|c: char| !crate::analyzer::is_word_char(c)) {
            let lower = word.to_lowercase();
            if is_stop_word(&lower) && !self.stop_words.contains(&lower) {
                self.stop_words.push(lower);
            }
        }
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

fn ends_in_word(text: &str) -> bool {
    text.chars().last().is_some_and(char::is_alphanumeric)
}

/// Whether `c` quotes a phrase: `"`, or a typographic double quote (`“…”`, `„…“`, `«…»`),
/// which pasted text has. Single ones are not: `’` is also an apostrophe.
pub(crate) fn is_double_quote(c: char) -> bool {
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

/// Whether `text` is meant as a number (`2`, `0.5`, `1e9`, sixty 9s).
fn looks_numeric(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
}

fn parse_boost(number: &str, position: usize) -> Result<f32> {
    match number.parse::<f32>() {
        Ok(b) if b.is_finite() && b > 0.0 && b <= MAX_BOOST => Ok(b),
        _ => Err(query_error(
            position,
            &format!("a boost is a number above 0 and up to {MAX_BOOST}, not {number:?}"),
        )),
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
#[cfg(test)]
mod tests;
mod years;
