//! Output read through a pipe: plain text without colour unless asked for, and a reader
//! that stops reading (`| head`) ending the output quietly.

use crate::search::history_env;
use crate::util::{article, TestEnv};

#[test]
fn human_output_is_plain_when_piped_and_coloured_on_request() {
    let env = history_env();
    let plain = env.ok(&["search", "rapallo"]).stdout();
    assert!(plain.starts_with(" 1. Setting the Stage for Diplomacy › Key Events Leading to Diplomatic Relations (1922)\n"), "{plain}");
    assert!(plain.contains(
        "    corpus/000_d5788bac9f20a018.txt#key-events-leading-to-diplomatic-relations\n"
    ));
    assert!(plain.contains("the Treaty of Rapallo in 1922"));
    assert!(!plain.contains('\x1b'));
    let coloured = env.ok(&["search", "--color", "always", "rapallo"]).stdout();
    assert!(coloured.contains("\x1b[1;31mRapallo\x1b[0m"));
    let books = env.ok(&["search", "--kind", "reading", "figes"]).stdout();
    assert!(
        books.contains("The Crimean War: A History — Orlando Figes"),
        "{books}"
    );
    let none = env.ok(&["search", "zanzibar"]).stdout();
    assert_eq!(none, "No hits for \"zanzibar\".\n");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let env = TestEnv::new();
    // Far more output than a pipe buffers, so the writer meets the closed pipe.
    let sections: Vec<(String, String)> = (0..600)
        .map(|i| {
            (
                format!("Part {i}"),
                format!("Section {i} tells of the siege in great detail."),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = sections
        .iter()
        .map(|(h, b)| (h.as_str(), b.as_str()))
        .collect();
    env.write(
        "long.txt",
        article("A Long Siege", "It began in 1870.", &refs),
    );
    env.ok(&["index", "--quiet"]);
    for args in [
        &["search", "--limit", "1000", "siege"][..],
        &["search", "--json", "--limit", "1000", "siege"],
        // JSON written straight to the pipe, not through a buffer.
        &["show", "long", "--json"],
    ] {
        let mut child = env
            .cmd(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 1];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // stdout is dropped here: the reader is gone, like `| head -c1`.
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
