//! `annals books`: the books of every reading list, most cited first.

use std::path::{Path, PathBuf};

use anyhow::Result;

use annals::index::UpdateOptions;
use annals::output::write_books;
use annals::search::{BookOptions, Engine};
use annals::Error;

use crate::cli::BooksArgs;

pub fn run(index: &Path, corpus: &dyn Fn() -> PathBuf, args: &BooksArgs) -> Result<()> {
    if args.limit == 0 {
        return Err(Error::option("--limit", "must be at least 1").into());
    }
    let engine = Engine::new(super::index::open_or_build(index, || {
        UpdateOptions::new(corpus())
    })?)?;
    let query = args.query.join(" ");
    let options = BookOptions {
        author: args.author.clone(),
        with: args.with.clone(),
        limit: args.limit,
    };
    let list = engine.books(Some(&query), &options)?;
    super::print(&list, &args.output, |out, list, painter| {
        write_books(out, list, args.with.as_deref(), painter)
    })
}
