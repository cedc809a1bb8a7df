//! One-word searches answered from the segments' champion files: the same hits as a full
//! search, kept in step with the segments.

use std::path::Path;

use crate::util::{article, segment_ids, TestEnv};

const WORDS: [&str; 10] = [
    "siege", "treaty", "harbour", "garrison", "empire", "canal", "railway", "bishop", "famine",
    "charter",
];

/// A word for `x`: each about half as often as the one before (the last as often as the
/// one before it).
fn word(x: usize) -> &'static str {
    let mixed = ((x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32;
    WORDS[(mixed | 1 << (WORDS.len() - 1)).trailing_zeros() as usize]
}

fn text(seed: usize, words: usize) -> String {
    let mut text: Vec<&str> = (0..words).map(|j| word(seed * 97 + j)).collect();
    text.push("ended.");
    text.join(" ")
}

/// 500 articles of four sections: thousands of documents, the common words in most.
fn corpus(env: &TestEnv) {
    for i in 0..500 {
        let sections: Vec<(String, String)> = (0..3)
            .map(|s| {
                let seed = i * 4 + s;
                (format!("{} {s}", word(seed * 5)), text(seed, 3 + seed % 40))
            })
            .collect();
        let sections: Vec<(&str, &str)> = sections
            .iter()
            .map(|(h, b)| (h.as_str(), b.as_str()))
            .collect();
        env.write(
            &format!("a/{i:03}.txt"),
            article(&format!("Chronicle {i}"), &text(i * 4 + 3, 5), &sections),
        );
    }
}

fn champion_files(index: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".annals-champions-"))
        .map(|n| n.trim_start_matches(".annals-champions-").to_string())
        .collect();
    names.sort();
    names
}

/// The total, and the hits of `args` in the index at `index`, grouped by score (to three
/// places): each group's score and its documents (article and heading), in order.
///
/// Documents scoring alike may come in either order, since sums taken in another order
/// round differently; for the same reason, the last group on the page may hold others
/// of the same score, so only its score and size are kept.
fn results(env: &TestEnv, index: &Path, args: &[&str]) -> Vec<String> {
    let index = index.to_str().unwrap();
    let mut all = vec!["--index", index, "search", "--json"];
    all.extend(args);
    let json = env.ok(&all).json();
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for hit in json["hits"].as_array().unwrap() {
        let score = format!("{:.3}", hit["score"].as_f64().unwrap());
        let doc = format!("{} / {}", hit["article"], hit["heading"]);
        match groups.last_mut() {
            Some((s, docs)) if *s == score => docs.push(doc),
            _ => groups.push((score, vec![doc])),
        }
    }
    let mut out = vec![format!("{} {}", json["total"], json["total_exact"])];
    let last = groups.len().saturating_sub(1);
    for (i, (score, mut docs)) in groups.into_iter().enumerate() {
        docs.sort();
        match i == last {
            true => out.push(format!("{score} × {}", docs.len())),
            false => out.push(format!("{score}: {docs:?}")),
        }
    }
    out
}

/// The results of one-word searches at several depths, with the champion files and with
/// a copy of the index that has none.
fn compare(env: &TestEnv) -> usize {
    let plain = env.root().join("plain");
    let _ = std::fs::remove_dir_all(&plain);
    std::fs::create_dir(&plain).unwrap();
    for entry in std::fs::read_dir(env.index()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_file() && !name.starts_with(".annals-champions-") {
            std::fs::copy(entry.path(), plain.join(&name)).unwrap();
        }
    }
    let mut compared = 0;
    for word in WORDS {
        for args in [vec![word], vec![word, "-n", "3", "--offset", "20"]] {
            let with = results(env, &env.index(), &args);
            let without = results(env, &plain, &args);
            assert_eq!(with, without, "{args:?}");
            compared += with.len() - 1;
        }
    }
    compared
}

#[test]
fn each_segment_gets_a_champion_file_and_one_word_searches_keep_their_hits() {
    let env = TestEnv::new();
    corpus(&env);
    env.ok(&["index", "--quiet"]);
    let (_, committed) = segment_ids(&env.index());
    assert_eq!(champion_files(&env.index()), committed);
    // Most pages hold several scores.
    assert!(compare(&env) >= 40, "too few distinct scores to compare");

    // An update writes the files of its new segments and removes those of segments merged
    // away; the hits stay those of a full search.
    for i in 0..3 {
        env.write(
            &format!("a/{i:03}.txt"),
            article("Chronicle rewritten", &text(9000 + i, 60), &[]),
        );
        env.ok(&["index", "--quiet"]);
        let (_, committed) = segment_ids(&env.index());
        assert_eq!(champion_files(&env.index()), committed, "update {i}");
    }
    compare(&env);

    // Files that an interrupted update (or an older annals) left unwritten are written
    // by the next update, even one with nothing to do.
    for id in champion_files(&env.index()) {
        std::fs::remove_file(env.index().join(format!(".annals-champions-{id}"))).unwrap();
    }
    let summary = env.ok(&["index", "--json"]).json();
    assert_eq!(summary["unchanged"], 500, "{summary}");
    let (_, committed) = segment_ids(&env.index());
    assert_eq!(champion_files(&env.index()), committed);
}

#[test]
fn a_damaged_champion_file_only_slows_searches_down() {
    let env = TestEnv::new();
    corpus(&env);
    env.ok(&["index", "--quiet"]);
    let before = results(&env, &env.index(), &["siege"]);
    for id in champion_files(&env.index()) {
        let path = env.index().join(format!(".annals-champions-{id}"));
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    }
    assert_eq!(results(&env, &env.index(), &["siege"]), before);
}
