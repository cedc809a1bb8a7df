//! A page's or a book's table of contents: entries that are each one link to a place in
//! the same page or book, and nothing else. They repeat the headings, and are no text.

/// `html` without the entries of its tables of contents: a paragraph, list item or block
/// that is one link to a place in the page or book and nothing else (`<p class="toc"><a
/// href="#chap01">`, as Project Gutenberg's books link; `<li><a href="chapter02.xhtml">`,
/// as an e-book's contents page does; `<p><a filepos=…>`, as a MOBI 6 book does; `<li><a
/// href="kindle:pos:…">`, as a KF8 book does). A contents heading is
/// then left with nothing under it, and heads no section. A link to another page, and one
/// with text beside it (a note's return mark), stays.
pub(super) fn without_contents_entries(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(at) = lower[from..].find('<').map(|i| i + from) {
        match contents_entry(&lower[at..]) {
            Some(length) => {
                out.push_str(&html[last..at]);
                last = at + length;
                from = last;
            }
            None => from = at + 1,
        }
    }
    out.push_str(&html[last..]);
    out
}

/// How many bytes of `tail` (lower-cased, opening with `<`) a contents entry opening it
/// takes, if one does.
fn contents_entry(tail: &str) -> Option<usize> {
    let name = ["p", "li", "div"].into_iter().find(|name| {
        tail[1..].starts_with(name)
            && matches!(tail.as_bytes().get(1 + name.len()), Some(b' ' | b'>'))
    })?;
    let inner = tail[tail.find('>')? + 1..].trim_start();
    let link = inner.strip_prefix("<a ")?;
    let open_end = link.find('>')?;
    if !is_place(&link[..open_end]) {
        return None;
    }
    let text_end = open_end + 1 + link[open_end + 1..].find('<')?;
    let after = link[text_end..].strip_prefix("</a>")?.trim_start();
    let after = after
        .strip_prefix("</")?
        .strip_prefix(name)?
        .strip_prefix('>')?;
    Some(tail.len() - after.len())
}

/// Whether a link's attributes (lower-cased) lead to a place in the same page or book: an
/// anchor of the page, a Kindle book's position, or another file of the book beside the
/// page (`chapter02.xhtml#s1`, as an e-book's contents page links its chapters).
fn is_place(attributes: &str) -> bool {
    if attributes.contains("filepos=") {
        return true;
    }
    let Some(at) = attributes.find("href=") else {
        return false;
    };
    let value = attributes[at + 5..].trim_start_matches(['"', '\'']);
    let end = value.find(['"', '\'', ' ', '>']).unwrap_or(value.len());
    let href = &value[..end];
    let file = href.split('#').next().unwrap_or_default();
    href.starts_with('#')
        || href.starts_with("kindle:pos:")
        || (!file.contains(':')
            && !file.starts_with('/')
            && [".xhtml", ".html", ".htm"]
                .iter()
                .any(|ext| file.ends_with(ext)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_of_contents_entries_are_left_out() {
        let html = "<p>Text.</p><h2>Contents</h2>\
                    <P CLASS=\"toc\"><A HREF=\"#chap01\">CHAPTER I. THE START</A></P>\
                    <p height=\"1em\"><a filepos=0000000109>Chapter 1</a></p>\
                    <ul><li aid=\"4OIQ3\"><a href=\"kindle:pos:fid:0000:off:00\">Chapter 2</a></li>\n\
                    <li><a href=\"https://example.org\">A site</a></li>\
                    <li><a href='Text/chapter%202.xhtml#s1'>Chapter 3</a></li>\
                    <li><a href=\"/wiki/Vienna.html\">Vienna</a></li></ul>\
                    <li id=\"fn1\"><a href=\"#ref1\">↩</a> The note.</li>\
                    <p><a filepos=0000000200>Linked</a> and more.</p><pre>x</pre>";
        assert_eq!(
            without_contents_entries(html),
            "<p>Text.</p><h2>Contents</h2>\
             <ul>\n<li><a href=\"https://example.org\">A site</a></li>\
             <li><a href=\"/wiki/Vienna.html\">Vienna</a></li></ul>\
             <li id=\"fn1\"><a href=\"#ref1\">↩</a> The note.</li>\
             <p><a filepos=0000000200>Linked</a> and more.</p><pre>x</pre>"
        );
        assert_eq!(without_contents_entries("é<p>"), "é<p>");
    }

    #[test]
    fn a_books_contents_head_no_section() {
        let page = "<html><head><title>The Congress</title></head><body>\
                    <h2>CONTENTS</h2><ul><li><a href=\"#chap01\">CHAPTER I. ARRIVALS</a></li>\
                    <li><a href=\"#chap02\">CHAPTER II. THE WALTZ</a></li></ul>\
                    <h2 id=\"chap01\">CHAPTER I. ARRIVALS</h2><p>The sovereigns arrived.</p>\
                    <h2 id=\"chap02\">CHAPTER II. THE WALTZ</h2><p>They danced.</p></body></html>";
        let (outline, _) = crate::corpus::html::parse(page).unwrap();
        let headings: Vec<String> = (outline.sections.iter())
            .map(|(headings, _)| headings.join(" › "))
            .collect();
        assert_eq!(headings, ["CHAPTER I. ARRIVALS", "CHAPTER II. THE WALTZ"]);
    }
}
