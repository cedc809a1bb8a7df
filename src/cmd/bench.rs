//! `annals bench`: latency and, with judgments, ranking quality of a query set.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

use annals::bench::{self, BenchOptions};
use annals::search::{plain_words, Engine, SearchOptions};

use crate::cli::BenchArgs;

pub fn run(index: &Path, args: &BenchArgs) -> Result<()> {
    let options = BenchOptions {
        runs: args.runs,
        search: SearchOptions {
            limit: args.limit,
            timeline: args.timeline.then_some(annals::search::Bucket::Auto),
            ..super::search_options(&args.filters)?
        },
    };
    let mut queries = bench::load_queries(&args.queries)?;
    if args.plain {
        for query in &mut queries {
            query.text = plain_words(&query.text);
        }
    }
    let qrels = args.qrels.as_deref().map(bench::load_qrels).transpose()?;
    let engine = Engine::open(index)?;
    let (report, run) = bench::run(
        &engine,
        &queries,
        qrels.as_ref(),
        &options,
        args.run_file.is_some(),
    )?;

    if let (Some(path), Some(run)) = (&args.run_file, &run) {
        let write = || -> std::io::Result<()> {
            let mut out = BufWriter::new(File::create(path)?);
            bench::write_run_file(&mut out, &queries, run)?;
            out.flush()
        };
        write().with_context(|| format!("cannot write the run file {}", path.display()))?;
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        bench::write_report(&mut out, &report)?;
    }
    out.flush()?;
    Ok(())
}
