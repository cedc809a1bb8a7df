//! One JSON Lines record's fields, read under the names dumps give them: each field from the
//! first of its keys (in [`KEYS`]' order) that holds a value, whatever order the record
//! writes them in. Two names for one field (`tags` and `keywords`, `author` and `authors`)
//! or a key written twice never lose the record, as serde's aliases would.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::lenient::{Best, Filled, Issued, Names, Text, Year};
use super::record_sections::Sections;

/// A record's id as dumps write it.
#[derive(serde::Deserialize)]
#[serde(untagged)]
pub(super) enum Id {
    Text(String),
    Number(serde_json::Number),
    /// MongoDB's object id as `mongoexport` writes it: `{"$oid": "5f1…"}`.
    Mongo {
        #[serde(rename = "$oid")]
        oid: String,
    },
    Other(IgnoredAny),
}

impl Filled for Id {
    fn filled(&self) -> bool {
        !matches!(self, Id::Other(_))
    }
}

/// One entry of a record's `"reading"` list.
#[derive(serde::Deserialize)]
#[serde(untagged)]
pub(super) enum RecordBook {
    Title(String),
    Book {
        title: String,
        author: Option<String>,
        heading: Option<String>,
    },
    Other(IgnoredAny),
}

/// What a key of a record holds.
#[derive(Clone, Copy)]
enum Field {
    Id,
    Title,
    Text,
    Sections,
    Year,
    Issued,
    Reading,
    Lang,
    Tags,
    Authors,
}

/// Every key read, each field's names in the order they are preferred: `text` over what
/// other dumps call it (Pyserini's `contents`, an API's `body`, a bibliography's
/// `abstract`, a feed's `summary` or `description`), `title` over a news dump's `headline`
/// or a `name`; TREC's `docno` and `docid` are ids.
const KEYS: [(&str, Field); 39] = [
    ("id", Field::Id),
    ("_id", Field::Id),
    ("docid", Field::Id),
    ("doc_id", Field::Id),
    ("docno", Field::Id),
    ("title", Field::Title),
    ("headline", Field::Title),
    ("name", Field::Title),
    ("text", Field::Text),
    ("contents", Field::Text),
    ("content", Field::Text),
    ("body", Field::Text),
    // A CMS's (Ghost's) text as HTML, and as plain text, losing its headings.
    ("html", Field::Text),
    ("abstract", Field::Text),
    ("summary", Field::Text),
    ("description", Field::Text),
    ("paragraphs", Field::Text),
    ("plaintext", Field::Text),
    ("sections", Field::Sections),
    ("chapters", Field::Sections),
    ("year", Field::Year),
    // A post's or a news item's date (a CMS's, a feed reader's, schema.org's), read for
    // its year.
    ("date", Field::Year),
    ("published", Field::Year),
    ("published_at", Field::Year),
    ("date_published", Field::Year),
    ("datepublished", Field::Year),
    ("publication_date", Field::Year),
    ("pubdate", Field::Year),
    // CSL JSON's date of publication, read for its year when there is no `year`.
    ("issued", Field::Issued),
    ("reading", Field::Reading),
    ("lang", Field::Lang),
    ("language", Field::Lang),
    ("tags", Field::Tags),
    ("keywords", Field::Tags),
    ("categories", Field::Tags),
    ("category", Field::Tags),
    ("authors", Field::Authors),
    ("author", Field::Authors),
    ("creators", Field::Authors),
];

/// The keys of which a record needs one to be an article: a JSON file's object holding any
/// of them is a record, else perhaps a wrapper around a list of records. Keys that other
/// JSON files use for other things (a package's `name` and `description`) are not among
/// them, though a record is read from them.
pub(crate) const ARTICLE_KEYS: [&str; 10] = [
    "title",
    "headline",
    "text",
    "contents",
    "content",
    "body",
    "abstract",
    "paragraphs",
    "sections",
    "chapters",
];

/// Whether a record's field is read from the key `name` (in any letter case).
pub(crate) fn is_record_key(name: &str) -> bool {
    KEYS.iter().any(|(key, _)| key.eq_ignore_ascii_case(name))
}

/// One record, each field from its best key.
#[derive(Default)]
pub(super) struct Record {
    pub id: Option<Id>,
    pub title: Text,
    pub text: Text,
    pub sections: Sections,
    pub year: Option<Year>,
    pub issued: Issued,
    pub reading: Vec<RecordBook>,
    pub lang: Text,
    pub tags: Names,
    pub authors: Names,
    /// Which key the text came from, for notes.
    pub text_key: &'static str,
    /// What was odd in the record's values, and keys written twice.
    pub notes: Vec<String>,
}

