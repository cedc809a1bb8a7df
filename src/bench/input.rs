//! Reading benchmark inputs: queries (one per line, `id<TAB>text` lines, or BEIR
//! `queries.jsonl`) and relevance judgments (BEIR TSV with a header, or TREC `qid iter docid
//! rel`).

use std::path::Path;

use super::metrics::Qrels;
use crate::error::{Error, Result};

/// One benchmark query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchQuery {
    /// The id judgments refer to: the record's `_id`, or the line number for plain text.
    pub id: String,
    pub text: String,
}

/// The keys a query record's id is read from (BEIR's, ir_datasets', MS MARCO's), the first
/// present winning.
const ID_KEYS: [&str; 5] = ["_id", "id", "qid", "query_id", "query-id"];
/// The keys a query record's text is read from.
const TEXT_KEYS: [&str; 3] = ["text", "query", "title"];

/// The id and text of a query record, or what it lacks.
fn query_record(line: &str) -> std::result::Result<BenchQuery, String> {
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let serde_json::Value::Object(record) = value else {
        return Err("not a JSON object".into());
    };
    let first = |keys: &[&str]| {
        keys.iter()
            .find_map(|key| record.get(*key).filter(|v| !v.is_null()))
    };
    let id = match first(&ID_KEYS).ok_or("no id")? {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let text = match first(&TEXT_KEYS).ok_or("no text")? {
        serde_json::Value::String(s) => s.clone(),
        _ => return Err("its text is not a string".into()),
    };
    Ok(BenchQuery { id, text })
}

/// Read queries from `path`. A file whose first non-empty line starts with `{` is read as
/// JSON Lines (`{"_id", "text"}`); a file whose every non-empty line is an id, a tab and the
/// query (Anserini's and MS MARCO's topic files) keeps those ids; any other is one query per
/// line, its id being the line number. Empty lines are skipped.
pub fn load_queries(path: &Path) -> Result<Vec<BenchQuery>> {
    let text = read(path)?;
    parse_queries(path, &text)
}

fn parse_queries(path: &Path, text: &str) -> Result<Vec<BenchQuery>> {
    let json = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| l.trim_start().starts_with('{'));
    let tabbed = !json
        && text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .all(|l| id_and_text(l).is_some());
    let mut queries = Vec::new();
    // The line each id was first seen on: ids must be unique, or judgments are ambiguous.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let number = i + 1;
        let query = if json {
            query_record(line).map_err(|e| Error::InputFile {
                path: path.to_path_buf(),
                line: number,
                message: format!("not a query record ({{\"_id\", \"text\"}}): {e}"),
            })?
        } else if let Some((id, text)) = tabbed.then(|| id_and_text(line)).flatten() {
            BenchQuery {
                id: id.to_string(),
                text: text.to_string(),
            }
        } else {
            BenchQuery {
                id: number.to_string(),
                text: line.to_string(),
            }
        };
        if let Some(first) = seen.insert(query.id.clone(), number) {
            return Err(Error::InputFile {
                path: path.to_path_buf(),
                line: number,
                message: format!("query id {:?} is already used on line {first}", query.id),
            });
        }
        queries.push(query);
    }
    if queries.is_empty() {
        return Err(Error::InputFile {
            path: path.to_path_buf(),
            line: 1,
            message: "holds no queries".into(),
        });
    }
    Ok(queries)
}

/// A line `id<TAB>text` split in two: the id a single word, the text not empty.
fn id_and_text(line: &str) -> Option<(&str, &str)> {
    let (id, text) = line.trim().split_once('\t')?;
    let (id, text) = (id.trim(), text.trim());
    (!id.is_empty() && !id.contains(char::is_whitespace) && !text.is_empty()).then_some((id, text))
}

/// Read judgments from `path`: lines of `query-id corpus-id score` (BEIR; a header line is
/// skipped) or `qid iteration docid relevance` (TREC), separated by tabs or spaces.
pub fn load_qrels(path: &Path) -> Result<Qrels> {
    let text = read(path)?;
    parse_qrels(path, &text)
}

fn parse_qrels(path: &Path, text: &str) -> Result<Qrels> {
    let mut qrels = Qrels::new();
    // The line of each judgment: a second one for the same pair is an error, not an override.
    let mut lines: std::collections::HashMap<(String, String), usize> =
        std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() || fields[0].starts_with('#') {
            continue;
        }
        let bad = |message: String| Error::InputFile {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let (qid, doc, rel) = match fields.as_slice() {
            [qid, doc, rel] => (qid, doc, rel),
            [qid, _iteration, doc, rel] => (qid, doc, rel),
            _ => {
                return Err(bad(format!(
                "expected `query-id corpus-id score` or `qid 0 docid relevance`, found {} fields",
                fields.len()
            )))
            }
        };
        let rel = match rel.parse::<i64>() {
            Ok(rel) => rel,
            Err(e)
                if matches!(
                    e.kind(),
                    std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
                ) =>
            {
                return Err(bad(format!("relevance {rel} is too large")))
            }
            Err(_) if i == 0 => continue, // BEIR's header line
            Err(_) => return Err(bad(format!("relevance {rel:?} is not a whole number"))),
        };
        if let Some(first) = lines.insert((qid.to_string(), doc.to_string()), i + 1) {
            return Err(bad(format!(
                "query {qid} and document {doc} are already judged on line {first}"
            )));
        }
        qrels
            .entry(qid.to_string())
            .or_default()
            .insert(doc.to_string(), rel);
    }
    if qrels.is_empty() {
        return Err(Error::InputFile {
            path: path.to_path_buf(),
            line: 1,
            message: "holds no judgments".into(),
        });
    }
    Ok(qrels)
}

