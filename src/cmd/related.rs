//! `annals related`: the articles (or sections) most like one.

use std::io::{IsTerminal, Write};
use std::path::Path;

use anyhow::Result;

use annals::index::UpdateOptions;
use annals::output::{write_related, Painter};
use annals::search::{Engine, MAX_RELATED};
use annals::Error;

use crate::cli::RelatedArgs;

pub fn run(index: &Path, corpus: &Path, args: &RelatedArgs) -> Result<()> {
    if args.limit == 0 || args.limit > MAX_RELATED {
        return Err(Error::option("--limit", format!("must be 1 to {MAX_RELATED}")).into());
    }
    let engine = Engine::new(super::index::open_or_build(
        index,
        &UpdateOptions::new(corpus),
    )?)?;
    let related = engine.related(&args.target, args.limit)?;
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &related)?;
        writeln!(out)?;
    } else {
        let painter = Painter::new(super::color(args.color, terminal));
        write_related(&mut out, &related, painter)?;
    }
    out.flush()?;
    Ok(())
}
