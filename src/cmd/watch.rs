//! `annals watch`: update the index, then keep it in step with the corpus until Ctrl-C.

use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};

use annals::index::{watch, Problem, UpdateOptions, UpdateSummary};

use crate::cli::WatchArgs;

pub fn run(index: &Path, corpus: &Path, args: &WatchArgs) -> Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
        .context("cannot handle Ctrl-C")?;
    let options = UpdateOptions {
        max_file_size: super::index::parse_size(&args.reading.max_file_size)?,
        follow_links: args.reading.follow,
        ..UpdateOptions::new(corpus)
    };
    if !args.quiet {
        super::note(format_args!(
            "watching {} (Ctrl-C to stop)",
            super::shown(corpus)
        ));
    }
    let quiet = args.quiet;
    let mut report = |p: &Problem| {
        if !quiet {
            super::index::print_problem(p);
        }
    };
    let mut first = true;
    let mut on_update = |result: annals::Result<UpdateSummary>| {
        match result {
            Ok(summary) if !quiet && (first || changed(&summary)) => {
                let _ = writeln!(
                    std::io::stdout(),
                    "{} added, {} updated, {} renamed, {} removed; {} documents ({:.0} ms)",
                    summary.added,
                    summary.updated,
                    summary.renamed,
                    summary.removed,
                    summary.documents,
                    summary.took_ms
                );
            }
            Ok(_) => {}
            Err(e) => super::update_failed(&e),
        }
        first = false;
    };
    watch(index, &options, &stop, &mut report, &mut on_update)?;
    if !args.quiet {
        super::note("stopped");
    }
    Ok(())
}

fn changed(s: &UpdateSummary) -> bool {
    s.added + s.updated + s.renamed + s.removed + s.skipped > 0
}
