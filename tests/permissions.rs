//! Files and folders annals may not read or write: a file without read permission, an
//! index folder without write permission, a read-only file system, a file that vanishes
//! while the corpus is read. Searches keep working; updates say what is wrong.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use annals::index::{Progress, ProgressSink, UpdateOptions};

use crate::util::{article, eventually, TestEnv, Tmpfs, NOBODY};

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").unwrap().uid() == 0
}

/// Run `cmd` and return (status, stdout, stderr).
fn output(mut cmd: std::process::Command) -> (i32, String, String) {
    let out = cmd.output().expect("run annals");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn total(stdout: &str) -> u64 {
    let json: serde_json::Value = serde_json::from_str(stdout).expect("JSON results");
    json["total"].as_u64().unwrap()
}

#[test]
fn a_file_without_read_permission_is_skipped_with_its_name() {
    let env = TestEnv::with_sample();
    env.write(
        "secret.txt",
        article("Secret", "Zanzibarite is kept here.", &[]),
    );
    let secret = env.corpus().join("secret.txt");
    set_mode(&secret, 0o000);
    std::fs::create_dir(env.index()).unwrap();
    if is_root() {
        std::os::unix::fs::chown(env.index(), Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let Some(cmd) = env.cmd_unprivileged(&["index"]) else {
        eprintln!("skipping: running as root without setpriv");
        return;
    };
    let (code, stdout, stderr) = output(cmd);
    assert_eq!(
        code, 0,
        "one unreadable file must not abort indexing: {stderr}"
    );
    assert!(
        stderr.contains("corpus/secret.txt") && stderr.contains("cannot be read"),
        "{stderr}"
    );
    assert!(stderr.contains("ermission denied"), "{stderr}");
    assert!(
        stdout.contains("1 added") && stdout.contains("1 skipped"),
        "{stdout}"
    );
    assert_eq!(env.search_json(&["rapallo"])["total"], 1);
    assert_eq!(env.search_json(&["zanzibarite"])["total"], 0);

    // Once readable, the next update indexes it.
    set_mode(&secret, 0o644);
    let (code, _, stderr) = output(env.cmd_unprivileged(&["index"]).unwrap());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(env.search_json(&["zanzibarite"])["total"], 1);
}

/// The index is built by the owner of its folder, who then loses write permission to it.
#[test]
fn an_index_folder_without_write_permission_still_answers_searches() {
    let env = TestEnv::with_sample();
    std::fs::create_dir(env.index()).unwrap();
    if is_root() {
        std::os::unix::fs::chown(env.index(), Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let Some(build) = env.cmd_unprivileged(&["index", "--quiet"]) else {
        eprintln!("skipping: running as root without setpriv");
        return;
    };
    assert_eq!(output(build).0, 0);
    set_mode(&env.index(), 0o555);
    let search = env
        .cmd_unprivileged(&["search", "--json", "rapallo"])
        .unwrap();
    let (code, stdout, stderr) = output(search);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(total(&stdout), 1);

    env.write("new.txt", article("New", "Zanzibarite arrives.", &[]));
    for args in [&["index"][..], &["index", "--full"]] {
        let (code, _, stderr) = output(env.cmd_unprivileged(args).unwrap());
        assert_eq!(code, 1, "annals {args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.starts_with("annals: cannot write to the index at index: ")
                && stderr.contains("ermission denied")
                && stderr.contains("--index"),
            "{stderr}"
        );
    }
    // `watch` cannot do its job either, and says so instead of waiting forever.
    let mut watch = env.cmd_unprivileged(&["watch", "--quiet"]).unwrap();
    let mut watch = watch.stderr(std::process::Stdio::piped()).spawn().unwrap();
    let ended = eventually(Duration::from_secs(30), || {
        watch.try_wait().unwrap().is_some()
    });
    if !ended {
        let _ = watch.kill();
    }
    let out = watch.wait_with_output().unwrap();
    assert!(ended, "watch kept running");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write to the index at index"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Nothing was lost: the last commit still answers, without the new file.
    let (code, stdout, _) = output(
        env.cmd_unprivileged(&["search", "--json", "rapallo"])
            .unwrap(),
    );
    assert_eq!((code, total(&stdout)), (0, 1));
    set_mode(&env.index(), 0o755);
    let (code, _, stderr) = output(env.cmd_unprivileged(&["index", "--quiet"]).unwrap());
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(env.search_json(&["zanzibarite"])["total"], 1);
}

#[test]
fn a_read_only_file_system_still_answers_searches() {
    let Some(disk) = Tmpfs::mount("20m") else {
        eprintln!("skipping: cannot mount a tmpfs here");
        return;
    };
    let env = TestEnv::with_sample();
    let index = disk.path().join("index");
    let index = index.to_str().unwrap();
    env.ok(&["--index", index, "index", "--quiet"]);
    disk.remount_read_only();

    let results = env.search_json(&["--index", index, "rapallo"]);
    assert_eq!(results["total"], 1);
    assert_eq!(
        env.ok(&["--index", index, "stats", "--json"]).json()["articles"],
        1
    );

    for args in [&["index"][..], &["index", "--full"]] {
        let mut all = vec!["--index", index];
        all.extend_from_slice(args);
        let run = env.run(&all);
        assert_eq!(run.code(), 1, "{}", run.stderr());
        assert_eq!(run.stderr().lines().count(), 1, "{}", run.stderr());
        assert!(
            run.stderr().contains(&format!(
                "cannot write to the index at {index}: Read-only file system"
            )),
            "{}",
            run.stderr()
        );
    }
    // A search that would first build a missing index says it cannot write it.
    let missing = disk.path().join("other");
    let run = env.run(&["--index", missing.to_str().unwrap(), "search", "rapallo"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains(&format!(
            "cannot write to the index at {}: Read-only file system",
            missing.display()
        )),
        "{}",
        run.stderr()
    );
    assert!(
        !run.stderr().contains("os error 30): Read-only"),
        "{}",
        run.stderr()
    );
    assert_eq!(env.search_json(&["--index", index, "rapallo"])["total"], 1);
}

/// Deletes a corpus file once the corpus has been listed, before any file is read.
struct DeleteAfterListing(PathBuf);

impl ProgressSink for DeleteAfterListing {
    fn start(&self, _files: u64, _bytes: u64) {
        std::fs::remove_file(&self.0).unwrap();
    }
    fn advance(&self, _bytes: u64) {}
    fn finish(&self) {}
}

#[test]
fn a_file_deleted_between_listing_and_reading_is_skipped_and_the_rest_indexed() {
    let env = TestEnv::with_sample();
    env.write("gone.txt", article("Gone", "Zanzibarite vanishes.", &[]));
    env.write("kept.txt", article("Kept", "Quetzalite stays.", &[]));
    let options = UpdateOptions {
        progress: Some(Progress(Arc::new(DeleteAfterListing(
            env.corpus().join("gone.txt"),
        )))),
        ..UpdateOptions::new(env.corpus())
    };
    let mut reported = Vec::new();
    let summary = annals::index::update(&env.index(), &options, &mut |p| reported.push(p.clone()))
        .expect("one vanished file does not fail the update");
    assert_eq!((summary.added, summary.skipped), (2, 1), "{summary:?}");
    assert_eq!(summary.articles, 2);
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert!(reported[0].path.ends_with("gone.txt"), "{reported:?}");
    assert!(
        reported[0].message.starts_with("cannot be read:"),
        "{reported:?}"
    );
    assert_eq!(env.search_json(&["quetzalite"])["total"], 1);
    assert_eq!(env.search_json(&["zanzibarite"])["total"], 0);
    // It was never indexed, so the next update has nothing to remove or report.
    let run = env.ok(&["index"]);
    assert!(run.stderr().is_empty(), "{}", run.stderr());
    assert!(
        run.stdout()
            .starts_with("0 added, 0 updated, 0 renamed, 0 removed, 2 unchanged"),
        "{}",
        run.stdout()
    );
}
