//! The query reader: prose is text, syntax only where unambiguous.

use std::ops::Bound;

use super::*;

fn words(text: &str) -> Leaf {
    Leaf::Words {
        field: None,
        text: text.to_string(),
        quoted: false,
        slop: 0,
        prefix: false,
    }
}

fn leaves(query: &str) -> Vec<(Option<Occur>, Node)> {
    match parse(query).unwrap().node {
        Node::Clause(c) => c,
        other => panic!("{other:?}"),
    }
}

#[test]
fn prose_is_text() {
    for query in [
        "reactive oxygen species (ROS).",
        "what did /slip flow/ mean?",
        "note: x",
        "type-I",
        " - (a)",
        "why?",
        "25(OH)D",
        "HAM/TSP",
        "(SLE).",
        "a \"b",
        "x) (y",
        "OR",
        "a OR",
        "NOT",
        "^2",
        "word^",
        "~",
        "year",
        "c++ -- -",
        "[1] {2}",
        "e.g. 3:4 a:b:c",
        "\\",
        "10^6 cells",
        "is 2^1024 finite?",
        "x 10^0",
    ] {
        let parsed = parse(query);
        assert!(parsed.is_ok(), "{query:?}: {parsed:?}");
    }
}

#[test]
fn syntax_where_unambiguous() {
    assert_eq!(
        leaves("treaty -versailles"),
        vec![
            (None, Node::Leaf(words("treaty"))),
            (Some(Occur::MustNot), Node::Leaf(words("versailles")))
        ]
    );
    let c = leaves("a OR b c");
    assert_eq!(c.len(), 2);
    assert!(matches!(&c[0], (None, Node::Clause(alts)) if alts.len() == 2));
    let c = leaves("title:treaty \"heavenly capital\"~2 ab* x^2");
    assert!(matches!(&c[0].1, Node::Leaf(Leaf::Words { field: Some(f), .. }) if f == "title"));
    assert!(matches!(
        &c[1].1,
        Node::Leaf(Leaf::Words {
            quoted: true,
            slop: 2,
            ..
        })
    ));
    assert!(matches!(&c[2].1, Node::Leaf(Leaf::Words { prefix: true, text, .. }) if text == "ab"));
    assert!(matches!(&c[3].1, Node::Boost(_, b) if *b == 2.0));
    // Typographic quotes make a phrase as straight ones do.
    for query in [
        "“heavenly capital”",
        "„heavenly capital“",
        "« heavenly capital »",
    ] {
        let c = leaves(query);
        assert_eq!(c.len(), 1, "{query}");
        assert!(
            matches!(&c[0].1, Node::Leaf(Leaf::Words { quoted: true, text, .. }) if text.trim() == "heavenly capital"),
            "{query}: {c:?}"
        );
    }
    // A number raised to a number is arithmetic: text, not a boost.
    let c = leaves("10^6 1984^2");
    assert!(matches!(&c[0].1, Node::Leaf(Leaf::Words { text, .. }) if text == "10^6"));
    assert!(matches!(&c[1].1, Node::Leaf(Leaf::Words { text, .. }) if text == "1984^2"));
    let c = leaves("year:[1900 TO 1950] year:>=1800 year:1914 year:[* TO *]");
    assert_eq!(
        c[0].1,
        Node::Leaf(Leaf::Years {
            from: Bound::Included(1900),
            to: Bound::Included(1950)
        })
    );
    assert_eq!(
        c[3].1,
        Node::Leaf(Leaf::Years {
            from: Bound::Unbounded,
            to: Bound::Unbounded
        })
    );
}

#[test]
fn operators_in_a_query_typed_in_capitals_are_words() {
    let c = leaves("EFFECT OF HEAT AND PRESSURE OR NOT");
    assert_eq!(c.len(), 7);
    assert!(c.iter().all(|(o, _)| o.is_none()));
    let c = leaves("heat AND pressure");
    assert!(c.iter().all(|(o, _)| *o == Some(Occur::Must)), "{c:?}");
}

