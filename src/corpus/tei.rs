//! TEI documents (`.xml` whose root is `<TEI>`, or P4's `<TEI.2>`): the encoding of
//! texts scholars edit. The title, authors, language and keywords come from the
//! `<teiHeader>`; the text's `<front>` (but its title page), `<body>` and `<back>` are read
//! in order, each `<div>` with a
//! `<head>` opening a section nested as the divisions nest, paragraphs, verse lines and
//! list items as blocks, cited titles as `*…*`; a `<listBibl>`'s entries are a reading list.
//! Notes, running heads, deletions and the editor's alternatives (`<sic>` beside its
//! `<corr>`) are not the text.

use roxmltree::Node;

use super::model::{Block, Outline};
use super::reading::as_listed;
use super::reading_heading::is_reading_heading;
use super::xml::{self, child, parse_file};

/// Heading of a bibliography that has none of its own.
const BIBLIOGRAPHY: &str = "Bibliography";

/// Read a TEI document. `Err` is the reason to skip the file.
pub(crate) fn parse(text: &str) -> Result<Outline, String> {
    let document = parse_file(text, "XML", "the document")?;
    let root = document.root_element();
    if !(root.has_tag_name("TEI") || root.has_tag_name("TEI.2")) {
        return Err(format!(
            "an XML file that is not a TEI text (its root is <{}>); annals reads TEI, JATS and DocBook texts, wiki exports and feeds",
            root.tag_name().name()
        ));
    }
    let header = child(root, "teiHeader");
    let title_statement = header
        .and_then(|h| child(h, "fileDesc"))
        .and_then(|f| child(f, "titleStmt"));
    let text_element = root.descendants().find(|n| n.has_tag_name("text"));
    let language = [text_element, Some(root)]
        .into_iter()
        .flatten()
        .find_map(|n| n.attribute(("http://www.w3.org/XML/1998/namespace", "lang")))
        .or_else(|| {
            header?
                .descendants()
                .find(|n| n.has_tag_name("language"))?
                .attribute("ident")
        });
    let mut outline = Outline {
        title: title_statement.and_then(main_title),
        lang: language.and_then(crate::language::normalize),
        authors: (title_statement.into_iter())
            .flat_map(|t| t.children().filter(|n| n.has_tag_name("author")))
            .map(inline_text)
            .filter(|a| !a.is_empty())
            .collect(),
        tags: (header.into_iter())
            .flat_map(|h| h.descendants().filter(|n| n.has_tag_name("term")))
            .map(inline_text)
            .filter(|t| !t.is_empty())
            .collect(),
        ..Outline::default()
    };
    if let Some(text_element) = text_element {
        // The outermost parts, in order (a text may group texts, and a body may hold a
        // text of its own, read with it).
        let is_part = |n: &Node| ["front", "body", "back"].iter().any(|p| n.has_tag_name(*p));
        for part in text_element.descendants().filter(is_part) {
            if !part.ancestors().skip(1).any(|a| is_part(&a)) {
                read(part, &mut Vec::new(), false, &mut outline);
            }
        }
    }
    Ok(outline)
}

/// The title statement's main title: the one typed `main`, else the first.
fn main_title(statement: Node) -> Option<String> {
    let titles: Vec<Node> = statement
        .children()
        .filter(|n| n.has_tag_name("title"))
        .collect();
    let main = titles
        .iter()
        .find(|t| t.attribute("type") == Some("main"))
        .or(titles.first())?;
    Some(inline_text(*main)).filter(|t| !t.is_empty())
}

