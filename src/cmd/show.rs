//! `annals show`: an article (or one section) from the index, paged on a terminal.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Result;

use annals::index::UpdateOptions;
use annals::output::{terminal_width, write_article, Painter};
use annals::search::Engine;

use crate::cli::ShowArgs;

pub fn run(index: &Path, corpus: &dyn Fn() -> PathBuf, args: &ShowArgs) -> Result<()> {
    let engine = Engine::new(super::index::open_or_build(index, || {
        UpdateOptions::new(corpus())
    })?)?;
    let query = args.query.as_deref();
    let (article, only) = match engine.show(&args.target, query) {
        Ok(found) => found,
        // A name with control characters, as `annals search` printed it escaped.
        Err(e) => match annals::output::unescape(&args.target) {
            Some(name) => engine.show(&name, query).map_err(|_| e)?,
            None => return Err(e.into()),
        },
    };
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    if args.output.json {
        let mut out = stdout.lock();
        match only {
            Some(i) => {
                let section = &article.sections[i];
                let mut value = serde_json::to_value(&article)?;
                value["sections"] = serde_json::to_value([section])?;
                serde_json::to_writer_pretty(&mut out, &value)?;
            }
            None => serde_json::to_writer_pretty(&mut out, &article)?,
        }
        writeln!(out)?;
        return Ok(());
    }
    let painter =
        Painter::new(super::color(args.output.color, terminal)).wrapping(terminal_width(terminal));
    let mut text = Vec::new();
    write_article(&mut text, &article, only, painter)?;
    match pager(terminal && !args.no_pager) {
        Some(mut child) => {
            if let Some(mut input) = child.stdin.take() {
                // The reader quitting the pager early closes the pipe: not an error.
                let _ = input.write_all(&text);
            }
            child.wait()?;
        }
        None => {
            let mut out = BufWriter::new(stdout.lock());
            out.write_all(&text)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The pager to read a long text in, as git runs it: `$PAGER` (else `less`), with `LESS=FRX`
/// unless set (quit if it fits one screen, keep colours, leave the text on screen). `None`
/// off a terminal, with `PAGER` empty or `cat`, or when the pager cannot start.
fn pager(wanted: bool) -> Option<std::process::Child> {
    if !wanted {
        return None;
    }
    let command = std::env::var("PAGER").unwrap_or_else(|_| "less".into());
    if command.trim().is_empty() || command.trim() == "cat" {
        return None;
    }
    let mut pager = Command::new("sh");
    pager.arg("-c").arg(&command).stdin(Stdio::piped());
    if std::env::var_os("LESS").is_none() {
        pager.env("LESS", "FRX");
    }
    pager.spawn().ok()
}
