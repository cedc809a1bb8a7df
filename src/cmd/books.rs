//! `annals books`: the books of every reading list, most cited first.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Result;

use annals::index::UpdateOptions;
use annals::output::{write_books, Painter};
use annals::search::{BookOptions, Engine};
use annals::Error;

use crate::cli::BooksArgs;

pub fn run(index: &Path, corpus: &Path, args: &BooksArgs) -> Result<()> {
    if args.limit == 0 {
        return Err(Error::option("--limit", "must be at least 1").into());
    }
    let engine = Engine::new(super::index::open_or_build(
        index,
        &UpdateOptions::new(corpus),
    )?)?;
    let query = args.query.join(" ");
    let options = BookOptions {
        author: args.author.clone(),
        with: args.with.clone(),
        limit: args.limit,
    };
    let list = engine.books(Some(&query), &options)?;
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &list)?;
        writeln!(out)?;
    } else {
        let painter = Painter::new(super::color(args.color, terminal));
        write_books(&mut out, &list, args.with.as_deref(), painter)?;
    }
    out.flush()?;
    Ok(())
}
