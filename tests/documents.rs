//! PDFs and EPUBs, generated here: pages and their hits, outlines, two columns,
//! encrypted and image-only files skipped with a reason, an EPUB's chapters.

use std::io::Write;

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Bookmark, Document, EncryptionState, EncryptionVersion, Object};
use lopdf::{Permissions, Stream};

use crate::util::{pairs, TestEnv};

/// One line of text on a page: its left edge, its height from the bottom, the text.
type Line<'a> = (i64, i64, &'a str);

/// A PDF of `pages` (each a list of lines), with the document title `title`, bookmarks
/// `(title, page index)` and a user password, when given.
fn pdf(
    pages: &[Vec<Line>],
    title: Option<&str>,
    bookmarks: &[(&str, usize)],
    password: Option<&str>,
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    let mut page_ids = Vec::new();
    for lines in pages {
        let mut operations = Vec::new();
        if lines.is_empty() {
            // A drawing and no text, as a scanned page has.
            operations.push(Operation::new(
                "re",
                vec![50.into(), 50.into(), 400.into(), 600.into()],
            ));
            operations.push(Operation::new("f", vec![]));
        }
        for (x, y, text) in lines {
            operations.push(Operation::new("BT", vec![]));
            operations.push(Operation::new("Tf", vec!["F1".into(), 11.into()]));
            operations.push(Operation::new("Td", vec![(*x).into(), (*y).into()]));
            operations.push(Operation::new("Tj", vec![Object::string_literal(*text)]));
            operations.push(Operation::new("ET", vec![]));
        }
        let content = Content { operations };
        let content = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        });
        kids.push(page.into());
        page_ids.push(page);
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    for (name, page) in bookmarks {
        doc.add_bookmark(
            Bookmark::new(name.to_string(), [0.0, 0.0, 0.0], 0, page_ids[*page]),
            None,
        );
    }
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages_id };
    if let Some(outline) = doc.build_outline() {
        catalog.set("Outlines", outline);
    }
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", catalog);
    if let Some(title) = title {
        let info = doc.add_object(dictionary! { "Title" => Object::string_literal(title) });
        doc.trailer.set("Info", info);
    }
    if let Some(password) = password {
        let id = Object::string_literal("annals-test-file");
        doc.trailer.set("ID", vec![id.clone(), id]);
        let state = EncryptionState::try_from(EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: password,
            key_length: 128,
            permissions: Permissions::all(),
        })
        .unwrap();
        doc.encrypt(&state).unwrap();
    }
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// A page of running text: one line each, top to bottom.
fn page(lines: &[&'static str]) -> Vec<Line<'static>> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| (72, 760 - 14 * i as i64, *l))
        .collect()
}

#[test]
fn a_project_gutenberg_book_is_its_text_named_by_its_header() {
    let env = TestEnv::new();
    let licence = "Updated editions will replace the previous one--the old editions will\n\
        be renamed. Project Gutenberg is a registered trademark, and may not be\n\
        used if you charge for an eBook, except by following the terms of the\n\
        trademark license, including paying royalties. Founded in 2001.\n";
    env.write(
        "pg64720.txt",
        format!(
            "The Project Gutenberg eBook of The Congress of Vienna, by Charles Webster\r\n\r\n\
            This ebook is for the use of anyone anywhere in the United States and\r\n\
            most other parts of the world at no cost and with almost no restrictions\r\n\
            whatsoever, under the terms of the Project Gutenberg License.\r\n\r\n\
            Title: The Congress of Vienna, 1814-1815\r\n\r\n\
            Author: Charles Webster\r\n\r\n\
            Release date: March 1, 2021 [eBook #64720]\r\n\r\n\
            Language: English\r\n\r\n\
            *** START OF THE PROJECT GUTENBERG EBOOK THE CONGRESS OF VIENNA ***\r\n\r\n\
            CHAPTER I.\r\n\r\nTHE SAXON QUESTION\r\n\r\n\
            Prussia claimed the whole of Saxony, and Russia the Duchy of Warsaw;\r\n\
            Castlereagh, Metternich and Talleyrand drew\r\n\
            together against them in the secret treaty of January 1815,\r\n\
            and the powers came close to war.\r\n\r\n\
            *** END OF THE PROJECT GUTENBERG EBOOK THE CONGRESS OF VIENNA ***\r\n\r\n{licence}"
        ),
    );
    env.write(
        "pg46.html",
        format!(
            "<html lang=\"en\"><head><title>The Project Gutenberg eBook of A Christmas Carol, by Charles Dickens</title></head><body>\
            <section class=\"pg-boilerplate pgheader\" id=\"pg-header\"><h2>The Project Gutenberg eBook of A Christmas Carol</h2>\
            <p>This ebook is for the use of anyone anywhere, under the Project Gutenberg License.</p>\
            <div id=\"pg-start-separator\">*** START OF THE PROJECT GUTENBERG EBOOK A CHRISTMAS CAROL ***</div></section>\
            <h2>Stave One: Marley's Ghost</h2><p>Marley was dead, to begin with.</p>\
            <section class=\"pg-boilerplate pgheader\" id=\"pg-footer\"><p>{licence}</p></section></body></html>"
        ),
    );
    // An older page: its header and licence are text around the book.
    env.write(
        "pg1232.html",
        format!(
            "<html><head><title>The Project Gutenberg EBook of The Prince, by Nicolo Machiavelli</title></head><body>\
            <pre>\nThe Project Gutenberg EBook of The Prince, by Nicolo Machiavelli\n\n\
            Title: The Prince\n\nAuthor: Nicolo Machiavelli\n\n\
            *** START OF THIS PROJECT GUTENBERG EBOOK THE PRINCE ***\n</pre>\
            <h2>CHAPTER I</h2><p>How many kinds of principalities there are, and by what means they are acquired.</p>\
            <pre>\nEnd of the Project Gutenberg EBook of The Prince\n\n\
            *** END OF THIS PROJECT GUTENBERG EBOOK THE PRINCE ***\n\n{licence}</pre></body></html>"
        ),
    );
    env.ok(&["index", "--quiet"]);
    // The header and the licence are not the books'.
    for word in ["license", "trademark", "ebook"] {
        let found = env.search_json(&[word]);
        assert_eq!(found["total"], 0, "{word}: {found}");
    }
    let saxony = env.search_json(&["saxony"]);
    let hit = &saxony["hits"][0];
    assert_eq!(
        hit["title"], "The Congress of Vienna, 1814-1815",
        "{saxony}"
    );
    assert_eq!(
        hit["heading"], "CHAPTER I. › THE SAXON QUESTION",
        "{saxony}"
    );
    assert_eq!(
        hit["authors"],
        serde_json::json!(["Charles Webster"]),
        "{saxony}"
    );
    assert_eq!(hit["year"], 1815, "{saxony}");
    let marley = env.search_json(&["marley"]);
    assert_eq!(marley["hits"][0]["title"], "A Christmas Carol", "{marley}");
    let prince = env.search_json(&["principalities"]);
    let hit = &prince["hits"][0];
    assert_eq!(hit["title"], "The Prince", "{prince}");
    assert_eq!(hit["heading"], "CHAPTER I", "{prince}");
    assert_eq!(
        hit["authors"],
        serde_json::json!(["Nicolo Machiavelli"]),
        "{prince}"
    );
}

