//! HTML articles: html2text renders the page to Markdown-like text (headings as `#`, list
//! items as `- `, emphasis and citations as `*…*`), which the Markdown parser then splits.
//! A page with one `<main>` element is that element; navigation, page headers and footers,
//! asides (by element or ARIA role) and a wiki page's chrome are hidden by a style sheet, so
//! only the article's own text is indexed; html2text already drops `script`, `style` and
//! `head`. What is read from the page's tags before rendering is in [`super::html_tags`],
//! and spans its style sheets set in italics, which are emphasis too, in
//! [`super::html_italics`].

use std::collections::HashSet;

use html2text::render::{TaggedLine, TextDecorator};

use super::html_landmarks::content_headers_as_divs;
use super::html_tags::{
    citations_as_spans, count_tags, has_layout_tables, headline_above, main_content, mark_hidden,
    replace_tags, strip_tags, tables_as_blocks,
};
use super::html_word::without_word_fallbacks;
use super::model::Outline;
use super::rendered;
use super::text::{decode_entities, squash_whitespace};
use super::{html_contents, html_italics, html_meta};

/// Elements whose text is not part of the article: the page's navigation, header, footer
/// and asides, by element or by ARIA landmark role (see [`mark_hidden`]); and the chrome of
/// MediaWiki pages, the wiki pages (Wikipedia's first) people save most: section edit
/// links (`References[edit]`), citation marks (`^{[1]}`) and the references' back links,
/// the jump links, the contents box, navigation boxes, category links and what is not
/// meant for print; the header and licence around a Project Gutenberg book; and the
/// permalink marks Sphinx and MkDocs put after each heading and term (`Outcome¶`); a
/// page's controls, which reader views leave out as Mozilla's Readability does: buttons
/// (`Share`, `Copy item path` in a heading), menus and text boxes; text only screen readers
/// read (WordPress's, Bootstrap's); and the line of when and by whom a blog's post was
/// posted (whose year is not the article's), its comments and sharing boxes, as WordPress
/// and its Jetpack write them, Blogger's blog header, date line, post footer and pager,
/// Substack's post meta line, its likes and its subscription box; and a page's sidebar
/// and footer.
const HIDDEN: &str = "nav, header, footer, aside, script, style, svg, template, .annals-landmark, \
    button, select, textarea, \
    .screen-reader-text, .sr-only, .visually-hidden, \
    .entry-meta, .posted-on, .byline, \
    #comments, .comments-area, #respond, .sharedaddy, .jp-relatedposts, \
    #header-wrapper, .date-header, .post-footer, .blog-pager, \
    .post-meta, .post-ufi, .subscription-widget-wrap, \
    #sidebar, #sidebar-wrapper, .sidebar, .footer, \
    .headerlink, \
    .mw-editsection, sup.reference, .mw-cite-backlink, .mw-jump-link, #toc, .toc, .navbox, \
    .noprint, #mw-navigation, #catlinks, .printfooter, #footer, \
    #pg-header, #pg-footer, .pg-boilerplate \
    { display: none; }";

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

/// Parse an HTML article. The title is `<title>`, else the first `<h1>`. The second value
/// holds warnings (a page nested too deeply to render is read as plain text).
pub(crate) fn parse(html: &str) -> Result<(Outline, Vec<String>), String> {
    parse_styled(html, &HashSet::new())
}

/// `html` with `title` as its `<title>`, ahead of any of its own: a page whose container
/// names it (a note, a Kindle book), so that its first `<h1>` is a heading, not its title.
pub(crate) fn titled(title: &str, html: &str) -> String {
    format!("<title>{}</title>{html}", escape(title))
}

