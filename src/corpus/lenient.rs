//! Values of a JSON Lines record read leniently. A field of the wrong type is coerced
//! where its meaning is clear (a number as text, a list of strings as lines of text, a
//! single section where a list of them was expected, a year written as a date, a person as
//! a citation manager exports one; sections in [`super::record_sections`]) and otherwise
//! left out with a note, so that one odd value never loses the rest of its record.
//!
//! The visitors read each value as it is parsed, without buffering it first as serde's
//! untagged enums do: a record's text is most of a dump.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Text as dumps write it. Lists of text are joined by line breaks; numbers are written
/// out; `null` is empty; anything else is left out and named in `odd`.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Text {
    pub text: String,
    /// What was found instead of text, when it could not be read as text.
    pub odd: Option<&'static str>,
}

impl Text {
    fn odd(what: &'static str) -> Text {
        Text {
            text: String::new(),
            odd: Some(what),
        }
    }

    /// The note for a record whose `field` held this, if it was odd.
    pub fn note(&self, field: &str) -> Option<String> {
        self.odd
            .map(|what| format!("{field} is {what}, not text; left out"))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        deserializer.deserialize_any(TextVisitor)
    }
}

pub(super) struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text {
            text: v.to_string(),
            odd: None,
        })
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text { text: v, odd: None })
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Text, E> {
        self.visit_string(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Text, E> {
        self.visit_string(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Text, E> {
        self.visit_string(v.to_string())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Text, E> {
        Ok(Text::odd("true or false"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<Text, E> {
        Ok(Text::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Text, D::Error> {
        Text::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
        let mut lines: Vec<String> = Vec::new();
        let mut odd = None;
        while let Some(item) = seq.next_element::<Text>()? {
            match item.odd {
                Some(_) => odd = Some("a list holding other values than text"),
                None => lines.push(item.text),
            }
        }
        Ok(Text {
            text: lines.join("\n"),
            odd,
        })
    }

    /// Text an API wraps in an object: WordPress's `{"rendered": "…"}`, or a `raw`,
    /// `html`, `text` or `value` of the object; any other object is no text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
        const WRAPPED: [&str; 5] = ["rendered", "raw", "html", "text", "value"];
        let mut best: Option<(usize, Text)> = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let rank = WRAPPED.iter().position(|k| *k == key);
            match rank {
                Some(rank) if best.as_ref().is_none_or(|(held, _)| rank < *held) => {
                    let value: Text = map.next_value()?;
                    if value.odd.is_none() {
                        best = Some((rank, value));
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(best.map_or_else(|| Text::odd("an object"), |(_, text)| text))
    }
}

/// Whether a value read holds something, so that it stands before an empty value of a
/// preferred key.
pub(super) trait Filled {
    fn filled(&self) -> bool;
}

impl Filled for Text {
    fn filled(&self) -> bool {
        !self.text.trim().is_empty()
    }
}

impl<T> Filled for Option<T> {
    fn filled(&self) -> bool {
        self.is_some()
    }
}

impl Filled for Issued {
    fn filled(&self) -> bool {
        self.0.is_some()
    }
}

impl<T> Filled for Vec<T> {
    fn filled(&self) -> bool {
        !self.is_empty()
    }
}

impl Filled for Names {
    fn filled(&self) -> bool {
        !self.0.is_empty()
    }
}

/// A field as read so far: its value and the rank of the key it came from (its place in
/// the list of the field's keys, the preferred first).
pub(super) struct Best<T> {
    pub rank: usize,
    pub value: Option<T>,
}

impl<T> Default for Best<T> {
    fn default() -> Self {
        Best {
            rank: usize::MAX,
            value: None,
        }
    }
}

impl<T: Filled> Best<T> {
    /// Keep `value`, read from the key of `rank`, if it is better than what is held: the
    /// first value, a filled value over an empty one, a preferred key's over another's, and
    /// a key written twice, its last (as JSON parsers read one).
    pub fn offer(&mut self, rank: usize, value: T) {
        let better = match &self.value {
            None => true,
            Some(held) => value.filled() && (rank <= self.rank || !held.filled()),
        };
        if better {
            self.rank = rank;
            self.value = Some(value);
        }
    }
}

impl<T: Default> Best<T> {
    pub fn take(self) -> T {
        self.value.unwrap_or_default()
    }
}

/// Tags or authors as dumps write them: a list of strings, or one string; a person as
/// citation managers export one (CSL JSON's `{"family", "given"}` or `{"literal"}`, the
/// Zotero API's `{"lastName", "firstName"}`, a `{"name"}`); anything else (a number, a
/// `null` in the list) is left out rather than losing the record.
#[derive(serde::Deserialize, Default)]
#[serde(from = "serde_json::Value")]
pub(super) struct Names(pub Vec<String>);

impl From<serde_json::Value> for Names {
    fn from(value: serde_json::Value) -> Names {
        let text = |v: serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Object(person) => {
                let part = |key: &str| person.get(key).and_then(|v| v.as_str()).map(str::trim);
                let named = part("literal").or(part("name")).filter(|n| !n.is_empty());
                // CSL JSON's parts, or the Zotero API's (`creators`).
                let parts = [
                    part("given").or_else(|| part("firstName")),
                    part("family").or_else(|| part("lastName")),
                ];
                let joined = parts
                    .iter()
                    .flatten()
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                named
                    .map(String::from)
                    .or((!joined.trim().is_empty()).then(|| joined.trim().to_string()))
            }
            _ => None,
        };
        Names(match value {
            serde_json::Value::Array(items) => items.into_iter().filter_map(text).collect(),
            other => text(other).into_iter().collect(),
        })
    }
}

/// A record's year as dumps write it: `1914`, `-44`, `1914.0`, `"1914"`, `"44 BC"`; any
/// other value is no year (with a note) rather than a lost record.
#[derive(serde::Deserialize)]
#[serde(untagged)]
pub(super) enum Year {
    Number(i64),
    Fraction(f64),
    Text(String),
    Other(serde::de::IgnoredAny),
}

impl Year {
    /// The year, or a note on why there is none.
    pub(super) fn value(&self) -> Result<i64, String> {
        let plausible = |n: i64| {
            crate::dates::plausible(n).ok_or_else(|| format!("year {n} is out of range; left out"))
        };
        match self {
            Year::Number(n) => plausible(*n),
            Year::Fraction(f) if f.is_finite() && f.abs() < 1e6 => plausible(f.trunc() as i64),
            Year::Fraction(f) => Err(format!("year {f} is out of range; left out")),
            Year::Text(text) => crate::dates::year_of_date(text)
                .and_then(crate::dates::plausible)
                .ok_or_else(|| format!("year {text:?} is not a date; left out")),
            Year::Other(_) => Err("year is neither a number nor a date; left out".into()),
        }
    }
}

/// A date as CSL JSON writes one: `{"date-parts": [[1994, 5, 1]]}`, `{"raw": "1994"}` or
/// `{"literal": "Spring 1994"}`; any other value is no date.
#[derive(serde::Deserialize, Default)]
#[serde(from = "serde_json::Value")]
pub(super) struct Issued(pub Option<Year>);

impl From<serde_json::Value> for Issued {
    fn from(value: serde_json::Value) -> Issued {
        let first = value.pointer("/date-parts/0/0").cloned();
        let text = ["raw", "literal"]
            .iter()
            .find_map(|key| value.get(key)?.as_str().map(str::to_string));
        Issued(match (first, text) {
            (Some(serde_json::Value::Number(n)), _) => n.as_i64().map(Year::Number),
            (Some(serde_json::Value::String(s)), _) | (None, Some(s)) => Some(Year::Text(s)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(json: &str) -> Text {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn text_is_coerced_where_its_meaning_is_clear() {
        assert_eq!(text(r#""plain""#).text, "plain");
        assert_eq!(text("1914").text, "1914");
        assert_eq!(text("-2.5").text, "-2.5");
        assert_eq!(text("null"), Text::default());
        assert_eq!(text(r#"["one", "two", 3]"#).text, "one\ntwo\n3");
        assert_eq!(text(r#"{"a": [1, {"b": 2}]}"#).odd, Some("an object"));
        // WordPress's REST API wraps its text.
        assert_eq!(
            text(r#"{"raw": "r", "rendered": "<p>x</p>"}"#).text,
            "<p>x</p>"
        );
        assert_eq!(text(r#"{"protected": false, "value": 7}"#).text, "7");
        assert_eq!(text("true").odd, Some("true or false"));
        let mixed = text(r#"["kept", {"x": 1}]"#);
        assert_eq!(mixed.text, "kept");
        assert_eq!(
            mixed.note("text").unwrap(),
            "text is a list holding other values than text, not text; left out"
        );
    }
}