#[test]
fn notes_say_what_was_read_as_text() {
    let notes = parse("what did /slip flow/ mean?").unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("/slip")), "{notes:?}");
    let notes = parse("note: the x").unwrap().notes;
    assert!(notes.iter().any(|n| n.contains("note:")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("the")), "{notes:?}");
    assert!(parse("treaty rapallo").unwrap().notes.is_empty());
    for nothing in ["\"\"", "()", "\" \"", "“”"] {
        assert_eq!(
            parse(nothing).unwrap().notes,
            ["nothing to search for: the query holds no words"],
            "{nothing}"
        );
    }
    assert!(parse("*").unwrap().notes.is_empty());
}

/// Every query of the shared test collections: what people typed or wrote, with
/// parentheses, slashes, colons and dashes in them. None may be an error.
#[test]
fn every_query_of_the_test_collections_parses() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval");
    if !dir.is_dir() {
        assert!(
            std::env::var_os("ANNALS_REQUIRE_EVAL").is_none(),
            "ANNALS_REQUIRE_EVAL is set but {} is missing",
            dir.display()
        );
        eprintln!("skipping: no test collections at {}", dir.display());
        return;
    }
    let mut parsed = 0;
    for name in ["scifact", "cranfield", "med", "cacm", "npl"] {
        let file = dir.join(name).join("queries.jsonl");
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let query: serde_json::Value = serde_json::from_str(line).unwrap();
            let query = query["text"].as_str().unwrap();
            assert!(
                parse(query).is_ok(),
                "{name}: {query:?}: {:?}",
                parse(query)
            );
            parsed += 1;
        }
    }
    assert_eq!(parsed, 300 + 225 + 30 + 52 + 93);
}

proptest::proptest! {
    #[test]
    fn any_printable_text_parses_or_is_a_query_error(query in "\\PC{0,60}") {
        match parse(&query) {
            Ok(_) | Err(Error::Query { .. }) => {}
            Err(e) => panic!("{query:?}: {e}"),
        }
    }

    #[test]
    fn prose_is_never_an_error(query in "[a-zA-Z0-9 .,;:?!()/'-]{0,80}") {
        let parsed = parse(&query);
        proptest::prop_assert!(parsed.is_ok(), "{:?}: {:?}", query, parsed);
    }
}

#[test]
fn clearly_broken_syntax_is_an_error_with_its_position() {
    for (query, position) in [
        ("year:[1900 TO", 1),
        ("a year:>abc", 3),
        (&format!("word^{}", "9".repeat(60)), 5),
        ("word^0", 5),
        ("\"a b\"~999", 6),
        ("treaty year:[1918 TO 1914]", 8),
    ] {
        match parse(query) {
            Err(Error::Query { position: p, .. }) => assert_eq!(p, position, "{query}"),
            other => panic!("{query}: {other:?}"),
        }
    }
}

#[test]
fn a_range_of_years_shortened_as_historians_write_it_is_read_and_a_reversed_one_is_text() {
    let c = leaves("treaty year:1914-18");
    assert_eq!(
        c[1].1,
        Node::Leaf(Leaf::Years {
            from: Bound::Included(1914),
            to: Bound::Included(1918)
        })
    );
    for query in ["treaty year:1918-1914", "treaty year:\"1918 to 1914\""] {
        let notes = parse(query).unwrap().notes;
        assert!(
            notes
                .iter()
                .any(|n| n.contains("the range ends before it starts")),
            "{query}: {notes:?}"
        );
    }
}

#[test]
fn a_missing_year_is_named_as_missing() {
    for query in ["treaty year:>=", "year:< treaty", "year:[ TO 1950]"] {
        match parse(query) {
            Err(Error::Query { message, .. }) => {
                assert!(
                    message.starts_with("a year is missing"),
                    "{query}: {message}"
                )
            }
            other => panic!("{query}: {other:?}"),
        }
    }
}
