//! The `annals` binary: parse the command line, run the command, and turn any error into a
//! one-line message and an exit status (2 for usage and query errors, 1 otherwise).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

fn main() -> ExitCode {
    // A bug must still end with one line, not a backtrace, whatever RUST_BACKTRACE says.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("annals: internal error{place}: {what}; this is a bug, please report it");
    }));
    // The command tree is built once, for reading dash words and for parsing (what
    // `Cli::try_parse_from` does, which would build it again).
    let mut command = cli::Cli::command();
    let args = cli::with_dash_words_as_query(&command, std::env::args_os().collect());
    let parsed = command
        .try_get_matches_from_mut(args)
        .and_then(|mut matches| {
            cli::Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
        });
    let cli = match parsed {
        Ok(cli) => cli,
        // --help, --version, and the help shown for a bare `annals`.
        Err(e)
            if !e.use_stderr()
                || e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            e.exit()
        }
        Err(e) => {
            eprintln!("annals: {}", annals::output::escape(&usage_error(&e)));
            return ExitCode::from(2);
        }
    };
    let Ok(outcome) = std::panic::catch_unwind(|| cmd::run(cli)) else {
        return ExitCode::from(1);
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // A closed pipe (`annals search x | head -1`) is how the reader says "enough".
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("annals: {}", annals::output::escape(&one_line(&err)));
            let code = err
                .chain()
                .find_map(|e| e.downcast_ref::<annals::Error>())
                .map_or(1, annals::Error::exit_code);
            ExitCode::from(code as u8)
        }
    }
}

/// A usage error from clap in annals' own style: one line, the message, clap's tip if it
/// has one, and where to read more (`annals: unexpected argument '--bogus' found; tip: to
/// pass '--bogus' as a value, use '-- --bogus'; see `annals search --help``).
fn usage_error(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut message = lines
        .next()
        .unwrap_or("invalid command line")
        .trim_start_matches("error:")
        .trim()
        .to_string();
    for line in lines {
        if line.starts_with("For more information") {
            continue;
        }
        let continues = message.ends_with(':') || line.starts_with("[possible values");
        if continues && !line.starts_with("tip:") && !line.starts_with("Usage:") {
            // What the message announces (`the following required arguments were not
            // provided:` `<QUERY>...`).
            message.push(' ');
            message.push_str(line);
        } else if let Some(tip) = line.strip_prefix("tip:") {
            message.push_str("; tip: ");
            message.push_str(&likeliest_first(tip.trim()));
        } else if let Some(usage) = line.strip_prefix("Usage:") {
            // `Usage: annals search [OPTIONS] <QUERY>...` → `annals search --help`.
            let command: Vec<&str> = usage
                .split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<', '-']))
                .collect();
            message.push_str(&format!("; see `{} --help`", command.join(" ")));
            break;
        }
    }
    message
}

/// clap's tip naming similar commands or options, the most similar first and at most three
/// (clap lists all it finds, the most similar last: `some similar subcommands exist:
/// 'watch', 'bench', 'serve', 'search'` for `serach`).
fn likeliest_first(tip: &str) -> String {
    let Some((what, names)) = tip.split_once(" exist: ") else {
        return tip.to_string();
    };
    if !what.contains("similar") {
        return tip.to_string();
    }
    let mut names: Vec<&str> = names.split(", ").collect();
    names.reverse();
    names.truncate(3);
    format!("{what} exist: {}", names.join(", "))
}

/// The error and its causes on one line, leaving out a cause the message already quotes
/// (annals' own errors name their I/O cause themselves).
fn one_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Whether `err` is a write to a closed pipe, directly or through JSON written straight to
/// standard output (serde_json's error holds the I/O error without naming it as its source).
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(BrokenPipe))
    })
}

#[cfg(test)]
mod tests {
    /// .cargo/config.toml links the binary statically on Linux with glibc: panics must
    /// still unwind to `main`'s `catch_unwind` (the unwinder is GCC's static `libgcc_eh`),
    /// and no shared library may be mapped.
    #[test]
    fn panics_unwind_in_a_static_binary() {
        let caught = std::panic::catch_unwind(|| {
            let v: Vec<u8> = Vec::new();
            v[std::hint::black_box(1)]
        });
        assert!(caught.is_err());
        if cfg!(all(target_os = "linux", target_feature = "crt-static")) {
            let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
            assert!(!maps.contains(".so"), "{maps}");
        }
    }

    #[test]
    fn the_most_similar_command_is_named_first() {
        assert_eq!(
            super::likeliest_first(
                "some similar subcommands exist: 'watch', 'bench', 'serve', 'search'"
            ),
            "some similar subcommands exist: 'search', 'serve', 'bench'"
        );
        let other = "to pass '--bogus' as a value, use '-- --bogus'";
        assert_eq!(super::likeliest_first(other), other);
    }
}
