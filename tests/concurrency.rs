//! Concurrent writers, killed writers and `annals watch` in a child process.

use std::process::{Child, Stdio};
use std::time::Duration;

use crate::util::{article, eventually, segment_ids, TestEnv};

/// Kills the child when dropped, so a failing test leaves no process behind.
struct Guard(Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_second_writer_reports_the_lock_or_waits_for_it() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    // Hold the writer lock as another `annals index` would.
    let index = tantivy::Index::open_in_dir(env.index()).unwrap();
    let writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();

    let run = env.run(&["index"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("another process is updating the index ("),
        "{}",
        run.stderr()
    );

    let waiting = env.cmd(&["index", "--wait", "--quiet"]).spawn().unwrap();
    let mut waiting = Guard(waiting);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        waiting.0.try_wait().unwrap().is_none(),
        "--wait waits while the lock is held"
    );
    drop(writer);
    assert!(eventually(Duration::from_secs(20), || waiting
        .0
        .try_wait()
        .unwrap()
        .is_some()));
    assert_eq!(waiting.0.wait().unwrap().code(), Some(0));
    assert_eq!(env.search_json(&["rapallo"])["total"], 1);
}

/// Write 6,000 articles under `bulk/`: enough that indexing them takes a while.
fn write_bulk(env: &TestEnv) -> u64 {
    let body = "The garrison held the fortress through a long winter siege. ".repeat(30);
    for i in 0..6000 {
        env.write(
            &format!("bulk/{i:05}.txt"),
            article(&format!("Siege {i}"), &body, &[("Aftermath", &body)]),
        );
    }
    (0..6000)
        .map(|i| {
            std::fs::metadata(env.corpus().join(format!("bulk/{i:05}.txt")))
                .unwrap()
                .len()
        })
        .sum()
}

/// Run annals with `args` and kill it (SIGKILL) while it reads the corpus, well before its
/// one commit: once it has read a tenth of `corpus_bytes` (not after a fixed time, which a
/// fast machine might outrun).
fn kill_while_reading(env: &TestEnv, args: &[&str], corpus_bytes: u64) {
    let child = env.cmd(args).spawn().unwrap();
    let pid = child.id();
    let mut child = Guard(child);
    let read_bytes = || -> u64 {
        let io = std::fs::read_to_string(format!("/proc/{pid}/io")).unwrap_or_default();
        io.lines()
            .find_map(|l| l.strip_prefix("rchar: "))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(0)
    };
    assert!(
        eventually(Duration::from_secs(30), || read_bytes() > corpus_bytes / 10),
        "the update never got going"
    );
    child.0.kill().unwrap();
    child.0.wait().unwrap();
}

/// Index the sample, add 6,000 articles, run annals with `args` and kill it while it reads
/// them: the last commit must be untouched and still answer searches.
fn killed_while_reading_them(args: &[&str]) -> TestEnv {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let meta_before = std::fs::read(env.index().join("meta.json")).unwrap();
    let corpus_bytes = write_bulk(&env);
    kill_while_reading(&env, args, corpus_bytes);
    assert_eq!(
        std::fs::read(env.index().join("meta.json")).unwrap(),
        meta_before,
        "killed before its commit"
    );
    // The sample's 8 sections (its 2 books fold under their list).
    let old = env.search_json(&["--kind", "all", "*"]);
    assert_eq!(old["total"], 8, "searches answer from the last commit");
    env
}

#[test]
fn a_killed_update_leaves_the_last_index_and_the_next_run_completes() {
    let env = killed_while_reading_them(&["index", "--quiet"]);

    let summary = env.ok(&["index", "--json"]).json();
    assert_eq!(summary["added"], 6000);
    assert_eq!(summary["articles"], 6001);
    assert_eq!(
        env.search_json(&["siege", "4321"])["hits"][0]["title"],
        "Siege 4321"
    );
}

#[test]
fn a_killed_full_build_leaves_the_last_index_and_the_next_one_collects_its_files() {
    // The killed build leaves the files of the segment it was writing.
    let env = killed_while_reading_them(&["index", "--full", "--quiet", "--memory", "16"]);

    let summary = env.ok(&["index", "--full", "--json"]).json();
    assert_eq!(summary["added"], 6001);
    assert_eq!(summary["articles"], 6001);
    assert_eq!(
        env.search_json(&["siege", "17"])["hits"][0]["title"],
        "Siege 17"
    );
    let (on_disk, committed) = segment_ids(&env.index());
    assert_eq!(on_disk, committed, "no segment files but the commit's");
}

