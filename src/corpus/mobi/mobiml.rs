//! The HTML of a MOBI 6 book, as the Kindle reads it ("MOBIML"): headings written as
//! paragraphs in a large font (calibre writes an `<h1>` as `<p><font size="7"><b>…</b>
//! </font></p>`).

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
}
