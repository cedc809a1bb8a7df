//! What the readers of lightweight markup written a line at a time (Org, reStructuredText,
//! AsciiDoc) share: lines gathered into the blocks of an outline under their headings, and
//! inline spans (`/emphasis/`, ``` ``code`` ```) found by the rules these formats share.

use super::model::{Block, OpenHeadings, Outline};
use super::reading::names_a_book;
use super::reading_heading::is_reading_heading;

/// An outline being read line by line: the lines of the block being read, and the headings
/// open above it. Inline markup is read by `inline` once a block or heading is whole, so a
/// span may run across lines.
pub(crate) struct Blocks {
    outline: Outline,
    open: OpenHeadings,
    /// The lines of the block being read, joined by `\n`.
    text: String,
    /// The block being read is a list item.
    item: bool,
    inline: fn(&str) -> String,
}

impl Blocks {
    /// An empty outline whose text goes through `inline`, which leaves emphasis marked
    /// `*…*` for the reading-list reader and drops every other mark.
    pub(crate) fn new(inline: fn(&str) -> String) -> Blocks {
        Blocks {
            outline: Outline::default(),
            open: OpenHeadings::default(),
            text: String::new(),
            item: false,
            inline,
        }
    }

    /// The outline, for the fields a header gives.
    pub(crate) fn outline(&mut self) -> &mut Outline {
        &mut self.outline
    }

    /// End the block being read and open `heading` at `level` (1 the highest, which the
    /// first time is the title).
    pub(crate) fn heading(&mut self, level: usize, heading: &str) {
        self.end();
        let heading = (self.inline)(heading);
        let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
        self.open.open(&mut self.outline, level, heading);
    }

    /// Add a line to the block being read, a paragraph unless a list item opened it.
    pub(crate) fn line(&mut self, line: &str) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        self.text.push_str(line);
    }

    /// End the block being read and start a list item with its first line.
    pub(crate) fn item(&mut self, line: &str) {
        self.end();
        self.item = true;
        self.line(line);
    }

    /// End the block being read: a blank line, a heading, a block's delimiter.
    pub(crate) fn end(&mut self) {
        let text = (self.inline)(&std::mem::take(&mut self.text));
        push_block(
            &mut self.outline,
            &self.open.path(),
            &text,
            self.item,
            |t| t,
        );
        self.item = false;
    }

    /// The outline read.
    pub(crate) fn finish(mut self) -> Outline {
        self.end();
        self.outline
    }
}

