//! Italics set by style rather than by `<i>` or `<em>`: a converted e-book's
//! `<span class="italic">` (calibre, InDesign), a Google Docs page's `<span class="c3">`,
//! each made italic by a rule of a style sheet (`.c3 { font-style: italic }`), or a span's
//! own `style="font-style: italic"`. In a reading list these are the books' titles, as
//! `<i>` is: such spans are renamed `<em>` before the page is rendered.

use std::borrow::Cow;
use std::collections::HashSet;

use super::html_tags::{attribute, contains_ignoring_case};

/// Add to `classes` those (lower case) that the rules of `css` set in italics: each
/// selector that is one class, alone or on an element (`.italic`, `span.c3`), of a rule
/// whose declarations set `font-style` (or the `font` shorthand) to italic or oblique. A
/// selector that depends on where the element stands (`.bib .title`, `.a:hover`) is not
/// read: the class alone does not make the text italic.
pub(super) fn italic_classes(css: &str, classes: &mut HashSet<String>) {
    let css = without_comments(css);
    let mut rest = css.as_ref();
    // Each `{` ends a prelude: a rule's selectors, or an at-rule (`@media print`) whose
    // block holds rules of its own, read as the rules around it are.
    while let Some(open) = rest.find('{') {
        let prelude = rest[..open].rsplit(['}', ';']).next().unwrap_or_default();
        let body = &rest[open + 1..];
        let end = body.find(['{', '}']).unwrap_or(body.len());
        let nested = body.as_bytes().get(end) == Some(&b'{');
        if !nested && is_italic(&body[..end]) {
            for selector in prelude.split(',') {
                if let Some(class) = lone_class(selector.trim()) {
                    classes.insert(class.to_ascii_lowercase());
                }
            }
        }
        rest = match nested {
            true => body,
            false => &body[(end + 1).min(body.len())..],
        };
    }
}

/// The text of a page's `<style>` elements, one after another.
pub(super) fn page_styles(html: &str) -> String {
    let mut styles = String::new();
    if !contains_ignoring_case(html, b"<style") {
        return styles;
    }
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<style").map(|i| i + from) {
        let Some(start) = lower[open..].find('>').map(|i| open + i + 1) else {
            break;
        };
        let end = lower[start..]
            .find("</style")
            .map_or(html.len(), |i| start + i);
        styles.push_str(&html[start..end]);
        styles.push('\n');
        from = end;
    }
    styles
}

/// `html` with each `<span>` set in italics (one of its classes among `classes`, or its
/// own style saying so) renamed `<em>`, and its closing tag with it.
pub(super) fn italic_spans_as_em<'a>(html: &'a str, classes: &HashSet<String>) -> Cow<'a, str> {
    // Most pages have no span: they are not copied in lower case to find none.
    if !contains_ignoring_case(html, b"<span") {
        return Cow::Borrowed(html);
    }
    let lower = html.to_ascii_lowercase();
    let styled = lower.contains("font-style") || lower.contains("font:");
    if !lower.contains("<span") || (classes.is_empty() && !styled) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    // Whether each span still open was renamed, the innermost last.
    let mut open: Vec<bool> = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find('<').map(|i| i + from) {
        from = i + 1;
        let closing = lower[i + 1..].starts_with('/');
        let name = i + 1 + usize::from(closing);
        let after = lower.as_bytes().get(name + "span".len()).copied();
        let is_span = lower[name..].starts_with("span")
            && matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/'));
        if !is_span {
            continue;
        }
        let rename = match closing {
            true => open.pop().unwrap_or(false),
            false => {
                // A tag never closed ends the page's tags: nothing after it is looked for
                // again (each unclosed `<span` would otherwise read the rest of the page).
                let Some(end) = lower[i..].find('>') else {
                    break;
                };
                let tag = &lower[i..i + end];
                let italic = is_italic_span(tag, classes);
                if !tag.ends_with('/') {
                    open.push(italic);
                }
                italic
            }
        };
        if rename {
            out.push_str(&html[last..name]);
            out.push_str("em");
            last = name + "span".len();
        }
    }
    if last == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

