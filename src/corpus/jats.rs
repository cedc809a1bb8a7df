//! Journal articles and books in XML: JATS (`<article>` with a `<front>`, as PubMed
//! Central, SciELO, eLife and many journals publish them, and BITS, its book kin) and
//! DocBook (`<article>`, `<book>`). The title, authors, keywords and language come from the
//! front matter (JATS' `<article-meta>`, DocBook's `<info>`), its abstract is a section of
//! its own; the body's sections (`<sec>`, `<section>`, `<chapter>`, `<sect1>`…) open
//! sections nested as they nest, with paragraphs, list items, captions and table rows as
//! blocks; a reference list (`<ref-list>`, `<bibliography>`) is a reading list, each
//! reference written as a reading list writes a book. Citation marks (`<xref>`), footnotes,
//! formulas and the journal's own data are not the text.

use roxmltree::Node;

use super::model::{Block, Outline};
use super::reading::as_listed;
use super::xml::{self, child, parse_file};

/// Heading of a reference list that has none of its own.
const REFERENCES: &str = "References";
/// Heading of an abstract that has none of its own.
const ABSTRACT: &str = "Abstract";

/// Whether `root`, the name of an XML file's root element, is one this reader reads; a
/// JATS `<article>` is told from a DocBook one when parsed.
pub(crate) fn is_article(root: &str) -> bool {
    matches!(root, "article" | "book")
}

/// Read a JATS or DocBook document. `Err` is the reason to skip the file.
pub(crate) fn parse(text: &str) -> Result<Outline, String> {
    let document = parse_file(text, "XML", "the document")?;
    let root = document.root_element();
    let meta = (root.descendants())
        .find(|n| {
            [
                "article-meta",
                "book-meta",
                "info",
                "articleinfo",
                "bookinfo",
            ]
            .iter()
            .any(|name| n.has_tag_name(*name))
        })
        .filter(|m| m.ancestors().all(|a| !is_section(a)));
    let title = meta
        .and_then(|m| {
            (m.descendants())
                .find(|n| n.has_tag_name("article-title") || n.has_tag_name("book-title"))
        })
        .or_else(|| meta.and_then(|m| child(m, "title")))
        .or_else(|| child(root, "title"))
        .map(inline_text)
        .filter(|t| !t.is_empty());
    let lang = [
        root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        root.attribute("lang"),
    ]
    .into_iter()
    .flatten()
    .find_map(crate::language::normalize);
    let mut outline = Outline {
        title,
        lang,
        authors: meta.map(authors).unwrap_or_default(),
        tags: (meta.into_iter())
            .flat_map(|m| m.descendants())
            .filter(|n| n.has_tag_name("kwd") || n.has_tag_name("keyword"))
            .map(inline_text)
            .filter(|t| !t.is_empty())
            .collect(),
        ..Outline::default()
    };
    if let Some(abstract_) = meta.and_then(|m| child(m, "abstract")) {
        let heading = child(abstract_, "title").map(inline_text);
        let mut path = vec![heading.filter(|h| !h.is_empty()).unwrap_or(ABSTRACT.into())];
        read(abstract_, &mut path, false, &mut outline);
    }
    for part in root.children().filter(Node::is_element) {
        // JATS' `<front>` and DocBook's `<info>` were read above.
        let front = [
            "front",
            "front-matter",
            "book-meta",
            "info",
            "articleinfo",
            "bookinfo",
            "title",
        ]
        .iter()
        .any(|name| part.has_tag_name(*name));
        if !front {
            read_element(part, &mut Vec::new(), false, &mut outline);
        }
    }
    Ok(outline)
}

/// The authors named in the front matter: JATS' `<contrib contrib-type="author">`,
/// DocBook's `<author>`, each given name first.
fn authors(meta: Node) -> Vec<String> {
    let mut authors: Vec<String> = Vec::new();
    for node in meta.descendants() {
        let author = (node.has_tag_name("contrib")
            && node.attribute("contrib-type").is_none_or(|t| t == "author"))
            || node.has_tag_name("author");
        if !author
            || node
                .ancestors()
                .skip(1)
                .any(|a| a.has_tag_name("contrib") || a.has_tag_name("author"))
        {
            continue;
        }
        if let Some(name) = person(node).filter(|n| !authors.contains(n)) {
            authors.push(name);
        }
    }
    authors
}

/// A person's name as written under `node`: given names first (JATS' `<given-names>` and
/// `<surname>`, DocBook's `<firstname>` and `<surname>`), else a name written whole.
fn person(node: Node) -> Option<String> {
    let part = |names: &[&str]| {
        (node.descendants())
            .find(|n| names.iter().any(|name| n.has_tag_name(*name)))
            .map(inline_text)
            .filter(|t| !t.is_empty())
    };
    let surname = part(&["surname"]);
    let given = part(&["given-names", "firstname", "givenname"]);
    match (given, surname) {
        (Some(given), Some(surname)) => Some(format!("{given} {surname}")),
        (None, Some(surname)) => Some(surname),
        _ => part(&["string-name", "collab", "personname", "orgname"])
            .or_else(|| Some(inline_text(node)).filter(|t| !t.is_empty() && t.len() < 200)),
    }
}

/// Whether `node` is a section: it opens a heading of its own.
fn is_section(node: Node) -> bool {
    matches!(
        node.tag_name().name(),
        "sec"
            | "section"
            | "sect1"
            | "sect2"
            | "sect3"
            | "sect4"
            | "sect5"
            | "simplesect"
            | "chapter"
            | "appendix"
            | "preface"
            | "part"
            | "app"
            | "ack"
            | "book-part"
            | "glossary"
            | "boxed-text"
    )
}

