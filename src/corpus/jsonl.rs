//! JSON Lines files: one article per line, `{"id"|"_id","title","text"}` or
//! `{"id","title","sections":[{"heading","text"}]}`, with optional `"year"` and `"reading"`;
//! the keys other dumps use for each are read too (see [`super::jsonl_record`]).

use super::html;
pub(crate) use super::jsonl_record::ARTICLE_KEYS;
use super::jsonl_record::{Id, Record, RecordBook};
use super::lenient::Year;
use super::model::{Block, Outline, ReadingEntry};
use super::record_sections::Section;

/// Heading given to reading entries listed in a record's `"reading"` field.
const READING_HEADING: &str = "Reading";

/// How a file's records are numbered, in ids, titles and notes: by line in a JSON Lines
/// dump, by item in a JSON list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    Line,
    Item,
    /// A table's rows, the header row 1.
    Row,
    /// A bibliography's entries.
    Entry,
}

impl Numbering {
    /// The word put before a record's number.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Numbering::Line => "line",
            Numbering::Item => "item",
            Numbering::Row => "row",
            Numbering::Entry => "entry",
        }
    }
}

/// The warning for record `number` (a line, or what `unit` names), `len` bytes long, which
/// is over the size limit `max_record` and left out.
pub(crate) fn too_large(unit: &str, number: usize, len: u64, max_record: u64) -> String {
    format!(
        "{unit} {number}: a record of {len} bytes, larger than the size limit \
         ({max_record} bytes; see --max-file-size)"
    )
}

/// One parsed line: its id (when the record has one) and outline.
pub(crate) struct Line {
    /// One-based number of the line (or item) in the file.
    pub number: usize,
    /// The hash of the line's text.
    pub hash: u64,
    pub id: Option<String>,
    pub outline: Outline,
    /// What was odd in the record and left out, each starting with the line number.
    pub notes: Vec<String>,
}

/// Parse every non-blank line. A line that is not a valid record gives an error naming its
/// number (a line's, or an item's as `numbering` says); the other lines are still returned.
/// `first` is the number of the text's first line in its file.
pub(crate) fn parse(
    text: &str,
    first: usize,
    max_record: u64,
    numbering: Numbering,
) -> Vec<Result<Line, String>> {
    let unit = numbering.word();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let number = first + i;
            if l.len() as u64 > max_record {
                return Err(too_large(unit, number, l.len() as u64, max_record));
            }
            let mut record: Record =
                serde_json::from_str(l).map_err(|e| record_error(unit, number, l, &e))?;
            let mut notes = Vec::new();
            let id = match record.id.take() {
                Some(Id::Text(s)) => Some(s),
                Some(Id::Number(n)) => Some(n.to_string()),
                Some(Id::Mongo { oid }) => Some(oid),
                Some(Id::Other(_)) => {
                    notes.push("id is neither text nor a number; numbered by its line".into());
                    None
                }
                None => None,
            };
            let outline = outline(record, &mut notes);
            if outline.sections.is_empty() && outline.title.as_deref().is_none_or(str::is_empty) {
                notes.push("no text to index; left out".into());
            }
            Ok(Line {
                number,
                hash: super::hash_bytes(l.as_bytes()),
                id,
                outline,
                notes: (notes.into_iter())
                    .map(|note| format!("{unit} {number}: {note}"))
                    .collect(),
            })
        })
        .collect()
}

/// What is wrong with line (or item) `number`, `line`, which did not parse as a record: a
/// value other than an object, or the column where the JSON breaks (not serde's "line 1").
fn record_error(unit: &str, number: usize, line: &str, error: &serde_json::Error) -> String {
    let what = match line.trim_start().bytes().next() {
        Some(b'[') => "a list",
        Some(b'"') => "a string",
        Some(b'-' | b'0'..=b'9') => "a number",
        Some(b't' | b'f') => "true or false",
        Some(b'n') => "null",
        _ => "",
    };
    if error.is_data() && !what.is_empty() {
        return format!("{unit} {number}: {what}, not a record (a JSON object); skipped");
    }
    let message = error.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(&*message, |(m, _)| m);
    format!(
        "{unit} {number}: not valid JSON at column {}: {message}; skipped",
        error.column()
    )
}

