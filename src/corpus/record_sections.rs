//! A JSON Lines record's sections, read leniently: a list of `{"heading", "text"}`
//! objects under the names dumps give their parts, nested where a section holds sections
//! of its own; one object or one string where a list was expected is one section, and an
//! item that is no section is left out with a note rather than losing the record.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::lenient::{Best, Filled, Text, TextVisitor};

/// A record's `sections`: a list of `{"heading", "text"}` objects, as written. One object
/// or one string where a list was expected is one section; a `null` is none; an item that
/// is neither an object nor text is left out with a note.
#[derive(Debug, Default)]
pub(super) struct Sections {
    pub sections: Vec<Section>,
    pub notes: Vec<String>,
}

/// One section of a record: its heading, text and the sections under it.
#[derive(Debug, Default)]
pub(super) struct Section {
    pub heading: Text,
    pub text: Text,
    pub children: Sections,
}

impl Section {
    fn of_text(text: Text) -> Section {
        Section {
            text,
            ..Section::default()
        }
    }
}

/// The keys a section is read from, each part's names in the order they are preferred.
const SECTION_KEYS: [(&str, Part); 12] = [
    ("heading", Part::Heading),
    ("title", Part::Heading),
    ("name", Part::Heading),
    ("header", Part::Heading),
    ("text", Part::Text),
    ("content", Part::Text),
    ("contents", Part::Text),
    ("body", Part::Text),
    ("paragraphs", Part::Text),
    ("sections", Part::Children),
    ("subsections", Part::Children),
    ("children", Part::Children),
];

#[derive(Clone, Copy)]
enum Part {
    Heading,
    Text,
    Children,
}

/// The section of a JSON object, each part from the first of its keys that holds a value;
/// The section of a JSON object, each part from the first of its keys that holds a value;
/// `None` for an object with none of the keys.
fn section_of<'de, A: MapAccess<'de>>(mut map: A) -> Result<Option<Section>, A::Error> {
    let mut heading = Best::<Text>::default();
    let mut text = Best::<Text>::default();
    let mut children = Best::<Sections>::default();
    let mut known = false;
    while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
        let Some(rank) =
            (SECTION_KEYS.iter()).position(|(name, _)| name.eq_ignore_ascii_case(&key))
        else {
            map.next_value::<IgnoredAny>()?;
            continue;
        };
        known = true;
        match SECTION_KEYS[rank].1 {
            Part::Heading => heading.offer(rank, map.next_value()?),
            Part::Text => text.offer(rank, map.next_value()?),
            Part::Children => children.offer(rank, map.next_value()?),
        }
    }
    Ok(known.then(|| Section {
        heading: heading.take(),
        text: text.take(),
        children: children.take(),
    }))
}

/// One item of `sections`: a section, or a note on why there is none.
enum Item {
    Section(Section),
    Odd(&'static str),
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Item, D::Error> {
        deserializer.deserialize_any(ItemVisitor)
    }
}

struct ItemVisitor;

impl ItemVisitor {
    fn text<E: de::Error>(text: Result<Text, E>) -> Result<Item, E> {
        text.map(|text| match text.odd {
            Some(what) => Item::Odd(what),
            None => Item::Section(Section::of_text(text)),
        })
    }
}

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = Item;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a section")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Item, A::Error> {
        Ok(match section_of(map)? {
            Some(section) => Item::Section(section),
            None => Item::Odd("an object with no heading, text or sections"),
        })
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
        Self::text(TextVisitor.visit_str(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Item, E> {
        Self::text(TextVisitor.visit_string(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Item, A::Error> {
        Self::text(TextVisitor.visit_seq(seq))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Item, E> {
        Ok(Item::Odd("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Item, E> {
        Ok(Item::Odd("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Item, E> {
        Ok(Item::Odd("a number"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Item, E> {
        Ok(Item::Odd("true or false"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Item, E> {
        Ok(Item::Odd("null"))
    }
}

impl<'de> Deserialize<'de> for Sections {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Sections, D::Error> {
        deserializer.deserialize_any(SectionsVisitor)
    }
}

struct SectionsVisitor;

impl SectionsVisitor {
    fn one(item: Item) -> Sections {
        let mut sections = Sections::default();
        sections.push(1, item);
        sections
    }
}

impl Sections {
    /// Add the `n`th item (one-based).
    fn push(&mut self, n: usize, item: Item) {
        match item {
            Item::Section(mut section) => {
                self.notes
                    .extend(section.heading.note(&format!("heading of section {n}")));
                self.notes
                    .extend(section.text.note(&format!("text of section {n}")));
                // A section's own sections' notes number them under it: `section 2.1`.
                let under = format!("section {n}.");
                let notes = std::mem::take(&mut section.children.notes);
                (self.notes).extend(
                    notes
                        .iter()
                        .map(|note| note.replacen("section ", &under, 1)),
                );
                self.sections.push(section);
            }
            Item::Odd(what) => self
                .notes
                .push(format!("section {n} is {what}, not a section; left out")),
        }
    }
}

impl<'de> Visitor<'de> for SectionsVisitor {
    type Value = Sections;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of sections")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sections, A::Error> {
        let mut sections = Sections::default();
        let mut n = 0;
        while let Some(item) = seq.next_element::<Item>()? {
            n += 1;
            sections.push(n, item);
        }
        Ok(sections)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Sections, A::Error> {
        ItemVisitor.visit_map(map).map(Self::one)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Sections, E> {
        ItemVisitor.visit_str(v).map(Self::one)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Sections, E> {
        ItemVisitor.visit_string(v).map(Self::one)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Sections, E> {
        Ok(Sections::default())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Sections, E> {
        ItemVisitor.visit_i64(v).map(Self::one)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Sections, E> {
        ItemVisitor.visit_u64(v).map(Self::one)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Sections, E> {
        ItemVisitor.visit_f64(v).map(Self::one)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Sections, E> {
        ItemVisitor.visit_bool(v).map(Self::one)
    }
}

impl Filled for Sections {
    fn filled(&self) -> bool {
        !self.sections.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_sections_are_left_out_with_a_note() {
        let sections: Sections = serde_json::from_str(
            r#"[{"heading": "A", "text": "a"}, null, "bare", 7, {"heading": {"x": 1}, "text": ["b", "c"]}]"#,
        )
        .unwrap();
        let texts: Vec<&str> = sections
            .sections
            .iter()
            .map(|s| s.text.text.as_str())
            .collect();
        assert_eq!(texts, ["a", "bare", "b\nc"]);
        assert_eq!(
            sections.notes,
            [
                "section 2 is null, not a section; left out",
                "section 4 is a number, not a section; left out",
                "heading of section 5 is an object, not text; left out",
            ]
        );
        let one: Sections = serde_json::from_str(r#"{"heading": "Only", "text": "x"}"#).unwrap();
        assert_eq!(one.sections[0].heading.text, "Only");
        let nested: Sections = serde_json::from_str(
            r#"[{"Title": "A", "content": "", "body": "a", "children": [{"x": 1}, {"heading": "B", "text": "b"}]}]"#,
        )
        .unwrap();
        let a = &nested.sections[0];
        assert_eq!((&*a.heading.text, &*a.text.text), ("A", "a"));
        assert_eq!(a.children.sections[0].heading.text, "B");
        assert_eq!(
            nested.notes,
            ["section 1.1 is an object with no heading, text or sections, not a section; left out"]
        );
        let none: Sections = serde_json::from_str("null").unwrap();
        assert!(none.sections.is_empty() && none.notes.is_empty());
    }
}
