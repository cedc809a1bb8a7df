//! Queries as people type them, and the search path's answers to hostile ones: prose that
//! looks like syntax, prefixes matching many words, open year ranges, huge boosts, and
//! filters that must not change the ranking.

use serde_json::Value;

use crate::search::history_env;
use crate::util::{article, hits, TestEnv};

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
    // Stop words are named, and a query of nothing else is told what to do.
    let results = env.search_json(&["the slip of flow"]);
    assert!(
        notes_of(&results).any(|n| n.contains("ignored common words: the, of")),
        "{results}"
    );
    assert!(
        !notes_of(&results).any(|n| n.contains("every word")),
        "{results}"
    );
    let results = env.search_json(&["to be or not to be"]);
    assert_eq!(results["total"], 0);
    assert!(
        notes_of(&results)
            .any(|n| n
                .contains("every word of the query is a common word, which the index leaves out")),
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

#[test]
fn a_question_or_a_claim_is_ranked_as_a_sentence_not_in_tiers() {
    let env = history_env();
    // As a topic, every word is required first, and the rest come marked as partial.
    assert_eq!(env.search_json(&["sevastopol rapallo"])["relaxed"], true);
    // As a question, however short, BM25 ranks any of its words, as for a sentence.
    let question = env.search_json(&["sevastopol rapallo?"]);
    assert_eq!(question["relaxed"], false);
    assert_eq!(question["total"], 2);
    let ranked = env.search_json(&["who held sevastopol?"]);
    assert_eq!(hits(&ranked)[0].2, "Sevastopol");
    // So is a query opening with a question word, typed without the mark: `who` and
    // `held` are not required.
    let unmarked = env.search_json(&["who held sevastopol"]);
    assert_eq!(unmarked["relaxed"], false);
    assert_eq!(hits(&unmarked)[0].2, "Sevastopol");
    // Ranked by BM25, any word fills the page: a word the index does not have is searched
    // as its near spellings from the start, and a suggestion offered.
    env.write(
        "councils.txt",
        article(
            "Councils",
            "Who held the council? Elders held it.",
            &[
                ("Spring", "The spring council was held in the hall."),
                ("Autumn", "The autumn council was held by the river."),
            ],
        ),
    );
    env.ok(&["index", "--quiet"]);
    // Three sections say "held": they alone would fill a page of three.
    let misspelled = env.search_json(&["--limit", "3", "who held sevastapol?"]);
    let headings: Vec<String> = hits(&misspelled).into_iter().map(|h| h.2).collect();
    assert!(headings.contains(&"Sevastopol".to_string()), "{headings:?}");
    assert_eq!(misspelled["suggestion"], "who held sevastopol?");
    // The hit found only through the corrected word says so, as the typo tier's do.
    let typos: Vec<(String, bool)> = (misspelled["hits"].as_array().unwrap().iter())
        .map(|h| (h["heading"].to_string(), h["typo"] == true))
        .collect();
    assert_eq!(
        typos.iter().filter(|(_, typo)| *typo).count(),
        1,
        "{typos:?}"
    );
    assert!(
        typos
            .iter()
            .all(|(heading, typo)| heading.contains("Sevastopol") == *typo),
        "{typos:?}"
    );
    // And a sentence, a claim, however short.
    let claim = env.search_json(&["Sevastopol fell to Rapallo."]);
    assert_eq!(claim["relaxed"], false);
    assert_eq!(claim["total"], 2);
}

#[test]
fn a_required_word_is_found_without_the_others_when_they_are_not_all_there() {
    let env = history_env();
    // No section has both Sevastopol and Rapallo; `+` makes Rapallo the one that must be.
    let loose = env.search_json(&["+rapallo", "sevastopol"]);
    assert_eq!(loose["relaxed"], true);
    let headings: Vec<String> = hits(&loose).into_iter().map(|h| h.2).collect();
    assert_eq!(headings, vec!["Key Events Leading to Diplomatic Relations"]);
    // Both required: nothing, as asked.
    assert_eq!(env.search_json(&["+rapallo", "+sevastopol"])["total"], 0);
}

#[test]
fn words_joined_by_punctuation_are_a_phrase_first_then_apart() {
    let env = history_env();
    let headings = |results: &serde_json::Value| -> Vec<String> {
        hits(results).into_iter().map(|h| h.2).collect()
    };
    // Written together, the words are a phrase, and the text has "Treaty of Rapallo".
    let phrase = env.search_json(&["treaty-of-rapallo"]);
    assert_eq!(phrase["relaxed"], false);
    assert_eq!(phrase["total"], 1);
    // No text says "b rapallo b": the word inside the markup is found, marked relaxed.
    let markup = env.search_json(&["<b>rapallo</b>"]);
    assert_eq!(markup["relaxed"], true);
    assert_eq!(
        headings(&markup),
        vec!["Key Events Leading to Diplomatic Relations"]
    );
    // A pasted address is a long query, ranked rather than tiered: its words apart too.
    let address = env.search_json(&["https://example.org/wiki/Treaty_of_Rapallo"]);
    assert_eq!(address["relaxed"], true);
    assert_eq!(
        headings(&address)[0],
        "Key Events Leading to Diplomatic Relations"
    );
    // Quoted, a phrase is a phrase in every tier.
    assert_eq!(env.search_json(&["\"rapallo-treaty\""])["total"], 0);
    assert_eq!(env.search_json(&["rapallo-treaty"])["relaxed"], true);
}

#[test]
fn an_acronym_finds_itself_written_with_full_stops_and_without() {
    let env = TestEnv::new();
    env.write("dotted.txt", "Dotted\nThe U.S.S.R. signed the pact.\n");
    env.write("plain.txt", "Plain\nThe USSR signed another pact.\n");
    env.ok(&["index", "--quiet"]);
    for query in ["USSR", "U.S.S.R.", "u.s.s.r"] {
        let found = env.search_json(&[query]);
        assert_eq!(found["total"], 2, "{query}: {found}");
    }
    // The match is marked where the acronym is written.
    let dotted = env.search_json(&["ussr", "dotted"]);
    let snippet = dotted["hits"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>U.S.S.R</mark>."), "{snippet}");
}

#[test]
fn a_name_of_letters_joined_by_ampersands_or_with_signs_is_one_word() {
    let env = TestEnv::new();
    env.write(
        "label.txt",
        "Label\nA&M Records signed the band in 1977, and AT&T's engineers built the studio.\n",
    );
    env.write(
        "letters.txt",
        "Letters\nAt the station a clerk sorted the mail by letter: c, m, t and r.\n",
    );
    env.write(
        "railway.txt",
        "Railway\nThe B&O reached the Ohio in 1852.\n",
    );
    env.write(
        "language.txt",
        "Language\nStroustrup designed C++ in 1985, and the sonata is in C# minor.\n",
    );
    env.ok(&["index", "--quiet"]);
    // `A&M` is not the stop word `a` and the letter `m`, nor `C++` the letter `c`: no
    // common word is ignored, and the letters standing apart are no match.
    for (query, path) in [
        ("A&M", "corpus/label.txt"),
        ("a&m", "corpus/label.txt"),
        ("AT&T", "corpus/label.txt"),
        ("b&o", "corpus/railway.txt"),
        ("C++", "corpus/language.txt"),
        ("c#", "corpus/language.txt"),
    ] {
        let found = env.search_json(&[query]);
        assert_eq!(found["total"], 1, "{query}: {found}");
        assert_eq!(found["hits"][0]["path"], path, "{query}: {found}");
        assert_eq!(found["notes"], serde_json::json!([]), "{query}: {found}");
    }
    let snippet = env.search_json(&["at&t"])["hits"][0]["snippet"].clone();
    assert!(
        snippet.as_str().unwrap().contains("<mark>AT&amp;T</mark>"),
        "{snippet}"
    );
    // A word of four letters or more is a word of its own.
    env.write("music.txt", "Music\nThey played rock&roll all night.\n");
    env.ok(&["index", "--quiet"]);
    assert_eq!(env.search_json(&["rock"])["total"], 1);
}

/// Whether a query is widened (near spellings, then any of its words) is decided from how
/// many documents have every word, never from the page: every page of a query lists the
/// same hits under the same total.
#[test]
fn every_page_of_a_query_has_the_same_hits_and_total() {
    let env = TestEnv::new();
    for i in 0..14 {
        let both = if i < 12 { " and the cartographer" } else { "" };
        env.write(
            &format!("surveys/{i:02}.txt"),
            format!("Survey {i}\nThe surveyor of district {i} mapped the coast{both}.\n"),
        );
    }
    for i in 0..3 {
        env.write(
            &format!("engravers/{i}.txt"),
            format!("Engraving {i}\nAn engraver and a lithographer printed plate {i}.\n"),
        );
    }
    env.write("lone.txt", "Lone\nA lithographer alone.\n");
    env.ok(&["index", "--quiet"]);
    let page = |query: &str, limit: usize, offset: usize| {
        let (limit, offset) = (limit.to_string(), offset.to_string());
        let results = env.search_json(&[query, "-n", &limit, "--offset", &offset]);
        let hits: Vec<String> = (results["hits"].as_array().unwrap().iter())
            .map(|h| format!("{}{}", h["path"], h["partial"]))
            .collect();
        (hits, results["total"].as_u64().unwrap())
    };
    // Twelve documents have both words: no page is filled with documents missing one.
    let (all, total) = page("surveyor cartographer", 50, 0);
    assert_eq!((all.len(), total), (12, 12), "{all:?}");
    // Three have both words: every page, however short, counts the partial ones too.
    let (loose, loose_total) = page("engraver lithographer", 50, 0);
    assert_eq!((loose.len(), loose_total), (4, 4), "{loose:?}");
    for (query, all, total) in [
        ("surveyor cartographer", &all, total),
        ("engraver lithographer", &loose, loose_total),
    ] {
        for limit in [1, 2, 3, 5, 10] {
            for offset in [0, 1, 3] {
                let (hits, got) = page(query, limit, offset);
                let end = (offset + limit).min(all.len());
                assert_eq!(got, total, "{query} -n {limit} --offset {offset}");
                assert_eq!(
                    hits,
                    all[offset.min(end)..end],
                    "{query} -n {limit} --offset {offset}"
                );
            }
        }
    }
}
