//! A bare word and what may follow it: `*`, `word*`, `word^N`, `word~N`, a phrase's `~N`
//! and `^N`.

use super::{query_error, Leaf, Node, Reader, MAX_BOOST, MAX_SLOP};
use crate::error::Result;

impl Reader<'_> {
    /// A run of characters up to white space, a quote, a parenthesis that is syntax, or
    /// `end`.
    pub(super) fn word(&mut self, end: usize) -> String {
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
    pub(super) fn word_node(&mut self, word: String, field: Option<&str>) -> Result<Option<Node>> {
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
    pub(super) fn slop(&mut self) -> Result<u32> {
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
    pub(super) fn boosted(&mut self, node: Node) -> Result<Node> {
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

    pub(super) fn collect_stop_words(&mut self, text: &str) {
        for word in crate::analyzer::stop_words_in(text) {
            if !self.stop_words.contains(&word) {
                self.stop_words.push(word);
            }
        }
    }
}

fn ends_in_word(text: &str) -> bool {
    text.chars().last().is_some_and(char::is_alphanumeric)
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
