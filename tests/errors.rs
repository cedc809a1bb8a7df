//! Every error gives a one-line message naming what is wrong, and the right exit status.

use crate::util::{TestEnv, Tmpfs};

fn assert_fails(env: &TestEnv, args: &[&str], code: i32, needle: &str) {
    let run = env.run(args);
    assert_eq!(run.code(), code, "annals {args:?}: {}", run.stderr());
    let stderr = run.stderr();
    assert!(
        stderr.contains(needle),
        "annals {args:?}: expected {needle:?} in {stderr:?}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(run.stdout().is_empty(), "{}", run.stdout());
}

#[test]
fn bad_options_are_usage_errors() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    assert_fails(
        &env,
        &["search", "--kind", "poems", "x"],
        2,
        "invalid value for --kind: \"poems\" is not one of section, reading, all",
    );
    assert_fails(
        &env,
        &["search", "--year", "19x0", "x"],
        2,
        "invalid value for --year",
    );
    assert_fails(
        &env,
        &["search", "--year", "1950..1900", "x"],
        2,
        "ends before it starts",
    );
    assert_fails(
        &env,
        &["search", "--year", "1950-1900", "x"],
        2,
        "\"1950-1900\" ends before it starts",
    );
    assert_fails(
        &env,
        &["search", "--limit", "0", "x"],
        2,
        "invalid value for --limit: must be at least 1",
    );
    assert_fails(
        &env,
        &["search", "--offset", "18446744073709551615", "x"],
        2,
        "--offset",
    );
    assert_fails(&env, &["search", "--limit", "ten", "x"], 2, "--limit");
    assert_fails(&env, &["search"], 2, "QUERY");
    assert_fails(&env, &["frobnicate"], 2, "frobnicate");
    let typo = env.run(&["serach", "x"]).stderr();
    assert!(
        typo.contains("similar subcommands exist: 'search', "),
        "{typo}"
    );
    // clap's usage errors read like every other error: one `annals:` line.
    let run = env.run(&["search", "x", "--bogus"]);
    assert_eq!(run.code(), 2);
    let stderr = run.stderr();
    assert!(
        stderr.starts_with("annals: unexpected argument '--bogus' found"),
        "{stderr}"
    );
    assert!(stderr.contains("see `annals search --help`"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
    assert_fails(
        &env,
        &["index", "--max-file-size", "12X"],
        2,
        "--max-file-size",
    );
}

#[test]
fn malformed_queries_name_the_position() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    // Only what is clearly syntax and clearly broken is an error.
    assert_fails(
        &env,
        &["search", "treaty year:[1900 TO"],
        2,
        "invalid query at position 8: the year range is not closed",
    );
    assert_fails(
        &env,
        &["search", "japan year:>abc"],
        2,
        "invalid query at position 7: year must be a year or a date, not \"abc\"",
    );
    assert_fails(
        &env,
        &["search", "japan^1e99"],
        2,
        "invalid query at position 6: a boost is a number above 0",
    );
    assert_fails(&env, &["search", "  "], 2, "the query is empty");
    // What a person could type as prose runs, with a note of what was read as text.
    for (query, note) in [
        ("\"treaty of", "an unmatched `\"`"),
        ("(japan", "an unmatched `(`"),
        ("japan soviet)", "an unmatched `)`"),
        ("japan foo:bar", "`foo:` (not a field)"),
        (
            "japan year:soon",
            "`year:` (not followed by a year or range)",
        ),
    ] {
        let run = env.ok(&["search", "--json", query]);
        let notes = run.json()["notes"].clone();
        let notes: Vec<&str> = notes
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert!(notes.iter().any(|n| n.contains(note)), "{query}: {notes:?}");
    }
}

#[test]
fn missing_folders_are_reported() {
    let env = TestEnv::new();
    std::fs::remove_dir(env.corpus()).unwrap();
    assert_fails(&env, &["index"], 2, "no corpus folder or file at corpus");
    assert_fails(
        &env,
        &["search", "x"],
        2,
        "no corpus folder or file at corpus",
    );
    assert_fails(
        &env,
        &["stats"],
        1,
        "/index; run `annals index` to build it",
    );
}

#[test]
fn a_damaged_index_says_how_to_recover() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    std::fs::write(env.index().join("meta.json"), "garbage").unwrap();
    assert_fails(
        &env,
        &["search", "rapallo"],
        1,
        "run `annals index --full` to rebuild it",
    );
    env.ok(&["index", "--full", "--quiet"]);
    assert_eq!(env.search_json(&["rapallo"])["total"], 1);
}

#[test]
fn an_index_folder_with_other_files_is_not_overwritten() {
    let env = TestEnv::with_sample();
    std::fs::create_dir(env.index()).unwrap();
    std::fs::write(env.index().join("thesis.docx"), "precious").unwrap();
    assert_fails(
        &env,
        &["index"],
        2,
        "holds no annals index; refusing to write into it",
    );
    assert_eq!(
        std::fs::read_to_string(env.index().join("thesis.docx")).unwrap(),
        "precious"
    );
}