fn read(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| Error::InputFile {
        path: path.to_path_buf(),
        line: 1,
        message: format!("not valid UTF-8: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_inputs_are_errors_naming_both_lines() {
        let path = Path::new("q");
        let err = parse_qrels(path, "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td1\t2\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("q:3") && err.contains("line 2"), "{err}");
        let err = parse_qrels(path, "q1 0 d1 99999999999999999999\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("too large"), "{err}");
        let err = parse_queries(
            path,
            "{\"_id\":\"1\",\"text\":\"a\"}\n{\"_id\":\"1\",\"text\":\"b\"}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("q:2") && err.contains("line 1"), "{err}");
    }

    fn p() -> &'static Path {
        Path::new("q")
    }

    #[test]
    fn plain_queries_are_numbered_by_line() {
        let q = parse_queries(p(), "rapallo\n\ntreaty of paris\n").unwrap();
        assert_eq!(
            q,
            vec![
                BenchQuery {
                    id: "1".into(),
                    text: "rapallo".into()
                },
                BenchQuery {
                    id: "3".into(),
                    text: "treaty of paris".into()
                },
            ]
        );
    }

    #[test]
    fn tab_separated_queries_keep_their_ids_when_every_line_has_one() {
        let q = parse_queries(p(), "301\tinternational organized crime\n\nq2 \t a\tb \n").unwrap();
        assert_eq!(q[0].id, "301");
        assert_eq!(q[0].text, "international organized crime");
        assert_eq!(q[1].id, "q2");
        assert_eq!(q[1].text, "a\tb");
        // One line without an id: the file is a query a line, tabs and all.
        let q = parse_queries(p(), "301\tcrime\nrapallo\n").unwrap();
        assert_eq!(q[0].id, "1");
        assert_eq!(q[0].text, "301\tcrime");
        assert_eq!(q[1].id, "2");
    }

    #[test]
    fn beir_queries_keep_their_ids() {
        let q = parse_queries(
            p(),
            "{\"_id\": \"7\", \"text\": \"a claim\"}\n{\"_id\": 8, \"text\": \"b\"}\n",
        )
        .unwrap();
        assert_eq!(q[0].id, "7");
        assert_eq!(q[1].id, "8");
        assert_eq!(q[0].text, "a claim");
        let err = parse_queries(p(), "{\"_id\": \"1\", \"text\": \"a\"}\n{oops\n").unwrap_err();
        assert!(err.to_string().starts_with("q:2: "), "{err}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn query_records_of_other_tools_keep_their_ids() {
        let q = parse_queries(
            p(),
            concat!(
                "{\"qid\": 3, \"query\": \"ms marco\"}\n",
                "{\"query_id\": \"q4\", \"text\": \"ir_datasets\"}\n",
                "{\"id\": \"5\", \"_id\": \"beir\", \"text\": \"both\", \"metadata\": {}}\n",
            ),
        )
        .unwrap();
        let read: Vec<(&str, &str)> = q.iter().map(|q| (&*q.id, &*q.text)).collect();
        assert_eq!(
            read,
            [("3", "ms marco"), ("q4", "ir_datasets"), ("beir", "both")]
        );
        let err = parse_queries(p(), "{\"_id\": \"1\"}\n").unwrap_err();
        assert!(err.to_string().ends_with("no text"), "{err}");
    }

    #[test]
    fn qrels_in_beir_and_trec_form() {
        let beir =
            parse_qrels(p(), "query-id\tcorpus-id\tscore\n1\tdocA\t1\n1\tdocB\t2\n").unwrap();
        assert_eq!(beir["1"]["docB"], 2);
        let trec = parse_qrels(p(), "1 0 docA 1\n2 0 docC 0\n").unwrap();
        assert_eq!(trec["1"]["docA"], 1);
        assert_eq!(trec["2"]["docC"], 0);
        let err = parse_qrels(p(), "1 0 docA 1\n1 0 docB x\n").unwrap_err();
        assert!(err.to_string().contains("q:2"), "{err}");
        let err = parse_qrels(p(), "1 docA\n").unwrap_err();
        assert!(err.to_string().contains("found 2 fields"), "{err}");
    }
}
