//! Human-readable rendering of search results, index summaries and stats. JSON output is
//! the serde form of the same types.

mod article;
mod books;
mod related;
mod results;
mod summary;
mod timeline;

pub use article::write_article;
pub use books::write_books;
pub use related::write_related;
pub use results::write_results;
pub use summary::{human_bytes, write_stats, write_summary};
pub use timeline::write_timeline;

use crate::search::Snippet;

/// Writes text with or without ANSI colour, wrapped to a width or not.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    color: bool,
    /// Terminal columns to wrap running text to; `None` leaves lines whole (pipes).
    width: Option<usize>,
}

pub(crate) const BOLD: &str = "\x1b[1m";
pub(crate) const DIM: &str = "\x1b[2m";
pub(crate) const MATCH: &str = "\x1b[1;31m";
pub(crate) const PATH: &str = "\x1b[35m";
pub(crate) const BOOK: &str = "\x1b[1;36m";
pub(crate) const BAR: &str = "\x1b[34m";
pub(crate) const RESET: &str = "\x1b[0m";

impl Painter {
    pub fn new(color: bool) -> Painter {
        Painter { color, width: None }
    }

    /// The columns running text is wrapped to, if any.
    pub(crate) fn width(&self) -> Option<usize> {
        self.width
    }

    /// The same painter, wrapping running text to `width` columns (at least 40).
    pub fn wrapping(self, width: Option<usize>) -> Painter {
        Painter {
            width: width.map(|w| w.max(40)),
            ..self
        }
    }

    /// `text` (already painted and escaped) indented by `indent` spaces and, on a
    /// terminal, wrapped to its width with the same hanging indent. Colour codes take no
    /// columns.
    pub(crate) fn indented(&self, text: &str, indent: usize) -> String {
        let pad = " ".repeat(indent);
        match self.width {
            Some(width) => {
                let options = textwrap::Options::new(width)
                    .initial_indent(&pad)
                    .subsequent_indent(&pad);
                textwrap::fill(text, options)
            }
            None => format!("{pad}{text}"),
        }
    }

    pub(crate) fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// The snippet with its matches highlighted: coloured on a terminal, `[…]`-free plain
    /// text otherwise.
    pub(crate) fn snippet(&self, snippet: &Snippet) -> String {
        if !self.color {
            return escape_running(&snippet.text);
        }
        let mut out = String::new();
        let mut at = 0;
        for range in &snippet.highlights {
            out.push_str(&escape_running(&snippet.text[at..range.start]));
            out.push_str(&self.paint(MATCH, &escape_running(&snippet.text[range.clone()])));
            at = range.end;
        }
        out.push_str(&escape_running(&snippet.text[at..]));
        out
    }
}

/// The width to wrap output to: the terminal's, when `is_terminal`.
pub fn terminal_width(is_terminal: bool) -> Option<usize> {
    if !is_terminal {
        return None;
    }
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
    from_env.or_else(|| Some(textwrap::termwidth()))
}

/// Whether to colour output going to a stream, following the `NO_COLOR` convention.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// `text` made safe for a terminal: every C0 and C1 control character (escape sequences
/// that retitle the window, clear the screen, forge links or write the clipboard; line
/// breaks that forge output lines) and every bidirectional override or isolate (which
/// reverse what follows) is shown escaped, as Rust writes it (`\x1b`, `\n`,
/// `\u{202e}`). Everything printed for a human, on stdout, stderr or in a log, goes
/// through here; JSON keeps the exact text.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && is_unsafe(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// What [`escape`] showed as `text`, when it shows something escaped: the name a user
/// copies from a hit (`notes\x1b.txt`) read back as the file's own. `None` when `text` holds
/// no escape [`escape`] writes, or one it cannot have written.
pub fn unescape(text: &str) -> Option<String> {
    if !text.contains('\\') {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut unescaped = false;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (c, len) = match after.as_bytes().first() {
            Some(b'n') => ('\n', 1),
            Some(b'r') => ('\r', 1),
            Some(b't') => ('\t', 1),
            Some(b'x') => {
                let code = after.get(1..3).and_then(|h| u8::from_str_radix(h, 16).ok());
                (char::from(code.filter(u8::is_ascii)?), 3)
            }
            Some(b'u') => {
                let inner = after.strip_prefix("u{")?;
                let end = inner.find('}')?;
                let code = u32::from_str_radix(&inner[..end], 16).ok();
                (code.and_then(char::from_u32)?, end + 3)
            }
            _ => {
                // A backslash of the name itself.
                out.push('\\');
                rest = after;
                continue;
            }
        };
        if !is_unsafe(c) {
            return None;
        }
        out.push(c);
        unescaped = true;
        rest = &after[len..];
    }
    out.push_str(rest);
    unescaped.then_some(out)
}

