//! Output on a real terminal, through a pseudo-terminal: colour on, lines wrapped to the
//! terminal's width with a hanging indent. Where no pseudo-terminal can be opened the test
//! says it was skipped, unless `ANNALS_REQUIRE_PTY` is set (as `.ci/run` does).

use std::io::Read;

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

use crate::util::TestEnv;

/// What `annals ARGS` prints on a terminal `cols` wide, or `None` when no terminal can be
/// opened here.
fn on_terminal(env: &TestEnv, args: &[&str], cols: u16) -> Option<String> {
    let size = PtySize {
        rows: 60,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = match native_pty_system().openpty(size) {
        Ok(pair) => pair,
        Err(e) => {
            assert!(
                std::env::var_os("ANNALS_REQUIRE_PTY").is_none(),
                "ANNALS_REQUIRE_PTY is set but no pseudo-terminal opens: {e}"
            );
            eprintln!("skipped: no pseudo-terminal ({e})");
            return None;
        }
    };
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_annals"));
    cmd.args(args);
    cmd.cwd(env.root());
    for name in [
        "NO_COLOR",
        "COLUMNS",
        "ANNALS_INDEX",
        "ANNALS_CORPUS",
        "PAGER",
    ] {
        cmd.env_remove(name);
    }
    cmd.env("PAGER", "cat");
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .expect("spawn annals on the terminal");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 8192];
    // Linux answers EIO once the child has closed its side: that is the end.
    while let Ok(n) = reader.read(&mut buffer) {
        if n == 0 {
            break;
        }
        bytes.extend_from_slice(&buffer[..n]);
    }
    assert!(
        child.wait().unwrap().success(),
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    Some(String::from_utf8_lossy(&bytes).replace("\r\n", "\n"))
}

/// `text` without its ANSI colour sequences.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_terminal_gets_colour_and_lines_wrapped_to_its_width() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let Some(shown) = on_terminal(&env, &["search", "rapallo"], 60) else {
        return;
    };
    assert!(
        shown.contains("\x1b[1;31mRapallo\x1b[0m"),
        "the match is coloured: {shown:?}"
    );
    let text = plain(&shown);
    let lines: Vec<&str> = text.lines().collect();
    // The snippet (some 200 characters) runs over several lines within the width, each
    // indented under the hit; the title and the path stay whole, to be copied.
    let snippet: Vec<&&str> = lines
        .iter()
        .skip_while(|l| !l.contains("The path to diplomatic"))
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(snippet.len() >= 3, "{text}");
    for line in &snippet {
        assert!(line.starts_with("    "), "{text}");
        assert!(
            line.chars().count() <= 60,
            "{line:?} is wider than 60:\n{text}"
        );
    }
    assert!(
        lines.contains(
            &"    corpus/000_d5788bac9f20a018.txt#key-events-leading-to-diplomatic-relations"
        ),
        "{text}"
    );

    // The same search piped: no colour, one line per snippet.
    let piped = env.ok(&["search", "rapallo"]).stdout();
    assert!(!piped.contains('\x1b'));
    assert!(piped.lines().any(|l| l.chars().count() > 60), "{piped}");
}

#[test]
fn show_on_a_terminal_pages_through_the_pager_in_colour() {
    let env = TestEnv::with_sample();
    env.ok(&["index", "--quiet"]);
    let Some(shown) = on_terminal(
        &env,
        &["show", "000_d5788bac9f20a018", "--query", "rapallo"],
        72,
    ) else {
        return;
    };
    assert!(shown.contains("\x1b[1;31mRapallo\x1b[0m"), "{shown:?}");
    let text = plain(&shown);
    assert!(
        text.starts_with("Setting the Stage for Diplomacy"),
        "{text}"
    );
    assert!(text.lines().all(|l| l.chars().count() <= 72), "{text}");
}
