//! The README's examples: every ```text block that starts with `$ annals …` is run against
//! the shipped corpus, and its output must be what the README shows (timings aside).

use std::path::Path;

use crate::util::TestEnv;

/// `(command, expected output)` of every example.
fn examples(readme: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```text" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        if let Some(command) = block.first().and_then(|l| l.strip_prefix("$ annals ")) {
            let output = block[1..].join("\n");
            found.push((command.to_string(), output));
        }
    }
    found
}

/// Timings vary from run to run: `(0.5 ms)` becomes `(… ms)`.
fn without_timings(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let (head, tail) = rest.split_at(open);
        out.push_str(head);
        match tail.find(" ms)") {
            Some(close)
                if tail[1..close]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.') =>
            {
                out.push_str("(… ms)");
                rest = &tail[close + 4..];
            }
            _ => {
                out.push('(');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let readme = include_str!("../README.md");
    let examples = examples(readme);
    assert!(examples.len() >= 5, "{examples:?}");
    let env = TestEnv::new();
    std::fs::remove_dir_all(env.corpus()).unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        &env.corpus(),
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_annals")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for (command, expected) in examples {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("annals {command}"))
            .current_dir(env.root())
            .env("PATH", &path)
            .env("NO_COLOR", "1")
            .env_remove("ANNALS_INDEX")
            .env_remove("ANNALS_CORPUS")
            .output()
            .unwrap();
        let shown = String::from_utf8_lossy(&out.stdout);
        if without_timings(&shown) != without_timings(&expected) {
            failures.push(format!(
                "$ annals {command}\n--- README\n{expected}\n--- printed\n{shown}{}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn timings_are_normalised_and_nothing_else() {
    assert_eq!(without_timings("2 hits (0.5 ms)"), "2 hits (… ms)");
    assert_eq!(without_timings("(a) 3 (12 ms)\n"), "(a) 3 (… ms)");
}

#[test]
fn the_readme_json_example_is_what_search_prints() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("`annals search --json` prints:\n\n```json\n")
        .expect("the JSON example");
    let block = &readme[start..];
    let block = &block[block.find("{").unwrap()..];
    let block = &block[..block.find("```").unwrap()];
    let mut shown: serde_json::Value = serde_json::from_str(block).unwrap();
    let env = TestEnv::with_sample();
    let mut printed = env.search_json(&["rapallo"]);
    for value in [&mut shown, &mut printed] {
        value["took_ms"] = serde_json::Value::Null;
        value["hits"][0]["score"] = serde_json::Value::Null;
    }
    assert_eq!(shown, printed);
}