/// A key of a record: its index in [`KEYS`], or `None` for a key not read.
struct Key(Option<usize>);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
                Ok(Key(KEYS
                    .iter()
                    .position(|(name, _)| name.eq_ignore_ascii_case(v))))
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Record, D::Error> {
        deserializer.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record (a JSON object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut id = Best::<Id>::default();
        let mut title = Best::<Text>::default();
        let mut text = Best::<Text>::default();
        let mut sections = Best::<Sections>::default();
        let mut year = Best::<Option<Year>>::default();
        let mut issued = Best::<Issued>::default();
        let mut reading = Best::<Vec<RecordBook>>::default();
        let mut lang = Best::<Text>::default();
        let mut tags = Best::<Names>::default();
        let mut authors = Best::<Names>::default();
        let mut notes = Vec::new();
        let mut seen = 0u64;
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let Some(rank) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let (name, field) = KEYS[rank];
            if seen & (1 << rank) != 0 {
                notes.push(format!("\"{name}\" is written twice; the last is read"));
            }
            seen |= 1 << rank;
            let mut text_of = |map: &mut A| -> Result<Text, A::Error> {
                let value: Text = map.next_value()?;
                notes.extend(value.note(name));
                Ok(value)
            };
            match field {
                // A `null` id is none, as a missing one is.
                Field::Id => {
                    if let Some(value) = map.next_value::<Option<Id>>()? {
                        id.offer(rank, value);
                    }
                }
                Field::Title => title.offer(rank, text_of(&mut map)?),
                Field::Text => text.offer(rank, text_of(&mut map)?),
                Field::Lang => lang.offer(rank, text_of(&mut map)?),
                Field::Sections => sections.offer(rank, map.next_value()?),
                Field::Year => year.offer(rank, map.next_value()?),
                Field::Issued => issued.offer(rank, map.next_value()?),
                Field::Reading => reading.offer(rank, map.next_value()?),
                Field::Tags => tags.offer(rank, map.next_value()?),
                Field::Authors => authors.offer(rank, map.next_value()?),
            }
        }
        let text_key = KEYS.get(text.rank).map_or("text", |(name, _)| name);
        Ok(Record {
            id: id.value,
            title: title.take(),
            text: text.take(),
            sections: sections.take(),
            year: year.take(),
            issued: issued.take(),
            reading: reading.take(),
            lang: lang.take(),
            tags: tags.take(),
            authors: authors.take(),
            text_key,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> Record {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_preferred_key_wins_whatever_the_order_and_a_filled_value_over_an_empty_one() {
        let r = record(r#"{"body": "Body.", "headline": "Head", "text": "Text.", "title": ""}"#);
        assert_eq!(r.text.text, "Text.");
        assert_eq!(r.text_key, "text");
        assert_eq!(r.title.text, "Head");
        let r = record(r#"{"text": " ", "summary": "Summary."}"#);
        assert_eq!((r.text.text.as_str(), r.text_key), ("Summary.", "summary"));
        let r = record(r#"{"docno": "FT-1", "title": "T"}"#);
        assert!(matches!(r.id, Some(Id::Text(ref id)) if id == "FT-1"));
        let r = record(r#"{"id": null, "_id": 4}"#);
        assert!(matches!(r.id, Some(Id::Number(ref n)) if n.to_string() == "4"));
        assert!(r.notes.is_empty());
        assert!(record(r#"{"id": null, "text": "x"}"#).id.is_none());
    }

    #[test]
    fn two_names_for_a_field_or_a_key_written_twice_keep_the_record() {
        let r = record(
            r#"{"tags": ["a"], "keywords": ["b"], "lang": "de", "language": "English", "author": "X", "authors": ["Y"], "title": "One", "title": "Two"}"#,
        );
        assert_eq!(r.tags.0, ["a"]);
        assert_eq!(r.lang.text, "de");
        assert_eq!(r.authors.0, ["Y"]);
        assert_eq!(r.title.text, "Two");
        assert_eq!(r.notes, ["\"title\" is written twice; the last is read"]);
        // The Zotero API's people.
        let r = record(
            r#"{"title": "T", "creators": [{"creatorType": "author", "firstName": "Steven", "lastName": "Runciman"}]}"#,
        );
        assert_eq!(r.authors.0, ["Steven Runciman"]);
    }

    #[test]
    fn odd_values_are_noted_under_the_key_that_held_them() {
        let r = record(r#"{"headline": {"main": "x"}, "content": true, "body": "Kept."}"#);
        assert_eq!(r.text.text, "Kept.");
        assert_eq!(
            r.notes,
            [
                "headline is an object, not text; left out",
                "content is true or false, not text; left out"
            ]
        );
    }

    #[test]
    fn every_key_is_listed_once_and_article_keys_are_read() {
        for (i, (name, _)) in KEYS.iter().enumerate() {
            assert!(!KEYS[..i].iter().any(|(n, _)| n == name), "{name}");
        }
        for key in ARTICLE_KEYS {
            assert!(KEYS.iter().any(|(n, _)| *n == key), "{key}");
        }
    }
}
