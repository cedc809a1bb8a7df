//! Typo tolerance, "did you mean", grouping per article, and `annals bench`.

use crate::util::{article, TestEnv};

/// The sample plus an article that uses the exact word a typo in another query resembles.
fn env() -> TestEnv {
    let env = TestEnv::with_sample();
    env.write(
        "armies.txt",
        article(
            "Armies of the Republic",
            "The republic raised armies in 1793.",
            &[
                (
                    "Levee en masse",
                    "Every citizen was liable to serve; the armies grew to a million men.",
                ),
                (
                    "Generals",
                    "Young generals rose quickly; the republic's armies of volunteers marched on Italy.",
                ),
                (
                    "Marching Songs",
                    "The Marseillaise was sung by volunteers from Marseille on the march to Paris.",
                ),
                ("Misprints", "Voluntears! Voluntears, voluntears."),
            ],
        ),
    );
    env.ok(&["index", "--quiet"]);
    env
}

#[test]
fn misspelled_words_still_find_their_sections_with_highlights() {
    let env = env();
    let results = env.search_json(&["diplomatc", "relashions"]);
    let first = &results["hits"][0];
    assert_eq!(first["title"], "Setting the Stage for Diplomacy");
    assert_eq!(first["typo"], true);
    let snippet = first["snippet"].as_str().unwrap();
    assert!(snippet.contains("<mark>diplomatic</mark>"), "{snippet}");
    assert!(snippet.contains("<mark>relations</mark>"), "{snippet}");
    assert_eq!(results["suggestion"], "diplomatic relations");
}

#[test]
fn suggestions_follow_the_corpus_through_updates() {
    let env = env();
    assert_eq!(
        env.search_json(&["voluntaers", "--exact"])["suggestion"],
        "voluntears"
    );
    // The only article with the word changes: it is no longer suggested, at once (the
    // dictionary counts articles exactly, deleted ones included).
    env.write(
        "armies.txt",
        article(
            "Armies of the Republic",
            "The republic raised armies in 1793.",
            &[],
        ),
    );
    env.ok(&["index", "--quiet"]);
    let after = env.search_json(&["voluntaers", "--exact"]);
    assert_ne!(after["suggestion"], "voluntears", "{after}");
}

