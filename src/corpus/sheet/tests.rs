use std::io::Write;

use super::*;

/// A zip archive of `files` (name, text), stored.
fn zipped(files: &[(&str, &str)]) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in files {
            zip.start_file(*name, stored).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    bytes
}

fn lines(items: Items) -> Vec<String> {
    items.lines.lines().map(String::from).collect()
}

/// A workbook of two sheets: notes without a title column, then the articles.
pub(super) fn workbook() -> Vec<u8> {
    zipped(&[
        (
            "xl/workbook.xml",
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Notes" sheetId="1" r:id="rId2"/><sheet name="Treaties" sheetId="2" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>"#,
        ),
        (
            "xl/sharedStrings.xml",
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Title</t></si><si><t>Text</t></si><si><r><t>Treaty of </t></r><r><t>Rapallo</t></r></si><si><t>Signed by Germany and Russia.</t><rPh><t>x</t></rPh></si><si><t>Remark</t></si></sst>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Year</t></is></c></row>
<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="D2"><v>1922</v></c></row>
<row r="4"><c r="A4" t="str"><f>A2</f><v>Locarno</v></c><c r="B4" t="e"><v>#N/A</v></c></row>
</sheetData></worksheet>"#,
        ),
        (
            "xl/worksheets/sheet2.xml",
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>4</v></c></row></sheetData></worksheet>"#,
        ),
    ])
}

#[test]
fn an_excel_workbooks_sheet_of_articles_is_read_as_a_table() {
    let mut warnings = Vec::new();
    let mut sheets = items(&workbook(), false, 1 << 20, &mut warnings).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(sheets.len(), 1);
    let (name, items) = sheets.remove(0);
    assert_eq!(name, "Treaties");
    assert_eq!(
        lines(items),
        [
            "",
            r#"{"text":"Signed by Germany and Russia.","title":"Treaty of Rapallo","year":"1922"}"#,
            "",
            r#"{"title":"Locarno"}"#,
        ]
    );
}

#[test]
fn an_opendocument_spreadsheet_is_read_as_a_table() {
    let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="Events">
<table:table-row><table:table-cell><text:p>Title</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>Content</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
<table:table-row><table:table-cell><text:p>Locarno</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/><table:table-cell><text:p>Initialled<text:s text:c="2"/>in 1925.</text:p><text:p>Signed in London.</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1000000"><table:table-cell><text:p>Again</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048470"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table>
<table:table table:name="Other"><table:table-row><table:table-cell><text:p>Title</text:p></table:table-cell></table:table-row></table:table>
</office:spreadsheet></office:body></office:document-content>"#;
    let bytes = zipped(&[("content.xml", content)]);
    let mut warnings = Vec::new();
    let mut sheets = items(&bytes, true, 1 << 20, &mut warnings).unwrap();
    // Every sheet of articles is read, in order.
    let names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["Events", "Other"]);
    assert_eq!(lines(sheets.pop().unwrap().1), [""]);
    let lines = lines(sheets.pop().unwrap().1);
    assert_eq!(
        lines[..4],
        [
            "",
            "",
            "",
            r#"{"content":"Initialled  in 1925.\nSigned in London.","title":"Locarno"}"#,
        ]
    );
    // A row of text repeated a million times is read a hundred times; the empty rows to
    // the sheet's end are none.
    assert_eq!(lines.len(), 4 + 100);
    assert_eq!(lines[4], r#"{"title":"Again"}"#);
    assert_eq!(
        warnings,
        ["sheet \"Events\": row 5 is repeated 1000000 times; read 100 times"]
    );
}

#[test]
fn a_spreadsheet_without_articles_names_its_sheets_headers() {
    let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Budget"><table:table-row><table:table-cell><text:p>Item</text:p></table:table-cell><table:table-cell><text:p>Cost</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let error = items(
        &zipped(&[("content.xml", content)]),
        true,
        1 << 20,
        &mut Vec::new(),
    )
    .err()
    .unwrap();
    assert!(error.contains("\"Budget\": Item, Cost"), "{error}");
    assert!(items(b"not a zip", false, 1 << 20, &mut Vec::new())
        .unwrap_err()
        .contains("not a zip archive"));
}

#[test]
fn cell_references_name_their_columns() {
    assert_eq!(column_of("A7"), Some(0));
    assert_eq!(column_of("Z1"), Some(25));
    assert_eq!(column_of("AB12"), Some(27));
    assert_eq!(column_of("12"), None);
    assert_eq!(column_of("ZZZZZZZZZZZZZZZZZZ1"), None);
}

#[test]
fn a_date_cell_is_read_as_the_date_it_shows() {
    let bytes = zipped(&[
        (
            "xl/workbook.xml",
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Events" sheetId="1"/></sheets></workbook>"#,
        ),
        (
            "xl/styles.xml",
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c><c r="B1" t="inlineStr"><is><t>Date</t></is></c><c r="C1" t="inlineStr"><is><t>Id</t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t>Armistice</t></is></c><c r="B2" s="1"><v>6890</v></c><c r="C2" s="0"><v>6890</v></c></row>
</sheetData></worksheet>"#,
        ),
    ]);
    let read = items(&bytes, false, 1 << 20, &mut Vec::new()).unwrap();
    assert_eq!(
        lines(read.into_iter().next().unwrap().1),
        [
            "",
            r#"{"date":"1918-11-11","id":"6890","title":"Armistice"}"#
        ]
    );

    let content = r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Events">
<table:table-row><table:table-cell><text:p>Title</text:p></table:table-cell><table:table-cell><text:p>Date</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell><text:p>Armistice</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="1918-11-11T11:00:00"><text:p>11/11/18</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
    let read = items(
        &zipped(&[("content.xml", content)]),
        true,
        1 << 20,
        &mut Vec::new(),
    )
    .unwrap();
    assert_eq!(
        lines(read.into_iter().next().unwrap().1),
        ["", r#"{"date":"1918-11-11","title":"Armistice"}"#]
    );
}
