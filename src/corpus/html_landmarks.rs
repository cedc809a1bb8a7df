//! Which of a page's `<header>`s are the site's: HTML makes a `<header>` the page's banner
//! only outside an `<article>`, `<section>` or `<main>`; inside one it heads that content,
//! as a blog post's `<header class="entry-header">` holds its `<h1>` headline (every
//! WordPress theme writes one).

use std::borrow::Cow;

use super::html_tags::{contains_ignoring_case, names_at};

/// The elements within which a `<header>` is their own, not the site's.
const SECTIONING: &[&str] = &["article", "section", "main"];

/// `html` with each `<header>` that stands within an `<article>`, `<section>` or `<main>`
/// renamed `<div>`, so that hiding the page's headers leaves it as text. A page without
/// such a header is returned as it is.
pub(super) fn content_headers_as_divs(html: &str) -> Cow<'_, str> {
    if !contains_ignoring_case(html, b"<header") {
        return html.into();
    }
    let lower = html.to_ascii_lowercase();
    let is_tag = |at: usize, name: &str| names_at(&lower, at, name);
    let (mut out, mut last) = (String::with_capacity(html.len()), 0);
    // How many sectioning elements are open, and whether the open header was renamed.
    let (mut depth, mut renamed) = (0usize, false);
    let mut from = 0;
    while let Some(open) = lower[from..].find('<').map(|i| i + from) {
        from = open + 1;
        let closing = lower[from..].starts_with('/');
        let name = from + usize::from(closing);
        if SECTIONING.iter().any(|tag| is_tag(name, tag)) {
            depth = match closing {
                true => depth.saturating_sub(1),
                false => depth + 1,
            };
        } else if is_tag(name, "header") && (renamed || (!closing && depth > 0)) {
            out.push_str(&html[last..name]);
            out.push_str("div");
            last = name + "header".len();
            renamed = !closing;
        }
    }
    if last == 0 {
        return html.into();
    }
    out.push_str(&html[last..]);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_within_content_is_a_div_and_the_sites_stays() {
        let page = "<HEADER id=site><p>Notes</p></HEADER><main><Article><header class=e>\
                    <h1>Rapallo</h1></header><p>Signed.</p></Article></main><header>x</header>";
        assert_eq!(
            content_headers_as_divs(page),
            "<HEADER id=site><p>Notes</p></HEADER><main><Article><div class=e>\
             <h1>Rapallo</h1></div><p>Signed.</p></Article></main><header>x</header>"
        );
        let page = "<section><header-bar>a</header-bar><header>b</header></section>";
        assert_eq!(
            content_headers_as_divs(page),
            "<section><header-bar>a</header-bar><div>b</div></section>"
        );
        let page = "<header><h1>Notes</h1></header><article><p>Text</p></article>";
        assert!(matches!(content_headers_as_divs(page), Cow::Borrowed(_)));
    }
}
