//! Word documents (DOCX, Office Open XML): the paragraphs of `word/document.xml` in order,
//! a paragraph whose style is a heading (`Heading 2`, or any style with an outline level,
//! whatever the language Word names it in) opening a section of that level, the `Title`
//! style or the document's `dc:title` naming the article, numbered and bulleted paragraphs
//! as list items, italic runs as `*…*` (a bibliography's book titles).

use std::collections::HashMap;

use roxmltree::{Document, Node};

use super::model::Outline;
use super::word_styles::{
    heading_level, outline_level, own_kind, styled_outline, Kind, MAX_STYLE_DEPTH,
};
use super::zipped::{metadata, Archive};

/// The WordprocessingML namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The markup-compatibility namespace: Word writes a text box twice, for new readers
/// (`mc:Choice`) and old (`mc:Fallback`).
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Read a DOCX, each file in it held to `limit` bytes. `Err` is the reason to skip it.
pub(crate) fn parse(bytes: &[u8], limit: u64) -> Result<Outline, String> {
    // Word saves a document with a password as a compound file, and a `.doc` renamed is
    // one: read as a `.doc`, which says which it is.
    if bytes.starts_with(&super::doc::COMPOUND_FILE) {
        return super::doc::parse(bytes, limit);
    }
    let mut archive = Archive::open(bytes, "DOCX", limit)?;
    let body = archive.text("word/document.xml")?;
    let document = archive.xml(&body, "word/document.xml")?;
    let styles_text = archive.optional_text("word/styles.xml");
    let styles = styles_text
        .as_deref()
        .and_then(|text| Document::parse(text).ok())
        .map(|styles| Styles::read(&styles))
        .unwrap_or_default();
    let core_text = archive.optional_text("docProps/core.xml");
    let core = core_text
        .as_deref()
        .and_then(|text| Document::parse(text).ok());
    let outline = Outline {
        title: core
            .as_ref()
            .and_then(|core| metadata(core, "coreProperties", "title")),
        lang: core
            .as_ref()
            .and_then(|core| metadata(core, "coreProperties", "language"))
            .and_then(|lang| crate::language::normalize(&lang)),
        ..Outline::default()
    };
    let paragraphs = document.descendants().filter(|n| {
        n.has_tag_name((W, "p")) && !n.ancestors().any(|a| a.has_tag_name((MC, "Fallback")))
    });
    let paragraphs = paragraphs
        .map(|paragraph| {
            (
                styles.kind(paragraph),
                paragraph_text(paragraph).trim().to_string(),
            )
        })
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let outline = styled_outline(outline, paragraphs);
    if outline.sections.is_empty() {
        return Err("no text in word/document.xml".into());
    }
    Ok(outline)
}

/// What each paragraph style is: a title, a heading of a level, a list, or body text.
#[derive(Default)]
struct Styles(HashMap<String, Kind>);

impl Styles {
    fn read(document: &Document) -> Styles {
        // Each paragraph style's own outline level, name, list numbering and parent.
        struct Style {
            level: Option<usize>,
            name: String,
            numbered: bool,
            based_on: Option<String>,
        }
        let mut own = HashMap::new();
        for style in document.descendants().filter(|n| {
            n.has_tag_name((W, "style")) && n.attribute((W, "type")) == Some("paragraph")
        }) {
            let Some(id) = style.attribute((W, "styleId")) else {
                continue;
            };
            let value = |name: &str| {
                style
                    .descendants()
                    .find(|n| n.has_tag_name((W, name)))
                    .and_then(|n| n.attribute((W, "val")))
            };
            own.insert(
                id.to_string(),
                Style {
                    level: value("outlineLvl")
                        .and_then(|level| level.parse().ok())
                        .and_then(outline_level),
                    name: value("name").unwrap_or_default().to_lowercase(),
                    numbered: style.descendants().any(|n| n.has_tag_name((W, "numPr"))),
                    based_on: value("basedOn").map(str::to_string),
                },
            );
        }
        let kind_of = |id: &str| {
            let mut id = Some(id);
            for _ in 0..MAX_STYLE_DEPTH {
                let Some(style) = id.and_then(|id| own.get(id)) else {
                    break;
                };
                if let Some(kind) = own_kind(&style.name, style.level, style.numbered) {
                    return kind;
                }
                id = style.based_on.as_deref();
            }
            Kind::Body
        };
        Styles(own.keys().map(|id| (id.clone(), kind_of(id))).collect())
    }

