//! Spreadsheets (Excel's `.xlsx`, LibreOffice's `.ods`): each sheet whose header row names a
//! title or text column read as its CSV export would be (see [`super::table`]), a row an
//! article. Cells are read as they show text (a shared string, an inline string, a
//! formula's last value, a date as the date it shows, written `1918-11-11`, another number
//! as written in the file); a sheet holds at most
//! [`MAX_COLUMNS`] columns and [`MAX_ROWS`] rows, so that a sheet declaring a million
//! empty ones costs nothing.

use roxmltree::Node;

use self::dates::DateStyles;
use super::json::Items;
use super::table::Table;
use super::zipped::Archive;

/// Columns read of a row.
const MAX_COLUMNS: usize = 1_000;
/// Rows read of a sheet.
const MAX_ROWS: usize = 1_000_000;
/// Times a row of text written once as repeated is read: a sheet repeats a row written
/// alike below itself, never a thousand articles, and a few hundred bytes must not become
/// a million of them.
const MAX_REPEATED_ROWS: usize = 100;

/// A sheet: its name and its rows of cells, the first its header.
type Sheet = (String, Vec<Vec<String>>);

/// The records of each sheet of the spreadsheet `bytes` (`ods` for OpenDocument, else
/// Office Open XML) whose header row names a title or text column, with the sheet's name,
/// in the workbook's order; each file of the archive held to `limit` bytes. `Err` says why
/// it holds none, naming each sheet's header.
pub(super) fn items(
    bytes: &[u8],
    ods: bool,
    limit: u64,
    warnings: &mut Vec<String>,
) -> Result<Vec<(String, Items)>, String> {
    let sheets = match ods {
        true => ods_sheets(bytes, limit, warnings)?,
        false => xlsx_sheets(bytes, limit)?,
    };
    let mut read = Vec::new();
    let mut headers = Vec::new();
    for (name, rows) in sheets {
        let Some(header) = rows.first() else {
            continue;
        };
        match Table::new(header) {
            Ok(mut table) => {
                for row in &rows[1..] {
                    table.push(row.iter().map(String::as_str));
                }
                read.push((name, table.items()));
            }
            Err(_) => {
                let named: Vec<&str> = header.iter().take(12).map(String::as_str).collect();
                headers.push(format!("{name:?}: {}", named.join(", ")));
            }
        }
    }
    match read.is_empty() {
        false => Ok(read),
        true if headers.is_empty() => Err("a spreadsheet with no rows".into()),
        true => Err(format!(
            "a spreadsheet with no sheet whose first row names a title or text column ({}; \
             see the README's formats)",
            headers.join("; ")
        )),
    }
}

/// An Excel workbook's sheets, in the workbook's order.
fn xlsx_sheets(bytes: &[u8], limit: u64) -> Result<Vec<Sheet>, String> {
    let mut archive = Archive::open(bytes, "an Excel workbook", limit)?;
    let shared = match archive.optional_text("xl/sharedStrings.xml") {
        Some(text) => {
            let document = archive.xml(&text, "xl/sharedStrings.xml")?;
            (document.root_element().children())
                .filter(|n| n.has_tag_name("si"))
                .map(shared_string)
                .collect()
        }
        None => Vec::new(),
    };
    let workbook = archive.text("xl/workbook.xml")?;
    let workbook = archive.xml(&workbook, "xl/workbook.xml")?;
    let from_1904 = (workbook.descendants())
        .find(|n| n.has_tag_name("workbookPr"))
        .and_then(|n| n.attribute("date1904"))
        .is_some_and(|v| v == "1" || v == "true");
    let styles = archive.optional_text("xl/styles.xml").unwrap_or_default();
    let styles = archive.xml(&styles, "xl/styles.xml").ok();
    let dates = DateStyles::new(styles.as_ref(), from_1904);
    let relations = archive
        .optional_text("xl/_rels/workbook.xml.rels")
        .unwrap_or_default();
    let relations = archive.xml(&relations, "xl/_rels/workbook.xml.rels").ok();
    const RELATIONSHIPS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut sheets = Vec::new();
    let listed = (workbook.descendants()).filter(|n| n.has_tag_name("sheet"));
    for (i, sheet) in listed.enumerate() {
        let name = sheet.attribute("name").unwrap_or_default().to_string();
        let target = (sheet.attribute((RELATIONSHIPS, "id")))
            .and_then(|id| {
                let relations = relations.as_ref()?;
                (relations.descendants())
                    .find(|n| n.attribute("Id") == Some(id))?
                    .attribute("Target")
            })
            .map(|target| match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            })
            .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", i + 1));
        let Some(text) = archive.optional_text(&target) else {
            continue;
        };
        let document = archive.xml(&text, &target)?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        for row in (document.descendants()).filter(|n| n.has_tag_name("row")) {
            // A row is placed by its number: the empty rows between are not written.
            let number = (row.attribute("r"))
                .and_then(|r| r.parse::<usize>().ok())
                .filter(|&r| r > rows.len())
                .unwrap_or(rows.len() + 1);
            if number > MAX_ROWS {
                break;
            }
            rows.resize(number - 1, Vec::new());
            rows.push(xlsx_row(row, &shared, &dates));
        }
        sheets.push((name, rows));
    }
    Ok(sheets)
}

/// A shared string's text: its runs' text, not the phonetic guides of East Asian text.
fn shared_string(si: Node) -> String {
    (si.descendants())
        .filter(|n| n.has_tag_name("t") && !n.ancestors().any(|a| a.has_tag_name("rPh")))
        .filter_map(|n| n.text())
        .collect()
}

