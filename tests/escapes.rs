//! Nothing from a file or a query reaches a terminal as a control sequence: titles,
//! headings, snippets, paths and warnings show escapes as text, through a pipe and
//! through a pseudo-terminal (with colour on), while JSON keeps the exact text.

use std::process::Command;

use crate::util::TestEnv;

/// Sequences a hostile file may carry: a window title, a screen clear, a forged link, a
/// clipboard write, a C1 control sequence introducer and a right-to-left override.
const HOSTILE: [&str; 6] = [
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "\x1b]8;;http://evil/\x1b\\",
    "\x1b]52;c;cHduZWQ=\x07",
    "\u{9b}31m",
    "\u{202e}",
];

fn env() -> TestEnv {
    let env = TestEnv::new();
    env.write(
        "e.txt",
        format!(
            "Evil {} T{}\nThe body has escapeword {}.\n",
            HOSTILE[0], HOSTILE[5], HOSTILE[1]
        ),
    );
    env.write(
        "links.md",
        format!(
            "# Links {}\n\nescapeword {} {}\n",
            HOSTILE[2], HOSTILE[3], HOSTILE[4]
        ),
    );
    // A file name with a line break would forge an output line.
    env.write("forged\nannals: all good.txt", "Forged\nescapeword here.\n");
    // A file that is skipped with a warning naming it.
    env.write("bad\x1b[2J.jsonl", "not json\n");
    env
}

/// Whether `out` holds any of the hostile sequences raw.
fn leaks(out: &str) -> Option<&'static str> {
    HOSTILE
        .iter()
        .copied()
        .find(|h| out.contains(h))
        .or_else(|| out.contains("\x1b]").then_some("OSC"))
        .or_else(|| out.contains("\nannals: all good").then_some("forged line"))
}

#[test]
fn escapes_from_files_are_shown_as_text_through_a_pipe() {
    let env = env();
    let index = env.run(&["index"]);
    let stderr = index.stderr();
    assert_eq!(leaks(&stderr), None, "{stderr:?}");
    assert!(stderr.contains("bad\\x1b[2J.jsonl"), "{stderr:?}");
    for color in ["never", "always"] {
        let run = env.ok(&["search", "escapeword", "--color", color]);
        let out = run.stdout();
        assert_eq!(leaks(&out), None, "--color {color}: {out:?}");
        assert!(out.contains("Evil \\x1b]0;pwned\\x07 T"), "{out:?}");
        assert!(out.contains("\\u{202e}"), "{out:?}");
        assert!(out.contains("forged\\nannals: all good.txt"), "{out:?}");
    }
    // The path a hit shows escaped is what `annals show` takes, as a user copies it.
    let run = env.ok(&["show", "corpus/forged\\nannals: all good.txt"]);
    assert!(run.stdout().starts_with("Forged"), "{}", run.stdout());
    assert_eq!(leaks(&run.stdout()), None, "{:?}", run.stdout());
    // JSON keeps the exact text.
    let results = env.search_json(&["escapeword"]);
    let titles: Vec<&str> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert!(
        titles.contains(&format!("Evil {} T{}", HOSTILE[0], HOSTILE[5]).as_str()),
        "{titles:?}"
    );
}

#[test]
fn escapes_from_files_are_shown_as_text_on_a_terminal() {
    let env = env();
    env.ok(&["index", "--quiet"]);
    // `script` (util-linux) runs the search on a pseudo-terminal, so colour is on.
    let binary = env!("CARGO_BIN_EXE_annals");
    let command = format!(
        "'{binary}' --index '{}' --corpus '{}' search escapeword",
        env.index().display(),
        env.corpus().display()
    );
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("NO_COLOR")
        .output()
        .expect("run script (util-linux)");
    let out = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.contains("\x1b[1m"), "colour is on: {out:?}");
    assert_eq!(leaks(&out), None, "{out:?}");
    assert!(out.contains("\\x1b]0;pwned\\x07"), "{out:?}");
}
