//! AsciiDoc articles (Asciidoctor): `= Title` is the title, with its author line and
//! attributes (`:revdate:`, `:lang:`, `:keywords:`) under it; `==`, `===`, … open sections
//! nested by level. Paragraphs, list items, table rows and the text of delimited blocks
//! (quotes, sidebars, examples, listings) are blocks; comments, passthroughs, block
//! attributes and directives (`include::`, `ifdef::`) are not text. `_Emphasis_` marks a
//! book's title in a reading list; links, cross references and other macros give their
//! text.

use super::fields;
use super::markup::{list_item, spans, Blocks};

/// Parse an AsciiDoc file's text into an outline.
pub(crate) fn parse(text: &str) -> super::model::Outline {
    let mut blocks = Blocks::new(inline);
    // The delimited block the reader is in: its delimiter line, and whether it holds text.
    let mut inside: Option<(&str, bool)> = None;
    // Right after the title, until a blank line: the author line, then the revision line.
    let mut header = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some((delimiter, is_text)) = inside {
            if trimmed == delimiter {
                blocks.end();
                inside = None;
            } else if trimmed.is_empty() {
                blocks.end();
            } else if is_text {
                text_line(&mut blocks, trimmed);
            }
            continue;
        }
        if trimmed.is_empty() {
            blocks.end();
            header = false;
            continue;
        }
        if let Some(is_text) = delimiter(trimmed) {
            blocks.end();
            inside = Some((trimmed, is_text));
            continue;
        }
        if let Some((key, value)) = attribute(trimmed) {
            fields::apply(blocks.outline(), key, value);
            continue;
        }
        if trimmed.starts_with("//") || is_directive(trimmed) || is_block_attribute(trimmed) {
            continue;
        }
        if let Some((level, heading)) = heading(trimmed) {
            blocks.heading(level, heading);
            header = level == 1;
            continue;
        }
        if header {
            // `Jane Doe <jane@example.org>; John Roe`, then `v1.0, 1878-07-13: remark`.
            let is_revision = trimmed.starts_with(['v', 'V'])
                && trimmed[1..].starts_with(|c: char| c.is_ascii_digit())
                || trimmed.starts_with(|c: char| c.is_ascii_digit());
            let outline = blocks.outline();
            match is_revision {
                true => {
                    let date = trimmed.split([',', ':']).nth(1).unwrap_or(trimmed);
                    fields::apply(outline, "date", date);
                }
                false if outline.authors.is_empty() => {
                    let authors: Vec<&str> = trimmed
                        .split(';')
                        .map(|a| a.split('<').next().unwrap_or(a).trim())
                        .collect();
                    fields::apply(outline, "authors", &authors.join(";"));
                }
                false => {}
            }
            continue;
        }
        text_line(&mut blocks, trimmed);
    }
    blocks.finish()
}

/// A line of text: a list item (a description list's `term:: text` as `term: text`), a
/// table's row, an admonition's paragraph without its label, a block's title, or a line
/// of a paragraph.
fn text_line(blocks: &mut Blocks, line: &str) {
    if line == "+" || line == "<<<" || line == "'''" {
        // A list item's continuation, a page break, a thematic break.
        return;
    }
    if let Some(row) = line.strip_prefix('|') {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        blocks.end();
        blocks.line(&cells.join(" "));
        blocks.end();
        return;
    }
    if let Some(item) = nested_item(line).or_else(|| list_item(line, &["-"])) {
        let item = (item.strip_prefix("[ ] "))
            .or_else(|| item.strip_prefix("[x] "))
            .or_else(|| item.strip_prefix("[*] "))
            .unwrap_or(item);
        blocks.item(item);
        return;
    }
    if let Some((term, text)) = line
        .split_once(":: ")
        .or(line.strip_suffix("::").map(|t| (t, "")))
    {
        if !term.is_empty() && !term.contains("::") {
            blocks.item(&format!("{term}: {text}"));
            return;
        }
    }
    for label in ["NOTE: ", "TIP: ", "IMPORTANT: ", "WARNING: ", "CAUTION: "] {
        if let Some(text) = line.strip_prefix(label) {
            blocks.line(text);
            return;
        }
    }
    // A block's title, `.Galleys at Lepanto`, is a paragraph of its own.
    if let Some(title) = line
        .strip_prefix('.')
        .filter(|t| t.starts_with(char::is_alphanumeric))
    {
        blocks.end();
        blocks.line(title);
        blocks.end();
        return;
    }
    blocks.line(line.strip_suffix(" +").unwrap_or(line));
}

