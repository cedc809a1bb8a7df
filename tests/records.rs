//! Files of many records: a JSON export, a spreadsheet's table, BibTeX and RIS
//! bibliographies, each record an article.

use crate::util::TestEnv;

#[test]
fn a_json_export_is_read_record_by_record_and_other_json_is_skipped_with_a_reason() {
    let env = TestEnv::new();
    env.write(
        "export.json",
        r#"[
  {
    "id": "rapallo",
    "title": "The Treaty of Rapallo",
    "year": 1922,
    "sections": [{"heading": "Genoa", "text": "Signed beside the Genoa conference."}],
    "reading": [{"title": "The Bolshevik Revolution", "author": "E. H. Carr"}]
  },
  {"body": "An untitled note on Locarno."}
]"#,
    );
    env.write(
        "api.json",
        r#"{"count": 1, "results": [{"title": "Locarno Treaties", "text": "Initialled in 1925."}]}"#,
    );
    env.write("settings.json", r#"{"theme": "dark", "plugins": ["a"]}"#);
    // As mongoexport writes a collection: a record a line, in a `.json` file.
    env.write(
        "mongo.json",
        "{\"_id\": {\"$oid\": \"5f1\"}, \"title\": \"Treaty of Trianon\", \"text\": \"Signed in 1920.\"}\n\
         {\"_id\": \"sevres\", \"title\": \"Treaty of Sèvres\", \"text\": \"Signed in 1920 too.\"}\n",
    );
    env.ok(&["index", "--quiet"]);
    let signed = env.search_json(&["trianon"]);
    assert_eq!(signed["hits"][0]["title"], "Treaty of Trianon", "{signed}");
    assert_eq!(signed["hits"][0]["article"], "5f1", "{signed}");
    assert_eq!(env.search_json(&["sevres"])["hits"][0]["article"], "sevres");

    let genoa = env.search_json(&["genoa"]);
    assert_eq!(genoa["hits"][0]["article"], "rapallo", "{genoa}");
    assert_eq!(genoa["hits"][0]["heading"], "Genoa", "{genoa}");
    assert_eq!(genoa["hits"][0]["year"], 1922, "{genoa}");
    assert_eq!(genoa["hits"][0]["path"], "corpus/export.json", "{genoa}");
    let locarno = env.search_json(&["locarno"]);
    let titles: Vec<&str> = (locarno["hits"].as_array().unwrap().iter())
        .map(|hit| hit["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 2, "{locarno}");
    assert!(titles.contains(&"Locarno Treaties"), "{locarno}");
    // A record without a title is shown by its opening words; without an id, its place in
    // the list names it.
    assert!(
        titles.contains(&"An untitled note on Locarno."),
        "{locarno}"
    );
    assert_eq!(
        env.ok(&["show", "export#2"]).stdout().lines().next(),
        Some("An untitled note on Locarno.")
    );
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["author"], "E. H. Carr", "{books}");
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(
        problems.contains("corpus/settings.json: a JSON object that is no record"),
        "{problems}"
    );
    assert!(!problems.contains("export.json"), "{problems}");

    // A changed export is read again: the record gone is gone.
    env.write(
        "export.json",
        r#"[{"id": "rapallo", "title": "The Treaty of Rapallo", "text": "Signed in 1922."}]"#,
    );
    env.ok(&["index", "--quiet"]);
    assert_eq!(env.search_json(&["genoa"])["total"], 0);
    assert_eq!(env.search_json(&["locarno"])["total"], 1);
}

#[test]
fn a_spreadsheets_table_is_read_row_by_row_and_other_tables_are_skipped_with_a_reason() {
    let env = TestEnv::new();
    // As a European Excel saves CSV: semicolons, CRLF, windows-1252, a cell over two lines.
    let mut csv = b"Title;Year;Text;Notes\r\n".to_vec();
    csv.extend(b"Le trait\xe9 de Rapallo;1922;\"Sign\xe9 \xe0 Rapallo;\r\npr\xe8s de G\xeanes.\";private\r\n");
    csv.extend(b";;;\r\n");
    csv.extend(b"Locarno;;Initialled in 1925.;\r\n");
    env.write("treaties.csv", csv);
    // As a spreadsheet saves \"Unicode text\": UTF-16 with tabs.
    let tsv: Vec<u8> = "\u{feff}id\ttitle\tbody\nberlin\tCongress of Berlin\tThe Treaty of San Stefano was revised.\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    env.write("congresses.tsv", tsv);
    env.write("budget.csv", "month,amount\nJanuary,3\n");
    env.ok(&["index", "--quiet"]);

    let genes = env.search_json(&["genes"]);
    let hit = &genes["hits"][0];
    assert_eq!(hit["title"], "Le traité de Rapallo", "{genes}");
    assert_eq!(hit["year"], 1922, "{genes}");
    assert_eq!(hit["text"], "Signé à Rapallo;\nprès de Gênes.", "{genes}");
    // Rows without an id are named by their row, the header being row 1.
    assert_eq!(hit["article"], "treaties#2", "{genes}");
    assert_eq!(
        env.search_json(&["locarno"])["hits"][0]["article"],
        "treaties#4"
    );
    assert_eq!(
        env.search_json(&["private"])["total"],
        0,
        "unread columns are not text"
    );
    let stefano = env.search_json(&["stefano"]);
    assert_eq!(stefano["hits"][0]["article"], "berlin", "{stefano}");
    assert_eq!(
        stefano["hits"][0]["title"], "Congress of Berlin",
        "{stefano}"
    );
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(
        problems.contains(
            "corpus/budget.csv: a table with no title or text column (its header: month, amount"
        ),
        "{problems}"
    );
    // Read in the encoding its bytes suggest, and saying so.
    assert!(
        problems.contains("corpus/treaties.csv: warning: not UTF-8; read as windows-1252"),
        "{problems}"
    );
}

#[test]
fn a_cms_export_gives_its_posts_read_as_pages() {
    let env = TestEnv::new();
    // Ghost's export: posts a few levels down, their text in HTML.
    env.write(
        "ghost.json",
        r#"{"db": [{"meta": {"version": "5.0"}, "data": {
            "tags": [{"id": "t1", "name": "Crimea"}],
            "posts": [{"id": "5f1", "title": "Inkerman", "html": "<p>Fought in <strong>fog</strong> in 1854.</p><h2>Further reading</h2><ul><li><em>The Crimean War</em> by Orlando Figes</li></ul>", "plaintext": "Fought in fog in 1854."}]
        }}]}"#,
    );
    // WordPress's REST API: title and content wrapped, the content HTML.
    env.write(
        "wp.json",
        r#"[{"id": 12, "title": {"rendered": "Alma"}, "content": {"rendered": "<p>The river crossing.</p>", "protected": false}}]"#,
    );
    env.ok(&["index", "--quiet"]);
    let fog = env.search_json(&["fog"]);
    let hit = &fog["hits"][0];
    assert_eq!(hit["article"], "5f1", "{fog}");
    assert_eq!(hit["title"], "Inkerman", "{fog}");
    assert_eq!(hit["text"], "Fought in fog in 1854.", "{fog}");
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["author"], "Orlando Figes", "{books}");
    let alma = env.search_json(&["river"]);
    assert_eq!(alma["hits"][0]["title"], "Alma", "{alma}");
    assert_eq!(alma["hits"][0]["text"], "The river crossing.", "{alma}");
}