#[test]
fn expected_errors_never_show_a_backtrace_even_when_asked_for() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    for args in [
        vec!["search", "year:[1900 TO"],
        vec!["search", "--kind", "poems", "x"],
        vec!["--index", "missing", "stats"],
    ] {
        let out = env.cmd(&args).env("RUST_BACKTRACE", "1").output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("backtrace"),
            "{stderr}"
        );
    }
}

/// Make the index whose `meta.json` is at `meta` look written by a future annals (one format
/// version past this one), and say that version.
fn mark_as_written_by_a_newer_annals(meta: &std::path::Path) -> u32 {
    let newer = annals::schema::SCHEMA_VERSION + 1;
    mark_as_written_by_format(meta, newer);
    newer
}

fn mark_as_written_by_format(meta: &std::path::Path, version: u32) {
    let text = std::fs::read_to_string(meta).unwrap();
    let current = format!("\\\"version\\\":{}", annals::schema::SCHEMA_VERSION);
    assert!(text.contains(&current), "{text}");
    let older = format!("\\\"version\\\":{version}");
    std::fs::write(meta, text.replace(&current, &older)).unwrap();
}

#[test]
fn a_search_on_an_index_from_an_older_annals_rebuilds_it_first() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let meta = env.index().join("meta.json");
    mark_as_written_by_format(&meta, annals::schema::SCHEMA_VERSION - 1);
    let run = env.run(&["search", "rapallo"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("rebuilding it"), "{}", run.stderr());
    assert!(run.stdout().contains("Rapallo"), "{}", run.stdout());
    assert_eq!(env.search_json(&["rapallo"])["total"], 1);
    // Built from another folder, it is rebuilt from that folder, not from `corpus/`.
    std::fs::rename(env.corpus(), env.root().join("articles")).unwrap();
    std::fs::remove_dir_all(env.index()).unwrap();
    env.ok(&["index", "articles", "--quiet"]);
    mark_as_written_by_format(&meta, annals::schema::SCHEMA_VERSION - 1);
    let run = env.run(&["search", "rapallo"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stderr().contains("rebuilding it from articles"),
        "{}",
        run.stderr()
    );
    assert!(run.stdout().contains("Rapallo"), "{}", run.stdout());
}

/// The sample's index on a 2 MB tmpfs (unmounted when the first value is dropped); `None`
/// where this process may not mount.
fn sample_index_on_a_2_mb_disk() -> Option<(Tmpfs, TestEnv, std::path::PathBuf)> {
    let disk = Tmpfs::mount("2m")?;
    let env = TestEnv::with_sample();
    let index = disk.path().join("index");
    env.ok(&["--index", index.to_str().unwrap(), "index", "--quiet"]);
    Some((disk, env, index))
}

/// 3,000 articles of 300 distinct made-up words each: more than fits in what is left of a
/// 2 MB disk holding the sample's index.
fn write_more_than_fits_in_2_mb(env: &TestEnv) {
    for i in 0..3000u64 {
        let words: Vec<String> = (0..300u64)
            .map(|j| {
                format!(
                    "w{:x}",
                    (i * 7919 + j * 104_729).wrapping_mul(2_654_435_761)
                )
            })
            .collect();
        env.write(
            &format!("bulk/{i}.txt"),
            format!("Bulk {i}\n{}.\n", words.join(" ")),
        );
    }
}

#[test]
fn an_index_from_a_newer_annals_is_refused_not_overwritten() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let meta = env.index().join("meta.json");
    let newer = mark_as_written_by_a_newer_annals(&meta);
    for args in [&["search", "rapallo"][..], &["index"][..]] {
        assert_fails(&env, args, 1, &format!("format version {newer}"));
        assert!(env.index().join("meta.json").is_file());
    }
    let run = env.run(&["index"]);
    assert!(
        run.stderr().contains("annals index --full"),
        "{}",
        run.stderr()
    );
    assert!(std::fs::read_to_string(&meta)
        .unwrap()
        .contains(&format!("\\\"version\\\":{newer}")));
    // Asked explicitly, it rebuilds for this version.
    env.ok(&["index", "--full", "--quiet"]);
    assert_eq!(env.search_json(&["rapallo"])["total"], 1);
}

