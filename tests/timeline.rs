//! The timeline of a search's hits: counts per bucket, the chart, across segments, the API.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::util::{article, TestEnv};

/// 240 generated articles over four centuries, a fifth of them about an armistice, some
/// without a year.
fn generated() -> TestEnv {
    let env = TestEnv::new();
    for i in 0..240u64 {
        let year = 1700 + (i * 37) % 330;
        let topic = if i % 5 == 0 { "armistice" } else { "harvest" };
        let lead = match i % 11 {
            0 => format!("A {topic} without a date."),
            _ => format!("In {year} came the {topic}."),
        };
        env.write(
            &format!("a{i:03}.txt"),
            article(
                &format!("Article {i}"),
                &lead,
                &[("Aftermath", &format!("The {topic} was remembered."))],
            ),
        );
    }
    env.ok(&["index", "--quiet"]);
    env
}

#[test]
fn the_timeline_counts_every_matching_section_by_bucket() {
    let env = generated();
    for (args, bucket) in [
        (vec!["armistice", "--timeline"], "century"),
        (vec!["armistice", "--timeline", "decade"], "decade"),
        (
            vec!["--timeline=year", "armistice", "--year", "1800..1830"],
            "year",
        ),
        // A filter written in the query, a misspelling (a tier of its own), a kind.
        (
            vec!["armistice year:[1750 TO 1900]", "--timeline", "decade"],
            "decade",
        ),
        (vec!["armistise", "--timeline", "century"], "century"),
        (
            vec!["armistice OR harvest", "--timeline", "--kind", "section"],
            "century",
        ),
        // Queries whose search visits every match and counts them as it goes: a phrase,
        // required words, a word within a filter.
        (
            vec!["\"armistice was remembered\"", "--timeline"],
            "century",
        ),
        (vec!["+armistice +remembered", "--timeline"], "century"),
        (
            vec!["armistice", "--kind", "section", "--timeline"],
            "century",
        ),
    ] {
        let mut with_json = args.clone();
        with_json.extend(["-n", "3"]);
        let results = env.search_json(&with_json);
        let timeline = &results["timeline"];
        assert_eq!(timeline["bucket"], bucket, "{args:?}");
        assert_eq!(results["hits"].as_array().unwrap().len(), 3);

        // Brute force: every hit, by year.
        let mut all = args.clone();
        all.retain(|a| !a.starts_with("--timeline") && !["decade", "year", "century"].contains(a));
        all.extend(["--limit", "10000"]);
        let every = env.search_json(&all);
        let width = match bucket {
            "year" => 1,
            "decade" => 10,
            _ => 100,
        };
        let mut expected: BTreeMap<u64, u64> = BTreeMap::new();
        let mut undated = 0;
        for hit in every["hits"].as_array().unwrap() {
            match hit["year"].as_u64() {
                Some(y) => *expected.entry(y / width * width).or_insert(0) += 1,
                None => undated += 1,
            }
        }
        let counted: BTreeMap<u64, u64> = timeline["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c[0].as_u64().unwrap(), c[1].as_u64().unwrap()))
            .filter(|&(_, n)| n > 0)
            .collect();
        assert_eq!(counted, expected, "{args:?}");
        assert_eq!(timeline["undated"], undated, "{args:?}");
    }
    let plain = env.search_json(&["armistice"]);
    assert!(plain.get("timeline").is_none(), "only when asked for");
    // Only stop words: nothing matches, and the timeline asked for says so.
    let nothing = env.search_json(&["the", "--timeline"]);
    assert_eq!(
        nothing["timeline"]["counts"],
        serde_json::json!([]),
        "{nothing}"
    );
    assert_eq!(nothing["timeline"]["undated"], 0);
}

#[test]
fn the_timeline_is_a_bar_chart_above_the_hits() {
    let env = TestEnv::new();
    env.write_armistices(&[("a", 1911), ("b", 1918), ("c", 1918), ("d", 1925)]);
    let out = env.ok(&["search", "armistice", "--timeline", "decade", "-n", "1"]);
    let text = out.stdout();
    let bar = |n: usize| "█".repeat(n);
    assert!(
        text.starts_with(&format!(
            "1910s {} 3\n1920s {}▍{} 1\n\n 1. ",
            bar(40),
            bar(13),
            " ".repeat(26)
        )),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "plain when piped: {text:?}");
    let coloured = env
        .ok(&["search", "armistice", "--timeline", "--color", "always"])
        .stdout();
    assert!(coloured.contains("\x1b[34m█"), "{coloured:?}");
    // The bucket is read only when it is one: a query word after --timeline is a word.
    let word = env.search_json(&["--timeline", "armistice"]);
    assert_eq!(word["query"], "armistice");
    assert_eq!(word["timeline"]["bucket"], "year");
}

/// As the user tries it: `annals search armistice --timeline` on the shipped
/// corpus shows a bar per decade, the 1910s tallest.
#[test]
fn the_shipped_armistice_peaks_in_the_1910s() {
    let env = TestEnv::new();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for name in ["011_armistice_of_1918.txt", "005_treaty_of_versailles.txt"] {
        env.write(name, std::fs::read(corpus.join(name)).unwrap());
    }
    let found = env.search_json(&["armistice", "--timeline"]);
    let timeline = &found["timeline"];
    assert_eq!(timeline["bucket"], "decade", "{timeline}");
    let counts: Vec<(i64, u64)> = serde_json::from_value(timeline["counts"].clone()).unwrap();
    let tallest = counts.iter().max_by_key(|(_, n)| *n).unwrap();
    assert_eq!(tallest.0, 1910, "{counts:?}");
    assert!(counts.iter().any(|&(decade, n)| decade == 1940 && n > 0));
    let chart = env.ok(&["search", "armistice", "--timeline"]).stdout();
    assert!(chart.starts_with("1910s ████"), "{chart}");
}

#[test]
fn a_timeline_counts_across_segments_with_and_without_years() {
    let env = TestEnv::new();
    env.write(
        "dated.txt",
        article("Armistice", "An armistice was signed in 1918.", &[]),
    );
    env.ok(&["index"]);
    // Added by a later update, so in a segment of its own, whose year column is empty.
    env.write(
        "undated.txt",
        article("Truce", "A truce is not an armistice.", &[]),
    );
    env.ok(&["index"]);
    let json = env.search_json(&["armistice", "--timeline", "year"]);
    assert_eq!(json["timeline"]["counts"], serde_json::json!([[1918, 1]]));
    assert_eq!(json["timeline"]["undated"], 1, "{json}");
}

/// The timeline of `word` by year, and a brute-force count of its hits by year.
fn timeline_and_hits(env: &TestEnv, word: &str) -> (Value, Value) {
    let timeline = env.search_json(&[word, "--timeline", "year", "-n", "1"])["timeline"].clone();
    let every = env.search_json(&[word, "--kind", "section", "--limit", "10000"]);
    let mut counts: BTreeMap<i64, u64> = BTreeMap::new();
    let mut undated = 0;
    for hit in every["hits"].as_array().unwrap() {
        match hit["year"].as_i64() {
            Some(year) => *counts.entry(year).or_insert(0) += 1,
            None => undated += 1,
        }
    }
    let counted: Vec<_> = timeline["counts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c[1] != 0)
        .cloned()
        .collect();
    (
        json!({"counts": counted, "undated": timeline["undated"]}),
        json!({"counts": counts.into_iter().map(|(y, n)| json!([y, n])).collect::<Vec<_>>(), "undated": undated}),
    )
}

/// A word in more than a hundred documents of a segment has its counts per year written
/// at index time (beside each segment), and its timeline is read from them: they must
/// equal the matches, also once an update has deleted some of the segment's documents.
#[test]
fn a_common_words_timeline_is_read_from_counts_written_at_index_time() {
    let env = TestEnv::new();
    let write = |i: u64, year: u64| {
        let lead = match i % 9 {
            0 => "A harvest without a date.".to_string(),
            _ => format!("In {year} came the harvest."),
        };
        env.write(
            &format!("a{i:04}.txt"),
            article(&format!("Article {i}"), &lead, &[("Harvest", "Rain.")]),
        );
    };
    for i in 0..1500 {
        write(i, 1600 + (i * 7) % 400);
    }
    env.ok(&["index", "--quiet"]);
    // The size of each segment's counts: a file that counts some words (`harvest` is in
    // every section) is not the near-empty one of a segment too small for any.
    let counted = |env: &TestEnv| -> Vec<u64> {
        std::fs::read_dir(env.index())
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".annals-years-")
            })
            .map(|e| e.metadata().unwrap().len())
            .collect()
    };
    // A file per segment, and a timeline equal to the hits; the files' sizes.
    let check = |env: &TestEnv| -> (Vec<u64>, Value) {
        let (_, segments) = crate::util::segment_ids(&env.index());
        let sizes = counted(env);
        assert_eq!(sizes.len(), segments.len(), "a file per segment");
        let (timeline, hits) = timeline_and_hits(env, "harvest");
        assert_eq!(timeline, hits);
        (sizes, timeline)
    };
    let (sizes, _) = check(&env);
    assert!(sizes.iter().all(|&size| size > 1000), "{sizes:?}");

    // Changed files leave deleted documents in the segment; removed ones too.
    for i in (0..1500).step_by(10) {
        write(i, 1200);
    }
    for i in (5..1500).step_by(50) {
        std::fs::remove_file(env.corpus().join(format!("a{i:04}.txt"))).unwrap();
    }
    env.ok(&["index", "--quiet"]);
    let (sizes, timeline) = check(&env);
    assert!(sizes.iter().any(|&size| size > 1000), "{sizes:?}");
    assert_eq!(timeline["counts"][0][0], 1200, "{timeline}");
}

#[cfg(feature = "server")]
#[test]
fn the_api_draws_the_same_timeline() {
    let env = generated();
    let server = crate::server::Server::start(&env, &["--quiet"]);
    let (status, api) = server.get("/search?q=armistice&timeline=true");
    assert_eq!(status, 200);
    let cli = env.search_json(&["armistice", "--timeline"]);
    assert_eq!(api["timeline"], cli["timeline"]);
    let (status, decades) = server.get("/search?q=armistice&timeline=decade");
    assert_eq!(status, 200);
    assert_eq!(decades["timeline"]["bucket"], "decade");
    let (status, error) = server.get("/search?q=armistice&timeline=fortnight");
    assert_eq!(status, 400);
    assert!(
        error["error"].as_str().unwrap().contains("timeline"),
        "{error}"
    );
}
