//! CSV and TSV files: a table of records (a spreadsheet's export, a dataset of articles), a
//! row an article, its columns named in the header row as a dump's fields are (`title`,
//! `text`, `content`, `body`, `abstract`, `id`, `year`, `lang`, `tags`, `authors`, in any
//! letter case); other columns are not read. The rows are handed on as JSON records, one a
//! line, to be read as a dump's lines are, numbered as a spreadsheet numbers its rows (the
//! header is row 1).

use serde_json::{Map, Value};

use super::json::Items;
use super::jsonl::ARTICLE_KEYS;
use super::jsonl_record::is_record_key;

/// The records of the table `text`, its cells separated by `delimiter` (`None`: whichever of
/// `,`, `;` and tab the header row holds most of, as spreadsheets write CSV in different
/// countries), or why it holds none.
pub(super) fn items(text: &str, delimiter: Option<u8>) -> Result<Items, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter.unwrap_or_else(|| guess_delimiter(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = (reader.headers())
        .map_err(|e| format!("not a table: {e}"))?
        .iter()
        .map(String::from)
        .collect();
    let mut table = Table::new(&header)?;
    for row in reader.records() {
        let row = row.map_err(|e| format!("not a table: {e}"))?;
        table.push(row.iter());
    }
    Ok(table.items())
}

/// A table's records as they are gathered: the columns read, and the rows so far, each a
/// JSON record on a line of its own.
pub(super) struct Table {
    /// Each column's key, lower case; `None` for a column not read.
    columns: Vec<Option<String>>,
    lines: String,
}

impl Table {
    /// A table whose header row is `header`; `Err` (the reason to skip it) when it has no
    /// title or text column.
    pub(super) fn new(header: &[String]) -> Result<Table, String> {
        let columns: Vec<Option<String>> = (header.iter())
            .map(|name| {
                let name = name.trim().to_lowercase();
                // A cell is text: not a list of sections.
                let read = is_record_key(&name) && !["sections", "chapters"].contains(&&*name);
                read.then_some(name)
            })
            .collect();
        if !columns
            .iter()
            .flatten()
            .any(|c| ARTICLE_KEYS.contains(&c.as_str()))
        {
            let named: Vec<&str> = header.iter().take(12).map(String::as_str).collect();
            return Err(format!(
                "a table with no title or text column (its header: {}; see the README's formats)",
                named.join(", ")
            ));
        }
        // Row 1 is the header: a blank line stands for it, so the records are numbered as
        // their rows.
        Ok(Table {
            columns,
            lines: String::from("\n"),
        })
    }

    /// Add the next row, its cells in the order of the header's columns.
    pub(super) fn push<'c>(&mut self, cells: impl Iterator<Item = &'c str>) {
        let mut record = Map::new();
        for (column, cell) in self.columns.iter().zip(cells) {
            let (Some(column), cell) = (column, cell.trim()) else {
                continue;
            };
            if !cell.is_empty() && !record.contains_key(column) {
                record.insert(column.clone(), Value::String(cell.to_string()));
            }
        }
        // A row of empty cells stays a line, so the rows after it keep their numbers.
        if !record.is_empty() {
            self.lines.push_str(&Value::Object(record).to_string());
        }
        self.lines.push('\n');
    }

    /// The records gathered.
    pub(super) fn items(self) -> Items {
        Items {
            lines: self.lines,
            lossy: false,
            by_line: false,
        }
    }
}

/// Which of `,`, `;` and tab the first line holds most of, outside quotes (`,` on a tie).
fn guess_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '\n' if !quoted => break,
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let most = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    [b',', b';', b'\t'][most]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, delimiter: Option<u8>) -> Vec<String> {
        items(text, delimiter)
            .unwrap()
            .lines
            .lines()
            .map(String::from)
            .collect()
    }

    #[test]
    fn rows_become_records_of_the_columns_a_dump_has() {
        let text = "\u{feff}ID,Title,Date,Content,URL\n\
                    7,Rapallo,1922-04-16,\"Signed at Rapallo,\nin April.\",https://x.org\n\
                    ,,,,\n\
                    ,Genoa,,The conference,\n";
        assert_eq!(
            records(text, None),
            [
                "",
                r#"{"content":"Signed at Rapallo,\nin April.","date":"1922-04-16","id":"7","title":"Rapallo"}"#,
                "",
                r#"{"content":"The conference","title":"Genoa"}"#,
            ]
        );
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses() {
        assert_eq!(guess_delimiter("title;text;\"a,b,c\"\nx,y,z"), b';');
        assert_eq!(guess_delimiter("title\ttext\n"), b'\t');
        assert_eq!(guess_delimiter("title\n"), b',');
        let text = "title;text\nVersailles;Signed in 1919, in the Hall of Mirrors\n";
        assert_eq!(
            records(text, None)[1],
            r#"{"text":"Signed in 1919, in the Hall of Mirrors","title":"Versailles"}"#
        );
    }

    #[test]
    fn a_table_without_a_text_column_is_refused_naming_its_header() {
        let error = items("date,amount\n2024-01-01,3\n", None).unwrap_err();
        assert!(
            error.contains("no title or text column (its header: date, amount"),
            "{error}"
        );
    }
}
