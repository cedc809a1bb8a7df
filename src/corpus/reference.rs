//! One entry of a bibliography (BibTeX's, RIS's) as the fields annals reads of it, and as
//! the JSON record the dump reader takes: what the two readers share past their syntax.

use serde::Serialize;

use super::html_tags::note_text;

/// A bibliography's entry: each reader fills in what its format calls these.
#[derive(Debug, Default, Serialize)]
pub(super) struct Reference {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Given name first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// A date as the entry writes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<String>,
    /// Abstract, annotations and notes, a paragraph each; a note Zotero wrote as HTML is
    /// read as its text.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// Where it was published: journal or book, series, publisher, place.
    #[serde(skip)]
    pub published: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

impl Reference {
    /// Add the entry's record to `lines`, one JSON record a line; its text is its notes,
    /// then where it was published (as a reference manager searches every field). An entry of
    /// nothing stays an empty line, so that the entries after it keep their numbers.
    pub(super) fn push_to(self, lines: &mut String) {
        let mut text: Vec<String> = (self.notes.iter())
            .map(|note| note_text(note))
            .filter(|note| !note.is_empty())
            .collect();
        if !self.published.is_empty() {
            text.push(self.published.join(", "));
        }
        if let Ok(serde_json::Value::Object(mut record)) = serde_json::to_value(&self) {
            if !text.is_empty() {
                record.insert("text".into(), text.join("\n").into());
            }
            if !record.is_empty() {
                lines.push_str(&serde_json::Value::Object(record).to_string());
            }
        }
        lines.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_a_record_of_what_it_has() {
        let mut lines = String::new();
        Reference {
            title: Some("Rapallo".into()),
            notes: vec!["<p>A &amp; B</p>".into(), String::new(), "Plain.".into()],
            published: vec!["Past & Present".into(), "Oxford".into()],
            ..Reference::default()
        }
        .push_to(&mut lines);
        Reference::default().push_to(&mut lines);
        let (record, empty) = lines.split_once('\n').unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(record).unwrap(),
            serde_json::json!({"title": "Rapallo", "text": "A & B\nPlain.\nPast & Present, Oxford"})
        );
        assert_eq!(empty, "\n");
    }
}
