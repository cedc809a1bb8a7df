//! Related articles for a human: one block per article, saying what made it related.

use std::io::{self, Write};

use super::{book_title, printable, Painter, BOLD, DIM, PATH};
use crate::search::Related;

/// Print `related`: the source, then each related article with its shared words and books.
pub fn write_related(out: &mut impl Write, related: &Related, painter: Painter) -> io::Result<()> {
    let source = match &related.section {
        Some(heading) => format!("{} › {}", printable(&related.title), printable(heading)),
        None => printable(&related.title),
    };
    writeln!(
        out,
        "Related to {}  {}\n",
        painter.paint(BOLD, &source),
        painter.paint(DIM, &printable(&related.id))
    )?;
    for (i, hit) in related.related.iter().enumerate() {
        let heading = match hit.heading.is_empty() || related.section.is_none() {
            true => String::new(),
            false => format!(" › {}", printable(&hit.heading)),
        };
        let year = super::year_suffix(hit.year, &[&hit.title, &heading]);
        let target = match hit.anchor.is_empty() || related.section.is_none() {
            true => hit.id.clone(),
            false => format!("{}#{}", hit.id, hit.anchor),
        };
        writeln!(
            out,
            "{} {}{heading}{year}  {}",
            painter.paint(DIM, &format!("{:>2}.", i + 1)),
            painter.paint(BOLD, &printable(&hit.title)),
            painter.paint(PATH, &printable(&target)),
        )?;
        if !hit.words.is_empty() {
            let words: Vec<_> = hit.words.iter().map(|w| printable(w)).collect();
            writeln!(
                out,
                "    {} {}",
                painter.paint(DIM, "similar text:"),
                words.join(", ")
            )?;
        }
        for book in &hit.books {
            writeln!(
                out,
                "    {} {}",
                painter.paint(DIM, "shared book:"),
                book_title(&book.title, book.author.as_deref(), painter)
            )?;
        }
    }
    let line = match related.related.len() {
        0 => "No related articles: no other article shares its telling words or its books."
            .to_string(),
        n => format!(
            "{n} related {}",
            match (related.section.is_some(), n == 1) {
                (true, true) => "section",
                (true, false) => "sections",
                (false, true) => "article",
                (false, false) => "articles",
            }
        ),
    };
    if !related.related.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "{}", painter.paint(DIM, &line))
}
