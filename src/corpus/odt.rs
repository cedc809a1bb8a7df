//! OpenDocument text (ODT, as LibreOffice writes it): the body of `content.xml` in order,
//! each `<text:h>` opening a section of its outline level, paragraphs and table cells as
//! paragraphs, list items as list items, italics as `*…*`; the title from the first
//! paragraph in the `Title` style, else `meta.xml`'s `dc:title`, else the first level-1
//! heading.

use roxmltree::{Document, Node};

use super::model::{Block, OpenHeadings, Outline};
use super::zipped::{metadata, Archive};

/// The OpenDocument text namespace.
const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
/// The OpenDocument office namespace.
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
/// The OpenDocument style namespace.
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
/// The XSL formatting-objects namespace OpenDocument styles use.
const FO: &str = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";

/// Read an ODT, each file in it held to `limit` bytes. `Err` is the reason to skip it.
pub(crate) fn parse(bytes: &[u8], limit: u64) -> Result<Outline, String> {
    let mut archive = Archive::open(bytes, "ODT", limit)?;
    let content = archive.text("content.xml")?;
    let document = archive.xml(&content, "content.xml")?;
    // Named styles (`Emphasis`, a template's) are in `styles.xml`, automatic ones beside
    // the text.
    let styles_text = archive.optional_text("styles.xml");
    let styles = styles_text
        .as_deref()
        .and_then(|text| Document::parse(text).ok());
    let meta_text = archive.optional_text("meta.xml");
    let meta = meta_text
        .as_deref()
        .and_then(|text| Document::parse(text).ok());
    let mut reader = Reader {
        outline: Outline {
            title: meta.as_ref().and_then(|m| metadata(m, "meta", "title")),
            lang: meta
                .as_ref()
                .and_then(|m| metadata(m, "meta", "language"))
                .and_then(|lang| crate::language::normalize(&lang)),
            ..Outline::default()
        },
        open: OpenHeadings::default(),
        titled_by_style: false,
        italics: italic_styles(&document, styles.as_ref()),
        // A paragraph set in the `Title` style names its automatic style after it.
        titles: document
            .descendants()
            .filter(|n| n.has_tag_name((STYLE, "style")))
            .filter(|n| n.attribute((STYLE, "parent-style-name")) == Some("Title"))
            .filter_map(|n| n.attribute((STYLE, "name")))
            .chain(["Title"])
            .map(str::to_string)
            .collect(),
    };
    let body = document
        .descendants()
        .find(|n| n.has_tag_name((OFFICE, "text")))
        .ok_or("cannot be read as ODT (content.xml has no office:text)")?;
    reader.read(body, false);
    if reader.outline.sections.is_empty() {
        return Err("no text in content.xml".into());
    }
    Ok(reader.outline)
}

struct Reader {
    outline: Outline,
    open: OpenHeadings,
    /// The paragraph styles that are the `Title` style.
    titles: Vec<String>,
    /// Whether a paragraph in the `Title` style has named the article.
    titled_by_style: bool,
    /// The text styles set in italics (a bibliography's titles).
    italics: Vec<String>,
}

impl Reader {
    /// Read the blocks under `node` in order; `listed` when inside a list item.
    fn read(&mut self, node: Node, listed: bool) {
        for child in node.children().filter(Node::is_element) {
            let name = child.tag_name();
            if name.namespace() != Some(TEXT) {
                // Tables, sections in other namespaces, frames: their paragraphs in order.
                self.read(child, listed);
                continue;
            }
            match name.name() {
                "h" => {
                    let level = child
                        .attribute((TEXT, "outline-level"))
                        .and_then(|l| l.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 6);
                    let text = element_text(child, &self.italics);
                    if !text.is_empty() {
                        self.open.open(&mut self.outline, level, text);
                    }
                }
                "p" => {
                    let text = element_text(child, &self.italics);
                    let style = child.attribute((TEXT, "style-name")).unwrap_or_default();
                    if self.outline.sections.is_empty()
                        && self.outline.title.as_deref() == Some(text.as_str())
                    {
                        // The title set at the top of the page, as `meta.xml` has it.
                        continue;
                    }
                    if !self.titled_by_style && self.titles.iter().any(|t| t == style) {
                        // The title as printed, over `meta.xml`'s (a template's, often).
                        self.titled_by_style = true;
                        self.outline.title = Some(text);
                        self.open = OpenHeadings::default();
                    } else if listed {
                        self.outline.push(&self.open.path(), Block::ListItem(text));
                    } else {
                        self.outline.push(&self.open.path(), Block::Paragraph(text));
                    }
                }
                "list-item" | "list-header" => self.read(child, true),
                // Tracked changes, declarations, and the tables of contents and indexes
                // (the headings or terms again, with page numbers) are not the text.
                "tracked-changes" | "sequence-decls" | "variable-decls" | "user-field-decls"
                | "table-of-content" | "illustration-index" | "table-index" | "object-index"
                | "user-index" | "alphabetical-index" => {}
                _ => self.read(child, listed),
            }
        }
    }
}

/// The text styles set in italics, automatic (`content`) or named (`styles.xml`): those
/// whose text properties say so, the `Emphasis` style, and styles based on one of those.
fn italic_styles<'a>(content: &'a Document, named: Option<&'a Document>) -> Vec<String> {
    let styles: Vec<(&str, Option<&str>, bool)> = std::iter::once(content)
        .chain(named)
        .flat_map(|document| document.descendants())
        .filter(|n| n.has_tag_name((STYLE, "style")))
        .filter_map(|n| {
            let italic = n.children().any(|p| {
                p.has_tag_name((STYLE, "text-properties"))
                    && p.attribute((FO, "font-style")) == Some("italic")
            });
            Some((
                n.attribute((STYLE, "name"))?,
                n.attribute((STYLE, "parent-style-name")),
                italic,
            ))
        })
        .collect();
    styles
        .iter()
        .filter(|(name, parent, italic)| {
            *italic
                || name.eq_ignore_ascii_case("emphasis")
                || parent.is_some_and(|p| {
                    p.eq_ignore_ascii_case("emphasis")
                        || styles.iter().any(|(n, _, i)| *n == p && *i)
                })
        })
        .map(|(name, ..)| name.to_string())
        .collect()
}

/// The text of a heading or paragraph: its text, `<text:s text:c="N"/>` as spaces, tabs
/// and line breaks as spaces, a span in one of the `italics` styles as `*…*`; a footnote's
/// or an annotation's body is left out, as it is not part of the sentence it marks.
fn element_text(node: Node, italics: &[String]) -> String {
    let mut text = String::new();
    collect(node, italics, &mut text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect(node: Node, italics: &[String], out: &mut String) {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
            continue;
        }
        let name = child.tag_name();
        match (name.namespace(), name.name()) {
            (Some(TEXT), "s" | "tab" | "line-break") => out.push(' '),
            (Some(TEXT), "note" | "deletion") => {}
            (Some(OFFICE), "annotation") => {}
            (Some(TEXT), "span")
                if child
                    .attribute((TEXT, "style-name"))
                    .is_some_and(|s| italics.iter().any(|i| i == s)) =>
            {
                out.push('*');
                collect(child, italics, out);
                out.push('*');
            }
            _ => collect(child, italics, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_an_odt_is_skipped_with_a_reason() {
        assert!(parse(b"PK not really", 1 << 20)
            .unwrap_err()
            .contains("ODT"));
    }
}