#[test]
fn a_pdfs_running_heads_and_page_numbers_are_no_text() {
    let env = TestEnv::new();
    let bodies = [
        "Across the continent, Europe rebuilt its order in 1814.",
        "The delegates quarrelled over Saxony and Poland.",
        "The Congress system met again at Verona in 1822.",
        "Revolutions swept away the settlement at last.",
    ];
    let pages: Vec<Vec<Line>> = (bodies.iter().enumerate())
        .map(|(i, body)| {
            let number: &'static str = ["1", "2", "3", "4"][i];
            vec![
                (72, 800, "Europe 1815-1848"),
                (72, 760, *body),
                (290, 40, number),
            ]
        })
        .collect();
    env.write("book.pdf", pdf(&pages, Some("The Concert"), &[], None));
    env.ok(&["index", "--quiet"]);
    // The head on every page is no word of each: only the page that says it is found.
    let europe = env.search_json(&["europe"]);
    assert_eq!(europe["total"], 1, "{europe}");
    assert_eq!(europe["hits"][0]["page"], 1, "{europe}");
    // A page's year is the first its own text names, not its head's.
    let verona = env.search_json(&["verona"]);
    assert_eq!(verona["hits"][0]["year"], 1822, "{verona}");
    let saxony = env.search_json(&["saxony"]);
    assert_ne!(saxony["hits"][0]["year"], 1815, "{saxony}");
    let shown = env.ok(&["show", "book", "--no-pager"]).stdout();
    assert!(!shown.contains("1848"), "{shown}");
}

#[test]
fn a_pdf_is_read_page_by_page_and_hits_name_their_page() {
    let env = TestEnv::new();
    let pages = [
        page(&[
            "The Genoa Conference",
            "Delegates met at Genoa in April 1922.",
        ]),
        page(&["Reparations and war debts were left aside."]),
        page(&[
            "Away from the conference, the Soviet and German delegations",
            "signed the Treaty of Rapallo at a villa by the sea.",
        ]),
    ];
    env.write("genoa.pdf", pdf(&pages, Some("Genoa, 1922"), &[], None));
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["rapallo"]);
    let hit = &results["hits"][0];
    assert_eq!(hit["title"], "Genoa, 1922", "{results}");
    assert_eq!(hit["page"], 3, "{results}");
    assert_eq!(hit["path"], "corpus/genoa.pdf");
    assert_eq!(hit["year"], 1922, "the article's year, from its first page");
    let human = env.ok(&["search", "rapallo"]).stdout();
    assert!(human.contains("    corpus/genoa.pdf#page=3\n"), "{human}");
    // Lines of one paragraph are one text: a phrase across a line break is found.
    let phrase = env.search_json(&["\"delegations signed the treaty\""]);
    assert_eq!(phrase["hits"][0]["page"], 3, "{phrase}");
    let reparations = env.search_json(&["reparations"]);
    assert_eq!(reparations["hits"][0]["page"], 2);
}

#[test]
fn a_pdf_is_held_to_the_size_limit_by_its_text_not_its_pictures() {
    let env = TestEnv::new();
    let atlas = pdf(
        &[page(&[
            "An Illustrated History",
            "The maps of the Congress of Vienna.",
        ])],
        None,
        &[],
        None,
    );
    let mut doc = Document::load_mem(&atlas).unwrap();
    // A picture of 2 MB, as a scanned map is.
    let picture = dictionary! { "Type" => "XObject", "Subtype" => "Image" };
    doc.add_object(Stream::new(picture, vec![7u8; 2 << 20]));
    let mut atlas = Vec::new();
    doc.save_to(&mut atlas).unwrap();
    env.write("atlas.pdf", atlas);
    let lines: Vec<&str> = vec!["Line after line of a long register of the treaties."; 40];
    env.write("register.pdf", pdf(&[page(&lines)], None, &[], None));
    let run = env.ok(&["index", "--max-file-size", "1K"]);
    let stderr = run.stderr();
    assert!(
        stderr.contains(
            "corpus/register.pdf: its text is larger than the size limit (2081 > 1024 bytes"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("atlas.pdf"), "{stderr}");
    let hits = env.search_json(&["vienna"]);
    assert_eq!(hits["hits"][0]["title"], "An Illustrated History", "{hits}");
}

#[test]
fn a_jstor_articles_cover_sheet_names_it_and_is_no_text() {
    let env = TestEnv::new();
    let foot = |body: &'static str| -> Vec<Line<'static>> {
        vec![
            (72, 760, body),
            (
                72,
                40,
                "This content downloaded from 128.103.149.52 on Mon, 12 Jan 2015 10:13:42 UTC",
            ),
            (72, 28, "All use subject to JSTOR Terms and Conditions"),
        ]
    };
    let pages = [
        page(&[
            "Russia and the Weimar Republic:",
            "The Treaty of Rapallo",
            "Author(s): Carole Fink and Harold Nicolson",
            "Source: The Journal of Modern History, Vol. 58, No. 1 (Mar., 1986), pp. 1-20",
            "Stable URL: http://www.jstor.org/stable/1881234",
            "Accessed: 09/05/2014 19:50",
            "Your use of the JSTOR archive indicates your acceptance of the Terms & Conditions of Use.",
            "JSTOR is a not-for-profit service that helps scholars, researchers, and students.",
        ]),
        foot("At Rapallo in April 1922 Germany and Soviet Russia signed a treaty."),
        foot("The treaty renounced claims to reparations on both sides."),
        foot("Its secret military clauses came later, in the Reichswehr's own talks."),
    ];
    env.write("fink.pdf", pdf(&pages, None, &[], None));
    env.ok(&["index", "--quiet"]);
    for word in ["scholars", "downloaded", "jstor", "accessed"] {
        let found = env.search_json(&[word]);
        assert_eq!(found["total"], 0, "{word}: {found}");
    }
    let rapallo = env.search_json(&["rapallo"]);
    let hit = &rapallo["hits"][0];
    assert_eq!(
        hit["title"], "Russia and the Weimar Republic: The Treaty of Rapallo",
        "{rapallo}"
    );
    assert_eq!(hit["page"], 2, "{rapallo}");
    assert_eq!(
        hit["authors"],
        serde_json::json!(["Carole Fink", "Harold Nicolson"]),
        "{rapallo}"
    );
}

#[test]
fn a_pdf_bibliographys_entries_wrapped_over_lines_are_a_book_each() {
    let env = TestEnv::new();
    let pages = [
        page(&["The Concert of Europe", "The powers met at Vienna in 1814."]),
        page(&[
            "Bibliography",
            "Kennedy, Paul. The Rise and Fall of the Great Powers: Economic Change and",
            "Military Conflict from 1500 to 2000. New York: Random House, 1987.",
            "Kissinger, Henry. A World Restored: Metternich, Castlereagh and the Problems of",
            "Peace, 1812-22. Boston: Houghton Mifflin, 1957.",
            "Zamoyski, Adam. Rites of Peace: The Fall of Napoleon and the Congress of Vienna.",
            "London: HarperCollins, 2007.",
        ]),
    ];
    let marks = [("The Concert of Europe", 0), ("Bibliography", 1)];
    env.write("concert.pdf", pdf(&pages, None, &marks, None));
    env.ok(&["index", "--quiet"]);
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["total"], 3, "{books}");
    let kissinger = (books["books"].as_array().unwrap().iter())
        .find(|b| b["author"] == "Henry Kissinger")
        .unwrap_or_else(|| panic!("{books}"));
    let title = kissinger["title"].as_str().unwrap();
    assert!(title.starts_with("A World Restored"), "{books}");
    assert!(title.contains("Problems of Peace"), "{books}");
}

