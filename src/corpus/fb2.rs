//! FictionBook e-books (`.fb2`, and `.fb2.zip`, a zip archive holding one): an XML book,
//! as Russian and other Eastern European libraries and shops keep them. The title,
//! authors, language and keywords come from the `<title-info>`, its annotation is the
//! book's opening text; the main `<body>`'s `<section>`s, each titled, nest as headings, a
//! paragraph, verse line, subtitle or table row a block, emphasis `*…*`; a body of notes
//! is read after the text under its own title (else `Notes`), each note without its
//! number. Pictures (`<binary>`, most of a file's bytes) and note marks are not text.

use roxmltree::Node;

use super::model::{Block, Outline};
use super::text::is_unknown_author;
use super::xml::{self, child, parse_file};
use super::zipped::Archive;

/// The longest paragraph set in bold alone that is taken for a heading, as a plain-text
/// heading is a line of at most 100 characters.
const MAX_BOLD_HEADING_CHARS: usize = 100;

/// Heading of a body of notes that has no title of its own.
const NOTES: &str = "Notes";

/// The book's XML, from a file's `bytes`: unzipped when it is a `.fb2.zip` (the archive's
/// `.fb2` member, read up to `bound` bytes), without its pictures. `Err` is the reason to
/// skip the file; the text left is held to `limit` bytes.
pub(crate) fn document(bytes: &[u8], limit: u64, bound: u64) -> Result<Vec<u8>, String> {
    let unzipped;
    let bytes = match bytes.starts_with(b"PK\x03\x04") {
        true => {
            let mut archive = Archive::open(bytes, "FB2", bound)?;
            let name = archive
                .member_ending(".fb2")
                .ok_or("cannot be read as FB2 (a zip archive holding no .fb2 file)")?;
            unzipped = archive.bytes(&name)?;
            &unzipped[..]
        }
        false => bytes,
    };
    let text = without_pictures(bytes);
    if text.len() as u64 > limit {
        return Err(format!(
            "its text is larger than the size limit ({} > {limit} bytes; see --max-file-size)",
            text.len()
        ));
    }
    Ok(text)
}

/// `bytes` without their `<binary …>…</binary>` elements: the book's pictures, in base64.
fn without_pictures(bytes: &[u8]) -> Vec<u8> {
    const OPEN: &[u8] = b"<binary";
    const CLOSE: &[u8] = b"</binary>";
    let find = |from: usize, what: &[u8]| {
        (bytes[from..].windows(what.len()))
            .position(|w| w == what)
            .map(|at| from + at)
    };
    let mut kept = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(open) = find(at, OPEN) {
        // `<binary` opens the element only before white space or `>` (not `<binaryX`).
        let after = bytes.get(open + OPEN.len());
        if !after.is_some_and(|b| b.is_ascii_whitespace() || *b == b'>') {
            kept.extend_from_slice(&bytes[at..open + OPEN.len()]);
            at = open + OPEN.len();
            continue;
        }
        kept.extend_from_slice(&bytes[at..open]);
        match find(open, CLOSE) {
            Some(close) => at = close + CLOSE.len(),
            // Cut short: what is left is the picture.
            None => return kept,
        }
    }
    kept.extend_from_slice(&bytes[at..]);
    kept
}

