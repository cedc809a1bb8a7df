//! `annals serve`: the HTTP API and search page, optionally following corpus changes.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::Result;

use annals::index::{watch, Problem, UpdateOptions, UpdateSummary};
use annals::search::Engine;
use annals::serve::{serve, ServeOptions};

use crate::cli::ServeArgs;

pub fn run(index: &Path, corpus: &Path, args: &ServeArgs) -> Result<()> {
    let update_options = UpdateOptions {
        max_file_size: super::index::parse_size(&args.reading.max_file_size)?,
        follow_links: args.reading.follow,
        ..UpdateOptions::new(corpus)
    };
    let opened = super::index::open_or_build(index, || update_options.clone())?;
    let reader = opened.live_reader()?;
    let engine = Engine::with_reader(opened, reader);

    let stop = Arc::new(AtomicBool::new(false));
    let watcher = args.watch.then(|| {
        let stop = Arc::clone(&stop);
        let index = index.to_path_buf();
        let quiet = args.quiet;
        std::thread::spawn(move || {
            let mut report = |p: &Problem| {
                if !quiet {
                    super::index::print_problem(p);
                }
            };
            let mut on_update = |result: annals::Result<UpdateSummary>| {
                if let Err(e) = result {
                    super::update_failed(&e);
                }
            };
            if let Err(e) = watch(&index, &update_options, &stop, &mut report, &mut on_update) {
                super::log(format_args!("watching stopped: {e}"));
            }
        })
    });

    let options = ServeOptions {
        addr: args.addr,
        quiet: args.quiet,
        allow_hosts: args.allow_hosts.clone(),
    };
    let watching = args.watch;
    let served = serve(
        engine,
        &options,
        |addr| {
            super::log(format_args!(
                "listening on http://{addr}/{} (Ctrl-C to stop)",
                if watching {
                    ", following corpus changes"
                } else {
                    ""
                }
            ))
        },
        std::future::pending(),
    );
    stop.store(true, Ordering::SeqCst);
    if let Some(watcher) = watcher {
        let _ = watcher.join();
    }
    served?;
    if !args.quiet {
        super::log("stopped");
    }
    Ok(())
}
