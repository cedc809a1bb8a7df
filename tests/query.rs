//! Queries as people type them, and the search path's answers to hostile ones: prose that
//! looks like syntax, prefixes matching many words, open year ranges, huge boosts, and
//! filters that must not change the ranking.

use serde_json::Value;

use crate::util::{article, TestEnv};

/// Words starting with `ab` that stem to themselves: `ab` and three letters from `n`.
fn ab_words(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let letter = |k: usize| (b'b' + (k % 20) as u8) as char;
            format!("ab{}{}{}q", letter(i / 400), letter(i / 20), letter(i))
        })
        .collect()
}

/// `n` sections, each holding one distinct `ab…` word, over JSON Lines records.
fn prefix_env(n: usize) -> TestEnv {
    let env = TestEnv::new();
    let mut lines = String::new();
    for (i, word) in ab_words(n).iter().enumerate() {
        lines.push_str(&format!(
            "{{\"id\":\"a{i}\",\"title\":\"Record {i}\",\"text\":\"The word {word} is here.\"}}\n"
        ));
    }
    env.write("records.jsonl", lines);
    env.ok(&["index", "--quiet"]);
    env
}

fn notes(results: &Value) -> Vec<String> {
    results["notes"]
        .as_array()
        .expect("notes is a list")
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn pasted_prose_runs_and_says_what_was_read_as_text() {
    let env = TestEnv::new();
    env.write(
        "ros.txt",
        article(
            "Oxidative Stress in Early Physiology",
            "Nineteenth-century chemists studied reactive oxygen species (ROS) without the name.",
            &[(
                "Slip Flow",
                "The slip flow regime puzzled engineers of rarefied gases in 1920.",
            )],
        ),
    );
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["reactive oxygen species (ROS)."]);
    assert!(results["total"].as_u64().unwrap() >= 1, "{results}");
    let results = env.search_json(&["what did /slip flow/ mean?"]);
    assert_eq!(results["hits"][0]["heading"], "Slip Flow", "{results}");
    let notes = notes(&results);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("read as text") && n.contains("/slip")),
        "{notes:?}"
    );
    // The same note for people, as one line.
    let human = env.ok(&["search", "what did /slip flow/ mean?"]).stdout();
    assert!(human.contains("Note: read as text"), "{human}");
    // Stop words are named.
    let results = env.search_json(&["the slip of flow"]);
    assert!(
        notes_of(&results).any(|n| n.contains("ignored common words: the, of")),
        "{results}"
    );
    for query in [
        "note: slip",
        "type-I flow",
        " - (a) flow",
        "why? flow",
        "25(OH)D flow",
        "HAM/TSP flow",
        "\"unclosed flow",
        "flow)",
    ] {
        let run = env.run(&["search", "--json", "--", query]);
        assert_eq!(run.code(), 0, "{query:?}: {}", run.stderr());
    }
}

fn notes_of(results: &Value) -> impl Iterator<Item = String> {
    notes(results).into_iter()
}

#[test]
fn a_prefix_counts_every_match_across_segments() {
    // 300 sections, each with its own `ab…` word: more than the 64 expansions of old.
    let env = prefix_env(300);
    let results = env.search_json(&["ab*", "-n", "5"]);
    assert_eq!(results["total"], 300, "{}", results["total"]);
    assert_eq!(results["total_exact"], true);
    assert!(notes(&results).is_empty(), "{results}");
    // The same after a rebuild, which may split the index otherwise.
    env.ok(&["index", "--full", "--quiet"]);
    let again = env.search_json(&["ab*", "-n", "5"]);
    assert_eq!(again["total"], 300);
}

#[test]
fn a_prefix_matching_too_many_words_says_it_was_cut() {
    let env = prefix_env(1100);
    let results = env.search_json(&["ab*", "-n", "5"]);
    assert_eq!(results["total_exact"], false, "{results}");
    assert_eq!(results["total"], 1024, "{}", results["total"]);
    let notes = notes(&results);
    assert!(
        notes
            .iter()
            .any(|n| n.contains("ab*") && n.contains("1024")),
        "{notes:?}"
    );
}

#[test]
fn hundreds_of_prefixes_share_one_budget() {
    let env = prefix_env(50);
    let query: Vec<String> = (b'a'..=b'z')
        .flat_map(|a| (b'a'..=b'j').map(move |b| format!("{}{}*", a as char, b as char)))
        .collect();
    let query = query.join(" ");
    let results = env.search_json(&["--", &query]);
    // Any word of a long query may match: every record has one of these prefixes.
    assert_eq!(results["total"], 50, "{}", results["total"]);
}

#[test]
fn an_open_year_range_matches_every_dated_document() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let all = env.search_json(&["year:[* TO *]", "-n", "1"]);
    let dated = env.search_json(&["year:>=0", "-n", "1"]);
    assert!(all["total"].as_u64().unwrap() > 0);
    assert_eq!(all["total"], dated["total"]);
}

