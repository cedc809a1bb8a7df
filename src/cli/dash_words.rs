//! `annals search`'s dash words read as query text (`annals search treaty -versailles`):
//! the command line rewritten before clap parses it.

/// What an option takes after it.
#[derive(Debug, Clone, PartialEq)]
enum Takes {
    Nothing,
    Value,
    /// An optional value, one of these.
    OneOf(Vec<String>),
}

impl Takes {
    /// Whether the option takes `next` as its value.
    fn takes(&self, next: Option<&str>) -> bool {
        match self {
            Takes::Nothing => false,
            Takes::Value => true,
            Takes::OneOf(values) => next.is_some_and(|n| values.iter().any(|v| v == n)),
        }
    }
}

/// The command line with `search`'s dash words read as query text: `annals search treaty
/// -versailles`, `annals search -crimea siege` and `annals search "a" -b c` work as typed.
/// A single-dash word that is not one of `search`'s (or the global) short options is a
/// query word; known options keep working anywhere. The query words are moved, in order,
/// after a `--`, which is how clap takes text that starts with a dash. `command` is
/// [`Cli`](super::Cli)'s, built once for this and for parsing.
pub fn with_dash_words_as_query(
    command: &clap::Command,
    args: Vec<std::ffi::OsString>,
) -> Vec<std::ffi::OsString> {
    let Some(search) = command.find_subcommand("search") else {
        return args;
    };
    // Options of `search` (its own and the global ones), by spelling, and whether each
    // takes a value.
    let mut options: Vec<(String, Takes)> = Vec::new();
    for arg in command.get_arguments().chain(search.get_arguments()) {
        let takes = match arg.get_action().takes_values() {
            false => Takes::Nothing,
            // An optional value (`--timeline [BUCKET]`) is one of its possible values, or
            // else the option stands alone and the word is query text.
            true if arg.get_num_args().is_some_and(|n| n.min_values() == 0) => Takes::OneOf(
                arg.get_possible_values()
                    .iter()
                    .map(|v| v.get_name().to_string())
                    .collect(),
            ),
            true => Takes::Value,
        };
        if let Some(short) = arg.get_short() {
            options.push((format!("-{short}"), takes.clone()));
        }
        if let Some(long) = arg.get_long() {
            options.push((format!("--{long}"), takes));
        }
    }
    options.extend([
        ("-h".into(), Takes::Nothing),
        ("--help".into(), Takes::Nothing),
    ]);
    let known = |token: &str| -> Option<Takes> {
        let name = token.split_once('=').map_or(token, |(name, _)| name);
        options
            .iter()
            .find(|(spelling, _)| spelling == name)
            .map(|(_, takes)| match token.contains('=') {
                true => Takes::Nothing,
                false => takes.clone(),
            })
    };
    let text = |a: &std::ffi::OsString| a.to_str().map(str::to_string);
    // Find the subcommand: skip global options (and their values) before it.
    let mut at = 1;
    while let Some(token) = args.get(at).and_then(text) {
        if token == "search" {
            break;
        }
        match known(&token) {
            Some(takes) if token.starts_with('-') => {
                at += 1 + usize::from(takes.takes(args.get(at + 1).and_then(text).as_deref()))
            }
            _ => return args,
        }
    }
    if at >= args.len() {
        return args;
    }
    let mut out: Vec<std::ffi::OsString> = args[..=at].to_vec();
    let mut words: Vec<std::ffi::OsString> = Vec::new();
    let mut rest = args[at + 1..].iter();
    while let Some(arg) = rest.next() {
        let Some(token) = text(arg) else {
            words.push(arg.clone());
            continue;
        };
        if token == "--" {
            words.extend(rest.by_ref().cloned());
            break;
        }
        // `-n3`: a known short option with its value attached.
        let attached = token.starts_with('-')
            && !token.starts_with("--")
            && token.len() > 2
            && token
                .get(..2)
                .and_then(known)
                .is_some_and(|takes| takes != Takes::Nothing);
        match known(&token) {
            _ if attached => out.push(arg.clone()),
            Some(takes) => {
                out.push(arg.clone());
                if takes.takes(rest.clone().next().and_then(text).as_deref()) {
                    out.extend(rest.next().cloned());
                }
            }
            // An unknown `--long` option stays an error (a typo, most likely).
            None if token.starts_with("--") => out.push(arg.clone()),
            None => words.push(arg.clone()),
        }
    }
    if !words.is_empty() {
        out.push("--".into());
        out.extend(words);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(args: &[&str]) -> Vec<String> {
        let args = args.iter().map(std::ffi::OsString::from).collect();
        use clap::CommandFactory;
        with_dash_words_as_query(&super::super::Cli::command(), args)
            .into_iter()
            .map(|a| a.into_string().unwrap())
            .collect()
    }

    #[test]
    fn an_optional_value_is_taken_only_when_it_is_one() {
        assert_eq!(
            rewritten(&["annals", "search", "--timeline", "armistice"]),
            ["annals", "search", "--timeline", "--", "armistice"]
        );
        assert_eq!(
            rewritten(&["annals", "search", "treaty", "--timeline", "decade", "-x"]),
            [
                "annals",
                "search",
                "--timeline",
                "decade",
                "--",
                "treaty",
                "-x"
            ]
        );
    }

    #[test]
    fn dash_words_are_query_text_and_options_work_anywhere() {
        assert_eq!(
            rewritten(&[
                "annals",
                "search",
                "treaty",
                "-versailles",
                "-n",
                "2",
                "--json"
            ]),
            [
                "annals",
                "search",
                "-n",
                "2",
                "--json",
                "--",
                "treaty",
                "-versailles"
            ]
        );
        assert_eq!(
            rewritten(&["annals", "--index", "i", "search", "-crimea", "siege", "-n3"]),
            ["annals", "--index", "i", "search", "-n3", "--", "-crimea", "siege"]
        );
        assert_eq!(
            rewritten(&["annals", "search", "a", "-b", "c", "--", "-d"]),
            ["annals", "search", "--", "a", "-b", "c", "-d"]
        );
        assert_eq!(
            rewritten(&["annals", "search", "--year=1900..1950", "x", "--bogus"]),
            [
                "annals",
                "search",
                "--year=1900..1950",
                "--bogus",
                "--",
                "x"
            ]
        );
        assert_eq!(
            rewritten(&["annals", "search", "条約", "-n"]),
            ["annals", "search", "-n", "--", "条約"]
        );
        // Other commands are left alone.
        assert_eq!(
            rewritten(&["annals", "index", "-q"]),
            ["annals", "index", "-q"]
        );
    }
    proptest::proptest! {
        #[test]
        fn any_words_are_rewritten_without_a_panic(
            words in proptest::collection::vec("-{0,2}\\PC{0,6}", 0..6)
        ) {
            let mut args = vec!["annals", "search"];
            args.extend(words.iter().map(String::as_str));
            let out = rewritten(&args);
            proptest::prop_assert!(out.len() >= 2);
        }
    }
}
