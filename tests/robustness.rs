//! Property tests over the entry points that take untrusted input: every article parser
//! and the query parser with all options. Any input gives a result or an error, never a
//! panic. (The same entry points are the targets for coverage-guided fuzzing.)

use std::sync::OnceLock;

use annals::corpus::{parse_bytes, Format};
use annals::index::{update, UpdateOptions};
use annals::search::{Engine, KindFilter, SearchOptions, YearRange};
use proptest::prelude::*;

/// Bytes that look like the formats: markup, quotes, headings, JSON punctuation, newlines
/// of every kind, invalid UTF-8 and NUL.
fn markupish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop_oneof![
        Just(b"<".to_vec()),
        Just(b">".to_vec()),
        Just(b"</div>".to_vec()),
        Just(b"<h2>".to_vec()),
        Just(b"<title>".to_vec()),
        Just(b"&amp;".to_vec()),
        Just(b"&#x".to_vec()),
        Just(b"# ".to_vec()),
        Just(b"## ".to_vec()),
        Just(b"- ".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"*".to_vec()),
        Just(b"{\"title\":".to_vec()),
        Just(b"\"sections\":[".to_vec()),
        Just(b"}".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b" by ".to_vec()),
        Just(b"Further Reading".to_vec()),
        Just(b"{".to_vec()),
        Just(b"\\par ".to_vec()),
        Just(b"\\'e9".to_vec()),
        Just(b"\\u-3913?".to_vec()),
        Just(b"\\uc2".to_vec()),
        Just(b"{\\*\\generator ".to_vec()),
        Just(b"{\\stylesheet{\\s1 heading 1;}".to_vec()),
        Just(b"\\s1 ".to_vec()),
        Just(b"{\\listtext ".to_vec()),
        Just(b"\\bin5 ".to_vec()),
        Just(b"\\i ".to_vec()),
        Just(b"{\\fonttbl{\\f1\\fcharset204 A;}}".to_vec()),
        Just(b"\\f1 ".to_vec()),
        Just(b"[".to_vec()),
        Just(b"]".to_vec()),
        Just(b"\"text\":".to_vec()),
        Just(b"--b\n".to_vec()),
        Just(b"Content-Type: multipart/related; boundary=b\n".to_vec()),
        Just(b"Content-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n".to_vec()),
        Just(b"=3D".to_vec()),
        Just(b"=\n".to_vec()),
        Just(b"<TEI>".to_vec()),
        Just(b"<div><head>".to_vec()),
        Just(b"<listBibl><bibl><title>".to_vec()),
        Just(b"<en-export><note><content><![CDATA[".to_vec()),
        // Org, reStructuredText and AsciiDoc.
        Just(b"#+BEGIN_QUOTE\n".to_vec()),
        Just(b":PROPERTIES:\n".to_vec()),
        Just(b"[[a][".to_vec()),
        Just(b"/".to_vec()),
        Just(b"=====\n".to_vec()),
        Just(b".. ".to_vec()),
        Just(b"::".to_vec()),
        Just(b"`".to_vec()),
        Just(b"_".to_vec()),
        Just(b"|===\n".to_vec()),
        Just(b"<<".to_vec()),
        Just(b"link:".to_vec()),
        Just(b"title,text\n".to_vec()),
        // BibTeX and RIS.
        Just(b"@book{k,".to_vec()),
        Just(b"title = {".to_vec()),
        Just(b"@string{".to_vec()),
        Just(b"{\\\"u}".to_vec()),
        Just(b"\nTY  - BOOK\n".to_vec()),
        Just(b"\nAU  - ".to_vec()),
        Just(b"\nER  - \n".to_vec()),
        Just(b";".to_vec()),
        Just(b"\t".to_vec()),
        // LaTeX.
        Just(b"\\section{".to_vec()),
        Just(b"\\begin{itemize}\\item[".to_vec()),
        Just(b"\\end{".to_vec()),
        Just(b"\\emph{".to_vec()),
        Just(b"$".to_vec()),
        Just(b"\\\"".to_vec()),
        // FictionBooks and wikitext.
        Just(b"<section><title><p>".to_vec()),
        Just(b"<p><strong>".to_vec()),
        Just(b"<binary id=\"c\">".to_vec()),
        Just(b"{{cite book|title=".to_vec()),
        Just(b"}}".to_vec()),
        Just(b"[[File:".to_vec()),
        Just(b"]]".to_vec()),
        Just(b"'''".to_vec()),
        Just(b"\n{|\n|-\n| ".to_vec()),
        Just(b"||".to_vec()),
        Just(b"<ref>".to_vec()),
        Just(b"\n== ".to_vec()),
        Just(b"]]></content></note>".to_vec()),
        Just(vec![0xff, 0xfe]),
        Just(vec![0]),
        "[a-zA-Z0-9 .,;:'()]{0,12}".prop_map(|s| s.into_bytes()),
    ];
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn every_parser_takes_any_bytes(bytes in markupish(), raw in prop::collection::vec(any::<u8>(), 0..400)) {
        for format in [
            Format::Text,
            Format::Markdown,
            Format::Org,
            Format::Rst,
            Format::AsciiDoc,
            Format::Html,
            Format::JsonLines,
            Format::Docx,
            Format::Doc,
            Format::Odt,
            Format::Rtf,
            Format::Json,
            Format::Csv,
            Format::Tsv,
            Format::Bib,
            Format::Ris,
            Format::Mhtml,
            Format::Enex,
            Format::Xml,
            Format::Mobi,
            Format::Fb2,
            Format::Wikitext,
            Format::Latex,
        ] {
            for input in [&bytes, &raw] {
                let content = parse_bytes("f", format, input);
                for article in &content.articles {
                    prop_assert!(!article.id.is_empty());
                }
            }
        }
        // Past each format's header: what follows in any order.
        for (format, header) in [
            (Format::Rtf, b"{\\rtf1 ".as_slice()),
            // A compound file's signature, its header and the rest what follows.
            (Format::Doc, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            (Format::Mhtml, b"Content-Type: multipart/related; boundary=b\n\n--b\n"),
            (Format::Xml, b"<TEI><text><body><div><head>H</head><p>"),
            (Format::Enex, b"<en-export><note><title>T</title><content>"),
            (Format::Fb2, b"<FictionBook><body><section><title><p>"),
            (Format::Xml, b"<mediawiki><page><title>T</title><revision><text>"),
            (Format::Json, b"[{\"text\": \""),
            (Format::Bib, b"@article{key,\n  title = {"),
            (Format::Ris, b"TY  - JOUR\nTI  - "),
        ] {
            let input = [header, &bytes, &raw].concat();
            for article in &parse_bytes("f", format, &input).articles {
                prop_assert!(!article.id.is_empty());
            }
        }
    }

    #[test]
    fn every_query_gets_hits_or_an_error(
        query in "[a-zA-Z0-9 ()\"*:^~+\\-\\[\\]{}!?.,/\\\\]{0,60}",
        limit in 0usize..30,
        offset in prop_oneof![0usize..5, Just(usize::MAX)],
        kind in prop_oneof![Just(KindFilter::All), Just(KindFilter::Section), Just(KindFilter::Reading)],
        from in prop::option::of(-3000i64..3000),
        group in any::<bool>(),
        exact in any::<bool>(),
        expand in any::<bool>(),
        timeline in any::<bool>(),
    ) {
        let options = SearchOptions {
            limit,
            offset,
            kind,
            years: YearRange { from, to: None },
            group,
            exact,
            expand,
            lang: None,
            timeline: timeline.then_some(annals::search::Bucket::Auto),
            explain: timeline,
        };
        match engine().search(&query, &options) {
            Ok(results) => prop_assert!(results.hits.len() <= limit),
            Err(e) => prop_assert_eq!(e.exit_code(), 2, "{}", e),
        }
    }
}

/// One engine over the shipped corpus, shared by all cases.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
            update(dir.path(), &UpdateOptions::new(corpus), &mut |_| {}).unwrap();
            let engine = Engine::open(dir.path()).unwrap();
            (dir, engine)
        })
        .1
}
