//! An article for reading in a terminal: its title, then each section's heading, text and
//! books, with the words of a query marked.

use std::io::{self, Write};

use super::{book_title, printable, Painter, BOLD, DIM, PATH};
use crate::search::Article;

/// Print `article`, or only its sections at `only` (indexes into `article.sections`).
pub fn write_article(
    out: &mut impl Write,
    article: &Article,
    only: Option<usize>,
    painter: Painter,
) -> io::Result<()> {
    let year = super::year_suffix(article.year, &[&article.title]);
    writeln!(
        out,
        "{}{year}",
        painter.paint(BOLD, &printable(&article.title))
    )?;
    writeln!(out, "{}", painter.paint(PATH, &printable(&article.path)))?;
    for (i, section) in article.sections.iter().enumerate() {
        if only.is_some_and(|only| only != i) {
            continue;
        }
        writeln!(out)?;
        if !section.heading.is_empty() {
            writeln!(out, "{}", painter.paint(BOLD, &printable(&section.heading)))?;
        }
        for paragraph in section.paragraphs() {
            writeln!(out, "{}", painter.indented(&painter.snippet(&paragraph), 0))?;
        }
        for book in &section.books {
            let line = format!(
                "• {}",
                book_title(&book.title, book.author.as_deref(), painter)
            );
            writeln!(out, "{}", painter.indented(&line, 2))?;
        }
    }
    if only.is_some() && article.sections.len() > 1 {
        writeln!(out)?;
        let whole = format!(
            "({} sections in all: annals show {})",
            article.sections.len(),
            printable(&article.id)
        );
        writeln!(out, "{}", painter.paint(DIM, &whole))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::ArticleSection;

    fn article() -> Article {
        Article {
            id: "a1".into(),
            title: "The Treaty".into(),
            path: "corpus/a1.txt".into(),
            year: Some(1922),
            lang: "en".into(),
            sections: vec![
                ArticleSection {
                    heading: String::new(),
                    anchor: String::new(),
                    text: "Signed at Rapallo.\n\nSecond paragraph.".into(),
                    marks: std::iter::once(10..17).collect(),
                    books: Vec::new(),
                },
                ArticleSection {
                    heading: "Further Reading".into(),
                    anchor: "further-reading".into(),
                    text: String::new(),
                    marks: Vec::new(),
                    books: vec![crate::search::Book {
                        title: "Rapallo".into(),
                        author: Some("A. Writer".into()),
                    }],
                },
            ],
        }
    }

    fn shown(only: Option<usize>, painter: Painter) -> String {
        let mut out = Vec::new();
        write_article(&mut out, &article(), only, painter).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn an_article_reads_as_title_sections_and_books() {
        assert_eq!(
            shown(None, Painter::new(false)),
            "The Treaty (1922)\ncorpus/a1.txt\n\nSigned at Rapallo.\nSecond paragraph.\n\n\
             Further Reading\n  • Rapallo — A. Writer\n"
        );
        assert_eq!(
            shown(Some(1), Painter::new(false)),
            "The Treaty (1922)\ncorpus/a1.txt\n\nFurther Reading\n  • Rapallo — A. Writer\n\n\
             (2 sections in all: annals show a1)\n"
        );
    }

    #[test]
    fn marks_are_coloured_and_lines_wrapped_on_a_terminal() {
        let text = shown(None, Painter::new(true).wrapping(Some(40)));
        assert!(
            text.contains("Signed at \x1b[1;31mRapallo\x1b[0m."),
            "{text}"
        );
    }
}
