//! One adapter per subcommand: flags → validated library call → output.

mod bench;
mod books;
mod index;
mod progress;
mod related;
mod search;
#[cfg(feature = "server")]
mod serve;
mod show;
mod stats;
mod watch;

use std::path::{Path, PathBuf};

use anyhow::Result;

use annals::search::SearchOptions;

use crate::cli::{Cli, Command, Deferred, FilterArgs};

/// The corpus folder when none is given and no index says which it was built from.
const DEFAULT_CORPUS: &str = "corpus";

/// Run the command the user asked for.
pub fn run(cli: Cli) -> Result<()> {
    let Cli {
        index,
        corpus,
        command,
    } = cli;
    // The folder the index was built from, unless told another: what `index` and `watch`
    // update, and what a search rebuilds an index of an older format from; `corpus/` when
    // there is no index yet. A search asks for it only to build (it reads `meta.json`).
    let corpus_folder = || {
        (corpus.clone())
            .or_else(|| annals::index::built_from(&index))
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CORPUS))
    };
    match command {
        Command::Index(Deferred(args)) => {
            let corpus = match (&args.folder, &corpus) {
                (Some(folder), Some(given)) if folder != given => {
                    return Err(annals::Error::option(
                        "FOLDER",
                        format!(
                            "{} and --corpus {} name two corpus folders; give one",
                            folder.display(),
                            given.display()
                        ),
                    )
                    .into());
                }
                (Some(folder), _) => folder.clone(),
                (None, _) => corpus_folder(),
            };
            index::run(&index, &corpus, &args)
        }
        Command::Search(args) => search::run(&index, &corpus_folder, &args),
        Command::Show(Deferred(args)) => show::run(&index, &corpus_folder, &args),
        Command::Books(Deferred(args)) => books::run(&index, &corpus_folder, &args),
        Command::Related(Deferred(args)) => related::run(&index, &corpus_folder, &args),
        Command::Stats(Deferred(args)) => stats::run(&index, &args),
        Command::Watch(Deferred(args)) => watch::run(&index, &corpus_folder(), &args),
        Command::Bench(Deferred(args)) => bench::run(&index, &args),
        #[cfg(feature = "server")]
        Command::Serve(Deferred(args)) => serve::run(&index, &corpus_folder(), &args),
        Command::Completions(Deferred(args)) => {
            use clap::CommandFactory;
            let mut command = Cli::command();
            let mut out = std::io::stdout().lock();
            clap_complete::generate(args.shell, &mut command, "annals", &mut out);
            Ok(())
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut out = std::io::stdout().lock();
            // Every subcommand's arguments, deferred until built.
            let mut command = Cli::command();
            command.build();
            clap_mangen::Man::new(command).render(&mut out)?;
            Ok(())
        }
    }
}

/// Search options from the shared filter flags; limit, offset and grouping are the
/// caller's.
pub(crate) fn search_options(filters: &FilterArgs) -> annals::Result<SearchOptions> {
    Ok(SearchOptions {
        kind: filters.kind.parse()?,
        years: filters
            .year
            .as_deref()
            .map(str::parse)
            .transpose()?
            .unwrap_or_default(),
        exact: filters.exact,
        expand: filters.expand,
        lang: filters
            .lang
            .as_deref()
            .map(|l| annals::search::parse_lang("--lang", l))
            .transpose()?,
        ..SearchOptions::default()
    })
}

/// Print a note for the user on stderr, with anything from a file or a query escaped.
pub(crate) fn note(message: impl std::fmt::Display) {
    eprintln!("annals: {}", annals::output::escape(&message.to_string()));
}

/// Print a note from a long-running command (`watch`, `serve`): stamped with the time.
pub(crate) fn log(message: impl std::fmt::Display) {
    eprintln!(
        "{} annals: {}",
        timestamp(),
        annals::output::escape(&message.to_string())
    );
}

/// The time now, as RFC 3339 in UTC to the second, for log lines.
pub(crate) fn timestamp() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Report an update of `watch` or `serve --watch` that did not happen.
pub(crate) fn update_failed(e: &annals::Error) {
    match e {
        annals::Error::IndexLocked(_) => {
            log("another process is updating the index; this update runs once it finishes")
        }
        e => log(format_args!("update failed: {e}")),
    }
}

/// Whether to colour a stream, as `--color` asks.
pub(crate) fn color(choice: crate::cli::ColorChoice, is_terminal: bool) -> bool {
    match choice {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => annals::output::use_color(is_terminal),
    }
}

/// Print `value` to stdout: as JSON with `json`, else through `human` with a painter that
/// colours as `choice` asks.
pub(crate) fn print<T: serde::Serialize>(
    value: &T,
    output: &crate::cli::OutputArgs,
    human: impl FnOnce(&mut std::io::StdoutLock, &T, annals::output::Painter) -> std::io::Result<()>,
) -> Result<()> {
    use std::io::{IsTerminal, Write};
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let mut out = stdout.lock();
    if output.json {
        serde_json::to_writer_pretty(&mut out, value)?;
        writeln!(out)?;
    } else {
        human(
            &mut out,
            value,
            annals::output::Painter::new(color(output.color, terminal)),
        )?;
    }
    out.flush()?;
    Ok(())
}

/// `path` as the user typed it, for messages.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}
