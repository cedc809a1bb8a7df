//! PDFs, generated here: pages and their hits, outlines, running heads and cover sheets,
//! bibliographies, two columns, encrypted and image-only files skipped with a reason.

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Bookmark, Document, EncryptionState, EncryptionVersion, Object};
use lopdf::{Permissions, Stream};

use crate::util::{book_titles, TestEnv};

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
    env.assert_not_found(&["scholars", "downloaded", "jstor", "accessed"]);
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
    let titles = book_titles(&books);
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
    // Encrypted, but openable without a password (only its permissions are protected).
    let open = [page(&["Open Minutes", "Minutes of the open session."])];
    env.write("open.pdf", pdf(&open, None, &[], Some("")));
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
    assert_eq!(
        env.search_json(&["session"])["hits"][0]["article"],
        "open",
        "{stderr}"
    );
}