/// Read the blocks under `node` in order, under the headings `path`; `listed` inside a
/// list.
fn read(node: Node, path: &mut Vec<String>, listed: bool, outline: &mut Outline) {
    for element in node.children().filter(Node::is_element) {
        let name = element.tag_name().name();
        match name {
            "div" | "div1" | "div2" | "div3" | "div4" | "div5" | "div6" | "div7" => {
                let head = child(element, "head").map(inline_text).unwrap_or_default();
                let opened = !head.is_empty();
                if opened {
                    path.push(head);
                }
                read(element, path, false, outline);
                if opened {
                    path.pop();
                }
            }
            "listBibl" => {
                // A bibliography under a heading that does not say so still is one.
                let own = child(element, "head").map(inline_text);
                let heading = own
                    .filter(|h| !h.is_empty())
                    .or_else(|| (!is_reading_heading(path)).then(|| BIBLIOGRAPHY.to_string()));
                if let Some(heading) = &heading {
                    path.push(heading.clone());
                }
                read(element, path, true, outline);
                if heading.is_some() {
                    path.pop();
                }
            }
            // Headings are read with their division; notes, running heads, the title page
            // (the title again) and the like are not the text.
            "head" | "note" | "fw" | "figDesc" | "del" | "teiHeader" | "titlePage" => {}
            "p" | "ab" | "l" | "quote" | "cit" | "bibl" | "biblStruct" | "item" | "row" | "sp"
            | "speaker" | "castItem" | "label" | "trailer" | "byline" | "dateline" | "salute"
            | "signed" | "closer" | "opener" => {
                let nested = element
                    .children()
                    .any(|c| c.is_element() && is_block(c.tag_name().name()));
                if nested && !matches!(name, "bibl" | "biblStruct") {
                    // A block holding blocks (`<item>` with `<p>`s, `<sp>` with `<l>`s): its
                    // own loose text, then each block.
                    read(element, path, listed || name == "item", outline);
                    continue;
                }
                let cited = matches!(name, "bibl" | "biblStruct")
                    && element.descendants().any(|n| n.has_tag_name("title"));
                let text = match cited {
                    true => citation(element),
                    false => inline_text(element),
                };
                let block = match listed || name == "item" {
                    true => Block::ListItem(text),
                    false => Block::Paragraph(text),
                };
                outline.push(path, block);
            }
            "list" | "lg" | "table" => read(element, path, listed || name == "list", outline),
            _ => read(element, path, listed, outline),
        }
    }
}

/// Whether elements named `name` are blocks of text of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "ab" | "l" | "lg" | "list" | "item" | "table" | "quote" | "listBibl" | "div"
    )
}

/// A citation (`<bibl>`, `<biblStruct>`) as a reading list writes one: `*Title* by Author
/// (date)`.
fn citation(node: Node) -> String {
    let title = node
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .map(inline_text)
        .unwrap_or_default();
    let authors: Vec<String> = node
        .descendants()
        .filter(|n| n.has_tag_name("author") || n.has_tag_name("editor"))
        .map(inline_text)
        .filter(|a| !a.is_empty())
        .collect();
    let date = (node.descendants())
        .find(|n| n.has_tag_name("date"))
        .map(inline_text);
    as_listed(&title, authors.first().map(String::as_str), date.as_deref())
}

/// The text of an element as read: its words with white space squashed, a cited title or
/// italics as `*…*`, notes and deletions left out, and of the editor's alternatives the
/// corrected, regular or expanded one.
fn inline_text(node: Node) -> String {
    xml::inline_text(node, element_text)
}

/// Append the text of `element`, inside a block, to `out`, as [`inline_text`] reads it.
fn element_text(element: Node, out: &mut String) {
    match element.tag_name().name() {
        "lb" | "cb" => out.push(' '),
        "cell" => {
            out.push(' ');
            xml::render(element, element_text, out);
        }
        "note" | "fw" | "del" | "figDesc" | "pb" => {}
        "choice" => {
            let chosen = ["corr", "reg", "expan"]
                .iter()
                .find_map(|name| child(element, name))
                .or_else(|| element.first_element_child());
            if let Some(chosen) = chosen {
                xml::render(chosen, element_text, out);
            }
        }
        "title" | "hi" | "emph" | "foreign" if is_italic(element) => {
            out.push('*');
            xml::render(element, element_text, out);
            out.push('*');
        }
        _ => xml::render(element, element_text, out),
    }
}

