//! Org mode articles (Emacs): `#+TITLE:` and the other keywords of the header give the
//! title, date, language, tags and author; headings (`*`, `**`, …) open sections nested by
//! level, without their to-do keyword, priority and tags; paragraphs, list items and table
//! rows are blocks. `/italics/` are emphasis (a book's title in a reading list), other marks
//! are dropped, a link gives its description. Drawers (`:PROPERTIES:`), planning lines,
//! comments and comment blocks are not text; other blocks (`#+BEGIN_QUOTE`, source code)
//! are.

use super::fields;
use super::markup::{indent, list_item, spans, Blocks};

/// Parse an Org file's text into an outline.
pub(crate) fn parse(text: &str) -> super::model::Outline {
    let mut blocks = Blocks::new(inline);
    // The block (`#+BEGIN_…`) or drawer the reader is in: its closing line, and whether
    // what it holds is text.
    let mut inside: Option<(String, bool)> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some((end, is_text)) = &inside {
            if trimmed.eq_ignore_ascii_case(end) {
                blocks.end();
                inside = None;
            } else if trimmed.is_empty() {
                blocks.end();
            } else if *is_text {
                blocks.line(trimmed);
            }
            continue;
        }
        if let Some((level, heading)) = heading(line) {
            blocks.heading(level, heading);
            continue;
        }
        if let Some(keyword) = trimmed.strip_prefix("#+") {
            let (key, value) = keyword.split_once(':').unwrap_or((keyword, ""));
            let key = key.to_ascii_lowercase();
            if let Some(kind) = key.strip_prefix("begin_") {
                blocks.end();
                let is_text = !matches!(kind, "comment" | "export");
                inside = Some((format!("#+end_{kind}"), is_text));
            } else if key == "filetags" {
                // `:treaties:ottoman:`
                let tags = value.split(':').collect::<Vec<_>>().join(",");
                fields::apply(blocks.outline(), &key, &tags);
            } else if key == "caption" {
                // A table's or a figure's caption is text of its own.
                blocks.end();
                blocks.line(value.trim());
                blocks.end();
            } else {
                fields::apply(blocks.outline(), &key, value);
            }
            continue;
        }
        if let Some(drawer) = drawer(trimmed) {
            blocks.end();
            inside = Some((":end:".into(), drawer == "description"));
            continue;
        }
        if trimmed.is_empty() {
            blocks.end();
            continue;
        }
        if trimmed == "#" || trimmed.starts_with("# ") || is_planning(trimmed) {
            continue;
        }
        if let Some(row) = trimmed.strip_prefix('|') {
            blocks.end();
            if !row.starts_with('-') {
                blocks.line(&row.replace('|', " "));
                blocks.end();
            }
            continue;
        }
        // A `*` item is indented: at the start of a line, it opens a heading.
        let bullets: &[&str] = match indent(line) {
            0 => &["-", "+"],
            _ => &["-", "+", "*"],
        };
        if let Some(item) = list_item(line, bullets) {
            let item = item
                .strip_prefix("[ ] ")
                .or_else(|| item.strip_prefix("[X] "))
                .or_else(|| item.strip_prefix("[-] "))
                .unwrap_or(item);
            blocks.item(&item.replacen(" :: ", ": ", 1));
            continue;
        }
        // A footnote's definition, or a line of fixed-width text.
        let text = match trimmed.strip_prefix("[fn:") {
            Some(rest) => rest
                .split_once(']')
                .map_or(trimmed, |(_, text)| text.trim()),
            None => trimmed.strip_prefix(": ").unwrap_or(trimmed),
        };
        blocks.line(text);
    }
    blocks.finish()
}

/// Words a heading may start with to mark a task, which are not its text.
const TASK_WORDS: [&str; 9] = [
    "TODO",
    "DONE",
    "NEXT",
    "WAIT",
    "WAITING",
    "HOLD",
    "CANCELLED",
    "CANCELED",
    "COMMENT",
];

