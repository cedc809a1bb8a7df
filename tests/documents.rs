//! Documents of one article each, generated here or as their programs write them: a
//! Project Gutenberg book, Word, OpenDocument and RTF files, front matter, a saved page,
//! an Evernote export, a TEI text.

use crate::util::{book_titles, pairs, zipped, TestEnv};

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
    env.assert_not_found(&["license", "trademark", "ebook"]);
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
    let titles = book_titles(&books);
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
fn a_page_saved_by_safari_is_read_as_its_page_and_its_pictures_are_not() {
    use plist::{Dictionary, Value};
    let resource = |data: &[u8], mime_type: &str| {
        let mut resource = Dictionary::new();
        resource.insert("WebResourceData".into(), Value::Data(data.to_vec()));
        resource.insert("WebResourceMIMEType".into(), mime_type.into());
        resource.insert("WebResourceURL".into(), "https://example.org/kars".into());
        resource
    };
    // In windows-1252, as the resource says: `caf\xe9`.
    let mut main = resource(
        b"<html><head><title>Siege of Kars</title></head><body><nav>Main page</nav>\
          <h1>Siege of Kars</h1><h2>The Siege</h2><p>Kars held out in 1855, a caf\xe9 \
          stood by the gate.</p></body></html>",
        "text/html",
    );
    main.insert("WebResourceTextEncodingName".into(), "windows-1252".into());
    // Safari's archive has more than 16 MB of pictures beside the page: the page alone is
    // held to the size limit.
    let picture = resource(&vec![0u8; 17 << 20], "image/png");
    let mut root = Dictionary::new();
    root.insert("WebMainResource".into(), Value::Dictionary(main));
    root.insert(
        "WebSubresources".into(),
        Value::Array(vec![Value::Dictionary(picture)]),
    );
    let mut archive = Vec::new();
    Value::Dictionary(root)
        .to_writer_binary(&mut archive)
        .unwrap();
    let env = TestEnv::new();
    env.write("kars.webarchive", &archive);
    let mut broken = Dictionary::new();
    broken.insert(
        "WebMainResource".into(),
        Value::Dictionary(resource(b"PNG", "image/png")),
    );
    let mut bytes = Vec::new();
    Value::Dictionary(broken)
        .to_writer_binary(&mut bytes)
        .unwrap();
    env.write("picture.webarchive", &bytes);
    env.ok(&["index", "--quiet"]);
    let found = env.search_json(&["kars"]);
    assert_eq!(found["total"], 1, "{found}");
    let hit = &found["hits"][0];
    assert_eq!(hit["title"], "Siege of Kars", "{found}");
    assert_eq!(hit["heading"], "The Siege", "{found}");
    assert_eq!(
        hit["text"],
        "Kars held out in 1855, a café stood by the gate."
    );
    assert_eq!(hit["article"], "kars");
    assert_eq!(
        env.search_json(&["main"])["total"],
        0,
        "navigation is no text"
    );
    let problems = env.ok(&["stats", "--problems"]).stdout();
    assert!(
        problems.contains(
            "corpus/picture.webarchive: a Safari web archive of image/png, not of a web page"
        ),
        "{problems}"
    );
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
fn a_blogs_export_or_feed_is_an_item_an_article() {
    let env = TestEnv::new();
    env.write(
        "blog.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Notes on the Crimean War</title>
<item><title>The Siege of Sevastopol</title><dc:creator>jroe</dc:creator>
<category domain="post_tag" nicename="crimea"><![CDATA[Crimea]]></category>
<wp:post_id>41</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
<content:encoded><![CDATA[The siege began in October 1854.

<h2>Further reading</h2>
<ul><li><em>The Crimean War</em> by Orlando Figes</li></ul>]]></content:encoded></item>
<item><title>photo.jpg</title><wp:post_id>42</wp:post_id><wp:post_type>attachment</wp:post_type><content:encoded><![CDATA[]]></content:encoded></item>
</channel></rss>"#,
    );
    env.write(
        "feed.atom",
        r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title>
<entry><id>urn:uuid:balaclava</id><title>Balaclava</title><content type="html">&lt;p&gt;The charge of the Light Brigade.&lt;/p&gt;</content></entry>
</feed>"#,
    );
    let run = env.ok(&["index"]);
    assert!(
        run.stdout().contains("Index holds 2 articles"),
        "{}",
        run.stdout()
    );
    let found = env.search_json(&["sevastopol"]);
    let hit = &found["hits"][0];
    assert_eq!(hit["article"], "blog#41", "{found}");
    assert_eq!(hit["title"], "The Siege of Sevastopol", "{found}");
    assert_eq!(hit["year"], 1854, "{found}");
    let tagged = env.search_json(&["tags:crimea"]);
    let hits = tagged["hits"].as_array().unwrap();
    assert!(
        !hits.is_empty() && hits.iter().all(|h| h["article"] == "blog#41"),
        "{tagged}"
    );
    let shown = env.ok(&["show", "blog#41"]).stdout();
    assert!(
        shown.contains("The siege began in October 1854."),
        "{shown}"
    );
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["author"], "Orlando Figes", "{books}");
    let charge = env.search_json(&["light brigade"]);
    assert_eq!(
        charge["hits"][0]["article"], "feed#urn:uuid:balaclava",
        "{charge}"
    );
}

#[test]
fn a_journals_jats_article_is_read_by_its_sections_and_references() {
    let env = TestEnv::new();
    env.write(
        "genoa.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">
<article article-type="research-article" xml:lang="en">
<front><journal-meta><journal-title-group><journal-title>Diplomatic History</journal-title></journal-title-group></journal-meta>
<article-meta><title-group><article-title>The Genoa Conference <italic>Revisited</italic></article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Fink</surname><given-names>Carole</given-names></name></contrib></contrib-group>
<abstract><p>The powers met at Genoa in April 1922.</p></abstract></article-meta></front>
<body><sec><title>Rapallo</title><p>Germany and Soviet Russia signed a treaty at Rapallo<xref ref-type="bibr" rid="B1">1</xref>.</p></sec></body>
<back><ref-list><title>References</title><ref id="B1"><element-citation publication-type="book"><person-group><name><surname>Pohl</surname><given-names>Karl</given-names></name></person-group><source>Weimars Wirtschaft</source><year>1979</year></element-citation></ref></ref-list></back>
</article>"#,
    );
    env.ok(&["index", "--quiet"]);
    let found = env.search_json(&["rapallo"]);
    let hit = &found["hits"][0];
    assert_eq!(hit["title"], "The Genoa Conference Revisited", "{found}");
    assert_eq!(hit["heading"], "Rapallo", "{found}");
    assert_eq!(
        hit["text"], "Germany and Soviet Russia signed a treaty at Rapallo.",
        "{found}"
    );
    let abstract_ = env.search_json(&["genoa", "--kind", "section"]);
    assert_eq!(abstract_["hits"][0]["heading"], "Abstract", "{abstract_}");
    assert_eq!(env.search_json(&["authors:fink"])["total"], 3);
    let books = env.ok(&["books", "--json"]).json();
    assert_eq!(books["books"][0]["title"], "Weimars Wirtschaft", "{books}");
    assert_eq!(books["books"][0]["author"], "Karl Pohl", "{books}");
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
        "drawing.xml",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Genoa</text></svg>",
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
            .contains("corpus/drawing.xml: an XML file that is not a TEI text (its root is <svg>)"),
        "{problems}"
    );
}