/// Add the block `text`, its lines joined, under `path`: a list item when `item`, else a
/// paragraph, `tidy` taking off what its format marks it with. A paragraph of several lines
/// in a reading list, each line naming a book, is a paragraph a line: a list written a book
/// a line without bullets.
pub(crate) fn push_block(
    outline: &mut Outline,
    path: &[String],
    text: &str,
    item: bool,
    tidy: fn(&str) -> &str,
) {
    if !item && text.contains('\n') && is_reading_heading(path) {
        let lines: Vec<String> = (text.lines())
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| !line.is_empty())
            .collect();
        if lines.iter().all(|line| names_a_book(line)) {
            for line in lines {
                outline.push(path, Block::Paragraph(line));
            }
            return;
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = tidy(&text).to_string();
    let block = match item {
        false => Block::Paragraph(text),
        true => Block::ListItem(text),
    };
    outline.push(path, block);
}

/// `text` with each span `marker…marker` written as `open…close` (`/a title/` as `*a
/// title*` with `"*"`, or its marks dropped with `""`), by the rule Org, reStructuredText
/// and AsciiDoc share for such marks: an opening mark follows the start, a space or an
/// opening bracket or quote and comes before a non-space; a closing mark follows a
/// non-space and comes before the end, a space or punctuation. `1914/18` and `snake_case`
/// are not spans.
pub(crate) fn spans(text: &str, marker: &str, open: &str, close: &str) -> String {
    if !text.contains(marker) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = text[at..].find(marker) {
        let start = at + found;
        let inner = start + marker.len();
        let before = text[..start].chars().next_back();
        let first = text[inner..].chars().next();
        let opens = before.is_none_or(|c| c.is_whitespace() || "([{'\"‘“-".contains(c))
            && first.is_some_and(|c| !c.is_whitespace() && !marker.starts_with(c));
        if !opens {
            at = inner;
            continue;
        }
        // The first mark past the span's first character that can close it. A mark's being
        // able to close depends on its neighbours alone, so when none is found for this
        // span, none is for a later one: the text is read once.
        let mut search = inner + first.map_or(0, char::len_utf8);
        let end = loop {
            let Some(found) = text[search..].find(marker) else {
                break None;
            };
            let end = search + found;
            let last = text[..end].chars().next_back();
            let after = text[end + marker.len()..].chars().next();
            let closes = last.is_some_and(|c| !c.is_whitespace())
                && after.is_none_or(|c| !c.is_alphanumeric() && !marker.starts_with(c));
            if closes {
                break Some(end);
            }
            search = end + marker.len();
        };
        let Some(end) = end else {
            break;
        };
        out.push_str(&text[copied..start]);
        out.push_str(open);
        out.push_str(&text[inner..end]);
        out.push_str(close);
        copied = end + marker.len();
        at = copied;
    }
    out.push_str(&text[copied..]);
    out
}

/// How far `line` is indented, in characters (a tab counted as one).
pub(crate) fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The text of a list item's line without its mark: `- `, `* `, `+ `, `• `, or a number or
/// letter ended by `.` or `)` (`1. `, `12) `, `(a) `), or `None` when it is not one.
/// `bullets` are the marks the format takes.
pub(crate) fn list_item<'l>(line: &'l str, bullets: &[&str]) -> Option<&'l str> {
    let line = line.trim_start();
    for bullet in bullets {
        if let Some(rest) = line.strip_prefix(bullet) {
            if rest.starts_with([' ', '\t']) && !rest.trim().is_empty() {
                return Some(rest.trim_start());
            }
        }
    }
    let unparenthesised = line.strip_prefix('(').unwrap_or(line);
    let digits = unparenthesised.len()
        - unparenthesised
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let mark = match digits {
        // One letter in parentheses, `(a)`: a letter with a full stop may be an initial.
        0 if line.starts_with('(') => unparenthesised
            .chars()
            .next()
            .filter(char::is_ascii_lowercase)
            .map_or(0, |_| 1),
        1..=3 => digits,
        _ => 0,
    };
    if mark == 0 {
        return None;
    }
    let rest = unparenthesised[mark..]
        .strip_prefix(['.', ')'])?
        .strip_prefix([' ', '\t'])?;
    (!rest.trim().is_empty()).then(|| rest.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_found_where_their_marks_stand_alone() {
        let italic = |t: &str| spans(t, "/", "*", "*");
        assert_eq!(italic("read /The Fall/, 1965"), "read *The Fall*, 1965");
        assert_eq!(italic("(/Empires of the Sea/)"), "(*Empires of the Sea*)");
        // Dates, paths and a mark without its pair are text.
        assert_eq!(italic("the war of 1914/18"), "the war of 1914/18");
        assert_eq!(italic("and/or /usr/bin"), "and/or /usr/bin");
        assert_eq!(italic("a / b / c"), "a / b / c");
        assert_eq!(italic("/unclosed and more"), "/unclosed and more");
        let dropped = |t: &str| spans(t, "_", "", "");
        assert_eq!(dropped("snake_case_name"), "snake_case_name");
        assert_eq!(dropped("an _underlined_ word"), "an underlined word");
        // Multi-byte text on both sides of a mark.
        assert_eq!(italic("é /Ça ira/ ü"), "é *Ça ira* ü");
        assert_eq!(spans("``x`` and ``y``", "``", "", ""), "x and y");
    }

    #[test]
    fn spans_read_many_marks_without_pairs_once() {
        let text = "/a ".repeat(20_000);
        assert!(spans(&text, "/", "*", "*") == text);
    }

    #[test]
    fn list_items_are_told_by_their_marks() {
        let bullets = ["-", "*", "+"];
        assert_eq!(list_item("- a book", &bullets), Some("a book"));
        assert_eq!(list_item("  * nested", &bullets), Some("nested"));
        assert_eq!(list_item("12. twelfth", &bullets), Some("twelfth"));
        assert_eq!(list_item("3) third", &bullets), Some("third"));
        assert_eq!(list_item("(a) first", &bullets), Some("first"));
        assert_eq!(list_item("1914. A year", &bullets), None);
        assert_eq!(list_item("A. J. P. Taylor wrote", &bullets), None);
        assert_eq!(list_item("-dash", &bullets), None);
        assert_eq!(list_item("- ", &bullets), None);
    }

    #[test]
    fn blocks_gather_lines_under_their_headings() {
        let mut blocks = Blocks::new(|t| spans(t, "/", "*", "*"));
        blocks.heading(1, "The /Title/");
        blocks.line("First line");
        blocks.line("and its /second/.");
        blocks.end();
        blocks.heading(2, "Further reading");
        blocks.item("Runciman, Steven. /The Fall of");
        blocks.line("Constantinople 1453/. 1965.");
        let outline = blocks.finish();
        assert_eq!(outline.title.as_deref(), Some("The *Title*"));
        assert_eq!(outline.heading_paths(), ["", "Further reading"]);
        assert_eq!(
            outline.sections[0].1,
            [Block::Paragraph("First line and its *second*.".into())]
        );
        assert_eq!(
            outline.sections[1].1,
            [Block::ListItem(
                "Runciman, Steven. *The Fall of Constantinople 1453*. 1965.".into()
            )]
        );
    }
}
