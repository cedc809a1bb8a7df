//! HTML articles: html2text renders the page to Markdown-like text (headings as `#`, list
//! items as `- `, emphasis and citations as `*…*`), which the Markdown parser then splits.
//! Navigation, page headers and footers, and asides are hidden by a style sheet, so only the
//! article's own text is indexed; html2text already drops `script`, `style` and `head`.

use html2text::render::{TaggedLine, TextDecorator};

use super::model::Outline;
use super::rendered;
use super::text::{decode_entities, squash_whitespace};

/// Elements whose text is not part of the article: the page's navigation, header, footer
/// and asides, by element or by ARIA landmark role ([`LANDMARK_CLASS`]); and the chrome of
/// MediaWiki pages, the wiki pages (Wikipedia's first) people save most: section edit
/// links (`References[edit]`), citation marks (`^{[1]}`) and the references' back links,
/// the jump links, the contents box, navigation boxes, category links and what is not
/// meant for print.
const HIDDEN: &str = "nav, header, footer, aside, script, style, svg, template, .annals-landmark, \
    .mw-editsection, sup.reference, .mw-cite-backlink, .mw-jump-link, #toc, .toc, .navbox, \
    .noprint, #mw-navigation, #catlinks, .printfooter, #footer \
    { display: none; }";

/// The class given to an element whose ARIA role makes it navigation, a page's banner or
/// footer, an aside or a search form (`<div role="navigation">`), so that [`HIDDEN`]
/// hides it as it hides `<nav>`: html2text's style sheets have no attribute selectors.
const LANDMARK_CLASS: &str = "annals-landmark";

/// The ARIA roles of the elements hidden as [`LANDMARK_CLASS`].
const LANDMARK_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
];

/// Wide enough that html2text never wraps a paragraph: the parser wants one line per block.
const RENDER_WIDTH: usize = 1_000_000;

/// Elements nested deeper than this are not rendered by html2text, whose time grows with the
/// square of the depth (100,000 nested `<div>`s took 12 s); such a page is read as plain text.
const MAX_DEPTH: usize = 512;

/// Pages with more elements than this are not rendered by html2text either, whose memory
/// grows by about 2.4 KB an element (500,000 `<p>`s, a 4.5 MB page, took 1.2 GB): such a
/// page is read as plain text. Real pages, long articles with big tables included, hold
/// tens of thousands.
const MAX_ELEMENTS: usize = 100_000;

/// Elements that never have a closing tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Parse an HTML article. The title is `<title>`, else the first `<h1>`. The second value
/// holds warnings (a page nested too deeply to render is read as plain text).
pub(crate) fn parse(html: &str) -> Result<(Outline, Vec<String>), String> {
    let (mut outline, warnings) = parse_body(html)?;
    outline.lang = page_language(html).or(outline.lang);
    Ok((outline, warnings))
}

/// The language the page declares on its root element (`<html lang="de">`), if annals
/// knows it.
fn page_language(html: &str) -> Option<&'static str> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<html")?;
    let tag = &html[open..open + lower[open..].find('>')?];
    let at = tag.to_ascii_lowercase().find(" lang=")? + " lang=".len();
    let value = tag[at..].trim_start_matches(['"', '\'']);
    let end = value.find(['"', '\'', ' ', '>']).unwrap_or(value.len());
    crate::language::normalize(&value[..end])
}

fn parse_body(html: &str) -> Result<(Outline, Vec<String>), String> {
    let title = title_element(html);
    let tags = count_tags(html);
    let too_many = match (tags.deepest > MAX_DEPTH, tags.elements > MAX_ELEMENTS) {
        (true, _) => Some(format!(
            "elements nested {} deep (more than {MAX_DEPTH}); read as plain text",
            tags.deepest
        )),
        (false, true) => Some(format!(
            "{} elements (more than {MAX_ELEMENTS}); read as plain text",
            tags.elements
        )),
        (false, false) => None,
    };
    if let Some(warning) = too_many {
        let text = squash_whitespace(&decode_entities(&strip_tags(html)));
        return Ok((rendered::parse(&text, title), vec![warning]));
    }
    // <cite> names a work just like <em>; render both as emphasis.
    let html = replace_tag(&replace_tag(html, "cite", "em"), "i", "em");
    let html = mark_landmarks(&html);
    let text = html2text::config::with_decorator(MarkdownDecorator)
        .no_table_borders()
        .add_css(HIDDEN)
        .map_err(|e| e.to_string())?
        .string_from_read(html.as_bytes(), RENDER_WIDTH)
        .map_err(|e| e.to_string())?;
    Ok((rendered::parse(&text, title), Vec::new()))
}

/// How many elements a page has and how deep they nest.
#[derive(Debug, PartialEq, Eq)]
struct TagCounts {
    deepest: usize,
    elements: usize,
}