/// Damage one file of the sample's index with `damage`, then: searching and updating fail
/// in one line naming the file, saying what is wrong (`says`) and how to recover, and
/// `--full` recovers.
fn a_damaged_segment_is_reported_and_full_recovers(
    extension: &str,
    damage: fn(&std::path::Path),
    says: &str,
) {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let file = std::fs::read_dir(env.index())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == extension))
        .expect("a segment file");
    damage(&file);
    let run = env.run(&["search", "rapallo"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert_eq!(run.stderr().lines().count(), 1, "{}", run.stderr());
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(run.stderr().contains(&*name), "{}", run.stderr());
    assert!(run.stderr().contains(says), "{}", run.stderr());
    assert!(
        run.stderr().contains("run `annals index --full`"),
        "{}",
        run.stderr()
    );
    let update = env.run(&["index"]);
    assert_eq!(update.code(), 1, "{}", update.stderr());
    assert!(
        update.stderr().contains("run `annals index --full`"),
        "{}",
        update.stderr()
    );
    env.ok(&["index", "--full", "--quiet"]);
    assert_eq!(env.search_json(&["rapallo"])["total"], 1);
}

#[test]
fn a_truncated_segment_file_is_an_error_naming_the_index() {
    let truncate = |file: &std::path::Path| std::fs::write(file, b"").unwrap();
    a_damaged_segment_is_reported_and_full_recovers("idx", truncate, "is damaged");
}

#[test]
fn a_deleted_segment_file_is_an_error_naming_the_index() {
    let delete = |file: &std::path::Path| std::fs::remove_file(file).unwrap();
    a_damaged_segment_is_reported_and_full_recovers("store", delete, "is missing");
}

#[test]
fn a_full_disk_fails_the_update_in_one_line_and_keeps_the_last_commit() {
    let Some((_disk, env, index)) = sample_index_on_a_2_mb_disk() else {
        eprintln!("skipping: cannot mount a small tmpfs here");
        return;
    };
    let index_arg = index.to_str().unwrap();
    write_more_than_fits_in_2_mb(&env);
    let run = env.run(&["--index", index_arg, "index"]);
    assert_eq!(run.code(), 1, "{}", run.stdout());
    assert_eq!(run.stderr().lines().count(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains(&format!("cannot update the index at {index_arg}")),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("last committed index is unchanged"));
    // The previous commit still answers.
    let results = env
        .cmd(&["--index", index_arg, "search", "--json", "rapallo"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&results.stdout).unwrap();
    assert_eq!(json["total"], 1);
}

/// An index this annals cannot update in place (here: from a newer annals, rebuilt only
/// because `--full` asks) is rebuilt beside the old one, which stays until the new one is
/// complete: a rebuild that fails (the disk fills up) leaves it exactly as it was.
#[test]
fn a_failed_rebuild_of_an_unusable_index_leaves_it_untouched() {
    let Some((_disk, env, index)) = sample_index_on_a_2_mb_disk() else {
        eprintln!("skipping: cannot mount a small tmpfs here");
        return;
    };
    let index_arg = index.to_str().unwrap();
    let meta = index.join("meta.json");
    let newer = mark_as_written_by_a_newer_annals(&meta);
    let files = |dir: &std::path::Path| {
        let mut names: Vec<(String, u64)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_name().to_string_lossy().starts_with(".tantivy-"))
            .map(|e| {
                let len = e.metadata().unwrap().len();
                (e.file_name().to_string_lossy().into_owned(), len)
            })
            .collect();
        names.sort();
        names
    };
    let before = files(&index);
    write_more_than_fits_in_2_mb(&env);
    let run = env.run(&["--index", index_arg, "index", "--full"]);
    assert_eq!(run.code(), 1, "{}", run.stdout());
    assert_eq!(run.stderr().lines().count(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains(&format!("the index at {index_arg}")),
        "{}",
        run.stderr()
    );
    assert_eq!(files(&index), before, "the old index is untouched");
    assert!(std::fs::read_to_string(&meta)
        .unwrap()
        .contains(&format!("\\\"version\\\":{newer}")));

    // With room, the rebuild replaces it, and none of the old files are left behind.
    std::fs::remove_dir_all(env.corpus().join("bulk")).unwrap();
    env.ok(&["--index", index_arg, "index", "--full", "--quiet"]);
    assert_eq!(
        env.search_json(&["--index", index_arg, "rapallo"])["total"],
        1
    );
    let after = files(&index);
    assert!(
        !after.iter().any(|(name, _)| name == ".annals-rebuild"),
        "{after:?}"
    );
    let old_segments: Vec<_> = before
        .iter()
        .filter(|(name, _)| !name.starts_with('.') && name != "meta.json")
        .collect();
    assert!(!old_segments.is_empty());
    for old in old_segments {
        assert!(!after.contains(old), "{old:?} left behind: {after:?}");
    }
}

#[test]
fn a_memory_budget_too_large_for_tantivy_is_a_usage_error() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    for args in [
        vec!["index", "--memory", "99999999"],
        vec!["index", "--full", "--memory", "99999999"],
    ] {
        assert_fails(
            &env,
            &args,
            2,
            "invalid value for --memory: must be at most",
        );
    }
}
