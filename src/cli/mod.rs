//! The command line, defined with clap. The only place that knows flag names; commands turn
//! these into validated library options.

mod dash_words;
mod deferred;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub use dash_words::with_dash_words_as_query;
pub use deferred::Deferred;

/// Full-text search for collections of history articles.
#[derive(Debug, Parser)]
#[command(name = "annals", version, about, max_term_width = 100)]
pub struct Cli {
    /// Index folder.
    #[arg(
        long,
        global = true,
        env = "ANNALS_INDEX",
        default_value = "index",
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub index: PathBuf,

    /// Corpus folder, read recursively, or one file [default: the folder or file the index
    /// was built from, else corpus]
    #[arg(
        long,
        global = true,
        env = "ANNALS_CORPUS",
        value_name = "DIR",
        help_heading = "Global options"
    )]
    pub corpus: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

const INDEX_EXAMPLES: &str = "\
Examples:
  annals index                       update the index after editing the corpus
  annals index ~/notes               index another folder (later updates remember it)
  annals index ~/dumps/wiki.jsonl.gz index one file
  annals index --full --json         rebuild everything, summary as JSON";

const SEARCH_EXAMPLES: &str = "\
Examples:
  annals search rapallo                      the best sections and books first
  annals search treaty -versailles --year 1900..1950
  annals search '\"naval conference\"' --kind reading --json";

const SHOW_EXAMPLES: &str = "\
Examples:
  annals show 001_congress_of_vienna         the whole article
  annals show corpus/005_treaty_of_versailles.txt#terms --query reparations";

const STATS_EXAMPLES: &str = "\
Examples:
  annals stats
  annals stats --problems            which files are left out, and why
  annals stats --json";

const WATCH_EXAMPLES: &str = "\
Examples:
  annals watch                       keep the index in line while you write
  annals watch --quiet";

const BENCH_EXAMPLES: &str = "\
Examples:
  annals bench --queries queries.txt
  annals bench --queries queries.jsonl --qrels qrels.tsv --limit 100 --json";

#[cfg(feature = "server")]
const SERVE_EXAMPLES: &str = "\
Examples:
  annals serve                       then open http://127.0.0.1:7700/
  annals serve --addr 8080 --watch   another port, following corpus changes";

const COMPLETIONS_EXAMPLES: &str = "\
Examples:
  source <(annals completions bash)
  annals completions zsh > ~/.zfunc/_annals
  annals completions fish > ~/.config/fish/completions/annals.fish";

const MAN_EXAMPLES: &str = "\
Examples:
  annals man | man -l -
  annals man > ~/.local/share/man/man1/annals.1";

const BOOKS_EXAMPLES: &str = "\
Examples:
  annals books
  annals books --author kissinger
  annals books --with \"Diplomacy\"";

const RELATED_EXAMPLES: &str = "\
Examples:
  annals related 005_treaty_of_versailles
  annals related 005_treaty_of_versailles#further-reading --json
  annals related corpus/007_locarno_treaties.txt -n 3";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bring the index in line with the corpus (only changed files are re-read).
    #[command(after_help = INDEX_EXAMPLES)]
    Index(Deferred<IndexArgs>),
    /// Search the index and print ranked hits.
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// Print an article (or one section of it) from the index, to read what a search found.
    #[command(after_help = SHOW_EXAMPLES)]
    Show(Deferred<ShowArgs>),
    /// List the books of every reading list: how many articles cite each, and which.
    #[command(after_help = BOOKS_EXAMPLES)]
    Books(Deferred<BooksArgs>),
    /// List the articles most like one: by their words and by the books they share.
    #[command(after_help = RELATED_EXAMPLES)]
    Related(Deferred<RelatedArgs>),
    /// Describe what the index holds.
    #[command(after_help = STATS_EXAMPLES)]
    Stats(Deferred<StatsArgs>),
    /// Update the index, then follow corpus changes until Ctrl-C.
    #[command(after_help = WATCH_EXAMPLES)]
    Watch(Deferred<WatchArgs>),
    /// Time a set of queries and, given judgments, measure ranking quality.
    #[command(after_help = BENCH_EXAMPLES)]
    Bench(Deferred<BenchArgs>),
    /// Serve searches over HTTP, with a search page.
    #[cfg(feature = "server")]
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(Deferred<ServeArgs>),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_EXAMPLES)]
    Completions(Deferred<CompletionsArgs>),
    /// Print the manual page (roff).
    #[command(after_help = MAN_EXAMPLES)]
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// The corpus folder to index, or one file (a dump, a book), as --corpus gives it.
    #[arg(value_name = "FOLDER")]
    pub folder: Option<PathBuf>,

    /// Rebuild every document from scratch.
    #[arg(long)]
    pub full: bool,

    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,

    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,

    /// Wait for another process updating the index instead of failing.
    #[arg(long)]
    pub wait: bool,

    #[command(flatten)]
    pub reading: ReadingArgs,

    /// Memory budget of the index writer in MB.
    #[arg(long, default_value_t = 128, value_name = "MB")]
    pub memory: usize,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all required first; a question or a sentence ranks by any of them), "phrases", OR, -word, +word, word*, field:word, year:[A TO B].
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,

    /// Number of hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,

    /// Number of hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// One hit per article (its best section), with the number of other matches.
    #[arg(long)]
    pub group: bool,

    /// Under each hit, how its score was computed: per field and word, term frequency,
    /// document frequency, length normalisation, boosts and the tier that matched it.
    #[arg(long)]
    pub explain: bool,

    /// Above the hits, a bar chart of every matching section per year, decade or century
    /// (chosen from the span of the years unless given).
    #[arg(
        long,
        value_name = "BUCKET",
        num_args = 0..=1,
        default_missing_value = "auto",
        value_parser = ["auto", "year", "decade", "century"]
    )]
    pub timeline: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,
}

