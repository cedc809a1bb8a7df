//! XML documents as the readers take them: parsed, and refused when they nest deeper than
//! a reader's recursion may go.

use roxmltree::{Document, Node};

/// Deepest element nesting read from a document's XML: real documents nest a few dozen
/// deep, and readers walk a paragraph's ancestors or recurse into its children.
const MAX_XML_DEPTH: usize = 512;

/// A file that is one XML document (an Evernote export, a TEI text), parsed: its DTD, which
/// such files declare, is allowed. `Err` is the reason to skip the file: `cannot be read as
/// {kind} (…)` when it is not well formed, or its elements nest too deep (`name`, as
/// [`check_depth`] says).
pub(crate) fn parse_file<'t>(
    text: &'t str,
    kind: &str,
    name: &str,
) -> Result<Document<'t>, String> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = Document::parse_with_options(text, options)
        .map_err(|e| format!("cannot be read as {kind} ({e})"))?;
    check_depth(&document, name)?;
    Ok(document)
}

/// `Err` (the reason to skip the file) when `document`'s elements nest deeper than
/// [`MAX_XML_DEPTH`]; `name` names the document (the file in an archive).
pub(crate) fn check_depth(document: &roxmltree::Document, name: &str) -> Result<(), String> {
    // Nodes come in document order, each after its parent: its depth is its parent's + 1.
    let mut depths: Vec<u16> = Vec::new();
    for node in document.root().descendants() {
        let depth = node
            .parent()
            .and_then(|p| depths.get(p.id().get() as usize).copied())
            .map_or(0, |d| d + 1);
        let at = node.id().get() as usize;
        if depths.len() <= at {
            depths.resize(at + 1, 0);
        }
        depths[at] = depth;
        if usize::from(depth) > MAX_XML_DEPTH {
            return Err(format!(
                "{name}: elements nested more than {MAX_XML_DEPTH} deep"
            ));
        }
    }
    Ok(())
}

/// The name of the root element of `text`, an XML file, as written (`mediawiki`,
/// `rdf:RDF`), read without parsing the file: past its declaration, comments and doctype.
pub(crate) fn root_name(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        let skipped = match rest.get(..4) {
            Some("<!--") => rest.find("-->").map(|end| end + 3),
            Some(start) if start.starts_with("<?") || start.starts_with("<!") => {
                rest.find('>').map(|end| end + 1)
            }
            _ => break,
        };
        rest = &rest[skipped?..];
    }
    let name = rest.strip_prefix('<')?;
    let end = name.find(|c: char| c == '>' || c == '/' || c.is_whitespace())?;
    Some(&name[..end])
}

/// The first child element of `node` named `name`.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| n.has_tag_name(name))
}

/// The text under `node` as a reader renders it, its white space squashed: `element`
/// renders each child element into the text, or leaves it out.
pub(crate) fn inline_text(node: Node, element: fn(Node, &mut String)) -> String {
    let mut text = String::new();
    render(node, element, &mut text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Append the text under `node` to `out`, each child element rendered by `element`.
pub(crate) fn render(node: Node, element: fn(Node, &mut String), out: &mut String) {
    for child in node.children() {
        match child.is_text() {
            true => out.push_str(child.text().unwrap_or_default()),
            false => element(child, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_nested_too_deep_are_refused() {
        let nested = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        let fine = nested(MAX_XML_DEPTH - 1);
        assert!(check_depth(&roxmltree::Document::parse(&fine).unwrap(), "x.xml").is_ok());
        let deep = nested(MAX_XML_DEPTH + 1);
        let err = check_depth(&roxmltree::Document::parse(&deep).unwrap(), "x.xml").unwrap_err();
        assert!(err.contains("x.xml") && err.contains("nested"), "{err}");
    }
}