/// Whether a span's opening tag (lower case) sets it in italics.
fn is_italic_span(tag: &str, classes: &HashSet<String>) -> bool {
    let style = attribute(tag, "style").is_some_and(is_italic);
    style
        || attribute(tag, "class")
            .is_some_and(|value| value.split_ascii_whitespace().any(|c| classes.contains(c)))
}

/// Whether declarations (`color: red; font-style: italic`) set text in italics.
fn is_italic(declarations: &str) -> bool {
    declarations.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let value = value.to_ascii_lowercase();
        let slanted = |v: &str| v == "italic" || v == "oblique";
        match property.trim().to_ascii_lowercase().as_str() {
            "font-style" => value.split_ascii_whitespace().next().is_some_and(slanted),
            "font" => value.split_ascii_whitespace().any(slanted),
            _ => false,
        }
    })
}

/// The class a selector names, where it is one class, alone or on an element.
fn lone_class(selector: &str) -> Option<&str> {
    let (element, class) = selector.split_once('.')?;
    let plain = |s: &str| {
        !s.is_empty() && (s.bytes()).all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let element_plain = element.is_empty() || plain(element);
    (element_plain && plain(class)).then_some(class)
}

/// `css` without its `/* … */` comments.
fn without_comments(css: &str) -> Cow<'_, str> {
    if !css.contains("/*") {
        return Cow::Borrowed(css);
    }
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start + 2..]
            .find("*/")
            .map_or("", |end| &rest[start + 2 + end + 2..]);
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(css: &str) -> Vec<String> {
        let mut classes = HashSet::new();
        italic_classes(css, &mut classes);
        let mut classes: Vec<String> = classes.into_iter().collect();
        classes.sort();
        classes
    }

    #[test]
    fn a_class_is_italic_where_a_rule_of_it_alone_says_so() {
        let css = ".c1{color:#000}.c3{font-weight:400;font-style:italic}\n\
            span.Italic, .emph { FONT-STYLE : Oblique ; }\n\
            /* .commented { font-style: italic } */\n\
            .normal { font-style: normal }\n\
            .short { font: italic bold 12px/30px Georgia, serif }\n\
            .bib .title, .a:hover, #id { font-style: italic }\n\
            @media print { .printed { font-style: italic } }\n\
            @font-face { font-family: X; src: url(x.ttf) }";
        assert_eq!(
            classes(css),
            ["c3", "emph", "italic", "printed", "short"],
            "{css}"
        );
        // Unclosed rules and stray braces end the reading, without a panic.
        assert_eq!(classes(".a { font-style: italic"), ["a"]);
        assert!(classes("}}{{ .b { font-style: italic }").contains(&"b".to_string()));
        assert!(classes("{").is_empty());
    }

    #[test]
    fn italic_spans_become_emphasis_and_their_closing_tags_with_them() {
        let classes: HashSet<String> = ["c3".to_string()].into();
        let html = "<p>Kissinger, <SPAN class=\"c7 C3\">A World <span>Restored</span></SPAN>. \
            <span class=c1>Boston</span>, <span style=\"font-style: italic\">1957</span>.\
            <span class=\"c3\"/></p>";
        assert_eq!(
            italic_spans_as_em(html, &classes),
            "<p>Kissinger, <em class=\"c7 C3\">A World <span>Restored</span></em>. \
            <span class=c1>Boston</span>, <em style=\"font-style: italic\">1957</em>.\
            <em class=\"c3\"/></p>"
        );
        // Unclosed tags, many of them: read once.
        let unclosed = "<span class=c3 ".repeat(20_000);
        assert_eq!(italic_spans_as_em(&unclosed, &classes), unclosed);
        // Nothing italic: the page as it is.
        let plain = "<p><span class=x>a</span></span></p>";
        assert!(matches!(
            italic_spans_as_em(plain, &classes),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_pages_styles_are_its_style_elements() {
        let html = "<head><STYLE type=text/css>.a{}</style><style>.b{}</STYLE></head><style>.c";
        assert_eq!(page_styles(html), ".a{}\n.b{}\n.c\n");
    }
}
