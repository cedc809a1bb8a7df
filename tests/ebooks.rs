//! E-books: EPUBs (zip archives of XHTML chapters, made here) and Kindle books (`.mobi`,
//! `.azw3`: made here byte by byte, as a Palm database of a header record and
//! PalmDOC-compressed text records, and as calibre writes them).

use crate::util::{book_titles, zipped, TestEnv};

/// The book's HTML, as a MOBI 6 book holds it.
const HTML: &str = "<html><head><guide></guide></head><body>\
    <h1>The Congress of Vienna</h1><p>The Congress of Vienna met in 1814 to redraw the map \
    of Europe after Napoleon’s defeat.</p><mbp:pagebreak/><h2>Talleyrand</h2><p>Talleyrand \
    represented France and won a seat among the great powers.</p></body></html>";

/// What to make: how the text is compressed (1 none, 2 PalmDOC, 17480 Huffman), whether
/// it is encrypted, its KF8 version with a style sheet after its HTML.
struct Kindle {
    compression: u16,
    encrypted: bool,
    kf8: bool,
}

const MOBI: Kindle = Kindle {
    compression: 2,
    encrypted: false,
    kf8: false,
};

/// PalmDOC-compressed `text`: each byte a literal (ASCII as itself, others behind a count
/// of one).
fn palmdoc(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &byte in text {
        match byte {
            0 | 0x09..=0x7F => out.push(byte),
            _ => out.extend_from_slice(&[1, byte]),
        }
    }
    out
}

/// A Kindle book of `html`, titled and authored by its EXTH metadata, its text in records
/// of at most 100 bytes, each followed by a multibyte entry and one trailing entry.
fn kindle(html: &str, book: Kindle) -> Vec<u8> {
    let mut text = html.as_bytes().to_vec();
    let html_length = text.len();
    if book.kf8 {
        text.extend_from_slice(b"p { font-style: italic } .cover { display: none }");
    }
    let mut records: Vec<Vec<u8>> = Vec::new();
    let chunks: Vec<&[u8]> = text.chunks(100).collect();
    for chunk in &chunks {
        let mut record = match book.compression {
            1 => chunk.to_vec(),
            _ => palmdoc(chunk),
        };
        // No character cut (the count byte alone), then an entry of two bytes.
        record.extend_from_slice(&[0x00, 0x00, 0x82]);
        records.push(record);
    }
    let fdst_index = 1 + records.len();
    if book.kf8 {
        let mut fdst = b"FDST".to_vec();
        for value in [
            12,
            2,
            0,
            html_length as u32,
            html_length as u32,
            text.len() as u32,
        ] {
            fdst.extend_from_slice(&value.to_be_bytes());
        }
        records.push(fdst);
    }
    let mut exth = Vec::new();
    let entries: [(u32, &str); 4] = [
        (100, "Adam Zamoyski"),
        (100, "Harold Nicolson"),
        (
            503,
            "Rites of Peace: The Fall of Napoleon and the Congress of Vienna",
        ),
        (524, "en"),
    ];
    for (kind, value) in entries {
        exth.extend_from_slice(&kind.to_be_bytes());
        exth.extend_from_slice(&(8 + value.len() as u32).to_be_bytes());
        exth.extend_from_slice(value.as_bytes());
    }
    let mut first = vec![0u8; 16 + 0xE8];
    first[0..2].copy_from_slice(&book.compression.to_be_bytes());
    first[4..8].copy_from_slice(&(text.len() as u32).to_be_bytes());
    first[8..10].copy_from_slice(&(chunks.len() as u16).to_be_bytes());
    first[10..12].copy_from_slice(&4096u16.to_be_bytes());
    first[12..14].copy_from_slice(&u16::from(book.encrypted).to_be_bytes());
    first[16..20].copy_from_slice(b"MOBI");
    first[20..24].copy_from_slice(&0xE8u32.to_be_bytes());
    first[28..32].copy_from_slice(&65001u32.to_be_bytes());
    let version: u32 = if book.kf8 { 8 } else { 6 };
    first[36..40].copy_from_slice(&version.to_be_bytes());
    first[0x80..0x84].copy_from_slice(&0x40u32.to_be_bytes());
    first[0xC0..0xC4].copy_from_slice(&(fdst_index as u32).to_be_bytes());
    first[0xF2..0xF4].copy_from_slice(&0b11u16.to_be_bytes());
    first.extend_from_slice(b"EXTH");
    first.extend_from_slice(&(12 + exth.len() as u32).to_be_bytes());
    first.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    first.extend_from_slice(&exth);
    // The full name, which the EXTH title overrides.
    let name_offset = first.len() as u32;
    first.extend_from_slice(b"Rites of Peace");
    first[84..88].copy_from_slice(&name_offset.to_be_bytes());
    first[88..92].copy_from_slice(&14u32.to_be_bytes());
    records.insert(0, first);

    let mut bytes = vec![0u8; 78];
    bytes[..14].copy_from_slice(b"Rites_of_Peace");
    bytes[60..68].copy_from_slice(b"BOOKMOBI");
    bytes[76..78].copy_from_slice(&(records.len() as u16).to_be_bytes());
    let mut offset = 78 + 8 * records.len() + 2;
    for (i, record) in records.iter().enumerate() {
        bytes.extend_from_slice(&(offset as u32).to_be_bytes());
        bytes.extend_from_slice(&(i as u32 * 2).to_be_bytes());
        offset += record.len();
    }
    bytes.extend_from_slice(&[0, 0]);
    for record in records {
        bytes.extend_from_slice(&record);
    }
    bytes
}