/// How a command prints what it found, shared by `search`, `show`, `books` and `related`.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,

    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// How the corpus is read, shared by `index`, `watch` and `serve --watch`.
#[derive(Debug, Args)]
pub struct ReadingArgs {
    /// Skip files larger than this (bytes, or with a K, M or G suffix); in JSON Lines,
    /// records larger than this (a dump of any size is read); in PDFs, more text than this;
    /// in EPUB, Word and OpenDocument files, text files in the archive larger than this; in
    /// FictionBooks, more text than this, pictures aside; in pages saved with their
    /// pictures (MHTML, Safari's web archives), a page larger than this.
    #[arg(long, default_value = "16M", value_name = "SIZE")]
    pub max_file_size: String,

    /// Follow symbolic links in the corpus, also to files and folders outside it.
    #[arg(long)]
    pub follow: bool,
}

/// Options that shape which documents match, shared by `search` and `bench`.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Kinds of hits: section, reading or all.
    #[arg(long, default_value = "all", value_name = "KIND")]
    pub kind: String,

    /// Only sections from these years: a year, decade or century as historians write them
    /// (1914, 1920s, "19th century", "44 BC"), or a range of them: A..B, A.. or ..B.
    #[arg(long, value_name = "RANGE")]
    pub year: Option<String>,

    /// Only articles in this language: a code such as en, de, fr, ru, ja.
    #[arg(long, value_name = "CODE")]
    pub lang: Option<String>,

    /// No typo tolerance: words must match as written (after stemming).
    #[arg(long)]
    pub exact: bool,

    /// Add words from the best hits to the query and search again (pseudo-relevance
    /// feedback, RM3): finds documents that use other words for the same thing.
    #[arg(long)]
    pub expand: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Queries: one per line, or BEIR queries.jsonl ({"_id", "text"} per line).
    #[arg(long, value_name = "FILE")]
    pub queries: PathBuf,

    /// Relevance judgments: BEIR qrels TSV (with header) or TREC `qid 0 docid rel`.
    #[arg(long, value_name = "FILE")]
    pub qrels: Option<PathBuf>,

    /// Timed passes over all queries, after one warm-up pass.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub runs: usize,

    /// Hits per timed search.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,

    #[command(flatten)]
    pub filters: FilterArgs,

    /// Read each query as plain words: operators, fields, quotes and other query syntax
    /// are ignored (for natural-language test collections).
    #[arg(long)]
    pub plain: bool,

    /// Count each query's timeline too (as `search --timeline` does), to measure its cost.
    #[arg(long)]
    pub timeline: bool,

    /// Write the ranking (grouped per article, 100 deep) as a TREC run file.
    #[arg(long, value_name = "FILE")]
    pub run_file: Option<PathBuf>,

    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

#[cfg(feature = "server")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on: PORT, :PORT, HOST:PORT or NAME:PORT for a name of this
    /// machine's loopback (localhost); port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:7700", value_name = "HOST:PORT", value_parser = parse_addr)]
    pub addr: std::net::SocketAddr,

    /// Also follow corpus changes and update the index, as `annals watch` does.
    #[arg(long)]
    pub watch: bool,

    /// Accept requests naming this host (repeatable). On a loopback address only
    /// localhost, 127.0.0.1 and [::1] are accepted otherwise, so that a web page cannot
    /// reach the server through a name rebound to 127.0.0.1.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,

    /// No request log on stderr.
    #[arg(long, short)]
    pub quiet: bool,

    /// How corpus files are read (with --watch).
    #[command(flatten)]
    pub reading: ReadingArgs,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,

    #[command(flatten)]
    pub reading: ReadingArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article: its id or its path as a search prints it, optionally with `#SECTION`.
    #[arg(value_name = "ID[#SECTION]")]
    pub target: String,

    /// Mark the words of this query in the text.
    #[arg(long, short = 'q', value_name = "QUERY")]
    pub query: Option<String>,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Never page the output through $PAGER.
    #[arg(long)]
    pub no_pager: bool,
}

