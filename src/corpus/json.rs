//! JSON files: a list of records (an export, an API's answer), each an article as a line of
//! a JSON Lines dump is; or an object holding such lists (`{"articles": […]}`); or one
//! record; or, whatever its name says, JSON Lines (`mongoexport` and many scrapers write a
//! record a line to a `.json` file). The records found are handed on one a line, to be read
//! as a dump's lines are.

use serde_json::{Map, Value};

use super::jsonl::ARTICLE_KEYS;
use super::text::{self, Decoded};

/// The records of a JSON file: one compact JSON value a line, in the file's order.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Items {
    pub(super) lines: String,
    /// The bytes were not valid UTF-8 and were decoded with replacement characters.
    pub(super) lossy: bool,
    /// The file is JSON Lines, its lines handed on as they are: its records are numbered
    /// by line.
    pub(super) by_line: bool,
}

/// The records of the JSON file `bytes`, or why it holds none.
pub(super) fn items(bytes: &[u8]) -> Result<Items, String> {
    let (text, lossy) = match text::decode(bytes) {
        Decoded::Utf8(text) => (text, false),
        Decoded::Lossy(text) => (text, true),
        Decoded::Binary => return Err("binary file (contains NUL bytes)".into()),
    };
    let value: Value = match serde_json::from_str(&text) {
        Ok(value) => value,
        // A record on its first line and more after it: JSON Lines, its lines read one by
        // one, so that one bad line loses only itself.
        Err(_) if first_line_is_a_record(&text) => {
            return Ok(Items {
                lines: text,
                lossy,
                by_line: true,
            })
        }
        Err(e) => return Err(format!("not valid JSON: {e}")),
    };
    let items = match value {
        Value::Array(items) if items.is_empty() => return Err("an empty JSON list".into()),
        Value::Array(items) if items.iter().any(is_record) => items,
        Value::Array(_) => {
            return Err(format!(
                "a JSON list of no records (objects with {})",
                keys_named()
            ))
        }
        Value::Object(object) if is_article(&object) => vec![Value::Object(object)],
        Value::Object(object) => {
            let mut lists: Vec<Vec<Value>> = Vec::new();
            record_lists(Value::Object(object), WRAPPING_DEPTH, &mut lists);
            if lists.is_empty() {
                return Err(format!(
                    "a JSON object that is no record and holds no list of records \
                     (objects with {})",
                    keys_named()
                ));
            }
            lists.into_iter().flatten().collect()
        }
        _ => return Err("a single JSON value, not a record or a list of records".into()),
    };
    let mut lines = String::new();
    for item in items {
        // Compact JSON holds no line break: one item, one line.
        lines.push_str(&item.to_string());
        lines.push('\n');
    }
    Ok(Items {
        lines,
        lossy,
        by_line: false,
    })
}

/// How deep a list of records is looked for in an object that wraps it: an API's answer
/// holds it one level down (`{"results": […]}`), a CMS's export a few (Ghost's
/// `{"db": [{"data": {"posts": […]}}]}`).
const WRAPPING_DEPTH: usize = 5;

/// Gather the lists of records `value` holds, in the file's order, looking into `depth`
/// containers (lists and objects), `value` the first; a record's own values are not
/// looked into.
fn record_lists(value: Value, depth: usize, lists: &mut Vec<Vec<Value>>) {
    if depth == 0 {
        return;
    }
    match value {
        Value::Array(items) if items.iter().any(is_record) => lists.push(items),
        Value::Array(items) => {
            for item in items {
                record_lists(item, depth - 1, lists);
            }
        }
        Value::Object(object) if !is_article(&object) => {
            for (_, value) in object {
                record_lists(value, depth - 1, lists);
            }
        }
        _ => {}
    }
}

/// Whether the first line of `text` that is not blank is a record by itself, and more
/// follows it.
fn first_line_is_a_record(text: &str) -> bool {
    let mut lines = text.lines().filter(|line| !line.trim().is_empty());
    let first = lines
        .next()
        .and_then(|line| serde_json::from_str::<Value>(line).ok());
    first.as_ref().is_some_and(is_record) && lines.next().is_some()
}

/// Whether `value` is an object with a key an article is read from.
fn is_record(value: &Value) -> bool {
    matches!(value, Value::Object(object) if is_article(object))
}

