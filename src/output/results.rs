//! Search results for a human: one block per hit, then the totals.

use std::io::{self, Write};

use super::{book_title, printable, Painter, BOLD, DIM, PATH};
use crate::search::{Book, Hit, SearchResults};

/// Print search results, one block per hit, then a line about the totals.
pub fn write_results(
    out: &mut impl Write,
    results: &SearchResults,
    painter: Painter,
) -> io::Result<()> {
    if let Some(timeline) = &results.timeline {
        super::write_timeline(out, timeline, painter)?;
    }
    for hit in &results.hits {
        write_hit(out, hit, painter)?;
    }
    if results.hits.is_empty() && results.total > 0 {
        let line = format!(
            "{}{} hit{} for \"{}\"; none past {} (--offset {}).",
            results.total,
            if results.total_exact { "" } else { "+" },
            if results.total == 1 { "" } else { "s" },
            printable(&results.query),
            results.total,
            results.offset
        );
        writeln!(out, "{line}")?;
    } else if results.hits.is_empty() {
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
        if last < results.total {
            let next = format!("Next page: --offset {last}");
            writeln!(out, "{}", painter.paint(DIM, &next))?;
        }
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

/// A book as one line: its title in colour, then its author.
fn book_line(book: &Book, painter: Painter) -> String {
    book_title(&book.title, book.author.as_deref(), painter)
}

fn write_hit(out: &mut impl Write, hit: &Hit, painter: Painter) -> io::Result<()> {
    let rank = format!("{:>2}{}", hit.rank, if hit.partial { "~" } else { "." });
    let year = super::year_suffix(hit.year, &[&hit.title, &hit.heading]);
    match &hit.book {
        Some(book) => {
            writeln!(
                out,
                "{} {}",
                painter.paint(DIM, &rank),
                book_line(book, painter)
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
            let shown = |text: &str, marked: &Option<crate::search::Snippet>| match marked {
                Some(marked) => painter.snippet(marked),
                None => printable(text),
            };
            let place = if hit.heading == hit.title {
                shown(&hit.title, &hit.title_marked)
            } else {
                format!(
                    "{} › {}",
                    shown(&hit.title, &hit.title_marked),
                    shown(&hit.heading, &hit.heading_marked)
                )
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
    // A dump's record is named by its id (`annals show ID#SECTION`); its file comes after.
    if hit.record {
        notes.push(format!("in {}", printable(&hit.path)));
    }
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
    // A PDF's page, as viewers open it (`file.pdf#page=12`); else the section's anchor.
    let named = match hit.record {
        true => &hit.article,
        false => &hit.path,
    };
    let place = match (hit.page, hit.section.is_empty()) {
        (Some(page), _) => printable(&format!("{}#page={page}", hit.path)),
        (None, true) => printable(named),
        (None, false) => printable(&format!("{named}#{}", hit.section)),
    };
    writeln!(out, "    {}{notes}", painter.paint(PATH, &place))?;
    if !hit.snippet.text.is_empty() {
        writeln!(
            out,
            "{}",
            painter.indented(&painter.snippet(&hit.snippet), 4)
        )?;
    }
    for book in &hit.books {
        let line = format!("• {}", book_line(book, painter));
        writeln!(out, "{}", painter.indented(&line, 4))?;
    }
    if let Some(explain) = &hit.explain {
        if let Ok(tree) = serde_json::to_value(explain) {
            write_explanation(out, &tree, 2, painter)?;
        }
    }
    writeln!(out)
}

/// One node of a score's explanation and, indented below it, its details.
fn write_explanation(
    out: &mut impl Write,
    node: &serde_json::Value,
    depth: usize,
    painter: Painter,
) -> io::Result<()> {
    let value = node["value"].as_f64().unwrap_or_default();
    let description = node["description"].as_str().unwrap_or_default();
    writeln!(
        out,
        "{}{} {}",
        "  ".repeat(depth),
        painter.paint(DIM, &format!("{value:.4}")),
        printable(description)
    )?;
    for context in node["context"].as_array().into_iter().flatten() {
        let context = context.as_str().unwrap_or_default();
        writeln!(
            out,
            "{}{}",
            "  ".repeat(depth + 1),
            painter.paint(DIM, &format!("[{}]", printable(context)))
        )?;
    }
    for detail in node["details"].as_array().into_iter().flatten() {
        write_explanation(out, detail, depth + 1, painter)?;
    }
    Ok(())
}