#[test]
fn a_pdf_outline_gives_its_sections_and_its_bibliography_gives_books() {
    let env = TestEnv::new();
    let pages = [
        page(&[
            "Naval Limitation",
            "Introduction 1",
            "The Conference 2",
            "Introduction",
            "The powers met in Washington in 1921.",
        ]),
        page(&[
            "The Conference",
            "Battleship tonnage was fixed in a ratio of five to three.",
        ]),
        page(&[
            "Bibliography",
            "Sadao Asada, From Mahan to Pearl Harbor",
            "Paul Kennedy, The Rise and Fall of British Naval Mastery",
        ]),
    ];
    let marks = [
        ("Introduction", 0),
        ("The Conference", 1),
        ("Bibliography", 2),
    ];
    env.write("naval.pdf", pdf(&pages, None, &marks, None));
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["tonnage"]);
    let hit = &results["hits"][0];
    assert_eq!(
        hit["title"], "Naval Limitation",
        "the first line: no document title"
    );
    assert_eq!(hit["heading"], "The Conference", "{results}");
    assert_eq!(hit["page"], 2);
    let books = env.ok(&["books", "--json"]).json();
    let titles: Vec<&str> = books["books"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("From Mahan to Pearl Harbor")),
        "{books}"
    );
    assert!(!titles.contains(&"Bibliography"), "{books}");
    // A section's text starts after its heading, found where it stands on a line of its
    // own rather than in a table of contents' line.
    let shown = env.ok(&["show", "naval", "--json"]).json();
    let sections = shown["sections"].as_array().unwrap();
    let texts: Vec<(&str, &str)> = sections
        .iter()
        .map(|s| (s["heading"].as_str().unwrap(), s["text"].as_str().unwrap()))
        .collect();
    // The title printed as the first line is the title, not the lead's text again.
    assert_eq!(texts[0], ("", "Introduction 1 The Conference 2"), "{shown}");
    assert_eq!(
        texts[1..3],
        [
            ("Introduction", "The powers met in Washington in 1921."),
            (
                "The Conference",
                "Battleship tonnage was fixed in a ratio of five to three."
            ),
        ],
        "{shown}"
    );
}

#[test]
fn two_columns_are_read_without_running_their_lines_together() {
    let env = TestEnv::new();
    let mut lines: Vec<Line> = Vec::new();
    let left = ["Left column begins", "with the armistice", "of November."];
    let right = ["Right column tells", "of the plebiscite", "in Silesia."];
    for (i, (l, r)) in left.iter().zip(&right).enumerate() {
        lines.push((50, 700 - 14 * i as i64, l));
        lines.push((320, 700 - 14 * i as i64, r));
    }
    env.write("columns.pdf", pdf(&[lines], Some("Columns"), &[], None));
    env.ok(&["index", "--quiet"]);
    for word in ["armistice", "plebiscite", "silesia"] {
        assert_eq!(env.search_json(&[word])["total"], 1, "{word}");
    }
    // Words at the end of a left line and the start of a right one are not glued.
    assert_eq!(env.search_json(&["beginsright"])["total"], 0);
}

