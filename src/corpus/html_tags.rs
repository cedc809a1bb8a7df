//! A page's tags, read without parsing it: how many elements and how deep, the text without
//! its tags, tags renamed, landmarks marked, and where its main content is. These run
//! before html2text, to choose what it renders and to keep it from pages it renders badly.

use std::ops::Range;

/// The class given to an element whose ARIA role makes it navigation, a page's banner or
/// footer, an aside or a search form (`<div role="navigation">`), so that [`HIDDEN`]
/// hides it as it hides `<nav>`: html2text's style sheets have no attribute selectors.
pub(super) const LANDMARK_CLASS: &str = "annals-landmark";

/// The attributes, and their values (lowercased), of the elements hidden as
/// [`LANDMARK_CLASS`]: the ARIA landmarks around a page's text, and a note's mark in it
/// (`¹`, as DPUB-ARIA's role and EPUB's type name it: Pandoc, Hugo, Jekyll and e-book
/// makers write them; `[1]`, as Word's classes do), whose number would join the word it
/// follows. (html2text's style sheets lowercase a class's name, and Word's are not.)
const MARKED: &[(&str, &[&str])] = &[
    (
        "role=",
        &[
            "navigation",
            "banner",
            "contentinfo",
            "complementary",
            "search",
            "doc-noteref",
            "doc-backlink",
        ],
    ),
    ("epub:type=", &["noteref"]),
    (
        "class=",
        &[
            "msofootnotereference",
            "msoendnotereference",
            "msocommentreference",
        ],
    ),
];

/// Elements that never have a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// How many elements a page has and how deep they nest.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct TagCounts {
    pub(super) deepest: usize,
    pub(super) elements: usize,
}

/// The elements of `html` and their deepest nesting, counted from its tags in one pass.
pub(super) fn count_tags(html: &str) -> TagCounts {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut elements) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset + 1;
        let end = html[start..].find('>').map_or(html.len(), |e| start + e);
        let tag = &html[start..end];
        i = (end + 1).min(html.len());
        match bytes.get(start) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'!' | b'?') | None => {}
            Some(_) => {
                elements += 1;
                let name: String = tag
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if !tag.ends_with('/') && !VOID.contains(&name.as_str()) {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
            }
        }
        if i >= html.len() {
            break;
        }
    }
    TagCounts { deepest, elements }
}