/// The level and text of a heading line (`** TODO [#A] The siege :war:`), or `None`.
fn heading(line: &str) -> Option<(usize, &str)> {
    let stars = line.len() - line.trim_start_matches('*').len();
    let rest = line[stars..].strip_prefix(' ')?;
    if stars == 0 {
        return None;
    }
    let mut text = rest.trim();
    if let Some((word, after)) = text.split_once(' ') {
        if TASK_WORDS.contains(&word) {
            text = after.trim_start();
        }
    }
    if let Some(after) = text.strip_prefix("[#") {
        text = after.split_once(']').map_or(text, |(_, t)| t.trim_start());
    }
    // Tags end the line (`:war:ottoman:`), and a progress cookie may come before them
    // (`[2/5]`, `[40%]`).
    if let Some((before, last)) = text.rsplit_once(' ') {
        let tags = last.len() > 2 && last.starts_with(':') && last.ends_with(':');
        if tags && !last.contains(char::is_whitespace) {
            text = before.trim_end();
        }
    }
    if let Some((before, last)) = text.rsplit_once(' ') {
        let inner = last.strip_prefix('[').and_then(|l| l.strip_suffix(']'));
        // `[1763]` is a year, not a cookie.
        let cookie = inner.is_some_and(|i| {
            i.contains(['/', '%'])
                && i.chars()
                    .all(|c| c.is_ascii_digit() || c == '/' || c == '%')
        });
        if cookie {
            text = before.trim_end();
        }
    }
    Some((stars, text))
}

/// The name of a drawer a line opens (`:PROPERTIES:`, `:LOGBOOK:`), lower-cased.
fn drawer(line: &str) -> Option<String> {
    let name = line.strip_prefix(':')?.strip_suffix(':')?;
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    (is_name && !name.eq_ignore_ascii_case("end")).then(|| name.to_ascii_lowercase())
}

/// Whether `line` is a planning line (`SCHEDULED: <…>`, `DEADLINE:`, `CLOSED:`).
fn is_planning(line: &str) -> bool {
    ["SCHEDULED:", "DEADLINE:", "CLOSED:"]
        .iter()
        .any(|word| line.starts_with(word))
}

/// A block's or heading's text without Org's inline marks: a link as its description (or
/// its target when that is not a file or an address), footnote references dropped,
/// `/italics/` as `*…*` and the marks of bold, underline, code, verbatim and strike-through
/// dropped.
fn inline(text: &str) -> String {
    let text = links(text);
    let text = spans(&text, "*", "", "");
    let text = spans(&text, "/", "*", "*");
    ["=", "~", "+", "_"]
        .iter()
        .fold(text, |text, mark| spans(&text, mark, "", ""))
}