/// An Excel row's cells, placed by their column (`C7` is the third).
fn xlsx_row(row: Node, shared: &[String], dates: &DateStyles) -> Vec<String> {
    let mut cells: Vec<String> = Vec::new();
    for cell in row.children().filter(|n| n.has_tag_name("c")) {
        let column = (cell.attribute("r"))
            .and_then(column_of)
            .unwrap_or(cells.len());
        if column >= MAX_COLUMNS {
            break;
        }
        let value = || {
            (cell.children())
                .find(|n| n.has_tag_name("v"))
                .and_then(|v| v.text())
                .unwrap_or_default()
        };
        let text = match cell.attribute("t") {
            Some("s") => (value().trim().parse::<usize>().ok())
                .and_then(|i| shared.get(i))
                .cloned()
                .unwrap_or_default(),
            Some("inlineStr") => (cell.descendants())
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|n| n.text())
                .collect(),
            // An error (`#N/A`) or a truth value is no text.
            Some("e" | "b") => String::new(),
            _ => (dates.date(cell.attribute("s"), value())).unwrap_or_else(|| value().to_string()),
        };
        if cells.len() <= column {
            cells.resize(column + 1, String::new());
        }
        cells[column] = text;
    }
    cells
}

/// The column of a cell reference: `A7` is 0, `AB7` is 27.
fn column_of(reference: &str) -> Option<usize> {
    let letters = reference.bytes().take_while(u8::is_ascii_alphabetic);
    let mut column = 0usize;
    let mut any = false;
    for letter in letters {
        any = true;
        column = column
            .checked_mul(26)?
            .checked_add(usize::from(letter.to_ascii_uppercase() - b'A') + 1)?;
    }
    any.then(|| column - 1)
}

/// An OpenDocument spreadsheet's sheets, in order.
fn ods_sheets(bytes: &[u8], limit: u64, warnings: &mut Vec<String>) -> Result<Vec<Sheet>, String> {
    let mut archive = Archive::open(bytes, "an OpenDocument spreadsheet", limit)?;
    let text = archive.text("content.xml")?;
    let document = archive.xml(&text, "content.xml")?;
    const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    let repeated = |node: Node, what: &str| {
        (node.attribute((TABLE, what)))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let mut sheets = Vec::new();
    for table in document.descendants().filter(|n| n.has_tag_name("table")) {
        let name = table.attribute((TABLE, "name")).unwrap_or_default();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut empty = 0usize;
        let table_rows = (table.descendants())
            .filter(|n| n.has_tag_name("table-row"))
            .filter(|n| n.ancestors().skip(1).find(|a| a.has_tag_name("table")) == Some(table));
        for row in table_rows {
            let mut cells = Vec::new();
            for cell in row
                .children()
                .filter(|n| n.has_tag_name("table-cell") || n.has_tag_name("covered-table-cell"))
            {
                // A date as the date it is, not as the sheet's locale writes it.
                let date = (cell.attribute((OFFICE, "value-type")) == Some("date"))
                    .then(|| cell.attribute((OFFICE, "date-value")))
                    .flatten()
                    .map(|date| date.split('T').next().unwrap_or(date).to_string());
                let text = date.unwrap_or_else(|| {
                    (cell.children())
                        .filter(|n| n.has_tag_name("p"))
                        .map(paragraph_text)
                        .collect::<Vec<_>>()
                        .join("\n")
                });
                let times =
                    repeated(cell, "number-columns-repeated").min(MAX_COLUMNS - cells.len());
                cells.extend(std::iter::repeat_n(text, times));
                if cells.len() >= MAX_COLUMNS {
                    break;
                }
            }
            // Trailing empty cells (a row repeated to the sheet's end) hold nothing.
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            let times = repeated(row, "number-rows-repeated");
            // Empty rows count only once a row with text follows them: a sheet is written
            // with its empty rows repeated to the millionth.
            if cells.is_empty() {
                empty = empty.saturating_add(times);
                continue;
            }
            let empty_rows = std::mem::take(&mut empty).min(MAX_ROWS - rows.len());
            rows.extend(std::iter::repeat_n(Vec::new(), empty_rows));
            if times > MAX_REPEATED_ROWS {
                warnings.push(format!(
                    "sheet {name:?}: row {} is repeated {times} times; read {MAX_REPEATED_ROWS} \
                     times",
                    rows.len() + 1
                ));
            }
            let times = times.min(MAX_REPEATED_ROWS).min(MAX_ROWS - rows.len());
            rows.extend(std::iter::repeat_n(cells, times));
            if rows.len() >= MAX_ROWS {
                break;
            }
        }
        sheets.push((name.to_string(), rows));
    }
    Ok(sheets)
}

/// The text of an OpenDocument paragraph: its text, spaces (`<text:s text:c="3"/>`) and
/// tabs as written, its spans' and links' text.
fn paragraph_text(p: Node) -> String {
    let mut out = String::new();
    for node in p.descendants() {
        if node.is_text() {
            out.push_str(node.text().unwrap_or_default());
        } else if node.has_tag_name("s") {
            let count = (node.attributes().find(|a| a.name() == "c"))
                .and_then(|a| a.value().parse::<usize>().ok())
                .unwrap_or(1)
                .min(64);
            out.extend(std::iter::repeat_n(' ', count));
        } else if node.has_tag_name("tab") || node.has_tag_name("line-break") {
            out.push(' ');
        }
    }
    out
}

mod dates;
#[cfg(test)]
mod tests;
