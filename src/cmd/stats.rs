//! `annals stats`: what the index holds, and with `--problems` which files it left out.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use annals::index::{file_problems, stats, AnnalsIndex};
use annals::output::{escape, write_stats};

use crate::cli::StatsArgs;

pub fn run(index: &Path, args: &StatsArgs) -> Result<()> {
    let opened = AnnalsIndex::open(index)?;
    let stats = stats(&opened)?;
    let mut out = std::io::stdout().lock();
    if args.problems {
        let problems = file_problems(&opened)?;
        if args.json {
            serde_json::to_writer_pretty(&mut out, &problems)?;
            writeln!(out)?;
        } else if problems.is_empty() {
            writeln!(out, "No file was skipped or warned about.")?;
        } else {
            for p in &problems {
                let kind = if p.kind == "warning" { "warning: " } else { "" };
                writeln!(out, "{}: {kind}{}", escape(&p.path), escape(&p.reason))?;
            }
        }
        return Ok(());
    }
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        write_stats(&mut out, &stats)?;
    }
    Ok(())
}
