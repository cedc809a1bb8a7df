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
/// permalink marks Sphinx and MkDocs put after each heading and term (`Outcome¶`).
const HIDDEN: &str = "nav, header, footer, aside, script, style, svg, template, .annals-landmark, \
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

/// The outline of `html` as html2text renders it, without what [`HIDDEN`] hides.
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
    let html = mark_hidden(&html);
    let text = html2text::config::with_decorator(MarkdownDecorator)
        .no_table_borders()
        .add_css(HIDDEN)
        .map_err(|e| e.to_string())?
        .string_from_read(html.as_bytes(), RENDER_WIDTH)
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
mod tests {
    use super::*;
    use crate::corpus::model::Block;

    /// Every block's text, in order.
    fn texts(o: &Outline) -> Vec<String> {
        (o.sections.iter())
            .flat_map(|(_, b)| b.iter().map(|b| b.text().to_string()))
            .collect()
    }

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
            Carr, E. H. (1953). <i>The Bolshevik Revolution</i>. London.</li>
            <li id="n2"><span class="mw-cite-backlink"><a href="#r2">^</a></span>
            <cite class="citation book cs1">Kochan, Lionel (1953). <i>Russia and the Weimar Republic</i>. Bowes &amp; Bowes.</cite></li></ol>
            <div ROLE='navigation' class="navbox">Treaties of Germany</div>
            <div role="navigationx">Kept, as no role</div>
            <p>Text that says role="search" stays.</p>
            <div id="catlinks">Categories: 1922 treaties</div></body></html>"##;
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.title.as_deref(), Some("Treaty of Rapallo (1922)"));
        assert_eq!(o.heading_paths(), ["", "References"]);
        let text = texts(&o);
        assert_eq!(
            text,
            [
                "The treaty was signed in 1922.",
                "Carr, E. H. (1953). *The Bolshevik Revolution*. London.",
                // A whole citation's `<cite>` is no title: its italics are.
                "Kochan, Lionel (1953). *Russia and the Weimar Republic*. Bowes & Bowes.",
                "Kept, as no role",
                "Text that says role=\"search\" stays."
            ]
        );
        let article = o
            .into_article(
                "r".into(),
                "r.html".into(),
                "r",
                crate::corpus::text::strip_rendered,
            )
            .unwrap();
        let books: Vec<(&str, Option<&str>)> = (article.reading.iter())
            .map(|b| (b.title.as_str(), b.author.as_deref()))
            .collect();
        assert_eq!(
            books[..2],
            [
                ("The Bolshevik Revolution", Some("E. H. Carr")),
                ("Russia and the Weimar Republic", Some("Lionel Kochan"))
            ]
        );
    }

    #[test]
    fn note_marks_are_not_text_and_superscripts_stand_apart() {
        // Pandoc's, Hugo's and an e-book's note marks; a bare superscript number.
        let page = r##"<h1>Rapallo</h1>
            <p>Signed in 1922.<a href="#fn1" class="footnote-ref" role="doc-noteref"><sup>1</sup></a>
            Chicherin<sup id="fnref:2"><a href="#fn:2" role="doc-noteref">2</a></sup> agreed
            with Rathenau<sup><a epub:type="noteref" href="#n3">3</a></sup>, in the
            XIX<sup>e</sup> style, at Genoa<sup>4</sup>.</p>
            <section class="footnotes" role="doc-endnotes"><ol><li id="fn1">
            <p>Carr, <em>The Bolshevik Revolution</em>.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>"##;
        let (o, _) = parse(page).unwrap();
        let text = texts(&o);
        assert_eq!(
            text,
            [
                "Signed in 1922. Chicherin agreed with Rathenau, in the XIX e style, at Genoa⁴.",
                "Carr, *The Bolshevik Revolution*."
            ]
        );
    }

    #[test]
    fn a_page_saved_by_word_is_read_without_its_marks_for_other_browsers() {
        let page = r##"<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
            <meta name=Generator content="Microsoft Word 15"><title>Rapallo</title></head>
            <body lang=EN-GB><div class=WordSection1>
            <p class=MsoNormal>Signed in 1922.<a style='mso-footnote-id:ftn1' href="#_ftn1"
            name="_ftnref1"><span class=MsoFootnoteReference><span style='mso-special-character:
            footnote'><![if !supportFootnotes]><span class=MsoFootnoteReference>[1]</span>
            <![endif]></span></span></a> Both were isolated.</p>
            <h1>Further reading</h1>
            <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]>
            <span style='font-family:Symbol'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;
            </span></span><![endif]><i>A World Restored</i> by Henry Kissinger</p>
            <p class=MsoListParagraphCxSpLast>Vienna 1814<a href="#_ftn2"><span
            class=MsoFootnoteReference><span>[2]</span></span></a> by David King</p>
            </div></body></html>"##;
        let (o, _) = parse(page).unwrap();
        let text = texts(&o);
        assert_eq!(
            text,
            [
                "Signed in 1922. Both were isolated.",
                "*A World Restored* by Henry Kissinger",
                "Vienna 1814 by David King"
            ]
        );
    }

    #[test]
    fn a_page_with_main_content_is_that_content() {
        let page = "<html><head><title>Locarno | History Today</title></head><body>\
                    <div class=cookie>We use cookies to improve your experience.</div>\
                    <main><h1>Locarno</h1><p>The treaties were initialled in 1925.</p></main>\
                    <div class=comments><h3>Comments</h3><p>Great read!</p></div></body></html>";
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.title.as_deref(), Some("Locarno"));
        assert_eq!(o.heading_paths(), [""]);
        let text: Vec<&str> = (o.sections.iter())
            .flat_map(|(_, blocks)| blocks.iter().map(|b| b.text()))
            .collect();
        assert_eq!(text, ["The treaties were initialled in 1925."]);
        // A headline above the main content heads it.
        let page = "<title>Locarno - History Today</title><header><h1>History Today</h1></header>\
                    <div><h1 class=headline>Locarno</h1></div><main><p>Initialled.</p></main>";
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.title.as_deref(), Some("Locarno"));
        assert_eq!(o.sections[0].1[0].text(), "Initialled.");
        // A main element without text (filled in by a script) leaves the page as it is.
        let page = "<body><main></main><p>Rendered on the server.</p></body>";
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.sections[0].1[0].text(), "Rendered on the server.");
    }

    #[test]
    fn a_page_laid_out_in_a_table_is_read_column_by_column_and_a_data_table_row_by_row() {
        let page = "<html><head><title>The Congress of Vienna - History Pages</title></head>\
            <body><table><tr><td><a href=a>Home</a><br><a href=b>Links</a></td><td>\
            <h1>The Congress of Vienna</h1><p>It met in 1814.</p><h2>The Powers</h2>\
            <p>Austria and Prussia.</p></td></tr></table></body></html>";
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
        assert_eq!(o.heading_paths(), ["", "The Powers"]);
        let lead: Vec<&str> = o.sections[0].1.iter().map(Block::text).collect();
        assert_eq!(lead, ["Home Links", "It met in 1814."]);
        let data = "<h1>Treaties</h1><table><tr><th>Treaty</th><th>Year</th></tr>\
            <tr><td>Rapallo</td><td>1922</td></tr></table>";
        let (o, _) = parse(data).unwrap();
        // Its rows, one line each, are one paragraph.
        let rows: Vec<&str> = o.sections[0].1.iter().map(Block::text).collect();
        assert_eq!(rows, ["Treaty  Year Rapallo 1922"], "{o:?}");
    }

    #[test]
    fn title_falls_back_to_the_first_h1() {
        let (o, _) = parse("<body><h1>Only &amp; Heading</h1><p>Text.</p></body>").unwrap();
        assert_eq!(o.title.as_deref(), Some("Only & Heading"));
    }

    #[test]
    fn a_page_names_its_authors_in_its_head() {
        let page = "<html><head><meta name=\"citation_author\" content=\"Fink, Carole\">\
                    </head><body><p>The Genoa Conference.</p></body></html>";
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.authors, ["Carole Fink"]);
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
    fn a_sphinx_pages_permalinks_are_no_text_and_its_heading_is_its_title() {
        let page = "<html><head><title>The Congress of Vienna &#8212; Notes 1.0 documentation\
                    </title></head><body><section id=\"c\"><h1>The Congress of Vienna\
                    <a class=\"headerlink\" href=\"#c\" title=\"Link to this heading\">¶</a></h1>\
                    <p>The congress met.</p><section id=\"o\"><h2>Outcome<a class=\"headerlink\" \
                    href=\"#o\">¶</a></h2><dl><dt id=\"b\">balance()<a class=\"headerlink\" \
                    href=\"#b\">¶</a></dt><dd><p>Of power.</p></dd></dl></section></section>\
                    </body></html>";
        let (o, _) = parse(page).unwrap();
        assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
        assert_eq!(o.heading_paths(), ["", "Outcome"]);
        assert!(
            !texts(&o).iter().any(|t| t.contains('¶')),
            "{:?}",
            texts(&o)
        );
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