/// Whether an element is set in italics: its `rend` says so, or it is a title (of a book,
/// as titles cited in running text mostly are).
fn is_italic(node: Node) -> bool {
    let rend = node.attribute("rend").unwrap_or_default();
    rend.contains("italic") || (node.has_tag_name("title") && rend.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader>
    <fileDesc>
      <titleStmt>
        <title type="sub">A Reader's Edition</title>
        <title type="main">Letters from Genoa</title>
        <author>Anna <surname>Schmidt</surname></author>
      </titleStmt>
      <publicationStmt><p>Unpublished</p></publicationStmt>
      <sourceDesc><p>Manuscript</p></sourceDesc>
    </fileDesc>
    <profileDesc><textClass><keywords><term>diplomacy</term></keywords></textClass></profileDesc>
  </teiHeader>
  <text xml:lang="de">
    <front><titlePage><docTitle><titlePart>Title page</titlePart></docTitle></titlePage>
      <div type="preface"><head>Vorwort</head><p>Edited in 2020.</p></div></front>
    <body>
      <div type="letter"><head>Erster Brief</head>
        <p>Genua, im April 1922.<note place="foot">A footnote.</note> Die Konferenz<lb/>begann,
          wie <title>Die Zeit</title> schrieb, mit <choice><sic>Verpätung</sic><corr>Verspätung</corr></choice>.</p>
        <div><head>Nachschrift</head><lg><l>Ein Vers,</l><l>noch einer.</l></lg>
          <sp><speaker>Bote</speaker><l>Ein Brief!</l></sp></div>
      </div>
    </body>
    <back>
      <div><head>Literatur</head>
        <listBibl>
          <bibl><author>Carole Fink</author>, <title>The Genoa Conference</title> (1984)</bibl>
          <biblStruct><monogr><title>Rapallo</title><author>Hans Meier</author><imprint><date>1962</date></imprint></monogr></biblStruct>
        </listBibl>
      </div>
      <listBibl><bibl><title>Loose</title></bibl></listBibl>
    </back>
  </text>
</TEI>"##;

    #[test]
    fn header_divisions_and_bibliographies() {
        let outline = parse(TEXT).unwrap();
        assert_eq!(outline.title.as_deref(), Some("Letters from Genoa"));
        assert_eq!(outline.authors, ["Anna Schmidt"]);
        assert_eq!(outline.tags, ["diplomacy"]);
        assert_eq!(outline.lang, Some("de"));
        assert_eq!(
            outline.heading_paths(),
            [
                "Vorwort",
                "Erster Brief",
                "Erster Brief › Nachschrift",
                "Literatur",
                "Bibliography"
            ]
        );
        assert_eq!(
            outline.sections[1].1[0].text(),
            "Genua, im April 1922. Die Konferenz begann, wie *Die Zeit* schrieb, mit Verspätung."
        );
        let verse: Vec<&str> = outline.sections[2].1.iter().map(Block::text).collect();
        assert_eq!(verse, ["Ein Vers,", "noch einer.", "Bote", "Ein Brief!"]);
        let books: Vec<&Block> = outline.sections[3].1.iter().collect();
        assert!(matches!(
            books[0],
            Block::ListItem(t) if t == "*The Genoa Conference* by Carole Fink"
        ));
        assert!(matches!(
            books[1],
            Block::ListItem(t) if t == "*Rapallo* by Hans Meier (1962)"
        ));
        assert!(!format!("{:?}", outline.sections).contains("Title page"));
    }

    #[test]
    fn what_is_not_tei_says_why() {
        assert!(parse("<rss/>").unwrap_err().contains("its root is <rss>"));
        assert!(parse("<TEI>")
            .unwrap_err()
            .starts_with("cannot be read as XML"));
    }
}
