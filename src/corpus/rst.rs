//! reStructuredText articles (Sphinx, docutils): a title underlined (and perhaps
//! overlined) with punctuation opens a section, its level that of its style's first use,
//! so the first style is the title's; bibliographic fields (`:Date:`, `:Authors:`) give
//! the date and authors. Paragraphs, list items, footnotes and citations are blocks; a
//! directive's text is kept (a note, a figure's caption, code) unless it holds none (an
//! image, a table of contents), and comments and link targets are not text. `*Emphasis*`
//! stays for the reading-list reader; roles, literals and references give their text.

use super::fields;
use super::markup::{indent, list_item, Blocks};
use super::rst_inline::inline;

/// Directives that hold no text of the article (their arguments and body are skipped).
const WITHOUT_TEXT: [&str; 17] = [
    "image",
    "toctree",
    "include",
    "literalinclude",
    "raw",
    "meta",
    "contents",
    "sectnum",
    "section-numbering",
    "header",
    "footer",
    "index",
    "highlight",
    "default-role",
    "role",
    "target-notes",
    "tabularcolumns",
];

/// Directives whose arguments are not text (a file name, a language, a version, a
/// condition), though their body is.
const ARGUMENTS_NOT_TEXT: [&str; 10] = [
    "figure",
    "code",
    "code-block",
    "sourcecode",
    "only",
    "container",
    "class",
    "versionadded",
    "versionchanged",
    "deprecated",
];

/// Bibliographic and Sphinx fields that describe the document rather than being its text.
const DOCUMENT_FIELDS: [&str; 18] = [
    "address",
    "contact",
    "author",
    "authors",
    "date",
    "year",
    "lang",
    "language",
    "tags",
    "keywords",
    "copyright",
    "version",
    "revision",
    "status",
    "organization",
    "orphan",
    "nosearch",
    "tocdepth",
];

/// Parse a reStructuredText file's text into an outline.
pub(crate) fn parse(text: &str) -> super::model::Outline {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let mut blocks = Blocks::new(inline);
    // Title styles (the adornment's character, and whether it has an overline) in the
    // order of their first use.
    let mut styles: Vec<(char, bool)> = Vec::new();
    let mut level = |style| match styles.iter().position(|&s| s == style) {
        Some(i) => i + 1,
        None => {
            styles.push(style);
            styles.len()
        }
    };
    // Lines indented deeper than this are a skipped directive's or comment's body.
    let mut skipping: Option<usize> = None;
    // A directive's options (`:alt: …`), at the start of its body, are not text.
    let mut options: Option<usize> = None;
    // The line before starts no paragraph's middle: the start, a blank line, a title.
    let mut fresh = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        i += 1;
        if let Some(depth) = skipping {
            if trimmed.is_empty() || indent(line) > depth {
                fresh |= trimmed.is_empty();
                continue;
            }
            skipping = None;
        }
        if let Some(depth) = options {
            if !trimmed.is_empty() && (indent(line) <= depth || field(trimmed).is_none()) {
                options = None;
            } else if !trimmed.is_empty() {
                continue;
            }
        }
        if trimmed.is_empty() {
            blocks.end();
            fresh = true;
            continue;
        }
        let next = lines.get(i).copied().unwrap_or_default();
        // A title between an overline and an underline.
        if let Some(mark) = adornment(line) {
            let title = next.trim();
            let under = lines.get(i + 1).copied().and_then(adornment);
            if fresh && !title.is_empty() && under == Some(mark) {
                blocks.heading(level((mark, true)), title);
                i += 2;
                continue;
            }
            // A transition, a simple table's rule or a literal block's `::`: not text.
            blocks.end();
            fresh = true;
            continue;
        }
        // A title over its underline, at least as wide as the title (or four long).
        if let (true, 0, Some(mark)) = (fresh, indent(line), adornment(next)) {
            let (width, under) = (trimmed.chars().count(), next.trim().chars().count());
            if under >= width || under >= 4 {
                blocks.heading(level((mark, false)), trimmed);
                i += 1;
                continue;
            }
        }
        fresh = false;
        if let Some(body) = trimmed
            .strip_prefix("..")
            .filter(|b| b.is_empty() || b.starts_with(' '))
        {
            let body = body.trim_start();
            let depth = indent(line);
            blocks.end();
            // A footnote or a citation: `.. [1] text`, `.. [Runciman1965] text`.
            if let Some((_, text)) = body.strip_prefix('[').and_then(|b| b.split_once("] ")) {
                blocks.item(text.trim());
                continue;
            }
            match directive(body) {
                Some(("title", title)) => {
                    fields::apply(blocks.outline(), "title", title);
                    skipping = Some(depth);
                }
                Some((name, _)) if WITHOUT_TEXT.contains(&name) || name.starts_with("auto") => {
                    skipping = Some(depth)
                }
                Some((name, arguments)) => {
                    if !ARGUMENTS_NOT_TEXT.contains(&name) && !arguments.is_empty() {
                        blocks.line(arguments);
                        blocks.end();
                    }
                    options = Some(depth);
                }
                // A comment, a link's target, a substitution's definition.
                None => skipping = Some(depth),
            }
            continue;
        }
        if let (0, Some((key, value))) = (indent(line), field(trimmed)) {
            let key = key.to_ascii_lowercase();
            if DOCUMENT_FIELDS.contains(&key.as_str()) {
                fields::apply(blocks.outline(), &key, value);
            } else {
                blocks.item(&format!("{key}: {value}"));
            }
            continue;
        }
        if trimmed.starts_with('+') && trimmed.chars().all(|c| "+-=:| ".contains(c)) {
            // A grid table's border.
            blocks.end();
            continue;
        }
        if let Some(row) = trimmed.strip_prefix('|') {
            // A grid table's row, or a line block's line.
            blocks.end();
            blocks.line(&row.replace('|', " "));
            blocks.end();
            continue;
        }
        if let Some(item) = list_item(line, &["-", "*", "+", "•", "#."]) {
            blocks.item(item);
            continue;
        }
        // A paragraph ending `::` introduces a literal block, which is text.
        let text = match trimmed.strip_suffix("::") {
            Some(before) if before.ends_with(' ') => before.trim_end(),
            Some(_) => &trimmed[..trimmed.len() - 1],
            None => trimmed,
        };
        blocks.line(text);
    }
    blocks.finish()
}