/// `text` with each link `[[target][description]]` as its description, `[[target]]` as its
/// target unless that names a file or an address, and each footnote reference `[fn:1]`
/// dropped.
fn links(text: &str) -> String {
    if !text.contains('[') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Once a closing mark is not found, none is further on: it is not looked for again, so
    // a text of many `[[` is read once.
    let (mut links, mut notes) = (true, true);
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if let Some(inner) = tail.strip_prefix("[[").filter(|_| links) {
            match inner.find("]]") {
                Some(end) => {
                    let link = &inner[..end];
                    match link.split_once("][") {
                        Some((_, description)) => out.push_str(description),
                        None if !link.contains([':', '/', '.']) => out.push_str(link),
                        None => {}
                    }
                    rest = &inner[end + 2..];
                    continue;
                }
                None => links = false,
            }
        }
        if let Some(inner) = tail.strip_prefix("[fn:").filter(|_| notes) {
            match inner.find(']') {
                Some(end) => {
                    rest = &inner[end + 1..];
                    continue;
                }
                None => notes = false,
            }
        }
        out.push('[');
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
#+TITLE: The Fall of Constantinople
#+DATE: <1453-05-29 Tue>
#+AUTHOR: A. Historian
#+FILETAGS: :byzantium:ottoman:
#+OPTIONS: toc:nil

Mehmed II besieged /the city/ in April 1453,
with [[https://example.org/cannon][Orban's cannon]] and [[Galata]].[fn:1]

* TODO [#A] The walls                                                 :siege:
  :PROPERTIES:
  :CUSTOM_ID: walls
  :END:
  SCHEDULED: <2024-01-01 Mon>
The *Theodosian walls* held for weeks.
# a comment
#+BEGIN_QUOTE
The city has fallen.
#+END_QUOTE
#+BEGIN_COMMENT
not text
#+END_COMMENT
** The chain
| Boom  | Golden Horn |
|-------+-------------|
* Further reading
- Runciman, Steven. /The Fall of
  Constantinople 1453/. 1965.
- [X] Crowley, Roger. /1453/. 2005.
";

    #[test]
    fn keywords_headings_and_blocks_make_the_outline() {
        let outline = parse(ARTICLE);
        assert_eq!(outline.title.as_deref(), Some("The Fall of Constantinople"));
        assert_eq!(outline.year, Some(1453));
        assert_eq!(outline.tags, ["byzantium", "ottoman"]);
        assert_eq!(outline.authors, ["A. Historian"]);
        assert_eq!(
            outline.heading_paths(),
            ["", "The walls", "The walls › The chain", "Further reading"]
        );
        assert_eq!(
            outline.sections[0].1,
            [Block::Paragraph(
                "Mehmed II besieged *the city* in April 1453, with Orban's cannon and Galata."
                    .into()
            )]
        );
        assert_eq!(
            outline.sections[1].1,
            [
                Block::Paragraph("The Theodosian walls held for weeks.".into()),
                Block::Paragraph("The city has fallen.".into()),
            ]
        );
        assert_eq!(
            outline.sections[2].1,
            [Block::Paragraph("Boom Golden Horn".into())]
        );
        assert_eq!(
            outline.sections[3].1,
            [
                Block::ListItem(
                    "Runciman, Steven. *The Fall of Constantinople 1453*. 1965.".into()
                ),
                Block::ListItem("Crowley, Roger. *1453*. 2005.".into()),
            ]
        );
    }

    #[test]
    fn without_a_title_keyword_the_first_heading_is_the_title() {
        let outline = parse("* Lepanto\nFought in 1571.\n* Aftermath\nVenice lost Cyprus.\n");
        assert_eq!(outline.title.as_deref(), Some("Lepanto"));
        assert_eq!(outline.heading_paths(), ["", "Aftermath"]);
    }

    #[test]
    fn progress_cookies_are_no_part_of_a_heading_and_captions_are_text() {
        let outline = parse(
            "#+TITLE: T\n* Sources to read [2/5] :reading:\n#+CAPTION: The walls in 1453\n| a |\n",
        );
        assert_eq!(outline.heading_paths(), ["Sources to read"]);
        assert_eq!(
            outline.sections[0].1[0],
            Block::Paragraph("The walls in 1453".into())
        );
        assert_eq!(
            heading("* Treaty of Paris [1763]"),
            Some((1, "Treaty of Paris [1763]"))
        );
        assert_eq!(heading("* Done [40%]"), Some((1, "Done")));
        assert_eq!(heading("* The [b] side"), Some((1, "The [b] side")));
    }

    #[test]
    fn stars_and_slashes_in_prose_are_text() {
        let outline = parse("#+TITLE: T\n\n*bold start* and 3*4 and 1914/18 and a/b.\n");
        assert_eq!(
            outline.sections[0].1,
            [Block::Paragraph(
                "bold start and 3*4 and 1914/18 and a/b.".into()
            )]
        );
    }

    #[test]
    fn many_unclosed_links_are_read_once() {
        let text = "[[a".repeat(50_000) + &"[fn:".repeat(50_000);
        assert!(links(&text) == text);
    }

    #[test]
    fn an_unclosed_block_or_drawer_holds_the_rest() {
        let outline = parse("#+TITLE: T\n\nKept.\n#+BEGIN_COMMENT\nlost\n* Not a heading\n");
        assert_eq!(outline.heading_paths(), [""]);
        assert_eq!(outline.sections[0].1, [Block::Paragraph("Kept.".into())]);
    }
}