/// Whether `text` is written in HTML, as a CMS exports its posts (Ghost's `html`,
/// WordPress's `content.rendered`): it holds a paragraph's, line break's, division's,
/// heading's or list item's tag.
fn is_html(text: &str) -> bool {
    const TAGS: [&str; 12] = [
        "<p>", "<p ", "</p>", "<br", "</div>", "</li>", "</h1>", "</h2>", "</h3>", "</h4>",
        "</h5>", "</h6>",
    ];
    text.contains('<') && TAGS.iter().any(|tag| text.contains(tag))
}

/// Add `sections`, under the headings `path`, to `outline`; a heading that repeats the
/// article's `title` adds no level. A section's text in HTML is read as a page's, its own
/// headings nested under the section's.
fn push_sections(
    outline: &mut Outline,
    path: &mut Vec<String>,
    sections: Vec<Section>,
    title: &str,
    notes: &mut Vec<String>,
) {
    for section in sections {
        let heading = section.heading.text.trim();
        let level = !heading.is_empty() && heading != title;
        if level {
            path.push(heading.to_string());
        }
        let page = (is_html(&section.text.text))
            .then(|| html::parse_part(title, &section.text.text, "its HTML", notes))
            .flatten();
        match page {
            Some(page) => {
                outline.rendered = true;
                for (headings, blocks) in page.sections {
                    let under: Vec<String> = path.iter().chain(&headings).cloned().collect();
                    for block in blocks {
                        outline.push(&under, block);
                    }
                }
            }
            None => {
                for paragraph in section.text.text.split('\n') {
                    outline.push(path, Block::Paragraph(paragraph.trim().to_string()));
                }
            }
        }
        push_sections(outline, path, section.children.sections, title, notes);
        if level {
            path.pop();
        }
    }
}