/// The character a line of adornment repeats (`=====`, `-----`, `~~~~`): two or more of
/// one punctuation character and nothing else.
fn adornment(line: &str) -> Option<char> {
    let line = line.trim_end();
    let mark = line.chars().next()?;
    let repeated = line.len() >= 2 && line.chars().all(|c| c == mark);
    (repeated && mark.is_ascii_punctuation()).then_some(mark)
}

/// A directive's name and arguments (`code-block:: python`), or `None` for a comment.
fn directive(body: &str) -> Option<(&str, &str)> {
    let (name, arguments) = body.split_once("::")?;
    let is_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || "-_:.+".contains(c));
    is_name.then(|| (name, arguments.trim()))
}

/// A field's name and value (`:Date: 1878`), or `None`; `:ref:` starting a line of text is
/// a role, not a field.
fn field(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(':')?;
    let end = rest.find(':')?;
    let (name, value) = (&rest[..end], &rest[end + 1..]);
    let ends = value.is_empty() || value.starts_with(char::is_whitespace);
    (ends && !name.is_empty() && !name.contains('`')).then(|| (name, value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::model::Block;

    const ARTICLE: &str = "\
=========================
The Battle of Lepanto
=========================

:Date: 7 October 1571
:Authors: A. Historian; B. Scholar
:orphan:

Fought in 1571 between the `Holy League <https://example.org/league>`_ and the
Ottomans [#]_, as :ref:`the fleets <fleets>` met off Greece_.

.. note:: Don Juan of Austria commanded.

.. image:: map.png
   :alt: a map, not text

.. This is a comment
   running on.

.. _fleets:

Background
----------

Venice and **Spain** allied; see ``the treaty``::

    literal text kept

.. figure:: galleys.png
   :width: 200

   Galleys at Lepanto.

Further reading
---------------

* Crowley, Roger. *Empires of the Sea*. 2008.
* Capponi, Niccolò. *Victory of the West*.

.. [Guilmartin1974] Guilmartin, John. *Gunpowder and Galleys*. 1974.
";

    #[test]
    fn titles_fields_and_directives_make_the_outline() {
        let outline = parse(ARTICLE);
        assert_eq!(outline.title.as_deref(), Some("The Battle of Lepanto"));
        assert_eq!(outline.year, Some(1571));
        assert_eq!(outline.authors, ["A. Historian", "B. Scholar"]);
        assert_eq!(
            outline.heading_paths(),
            ["", "Background", "Further reading"]
        );
        assert_eq!(
            outline.sections[0].1,
            [
                Block::Paragraph(
                    "Fought in 1571 between the Holy League and the Ottomans, as the fleets \
                     met off Greece."
                        .into()
                ),
                Block::Paragraph("Don Juan of Austria commanded.".into()),
            ]
        );
        assert_eq!(
            outline.sections[1].1,
            [
                Block::Paragraph("Venice and Spain allied; see the treaty:".into()),
                Block::Paragraph("literal text kept".into()),
                Block::Paragraph("Galleys at Lepanto.".into()),
            ]
        );
        assert_eq!(
            outline.sections[2].1,
            [
                Block::ListItem("Crowley, Roger. *Empires of the Sea*. 2008.".into()),
                Block::ListItem("Capponi, Niccolò. *Victory of the West*.".into()),
                Block::ListItem("Guilmartin, John. *Gunpowder and Galleys*. 1974.".into()),
            ]
        );
    }

    #[test]
    fn title_levels_follow_the_order_styles_are_first_used() {
        let outline = parse("Title\n=====\n\nOne\n---\n\ntext\n\nTwo\n~~~\n\nmore\n");
        assert_eq!(outline.title.as_deref(), Some("Title"));
        assert_eq!(outline.heading_paths(), ["One", "One › Two"]);
        // A transition between paragraphs is not a title's underline.
        let outline = parse("T\n==\n\nSome text\nmore\n\n----\n\nAfter.\n");
        assert_eq!(outline.title.as_deref(), Some("T"));
        assert_eq!(outline.sections[0].1.len(), 2);
    }
}