/// The text of an item of a list nested by its marks' number (`* a`, `** b`, `... c`).
fn nested_item(line: &str) -> Option<&str> {
    let marks = line.len() - line.trim_start_matches(['*', '.']).len();
    let rest = line[marks..].strip_prefix([' ', '\t'])?;
    (marks > 0 && !rest.trim().is_empty()).then(|| rest.trim_start())
}

/// A heading's level and text: `= Title` (1, the title), `== Section` (2), … `######`
/// in Markdown's style too.
fn heading(line: &str) -> Option<(usize, &str)> {
    for mark in ['=', '#'] {
        let level = line.len() - line.trim_start_matches(mark).len();
        if (1..=6).contains(&level) {
            if let Some(text) = line[level..].strip_prefix(' ') {
                let text = text.trim();
                // `== Section ==`: a closing run of marks, as AsciiDoc's older form writes it.
                let text = text.trim_end_matches(mark).trim_end();
                return (!text.is_empty()).then_some((level, text));
            }
        }
    }
    None
}

/// Whether a line delimits a block: `----`, `....`, `====`, `****`, `____`, `++++`,
/// `////` (four or more), `--`, or a table's `|===`; and whether the block holds text
/// (a comment's and a passthrough's do not).
fn delimiter(line: &str) -> Option<bool> {
    if line == "--" || ["|===", ",===", ":===", "!==="].contains(&line) {
        return Some(true);
    }
    let mark = line.chars().next()?;
    let is = line.len() >= 4 && "-.=*_+/".contains(mark) && line.chars().all(|c| c == mark);
    is.then_some(mark != '/' && mark != '+')
}

/// An attribute entry, `:name: value` (or `:name!:`, unsetting it, with no value).
fn attribute(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let (name, value) = (&rest[..end], &rest[end + 1..]);
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '!');
    let ends = value.is_empty() || value.starts_with(' ');
    (is_name && ends).then(|| (name, value.trim()))
}

/// Whether a line is a directive or a block macro without text: `include::`, `ifdef::`,
/// `endif::`, `toc::[]`, `image::map.png[]`, `video::`.
fn is_directive(line: &str) -> bool {
    line.split_once("::").is_some_and(|(name, rest)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase())
            && rest.contains('[')
            && rest.ends_with(']')
    })
}

/// Whether a line is a block's attribute list or anchor: `[source,rust]`, `[quote]`,
/// `[[anchor]]`, `[#id.role]`.
fn is_block_attribute(line: &str) -> bool {
    line.starts_with('[') && line.ends_with(']') && !line.starts_with("[ ")
}

/// A block's or heading's text without AsciiDoc's inline marks: macros, links and cross
/// references as their text, `_emphasis_` as `*…*`, the marks of monospace, highlight,
/// super- and subscript dropped (strong `*…*` stays, as Markdown's does).
fn inline(text: &str) -> String {
    let text = macros(text);
    let text = spans(&text, "__", "*", "*");
    let text = spans(&text, "_", "*", "*");
    ["``", "`", "##", "#", "^", "~", "+"]
        .iter()
        .fold(text, |text, mark| spans(&text, mark, "", ""))
}