#[derive(Debug, Args)]
pub struct BooksArgs {
    /// Only books whose reading-list entry matches these words (title, author, article).
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only books by this author (words of the name).
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,

    /// The books most often cited beside this one (co-citation).
    #[arg(long, value_name = "TITLE")]
    pub with: Option<String>,

    /// Number of books to list.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct RelatedArgs {
    /// The article: its id or its path as a search prints it; with `#SECTION`, the
    /// sections most like that section.
    #[arg(value_name = "ID[#SECTION]")]
    pub target: String,

    /// Number of articles (or sections) to list.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,

    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,

    /// List the corpus files left out of the index (skipped when last read), with why.
    #[arg(long)]
    pub problems: bool,
}

/// `--addr` as people write it: `8080`, `:8080`, `127.0.0.1:8080`, `[::1]:8080`,
/// `localhost:8080`. A bare port listens on 127.0.0.1; a name must resolve to a loopback
/// address (anything else is given as an address, so that what is exposed is explicit).
#[cfg(feature = "server")]
pub fn parse_addr(text: &str) -> Result<std::net::SocketAddr, String> {
    use std::net::{Ipv4Addr, SocketAddr, ToSocketAddrs};
    let text = text.trim();
    let port_only = text.strip_prefix(':').unwrap_or(text);
    if let Ok(port) = port_only.parse::<u16>() {
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    }
    if let Ok(addr) = text.parse::<SocketAddr>() {
        return Ok(addr);
    }
    let Some((host, port)) = text.rsplit_once(':') else {
        return Err(format!(
            "{text:?} is not an address; give PORT, HOST:PORT or localhost:PORT"
        ));
    };
    if port.parse::<u16>().is_err() {
        return Err(format!("{port:?} is not a port (0 to 65535)"));
    }
    let resolved: Vec<SocketAddr> = text
        .to_socket_addrs()
        .map_err(|e| format!("cannot resolve {host:?}: {e}"))?
        .collect();
    resolved
        .iter()
        .find(|a| a.is_ipv4() && a.ip().is_loopback())
        .or_else(|| resolved.iter().find(|a| a.ip().is_loopback()))
        .copied()
        .ok_or_else(|| {
            format!("{host:?} is not a loopback name; give the address to listen on as an IP")
        })
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    use clap::CommandFactory;

    #[cfg(feature = "server")]
    #[test]
    fn addresses_are_read_as_people_write_them() {
        let addr = |t: &str| parse_addr(t).map(|a| a.to_string());
        assert_eq!(addr("18432").unwrap(), "127.0.0.1:18432");
        assert_eq!(addr(":18432").unwrap(), "127.0.0.1:18432");
        assert_eq!(addr("0.0.0.0:80").unwrap(), "0.0.0.0:80");
        assert_eq!(addr("[::1]:80").unwrap(), "[::1]:80");
        assert!(addr("localhost:18432").unwrap().ends_with(":18432"));
        assert!(addr("localhost:99999").is_err());
        assert!(addr("nonsense").is_err());
    }

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn deferred_subcommands_keep_their_description_and_arguments() {
        let mut command = Cli::command();
        command.build();
        let index = command.find_subcommand("index").unwrap();
        let about = index.get_about().map(ToString::to_string);
        assert_eq!(
            about.as_deref(),
            Some("Bring the index in line with the corpus (only changed files are re-read)")
        );
        assert!(index.get_arguments().any(|a| a.get_long() == Some("full")));
        let cli = Cli::parse_from(["annals", "--index", "x", "index", "--full", "-q"]);
        let Command::Index(Deferred(args)) = cli.command else {
            panic!("expected index");
        };
        assert!(args.full && args.quiet && !args.json);
        assert_eq!(cli.index, PathBuf::from("x"));
    }

    #[test]
    fn search_words_are_collected() {
        let cli = Cli::parse_from(["annals", "search", "red", "army", "--kind", "reading"]);
        let Command::Search(args) = cli.command else {
            panic!("expected search");
        };
        assert_eq!(args.query, vec!["red", "army"]);
        assert_eq!(args.filters.kind, "reading");
    }
}
