//! The HTML of a Kindle book: in a MOBI 6 book, as the Kindle reads it ("MOBIML"),
//! headings written as paragraphs in a large font (calibre writes an `<h1>` as
//! `<p><font size="7"><b>…</b></font></p>`); in any, tables of contents whose entries are
//! links to places in the book.

use std::fmt::Write;

/// `html` with each paragraph that is all one large font (`<font size="7">`, bold or not)
/// written as the heading it stands for: size 7 an `<h1>`, 6 an `<h2>`, 5 an `<h3>`, 4 an
/// `<h4>`.
pub(super) fn headings_of_font_sizes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<p") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match font_heading(tail) {
            Some((level, text, used)) => {
                let _ = write!(out, "<h{level}>{text}</h{level}>");
                rest = &tail[used..];
            }
            None => {
                out.push_str("<p");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Longest heading, in bytes, read from a paragraph in a large font: a longer one is a
/// paragraph set large.
const MAX_HEADING_BYTES: usize = 300;

/// The heading `tail` opens with, if it opens with a paragraph that is all one large font:
/// its level, its text, and how many bytes of `tail` the paragraph takes.
fn font_heading(tail: &str) -> Option<(u8, &str, usize)> {
    if !matches!(tail.as_bytes().get(2), Some(b' ' | b'>')) {
        return None;
    }
    let after = &tail[tail.find('>')? + 1..];
    let after = after.strip_prefix("<font size=\"")?;
    let quote = after.find('"')?;
    let level = match after[..quote].trim_start_matches('+') {
        "7" => 1,
        "6" => 2,
        "5" => 3,
        "4" => 4,
        _ => return None,
    };
    let after = after[quote..].strip_prefix("\">")?;
    let (bold, after) = match after.strip_prefix("<b>") {
        Some(after) => (true, after),
        None => (false, after),
    };
    let end = after.find('<')?;
    let text = &after[..end];
    if text.trim().is_empty() || text.len() > MAX_HEADING_BYTES {
        return None;
    }
    let mut closing = &after[end..];
    if bold {
        closing = closing.strip_prefix("</b>")?;
    }
    let closing = closing.strip_prefix("</font>")?.strip_prefix("</p>")?;
    Some((level, text, tail.len() - closing.len()))
}

/// `html` without the entries of its tables of contents: a paragraph, list item or block
/// that is one link to a place in the book and nothing else (`<p><a filepos=…>`, as a
/// MOBI 6 book links, `<li><a href="kindle:pos:…">`, as a KF8 book does). A contents
/// heading is left with nothing under it, and so heads no section.
pub(super) fn without_contents(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match contents_entry(tail) {
            Some(used) => rest = &tail[used..],
            None => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How many bytes of `tail` an element opening it takes, if it is a contents entry (see
/// [`without_contents`]).
fn contents_entry(tail: &str) -> Option<usize> {
    let name = ["p", "li", "div"].into_iter().find(|name| {
        tail[1..].starts_with(name)
            && matches!(tail.as_bytes().get(1 + name.len()), Some(b' ' | b'>'))
    })?;
    let inner = tail[tail.find('>')? + 1..].trim_start();
    let link = inner.strip_prefix("<a ")?;
    let open_end = link.find('>')?;
    let attributes = &link[..open_end];
    if !(attributes.contains("filepos=") || attributes.contains("href=\"kindle:pos:")) {
        return None;
    }
    let text_end = open_end + 1 + link[open_end + 1..].find('<')?;
    let after = link[text_end..].strip_prefix("</a>")?.trim_start();
    let after = after.strip_prefix(&format!("</{name}>"))?;
    Some(tail.len() - after.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_in_a_large_font_are_headings() {
        let html = "<p height=\"1em\"><font size=\"7\"><b>Chapter 1</b></font></p>\
                    <p>Text in <font size=\"5\">a large</font> word.</p>\
                    <p><font size=\"5\">Talleyrand</font></p><pre>p</pre>\
                    <p><font size=\"3\"><b>Small</b></font></p>";
        assert_eq!(
            headings_of_font_sizes(html),
            "<h1>Chapter 1</h1><p>Text in <font size=\"5\">a large</font> word.</p>\
             <h3>Talleyrand</h3><pre>p</pre><p><font size=\"3\"><b>Small</b></font></p>"
        );
    }

    #[test]
    fn a_table_of_contents_entries_are_left_out() {
        let html = "<p>Text.</p><p align=\"center\"><font size=\"5\"><b>Contents</b></font></p>\
                    <p height=\"1em\"><a filepos=0000000109>Chapter 1</a></p>\
                    <ul><li aid=\"4OIQ3\"><a href=\"kindle:pos:fid:0000:off:00\">Chapter 2</a></li>\n\
                    <li><a href=\"https://example.org\">A site</a></li></ul>\
                    <p><a filepos=0000000200>Linked</a> and more.</p><pre>x</pre>";
        let read = without_contents(html);
        assert_eq!(
            read,
            "<p>Text.</p><p align=\"center\"><font size=\"5\"><b>Contents</b></font></p>\
             <ul>\n<li><a href=\"https://example.org\">A site</a></li></ul>\
             <p><a filepos=0000000200>Linked</a> and more.</p><pre>x</pre>"
        );
    }
}