fn is_article(object: &Map<String, Value>) -> bool {
    ARTICLE_KEYS
        .iter()
        .any(|key| object.get(*key).is_some_and(|v| !v.is_null()))
}

/// The keys of [`ARTICLE_KEYS`], quoted, for a message.
fn keys_named() -> String {
    let quoted: Vec<String> = ARTICLE_KEYS.iter().map(|k| format!("\"{k}\"")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(json: &str) -> Result<Vec<String>, String> {
        items(json.as_bytes()).map(|items| items.lines.lines().map(str::to_string).collect())
    }

    #[test]
    fn a_list_gives_its_items_one_a_line_whatever_their_layout() {
        let json = "[\n  {\n    \"title\": \"A\",\n    \"text\": \"One\\ntwo\"\n  },\n  7,\n  {\"text\": \"B\"}\n]";
        assert_eq!(
            lines(json).unwrap(),
            [r#"{"text":"One\ntwo","title":"A"}"#, "7", r#"{"text":"B"}"#]
        );
    }

    #[test]
    fn an_object_is_a_record_or_holds_lists_of_them() {
        assert_eq!(
            lines(r#"{"title": "Alone", "body": "Text"}"#).unwrap(),
            [r#"{"body":"Text","title":"Alone"}"#]
        );
        assert_eq!(
            lines(r#"{"count": 2, "tags": ["a"], "articles": [{"text": "x"}, {"text": "y"}]}"#)
                .unwrap(),
            [r#"{"text":"x"}"#, r#"{"text":"y"}"#]
        );
        // Ghost's export: its posts a few levels down, beside lists of no records.
        assert_eq!(
            lines(r#"{"db": [{"meta": {"version": "5"}, "data": {"tags": [{"name": "t"}], "posts": [{"title": "P", "html": "<p>x</p>"}]}}]}"#)
                .unwrap(),
            [r#"{"html":"<p>x</p>","title":"P"}"#]
        );
        assert!(lines(r#"{"a": {"b": {"c": {"d": [{"text": "deep"}]}}}}"#).is_ok());
        assert!(lines(r#"{"a": {"b": {"c": {"d": {"e": [{"text": "too deep"}]}}}}}"#).is_err());
    }

    #[test]
    fn files_without_records_say_why() {
        let why = |json: &str| lines(json).unwrap_err();
        assert_eq!(why("[]"), "an empty JSON list");
        assert!(
            why(r#"["a", "b"]"#).starts_with("a JSON list of no records (objects with \"title\"")
        );
        assert!(why(r#"[{"name": "x"}]"#).starts_with("a JSON list of no records"));
        assert!(why(r#"{"name": "annals", "version": "1"}"#)
            .starts_with("a JSON object that is no record"));
        assert!(why(r#"{"title": null, "list": [1]}"#).starts_with("a JSON object that is no"));
        assert_eq!(
            why("42"),
            "a single JSON value, not a record or a list of records"
        );
        assert_eq!(
            why("[{\"text\": \"a\"},\n"),
            "not valid JSON: EOF while parsing a value at line 2 column 0"
        );
        assert_eq!(why("\0\0"), "binary file (contains NUL bytes)");
    }

    #[test]
    fn json_lines_under_a_json_name_are_its_lines() {
        let text = "{\"title\": \"A\", \"text\": \"x\"}\n\n{broken\n{\"text\": \"y\"}\n";
        let read = items(text.as_bytes()).unwrap();
        assert!(read.by_line);
        assert_eq!(read.lines, text);
        // A record then a broken line is JSON Lines with a bad line (the dump reader warns
        // of it); two records on one line, or lists a line, are broken JSON.
        assert!(lines("{\"text\": \"x\"}\n]").is_ok());
        assert!(lines("{\"text\": \"x\"} {\"text\": \"y\"}").is_err());
        assert!(lines("[1]\n[2]").is_err());
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(lines(&deep).unwrap_err().contains("recursion limit"));
    }

    #[test]
    fn bad_utf8_is_read_and_said() {
        let read = items(b"[{\"text\": \"caf\xe9\"}]").unwrap();
        assert!(read.lossy);
        assert_eq!(read.lines, "{\"text\":\"caf\u{FFFD}\"}\n");
    }
}