/// The hits of `query`, or `None` while the index cannot be searched (not built yet).
fn hits_while_watched(env: &TestEnv, query: &str) -> Option<u64> {
    let run = env.run(&["search", "--json", query]);
    (run.code() == 0).then(|| run.json()["total"].as_u64().unwrap())
}

/// `annals watch` in the scratch folder, its output to `stdout`, killed when dropped.
fn watching(env: &TestEnv, stdout: Stdio) -> Guard {
    Guard(
        (env.cmd(&["watch"]).stdout(stdout).stderr(Stdio::null()))
            .spawn()
            .unwrap(),
    )
}

#[test]
fn watch_follows_creation_changes_and_deletion() {
    let env = TestEnv::with_sample();
    let log = env.root().join("watch.log");
    let _guard = watching(&env, Stdio::from(std::fs::File::create(&log).unwrap()));
    let total = |q: &str| hits_while_watched(&env, q);
    let limit = Duration::from_secs(15);
    assert!(
        eventually(limit, || total("rapallo") == Some(1)),
        "initial build"
    );

    env.write(
        "zanzibar.txt",
        article("Zanzibar", "The war of 1896 lasted forty minutes.", &[]),
    );
    assert!(
        eventually(limit, || total("zanzibar") == Some(1)),
        "created file is found"
    );
    // The log names the file, after a timestamp.
    let named = eventually(limit, || {
        std::fs::read_to_string(&log)
            .unwrap()
            .lines()
            .any(|l| l.starts_with("20") && l.contains("Z added zanzibar.txt: 1 added"))
    });
    assert!(named, "{}", std::fs::read_to_string(&log).unwrap());

    // An editor's save: write a temporary file, then rename it over the original.
    env.write(
        ".zanzibar.txt.swp",
        article("Zanzibar", "The bombardment of 1896 was brief.", &[]),
    );
    std::fs::rename(
        env.corpus().join(".zanzibar.txt.swp"),
        env.corpus().join("zanzibar.txt"),
    )
    .unwrap();
    assert!(
        eventually(limit, || total("bombardment") == Some(1)),
        "saved change is found"
    );
    assert_eq!(total("forty"), Some(0), "old words are gone");

    std::fs::remove_file(env.corpus().join("zanzibar.txt")).unwrap();
    assert!(
        eventually(limit, || total("zanzibar") == Some(0)),
        "deleted file is gone"
    );

    // A burst of files becomes searchable too.
    for i in 0..300 {
        env.write(
            &format!("burst/{i}.txt"),
            article(&format!("Burst {i}"), "Dreadnought 1906.", &[]),
        );
    }
    assert!(
        eventually(limit, || total("dreadnought") == Some(300)),
        "burst indexed"
    );
}

#[test]
fn watch_follows_a_corpus_of_one_file_saved_in_place_or_replaced() {
    let env = TestEnv::new();
    env.write(
        "notes.md",
        "# Zanzibar\n\nThe war of 1896 lasted forty minutes.\n",
    );
    env.ok(&["index", "corpus/notes.md", "--quiet"]);
    // The watch follows what the index was built from.
    let _guard = watching(&env, Stdio::null());
    let total = |q: &str| hits_while_watched(&env, q);
    let limit = Duration::from_secs(15);
    assert_eq!(total("zanzibar"), Some(1));
    env.write("notes.md", "# Zanzibar\n\nThe bombardment was brief.\n");
    assert!(
        eventually(limit, || total("bombardment") == Some(1)),
        "a change saved in place is found"
    );
    // An editor's save: a new file renamed over the one watched.
    env.write(
        "notes.md.new",
        "# Zanzibar\n\nThe sultan's palace burned.\n",
    );
    std::fs::rename(
        env.corpus().join("notes.md.new"),
        env.corpus().join("notes.md"),
    )
    .unwrap();
    assert!(
        eventually(limit, || total("palace") == Some(1)),
        "a file renamed over the corpus is read"
    );
    assert_eq!(total("bombardment"), Some(0), "old words are gone");
}

