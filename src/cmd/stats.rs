//! `annals stats`: what the index holds.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use annals::index::{stats, AnnalsIndex};
use annals::output::write_stats;

use crate::cli::StatsArgs;

pub fn run(index: &Path, args: &StatsArgs) -> Result<()> {
    let stats = stats(&AnnalsIndex::open(index)?)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        write_stats(&mut out, &stats)?;
    }
    Ok(())
}
