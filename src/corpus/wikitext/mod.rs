//! MediaWiki's wikitext, as Wikipedia and other wikis write their pages (a `.wiki` file; a
//! page of a wiki's XML export, see [`export`]): `== Headings ==` nested by level,
//! paragraphs, list items and table rows as blocks, links as their shown text, italics as
//! `*…*`; categories are the page's tags. Footnotes (`<ref>`), comments, pictures and
//! templates are not text, but for the few that hold the words of the sentence around them
//! (`{{lang|fr|…}}`, `{{convert|5|km}}`) and citations (`{{cite book |title= |last=
//! |first=}}`), written as a reading list writes a book: `*Title* by First Last (year)`.

pub(crate) mod export;
mod inline;
mod templates;

use super::brackets::Bracket;
use super::model::{nest, Block, Outline};

/// Read a page's wikitext.
pub(crate) fn parse(source: &str) -> Outline {
    let text = without_notes(source);
    let text = templates::expanded(&text);
    let (text, tags) = inline::without_categories(&text);
    let mut outline = Outline {
        tags,
        ..Outline::default()
    };
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    let mut row = String::new();
    let mut in_table = false;
    let flush = |text: &mut String, path: &[String], outline: &mut Outline| {
        let block = inline::text(text);
        text.clear();
        outline.push(path, Block::Paragraph(block));
    };
    for line in text.lines() {
        let line = line.trim_end();
        if let Some((level, heading)) = heading(line) {
            flush(&mut paragraph, &path, &mut outline);
            nest(&mut open, level, inline::text(heading));
            path = open.iter().map(|(_, h)| h.clone()).collect();
            continue;
        }
        if in_table || line.starts_with("{|") {
            if !in_table {
                flush(&mut paragraph, &path, &mut outline);
            }
            in_table = table_line(line, &mut row, |row| flush(row, &path, &mut outline));
            if !in_table {
                flush(&mut row, &path, &mut outline);
            }
            continue;
        }
        match line.chars().next() {
            None => flush(&mut paragraph, &path, &mut outline),
            Some('*' | '#') => {
                flush(&mut paragraph, &path, &mut outline);
                let item = line.trim_start_matches(['*', '#', ':', ';']);
                outline.push(&path, Block::ListItem(inline::text(item)));
            }
            Some(':' | ';') => {
                flush(&mut paragraph, &path, &mut outline);
                let mut indented = line.trim_start_matches([':', ';']).to_string();
                flush(&mut indented, &path, &mut outline);
            }
            _ if line.starts_with("----") => flush(&mut paragraph, &path, &mut outline),
            _ => {
                paragraph.push(' ');
                paragraph.push_str(line);
            }
        }
    }
    flush(&mut paragraph, &path, &mut outline);
    flush(&mut row, &path, &mut outline);
    outline
}

/// Wiki links, which end with their line, and templates, which may span lines.
pub(super) const LINK: Bracket = Bracket {
    open: "[[",
    close: "]]",
    per_line: true,
    escape: None,
};
pub(super) const TEMPLATE: Bracket = Bracket {
    open: "{{",
    close: "}}",
    per_line: false,
    escape: None,
};

/// A heading line, `== The Congress ==`: its level (the number of `=`) and its text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.len() - line.trim_start_matches('=').len();
    let closing = line.len() - line.trim_end_matches('=').len();
    if level == 0 || level > 6 || closing < level || line.len() < 2 * level {
        return None;
    }
    let inner = &line[level..line.len() - level];
    Some((level, inner.trim().trim_matches('=').trim()))
}

/// Read one line of a table (`{|` … `|}`) into `row`, handing each finished row to `done`;
/// `false` when the table has ended.
fn table_line(line: &str, row: &mut String, mut done: impl FnMut(&mut String)) -> bool {
    let line = line.trim_start();
    if line.starts_with("|}") {
        return false;
    }
    if line.starts_with("{|") || line.starts_with("|-") {
        done(row);
        return true;
    }
    let cells = match line.chars().next() {
        // A caption is a row of its own.
        Some('|') if line.starts_with("|+") => {
            done(row);
            row.push_str(&line[2..]);
            done(row);
            return true;
        }
        Some('|' | '!') => &line[1..],
        // A cell's text over more lines.
        _ => line,
    };
    for cell in cells.split("||").flat_map(|c| c.split("!!")) {
        // `style="…" | text`: the text after the attributes.
        let text = match inline::last_bar_outside_links(cell) {
            Some(bar) => &cell[bar + 1..],
            None => cell,
        };
        row.push(' ');
        row.push_str(text);
    }
    true
}

/// Elements whose content is not text of the page: footnotes, galleries of pictures,
/// formulas, timelines and code that renders as something else.
const NOT_TEXT: &[&str] = &[
    "ref",
    "references",
    "gallery",
    "math",
    "chem",
    "score",
    "timeline",
    "graph",
    "imagemap",
    "templatedata",
];

/// `text` without its comments (`<!-- … -->`) and the elements that are not text.
fn without_notes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Elements found not closed anywhere after a point are not closed after a later one:
    // each closing tag is looked for at most once past the last, so the work stays linear.
    let mut never_closed: Vec<&str> = Vec::new();
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(comment) = tail.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        match NOT_TEXT.iter().find(|name| opens(tail, name)) {
            Some(name) => rest = after_element(tail, name, &mut never_closed),
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `tail` starts with the opening tag of an element `name` (any letter case).
fn opens(tail: &str, name: &str) -> bool {
    let Some(after) = tail.get(1..1 + name.len()) else {
        return false;
    };
    after.eq_ignore_ascii_case(name)
        && tail[1 + name.len()..].starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace())
}

/// What follows the element `name` that `tail` opens: after its closing tag, or after its
/// opening tag when that closes itself (`<ref name="a"/>`). An element never closed runs to
/// the end of its line, as MediaWiki's parser gives up on it (and is noted in
/// `never_closed`).
fn after_element<'t>(tail: &'t str, name: &'static str, never_closed: &mut Vec<&str>) -> &'t str {
    let Some(end) = tail.find('>') else {
        return "";
    };
    if tail[..end].ends_with('/') {
        return &tail[end + 1..];
    }
    let closing = (!never_closed.contains(&name))
        .then(|| {
            tail[end..]
                .match_indices("</")
                .map(|(at, _)| end + at)
                .find(|&at| {
                    tail.get(at + 2..at + 2 + name.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                })
        })
        .flatten();
    match closing {
        Some(at) => tail[at..].find('>').map_or("", |gt| &tail[at + gt + 1..]),
        None => {
            never_closed.push(name);
            tail[end..].find('\n').map_or("", |nl| &tail[end + nl..])
        }
    }
}

#[cfg(test)]
mod tests;
