//! The `annals` binary: parse the command line, run the command, and turn any error into a
//! one-line message and an exit status (2 for usage and query errors, 1 otherwise).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`annals search x | head -1`) is how the reader says "enough".
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("annals: {err:#}");
            let code = err
                .chain()
                .find_map(|e| e.downcast_ref::<annals::Error>())
                .map_or(1, annals::Error::exit_code);
            ExitCode::from(code as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
