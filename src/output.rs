//! Human-readable rendering of search results, index summaries and stats. JSON output is
//! the serde form of the same types.

use std::io::{self, Write};

use crate::index::{IndexStats, UpdateSummary};
use crate::search::{Hit, SearchResults, Snippet};

/// Writes text with or without ANSI colour.
#[derive(Debug, Clone, Copy)]
pub struct Painter {
    color: bool,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const MATCH: &str = "\x1b[1;31m";
const PATH: &str = "\x1b[35m";
const BOOK: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

impl Painter {
    pub fn new(color: bool) -> Painter {
        Painter { color }
    }

    fn paint(&self, style: &str, text: &str) -> String {
        if self.color {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// The snippet with its matches highlighted: coloured on a terminal, `[…]`-free plain
    /// text otherwise.
    fn snippet(&self, snippet: &Snippet) -> String {
        if !self.color {
            return escape_running(&snippet.text);
        }
        let mut out = String::new();
        let mut at = 0;
        for range in &snippet.highlights {
            out.push_str(&escape_running(&snippet.text[at..range.start]));
            out.push_str(&self.paint(MATCH, &escape_running(&snippet.text[range.clone()])));
            at = range.end;
        }
        out.push_str(&escape_running(&snippet.text[at..]));
        out
    }
}

/// Whether to colour output going to a stream, following the `NO_COLOR` convention.
pub fn use_color(is_terminal: bool) -> bool {
    is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Print search results, one block per hit, then a line about the totals.
pub fn write_results(
    out: &mut impl Write,
    results: &SearchResults,
    painter: Painter,
) -> io::Result<()> {
    for hit in &results.hits {
        write_hit(out, hit, painter)?;
    }
    if results.hits.is_empty() {
        writeln!(out, "No hits for \"{}\".", printable(&results.query))?;
    } else {
        let first = results.hits[0].rank;
        let last = results.hits[results.hits.len() - 1].rank;
        let shown = if first == 1 && last == results.total {
            String::new()
        } else {
            format!("{first}–{last} of ")
        };
        let line = format!(
            "{shown}{}{} hit{} ({:.1} ms)",
            results.total,
            if results.total_exact { "" } else { "+" },
            if results.total == 1 { "" } else { "s" },
            results.took_ms
        );
        writeln!(out, "{}", painter.paint(DIM, &line))?;
    }
    if results.relaxed {
        writeln!(
            out,
            "{}",
            painter.paint(DIM, "Some hits contain only some of the words (marked ~).")
        )?;
    }
    if let Some(suggestion) = &results.suggestion {
        writeln!(
            out,
            "Did you mean: {}",
            painter.paint(BOLD, &printable(suggestion))
        )?;
    }
    if !results.notes.is_empty() {
        let notes = printable(&results.notes.join("; "));
        writeln!(out, "{}", painter.paint(DIM, &format!("Note: {notes}.")))?;
    }
    Ok(())
}

/// `text` made safe for a terminal: every C0 and C1 control character (escape sequences
/// that retitle the window, clear the screen, forge links or write the clipboard; line
/// breaks that forge output lines) and every bidirectional override or isolate (which
/// reverse what follows) is shown escaped, as Rust writes it (`\x1b`, `\n`,
/// `\u{202e}`). Everything printed for a human, on stdout, stderr or in a log, goes
/// through here; JSON keeps the exact text.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x80 && is_unsafe(c) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Running text (a snippet) made safe for a terminal: white-space controls become spaces,
/// the rest as [`escape`] shows it.
fn escape_running(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    escape(&flat).into_owned()
}

/// Whether `c` must not reach a terminal as it is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

fn printable(text: &str) -> String {
    escape(text).into_owned()
}

fn write_hit(out: &mut impl Write, hit: &Hit, painter: Painter) -> io::Result<()> {
    let rank = format!("{:>2}{}", hit.rank, if hit.partial { "~" } else { "." });
    let year = hit.year.map(|y| format!(" ({y})")).unwrap_or_default();
    match &hit.book {
        Some(book) => {
            let author = book
                .author
                .as_deref()
                .map(|a| format!(" — {a}"))
                .unwrap_or_default();
            writeln!(
                out,
                "{} {}{}",
                painter.paint(DIM, &rank),
                painter.paint(BOOK, &printable(&book.title)),
                printable(&author)
            )?;
            writeln!(
                out,
                "    in {} › {}{}",
                printable(&hit.title),
                printable(&hit.heading),
                year
            )?;
        }
        None => {
            let place = if hit.heading == hit.title {
                printable(&hit.title)
            } else {
                format!("{} › {}", printable(&hit.title), printable(&hit.heading))
            };
            writeln!(
                out,
                "{} {}{}",
                painter.paint(DIM, &rank),
                painter.paint(BOLD, &place),
                year
            )?;
        }
    }
    let mut notes = Vec::new();
    if hit.typo {
        notes.push("spelling corrected".to_string());
    }
    match hit.others {
        Some(0) | None => {}
        Some(1) => notes.push("1 more match in this article".to_string()),
        Some(n) => notes.push(format!("{n} more matches in this article")),
    }
    let notes = match notes.is_empty() {
        true => String::new(),
        false => painter.paint(DIM, &format!("  ({})", notes.join("; "))),
    };
    writeln!(
        out,
        "    {}{notes}",
        painter.paint(PATH, &printable(&hit.path))
    )?;
    if !hit.snippet.text.is_empty() {
        writeln!(out, "    {}", painter.snippet(&hit.snippet))?;
    }
    writeln!(out)
}

/// Print the summary of an index update.
pub fn write_summary(out: &mut impl Write, s: &UpdateSummary) -> io::Result<()> {
    if let Some(why) = &s.rebuilt_because {
        writeln!(out, "Rebuilt the whole index because {why}.")?;
    }
    writeln!(
        out,
        "{} added, {} updated, {} renamed, {} removed, {} unchanged, {} skipped, {} warning{}",
        s.added,
        s.updated,
        s.renamed,
        s.removed,
        s.unchanged,
        s.skipped,
        s.warnings,
        if s.warnings == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "Index holds {}: {} and {} ({}), in {:.2} s",
        counted(s.articles, "article", "articles"),
        counted(s.sections, "section", "sections"),
        counted(s.reading, "reading entry", "reading entries"),
        counted(s.documents, "document", "documents"),
        s.took_ms / 1000.0
    )
}

/// `n` followed by the singular or plural noun.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Print index stats.
pub fn write_stats(out: &mut impl Write, s: &IndexStats) -> io::Result<()> {
    let updated = std::time::UNIX_EPOCH + std::time::Duration::from_secs(s.updated_at);
    writeln!(
        out,
        "index:           {}",
        escape(&s.index.display().to_string())
    )?;
    writeln!(
        out,
        "corpus:          {}",
        escape(&s.corpus.display().to_string())
    )?;
    writeln!(out, "articles:        {}", s.articles)?;
    writeln!(out, "sections:        {}", s.sections)?;
    writeln!(out, "reading entries: {}", s.reading)?;
    writeln!(out, "files:           {}", s.files)?;
    writeln!(out, "segments:        {}", s.segments)?;
    writeln!(out, "size on disk:    {}", human_bytes(s.size_bytes))?;
    writeln!(
        out,
        "last update:     {}",
        humantime::format_rfc3339_seconds(updated)
    )
}

/// `1536` → `1.5 KiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KiB", "MiB", "GiB", "TiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_shown_escaped() {
        assert_eq!(escape("plain › text"), "plain › text");
        assert_eq!(
            escape("Evil \x1b]0;pwned\x07 T\nx\u{202e}y\u{9b}"),
            "Evil \\x1b]0;pwned\\x07 T\\nx\\u{202e}y\\u{9b}"
        );
        assert_eq!(escape_running("a\nb\x1b[2J"), "a b\\x1b[2J");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(12), "12 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(3 * 1024 * 1024), "3.0 MiB");
    }

    #[test]
    fn snippets_are_coloured_only_when_asked() {
        let s = Snippet {
            text: "the Rapallo treaty".into(),
            highlights: std::iter::once(4..11).collect(),
        };
        assert_eq!(Painter::new(false).snippet(&s), "the Rapallo treaty");
        assert_eq!(
            Painter::new(true).snippet(&s),
            "the \x1b[1;31mRapallo\x1b[0m treaty"
        );
    }
}
