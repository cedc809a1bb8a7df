//! Incremental updates hold exactly what a full rebuild of the same folder holds.

use annals::index::{dump_index, update, AnnalsIndex, UpdateOptions, UpdateSummary};
use proptest::prelude::*;

use crate::util::{article, TestEnv};

fn incremental(env: &TestEnv) -> UpdateSummary {
    // Other tests of this process spawn `annals`: a child forked while an update holds the
    // writer lock keeps a copy of the lock file's descriptor until it execs (flock locks
    // belong to the open file), so the next update can find the lock held for a moment
    // (seen once in CI). Wait for it, as `--wait` does.
    let options = UpdateOptions {
        wait: true,
        ..UpdateOptions::new(env.corpus())
    };
    update(&env.index(), &options, &mut |_| {}).expect("update")
}

/// Documents of the incremental index, and of a fresh full build of the same folder.
fn both_builds(env: &TestEnv) -> (Vec<String>, Vec<String>) {
    let fresh = tempfile::tempdir().unwrap();
    let full = UpdateOptions {
        full: true,
        ..UpdateOptions::new(env.corpus())
    };
    update(fresh.path(), &full, &mut |_| {}).expect("full build");
    let docs = |path: &std::path::Path| dump_index(&AnnalsIndex::open(path).unwrap()).unwrap();
    (docs(&env.index()), docs(fresh.path()))
}

fn assert_same_as_full(env: &TestEnv, step: &str) {
    let (incremental, full) = both_builds(env);
    assert_eq!(incremental, full, "after {step}");
}

fn counts(s: &UpdateSummary) -> [usize; 5] {
    [s.added, s.updated, s.renamed, s.removed, s.unchanged]
}

#[test]
fn each_kind_of_change_touches_only_what_changed() {
    let env = TestEnv::new();
    env.write(
        "a.txt",
        article("Alpha", "Alpha began in 1801.", &[("Part", "Alpha text.")]),
    );
    env.write(
        "b.md",
        "# Beta\n\nBeta in 1802.\n\n## Further Reading\n\n- Beta Book by Some One\n",
    );
    env.age("a.txt", 100);
    env.age("b.md", 100);
    assert_eq!(counts(&incremental(&env)), [2, 0, 0, 0, 0], "add");
    assert_same_as_full(&env, "add");

    env.write(
        "a.txt",
        article(
            "Alpha",
            "Alpha began in 1801.",
            &[("Part", "Changed words here.")],
        ),
    );
    env.age("a.txt", 50);
    assert_eq!(counts(&incremental(&env)), [0, 1, 0, 0, 1], "change");
    assert_same_as_full(&env, "change");
    assert_eq!(env.search_json(&["changed"])["total"], 1);
    assert_eq!(
        env.search_json(&["alpha", "text"])["relaxed"],
        true,
        "old words are gone"
    );

    env.age("b.md", 10); // touch: new mtime, same bytes
    let touched = incremental(&env);
    assert_eq!(counts(&touched), [0, 0, 0, 0, 2], "touch");
    assert_same_as_full(&env, "touch");

    std::fs::rename(env.corpus().join("a.txt"), env.corpus().join("c.txt")).unwrap();
    assert_eq!(counts(&incremental(&env)), [0, 0, 1, 0, 1], "rename");
    assert_same_as_full(&env, "rename");

    std::fs::create_dir(env.corpus().join("sub")).unwrap();
    std::fs::rename(env.corpus().join("c.txt"), env.corpus().join("sub/c.txt")).unwrap();
    assert_eq!(
        counts(&incremental(&env)),
        [0, 0, 1, 0, 1],
        "move into a folder"
    );
    assert_same_as_full(&env, "move");
    let path = env.search_json(&["changed"])["hits"][0]["path"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(path.ends_with("/corpus/sub/c.txt"), "{path}");

    std::fs::remove_file(env.corpus().join("b.md")).unwrap();
    assert_eq!(counts(&incremental(&env)), [0, 0, 0, 1, 1], "delete");
    assert_same_as_full(&env, "delete");

    std::fs::remove_dir_all(env.corpus()).unwrap();
    std::fs::create_dir(env.corpus()).unwrap();
    let emptied = incremental(&env);
    assert_eq!(counts(&emptied), [0, 0, 0, 1, 0], "delete all");
    assert_eq!(emptied.documents, 0);
    assert_same_as_full(&env, "delete all");

    env.write(
        "a.txt",
        article("Alpha", "Alpha again in 1801.", &[("Part", "Back.")]),
    );
    assert_eq!(counts(&incremental(&env)), [1, 0, 0, 0, 0], "re-add");
    assert_same_as_full(&env, "re-add");
}

#[test]
fn an_unchanged_corpus_reads_no_file() {
    let env = TestEnv::with_sample();
    env.age("000_d5788bac9f20a018.txt", 100);
    incremental(&env);
    // Unreadable now: the update would fail to read it if it tried.
    let path = env.corpus().join("000_d5788bac9f20a018.txt");
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, vec![b'x'; bytes.len()]).unwrap();
    env.age("000_d5788bac9f20a018.txt", 100);
    let again = incremental(&env);
    assert_eq!(counts(&again), [0, 0, 0, 0, 1]);
    assert_eq!(
        env.search_json(&["rapallo"])["total"],
        1,
        "size and mtime matched: not re-read"
    );
}