/// Running text (a snippet) made safe for a terminal: white-space controls become spaces,
/// the rest as [`escape`] shows it.
pub(crate) fn escape_running(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    escape(&flat).into_owned()
}

/// Whether `c` must not reach a terminal as it is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

pub(crate) fn printable(text: &str) -> String {
    escape(text).into_owned()
}

/// The year shown after a title line (` (1922)`), unless the line already says it
/// (`Treaty of Rapallo (1922)`, `The Revolutions of 1848`): empty then, or without a year.
pub(crate) fn year_suffix(year: Option<i64>, line: &[&str]) -> String {
    let Some(year) = year else {
        return String::new();
    };
    let shown = crate::dates::display(year);
    let says_it = line.iter().any(|text| {
        text.match_indices(&shown).any(|(at, _)| {
            let before = text[..at].chars().next_back();
            let after = text[at + shown.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    });
    match says_it {
        true => String::new(),
        false => format!(" ({shown})"),
    }
}

/// A book as the terminal shows it: its title in the book colour, then its author.
pub(crate) fn book_title(title: &str, author: Option<&str>, painter: Painter) -> String {
    let author = author.map(|a| format!(" — {}", printable(a)));
    format!(
        "{}{}",
        painter.paint(BOOK, &printable(title)),
        author.unwrap_or_default()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_escape_shows_is_read_back() {
        for name in [
            "bad\x1b[2J.jsonl",
            "forged\nline.txt",
            "a\u{202e}b\tc",
            "x\\y\x07",
        ] {
            let shown = super::escape(name);
            assert_eq!(super::unescape(&shown).as_deref(), Some(name), "{shown}");
        }
        // Nothing escaped, or what escape never writes: read as it is.
        for text in [
            "plain.txt",
            "C:\\Users\\a.txt",
            "\\x41",
            "\\u{41}",
            "\\xzz",
            "\\u{d800}",
        ] {
            assert_eq!(super::unescape(text), None, "{text}");
        }
    }

    use super::*;

    #[test]
    fn a_year_the_line_already_says_is_not_repeated() {
        assert_eq!(year_suffix(Some(1922), &["Treaty of Rapallo (1922)"]), "");
        assert_eq!(
            year_suffix(Some(1848), &["Europe", "The Revolutions of 1848"]),
            ""
        );
        assert_eq!(year_suffix(Some(1922), &["Treaty of Rapallo"]), " (1922)");
        assert_eq!(year_suffix(Some(192), &["Events of 1922"]), " (192)");
        assert_eq!(year_suffix(Some(-44), &["Caesar", "The Ides"]), " (44 BC)");
        assert_eq!(year_suffix(Some(-44), &["The Ides of March, 44 BC"]), "");
        assert_eq!(year_suffix(None, &["Treaty"]), "");
    }

    #[test]
    fn controls_and_bidi_overrides_are_shown_escaped() {
        assert_eq!(escape("plain › text"), "plain › text");
        assert_eq!(
            escape("Evil \x1b]0;pwned\x07 T\nx\u{202e}y\u{9b}"),
            "Evil \\x1b]0;pwned\\x07 T\\nx\\u{202e}y\\u{9b}"
        );
        assert_eq!(escape_running("a\nb\x1b[2J"), "a b\\x1b[2J");
    }

    #[test]
    fn snippets_are_coloured_only_when_asked() {
        let s = Snippet {
            text: "the Rapallo treaty".into(),
            highlights: std::iter::once(4..11).collect(),
        };
        assert_eq!(Painter::new(false).snippet(&s), "the Rapallo treaty");
        assert_eq!(
            Painter::new(true).snippet(&s),
            "the \x1b[1;31mRapallo\x1b[0m treaty"
        );
    }
}
