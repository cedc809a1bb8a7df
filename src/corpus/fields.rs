//! The fields a document gives about itself in its header: Markdown's front matter, Org's
//! keywords (`#+TITLE:`), reStructuredText's bibliographic fields (`:Date:`) and AsciiDoc's
//! attributes (`:author:`), applied to its outline by one set of rules.

use super::model::Outline;
use crate::dates::year_of_date;

/// Apply the field `key: value` to `outline`: the title (unless it has one), the year, the
/// language, tags and authors; other keys are ignored.
pub(crate) fn apply(outline: &mut Outline, key: &str, value: &str) {
    match key.to_ascii_lowercase().as_str() {
        "title" if outline.title.is_none() && !value.trim().is_empty() => {
            outline.title = Some(value.trim().to_string());
        }
        "year" | "date" | "revdate" if outline.year.is_none() => {
            outline.year = year_of_date(value);
        }
        "lang" | "language" => {
            if let Some(lang) = crate::language::normalize(value.trim()) {
                outline.lang = Some(lang);
            }
        }
        "tags" | "tag" | "keywords" | "categories" | "filetags" => {
            outline
                .tags
                .extend(list(value, &[',', ';']).map(String::from));
        }
        // A single author is often written `Last, First`: only `;` separates here.
        "author" | "authors" => outline
            .authors
            .extend(list(value, &[';']).map(String::from)),
        _ => {}
    }
}

/// The items of a front-matter value: an inline list (`[a, "b"]`), the lines of a block
/// list, or a scalar split at `separators`; unquoted.
fn list<'v>(value: &'v str, separators: &[char]) -> impl Iterator<Item = &'v str> {
    let value = value.trim();
    let items: Vec<&str> = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(inline) => split_outside_quotes(inline),
        None if value.contains('\n') => value.lines().collect(),
        None => value.split(separators).collect(),
    };
    items
        .into_iter()
        .map(|item| item.trim().trim_matches(['"', '\'']).trim())
        .filter(|item| !item.is_empty())
}

/// `text` split at the commas outside quotes (`"Smith, John", Ito`).
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut start, mut quote) = (0, None);
    for (i, c) in text.char_indices() {
        match (c, quote) {
            ('"' | '\'', None) => quote = Some(c),
            (c, Some(q)) if c == q => quote = None,
            (',', None) => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}