/// `text` with each inline macro as its text: `https://…[text]`, `link:…[text]`,
/// `xref:…[text]`, `footnote:[text]`, `kbd:[Ctrl]`, `image:map.png[alt]` (a bare address
/// stays as written), and each cross reference `<<id,text>>` as its text (`<<id>>` as its
/// id).
fn macros(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Once a closing mark is not found, none is further on: it is not looked for again, so
    // a text of many `<<` or `x:[` is read once.
    let (mut references, mut brackets) = (true, true);
    while let Some(at) = rest.find(['[', '<']) {
        let tail = &rest[at..];
        if let Some(inner) = tail.strip_prefix("<<").filter(|_| references) {
            match inner.find(">>") {
                Some(end) => {
                    out.push_str(&rest[..at]);
                    let reference = &inner[..end];
                    out.push_str(
                        reference
                            .split_once(',')
                            .map_or(reference, |(_, t)| t.trim()),
                    );
                    rest = &inner[end + 2..];
                    continue;
                }
                None => references = false,
            }
        }
        if tail.starts_with('[') {
            // The macro's name and target run back from the `[` to a space, and start with
            // a letter or digit.
            let word = (rest[..at].char_indices().rev())
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            let start = word
                + rest[word..at]
                    .find(char::is_alphanumeric)
                    .unwrap_or(at - word);
            let target = &rest[start..at];
            let is_macro = brackets && target.contains(':') && !target.contains(['[', ']']);
            let end = is_macro.then(|| tail.find(']')).flatten();
            brackets &= !is_macro || end.is_some();
            if let Some(end) = end {
                out.push_str(&rest[..start]);
                if target.starts_with("footnote:") {
                    out.push(' ');
                }
                let shown = &tail[1..end];
                let shown = shown.split(',').next().unwrap_or(shown).trim_matches('"');
                let address = target.contains("://") || target.starts_with("link:");
                match shown.is_empty() && address {
                    true => out.push_str(target.strip_prefix("link:").unwrap_or(target)),
                    false => out.push_str(shown),
                }
                rest = &tail[end + 1..];
                continue;
            }
        }
        out.push_str(&rest[..=at]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::model::Block;

    const ARTICLE: &str = "\
= The Congress of Berlin
Jane Doe <jane@example.org>; John Roe
v1.0, 1878-07-13: first draft
:keywords: balkans, diplomacy
:toc:

// a comment
The https://en.wikipedia.org/wiki/San_Stefano[Treaty of San Stefano] alarmed the
powers (see <<outcome,the outcome>>).footnote:[Signed in March 1878.]

[[outcome]]
== Outcome

NOTE: Bulgaria was _divided_.

.The new borders
[cols=\"1,1\"]
|===
| Bulgaria | autonomous
|===

////
not text
////

----
kept listing
----

=== Further reading
* Jelavich, Barbara. _History of the Balkans_. 1983.
* [x] Glenny, Misha. __The Balkans__. 1999.
include::more.adoc[]
";

    #[test]
    fn header_sections_and_blocks_make_the_outline() {
        let outline = parse(ARTICLE);
        assert_eq!(outline.title.as_deref(), Some("The Congress of Berlin"));
        assert_eq!(outline.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(outline.year, Some(1878));
        assert_eq!(outline.tags, ["balkans", "diplomacy"]);
        assert_eq!(
            outline.heading_paths(),
            ["", "Outcome", "Outcome › Further reading"]
        );
        assert_eq!(
            outline.sections[0].1,
            [Block::Paragraph(
                "The Treaty of San Stefano alarmed the powers (see the outcome). Signed in \
                 March 1878."
                    .into()
            )]
        );
        assert_eq!(
            outline.sections[1].1,
            [
                Block::Paragraph("Bulgaria was *divided*.".into()),
                Block::Paragraph("The new borders".into()),
                Block::Paragraph("Bulgaria autonomous".into()),
                Block::Paragraph("kept listing".into()),
            ]
        );
        assert_eq!(
            outline.sections[2].1,
            [
                Block::ListItem("Jelavich, Barbara. *History of the Balkans*. 1983.".into()),
                Block::ListItem("Glenny, Misha. *The Balkans*. 1999.".into()),
            ]
        );
    }

    #[test]
    fn without_a_title_sections_stand_under_the_files_name() {
        let outline = parse("== One\n\nFirst.\n\n== Two\n\nSecond.\n");
        assert_eq!(outline.title, None);
        assert_eq!(outline.heading_paths(), ["One", "Two"]);
    }

    #[test]
    fn marks_in_words_and_unclosed_macros_are_text() {
        assert_eq!(
            inline("snake_case and C# and a [note] and x:y[z"),
            "snake_case and C# and a [note] and x:y[z"
        );
        assert_eq!(inline("<<id>> and <<unclosed"), "id and <<unclosed");
        assert_eq!(nested_item("**** deep"), Some("deep"));
        assert_eq!(nested_item(".. second"), Some("second"));
        assert_eq!(nested_item("*bold* text"), None);
        assert_eq!(nested_item("*"), None);
        assert_eq!(inline("link:https://x.org[] then"), "https://x.org then");
        // A macro after a space of more than one byte.
        assert_eq!(inline("a\u{3000}kbd:[Ctrl]"), "a\u{3000}Ctrl");
        // Many marks without their pairs are read once.
        let text = "<<a x:y[".repeat(50_000);
        assert!(macros(&text) == text);
    }
}