#[test]
fn exact_turns_typo_tolerance_off_and_suggests_the_spelling() {
    let env = env();
    let exact = env.search_json(&["rapalo", "--exact"]);
    assert_eq!(exact["total"], 0);
    assert_eq!(exact["suggestion"], "rapallo");
    let human = env.ok(&["search", "rapalo", "--exact"]).stdout();
    assert!(human.contains("Did you mean: rapallo"), "{human}");

    let tolerant = env.search_json(&["rapalo"]);
    assert_eq!(tolerant["hits"][0]["typo"], true);
    assert!(tolerant["hits"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>Rapallo</mark>"));
}

#[test]
fn short_words_must_be_spelled_exactly() {
    // "jpan" is four letters: no typo allowed, so nothing matches.
    let env = env();
    assert_eq!(env.search_json(&["jpan"])["total"], 0);
    assert!(env.search_json(&["japan"])["total"].as_u64().unwrap() > 0);
}

#[test]
fn a_typo_hit_never_outranks_an_exact_hit() {
    // "volunteers" is in two sections as written; a short section repeats the misspelling
    // "voluntears" (one edit away), which would score highest by BM25 alone.
    let env = env();
    let results = env.search_json(&["volunteers"]);
    let hits = results["hits"].as_array().unwrap();
    let flags: Vec<(&str, bool)> = hits
        .iter()
        .map(|h| (h["heading"].as_str().unwrap(), h["typo"] == true))
        .collect();
    assert_eq!(flags.len(), 3, "{flags:?}");
    assert!(flags[..2].iter().all(|(_, typo)| !typo), "{flags:?}");
    assert_eq!(flags[2], ("Misprints", true));

    let exact = env.search_json(&["volunteers", "--exact"]);
    assert_eq!(exact["total"], 2);
}

#[test]
fn group_shows_one_hit_per_article_with_the_count_of_others() {
    let env = env();
    let plain = env.search_json(&["republic", "-n", "50"]);
    let grouped = env.search_json(&["republic", "--group", "-n", "50"]);
    let plain_hits = plain["hits"].as_array().unwrap();
    let groups = grouped["hits"].as_array().unwrap();
    let mut articles: Vec<&str> = plain_hits
        .iter()
        .map(|h| h["article"].as_str().unwrap())
        .collect();
    articles.dedup();
    assert_eq!(groups.len(), 1, "only the armies article says 'republic'");
    assert_eq!(groups[0]["article"], "armies");
    // The best section of the article first, and every other matching one counted.
    assert_eq!(groups[0]["heading"], plain_hits[0]["heading"]);
    assert_eq!(groups[0]["others"], plain_hits.len() - 1);
    assert_eq!(grouped["total"], 1);
    assert!(plain["hits"][0].get("others").is_none());
    let human = env.ok(&["search", "republic", "--group"]).stdout();
    assert!(
        human.contains(&format!(
            "{} more matches in this article",
            plain_hits.len() - 1
        )),
        "{human}"
    );
}

#[test]
fn bench_reports_latency_quality_and_a_run_file() {
    let env = env();
    std::fs::write(env.root().join("q.txt"), "rapallo\narmies\n").unwrap();
    // Query 1 is answered by the sample article, query 2 by the armies article.
    std::fs::write(
        env.root().join("qrels.txt"),
        "1 0 000_d5788bac9f20a018 1\n2 0 armies 2\n",
    )
    .unwrap();
    let report = env
        .ok(&[
            "bench",
            "--queries",
            "q.txt",
            "--qrels",
            "qrels.txt",
            "--runs",
            "2",
            "--json",
            "--run-file",
            "run.trec",
        ])
        .json();
    assert_eq!(report["queries"], 2);
    assert_eq!(report["runs"], 2);
    let total = &report["latency_ms"]["total"];
    assert!(total["p50"].as_f64().unwrap() > 0.0);
    assert!(total["p50"].as_f64() <= total["p99"].as_f64());
    assert!(total["p99"].as_f64() <= total["max"].as_f64());
    assert!(report["queries_per_second"].as_f64().unwrap() > 0.0);
    let quality = &report["quality"];
    assert_eq!(quality["judged_queries"], 2);
    assert_eq!(quality["ndcg_at_10"], 1.0);
    assert_eq!(quality["mrr_at_10"], 1.0);

    let run = std::fs::read_to_string(env.root().join("run.trec")).unwrap();
    let first: Vec<&str> = run.lines().next().unwrap().split(' ').collect();
    assert_eq!(first[..4], ["1", "Q0", "000_d5788bac9f20a018", "1"]);
    assert_eq!(first[5], "annals");
    let mut articles: Vec<&str> = run
        .lines()
        .filter(|l| l.starts_with("2 "))
        .map(|l| l.split(' ').nth(2).unwrap())
        .collect();
    let lines = articles.len();
    articles.sort();
    articles.dedup();
    assert_eq!(
        articles.len(),
        lines,
        "grouped: one line per article\n{run}"
    );
    assert!(run.contains("2 Q0 armies 1 "), "{run}");

    let human = env
        .ok(&[
            "bench",
            "--queries",
            "q.txt",
            "--qrels",
            "qrels.txt",
            "--runs",
            "1",
        ])
        .stdout();
    for needle in [
        "p50",
        "p95",
        "p99",
        "max",
        "queries per second",
        "nDCG@10",
        "Recall@100",
        "MRR@10",
    ] {
        assert!(human.contains(needle), "{needle} missing:\n{human}");
    }
}

#[test]
fn bench_input_errors_name_the_file_and_line() {
    let env = env();
    std::fs::write(
        env.root().join("q.jsonl"),
        "{\"_id\":\"1\",\"text\":\"x\"}\nnot json\n",
    )
    .unwrap();
    let run = env.run(&["bench", "--queries", "q.jsonl"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("q.jsonl:2:"), "{}", run.stderr());

    std::fs::write(env.root().join("q.txt"), "rapallo\n").unwrap();
    std::fs::write(env.root().join("qrels.txt"), "1 0 doc high\n").unwrap();
    let run = env.run(&["bench", "--queries", "q.txt", "--qrels", "qrels.txt"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("qrels.txt:1:"), "{}", run.stderr());

    let run = env.run(&["bench", "--queries", "missing.txt"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("missing.txt"), "{}", run.stderr());

    let run = env.run(&["bench", "--queries", "q.txt", "--runs", "0"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("--runs"), "{}", run.stderr());
}

#[test]
fn a_sentences_words_found_together_rank_above_the_same_words_scattered() {
    let env = TestEnv::new();
    env.write(
        "together.txt",
        "The Port in 1807\nIn 1807 the naval blockade ruined the merchants of the port within a year, and trade moved inland.\n",
    );
    // The same words, and one in the title, but apart: BM25 alone ranks this first.
    env.write(
        "apart.txt",
        "Merchants and Admirals\nNaval officers argued for months over ships and yards. The merchants complained of a blockade of a distant coast, while taxes ruined the farmers.\n",
    );
    for i in 1..=5 {
        env.write(
            &format!("filler{i}.txt"),
            format!("Harvest {i}\nThe harvest was poor and the farmers sold their grain at the market.\n"),
        );
    }
    env.ok(&["index", "--quiet"]);
    let results = env.search_json(&["How did the naval blockade ruin the merchants?"]);
    let order: Vec<&str> = (results["hits"].as_array().unwrap().iter())
        .map(|hit| hit["article"].as_str().unwrap())
        .collect();
    assert_eq!(order[..2], ["together", "apart"], "{results}");
    // `--explain` names each pair found together.
    let explained = env
        .ok(&[
            "search",
            "--explain",
            "-n",
            "1",
            "How did the naval blockade ruin the merchants?",
        ])
        .stdout();
    for pair in ["naval blockade", "blockade ruin", "ruin the merchants"] {
        assert!(
            explained.contains(&format!("[near each other: {pair}]")),
            "{explained}"
        );
    }
}

/// Words pasted from a text find that text first, though its section is longer than one
/// repeating the same words apart.
#[test]
fn a_passage_pasted_from_a_section_finds_it_first() {
    let env = TestEnv::new();
    let filler = "The court moved between London and Oxford as the seasons changed, and the \
                  ministers wrote long letters about money, ships, taxes, harvests and the \
                  price of grain. ";
    env.write(
        "source.txt",
        format!(
            "Stuart Diplomacy\n{filler}Charles married a French princess, this with the \
             blessing of Pope Gregory XV, who used the opportunity to send an envoy to \
             England. {filler}\n"
        ),
    );
    // Short, and most of the words twice: BM25 and the pairs alone rank this first.
    env.write(
        "rival.txt",
        "Papal Envoys\nPope Gregory XV, who was elected in 1621, used the papal court; Pope \
         Gregory XV, who died in 1623, used it less.\n",
    );
    for i in 0..50 {
        env.write(
            &format!("filler{i}.txt"),
            format!(
                "Harvest {i}\n{}\n",
                "The harvest was poor and the farmers sold their grain at the market, while \
                 the merchants of the towns counted their losses and waited for spring. "
                    .repeat(4)
            ),
        );
    }
    env.ok(&["index", "--quiet"]);
    let passage = "the blessing of Pope Gregory XV, who used the opportunity";
    let results = env.search_json(&[passage]);
    let order: Vec<&str> = (results["hits"].as_array().unwrap().iter())
        .map(|hit| hit["article"].as_str().unwrap())
        .collect();
    assert_eq!(order[..2], ["source", "rival"], "{results}");
    let explained = env
        .ok(&["search", "--explain", "-n", "1", passage])
        .stdout();
    assert!(
        explained.contains("[as written: blessing of Pope Gregory XV, who used the opportunity]"),
        "{explained}"
    );
}