#[test]
fn a_kindle_book_is_read_with_its_title_authors_and_sections() {
    let env = TestEnv::new();
    env.write("rites.mobi", kindle(HTML, MOBI));
    env.ok(&["index", "--quiet"]);
    let found = env.search_json(&["talleyrand"]);
    let hit = &found["hits"][0];
    assert_eq!(hit["path"], "corpus/rites.mobi", "{found}");
    assert_eq!(
        hit["title"], "Rites of Peace: The Fall of Napoleon and the Congress of Vienna",
        "{found}"
    );
    assert_eq!(
        hit["heading"], "The Congress of Vienna › Talleyrand",
        "{found}"
    );
    assert_eq!(hit["lang"], "en");
    // Text across records, UTF-8 whole, no trailing entry read as text.
    let vienna = env.search_json(&["napoleon", "defeat"]);
    let snippet = vienna["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("Napoleon</mark>’s"), "{snippet}");
    assert!(!snippet.contains('\u{FFFD}'), "{snippet}");
    assert_eq!(vienna["hits"][0]["year"], 1814, "{vienna}");
    // Its authors are the article's own.
    assert_eq!(
        hit["authors"],
        serde_json::json!(["Adam Zamoyski", "Harold Nicolson"])
    );
    let by = env.search_json(&["authors:nicolson"]);
    assert_eq!(by["hits"][0]["path"], "corpus/rites.mobi", "{by}");
}

#[test]
fn a_kf8_book_is_read_without_its_style_sheets_and_uncompressed_text_too() {
    let env = TestEnv::new();
    let kf8 = Kindle {
        compression: 1,
        encrypted: false,
        kf8: true,
    };
    env.write("rites.azw3", kindle(HTML, kf8));
    env.ok(&["index", "--quiet"]);
    assert_eq!(env.search_json(&["talleyrand"])["total"], 1);
    // The style sheet after the HTML is no text.
    assert_eq!(env.search_json(&["italic"])["total"], 0);
}

#[test]
fn a_protected_or_damaged_kindle_book_is_skipped_saying_why() {
    let env = TestEnv::new();
    let locked = Kindle {
        encrypted: true,
        ..MOBI
    };
    let huffman = Kindle {
        compression: 17480,
        ..MOBI
    };
    env.write("locked.azw", kindle(HTML, locked));
    env.write("huffman.mobi", kindle(HTML, huffman));
    // The first text record opens with a copy of what comes before it: nothing.
    let mut damaged = kindle(HTML, MOBI);
    let at = u32::from_be_bytes(damaged[86..90].try_into().unwrap()) as usize;
    damaged[at..at + 2].copy_from_slice(&[0x80, 0x1B]);
    env.write("damaged.mobi", damaged);
    env.write("renamed.mobi", "plain text, not a book");
    env.write("other.txt", "Vienna\nThe congress met in Vienna.\n");
    let run = env.ok(&["index"]);
    let stderr = run.stderr();
    for expected in [
        "corpus/locked.azw: it is encrypted (DRM)",
        // Huffman-coded books are read (see the reader's tests); this one's code is missing.
        "corpus/huffman.mobi: its Huffman code is missing",
        "corpus/renamed.mobi: cannot be read as a Kindle book",
        "corpus/damaged.mobi: its text is damaged",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
    assert_eq!(env.search_json(&["vienna"])["total"], 1);
}

#[test]
fn kindle_books_as_calibre_writes_them_read_alike() {
    let env = TestEnv::new();
    for ext in ["mobi", "azw3"] {
        let bytes = std::fs::read(format!("tests/data/congress.{ext}")).unwrap();
        env.write(&format!("{ext}/congress.{ext}"), bytes);
    }
    env.ok(&["index", "--quiet"]);
    for ext in ["mobi", "azw3"] {
        let found = env.search_json(&["talleyrand", "--lang", "en", "-n", "20"]);
        let hits: Vec<_> = (found["hits"].as_array().unwrap().iter())
            .filter(|h| h["path"] == format!("corpus/{ext}/congress.{ext}"))
            .collect();
        let headings: Vec<&str> = hits
            .iter()
            .map(|h| h["heading"].as_str().unwrap())
            .collect();
        assert!(
            headings.contains(&"Chapter 2: The Congress of Vienna, part 2 › Talleyrand in part 2"),
            "{ext}: {headings:?}"
        );
        assert_eq!(hits[0]["title"], "The Congress Dances", "{ext}");
        assert_eq!(
            hits[0]["authors"],
            serde_json::json!(["Adam Zamoyski"]),
            "{ext}"
        );
        let snippet = hits[0]["snippet"].as_str().unwrap();
        assert!(!snippet.contains('\u{FFFD}'), "{ext}: {snippet}");
    }
    // Both books' reading lists: each title cited twice.
    let books = env.ok(&["books", "--json"]).json();
    let cited: Vec<(String, u64)> = (books["books"].as_array().unwrap().iter())
        .map(|b| {
            (
                b["title"].as_str().unwrap().to_string(),
                b["cited"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        cited.contains(&("Rites of Peace".to_string(), 2)),
        "{cited:?}"
    );
    // Their tables of contents, lists of links to their headings, are no sections.
    let contents = env.search_json(&["chapter", "talleyrand", "--kind", "section", "-n", "50"]);
    let headings: Vec<&str> = (contents["hits"].as_array().unwrap().iter())
        .map(|h| h["heading"].as_str().unwrap())
        .collect();
    assert_eq!(headings.len(), 10, "{headings:?}");
    assert!(
        headings.iter().all(|h| !h.contains("Contents")),
        "{headings:?}"
    );
}

/// An EPUB of two chapters, by two authors (with an illustrator and a translator).
fn epub() -> Vec<u8> {
    zipped(&[
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#),
        ("OEBPS/content.opf", r##"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf"><dc:title>The Congress Dances</dc:title><dc:language>en</dc:language><dc:creator opf:role="aut">Adam Zamoyski</dc:creator><dc:creator opf:role="ill">Anna Drawer</dc:creator><dc:creator id="c2">Harold Nicolson</dc:creator><meta refines="#c2" property="role" scheme="marc:relators">aut</meta><dc:creator id="t">Tom Translator</dc:creator><meta refines="#t" property="role" scheme="marc:relators">trl</meta><dc:subject>Congress of Vienna</dc:subject></metadata><manifest><item id="c1" href="Text/one.xhtml" media-type="application/xhtml+xml"/><item id="c2" href="Text/chapter%202.xhtml" media-type="application/xhtml+xml"/><item id="css" href="style.css" media-type="text/css"/></manifest><spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>"##),
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
    // The package's creators of the author's role, and its subjects as tags.
    assert_eq!(
        hit["authors"],
        serde_json::json!(["Adam Zamoyski", "Harold Nicolson"])
    );
    assert_eq!(hit["tags"], serde_json::json!(["Congress of Vienna"]));
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
    let mut titles = book_titles(&books);
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

/// A small EPUB of many chapters, each within the size limit, is held to the limit as a
/// whole: its text would otherwise be many times the limit (a zip bomb of chapters).
#[test]
fn an_epubs_text_is_held_to_the_size_limit_as_a_whole() {
    let chapter = format!(
        "<html><head><title>C</title></head><body><p>{}</p></body></html>",
        "treaty ".repeat(10_000)
    );
    let book = |chapters: usize| {
        let names: Vec<String> = (0..chapters).map(|i| format!("c{i}.xhtml")).collect();
        let items: String = (names.iter().enumerate())
            .map(|(i, n)| {
                format!(r#"<item id="c{i}" href="{n}" media-type="application/xhtml+xml"/>"#)
            })
            .collect();
        let spine: String = (0..chapters)
            .map(|i| format!(r#"<itemref idref="c{i}"/>"#))
            .collect();
        let package = format!(
            r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Many</dc:title></metadata><manifest>{items}</manifest><spine>{spine}</spine></package>"#
        );
        let mut files = vec![
            ("mimetype", "application/epub+zip"),
            (
                "META-INF/container.xml",
                r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#,
            ),
            ("content.opf", &package),
        ];
        files.extend(names.iter().map(|n| (n.as_str(), chapter.as_str())));
        zipped(&files)
    };
    let env = TestEnv::new();
    env.write("many.epub", book(30));
    env.write("one.epub", book(1));
    let run = env.ok(&["index", "--max-file-size", "100K"]);
    assert!(
        run.stderr().contains(
            "skipped: corpus/many.epub: its text is larger than the size limit (102400 bytes"
        ),
        "{}",
        run.stderr()
    );
    assert_eq!(env.search_json(&["treaty"])["total"], 1);
}
