//! One adapter per subcommand: flags → validated library call → output.

mod index;
mod search;
mod stats;
mod watch;

use std::path::Path;

use anyhow::Result;

use crate::cli::{Cli, Command};

/// Run the command the user asked for.
pub fn run(cli: Cli) -> Result<()> {
    let Cli {
        index,
        corpus,
        command,
    } = cli;
    match command {
        Command::Index(args) => index::run(&index, &corpus, &args),
        Command::Search(args) => search::run(&index, &corpus, &args),
        Command::Stats(args) => stats::run(&index, &args),
        Command::Watch(args) => watch::run(&index, &corpus, &args),
    }
}

/// Print a note for the user on stderr.
pub(crate) fn note(message: impl std::fmt::Display) {
    eprintln!("annals: {message}");
}

/// `path` as the user typed it, for messages.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}