/// Whether `html` lays itself out with tables, as pages written before style sheets do: a
/// table holds a heading or another table. Such a table's cells are the page's columns
/// (navigation, then the article), not data to be read row by row.
pub(super) fn has_layout_tables(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let mut tables = 0usize;
    let mut from = 0;
    while let Some(open) = lower[from..].find('<').map(|i| i + from) {
        from = open + 1;
        let closing = lower[from..].starts_with('/');
        let name: &str = {
            let start = from + usize::from(closing);
            let end = lower[start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(lower.len(), |e| start + e);
            &lower[start..end]
        };
        match (name, closing) {
            ("table", false) if tables > 0 => return true,
            ("table", false) => tables += 1,
            ("table", true) => tables = tables.saturating_sub(1),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", false) if tables > 0 => return true,
            _ => {}
        }
    }
    false
}

/// `html` with its tables' elements made blocks (`<div>`), so that a layout table's cells
/// are read one after another (see [`has_layout_tables`]).
pub(super) fn tables_as_blocks(html: &str) -> String {
    let parts = [
        "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
    ];
    replace_tags(html, &parts, "div")
}

/// `html` with every tag replaced by a space: the fallback for pages too deep to render.
pub(super) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => {
                inside = false;
                out.push(' ');
            }
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// A reference manager's note as text: Zotero writes its notes as HTML (`<p>A note</p>`)
/// in the RIS and BibTeX it exports. A value that does not start with a tag is as it is.
pub(super) fn note_text(value: &str) -> String {
    if !(value.trim_start().starts_with('<') && value.contains('>')) {
        return value.to_string();
    }
    let text = super::text::decode_entities(&strip_tags(value));
    super::text::squash_whitespace(&text)
}

/// `html` with [`LANDMARK_CLASS`] as the first class of every element that an attribute
/// of [`MARKED`] gives one of its values: put before the element's own attributes, it is
/// the class the parser keeps (the first of two `class` attributes wins).
pub(super) fn mark_hidden(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    let mut from = 0;
    // The last `<` or `>` before the text searched so far: each stretch of text is searched
    // for it once, however many attributes a page holds outside tags.
    let mut boundary: Option<(usize, u8)> = None;
    // Where each attribute is next found: each is searched for once past each place.
    let mut next: Vec<Option<usize>> = MARKED.iter().map(|(name, _)| lower.find(name)).collect();
    loop {
        for (found, (name, _)) in next.iter_mut().zip(MARKED) {
            if found.is_some_and(|at| at < from) {
                *found = lower[from..].find(name).map(|i| i + from);
            }
        }
        let Some((at, (name, values))) = next
            .iter()
            .zip(MARKED)
            .filter_map(|(found, marked)| found.map(|at| (at, marked)))
            .min_by_key(|(at, _)| *at)
        else {
            break;
        };
        if let Some(b) = lower[from..at].rfind(['<', '>']) {
            boundary = Some((from + b, lower.as_bytes()[from + b]));
        }
        from = at + name.len();
        let value = lower[from..].trim_start_matches(['"', '\'']);
        let is_marked = values.iter().any(|v| {
            value.starts_with(v)
                && !value[v.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        });
        // The attribute must stand in a start tag: the tag's name is where its `<` is.
        let Some((open, b'<')) = boundary else {
            continue;
        };
        let in_tag = lower[open + 1..].starts_with(|c: char| c.is_ascii_alphabetic())
            && lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        if !is_marked || !in_tag || open < last {
            continue;
        }
        // A note's mark inside a superscript of its own: the superscript goes with it.
        let open = match lower[..open].trim_end().strip_suffix('>') {
            Some(before) => match before.rfind('<') {
                Some(sup)
                    if lower[sup..].starts_with("<sup")
                        && !lower[sup + 4..].starts_with(|c: char| c.is_ascii_alphanumeric())
                        && sup >= last =>
                {
                    sup
                }
                _ => open,
            },
            None => open,
        };
        let name_end = open
            + 1
            + lower[open + 1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(lower.len() - open - 1);
        out.push_str(&html[last..name_end]);
        out.push_str(&format!(" class=\"{LANDMARK_CLASS}\""));
        last = name_end;
    }
    out.push_str(&html[last..]);
    out
}

/// Rename every `<tag …>` and `</tag>` of the elements named in `tags` to `new`, ignoring
/// case, in one pass over the page.
pub(super) fn replace_tags(html: &str, tags: &[&str], new: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find('<').map(|i| i + from) {
        from = i + 1;
        let closing = lower[i + 1..].starts_with('/');
        let name_start = i + 1 + usize::from(closing);
        let named = tags.iter().find(|tag| {
            let after = lower.as_bytes().get(name_start + tag.len()).copied();
            lower[name_start..].starts_with(**tag)
                && matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'/'))
        });
        let Some(tag) = named else {
            continue;
        };
        out.push_str(&html[last..name_start]);
        out.push_str(new);
        last = name_start + tag.len();
    }
    out.push_str(&html[last..]);
    out
}

/// The value of attribute `name` (in lower case) in an opening tag, quoted or not; the
/// attribute's name in any letter case, as HTML reads it.
pub(super) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let bytes = tag.as_bytes();
    let mut from = 0;
    loop {
        let at = from
            + bytes[from..]
                .windows(name.len())
                .position(|w| w.eq_ignore_ascii_case(name.as_bytes()))?;
        from = at + name.len();
        let before = bytes[at.saturating_sub(1)];
        let rest = tag[from..].trim_start();
        if !before.is_ascii_whitespace() || !rest.starts_with('=') {
            continue;
        }
        let value = rest[1..].trim_start();
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let value = &value[1..];
                &value[..value.find(quote).unwrap_or(value.len())]
            }
            _ => {
                &value[..value
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(value.len())]
            }
        });
    }
}

/// Whether `text` holds `lower` (lower-case ASCII) in any letter case: most pages lack
/// the tag a pass looks for, and are not copied in lower case to find none.
pub(super) fn contains_ignoring_case(text: &str, lower: &[u8]) -> bool {
    (text.as_bytes().windows(lower.len())).any(|w| w.eq_ignore_ascii_case(lower))
}

