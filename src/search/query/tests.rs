//! Parsing and compiling queries: limits, positions, filters.

use super::*;
use crate::error::Error;

#[test]
fn deep_nesting_is_an_error_with_its_position_not_a_stack_overflow() {
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let Err(Error::Query { position, message }) = parse(&deep) else {
        panic!("expected a query error");
    };
    assert_eq!(position, MAX_NESTING + 1);
    assert!(message.contains("nest"), "{message}");
    let ok = format!("{}a{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
    assert!(parse(&ok).is_ok());
    // Parentheses inside a phrase are text, not nesting.
    assert!(parse(&format!("\"{}\"", "(".repeat(100))).is_ok());
    assert!(parse(&format!("“{}”", "(".repeat(100))).is_ok());
    // A quote that closes nothing is text: the parentheses after it nest, and are
    // counted (this overflowed the stack).
    let after_quote = format!("\" {}a{}", "(".repeat(20_000), ")".repeat(20_000));
    let Err(Error::Query { position, .. }) = parse(&after_quote) else {
        panic!("expected a query error");
    };
    assert_eq!(position, 2 + MAX_NESTING + 1);
    // So is a Hebrew abbreviation's gershayim typed as `"`.
    let hebrew = format!("צה\"ל {}a{}", "(".repeat(20_000), ")".repeat(20_000));
    assert!(parse(&hebrew).is_err());
}

#[test]
fn overlong_queries_are_cut_to_their_first_words_quickly() {
    let many = format!("{} ending", "rapallo ".repeat(130_000)); // about 1 MB
    let started = std::time::Instant::now();
    let parsed = parse(&many).expect("a long query is prose, not an error");
    assert!(started.elapsed().as_secs() < 2);
    assert_eq!(
        parsed.notes,
        ["searched the first 1024 of the query's 130001 words"]
    );
    // The words past the first 1024 are not read: `ending` is not among them.
    assert_eq!(
        parsed.node.texts().concat().matches("rapallo").count(),
        MAX_WORDS
    );
    assert!(!parsed.node.texts().concat().contains("ending"));
    let exactly = parse(&"w ".repeat(MAX_WORDS)).unwrap();
    assert!(exactly.notes.is_empty(), "{:?}", exactly.notes);
}

#[test]
fn positions_count_characters_not_bytes() {
    let Err(Error::Query { position, .. }) = parse("zürich year:[1900 TO") else {
        panic!("expected a query error");
    };
    assert_eq!(position, 8);
}

#[test]
fn year_filters_of_the_whole_query_come_out_of_it() {
    let years = |text: &str| {
        let parsed = parse(text).unwrap();
        (parsed.years, parsed.can_relax)
    };
    let range = |from, to| YearRange { from, to };
    // One word and a filter: nothing left to relax.
    assert_eq!(
        years("treaty year:[1800 TO 1900]"),
        (range(Some(1800), Some(1900)), false)
    );
    // Filters narrow each other; exclusive bounds are the next year in.
    assert_eq!(
        years("year:{1800 TO 1900} treaty year:[1850 TO *] peace").0,
        range(Some(1850), Some(1899))
    );
    // `year:[* TO *]` leaves out documents without a year.
    assert_eq!(years("treaty year:[* TO *]").0, range(Some(i64::MIN), None));
    // Not a filter of the whole query: inside parentheses, required, or all there is.
    for text in ["(treaty year:1900) peace", "treaty +year:1900", "year:1900"] {
        assert!(years(text).0.is_open(), "{text}");
    }
}

#[test]
fn a_query_relaxes_when_some_word_is_required_only_by_default() {
    let relaxes = |text: &str| parse(text).unwrap().can_relax;
    // Words required only because every word is: "any word" makes them optional.
    assert!(relaxes("siege sevastopol"));
    // A required word beside one required by default: the other becomes optional.
    assert!(relaxes("+treaty vienna"));
    assert!(relaxes("siege AND sevastopol crimea"));
    assert!(relaxes("(+treaty vienna) OR canal"));
    // Nothing required by default, or nothing beside it: both modes are the same query.
    for text in [
        "treaty",
        "+treaty +vienna",
        "treaty AND vienna",
        "treaty -vienna",
    ] {
        assert!(!relaxes(text), "{text}");
    }
}

#[test]
fn a_sentence_ends_in_its_mark_or_opens_with_a_question_word() {
    for sentence in [
        "who held sevastopol?",
        "rapallo?",
        "who held sevastopol",
        "What's the treaty of Rapallo",
        "how did the siege end",
        "When  was the Treaty of Rapallo signed ",
        "Statins increase blood cholesterol.",
        "Rapallo was signed in 1920!",
        "ラパッロ条約はいつ？",
        "the treaty was signed…",
        "متى وقعت المعاهدة؟",
        "wer war Bismarck",
        "Où est Rapallo",
        "когда подписан договор",
    ] {
        assert!(is_sentence(sentence), "{sentence}");
    }
    for topic in [
        "siege of sevastopol",
        "who",
        "whoever held sevastopol",
        "somehow rapallo",
        "the who",
        "treaty of rapallo",
        "siege of sevastopol (1854)",
    ] {
        assert!(!is_sentence(topic), "{topic}");
    }
}
