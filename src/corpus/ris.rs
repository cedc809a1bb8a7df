//! RIS bibliographies (`.ris`, as Zotero, EndNote, Mendeley and library catalogues export
//! them): a reference from its `TY` line to its `ER` line is a record, handed on as JSON
//! records are (see [`super::dump`]): `ID` its id, `TI`/`T1` its title (else `BT`, `T2`),
//! `AU`/`A1` its authors (else `A2`/`ED`, its editors), `PY`/`Y1`/`DA` its year, `AB`/`N2`
//! and `N1` its text, with where it was published (journal or book, `PB`, `CY`) as its last
//! paragraph, `KW` its tags and `LA` its language. A line without a tag continues the one
//! before.

use super::json::Items;
use super::reference::Reference;

/// A reference's fields as read: each tag with its values, in the file's order.
type Fields = Vec<(String, String)>;

/// The records of the RIS text `text`, one JSON record a line.
pub(super) fn items(text: &str) -> Items {
    let mut lines = String::new();
    let mut fields: Option<Fields> = None;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}').trim_end();
        match tagged(line) {
            Some(("TY", _)) => {
                if let Some(fields) = fields.take() {
                    reference(&fields).push_to(&mut lines);
                }
                fields = Some(Vec::new());
            }
            Some(("ER", _)) => {
                if let Some(fields) = fields.take() {
                    reference(&fields).push_to(&mut lines);
                }
            }
            Some((tag, value)) => {
                if let Some(fields) = fields.as_mut() {
                    fields.push((tag.to_string(), value.to_string()));
                }
            }
            // A value that runs onto the next line.
            None => {
                if let Some((_, value)) = fields.as_mut().and_then(|f| f.last_mut()) {
                    if !line.trim().is_empty() {
                        value.push(' ');
                        value.push_str(line.trim());
                    }
                }
            }
        }
    }
    if let Some(fields) = fields {
        reference(&fields).push_to(&mut lines);
    }
    Items {
        lines,
        lossy: false,
        by_line: false,
    }
}

/// `TAG  - value`: two capital letters or a letter and a digit, two spaces, a dash (some
/// exporters write fewer spaces, or none after the dash).
fn tagged(line: &str) -> Option<(&str, &str)> {
    let tag = line.get(..2)?;
    let mut chars = tag.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    if !(first.is_ascii_uppercase() && (second.is_ascii_uppercase() || second.is_ascii_digit())) {
        return None;
    }
    let value = line[2..].trim_start_matches(' ').strip_prefix('-')?;
    Some((tag, value.trim()))
}

/// What annals reads of one reference's `fields`.
fn reference(fields: &Fields) -> Reference {
    let values = |tags: &[&str]| -> Vec<&str> {
        (fields.iter())
            .filter(|(tag, value)| tags.contains(&tag.as_str()) && !value.is_empty())
            .map(|(_, value)| value.as_str())
            .collect()
    };
    let first = |tags: &[&str]| -> Option<String> {
        tags.iter()
            .find_map(|tag| values(&[tag]).first().map(|value| value.to_string()))
    };
    let mut people = values(&["AU", "A1"]);
    if people.is_empty() {
        people = values(&["A2", "ED"]);
    }
    let strings = |values: Vec<&str>| values.into_iter().map(String::from).collect();
    Reference {
        id: first(&["ID"]),
        title: first(&["TI", "T1", "BT", "T2"]),
        authors: people.into_iter().map(prose_name).collect(),
        year: first(&["PY", "Y1", "DA"]).map(|date| date.replace('/', "-")),
        notes: strings(values(&["AB", "N2", "N1"])),
        // Journal (or book), publisher, place.
        published: [&["JO", "JF", "T2", "BT"][..], &["PB"], &["CY"]]
            .iter()
            .filter_map(|tags| first(tags))
            .collect(),
        tags: strings(values(&["KW"])),
        lang: first(&["LA"]),
    }
}

/// `Runciman, Steven` (RIS writes surnames first) as `Steven Runciman`; `Runciman, Steven,
/// Jr.` as `Steven Runciman Jr.`; a name without a comma as it is.
fn prose_name(name: &str) -> String {
    let mut parts = name.split(',').map(str::trim);
    let surname = parts.next().unwrap_or_default();
    let given = parts.next().unwrap_or_default();
    let suffix = parts.next().unwrap_or_default();
    [given, surname, suffix]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn records(text: &str) -> Vec<Value> {
        (items(text).lines.lines())
            .map(|line| match line {
                "" => Value::Null,
                _ => serde_json::from_str(line).unwrap(),
            })
            .collect()
    }

    #[test]
    fn references_are_records_with_their_fields_as_a_dumps() {
        let text = "\u{feff}TY  - BOOK\nTI  - The Fall of Constantinople 1453\nAU  - Runciman, Steven\nPY  - 1965///\nPB  - Cambridge University Press\nCY  - Cambridge\nAB  - The siege and fall of the city\n  in 1453.\nKW  - Byzantium\nKW  - Ottoman Empire\nLA  - en\nER  - \n\nTY  - JOUR\nT1  - Rapallo\nA2  - Krüger, Peter\nDA  - 1985/03/01/\nN1  - A note.\nID  - kruger85\nN1  - <p>Zotero&#39;s note: <b>bold</b></p>\nER  -\nTY  - GEN\nER  - \n";
        let records = records(text);
        assert_eq!(records.len(), 3);
        assert_eq!(
            records[0],
            json!({
                "title": "The Fall of Constantinople 1453",
                "authors": ["Steven Runciman"],
                "year": "1965---",
                "text": "The siege and fall of the city in 1453.\nCambridge University Press, Cambridge",
                "tags": ["Byzantium", "Ottoman Empire"],
                "lang": "en",
            })
        );
        assert_eq!(records[1]["id"], "kruger85");
        assert_eq!(records[1]["authors"], json!(["Peter Krüger"]));
        assert_eq!(records[1]["year"], "1985-03-01-");
        assert_eq!(records[1]["text"], "A note.\nZotero's note: bold");
        // A reference of nothing keeps its place.
        assert_eq!(records[2], Value::Null);
    }

    #[test]
    fn text_that_is_not_ris_has_no_records() {
        for text in [
            "",
            "Some prose.\n- a list item\n",
            "ER  - \nAU  - Orphan, An\n",
        ] {
            assert!(records(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn names_are_written_given_name_first() {
        assert_eq!(prose_name("Runciman, Steven"), "Steven Runciman");
        assert_eq!(
            prose_name("King, Martin Luther, Jr."),
            "Martin Luther King Jr."
        );
        assert_eq!(prose_name("Plato"), "Plato");
    }
}