/// Whether `name` (lower case) stands at `at` in `lower` (a page in lower case) as a whole
/// tag name: `<header` at a `<header>` or `<header class=…>`, not at `<header-bar>`.
pub(super) fn names_at(lower: &str, at: usize, name: &str) -> bool {
    lower[at..].starts_with(name)
        && matches!(
            lower.as_bytes().get(at + name.len()),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        )
}

/// `html` with each `<cite>` that holds an `<i>` or `<em>` as a `<span>`: such a `<cite>` is
/// a whole citation (Wikipedia's `<cite class="citation book">Kochan, Lionel (1953).
/// <i>Russia and the Weimar Republic</i>. …</cite>`), whose italics are the work's title,
/// not a work's title itself as a `<cite>` alone is.
pub(super) fn citations_as_spans(html: &str) -> std::borrow::Cow<'_, str> {
    if !contains_ignoring_case(html, b"<cite") {
        return html.into();
    }
    let lower = html.to_ascii_lowercase();
    let is_tag = |at: usize, name: &str| names_at(&lower, at, name);
    // The names of the `<cite>` and `</cite>` tags to rename, by where they start.
    let mut renamed = Vec::new();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<cite").map(|i| i + from) {
        from = open + 1;
        if !is_tag(open, "<cite") {
            continue;
        }
        // Citations do not nest: the next `</cite>` closes this one. Once none is found,
        // none is further on, so a page of unclosed `<cite>`s is read once.
        let Some(close) = lower[open..].find("</cite").map(|i| i + open) else {
            break;
        };
        let inside = &lower[open..close];
        let italic = ["<i>", "<i ", "<em>", "<em "]
            .iter()
            .any(|t| inside.contains(t));
        if italic {
            renamed.push(open + 1);
            renamed.push(close + 2);
        }
        from = close;
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    for at in renamed {
        out.push_str(&html[last..at]);
        out.push_str("span");
        last = at + "cite".len();
    }
    out.push_str(&html[last..]);
    out.into()
}

/// Where the page's main content is, start tag to end tag: its one `<main>` element, or
/// its one element of ARIA role `main` (`<div role="main">`). `None` when the page has
/// none, or more than one, or the element does not close.
pub(super) fn main_content(html: &str) -> Option<Range<usize>> {
    let lower = html.to_ascii_lowercase();
    let mut found: Option<(usize, String)> = None;
    let mut from = 0;
    while let Some(open) = lower[from..].find('<').map(|i| i + from) {
        from = open + 1;
        let Some(end) = lower[open..].find('>').map(|e| open + e) else {
            break;
        };
        let tag = &lower[open + 1..end];
        // Custom elements have a dash in their name (`<main-menu>`).
        let name: String = (tag.chars())
            .take_while(|&c| c.is_ascii_alphanumeric() || c == '-')
            .collect();
        if name.is_empty() {
            continue;
        }
        let role_main = tag.contains("role=")
            && ["role=\"main\"", "role='main'", "role=main "]
                .iter()
                .any(|r| format!("{tag} ").contains(r));
        if name == "main" || role_main {
            if found.is_some() {
                return None;
            }
            found = Some((open, name));
        }
        from = end;
    }
    let (start, name) = found?;
    // The element ends at the close tag that balances it (a `<div>` holds `<div>`s).
    let mut depth = 0usize;
    let mut at = start;
    while let Some(i) = lower[at..].find('<').map(|i| i + at) {
        at = i + 1;
        let closing = lower[at..].starts_with('/');
        let name_at = at + usize::from(closing);
        let same = lower[name_at..].starts_with(name.as_str())
            && !lower[name_at + name.len()..]
                .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-');
        if !same {
            continue;
        }
        match closing {
            false => depth += 1,
            true => {
                depth -= 1;
                if depth == 0 {
                    let end = name_at + lower[name_at..].find('>')? + 1;
                    return Some(start..end);
                }
            }
        }
    }
    None
}

/// The headline set above the main content at `main` (an `<h1>` in the article's header
/// block), which heads it when it holds no `<h1>` of its own; else nothing.
pub(super) fn headline_above<'a>(html: &'a str, main: &Range<usize>) -> &'a str {
    match html[main.clone()].to_ascii_lowercase().contains("<h1") {
        true => "",
        false => last_h1(&html[..main.start]).unwrap_or(""),
    }
}