#[test]
fn encrypted_and_image_only_pdfs_are_skipped_with_a_reason() {
    let env = TestEnv::new();
    let text = [page(&["Secret minutes of the conference."])];
    env.write("locked.pdf", pdf(&text, None, &[], Some("secret")));
    env.write("scan.pdf", pdf(&[Vec::new(), Vec::new()], None, &[], None));
    env.write(
        "broken.pdf",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n".as_slice(),
    );
    env.write("fine.txt", "Fine\nThe conference ended in 1922.\n");
    let run = env.ok(&["index"]);
    let stderr = run.stderr();
    assert!(
        stderr.contains("skipped: corpus/locked.pdf: encrypted PDF"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped: corpus/scan.pdf: no text in its 2 pages"),
        "{stderr}"
    );
    assert!(stderr.contains("skipped: corpus/broken.pdf: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(env.search_json(&["conference"])["total"], 1);
}

/// An EPUB of two chapters.
fn epub() -> Vec<u8> {
    zipped(&[
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#),
        ("OEBPS/content.opf", r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Congress Dances</dc:title><dc:language>en</dc:language></metadata><manifest><item id="c1" href="Text/one.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="Text/chapter%202.xhtml" media-type="application/xhtml+xml"/><item id="css" href="style.css" media-type="text/css"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>"#),
        ("OEBPS/Text/one.xhtml", "<html><head><title>Arrivals</title></head><body><h1>Arrivals</h1><p>In September 1814 the sovereigns of Europe arrived in Vienna.</p></body></html>"),
        ("OEBPS/Text/chapter 2.xhtml", "<html><head><title>The Waltz</title></head><body><h1>The Waltz</h1><p>Every evening the delegates danced the waltz.</p><h2>Talleyrand</h2><p>Talleyrand played the powers against each other.</p></body></html>"),
    ])
}

#[test]
fn an_epub_is_read_chapter_by_chapter() {
    let env = TestEnv::new();
    env.write("congress.epub", epub());
    env.ok(&["index", "--quiet"]);
    let waltz = env.search_json(&["waltz"]);
    let hit = &waltz["hits"][0];
    assert_eq!(hit["title"], "The Congress Dances", "{waltz}");
    assert_eq!(hit["heading"], "The Waltz", "{waltz}");
    assert_eq!(hit["path"], "corpus/congress.epub");
    let talleyrand = env.search_json(&["talleyrand"]);
    assert_eq!(
        talleyrand["hits"][0]["heading"], "The Waltz › Talleyrand",
        "{talleyrand}"
    );
    let vienna = env.search_json(&["vienna"]);
    assert_eq!(vienna["hits"][0]["year"], 1814);
    env.write("broken.epub", b"PK\x03\x04 not a zip".as_slice());
    let run = env.ok(&["index"]);
    assert!(
        run.stderr()
            .contains("skipped: corpus/broken.epub: cannot be read as EPUB"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_epubs_contents_page_is_no_section() {
    let env = TestEnv::new();
    env.write(
        "dances.epub",
        zipped(&[
            ("mimetype", "application/epub+zip"),
            ("META-INF/container.xml", r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#),
            ("content.opf", r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Congress Dances</dc:title></metadata><manifest><item id="toc" href="contents.xhtml" media-type="application/xhtml+xml"/><item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="toc"/><itemref idref="c1"/></spine></package>"#),
            ("contents.xhtml", r#"<html><head><title>Contents</title></head><body><h1>Contents</h1><ul><li><a href="one.xhtml">Arrivals in Vienna</a></li><li><a href="one.xhtml#waltz">The Waltz</a></li></ul></body></html>"#),
            ("one.xhtml", r#"<html><head><title>Arrivals in Vienna</title></head><body><h1>Arrivals in Vienna</h1><p>The sovereigns arrived in Vienna.</p><h2 id="waltz">The Waltz</h2><p>They danced.</p></body></html>"#),
        ]),
    );
    env.ok(&["index", "--quiet"]);
    let found = env.search_json(&["waltz"]);
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(
        found["hits"][0]["heading"], "Arrivals in Vienna › The Waltz",
        "{found}"
    );
}

/// An EPUB whose chapters have no title of their own (a converted book's headings are
/// styled paragraphs), named by its table of contents: EPUB 3's navigation document, or
/// with `ncx`, EPUB 2's NCX in another folder.
fn untitled_epub(ncx: bool) -> Vec<u8> {
    let nav_item = match ncx {
        false => {
            r#"<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>"#
        }
        true => r#"<item id="ncx" href="../toc.ncx" media-type="application/x-dtbncx+xml"/>"#,
    };
    let package = format!(
        r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Vienna</dc:title></metadata><manifest>{nav_item}<item id="a" href="Text/a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="Text/b.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>"#
    );
    zipped(&[
        ("mimetype", "application/epub+zip"),
        (
            "META-INF/container.xml",
            r#"<?xml version="1.0"?><container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>"#,
        ),
        ("OEBPS/content.opf", &package),
        (
            "OEBPS/nav.xhtml",
            r#"<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="landmarks"><ol><li><a href="Text/b.xhtml">Start</a></li></ol></nav><nav epub:type="toc"><ol><li><a href="Text/a.xhtml#top">The <em>Congress</em> Meets</a></li><li><a href="Text/b.xhtml">Further Reading</a></li></ol></nav></body></html>"#,
        ),
        (
            "toc.ncx",
            r#"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap><navPoint id="p1"><navLabel><text>The Congress Meets</text></navLabel><content src="OEBPS/Text/a.xhtml"/></navPoint><navPoint id="p2"><navLabel><text>Further Reading</text></navLabel><content src="OEBPS/Text/b.xhtml"/></navPoint></navMap></ncx>"#,
        ),
        (
            "OEBPS/Text/a.xhtml",
            r#"<html><body><p class="calibre1">The Congress Meets</p><p>The sovereigns arrived in Vienna in September 1814.</p></body></html>"#,
        ),
        (
            "OEBPS/Text/b.xhtml",
            r#"<html><body><p>A World Restored by Henry Kissinger</p></body></html>"#,
        ),
    ])
}

#[test]
fn an_epubs_untitled_chapters_are_named_by_its_table_of_contents() {
    let env = TestEnv::new();
    env.write("nav.epub", untitled_epub(false));
    env.write("ncx.epub", untitled_epub(true));
    env.ok(&["index", "--quiet"]);
    for id in ["nav", "ncx"] {
        let shown = env.ok(&["show", id, "--json"]).json();
        let sections: Vec<(&str, &str)> = shown["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| (s["heading"].as_str().unwrap(), s["text"].as_str().unwrap()))
            .collect();
        assert_eq!(
            sections,
            [
                (
                    "The Congress Meets",
                    "The sovereigns arrived in Vienna in September 1814."
                ),
                ("Further Reading", "A World Restored by Henry Kissinger"),
            ],
            "{id}: {shown}"
        );
    }
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["title"], "A World Restored", "{books}");
    assert_eq!(books["books"][0]["cited"], 2, "{books}");
}

#[test]
fn an_epubs_and_a_pages_italics_set_by_style_are_the_titles_of_their_reading_lists() {
    let env = TestEnv::new();
    // A converted book: its spans are italic by the class its style sheet makes so.
    env.write(
        "converted.epub",
        zipped(&[
            ("mimetype", "application/epub+zip"),
            ("META-INF/container.xml", r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#),
            ("OEBPS/content.opf", r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Peacemakers</dc:title></metadata><manifest><item id="c1" href="Text/one.xhtml" media-type="application/xhtml+xml"/><item id="css" href="Styles/stylesheet.css" media-type="text/css"/></manifest><spine><itemref idref="c1"/></spine></package>"#),
            ("OEBPS/Styles/stylesheet.css", ".calibre { display: block }\n.italic { font-style: italic }\n.bold { font-weight: bold }"),
            ("OEBPS/Text/one.xhtml", r#"<html><head><title>Paris</title><link href="../Styles/stylesheet.css" rel="stylesheet" type="text/css"/></head><body><h1>Paris</h1><p class="calibre">In 1919 the victors met at Versailles to write the peace.</p><h2>Further Reading</h2><ul><li>Margaret MacMillan, <span class="italic">Paris 1919</span> (2001)</li><li>Harold Nicolson, <span class="bold">Peacemaking</span> (1933)</li></ul></body></html>"#),
        ]),
    );
    // A page exported from Google Docs: the classes are in its own `<style>`.
    env.write(
        "exported.html",
        r#"<html><head><style type="text/css">.c0{font-style:normal}.c3{font-weight:400;font-style:italic}</style></head><body><h1><span class="c0">Rapallo</span></h1><p><span class="c0">In 1922 Germany and Soviet Russia signed a treaty at Rapallo.</span></p><h2><span class="c0">Further reading</span></h2><ul><li><span class="c0">Carole Fink, </span><span class="c3">Genoa, Rapallo, and European Reconstruction</span><span class="c0"> (1991)</span></li></ul></body></html>"#,
    );
    env.ok(&["index", "--quiet"]);
    let books = env.ok(&["books", "--json"]).json();
    let mut titles: Vec<&str> = (books["books"].as_array().unwrap().iter())
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    titles.sort();
    // Bold is no title's mark: that item is a book as a whole.
    assert_eq!(
        titles,
        [
            "Genoa, Rapallo, and European Reconstruction",
            "Harold Nicolson, Peacemaking (1933)",
            "Paris 1919",
        ],
        "{books}"
    );
}

/// A zip archive of `files` (name, text), stored, in order.
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

/// A Word document as a German Word writes it: its styles named by localised ids
/// (`berschrift1` for "heading 1", `Titel` for "Title"), a table of contents, a tracked
/// deletion, a field code, a table, a text box (written twice, as Word writes it) and a
/// numbered reading list with an italic title.
fn docx() -> Vec<u8> {
    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let paragraph = |style: &str, runs: &str| {
        let style = match style {
            "" => String::new(),
            "list" => {
                r#"<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>"#
                    .into()
            }
            style => format!(r#"<w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#),
        };
        format!("<w:p>{style}{runs}</w:p>")
    };
    let run = |text: &str| format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#);
    let body = [
        paragraph("Titel", &run("Der Vertrag von Rapallo")),
        paragraph("Verzeichnis1", &run("Vorgeschichte\tSeitenzahl 3")),
        paragraph("", &run("Der Vertrag wurde am 16. April 1922 unterzeichnet.")),
        paragraph("berschrift1", &run("Vorgeschichte")),
        paragraph(
            "",
            &format!(
                r#"{}<w:del><w:r><w:delText>verworfen</w:delText></w:r></w:del>{}<w:r><w:instrText> PAGEREF seite </w:instrText></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>{}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>{}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
                run("Die Konferenz von Genua "),
                run("tagte im Frühjahr."),
                paragraph("", &run("Ein Kasten am Rand.")),
                paragraph("", &run("Ein Kasten am Rand.")),
            ),
        ),
        format!("<w:tbl><w:tr><w:tc>{}</w:tc></w:tr></w:tbl>", paragraph("", &run("Reparationen in einer Tabelle"))),
        paragraph("berschrift1", &run("Weiterführende Literatur")),
        paragraph(
            "list",
            &format!(r#"<w:r><w:rPr><w:i/></w:rPr><w:t>Die Rapallo-Politik</w:t></w:r>{}"#, run(", Berlin 1960")),
        ),
        paragraph("list", &run("Sowjetrussland und Deutschland")),
    ]
    .concat();
    zipped(&[
        ("[Content_Types].xml", "<Types/>"),
        (
            "word/document.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        ),
        (
            "word/styles.xml",
            &format!(
                r#"<?xml version="1.0"?><w:styles {W}><w:style w:type="paragraph" w:styleId="Standard"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/><w:basedOn w:val="Standard"/></w:style><w:style w:type="paragraph" w:styleId="Verzeichnis1"><w:name w:val="toc 1"/></w:style><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Standard"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#
            ),
        ),
    ])
}

/// An OpenDocument text as docutils' ODT writer gives it: the title in `meta.xml` and again
/// at the top, a table of contents, nested sections, a footnote and a reading list of a
/// bulleted item and a paragraph naming a title in italics.
fn odt() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"><office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style></office:automatic-styles><office:body><office:text><text:p text:style-name="P1">The Treaty of Rapallo</text:p><text:table-of-content><text:index-body><text:p>Background pagenumber 1</text:p></text:index-body></text:table-of-content><text:p>The treaty was signed on 16 April 1922.</text:p><text:section text:name="S1"><text:h text:outline-level="1">Background</text:h><text:p>The Genoa Conference had met<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>A footnote about Lloyd George.</text:p></text:note-body></text:note> in the spring.</text:p><text:section text:name="S2"><text:h text:outline-level="2">Terms</text:h><text:p>Each<text:s/>renounced its claims.</text:p></text:section></text:section><text:h text:outline-level="1">Further reading</text:h><text:list><text:list-item><text:p>The Bolshevik Revolution by E. H. Carr</text:p></text:list-item></text:list><text:p>See also Kennan, <text:span text:style-name="T1">Russia and the West</text:span>, 1961.</text:p></office:text></office:body></office:document-content>"#;
    let meta = r#"<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><dc:language>en-US</dc:language><dc:title>The Treaty of Rapallo</dc:title></office:meta></office:document-meta>"#;
    zipped(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
        ("meta.xml", meta),
    ])
}

#[test]
fn an_archive_is_held_to_the_size_limit_by_its_text_not_its_pictures() {
    let env = TestEnv::new();
    let picture = "x".repeat(3 << 20);
    let long_chapter = format!(
        "<html><body><p>{}</p></body></html>",
        "filler ".repeat(300_000)
    );
    let mut files: Vec<(&str, &str)> = vec![
        ("mimetype", "application/epub+zip"),
        (
            "META-INF/container.xml",
            r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>"#,
        ),
        (
            "content.opf",
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>An Illustrated History</dc:title></metadata><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="b.xhtml" media-type="application/xhtml+xml"/><item id="m" href="map.jpg" media-type="image/jpeg"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>"#,
        ),
        (
            "a.xhtml",
            "<html><head><title>Maps</title></head><body><p>The maps of the Congress of Vienna.</p></body></html>",
        ),
        ("b.xhtml", &long_chapter),
    ];
    files.push(("map.jpg", &picture));
    env.write("book.epub", zipped(&files));
    let run = env.ok(&["index", "--max-file-size", "1M"]);
    let stderr = run.stderr();
    assert!(
        stderr.contains("corpus/book.epub: b.xhtml is larger than the size limit (1048576 bytes"),
        "{stderr}"
    );
    assert!(!stderr.contains("skipped"), "{stderr}");
    let hits = env.search_json(&["vienna"]);
    assert_eq!(hits["hits"][0]["title"], "An Illustrated History", "{hits}");
    assert_eq!(env.search_json(&["filler"])["total"], 0);
}

#[test]
fn an_rtf_note_is_read_as_textedit_writes_it() {
    let env = TestEnv::new();
    env.write(
        "rapallo.rtf",
        r"{\rtf1\ansi\ansicpg1252\cocoartf2639
{\fonttbl\f0\fswiss\fcharset0 Helvetica;}
{\colortbl;\red255\green255\blue255;}
{\*\expandedcolortbl;;}
\pard\pardirnatural\partightenfactor0
\f0\fs24 \cf0 The Treaty of Rapallo\
\
Signed in 1922 at a caf\'e9 \uc0\u8212  or so the story goes.\
\
Further reading\
\ls1\ilvl0 {\listtext\uc0\u8226 \tab}
\i The Bolshevik Revolution
\i0  by E. H. Carr\
}",
    );
    env.ok(&["index", "--quiet"]);
    let cafe = env.search_json(&["cafe"]);
    let hit = &cafe["hits"][0];
    assert_eq!(hit["title"], "The Treaty of Rapallo", "{cafe}");
    assert_eq!(
        hit["text"], "Signed in 1922 at a café — or so the story goes.",
        "{cafe}"
    );
    assert_eq!(hit["year"], 1922);
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(
        books["books"][0]["title"], "The Bolshevik Revolution",
        "{books}"
    );
    assert_eq!(books["books"][0]["author"], "E. H. Carr", "{books}");
    assert_eq!(env.search_json(&["helvetica"])["total"], 0);
}

#[test]
fn word_and_opendocument_files_are_read_by_their_styles() {
    let env = TestEnv::new();
    env.write("vertrag.docx", docx());
    env.write("treaty.odt", odt());
    env.ok(&["index", "--quiet"]);

    let genua = env.search_json(&["genua"]);
    let hit = &genua["hits"][0];
    assert_eq!(hit["title"], "Der Vertrag von Rapallo", "{genua}");
    assert_eq!(hit["heading"], "Vorgeschichte", "{genua}");
    assert_eq!(hit["path"], "corpus/vertrag.docx");
    assert_eq!(hit["lang"], "de", "{genua}");
    // The table's and the text box's paragraphs are text; the deletion and the field code
    // are not.
    assert_eq!(env.search_json(&["reparationen"])["total"], 1);
    // A text box is written twice, for new readers and old: it is read once.
    assert_eq!(env.search_json(&["kasten"])["total"], 1);
    let shown = env.ok(&["show", "vertrag"]).stdout();
    assert_eq!(shown.matches("Kasten").count(), 1, "{shown}");
    assert_eq!(env.search_json(&["verworfen"])["total"], 0);
    assert_eq!(env.search_json(&["pageref"])["total"], 0);
    // A table of contents repeats the headings: not text.
    assert_eq!(env.search_json(&["seitenzahl"])["total"], 0);
    let books = env.ok(&["books", "--json"]).json();
    let titles: Vec<&str> = books["books"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Die Rapallo-Politik"), "{books}");
    assert!(
        titles.contains(&"Sowjetrussland und Deutschland"),
        "{books}"
    );
    assert!(titles.contains(&"The Bolshevik Revolution"), "{books}");
    // An italic title in a paragraph of the list.
    assert!(titles.contains(&"Russia and the West"), "{books}");

    let terms = env.search_json(&["renounced"]);
    let hit = &terms["hits"][0];
    assert_eq!(hit["title"], "The Treaty of Rapallo", "{terms}");
    assert_eq!(hit["heading"], "Background › Terms", "{terms}");
    assert_eq!(hit["text"], "Each renounced its claims.", "{terms}");
    // A footnote is not part of the sentence it marks; the title is not repeated as text.
    assert_eq!(env.search_json(&["lloyd"])["total"], 0);
    assert_eq!(env.search_json(&["pagenumber"])["total"], 0);
    let lead = env.ok(&["show", "treaty", "--json"]).json();
    assert_eq!(
        lead["sections"][0]["text"], "The treaty was signed on 16 April 1922.",
        "{lead}"
    );

    env.write("broken.docx", b"PK\x03\x04 not a zip".as_slice());
    let run = env.ok(&["index"]);
    assert!(
        run.stderr()
            .contains("skipped: corpus/broken.docx: cannot be read as DOCX"),
        "{}",
        run.stderr()
    );
}

#[test]
fn word_97_documents_are_read_by_their_styles_whatever_their_name() {
    let env = TestEnv::new();
    let doc = include_bytes!("data/metternich.doc");
    env.write("metternich.doc", doc.as_slice());
    // Renamed by hand, or saved by an old Word under the new name: read all the same.
    env.write(
        "rapallo.docx",
        include_bytes!("data/rapallo.doc").as_slice(),
    );
    env.write("renamed.odt", doc.as_slice());
    let run = env.ok(&["index"]);
    assert!(
        run.stderr().contains(
            "skipped: corpus/renamed.odt: cannot be read as ODT: a password-protected \
             document, or a Word 97–2003 one under another name (named .doc, it is read as one)"
        ),
        "{}",
        run.stderr()
    );

    let holy = env.search_json(&["holy", "alliance"]);
    let hit = &holy["hits"][0];
    assert_eq!(
        hit["title"], "Metternich and the Concert of Europe",
        "{holy}"
    );
    assert_eq!(
        hit["heading"], "Congress of Vienna › Holy Alliance",
        "{holy}"
    );
    assert_eq!(hit["path"], "corpus/metternich.doc", "{holy}");
    assert_eq!(env.search_json(&["союз"])["total"], 1);
    // Deleted text, a footnote and a field's code are not text.
    for word in ["removedword", "footnoteword", "hyperlink"] {
        assert_eq!(env.search_json(&[word])["total"], 0, "{word}");
    }
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["total"], 4, "{books}");
    assert!(
        books
            .to_string()
            .contains("Metternich: Strategist and Visionary"),
        "{books}"
    );

    let cells = env.search_json(&["cell"]);
    assert_eq!(cells["hits"][0]["path"], "corpus/rapallo.docx", "{cells}");
    assert_eq!(cells["hits"][0]["heading"], "Background", "{cells}");
}

#[test]
fn one_document_saved_in_each_word_processors_format_reads_alike() {
    let env = TestEnv::new();
    let formats = ["doc", "docx", "odt", "rtf"];
    for ext in formats {
        let bytes = std::fs::read(format!("tests/data/metternich.{ext}")).unwrap();
        env.write(&format!("{ext}/metternich.{ext}"), bytes);
    }
    env.ok(&["index", "--quiet"]);
    for ext in formats {
        let shown = env
            .ok(&["show", &format!("{ext}/metternich"), "--json"])
            .json();
        assert_eq!(
            shown["title"], "Metternich and the Concert of Europe",
            "{ext}: {shown}"
        );
        let sections = pairs(&shown["sections"], "heading", "text");
        let expected = [
            (
                "",
                "Klemens von Metternich shaped Europe after 1815. See the archive.",
            ),
            ("Congress of Vienna", "Delegates met in Vienna in 1814."),
            (
                "Congress of Vienna › Holy Alliance",
                "Russia, Prussia and Austria signed it.",
            ),
            ("Further reading", "A World Restored by Henry Kissinger"),
        ];
        assert_eq!(sections.len(), expected.len(), "{ext}: {shown}");
        for ((heading, text), (want_heading, want_start)) in sections.iter().zip(expected) {
            assert_eq!(heading, want_heading, "{ext}: {shown}");
            assert!(text.starts_with(want_start), "{ext}: {text:?}");
        }
        let books = shown["sections"][3]["books"].to_string();
        assert!(
            books.contains("\"title\":\"A World Restored\""),
            "{ext}: {books}"
        );
    }
    // Deleted text, footnotes and the table of contents are in no format's text.
    for word in ["removedword", "footnoteword"] {
        assert_eq!(env.search_json(&[word])["total"], 0, "{word}");
    }
    assert_eq!(env.search_json(&["vienna"])["total"], 4 * 2);
}

#[test]
fn front_matter_and_record_tags_and_authors_are_fields_of_the_hits() {
    let env = TestEnv::new();
    env.write(
        "notes.md",
        "---\ntitle: Genoa notes\ntags:\n  - diplomacy\n  - conferences\nauthors: [\"Smith, John\"]\n---\n\nThe delegates met in the palace.\n\n## Later\n\nThey left in May.\n",
    );
    env.write(
        "dump.jsonl",
        "{\"id\": \"r1\", \"title\": \"Locarno\", \"text\": \"Treaties were initialled.\", \"tags\": [\"diplomacy\", null, 3], \"author\": \"Ito\"}\n",
    );
    env.ok(&["index", "--quiet"]);
    let tagged = env.search_json(&["tags:diplomacy"]);
    assert_eq!(tagged["total"], 3, "{tagged}");
    let first = &tagged["hits"][0];
    assert_eq!(first["tags"][0], "diplomacy", "{first}");
    // A tag is a word of the article's lead: found without naming the field.
    let plain = env.search_json(&["conferences"]);
    assert_eq!(plain["hits"][0]["title"], "Genoa notes", "{plain}");
    assert_eq!(plain["hits"][0]["authors"][0], "Smith, John", "{plain}");
    let by = env.search_json(&["authors:ito"]);
    assert_eq!(by["hits"][0]["article"], "r1", "{by}");
    assert_eq!(
        by["hits"][0]["tags"],
        serde_json::json!(["diplomacy"]),
        "{by}"
    );
    // The front matter is not body text.
    assert_eq!(env.search_json(&["body:authors"])["total"], 0);
}

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
fn a_page_saved_as_one_file_is_read_as_its_page() {
    let env = TestEnv::new();
    env.write(
        "rapallo.mhtml",
        "From: <Saved by Blink>\r\n\
Subject: Treaty of Rapallo\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related;\r\n\
\ttype=\"text/html\";\r\n\
\tboundary=\"----MultipartBoundary--x----\"\r\n\
\r\n\
------MultipartBoundary--x----\r\n\
Content-Type: text/html\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
<html><head><meta charset=3D\"utf-8\"><title>Treaty of Rapallo</title></head><body>=\r\n\
<nav>Main page</nav><h1>Treaty of Rapallo</h1><h2>Signing</h2><p>Signed in 1922 a=\r\n\
t a caf=C3=A9 near Genoa.</p><iframe src=3D\"cid:frame-2\"></iframe></body></html>\r\n\
------MultipartBoundary--x----\r\n\
Content-Type: text/html\r\n\
Content-ID: <frame-2>\r\n\
\r\n\
<p>Cheap flights to Genoa</p>\r\n\
------MultipartBoundary--x----\r\n\
Content-Type: image/png\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
iVBORw0KGgo=\r\n\
------MultipartBoundary--x------\r\n",
    );
    env.write("broken.mht", "Content-Type: image/png\n\nnot a page");
    env.ok(&["index", "--quiet"]);
    let genoa = env.search_json(&["genoa"]);
    assert_eq!(genoa["total"], 1, "the frame is not the page: {genoa}");
    let hit = &genoa["hits"][0];
    assert_eq!(hit["title"], "Treaty of Rapallo", "{genoa}");
    assert_eq!(hit["heading"], "Signing", "{genoa}");
    assert_eq!(
        hit["text"], "Signed in 1922 at a café near Genoa.",
        "{genoa}"
    );
    assert_eq!(hit["path"], "corpus/rapallo.mhtml");
    assert_eq!(
        env.search_json(&["main"])["total"],
        0,
        "navigation is no text"
    );
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(
        problems.contains("corpus/broken.mht: cannot be read as MHTML (no web page in it)"),
        "{problems}"
    );
}

#[test]
fn an_epub_with_encrypted_chapters_says_so_and_indexes_no_ciphertext() {
    let env = TestEnv::new();
    let container = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>"#;
    let package = r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Protected</dc:title></metadata><manifest><item id="c1" href="one.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="chapter%202.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>"#;
    let encryption = |files: &[&str]| {
        let mut xml = String::from(
            r#"<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/><enc:CipherData><enc:CipherReference URI="OEBPS/one.xhtml"/></enc:CipherData></enc:EncryptedData>"#,
        );
        for file in files {
            xml.push_str(&format!(r#"<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/><enc:CipherData><enc:CipherReference URI="{file}"/></enc:CipherData></enc:EncryptedData>"#));
        }
        xml + "</encryption>"
    };
    let ciphertext = "qzxv wqkj ciphertext \u{1}\u{2}";
    let book = |files: &[&str]| {
        zipped(&[
            ("mimetype", "application/epub+zip"),
            ("META-INF/container.xml", container),
            ("META-INF/encryption.xml", &encryption(files)),
            ("OEBPS/content.opf", package),
            (
                "OEBPS/one.xhtml",
                "<html><body><p>Talleyrand at Vienna.</p></body></html>",
            ),
            ("OEBPS/chapter 2.xhtml", ciphertext),
        ])
    };
    // One chapter encrypted (its font-obfuscation entry for the other is no DRM).
    env.write("partly.epub", book(&["OEBPS/chapter%202.xhtml"]));
    env.write(
        "locked.epub",
        book(&["OEBPS/chapter%202.xhtml", "/OEBPS/one.xhtml"]),
    );
    let run = env.ok(&["index"]);
    let stderr = run.stderr();
    assert!(
        stderr.contains("corpus/partly.epub: 1 chapter is encrypted (DRM) and not read"),
        "{stderr}"
    );
    assert!(
        stderr.contains("corpus/locked.epub: its chapters are encrypted (DRM)"),
        "{stderr}"
    );
    assert_eq!(env.search_json(&["talleyrand"])["total"], 1);
    assert_eq!(env.search_json(&["qzxv"])["total"], 0);
}

#[test]
fn an_evernote_export_is_a_note_an_article() {
    let env = TestEnv::new();
    env.write(
        "research.enex",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">
<en-export application="Evernote" version="10">
<note><title>Genoa Conference</title><tag>treaties</tag>
<content><![CDATA[<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE en-note SYSTEM "http://xml.evernote.com/pub/enml2.dtd">
<en-note><div>The powers met at Genoa in April 1922.</div><h2>Further reading</h2><ul><li><i>The Genoa Conference</i> by Carole Fink</li></ul></en-note>]]></content>
<resource><data encoding="base64">aVZCT1J3MEtHZ289</data><mime>image/png</mime></resource></note>
<note><title>Rapallo</title>
<content><![CDATA[<en-note><div>Signed at Rapallo by Germany and Soviet Russia.</div></en-note>]]></content></note>
</en-export>"#,
    );
    env.ok(&["index", "--quiet"]);
    let rapallo = env.search_json(&["rapallo"]);
    let hit = &rapallo["hits"][0];
    assert_eq!(hit["title"], "Rapallo", "{rapallo}");
    assert_eq!(hit["article"], "research#2", "{rapallo}");
    assert_eq!(hit["path"], "corpus/research.enex", "{rapallo}");
    let human = env.ok(&["search", "rapallo"]).stdout();
    assert!(
        human.contains("research#2  (in corpus/research.enex)"),
        "{human}"
    );
    let genoa = env.search_json(&["tags:treaties"]);
    assert_eq!(genoa["hits"][0]["year"], 1922, "{genoa}");
    let shown = env.ok(&["show", "research#1"]).stdout();
    assert!(shown.starts_with("Genoa Conference (1922)\n"), "{shown}");
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["author"], "Carole Fink", "{books}");
    assert_eq!(
        env.search_json(&["avzct1j3"])["total"],
        0,
        "attachments are no text"
    );
}

#[test]
fn a_tei_text_is_read_by_its_divisions_and_its_bibliography() {
    let env = TestEnv::new();
    env.write(
        "letters.xml",
        r#"<?xml version="1.0" encoding="ISO-8859-1"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc>
    <titleStmt><title>Letters from Genoa</title><author>Anna Schmidt</author></titleStmt>
    <publicationStmt><p>Unpublished</p></publicationStmt><sourceDesc><p>Manuscript</p></sourceDesc>
  </fileDesc></teiHeader>
  <text xml:lang="de"><body>
    <div><head>Erster Brief</head>
      <p>Genua, im April 1922. Die Konferenz begann in einem Caf"#
            .as_bytes()
            .iter()
            .copied()
            .chain([0xE9])
            .chain(
                r#".<note>Eine Fu&#223;note.</note></p>
    </div>
  </body><back>
    <listBibl><biblStruct><monogr><title>The Genoa Conference</title><author>Carole Fink</author></monogr></biblStruct></listBibl>
  </back></text>
</TEI>"#
                    .bytes(),
            )
            .collect::<Vec<u8>>(),
    );
    env.write(
        "feed.xml",
        "<rss><channel><title>News</title></channel></rss>",
    );
    env.ok(&["index", "--quiet"]);
    let genua = env.search_json(&["genua"]);
    let hit = &genua["hits"][0];
    assert_eq!(hit["title"], "Letters from Genoa", "{genua}");
    assert_eq!(hit["heading"], "Erster Brief", "{genua}");
    assert_eq!(hit["lang"], "de", "{genua}");
    assert_eq!(hit["year"], 1922, "{genua}");
    assert_eq!(
        hit["text"], "Genua, im April 1922. Die Konferenz begann in einem Café.",
        "{genua}"
    );
    assert_eq!(
        env.search_json(&["fussnote"])["total"],
        0,
        "notes are no text"
    );
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(
        books["books"][0]["title"], "The Genoa Conference",
        "{books}"
    );
    assert_eq!(books["books"][0]["author"], "Carole Fink", "{books}");
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(
        problems
            .contains("corpus/feed.xml: an XML file that is not a TEI text (its root is <rss>)"),
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
