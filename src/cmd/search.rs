//! `annals search`: ranked hits for a query, built from the corpus first if there is no
//! index yet.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use anyhow::Result;

use annals::index::UpdateOptions;
use annals::output::{terminal_width, write_results, Painter};
use annals::search::{Engine, SearchOptions};
use annals::Error;

use crate::cli::SearchArgs;

pub fn run(index: &Path, corpus: &dyn Fn() -> PathBuf, args: &SearchArgs) -> Result<()> {
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        return Err(Error::Query {
            position: 1,
            message: "the query is empty".into(),
        }
        .into());
    }
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        group: args.group,
        timeline: args.timeline.as_deref().map(str::parse).transpose()?,
        explain: args.explain,
        ..super::search_options(&args.filters)?
    };
    options.validate()?;

    // An index that is there before this search, not one it builds now.
    let existed = annals::index::exists(index);
    let mut engine = Engine::new(super::index::open_or_build(index, || {
        UpdateOptions::new(corpus())
    })?)?;
    let mut results = engine.search(&query, &options)?;
    if existed && results.total == 0 && engine.documents()? == 0 && corpus().is_dir() {
        // An index built before its folder held articles is updated as a first search
        // builds one, once articles may be there.
        let update = UpdateOptions {
            wait: true,
            ..UpdateOptions::new(corpus())
        };
        super::note(format_args!(
            "the index at {} holds nothing; updating it from {} first",
            super::shown(index),
            super::shown(&update.corpus)
        ));
        if super::index::run_update(index, &update, false)?.added > 0 {
            std::mem::forget(engine);
            engine = Engine::new(annals::index::AnnalsIndex::open(index)?)?;
            results = engine.search(&query, &options)?;
        }
    }
    if results.total == 0 && engine.documents()? == 0 {
        // A first run against the wrong folder finds nothing: say why, and what to do.
        eprintln!(
            "annals: the index at {} holds nothing to search; put articles (text, Markdown, \
             Org, reStructuredText, AsciiDoc, web pages, JSON Lines, JSON, CSV, spreadsheets, \
             BibTeX, RIS, PDF, EPUB, Kindle, FictionBook, Word, OpenDocument, RTF, Evernote, \
             TEI, JATS, DocBook, LaTeX, wiki pages, feeds) under {} and run `annals index`",
            index.display(),
            corpus().display()
        );
    }
    if existed && results.total == 0 {
        // Files put in the corpus are found once indexed: say so when nothing was found.
        let updated = UNIX_EPOCH + Duration::from_secs(engine.index().payload.updated_at);
        let corpus = corpus();
        if annals::index::corpus_changed_since(index, &corpus, updated) {
            super::note(format_args!(
                "files were added to or removed from {} since the index was last updated \
                 ({}); `annals index` brings it up to date",
                super::shown(&corpus),
                humantime::format_rfc3339_seconds(updated)
            ));
        }
    }
    // As `rg PATTERN PATH` takes a path: a word naming a folder or file was searched for.
    for path in args.query.iter().filter(|word| names_a_path(word)) {
        super::note(format_args!(
            "{path} names a {}, searched for as words: annals searches its index; \
             `annals index {path}` makes that {0} the one searched",
            if Path::new(path).is_dir() {
                "folder"
            } else {
                "file"
            },
        ));
    }
    // The process ends after printing, and the kernel unmaps the index files at exit in one
    // go; unmapping them one by one first would cost more than the search itself.
    std::mem::forget(engine);

    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let painter =
        Painter::new(super::color(args.output.color, terminal)).wrapping(terminal_width(terminal));
    // One write for the whole page: stdout is line-buffered, a write per line cost a
    // system call each (43 for ten hits).
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    if args.output.json {
        serde_json::to_writer_pretty(&mut out, &results)?;
        writeln!(out)?;
    } else {
        write_results(&mut out, &results, painter)?;
    }
    out.flush()?;
    Ok(())
}

/// Whether a word of a query is written as a path (with a `/`, or from `~`) and names a
/// folder or file there is.
fn names_a_path(word: &str) -> bool {
    (word.contains(std::path::MAIN_SEPARATOR) || word.contains('/') || word.starts_with('~'))
        && Path::new(word).exists()
}