#[test]
fn a_boost_that_is_not_a_finite_number_is_a_query_error() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let query = format!("rapallo^{}", "9".repeat(60));
    let run = env.run(&["search", "--json", &query]);
    assert_eq!(run.code(), 2, "{}", run.stdout());
    assert!(
        run.stderr().contains("invalid query at position 8"),
        "{}",
        run.stderr()
    );
    // A finite boost keeps every score finite.
    let results = env.search_json(&["rapallo^1000 treaty"]);
    for hit in results["hits"].as_array().unwrap() {
        assert!(hit["score"].as_f64().unwrap().is_finite(), "{hit}");
    }
}

#[test]
fn clearly_broken_syntax_names_its_position() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let run = env.run(&["search", "treaty year:[1900 TO"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("position 8") && run.stderr().contains("not closed"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_filter_that_passes_everything_changes_no_rank() {
    let env = TestEnv::new();
    for (i, year) in [1901, 1925, 1950, 1975].iter().enumerate() {
        env.write(
            &format!("a{i}.txt"),
            article(
                &format!("Treaty Number {i}"),
                &format!(
                    "In {year} a treaty was signed{}.",
                    " and a treaty".repeat(i)
                ),
                &[("Aftermath", "The treaty held for a while, then war came.")],
            ),
        );
    }
    env.ok(&["index", "--quiet"]);
    for query in [
        "treaty",
        "treaty war",
        "treaty signed held while",
        "treaty signed held while war came",
    ] {
        let plain = env.search_json(&[query, "-n", "20"]);
        let filtered = env.search_json(&[query, "-n", "20", "--year", "1000..2100"]);
        let ranked = |r: &Value| -> Vec<(String, String, String)> {
            r["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    (
                        h["article"].to_string(),
                        h["heading"].to_string(),
                        format!("{:.4}", h["score"].as_f64().unwrap()),
                    )
                })
                .collect()
        };
        assert!(!ranked(&plain).is_empty());
        assert_eq!(ranked(&plain), ranked(&filtered), "{query}");
        assert_eq!(plain["total"], filtered["total"], "{query}");
    }
}

#[test]
fn expand_finds_documents_in_other_words() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        article(
            "The Armistice",
            "The armistice of Compiegne was signed in a railway carriage in 1918.",
            &[],
        ),
    );
    env.write(
        "b.txt",
        article(
            "A Railway Carriage",
            "The carriage at Compiegne became a museum after 1927.",
            &[],
        ),
    );
    for i in 0..30 {
        env.write(
            &format!("f{i}.txt"),
            article(&format!("Filler {i}"), "Harvests and weather.", &[]),
        );
    }
    env.ok(&["index", "--quiet"]);
    let plain = env.search_json(&["armistice"]);
    assert_eq!(plain["total"], 1, "{plain}");
    let expanded = env.search_json(&["armistice", "--expand"]);
    let titles: Vec<&str> = expanded["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles[0], "The Armistice", "{titles:?}");
    assert!(titles.contains(&"A Railway Carriage"), "{titles:?}");
}

#[test]
fn quoted_words_in_a_long_query_count_apart_and_more_together() {
    let env = TestEnv::new();
    env.write(
        "apart.txt",
        article(
            "Rapallo",
            "At Rapallo the settlement of the frontier was agreed in 1920.",
            &[],
        ),
    );
    env.write(
        "together.txt",
        article(
            "The Settlement",
            "The Rapallo settlement fixed the frontier with Yugoslavia.",
            &[],
        ),
    );
    env.write(
        "other.txt",
        article("Harvests", "Notes on harvests and weather.", &[]),
    );
    env.ok(&["index", "--quiet"]);
    let paths = |results: &Value| -> Vec<String> {
        let hits = results["hits"].as_array().unwrap();
        (hits.iter())
            .map(|h| {
                h["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("corpus/")
                    .to_string()
            })
            .collect()
    };
    // A long query is ranked by BM25: the words of its quotation count one by one, and
    // the document holding them as a phrase ranks first.
    let long =
        env.search_json(&["notes on the \"rapallo settlement\" and what followed afterwards"]);
    assert_eq!(&paths(&long)[..2], ["together.txt", "apart.txt"], "{long}");
    assert_eq!(long["relaxed"], false, "{long}");
    // A short query holds the quotation to its phrase.
    let short = env.search_json(&["\"rapallo settlement\""]);
    assert_eq!(paths(&short), ["together.txt"], "{short}");
    // An excluded quotation excludes the phrase only.
    let excluding =
        env.search_json(&["notes on rapallo and what followed afterwards -\"rapallo settlement\""]);
    assert!(
        paths(&excluding).contains(&"apart.txt".to_string()),
        "{excluding}"
    );
    assert!(
        !paths(&excluding).contains(&"together.txt".to_string()),
        "{excluding}"
    );
}