/// `text` made safe to read as HTML: its `&`, `<` and `>` written as entities.
pub(crate) fn escape(text: &str) -> String {
    (text.replace('&', "&amp;"))
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One part of a file of many (a note of an export, an item of a feed), `content` read as
/// a page titled `title`: `None` when it cannot be read. Its warnings, and why it cannot
/// be read, go to `warnings`, each opening with `part` (`note 3`).
pub(crate) fn parse_part(
    title: &str,
    content: &str,
    part: &str,
    warnings: &mut Vec<String>,
) -> Option<Outline> {
    match parse(&titled(title, content)) {
        Ok((outline, page_warnings)) => {
            warnings.extend(page_warnings.into_iter().map(|w| format!("{part}: {w}")));
            Some(outline)
        }
        Err(e) => {
            warnings.push(format!("{part}: {e}"));
            None
        }
    }
}

/// [`parse`] a page that the style sheets it links to (an e-book's) give `italic_classes`
/// (see [`html_italics::italic_classes`]), beside those of its own `<style>` elements.
pub(crate) fn parse_styled(
    html: &str,
    italic_classes: &HashSet<String>,
) -> Result<(Outline, Vec<String>), String> {
    // A book's classes are copied only for a chapter with styles of its own.
    let styles = html_italics::page_styles(html);
    let mut classes = std::borrow::Cow::Borrowed(italic_classes);
    if !styles.is_empty() {
        html_italics::italic_classes(&styles, classes.to_mut());
    }
    let (mut outline, warnings) = parse_body(html, &classes)?;
    if let Some(title) = outline
        .title
        .as_deref()
        .and_then(super::gutenberg::page_title)
    {
        outline.title = Some(title);
    }
    outline.lang = page_language(html).or(outline.lang);
    if outline.authors.is_empty() {
        outline.authors = html_meta::authors(html);
    }
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

fn parse_body(
    html: &str,
    italic_classes: &HashSet<String>,
) -> Result<(Outline, Vec<String>), String> {
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
    // A page that says where its main content is (`<main>`) is that content: what stands
    // around it (cookie notices, newsletter forms, related links, comments) is the site's.
    if let Some(main) = main_content(html) {
        let headline = headline_above(html, &main);
        let page = format!("{headline}{}", &html[main]);
        let outline = render(&page, title.clone(), italic_classes)?;
        if outline
            .sections
            .iter()
            .any(|(_, blocks)| !blocks.is_empty())
        {
            return Ok((outline, Vec::new()));
        }
    }
    Ok((render(html, title, italic_classes)?, Vec::new()))
}

/// The classes site generators give the permalink a heading carries (`#`, `¶`, `🔗`, or an
/// icon) that mean nothing else: VitePress's and VuePress's, Docusaurus's, AnchorJS's and
/// other themes'.
const PERMALINKS: &[&str] = &[
    "header-anchor",
    "hash-link",
    "anchorjs-link",
    "anchor-link",
    "heading-anchor",
];

/// The classes that mark a heading's permalink inside a heading, and may mean something
/// else elsewhere: GitHub's, rustdoc's and Hugo's, Node.js's documentation's.
const HEADING_PERMALINKS: &[&str] = &["anchor", "mark", "permalink"];

/// The style sheet that hides what is not the article's text: [`HIDDEN`], the
/// [`PERMALINKS`], and the [`HEADING_PERMALINKS`] in headings.
fn hidden_css() -> String {
    let in_headings = (1..=6).flat_map(|level| {
        HEADING_PERMALINKS
            .iter()
            .map(move |c| format!("h{level} .{c}"))
    });
    let permalinks = (PERMALINKS.iter().map(|c| format!(".{c}")))
        .chain(in_headings)
        .collect::<Vec<_>>()
        .join(", ");
    format!("{permalinks} {{ display: none; }}\n{HIDDEN}")
}

thread_local! {
    /// How pages are rendered, made once a thread: parsing [`hidden_css`] for every page
    /// cost more than a small page's rendering.
    static RENDERING: html2text::config::Config<MarkdownDecorator> =
        html2text::config::with_decorator(MarkdownDecorator)
            .no_table_borders()
            .add_css(&hidden_css())
            .expect("the hidden elements' style sheet parses");
}

/// The outline of `html` as html2text renders it, without what [`hidden_css`] hides.
fn render(
    html: &str,
    title: Option<String>,
    italic_classes: &HashSet<String>,
) -> Result<Outline, String> {
    let html = without_word_fallbacks(html);
    let html = html_contents::without_contents_entries(&html);
    let html = html_italics::italic_spans_as_em(&html, italic_classes);
    // <cite> names a work just like <em>; render both as emphasis, but for a whole
    // citation's, whose italics name the work.
    let html = citations_as_spans(&html);
    let mut html = replace_tags(&html, &["cite", "i"], "em");
    if has_layout_tables(&html) {
        html = tables_as_blocks(&html);
    }
    let html = content_headers_as_divs(&html);
    let html = mark_hidden(&html);
    let text = RENDERING
        .with(|rendering| {
            let page = rendering.parse_html(html.as_bytes())?;
            let tree = rendering.dom_to_render_tree(&page)?;
            rendering.render_to_string(tree, RENDER_WIDTH)
        })
        .map_err(|e| e.to_string())?;
    // An older Project Gutenberg page writes its header and licence as text around the
    // book (newer ones mark them, and they are hidden).
    Ok(match super::gutenberg::book(&text) {
        Some(book) => {
            let mut outline = rendered::parse(book.text, book.title.or(title));
            outline.authors = book.authors;
            outline.lang = book.lang;
            outline
        }
        None => rendered::parse(&text, title),
    })
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
    // A superscript stands apart from the word before it, as html2text's `^{3}` did, but
    // without the marks: most are a note's number (`Rapallo<sup>3</sup>` is `Rapallo 3`,
    // never the word `rapallo3`); the notes whose marks say so are left out altogether
    // (see `html_tags::MARKED`).
    fn decorate_superscript_start(&self) -> (String, ()) {
        (" ".into(), ())
    }
    fn decorate_superscript_end(&self) -> String {
        String::new()
    }
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
mod tests;