#[test]
fn an_excel_or_opendocument_spreadsheet_is_read_as_its_table_of_articles() {
    let env = TestEnv::new();
    env.write(
        "treaties.xlsx",
        crate::util::zipped(&[
            (
                "xl/workbook.xml",
                r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Treaties" r:id="rId1"/><sheet name="Conferences" r:id="rId2"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>"#,
            ),
            (
                "xl/worksheets/sheet2.xml",
                r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Conference of 1922</t></is></c><c r="B2" t="inlineStr"><is><t>Held in the Palazzo San Giorgio.</t></is></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>Delegates lodged at Santa Margherita.</t></is></c></row></sheetData></worksheet>"#,
            ),
            (
                "xl/sharedStrings.xml",
                r#"<sst><si><t>Title</t></si><si><t>Text</t></si><si><t>Treaty of Rapallo</t></si><si><t>Signed near Genoa.</t></si></sst>"#,
            ),
            (
                "xl/worksheets/sheet1.xml",
                r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>Year</t></is></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>1922</v></c></row></sheetData></worksheet>"#,
            ),
        ]),
    );
    env.write(
        "events.ods",
        crate::util::zipped(&[(
            "content.xml",
            r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Events"><table:table-row><table:table-cell><text:p>Title</text:p></table:table-cell><table:table-cell><text:p>Content</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Locarno</text:p></table:table-cell><table:table-cell><text:p>Initialled in 1925.</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        )]),
    );
    env.write("broken.xlsx", "not a workbook");
    env.ok(&["index", "--quiet"]);
    let genoa = env.search_json(&["genoa"]);
    let hit = &genoa["hits"][0];
    assert_eq!(hit["article"], "treaties#2", "{genoa}");
    assert_eq!(hit["title"], "Treaty of Rapallo", "{genoa}");
    assert_eq!(hit["year"], 1922, "{genoa}");
    // Every sheet of articles is read: a later one's rows are named by it.
    let palazzo = env.search_json(&["palazzo"]);
    assert_eq!(
        palazzo["hits"][0]["article"], "treaties#Conferences#2",
        "{palazzo}"
    );
    assert_eq!(
        palazzo["hits"][0]["title"], "Conference of 1922",
        "{palazzo}"
    );
    let lodged = env.search_json(&["lodged"]);
    let hit = &lodged["hits"][0];
    assert_eq!(hit["article"], "treaties#Conferences#3", "{lodged}");
    assert_eq!(hit["path"], "corpus/treaties.xlsx", "{lodged}");
    let shown = env.ok(&["show", "treaties#Conferences#3"]).stdout();
    assert!(shown.contains("Santa Margherita"), "{shown}");
    let locarno = env.search_json(&["initialled"]);
    assert_eq!(locarno["hits"][0]["article"], "events#2", "{locarno}");
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(
        problems.contains("corpus/broken.xlsx: cannot be read as an Excel workbook"),
        "{problems}"
    );
}

#[test]
fn bibtex_and_ris_bibliographies_are_read_entry_by_entry() {
    let env = TestEnv::new();
    env.write(
        "refs/library.bib",
        "% Exported by Zotero\n@string{cup = \"Cambridge University Press\"}\n\n@book{runciman1965,\n  title = {The Fall of {Constantinople} 1453},\n  author = {Runciman, Steven},\n  publisher = cup,\n  year = {1965},\n  abstract = {The siege and fall of the city, told from Greek, Turkish and Italian sources.},\n  keywords = {Byzantium, Ottoman Empire},\n}\n\n@article{kruger1985,\n  title = {Die Au{\\ss}enpolitik der Republik von Weimar},\n  author = {Kr{\\\"u}ger, Peter},\n  date = {1985-03-01},\n  langid = {ngerman},\n  annote = {Das Kapitel über den Vertrag von Rapallo und die Beziehungen zur Sowjetunion.},\n}\n\n@book{broken,\n  title = {Unclosed\n\n@book{fink1984, title={The Genoa Conference}, author={Fink, Carole}, year=1984}\n",
    );
    env.write(
        "refs/crowley.ris",
        "TY  - BOOK\r\nTI  - Empires of the Sea\r\nAU  - Crowley, Roger\r\nPY  - 2008///\r\nAB  - The siege of Malta and the battle of Lepanto.\r\nER  - \r\n",
    );
    let run = env.ok(&["index"]);
    assert!(
        run.stderr()
            .contains("refs/library.bib: line 21: not a BibTeX entry"),
        "{}",
        run.stderr()
    );
    let hit = &env.search_json(&["constantinople"])["hits"][0];
    assert_eq!(hit["article"], "runciman1965", "{hit}");
    assert_eq!(hit["path"], "corpus/refs/library.bib", "{hit}");
    assert_eq!(hit["year"], 1965, "{hit}");
    let hit = &env.search_json(&["Außenpolitik"])["hits"][0];
    assert_eq!(hit["lang"], "de", "{hit}");
    assert_eq!(hit["year"], 1985, "{hit}");
    assert_eq!(env.search_json(&["Beziehung"])["total"], 1);
    let hit = &env.search_json(&["genoa"])["hits"][0];
    assert_eq!(hit["article"], "fink1984", "{hit}");
    let hit = &env.search_json(&["lepanto"])["hits"][0];
    assert_eq!(hit["title"], "Empires of the Sea", "{hit}");
    assert_eq!(hit["article"], "refs/crowley#1", "{hit}");
    assert_eq!(hit["year"], 2008, "{hit}");
    // The authors are searchable as the records' are.
    assert_eq!(env.search_json(&["authors:crowley"])["total"], 1);
}