/// The outline of a record; what was odd in it is pushed to `notes`.
fn outline(mut record: Record, notes: &mut Vec<String>) -> Outline {
    notes.append(&mut record.notes);
    notes.extend(record.sections.notes);
    let title = record
        .title
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let year = match record
        .year
        .as_ref()
        .or(record.issued.0.as_ref())
        .map(Year::value)
    {
        Some(Ok(year)) => Some(year),
        Some(Err(note)) => {
            notes.push(note);
            None
        }
        None => None,
    };
    let mut outline = Outline {
        year,
        lang: crate::language::normalize(&record.lang.text),
        tags: record.tags.0,
        authors: record.authors.0,
        title_is_text: true,
        ..Outline::default()
    };
    if !record.sections.sections.is_empty() && !record.text.text.trim().is_empty() {
        notes.push(format!(
            "both \"{}\" and \"sections\"; the sections are indexed, the text is not",
            record.text_key
        ));
    }
    let sections = match record.sections.sections.is_empty() {
        true => vec![Section {
            text: record.text,
            ..Section::default()
        }],
        false => record.sections.sections,
    };
    push_sections(&mut outline, &mut Vec::new(), sections, &title, notes);
    outline.title = Some(title);
    let mut n = 0;
    outline.reading = (record.reading.into_iter())
        .filter_map(|book| {
            n += 1;
            match book {
                RecordBook::Title(title) => Some(ReadingEntry {
                    context: title.clone(),
                    title,
                    author: None,
                    heading: READING_HEADING.to_string(),
                    section: None,
                }),
                RecordBook::Book {
                    title,
                    author,
                    heading,
                } => Some(ReadingEntry {
                    context: title.clone(),
                    title,
                    author,
                    heading: heading.unwrap_or_else(|| READING_HEADING.to_string()),
                    section: None,
                }),
                RecordBook::Other(_) => {
                    notes.push(format!(
                        "reading entry {n} is neither a title nor a book; left out"
                    ));
                    None
                }
            }
        })
        .collect();
    outline
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_of_both_shapes_parse_and_bad_lines_name_their_number() {
        let text = concat!(
            r#"{"_id": 7, "title": "Flat", "text": "In 1848 revolutions spread.\nSecond paragraph."}"#,
            "\n\n",
            "{not json}\n",
            r#"{"id": "x", "title": "T", "year": 1900, "sections": [{"heading": "", "text": "Lead"}, {"heading": "Later", "text": "More"}], "reading": ["Book A", {"title": "Book B", "author": "Someone"}]}"#,
        );
        let lines = parse(text, 1, 1 << 20, Numbering::Line);
        assert_eq!(lines.len(), 3);
        let first = lines[0].as_ref().unwrap();
        assert_eq!(first.id.as_deref(), Some("7"));
        assert_eq!(first.outline.sections[0].1.len(), 2);
        assert_eq!(
            lines[1].as_ref().err().unwrap(),
            "line 3: not valid JSON at column 2: key must be a string; skipped"
        );
        let third = lines[2].as_ref().unwrap();
        assert_eq!(third.number, 4);
        assert_eq!(third.outline.year, Some(1900));
        let heads: Vec<_> = third
            .outline
            .sections
            .iter()
            .map(|(h, _)| h.clone())
            .collect();
        assert_eq!(heads, vec![Vec::<String>::new(), vec!["Later".to_string()]]);
        assert_eq!(third.outline.reading[1].author.as_deref(), Some("Someone"));
    }

    #[test]
    fn people_are_read_as_citation_managers_export_them() {
        // Zotero's CSL JSON: authors as family and given names, an institution as a literal.
        let text = r#"{"id": "runciman1965", "type": "book", "title": "The Fall of Constantinople 1453", "author": [{"family": "Runciman", "given": "Steven"}, {"literal": "Cambridge University"}, {"family": "Ibn Battuta"}, {"given": " "}, 3], "abstract": "The siege of 1453.", "issued": {"date-parts": [[1965, 3]]}}"#;
        let lines = parse(text, 1, 1 << 20, Numbering::Item);
        let record = lines[0].as_ref().unwrap();
        assert_eq!(
            record.outline.authors,
            ["Steven Runciman", "Cambridge University", "Ibn Battuta"]
        );
        // CSL JSON's date of publication is the record's year, in any of its shapes.
        assert_eq!(record.outline.year, Some(1965));
        for (issued, year) in [
            (r#"{"date-parts": [["1954"]]}"#, Some(1954)),
            (r#"{"raw": "1923-05-01"}"#, Some(1923)),
            (r#"{"literal": "Spring 1871"}"#, Some(1871)),
            (r#"{"season": 1}"#, None),
            (r#""1066""#, None),
        ] {
            let text = format!(r#"{{"title": "T", "text": "x", "issued": {issued}}}"#);
            let lines = parse(&text, 1, 1 << 20, Numbering::Item);
            let record = lines[0].as_ref().unwrap();
            assert_eq!(record.outline.year, year, "{issued}");
        }
    }

    #[test]
    fn a_mongodb_object_id_is_the_records_id() {
        let text = "{\"_id\": {\"$oid\": \"5f1a\"}, \"text\": \"a\"}\n{\"_id\": {\"x\": 1}, \"text\": \"b\"}";
        let lines = parse(text, 1, 1 << 20, Numbering::Line);
        assert_eq!(lines[0].as_ref().unwrap().id.as_deref(), Some("5f1a"));
        let other = lines[1].as_ref().unwrap();
        assert_eq!(other.id, None);
        assert_eq!(
            other.notes,
            ["line 2: id is neither text nor a number; numbered by its line"]
        );
    }

    #[test]
    fn a_record_without_text_is_left_out_with_a_note() {
        let lines = parse(
            "{}\n{\"title\": \" \", \"sections\": [{\"text\": \" \"}]}\n",
            1,
            1 << 20,
            Numbering::Line,
        );
        let notes: Vec<&[String]> = lines
            .iter()
            .map(|l| &l.as_ref().unwrap().notes[..])
            .collect();
        assert_eq!(
            notes,
            [
                ["line 1: no text to index; left out"],
                ["line 2: no text to index; left out"]
            ]
        );
    }

    #[test]
    fn text_is_read_under_the_names_other_dumps_give_it() {
        let lines = parse(
            concat!(
                r#"{"id": "a", "contents": "Pyserini's field."}"#,
                "\n",
                r#"{"id": "b", "title": "B", "body": "An API's field.", "abstract": "Not this."}"#,
                "\n",
                r#"{"id": "c", "abstract": "A bibliography's field.", "text": ""}"#,
                "\n",
                r#"{"id": "d", "text": "Its own text.", "content": "Not this."}"#,
                "\n",
            ),
            1,
            1 << 20,
            Numbering::Line,
        );
        let texts: Vec<String> = (lines.into_iter())
            .map(|l| {
                let line = l.unwrap();
                assert!(line.notes.is_empty(), "{:?}", line.notes);
                let article = (line.outline)
                    .into_article("x".into(), "x.jsonl".into(), "x", |s| s.to_string())
                    .unwrap();
                article.sections[0].text.clone()
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Pyserini's field.",
                "An API's field.",
                "A bibliography's field.",
                "Its own text."
            ]
        );
    }

    #[test]
    fn text_in_html_is_read_as_a_page_under_its_sections_heading() {
        let lines = parse(
            concat!(
                r#"{"id": 2, "title": {"rendered": "Sedan"}, "content": {"rendered": "<p>The army <b>surrendered</b>.</p><h2>Aftermath</h2><p>Napoleon &amp; the Empire fell.</p>"}}"#,
                "\n",
                r#"{"title": "T", "sections": [{"heading": "Part", "text": "<p>One</p><h3>Sub</h3><p>Two</p>"}], "text": "<p>a</p>"}"#,
                "\n",
                r#"{"title": "Plain", "text": "1 < 2 and x<y, said <nobody>."}"#,
            ),
            1,
            1 << 20,
            Numbering::Line,
        );
        let outline = |i: usize| &lines[i].as_ref().unwrap().outline;
        let sedan = outline(0);
        assert_eq!(sedan.title.as_deref(), Some("Sedan"));
        assert!(sedan.rendered);
        assert_eq!(sedan.heading_paths(), ["", "Aftermath"]);
        assert_eq!(sedan.sections[1].1[0].text(), "Napoleon & the Empire fell.");
        assert_eq!(outline(1).heading_paths(), ["Part", "Part › Sub"]);
        let plain = outline(2);
        assert!(!plain.rendered);
        assert_eq!(
            plain.sections[0].1[0].text(),
            "1 < 2 and x<y, said <nobody>."
        );
    }

    #[test]
    fn a_record_with_only_a_title_is_an_article_of_its_title() {
        let mut lines = parse(
            "{\"_id\": \"7\", \"title\": \"Sparse Matrix Package\", \"text\": \"\"}\n",
            1,
            1 << 20,
            Numbering::Line,
        );
        let line = lines.remove(0).unwrap();
        assert!(line.notes.is_empty(), "{:?}", line.notes);
        let article = (line.outline)
            .into_article("7".into(), "c.jsonl".into(), "c line 1", |s| s.to_string())
            .expect("a titled record is an article");
        assert_eq!(article.title, "Sparse Matrix Package");
        assert_eq!(article.sections.len(), 1);
        assert_eq!(article.sections[0].text, "");
        assert!(article.sections[0].headings.is_empty());
    }

    #[test]
    fn a_record_with_both_text_and_sections_says_which_was_indexed() {
        let lines = parse(
            "{\"title\": \"T\", \"text\": \"Whole\", \"sections\": [{\"text\": \"Part\"}]}\n",
            1,
            1 << 20,
            Numbering::Line,
        );
        let line = lines[0].as_ref().unwrap();
        assert_eq!(
            line.notes,
            ["line 1: both \"text\" and \"sections\"; the sections are indexed, the text is not"]
        );
        assert_eq!(line.outline.sections.len(), 1);
    }

    #[test]
    fn a_line_that_is_not_an_object_says_what_it_is() {
        let errors: Vec<String> = parse(
            "[]\n\"text\"\n42\nnull\n{\"text\": [1\n",
            1,
            1 << 20,
            Numbering::Line,
        )
        .into_iter()
        .map(|line| line.err().unwrap())
        .collect();
        assert_eq!(
            errors,
            [
                "line 1: a list, not a record (a JSON object); skipped",
                "line 2: a string, not a record (a JSON object); skipped",
                "line 3: a number, not a record (a JSON object); skipped",
                "line 4: null, not a record (a JSON object); skipped",
                "line 5: not valid JSON at column 11: EOF while parsing a list; skipped",
            ]
        );
    }

    #[test]
    fn years_of_any_written_type_are_read_and_odd_ones_noted() {
        let year = |value: &str| {
            let line = format!(r#"{{"id": "y", "title": "T", "text": "Lead", "year": {value}}}"#);
            let lines = parse(&line, 1, 1 << 20, Numbering::Line);
            let line = lines[0].as_ref().expect("the record parses");
            assert_eq!(
                line.notes.len(),
                usize::from(line.outline.year.is_none()),
                "{value}"
            );
            line.outline.year
        };
        assert_eq!(year("1914"), Some(1914));
        assert_eq!(year("-44"), Some(-44));
        assert_eq!(year("1914.7"), Some(1914));
        assert_eq!(year(r#""1914""#), Some(1914));
        assert_eq!(year(r#""44 BC""#), Some(-44));
        assert_eq!(year(r#""19th century""#), Some(1800));
        assert_eq!(year(r#""soon""#), None);
        assert_eq!(year("[1, 2]"), None);
        assert_eq!(year("1000000"), None);
        assert_eq!(year("1e300"), None);
        let null = parse(
            r#"{"id": "y", "text": "Lead", "year": null}"#,
            1,
            1 << 20,
            Numbering::Line,
        );
        let null = null[0].as_ref().unwrap();
        assert!(null.outline.year.is_none() && null.notes.is_empty());
    }

    #[test]
    fn a_posts_date_gives_its_year_after_a_year() {
        let year = |fields: &str| {
            let line = format!(r#"{{"title": "T", "text": "Lead", {fields}}}"#);
            let lines = parse(&line, 1, 1 << 20, Numbering::Line);
            lines[0].as_ref().expect("the record parses").outline.year
        };
        assert_eq!(year(r#""date": "1918-11-11T11:00:00""#), Some(1918));
        assert_eq!(year(r#""datePublished": "11 November 1918""#), Some(1918));
        assert_eq!(
            year(r#""published_at": "Mon, 11 Nov 1918 11:00:00 GMT""#),
            Some(1918)
        );
        assert_eq!(year(r#""date": "1919-06-28", "year": 1918"#), Some(1918));
        assert_eq!(
            year(r#""issued": {"date-parts": [[1920]]}, "date": "1919""#),
            Some(1919)
        );
    }

    #[test]
    fn a_record_over_the_limit_is_skipped_naming_its_line() {
        let small = r#"{"id": "a", "title": "A", "text": "Short."}"#;
        let big = format!(
            r#"{{"id": "b", "title": "B", "text": "{}"}}"#,
            "x".repeat(200)
        );
        let lines = parse(&format!("{small}\n{big}\n{small}"), 1, 100, Numbering::Line);
        assert!(lines[0].is_ok() && lines[2].is_ok());
        let error = lines[1].as_ref().err().unwrap();
        assert!(error.starts_with("line 2: a record of "), "{error}");
        assert!(error.contains("--max-file-size"), "{error}");
    }
}
