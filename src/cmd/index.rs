//! `annals index`: bring the index in line with the corpus and print a summary.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use annals::index::{update, AnnalsIndex, Problem, UpdateOptions, UpdateSummary};
use annals::output::write_summary;
use annals::Error;

use crate::cli::IndexArgs;

pub fn run(index: &Path, corpus: &Path, args: &IndexArgs) -> Result<()> {
    let options = UpdateOptions {
        full: args.full,
        max_file_size: parse_size(&args.reading.max_file_size)?,
        memory: args.memory.saturating_mul(1_000_000),
        wait: args.wait,
        follow_links: args.reading.follow,
        progress: super::progress::stderr_bar(!args.quiet),
        ..UpdateOptions::new(corpus)
    };
    let summary = run_update(index, &options, args.quiet)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summary)?;
        writeln!(out)?;
    } else if !args.quiet {
        write_summary(&mut out, &summary)?;
    }
    Ok(())
}

/// Run an update, reporting each problem on stderr as it is found unless `quiet`.
pub(crate) fn run_update(
    index: &Path,
    options: &UpdateOptions,
    quiet: bool,
) -> Result<UpdateSummary> {
    let mut printer = ProblemPrinter::default();
    let mut report = |p: &Problem| {
        if !quiet {
            printer.print(p);
        }
    };
    let summary = update(index, options, &mut report)?;
    printer.finish();
    Ok(summary)
}

/// How many files are named for one reason before the rest are counted: a folder of a
/// thousand empty files, or of a site's XML, says so in a few lines.
const SHOWN_PER_REASON: usize = 3;

/// Prints problems as they are found, each reason for at most [`SHOWN_PER_REASON`] files,
/// and at the end how many were not shown.
#[derive(Default)]
struct ProblemPrinter {
    shown: std::collections::HashMap<(&'static str, String), usize>,
    hidden: usize,
}

impl ProblemPrinter {
    fn print(&mut self, p: &Problem) {
        let times = (self.shown).entry((p.kind, p.message.clone())).or_default();
        *times += 1;
        match *times <= SHOWN_PER_REASON {
            true => print_problem(p),
            false => self.hidden += 1,
        }
    }

    fn finish(self) {
        if self.hidden > 0 {
            super::note(format_args!(
                "{} more file{} skipped or warned about for the reasons above (`annals stats \
                 --problems` lists them all)",
                self.hidden,
                if self.hidden == 1 { "" } else { "s" }
            ));
        }
    }
}

/// Open the index for searching, building it from the corpus first when there is none
/// yet or when it was written by another version of annals (the two-command set-up).
/// `options` (and with them the corpus folder, which may take reading the index's
/// `meta.json` to find) are made only to build.
pub(crate) fn open_or_build(
    index: &Path,
    options: impl FnOnce() -> UpdateOptions,
) -> Result<AnnalsIndex> {
    let error = match AnnalsIndex::open(index) {
        Ok(opened) => return Ok(opened),
        Err(error) => error,
    };
    let options = options();
    match error {
        Error::IndexMissing(_) => super::note(format_args!(
            "no index at {} yet; building it from {} first",
            super::shown(index),
            super::shown(&options.corpus)
        )),
        // Another process's first build, not committed yet: wait for it.
        Error::IndexUncommitted(_) => {}
        Error::IndexOutdated {
            found, expected, ..
        } if found < expected => super::note(format_args!(
            "the index at {} has format version {found}; rebuilding it from {} first",
            super::shown(index),
            super::shown(&options.corpus)
        )),
        other => return Err(other.into()),
    }
    // Several first searches at once: the others wait for the one building.
    let options = UpdateOptions {
        wait: true,
        ..options
    };
    run_update(index, &options, false)?;
    Ok(AnnalsIndex::open(index)?)
}

/// Report a skipped file or a warning on stderr, naming the file.
pub(crate) fn print_problem(p: &Problem) {
    super::note(format_args!("{}: {}: {}", p.kind, p.path, p.message));
}

/// `16M`, `512K`, `1G` or a plain number of bytes.
pub(crate) fn parse_size(text: &str) -> Result<u64, Error> {
    let t = text.trim();
    let (digits, unit) = match t.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => t.split_at(i),
        None => (t, ""),
    };
    let multiplier: u64 = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "K" | "KB" | "KIB" => 1 << 10,
        "M" | "MB" | "MIB" => 1 << 20,
        "G" | "GB" | "GIB" => 1 << 30,
        _ => {
            return Err(Error::option(
                "--max-file-size",
                format!("{text:?} has an unknown unit (use K, M or G)"),
            ))
        }
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| Error::option("--max-file-size", format!("{text:?} is not a size")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("16M").unwrap(), 16 << 20);
        assert_eq!(parse_size("100").unwrap(), 100);
        assert_eq!(parse_size("2kb").unwrap(), 2048);
        assert!(parse_size("12X").is_err());
        assert!(parse_size("M").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}