/// Read the blocks under `node`'s children in order, under the headings `path`; `listed`
/// inside a list.
fn read(node: Node, path: &mut Vec<String>, listed: bool, outline: &mut Outline) {
    for element in node.children().filter(Node::is_element) {
        read_element(element, path, listed, outline);
    }
}

/// Read `element` and what it holds, under the headings `path`.
fn read_element(element: Node, path: &mut Vec<String>, listed: bool, outline: &mut Outline) {
    let name = element.tag_name().name();
    if is_section(element) {
        let heading = section_title(element)
            .or_else(|| (name == "ack").then(|| "Acknowledgements".to_string()));
        let opened = heading.is_some();
        if let Some(heading) = heading {
            path.push(heading);
        }
        read(element, path, false, outline);
        if opened {
            path.pop();
        }
        return;
    }
    match name {
        "ref-list" | "bibliography" | "bibliodiv" | "bibliolist" => {
            let heading = section_title(element).unwrap_or_else(|| REFERENCES.to_string());
            path.push(heading);
            for entry in element.children().filter(Node::is_element) {
                match entry.tag_name().name() {
                    "ref" | "biblioentry" | "bibliomixed" | "bibliomset" | "biblioset" => {
                        let text = citation(entry);
                        if !text.is_empty() {
                            outline.push(path, Block::ListItem(text));
                        }
                    }
                    "title" | "label" | "info" => {}
                    _ => read_element(entry, path, true, outline),
                }
            }
            path.pop();
        }
        // Headings are read with their section; notes, formulas, labels and the journal's
        // data are not the text.
        "title" | "subtitle" | "label" | "info" | "fn" | "fn-group" | "footnote"
        | "disp-formula" | "inline-formula" | "object-id" | "journal-meta" | "processing-meta"
        | "permissions" | "alt-text" | "graphic" | "media" | "mediaobject" | "indexterm"
        | "remark" | "table-wrap-foot" | "titleabbrev" => {}
        "p" | "para" | "simpara" | "list-item" | "listitem" | "disp-quote" | "blockquote"
        | "verse-line" | "term" | "def" | "attrib" | "tr" | "row" | "speaker" | "address" => {
            let nested = element
                .children()
                .any(|c| c.is_element() && is_block(c.tag_name().name()));
            if nested {
                // A block holding blocks (a list item of paragraphs): each block in turn.
                read(element, path, listed || is_item(name), outline);
                return;
            }
            let text = match name {
                "tr" | "row" => cells(element),
                _ => inline_text(element),
            };
            if text.is_empty() {
                return;
            }
            let block = match listed || is_item(name) {
                true => Block::ListItem(text),
                false => Block::Paragraph(text),
            };
            outline.push(path, block);
        }
        "list" | "itemizedlist" | "orderedlist" | "variablelist" | "def-list" | "simplelist" => {
            read(element, path, true, outline)
        }
        _ => read(element, path, listed, outline),
    }
}

/// Whether elements named `name` are items of a list.
fn is_item(name: &str) -> bool {
    matches!(name, "list-item" | "listitem")
}

/// Whether elements named `name` are blocks of text of their own.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "para"
            | "simpara"
            | "list"
            | "itemizedlist"
            | "orderedlist"
            | "list-item"
            | "listitem"
            | "table"
            | "table-wrap"
            | "fig"
            | "disp-quote"
            | "blockquote"
            | "sec"
            | "section"
    )
}

/// A section's own title: its `<title>`, or its `<info>`'s.
fn section_title(node: Node) -> Option<String> {
    child(node, "title")
        .or_else(|| child(node, "info").and_then(|i| child(i, "title")))
        .map(inline_text)
        .filter(|t| !t.is_empty())
}

/// A table row's cells, apart.
fn cells(row: Node) -> String {
    let cells: Vec<String> = (row.children())
        .filter(Node::is_element)
        .map(inline_text)
        .filter(|c| !c.is_empty())
        .collect();
    cells.join(" ")
}

/// A reference as a reading list writes one: `*Title* by Author (year)`; a reference with
/// no title marked is its text as written.
fn citation(node: Node) -> String {
    let find = |names: &[&str]| {
        (node.descendants())
            .find(|n| names.iter().any(|name| n.has_tag_name(*name)))
            .map(inline_text)
            .filter(|t| !t.is_empty())
    };
    let Some(title) = find(&["article-title", "chapter-title", "source", "title"]) else {
        return inline_text(node);
    };
    let author = (node.descendants())
        .find(|n| {
            ["name", "string-name", "author", "collab", "editor"]
                .iter()
                .any(|a| n.has_tag_name(*a))
        })
        .and_then(person);
    let year = find(&["year", "pubdate", "date"]);
    as_listed(&title, author.as_deref(), year.as_deref())
}

/// The text of an element as read: its words with white space squashed, italics as `*…*`,
/// citation marks, footnotes and formulas left out.
fn inline_text(node: Node) -> String {
    xml::inline_text(node, element_text)
}

/// Append the text of `element`, inside a block, to `out`, as [`inline_text`] reads it.
fn element_text(element: Node, out: &mut String) {
    match element.tag_name().name() {
        "xref" | "fn" | "footnote" | "footnoteref" | "inline-formula" | "disp-formula"
        | "indexterm" | "remark" | "alt-text" | "label" => {}
        "break" | "sbr" => out.push(' '),
        "td" | "th" | "entry" | "given-names" | "surname" | "firstname" => {
            out.push(' ');
            xml::render(element, element_text, out);
            out.push(' ');
        }
        "italic" | "emphasis" | "citetitle" => {
            out.push('*');
            xml::render(element, element_text, out);
            out.push('*');
        }
        _ => xml::render(element, element_text, out),
    }
}

#[cfg(test)]
mod tests;