    /// The kind of `paragraph`: its own outline level or numbering first, then its style's
    /// (a document without `styles.xml` names its styles by their ids: `Heading1`).
    fn kind(&self, paragraph: Node) -> Kind {
        let properties = paragraph.children().find(|n| n.has_tag_name((W, "pPr")));
        let value = |name: &str| {
            properties
                .and_then(|p| p.children().find(|n| n.has_tag_name((W, name))))
                .and_then(|n| n.attribute((W, "val")))
        };
        if let Some(level) = value("outlineLvl")
            .and_then(|level| level.parse().ok())
            .and_then(outline_level)
        {
            return Kind::Heading(level);
        }
        let style = value("pStyle");
        let styled = style.map(|id| {
            self.0.get(id).copied().unwrap_or_else(|| {
                let id = id.to_lowercase();
                match heading_level(&id.replace("heading", "heading ")) {
                    Some(level) => Kind::Heading(level),
                    None if id == "title" => Kind::Title,
                    None if id.starts_with("toc") => Kind::Contents,
                    None => Kind::Body,
                }
            })
        });
        match styled {
            Some(kind @ (Kind::Title | Kind::Heading(_) | Kind::Contents)) => kind,
            _ if properties.is_some_and(|p| p.children().any(|n| n.has_tag_name((W, "numPr")))) => {
                Kind::ListItem
            }
            Some(kind) => kind,
            None => Kind::Body,
        }
    }
}

/// The text of a paragraph: its runs' text, tabs and breaks as spaces, italic runs in
/// `*…*`; what a text box or a nested paragraph holds is its own paragraph, and deleted
/// text (tracked changes) and field codes are left out, as Word does not show them.
fn paragraph_text(paragraph: Node) -> String {
    let mut text = String::new();
    let mut italic = false;
    for node in paragraph.descendants() {
        if !node.is_element() || nearest_paragraph(node) != Some(paragraph) {
            continue;
        }
        let name = node.tag_name();
        if name.namespace() != Some(W) {
            continue;
        }
        match name.name() {
            "r" => {
                let run_italic = is_italic(node);
                if run_italic != italic && node.descendants().any(|n| n.has_tag_name((W, "t"))) {
                    text.push('*');
                    italic = run_italic;
                }
            }
            "t" => text.push_str(node.text().unwrap_or_default()),
            "tab" | "br" | "cr" => text.push(' '),
            "noBreakHyphen" => text.push('-'),
            _ => {}
        }
    }
    if italic {
        text.push('*');
    }
    text
}

/// The paragraph `node` belongs to: its nearest `w:p` ancestor.
fn nearest_paragraph<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    node.ancestors().skip(1).find(|n| n.has_tag_name((W, "p")))
}

/// Whether a run is set in italics (`<w:i/>`, not `<w:i w:val="0"/>`).
fn is_italic(run: Node) -> bool {
    run.children()
        .find(|n| n.has_tag_name((W, "rPr")))
        .and_then(|p| p.children().find(|n| n.has_tag_name((W, "i"))))
        .is_some_and(|i| !matches!(i.attribute((W, "val")), Some("0" | "false" | "off")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_docx_is_skipped_with_a_reason() {
        assert!(parse(b"PK not really", 1 << 20)
            .unwrap_err()
            .contains("DOCX"));
    }
}