/// The last `<h1>` element of `html`, start tag to end tag, if one closes and it does not
/// stand in the page's `<header>` or `<nav>` (where it names the site).
fn last_h1(html: &str) -> Option<&str> {
    let lower = html.to_ascii_lowercase();
    let mut from = lower.len();
    while let Some(open) = lower[..from].rfind("<h1") {
        from = open;
        if lower[open + 3..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()) {
            let inside = |tag: &str| {
                lower[..open]
                    .rfind(&format!("<{tag}"))
                    .is_some_and(|at| !lower[at..open].contains(&format!("</{tag}")))
            };
            if inside("header") || inside("nav") {
                return None;
            }
            let end = open + lower[open..].find("</h1>")? + "</h1>".len();
            return Some(&html[open..end]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_renaming_respects_names() {
        assert_eq!(
            replace_tags("<CITE class=x>a</cite><citation>", &["cite"], "em"),
            "<em class=x>a</em><citation>"
        );
    }

    #[test]
    fn tags_are_counted_and_void_and_self_closing_elements_do_not_nest() {
        let counts = |deepest, elements| TagCounts { deepest, elements };
        assert_eq!(
            count_tags("<html><body><p>a<br>b<img src=x/></p></body></html>"),
            counts(3, 5)
        );
        assert_eq!(
            count_tags("<!doctype html><div><div></div><div></div></div>"),
            counts(2, 3)
        );
        assert_eq!(count_tags("no tags at all"), counts(0, 0));
        assert_eq!(count_tags("<div"), counts(1, 1));
    }

    #[test]
    fn the_headline_is_the_last_h1_outside_the_pages_header() {
        let page = "<header><h1>Site</h1></header><div><h1 id=x>Locarno</h1></div><main>";
        assert_eq!(last_h1(page), Some("<h1 id=x>Locarno</h1>"));
        assert_eq!(last_h1("<header><h1>Site</h1></header><main>"), None);
        assert_eq!(last_h1("<nav><h1>Site</h1>"), None);
        assert_eq!(last_h1("<h10>x</h10><h1>y"), None);
    }

    #[test]
    fn the_main_content_is_the_one_main_element() {
        let page = "<body><div>cookies</div><main id=m><div><main-ish>a</main-ish></div>\
                    <p>text</p></main><footer>f</footer></body>";
        let range = main_content(page).unwrap();
        assert_eq!(
            &page[range],
            "<main id=m><div><main-ish>a</main-ish></div><p>text</p></main>"
        );
        let page = "<div id=x><div ROLE=\"main\" class=c><div>a</div>b</div></div><div>c</div>";
        let range = main_content(page).unwrap();
        assert_eq!(
            &page[range],
            "<div ROLE=\"main\" class=c><div>a</div>b</div>"
        );
        // None, two, or one never closed: the whole page is read.
        assert_eq!(main_content("<body><p>a</p></body>"), None);
        assert_eq!(main_content("<main>a</main><main>b</main>"), None);
        assert_eq!(main_content("<main>a"), None);
        // A stray `<` in the text after it is text.
        assert_eq!(
            main_content("<main>a</main> a < b").map(|r| r.len()),
            Some(14)
        );
    }

    #[test]
    fn a_citation_holding_italics_is_no_title_of_its_own() {
        let page =
            "<li><cite class=\"citation book\">Kochan, L. (1953). <i>Russia</i>.</cite></li>\
                    <li><CITE>Vienna 1814</CITE> by David King</li>";
        assert_eq!(
            citations_as_spans(page),
            "<li><span class=\"citation book\">Kochan, L. (1953). <i>Russia</i>.</span></li>\
             <li><CITE>Vienna 1814</CITE> by David King</li>"
        );
        // Unclosed, and many of them: read once, left as they are.
        let unclosed = "<cite><i>a</i>".repeat(20_000);
        assert!(citations_as_spans(&unclosed) == unclosed);
        assert_eq!(
            citations_as_spans("<citation><i>x</i></cite>"),
            "<citation><i>x</i></cite>"
        );
    }
}