#[cfg(unix)]
#[test]
fn watch_stops_cleanly_on_sigint() {
    let env = TestEnv::with_sample();
    let child = env.cmd(&["watch"]).stderr(Stdio::piped()).spawn().unwrap();
    let pid = child.id();
    let mut child = Guard(child);
    assert!(eventually(Duration::from_secs(15), || env
        .run(&["stats"])
        .code()
        == 0));
    let status = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(eventually(Duration::from_secs(10), || child
        .0
        .try_wait()
        .unwrap()
        .is_some()));
    assert_eq!(child.0.wait().unwrap().code(), Some(0));
}

/// The watcher's own reading of the corpus (listing folders, opening files) must not count
/// as a change, or every update would trigger the next one, forever.
#[test]
fn watch_is_idle_while_nothing_changes() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::Arc;

    let env = TestEnv::with_sample();
    env.write("essays/a.txt", article("Alpha", "Heligoland 1890.", &[]));
    let stop = Arc::new(AtomicBool::new(false));
    let updates = Arc::new(AtomicUsize::new(0));
    let watcher = {
        let (stop, updates) = (Arc::clone(&stop), Arc::clone(&updates));
        let (index, corpus) = (env.index(), env.corpus());
        std::thread::spawn(move || {
            let options = annals::index::UpdateOptions::new(corpus);
            annals::index::watch(&index, &options, &stop, &mut |_| {}, &mut |result| {
                result.expect("update");
                updates.fetch_add(1, Ordering::SeqCst);
            })
        })
    };
    let count = || updates.load(Ordering::SeqCst);
    assert!(eventually(Duration::from_secs(15), || count() >= 1));
    // Ten debounce periods of quiet: no update may follow the first one.
    std::thread::sleep(annals::index::DEBOUNCE * 10);
    assert_eq!(count(), 1, "updates while nothing changed");

    env.write("essays/b.txt", article("Beta", "Zanzibar 1896.", &[]));
    assert!(eventually(Duration::from_secs(15), || count() >= 2));
    std::thread::sleep(annals::index::DEBOUNCE * 10);
    assert_eq!(count(), 2, "one change, one update");
    assert_eq!(env.search_json(&["zanzibar"])["total"], 1);

    stop.store(true, Ordering::SeqCst);
    watcher.join().unwrap().unwrap();
}

#[test]
fn watch_applies_a_change_made_while_another_process_held_the_index() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let child = env
        .cmd(&["watch"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut guard = Guard(child);
    let total = |q: &str| hits_while_watched(&env, q);
    let limit = Duration::from_secs(15);
    assert!(eventually(limit, || total("rapallo") == Some(1)));
    // A colleague's long `annals index --full` holds the writer lock...
    // (taken once the watcher's own first update has let go of it)...
    let index = tantivy::Index::open_in_dir(env.index()).unwrap();
    let mut writer: Option<tantivy::IndexWriter> = None;
    assert!(eventually(limit, || {
        writer = index.writer(15_000_000).ok();
        writer.is_some()
    }));
    // ...while a file changes, once.
    env.write(
        "zanzibar.txt",
        article("Zanzibar", "The war of 1896 lasted forty minutes.", &[]),
    );
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(total("zanzibar"), Some(0), "the lock is still held");
    drop(writer);
    // No further file event: the watcher tries again by itself.
    assert!(
        eventually(limit, || total("zanzibar") == Some(1)),
        "the change lands after the lock is released"
    );
    let _ = guard.0.kill();
    let mut stderr = String::new();
    std::io::Read::read_to_string(guard.0.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert_eq!(
        stderr
            .matches("another process is updating the index")
            .count(),
        1,
        "told once: {stderr}"
    );
}

#[test]
fn concurrent_first_searches_wait_for_the_one_building() {
    let env = TestEnv::with_sample();
    let searches: Vec<Guard> = (0..4)
        .map(|_| {
            Guard(
                env.cmd(&["search", "--json", "rapallo"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap(),
            )
        })
        .collect();
    for mut search in searches {
        let child = std::mem::replace(
            &mut search.0,
            std::process::Command::new("true").spawn().unwrap(),
        );
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert!(!stderr.contains("--wait"), "{stderr}");
        let results: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(results["total"], 1);
    }
}