#[test]
fn an_index_from_another_corpus_is_kept_unless_full_is_given() {
    let env = TestEnv::with_sample();
    incremental(&env);
    let other = tempfile::tempdir().unwrap();
    std::fs::write(other.path().join("o.txt"), "Other\nOther text in 1900.\n").unwrap();
    let refused = update(&env.index(), &UpdateOptions::new(other.path()), &mut |_| {});
    let message = refused.unwrap_err().to_string();
    assert!(
        message.contains("pass --full to rebuild it from"),
        "{message}"
    );
    assert_eq!(
        env.search_json(&["rapallo"])["total"],
        1,
        "the index stands"
    );
    // The command line says the same, with exit status 2.
    let run = env.run(&["--corpus", other.path().to_str().unwrap(), "index"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("was built from"), "{}", run.stderr());
    let full = UpdateOptions {
        full: true,
        ..UpdateOptions::new(other.path())
    };
    let summary = update(&env.index(), &full, &mut |_| {}).unwrap();
    assert!(summary
        .rebuilt_because
        .unwrap()
        .contains("it was built from"));
    assert_eq!(summary.articles, 1);
}

#[derive(Debug, Clone)]
enum Op {
    Write(usize, usize),
    Touch(usize),
    Delete(usize),
    Rename(usize, usize),
}

const NAMES: [&str; 5] = ["a.txt", "b.md", "sub/c.txt", "sub/deep/d.html", "e.jsonl"];

fn content(name: &str, version: usize) -> String {
    // Accented words, written both ways, make the dictionary count how each is written.
    let word = ["siège", "treaty", "canal", "révolution", "siege"][version % 5];
    match name.rsplit('.').next().unwrap() {
        "md" => format!("# {word} {version}\n\nA {word} in 18{version:02}.\n\n## Further Reading\n\n- *Book {version}* by A. Writer\n"),
        "html" => format!("<title>{word}</title><h2>Part</h2><p>The {word} of 19{version:02}.</p>"),
        "jsonl" => format!("{{\"id\":\"j{version}\",\"title\":\"{word}\",\"text\":\"{word} {version}\"}}\n{{\"id\":\"k\",\"title\":\"K\",\"text\":\"k\"}}\n"),
        _ => article(word, &format!("The {word} began in 17{version:02}."), &[("More", word)]),
    }
}

fn apply(env: &TestEnv, op: &Op) {
    let path = |i: usize| env.corpus().join(NAMES[i]);
    match *op {
        Op::Write(i, v) => env.write(NAMES[i], content(NAMES[i], v)),
        Op::Touch(i) if path(i).exists() => env.age(NAMES[i], 1 + i as u64),
        Op::Delete(i) if path(i).exists() => std::fs::remove_file(path(i)).unwrap(),
        Op::Rename(from, to) if path(from).exists() && from != to => {
            std::fs::create_dir_all(path(to).parent().unwrap()).unwrap();
            // Keep the extension meaningful: rename moves the content of one name to another.
            let bytes = std::fs::read(path(from)).unwrap();
            std::fs::remove_file(path(from)).unwrap();
            std::fs::write(path(to), bytes).unwrap();
        }
        _ => {}
    }
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0..NAMES.len();
    prop_oneof![
        (i.clone(), 0..6usize).prop_map(|(i, v)| Op::Write(i, v)),
        i.clone().prop_map(Op::Touch),
        i.clone().prop_map(Op::Delete),
        (i.clone(), i).prop_map(|(a, b)| Op::Rename(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn random_change_sequences_match_a_full_rebuild(ops in prop::collection::vec(prop::collection::vec(op(), 1..4), 1..5)) {
        let env = TestEnv::new();
        for (step, batch) in ops.iter().enumerate() {
            for op in batch {
                apply(&env, op);
            }
            incremental(&env);
            let (incremental, full) = both_builds(&env);
            prop_assert_eq!(incremental, full, "after step {} ({:?})", step, batch);
        }
    }
}

/// A change to one line of a dump.
#[derive(Debug, Clone)]
enum LineOp {
    /// Write line `at` (mod the length) anew as the record of `id` (none: no id) in its
    /// `version`; `insert` puts it before the line there instead.
    Write {
        at: usize,
        id: Option<usize>,
        version: usize,
        insert: bool,
    },
    Remove(usize),
    /// Copy line `at` to the end: the same id twice.
    Repeat(usize),
    /// A line that is no record.
    Broken(usize),
}

fn record_line(id: Option<usize>, version: usize) -> String {
    let word = ["siège", "treaty", "canal", "Révolution", "revolution"][version % 5];
    let id = id.map_or(String::new(), |i| format!("\"id\":\"r{i}\","));
    format!("{{{id}\"title\":\"{word} {version}\",\"text\":\"The {word} of 18{version:02}.\"}}")
}

fn line_op() -> impl Strategy<Value = LineOp> {
    prop_oneof![
        4 => (0..40usize, prop::option::weighted(0.8, 0..12usize), 0..6usize, any::<bool>())
            .prop_map(|(at, id, version, insert)| LineOp::Write { at, id, version, insert }),
        2 => (0..40usize).prop_map(LineOp::Remove),
        1 => (0..40usize).prop_map(LineOp::Repeat),
        1 => (0..40usize).prop_map(LineOp::Broken),
    ]
}

fn apply_to_lines(lines: &mut Vec<String>, op: &LineOp) {
    let n = lines.len().max(1);
    match *op {
        LineOp::Write {
            at,
            id,
            version,
            insert,
        } => {
            let line = record_line(id, version);
            match (insert, at % n < lines.len()) {
                (false, true) => lines[at % n] = line,
                _ => lines.insert((at % n).min(lines.len()), line),
            }
        }
        LineOp::Remove(at) if !lines.is_empty() => {
            lines.remove(at % n);
        }
        LineOp::Repeat(at) if !lines.is_empty() => lines.push(lines[at % n].clone()),
        LineOp::Broken(at) => lines.insert((at % n).min(lines.len()), "{broken".into()),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Record-level updates of a dump (and their fall-back to reading it whole) hold what
    /// a full rebuild holds, record keys and word counts included.
    #[test]
    fn random_line_changes_to_a_dump_match_a_full_rebuild(ops in prop::collection::vec(prop::collection::vec(line_op(), 1..4), 1..5)) {
        let env = TestEnv::new();
        let mut lines: Vec<String> = (0..10).map(|i| record_line(Some(i), i)).collect();
        lines.push(record_line(None, 1));
        env.write("dump.jsonl", lines.join("\n") + "\n");
        incremental(&env);
        for (step, batch) in ops.iter().enumerate() {
            for op in batch {
                apply_to_lines(&mut lines, op);
            }
            env.write("dump.jsonl", lines.join("\n") + "\n");
            incremental(&env);
            let (incremental, full) = both_builds(&env);
            prop_assert_eq!(incremental, full, "after step {} ({:?})", step, batch);
        }
    }
}

#[test]
fn changing_a_line_of_a_dump_indexes_that_record_only() {
    let env = TestEnv::new();
    let mut lines: Vec<String> = (0..500).map(|i| record_line(Some(i), i)).collect();
    env.write("dump.jsonl", lines.join("\n") + "\n");
    incremental(&env);
    let counted = |s: &UpdateSummary| (s.updated, s.records_indexed, s.records_removed);

    lines[250] = record_line(Some(250), 3);
    env.write("dump.jsonl", lines.join("\n") + "\n");
    assert_eq!(counted(&incremental(&env)), (1, 1, 1), "one line changed");
    lines.push(record_line(Some(999), 1));
    lines.push(record_line(None, 2));
    env.write("dump.jsonl", lines.join("\n") + "\n");
    assert_eq!(counted(&incremental(&env)), (1, 2, 0), "two lines appended");
    lines.remove(7);
    env.write("dump.jsonl", lines.join("\n") + "\n");
    // The record without an id is named by its line number, which moved up.
    assert_eq!(counted(&incremental(&env)), (1, 1, 2), "a line removed");
    assert_same_as_full(&env, "the changes");
    // Touched, not changed: nothing is indexed.
    env.age("dump.jsonl", 5);
    let touched = incremental(&env);
    assert_eq!((touched.unchanged, counted(&touched)), (1, (0, 0, 0)));
}

/// A dump big enough to be indexed by two threads holds what one thread makes of it.
#[test]
fn a_big_dump_indexed_by_two_threads_holds_what_one_makes_of_it() {
    let env = TestEnv::new();
    let mut dump = String::with_capacity(34 << 20);
    let mut i = 0;
    while dump.len() < 33 << 20 {
        let words: String = (0..60)
            .map(|j| format!("w{} ", (i * 7 + j * 13) % 50_003))
            .collect();
        // Every 1,000th record repeats an earlier id, every 777th has none.
        let id = match (i % 1000, i % 777) {
            (999, _) => format!("\"id\":\"r{}\",", i / 2),
            (_, 0) => String::new(),
            _ => format!("\"id\":\"r{i}\","),
        };
        dump.push_str(&format!(
            "{{{id}\"title\":\"Record {i}\",\"text\":\"{words}\"}}\n"
        ));
        i += 1;
    }
    env.write("dump.jsonl", &dump);
    drop(dump);
    let build = |path: &std::path::Path, memory: usize| {
        let options = UpdateOptions {
            full: true,
            memory,
            ..UpdateOptions::new(env.corpus())
        };
        update(path, &options, &mut |_| {}).expect("full build");
        dump_index(&AnnalsIndex::open(path).unwrap()).unwrap()
    };
    let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    // 20 MB is one indexing thread's budget; the default is several.
    let by_one = build(one.path(), 20_000_000);
    let by_default = build(two.path(), annals::index::DEFAULT_WRITER_MEMORY);
    assert_eq!(by_one.len(), by_default.len());
    assert!(by_one == by_default, "the two builds differ");
}