/// The elements of `html` and their deepest nesting, counted from its tags in one pass.
fn count_tags(html: &str) -> TagCounts {
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

/// `html` with every tag replaced by a space: the fallback for pages too deep to render.
fn strip_tags(html: &str) -> String {
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

/// The text of the page's `<title>`, if present and not empty: the first one outside
/// `<svg>` (whose `<title>` names a drawing), its entities decoded once.
fn title_element(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    let open = loop {
        let open = from + lower[from..].find("<title")?;
        let before = &lower[..open];
        if before.matches("<svg").count() <= before.matches("</svg").count() {
            break open;
        }
        from = open + 1;
    };
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    // The HTML parser decodes the entities, as it does for the body (`&lt;canvas&gt;`
    // is the text `<canvas>`, `&mdash;` a dash).
    let raw = &html[start..end];
    let text = html2text::config::plain()
        .string_from_read(format!("<p>{raw}</p>").as_bytes(), RENDER_WIDTH)
        .unwrap_or_else(|_| decode_entities(raw));
    let title = squash_whitespace(&text);
    (!title.is_empty()).then_some(title)
}

/// `html` with [`LANDMARK_CLASS`] as the first class of every element whose `role` is one
/// of [`LANDMARK_ROLES`]: put before the element's own attributes, it is the class the
/// parser keeps (the first of two `class` attributes wins).
fn mark_landmarks(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    let mut from = 0;
    // The last `<` or `>` before the text searched so far: each stretch of text is searched
    // for it once, however many `role=` a page holds outside tags.
    let mut boundary: Option<(usize, u8)> = None;
    while let Some(at) = lower[from..].find("role=").map(|i| i + from) {
        if let Some(b) = lower[from..at].rfind(['<', '>']) {
            boundary = Some((from + b, lower.as_bytes()[from + b]));
        }
        from = at + "role=".len();
        let value = lower[from..].trim_start_matches(['"', '\'']);
        let is_landmark = LANDMARK_ROLES.iter().any(|role| {
            value.starts_with(role)
                && !value[role.len()..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        });
        // The attribute must stand in a start tag: the tag's name is where its `<` is.
        let Some((open, b'<')) = boundary else {
            continue;
        };
        let in_tag = lower[open + 1..].starts_with(|c: char| c.is_ascii_alphabetic())
            && lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        if !is_landmark || !in_tag || open < last {
            continue;
        }
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

/// Rename every `<tag …>` and `</tag>` to `new`, ignoring case.
fn replace_tag(html: &str, tag: &str, new: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find('<').map(|i| i + from) {
        from = i + 1;
        let closing = lower[i + 1..].starts_with('/');
        let name_start = i + 1 + usize::from(closing);
        if !lower[name_start..].starts_with(tag) {
            continue;
        }
        let after = lower.as_bytes().get(name_start + tag.len()).copied();
        if !matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'/')) {
            continue;
        }
        out.push_str(&html[last..name_start]);
        out.push_str(new);
        last = name_start + tag.len();
    }
    out.push_str(&html[last..]);
    out
}

/// Renders the decorations the Markdown parser understands and nothing else.
#[derive(Clone)]
struct MarkdownDecorator;

impl TextDecorator for MarkdownDecorator {
    type Annotation = ();

    fn decorate_link_start(&mut self, _url: &str) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_link_end(&mut self) -> String {
        String::new()
    }
    fn decorate_em_start(&self) -> (String, ()) {
        ("*".into(), ())
    }
    fn decorate_em_end(&self) -> String {
        "*".into()
    }
    fn decorate_strong_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strong_end(&self) -> String {
        String::new()
    }
    fn decorate_strikeout_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_strikeout_end(&self) -> String {
        String::new()
    }
    fn decorate_code_start(&self) -> (String, ()) {
        (String::new(), ())
    }
    fn decorate_code_end(&self) -> String {
        String::new()
    }
    fn decorate_preformat_first(&self) {}
    fn decorate_preformat_cont(&self) {}
    fn decorate_image(&mut self, _src: &str, title: &str) -> (String, ()) {
        (title.to_string(), ())
    }
    fn header_prefix(&self, level: usize) -> String {
        format!("{} ", "#".repeat(level.clamp(1, 6)))
    }
    fn quote_prefix(&self) -> String {
        String::new()
    }
    fn unordered_item_prefix(&self) -> String {
        "- ".into()
    }
    fn ordered_item_prefix(&self, _i: i64) -> String {
        "- ".into()
    }
    fn make_subblock_decorator(&self) -> Self {
        MarkdownDecorator
    }
    fn finalise(&mut self, _urls: Vec<String>) -> Vec<TaggedLine<()>> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_come_from_headings_and_chrome_is_dropped() {
        let html = r#"<html><head><title>The Congress of Vienna</title>
            <style>p { color: red }</style></head><body>
            <nav>Home | About</nav><header>Site banner</header>
            <h1>The Congress of Vienna</h1><p>In 1814 the powers met.</p>
            <h2>Outcome</h2><p>A new balance.</p>
            <aside>Advert text</aside><script>var x = 1;</script>
            <h2>Further Reading</h2><ul><li><cite>Vienna 1814</cite> by David King</li></ul>
            <footer>Copyright</footer></body></html>"#;
        let (o, warnings) = parse(html).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
        let all: String = o
            .sections
            .iter()
            .flat_map(|(_, b)| b.iter().map(|b| b.text().to_string()))
            .collect::<Vec<_>>()
            .join("|");
        assert_eq!(
            all,
            "In 1814 the powers met.|A new balance.|*Vienna 1814* by David King"
        );
        let heads: Vec<_> = o.sections.iter().map(|(h, _)| h.join("/")).collect();
        assert_eq!(heads, vec!["", "Outcome", "Further Reading"]);
    }

    #[test]
    fn landmarks_and_a_wiki_pages_chrome_are_not_text() {
        let page = r##"<html><head><title>Treaty of Rapallo (1922) - Wikipedia</title></head>
            <body><a class="mw-jump-link" href="#c">Jump to content</a>
            <div id="mw-navigation"><h2>Navigation menu</h2><ul><li>Main page</li></ul></div>
            <div role="banner" class="top">Site banner</div>
            <h1 id="firstHeading"><span>Treaty of Rapallo (1922)</span></h1>
            <p>The treaty was signed in 1922.<sup id="r1" class="reference"><a href="#n1">[1]</a></sup></p>
            <div id="toc" class="toc" role="navigation"><h2>Contents</h2><ul><li>1 References</li></ul></div>
            <h2><span class="mw-headline">References</span><span class="mw-editsection">[<a href="#">edit</a>]</span></h2>
            <ol class="references"><li id="n1"><span class="mw-cite-backlink"><a href="#r1">^</a></span>
            Carr, E. H. (1953). <i>The Bolshevik Revolution</i>. London.</li></ol>
            <div ROLE='navigation' class="navbox">Treaties of Germany</div>
            <div role="navigationx">Kept, as no role</div>
            <p>Text that says role="search" stays.</p>
            <div id="catlinks">Categories: 1922 treaties</div></body></html>"##;
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.title.as_deref(), Some("Treaty of Rapallo (1922)"));
        assert_eq!(o.heading_paths(), ["", "References"]);
        let text: Vec<String> = (o.sections.iter())
            .flat_map(|(_, b)| b.iter().map(|b| b.text().to_string()))
            .collect();
        assert_eq!(
            text,
            [
                "The treaty was signed in 1922.",
                "Carr, E. H. (1953). *The Bolshevik Revolution*. London.",
                "Kept, as no role",
                "Text that says role=\"search\" stays."
            ]
        );
    }

    #[test]
    fn title_falls_back_to_the_first_h1() {
        let (o, _) = parse("<body><h1>Only &amp; Heading</h1><p>Text.</p></body>").unwrap();
        assert_eq!(o.title.as_deref(), Some("Only & Heading"));
    }

    #[test]
    fn the_site_name_in_a_saved_pages_title_is_left_to_its_heading() {
        let page = "<html><head><title>Treaty of Rapallo - Wikipedia</title></head><body>\
                    <div>We use cookies.</div><h1>Treaty of Rapallo</h1><p>Signed in 1920.</p>\
                    <table><tr><td>Italy</td><td>Giolitti</td></tr></table></body></html>";
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.title.as_deref(), Some("Treaty of Rapallo"));
        assert_eq!(o.heading_paths(), [""]);
        // A table's cells are text, without the borders html2text would draw.
        let article = o.into_article("p".into(), "p.html".into(), "p", |s| s.to_string());
        let text = &article.unwrap().sections[0].text;
        assert!(
            text.ends_with("Signed in 1920.\nItaly Giolitti"),
            "{text:?}"
        );
    }

    #[test]
    fn tag_renaming_respects_names() {
        assert_eq!(
            replace_tag("<CITE class=x>a</cite><citation>", "cite", "em"),
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
    fn a_page_of_too_many_elements_is_read_as_plain_text() {
        let page = format!(
            "<html><head><title>Many</title></head><body>{}<p>zebra</p></body></html>",
            "<br>".repeat(MAX_ELEMENTS)
        );
        let (outline, warnings) = parse(&page).unwrap();
        assert_eq!(
            warnings,
            ["100005 elements (more than 100000); read as plain text"]
        );
        assert_eq!(outline.title.as_deref(), Some("Many"));
        let text: Vec<&str> = (outline.sections.iter())
            .flat_map(|(_, blocks)| blocks.iter().map(|b| b.text()))
            .collect();
        assert!(text.concat().contains("zebra"), "{text:?}");
    }

    #[test]
    fn a_page_nested_too_deep_is_read_as_plain_text_with_a_warning() {
        let deep = format!(
            "<html><head><title>Deep</title></head><body>{}deep text &amp; more{}</body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let (outline, warnings) = parse(&deep).unwrap();
        assert!(started.elapsed().as_secs() < 5, "bounded time");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("100002 deep"), "{warnings:?}");
        let article = outline.into_article("d".into(), "d.html".into(), "d", |s| s.to_string());
        let text: String = article
            .iter()
            .flat_map(|a| a.sections.iter().map(|s| s.text.clone()))
            .collect();
        assert!(text.contains("deep text & more"), "{text}");
    }
}
