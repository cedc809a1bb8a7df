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
        super::log(format_args!(
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
                    "{} {}{} added, {} updated, {} renamed, {} removed; {} documents ({:.0} ms)",
                    super::timestamp(),
                    files_named(&summary),
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
        super::log("stopped");
    }
    Ok(())
}

/// Up to [`NAMED_FILES`] changed files by name (`added a.txt, updated b.md; `), then how
/// many more.
fn files_named(s: &UpdateSummary) -> String {
    const NAMED_FILES: usize = 3;
    if s.full && s.changes.len() > NAMED_FILES {
        return String::new();
    }
    let total = s.added + s.updated + s.renamed + s.removed;
    let named: Vec<String> = s
        .changes
        .iter()
        .take(NAMED_FILES)
        .map(|(what, rel)| format!("{what} {}", annals::output::escape(rel)))
        .collect();
    if named.is_empty() {
        return String::new();
    }
    let more = match total.saturating_sub(named.len()) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!("{}{more}: ", named.join(", "))
}

fn changed(s: &UpdateSummary) -> bool {
    s.added + s.updated + s.renamed + s.removed + s.skipped > 0
}
