//! The books of the reading lists for a human: one block per book.

use std::io::{self, Write};

use super::{book_title, printable, Painter, DIM};
use crate::search::{BookList, CitedBook};

/// Print `list`: with `with` (the title asked for), the books cited beside it.
pub fn write_books(
    out: &mut impl Write,
    list: &BookList,
    with: Option<&str>,
    painter: Painter,
) -> io::Result<()> {
    if let Some(book) = &list.with {
        writeln!(
            out,
            "Cited beside {} ({}):\n",
            title_line(book, painter),
            articles(book.cited)
        )?;
    } else if let Some(title) = with {
        writeln!(out, "No book titled \"{}\".", printable(title))?;
        return Ok(());
    }
    for (i, book) in list.books.iter().enumerate() {
        let count = match book.together {
            Some(n) => format!("{} together", articles(n)),
            None => articles(book.cited),
        };
        writeln!(
            out,
            "{} {}  {}",
            painter.paint(DIM, &format!("{:>2}.", i + 1)),
            title_line(book, painter),
            painter.paint(DIM, &format!("({count})"))
        )?;
        for article in &book.articles {
            writeln!(
                out,
                "    {}  {}",
                printable(&article.title),
                painter.paint(DIM, &printable(&article.id))
            )?;
        }
    }
    let shown = list.books.len();
    let line = match (shown, list.total) {
        (0, _) => "No books.".to_string(),
        (n, t) if n == t => format!("{t} book{}", if t == 1 { "" } else { "s" }),
        (n, t) => format!("1–{n} of {t} books (--limit to see more)"),
    };
    if shown > 0 {
        writeln!(out)?;
    }
    writeln!(out, "{}", painter.paint(DIM, &line))
}

fn title_line(book: &CitedBook, painter: Painter) -> String {
    book_title(&book.title, book.author.as_deref(), painter)
}

fn articles(n: usize) -> String {
    format!("{n} article{}", if n == 1 { "" } else { "s" })
}