/// Read a FictionBook's XML. `Err` is the reason to skip the file.
pub(crate) fn parse(text: &str) -> Result<Outline, String> {
    let document = parse_file(text, "FB2", "the book")?;
    let root = document.root_element();
    if !root.has_tag_name("FictionBook") {
        return Err(format!(
            "cannot be read as FB2 (its root is <{}>, not <FictionBook>)",
            root.tag_name().name()
        ));
    }
    let info = child(root, "description").and_then(|d| child(d, "title-info"));
    let text_of = |name: &str| {
        info.and_then(|i| child(i, name))
            .map(inline_text)
            .filter(|t| !t.is_empty())
    };
    let mut outline = Outline {
        title: text_of("book-title"),
        lang: text_of("lang").and_then(|l| crate::language::normalize(&l)),
        authors: (info.into_iter())
            .flat_map(|i| i.children().filter(|n| n.has_tag_name("author")))
            .filter_map(author)
            .filter(|name| !is_unknown_author(name))
            .collect(),
        tags: (text_of("keywords").into_iter())
            .flat_map(|k| {
                k.split([',', ';'])
                    .map(str::trim)
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .filter(|k| !k.is_empty())
            .collect(),
        ..Outline::default()
    };
    if let Some(annotation) = info.and_then(|i| child(i, "annotation")) {
        read(annotation, &mut Vec::new(), &mut outline);
    }
    // The first body is the book; the others (`name="notes"`, `"comments"`) its notes.
    let bodies = root.children().filter(|n| n.has_tag_name("body"));
    for (i, body) in bodies.enumerate() {
        match i {
            0 => read(body, &mut Vec::new(), &mut outline),
            _ => read_notes(body, &mut outline),
        }
    }
    Ok(outline)
}

/// An `<author>`'s name, given name first (`first-name`, `middle-name`, `last-name`), else
/// the `nickname` it goes by.
fn author(node: Node) -> Option<String> {
    let parts: Vec<String> = ["first-name", "middle-name", "last-name"]
        .iter()
        .filter_map(|name| child(node, name).map(inline_text))
        .filter(|part| !part.is_empty())
        .collect();
    match parts.is_empty() {
        false => Some(parts.join(" ")),
        true => child(node, "nickname")
            .map(inline_text)
            .filter(|n| !n.is_empty()),
    }
}

/// A `<title>`'s lines as one heading: `Chapter 1` and `The Congress` are `Chapter 1. The
/// Congress`.
fn title_text(title: Node) -> String {
    let mut heading = String::new();
    for line in title.children().filter(Node::is_element).map(inline_text) {
        if line.is_empty() {
            continue;
        }
        if !heading.is_empty() {
            let ends_sentence = heading.ends_with(['.', '!', '?', ':', ';', '…']);
            heading.push_str(if ends_sentence { " " } else { ". " });
        }
        heading.push_str(&line);
    }
    heading
}

/// Read the blocks under `node` in order, under the headings `path`. In a section or body,
/// a paragraph set in bold alone, short and not a sentence, heads what follows it up to the
/// next such paragraph (calibre writes a converted book's headings so, in one section).
fn read(node: Node, path: &mut Vec<String>, outline: &mut Outline) {
    let sectioned = node.has_tag_name("section") || node.has_tag_name("body");
    let mut bold_heading = false;
    for element in node.children().filter(Node::is_element) {
        if let Some(heading) = sectioned.then(|| bold_alone(element)).flatten() {
            if bold_heading {
                path.pop();
            }
            path.push(heading);
            bold_heading = true;
            continue;
        }
        read_element(element, path, outline);
    }
    if bold_heading {
        path.pop();
    }
}

/// The text of `element` when it is a paragraph set in bold alone that reads as a heading:
/// short, not ending as a sentence ends.
fn bold_alone(element: Node) -> Option<String> {
    if !element.has_tag_name("p") {
        return None;
    }
    let mut children = element
        .children()
        .filter(|n| n.is_element() || n.text().is_some_and(|t| !t.trim().is_empty()));
    let strong = children.next().filter(|n| n.has_tag_name("strong"))?;
    if children.next().is_some() {
        return None;
    }
    let text = inline_text(strong);
    let sentence = text.ends_with(['.', '!', '?', ',', ';', '…']);
    (!text.is_empty() && !sentence && text.chars().count() <= MAX_BOLD_HEADING_CHARS)
        .then_some(text)
}

/// Read one element, a child of a section, body or other block, under `path`.
fn read_element(element: Node, path: &mut Vec<String>, outline: &mut Outline) {
    let parent = element.parent().map(|p| p.tag_name().name());
    match element.tag_name().name() {
        "section" => {
            let heading = child(element, "title").map(title_text).unwrap_or_default();
            let opened = !heading.is_empty();
            if opened {
                path.push(heading);
            }
            read(element, path, outline);
            if opened {
                path.pop();
            }
        }
        // A section's title is its heading, a body's the book's title again; a poem's or
        // a stanza's is a line of it.
        "title" if matches!(parent, Some("section" | "body")) => {}
        "title" => outline.push(path, Block::Paragraph(title_text(element))),
        "p" | "v" | "subtitle" | "text-author" => {
            outline.push(path, Block::Paragraph(inline_text(element)));
        }
        "tr" => {
            let cells: Vec<String> = (element.children())
                .filter(|n| n.has_tag_name("td") || n.has_tag_name("th"))
                .map(inline_text)
                .filter(|c| !c.is_empty())
                .collect();
            outline.push(path, Block::Paragraph(cells.join(" ")));
        }
        "image" | "empty-line" | "binary" => {}
        // `epigraph`, `cite`, `poem`, `stanza`, `annotation`, `table`: their blocks.
        _ => read(element, path, outline),
    }
}

/// A body of notes: its notes' text under its title (else [`NOTES`]), each note's own
/// title (its number) left out.
fn read_notes(body: Node, outline: &mut Outline) {
    let heading = child(body, "title")
        .map(title_text)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| NOTES.to_string());
    let path = &mut vec![heading];
    for element in body.children().filter(Node::is_element) {
        match element.tag_name().name() {
            "section" => read(element, path, outline),
            _ => read_element(element, path, outline),
        }
    }
}

/// The text of an element as read: its words with white space squashed, emphasis as
/// `*…*`, note marks and pictures left out.
fn inline_text(node: Node) -> String {
    xml::inline_text(node, element_text)
}

/// Append the text of `element`, inside a block, to `out`, as [`inline_text`] reads it.
fn element_text(element: Node, out: &mut String) {
    match element.tag_name().name() {
        "a" if element.attribute("type") == Some("note") => {}
        "image" | "binary" => {}
        "emphasis" => {
            out.push('*');
            xml::render(element, element_text, out);
            out.push('*');
        }
        // A superscript stands apart from the word before it (a note's number).
        "sup" => {
            out.push(' ');
            xml::render(element, element_text, out);
        }
        _ => xml::render(element, element_text, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(body: &str) -> String {
        format!(
            "<FictionBook><description><title-info><author><first-name></first-name>\
             <last-name>Unknown</last-name></author><book-title>Vienna</book-title>\
             </title-info></description>{body}</FictionBook>"
        )
    }

    #[test]
    fn pictures_are_left_out_before_the_book_is_parsed() {
        let bytes = b"<a/><binary id=\"c\">QUJD</binary><binaryX/><binary>REVG</binary>";
        assert_eq!(without_pictures(bytes), b"<a/><binaryX/>".to_vec());
        // A picture cut short is the file's end.
        assert_eq!(
            without_pictures(b"<p/><binary id=\"c\">QUJD"),
            b"<p/>".to_vec()
        );
        let err = document(b"<p>0123456789</p><binary>QUJD</binary>", 10, 100).unwrap_err();
        assert!(
            err.contains("larger than the size limit (17 > 10 bytes"),
            "{err}"
        );
        assert!(document(b"<p>0123456789</p><binary>QUJD</binary>", 17, 100).is_ok());
    }

    #[test]
    fn a_title_of_two_lines_is_one_heading() {
        let outline = parse(&book(
            "<body><section><title><p>Chapter 1</p><empty-line/><p>The Congress</p></title>\
             <p>Text.</p></section><section><title><p>Part II.</p><p>Paris</p></title>\
             <p>More.</p></section></body>",
        ))
        .unwrap();
        assert_eq!(
            outline.heading_paths(),
            ["Chapter 1. The Congress", "Part II. Paris"]
        );
        // calibre's name for an author it does not know names no one.
        assert!(outline.authors.is_empty());
        assert_eq!(outline.title.as_deref(), Some("Vienna"));
    }

    #[test]
    fn a_paragraph_in_bold_alone_heads_what_follows_it() {
        let outline = parse(&book(
            "<body><section><p><strong>The Congress</strong></p><p>Text.</p>\
             <p><strong>Talleyrand</strong></p><p>More.</p>\
             <p><strong>Not a heading.</strong></p><p><strong>Bold</strong> and not</p>\
             <cite><p><strong>Quoted</strong></p></cite></section>\
             <section><title><p>Later</p></title><p>Last.</p></section></body>",
        ))
        .unwrap();
        assert_eq!(
            outline.heading_paths(),
            ["The Congress", "Talleyrand", "Later"]
        );
        let talleyrand: Vec<&str> = outline.sections[1].1.iter().map(Block::text).collect();
        assert_eq!(
            talleyrand,
            ["More.", "Not a heading.", "Bold and not", "Quoted"]
        );
    }

    #[test]
    fn notes_are_read_under_their_bodys_title_without_their_numbers() {
        let outline = parse(&book(
            "<body><section><p>Text<a type=\"note\" href=\"#n1\">1</a> and x<sup>2</sup>.</p>\
             </section></body><body name=\"notes\"><section id=\"n1\"><title><p>1</p></title>\
             <p>The first note.</p></section><section><title><p>2</p></title><p>The second.</p>\
             </section></body>",
        ))
        .unwrap();
        assert_eq!(outline.heading_paths(), ["", "Notes"]);
        assert_eq!(outline.sections[0].1[0].text(), "Text and x 2.");
        let notes: Vec<&str> = outline.sections[1].1.iter().map(Block::text).collect();
        assert_eq!(notes, ["The first note.", "The second."]);
    }

    #[test]
    fn what_is_no_fictionbook_says_why() {
        assert!(parse("<html/>").unwrap_err().contains("its root is <html>"));
        assert!(parse("<FictionBook>")
            .unwrap_err()
            .starts_with("cannot be read as FB2"));
    }
}
