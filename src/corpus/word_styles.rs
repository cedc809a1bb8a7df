//! What a Word paragraph style makes a paragraph, by the style's name, outline level and
//! numbering: the same in a `.docx` and in a Word 97–2003 `.doc`, which name their built-in
//! styles in English whatever the language of Word's menus, and in RTF; and the outline the
//! three readers make of paragraphs so styled.

use super::model::{Block, OpenHeadings, Outline};
use super::text::strip_rendered;

/// What a paragraph is, by its properties and its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Title,
    /// A heading of level 1–6 (deeper outline levels are level 6).
    Heading(usize),
    ListItem,
    Body,
    /// A table of contents' line: the headings again, with page numbers.
    Contents,
}

/// How many `basedOn` links are followed to find what a style is.
pub(super) const MAX_STYLE_DEPTH: usize = 16;

/// What a style named `name` (lowercased), with its own outline level and numbering, makes
/// its paragraphs; `None` when it says nothing of its own, and the style it is based on
/// decides.
pub(super) fn own_kind(name: &str, level: Option<usize>, numbered: bool) -> Option<Kind> {
    if name == "title" {
        return Some(Kind::Title);
    }
    // LibreOffice names a table of contents' styles `Contents 1`, …
    if name.starts_with("toc ") || name.starts_with("contents ") || name == "table of figures" {
        return Some(Kind::Contents);
    }
    if let Some(level) = level.or_else(|| heading_level(name)) {
        return Some(Kind::Heading(level));
    }
    if numbered || name.starts_with("list") {
        return Some(Kind::ListItem);
    }
    None
}

/// An outline level (`0` is a heading 1; `9` is body text) as a heading level.
pub(super) fn outline_level(level: u32) -> Option<usize> {
    (level < 9).then_some((level as usize + 1).min(6))
}

/// The level of a style named `heading N`.
pub(super) fn heading_level(name: &str) -> Option<usize> {
    let level: usize = name.strip_prefix("heading ")?.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level.min(6))
}

/// The outline of a word processor's paragraphs (their text with italics in `*…*`), each
/// with what its style makes it: the first in the Title style names the article (over the
/// document properties' title already in `outline`), headings open sections of their
/// level, a table of contents' lines are not text, and the title repeated as the first
/// paragraph is not text again.
pub(super) fn styled_outline(mut outline: Outline, paragraphs: Vec<(Kind, String)>) -> Outline {
    let mut open = OpenHeadings::default();
    let mut titled_by_style = false;
    for (kind, text) in paragraphs {
        let plain = || strip_rendered(&text).trim().to_string();
        match kind {
            Kind::Title if !titled_by_style => {
                titled_by_style = true;
                outline.title = Some(plain());
                open = OpenHeadings::default();
            }
            Kind::Heading(level) => open.open(&mut outline, level, plain()),
            Kind::ListItem => outline.push(&open.path(), Block::ListItem(text)),
            Kind::Contents => {}
            // The title set at the top of the page, as the document's properties have it.
            Kind::Title | Kind::Body
                if outline.sections.is_empty() && outline.title.as_deref() == Some(&plain()) => {}
            Kind::Title | Kind::Body => outline.push(&open.path(), Block::Paragraph(text)),
        }
    }
    outline
}

/// Whether any of `paragraphs` is styled as a heading or the title: else they are better
/// read as plain text is ([`plain_outline`]).
pub(super) fn has_headings(paragraphs: &[(Kind, String)]) -> bool {
    (paragraphs.iter()).any(|(kind, _)| matches!(kind, Kind::Title | Kind::Heading(_)))
}

/// The outline of paragraphs without heading styles, read as a plain-text article is, a
/// paragraph a line (list items as `- ` items; a table of contents' lines left out).
pub(super) fn plain_outline(paragraphs: &[(Kind, String)]) -> Outline {
    let text = (paragraphs.iter())
        .filter(|(kind, _)| *kind != Kind::Contents)
        .map(|(kind, text)| match kind {
            Kind::ListItem => format!("- {text}"),
            _ => text.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    super::txt::parse(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_levels_and_heading_names() {
        assert_eq!(outline_level(0), Some(1));
        assert_eq!(outline_level(7), Some(6));
        assert_eq!(outline_level(9), None);
        assert_eq!(heading_level("heading 2"), Some(2));
        assert_eq!(heading_level("heading"), None);
        assert_eq!(heading_level("headings 2"), None);
    }

    #[test]
    fn styles_by_name_level_and_numbering() {
        assert_eq!(own_kind("title", None, false), Some(Kind::Title));
        assert_eq!(own_kind("toc 2", None, false), Some(Kind::Contents));
        assert_eq!(own_kind("contents 1", None, false), Some(Kind::Contents));
        assert_eq!(own_kind("heading 3", None, false), Some(Kind::Heading(3)));
        assert_eq!(
            own_kind("überschrift 1", Some(1), false),
            Some(Kind::Heading(1))
        );
        assert_eq!(own_kind("list bullet", None, false), Some(Kind::ListItem));
        assert_eq!(own_kind("my list", None, true), Some(Kind::ListItem));
        assert_eq!(own_kind("normal", None, false), None);
    }
}
