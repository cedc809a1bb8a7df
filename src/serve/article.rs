//! `/article/ID?q=…`: an article as a readable page, its sections linkable by anchor
//! (`#SECTION`, the matched one highlighted when the page opens at it), the words of the
//! query marked, its books listed, the articles related to it, and a way back to the
//! results.

use std::fmt::Write;

use crate::search::{escape_html, Article, Related};

/// The article as a whole HTML page; `query` is the search it was reached from, and
/// `related` the articles most like it.
pub fn render(article: &Article, query: Option<&str>, related: Option<&Related>) -> String {
    let title = escape_html(&article.title);
    let back = match query {
        Some(q) => format!("/?q={}", encode(q)),
        None => "/".to_string(),
    };
    let mut html = String::with_capacity(4096);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title} · annals</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <p class=\"back\"><a id=\"back\" href=\"{}\">← results</a></p>\n<h1>{title}{}</h1>\n\
         <p class=\"meta\">{}</p>\n",
        escape_html(&back),
        article
            .year
            .map(|y| format!(" <span>({})</span>", crate::dates::display(y)))
            .unwrap_or_default(),
        escape_html(&article.path),
    );
    for section in &article.sections {
        let id = match section.anchor.is_empty() {
            true => String::new(),
            false => format!(" id=\"{}\"", escape_html(&section.anchor)),
        };
        let _ = writeln!(html, "<section{id}>");
        if !section.heading.is_empty() {
            let _ = writeln!(html, "<h2>{}</h2>", escape_html(&section.heading));
        }
        for paragraph in section.paragraphs() {
            let _ = writeln!(html, "<p>{}</p>", paragraph.to_html());
        }
        if !section.books.is_empty() {
            html.push_str("<ul class=\"books\">\n");
            for book in &section.books {
                let author = book
                    .author
                    .as_deref()
                    .map(|a| format!(" — {}", escape_html(a)))
                    .unwrap_or_default();
                let _ = writeln!(
                    html,
                    "<li><cite>{}</cite>{author}</li>",
                    escape_html(&book.title)
                );
            }
            html.push_str("</ul>\n");
        }
        html.push_str("</section>\n");
    }
    if let Some(related) = related.filter(|r| !r.related.is_empty()) {
        write_related(&mut html, related, query);
    }
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// The "Related" list: each article linked, with the words and books that relate it.
fn write_related(html: &mut String, related: &Related, query: Option<&str>) {
    let suffix = query
        .map(|q| format!("?q={}", encode(q)))
        .unwrap_or_default();
    html.push_str("<aside id=\"related\">\n<h2>Related</h2>\n<ol class=\"related\">\n");
    for hit in &related.related {
        let mut why = Vec::new();
        if !hit.words.is_empty() {
            why.push(format!(
                "similar text: {}",
                escape_html(&hit.words.join(", "))
            ));
        }
        for book in &hit.books {
            why.push(format!(
                "shared book: <cite>{}</cite>",
                escape_html(&book.title)
            ));
        }
        let _ = writeln!(
            html,
            "<li><a href=\"/article/{}{suffix}\">{}</a>{} <span class=\"why\">{}</span></li>",
            escape_html(&encode(&hit.id)),
            escape_html(&hit.title),
            hit.year
                .map(|y| format!(" ({})", crate::dates::display(y)))
                .unwrap_or_default(),
            why.join("; "),
        );
    }
    html.push_str("</ol>\n</aside>\n");
}

/// `text` percent-encoded for a query-string value.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

const STYLE: &str = "\
:root { --fg: #1d1d1f; --muted: #6b6b70; --accent: #8a3b12; --bg: #fbfaf7; --line: #e4e1da; --mark: #ffe58a; --target: #f3ecdc; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #ecebe8; --muted: #a3a29e; --accent: #f0a36b; --bg: #1b1a18; --line: #35332f; --mark: #6b5400; --target: #2b2720; }
}
body { margin: 0; font: 17px/1.6 Georgia, \"Times New Roman\", serif; color: var(--fg); background: var(--bg); }
main { max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
a { color: var(--accent); }
h1 { font-size: 1.6rem; margin: .5rem 0 0; }
h1 span { color: var(--muted); font-weight: normal; font-size: 1.1rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
.meta { color: var(--muted); font-size: .85rem; word-break: break-all; }
.back { font-size: .9rem; margin: 0; }
section { padding: .1rem .8rem; margin: 0 -.8rem; border-radius: .4rem; }
section:target { background: var(--target); }
mark { background: var(--mark); color: inherit; padding: 0 .1em; border-radius: .15em; }
.books { padding-left: 1.2rem; }
aside { margin-top: 2.5rem; border-top: 1px solid var(--line); }
.related { padding-left: 1.4rem; }
.related li { margin: .3rem 0; }
.why { display: block; color: var(--muted); font-size: .85rem; }
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::ArticleSection;

    #[test]
    fn the_page_escapes_text_marks_words_and_links_back() {
        let article = Article {
            id: "a".into(),
            title: "<script>x</script>".into(),
            path: "corpus/a.txt".into(),
            year: Some(1922),
            lang: "en".into(),
            sections: vec![ArticleSection {
                heading: "Key Events".into(),
                anchor: "key-events".into(),
                text: "At Rapallo & Genoa".into(),
                marks: std::iter::once(3..10).collect(),
                books: Vec::new(),
            }],
        };
        let related = Related {
            id: "a".into(),
            title: "A".into(),
            section: None,
            words: vec!["rapallo".into()],
            books: Vec::new(),
            related: vec![crate::search::RelatedHit {
                id: "b/<c>".into(),
                title: "Genoa & after".into(),
                path: "corpus/b.txt".into(),
                heading: String::new(),
                anchor: String::new(),
                year: None,
                score: 1.0,
                similarity: 1.0,
                words: vec!["rapallo".into()],
                books: Vec::new(),
            }],
        };
        let html = render(&article, Some("rapallo & co"), Some(&related));
        assert!(
            html.contains(
                "<a href=\"/article/b%2F%3Cc%3E?q=rapallo%20%26%20co\">Genoa &amp; after</a>"
            ),
            "{html}"
        );
        assert!(html.contains("similar text: rapallo"));
        assert!(html.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("<section id=\"key-events\">"));
        assert!(html.contains("<p>At <mark>Rapallo</mark> &amp; Genoa</p>"));
        assert!(html.contains("href=\"/?q=rapallo%20%26%20co\""), "{html}");
    }
}
