//! Project Gutenberg's books as it gives them out: the book's text between a `*** START OF
//! THE PROJECT GUTENBERG EBOOK … ***` line and an `*** END OF …` line, after a header that
//! names its title, author and language (`Title: The Congress of Vienna`), and before
//! several thousand words of licence. The header and the licence are not the book: left
//! in, every book's title was `The Project Gutenberg eBook of …`, its header's fields were
//! headings nested one in the next, and a search for `license` or `trademark` found every
//! book, dated by the licence's years. A web page or an e-book of theirs marks its header
//! and licence (`id="pg-header"`, `id="pg-footer"`), which the HTML reader hides, and names
//! the book in its `<title>` as `The Project Gutenberg eBook of …` ([`page_title`]).

/// A Project Gutenberg book: its own text, and what its header says of it.
pub(crate) struct Book<'a> {
    /// The text between the START and END lines.
    pub text: &'a str,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// The header's language, if annals knows it.
    pub lang: Option<&'static str>,
}

/// The book that `text` holds, if it is a Project Gutenberg book: one with a START line.
pub(crate) fn book(text: &str) -> Option<Book<'_>> {
    // Every edition's lines say so in capitals: a cheap test first.
    if !text.contains("PROJECT GUTENBERG") && !text.contains("Project Gutenberg") {
        return None;
    }
    let mut offset = 0;
    let mut start = None;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if is_marker(line, "START") {
            start = Some(offset);
            break;
        }
    }
    let start = start?;
    let header = &text[..start];
    let mut end = text.len();
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if is_marker(line, "END") || is_closing_line(line) {
            end = at;
            break;
        }
        at += line.len();
    }
    let field = |name: &str| field(header, name);
    Some(Book {
        text: &text[start..end],
        title: field("Title"),
        authors: (field("Author").map(|a| super::text::names_listed(&a))).unwrap_or_default(),
        lang: field("Language").and_then(|l| crate::language::normalize(&l)),
    })
}

/// The book's title in a title that names it as Project Gutenberg's web pages do: `The
/// Project Gutenberg eBook of A Christmas Carol, by Charles Dickens` is `A Christmas Carol`.
/// `None` for any other title.
pub(crate) fn page_title(title: &str) -> Option<String> {
    const PREFIX: &str = "the project gutenberg ebook of ";
    let head = title.get(..PREFIX.len())?;
    if !head.eq_ignore_ascii_case(PREFIX) {
        return None;
    }
    let rest = title[PREFIX.len()..].trim();
    let rest = rest.rsplit_once(", by ").map_or(rest, |(book, _)| book);
    let rest = rest.trim_end_matches('.').trim();
    (!rest.is_empty()).then(|| rest.to_string())
}

/// Whether `line` is the book's START (or END) line: `*** START OF THE PROJECT GUTENBERG
/// EBOOK THE PRINCE ***`, `***START OF THIS PROJECT GUTENBERG EBOOK`, in any letter case.
fn is_marker(line: &str, which: &str) -> bool {
    let line = line.trim();
    let Some(rest) = line.strip_prefix('*') else {
        return false;
    };
    let rest = rest.trim_start_matches(['*', ' ']).to_ascii_uppercase();
    rest.starts_with(&format!("{which} OF")) && rest.contains("PROJECT GUTENBERG")
}

/// Whether `line` is the sentence that ends an older edition's book, before its END line:
/// `End of the Project Gutenberg EBook of The Prince`, `End of Project Gutenberg's …`.
fn is_closing_line(line: &str) -> bool {
    let line = line.trim().to_ascii_lowercase();
    line.starts_with("end of the project gutenberg") || line.starts_with("end of project gutenberg")
}

/// The value of the header's field `name` (`Title: The Prince`), with the lines that
/// continue it (indented, as a long title's are).
fn field(header: &str, name: &str) -> Option<String> {
    let mut lines = header.lines();
    let first = lines.find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then_some(value)
    })?;
    let mut value = first.trim().to_string();
    for line in lines.take_while(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty()) {
        value.push(' ');
        value.push_str(line.trim());
    }
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: &str = "The Project Gutenberg eBook of The Communist Manifesto\r\n\r\n\
        This ebook is for the use of anyone anywhere in the United States.\r\n\r\n\
        Title: The Communist Manifesto\r\n         and other writings\r\n\r\n\
        Author: Karl Marx and Friedrich Engels\r\n\r\n\
        Release date: January 1, 2005 [eBook #61]\r\n\r\n\
        Language: English\r\n\r\n\
        *** START OF THE PROJECT GUTENBERG EBOOK THE COMMUNIST MANIFESTO ***\r\n\
        A spectre is haunting Europe.\r\n\
        *** END OF THE PROJECT GUTENBERG EBOOK THE COMMUNIST MANIFESTO ***\r\n\
        Updated editions will replace the previous one.\r\n";

    #[test]
    fn the_book_is_its_text_between_the_markers_named_by_its_header() {
        let book = book(BOOK).unwrap();
        assert_eq!(book.text, "A spectre is haunting Europe.\r\n");
        assert_eq!(
            book.title.as_deref(),
            Some("The Communist Manifesto and other writings")
        );
        assert_eq!(book.authors, ["Karl Marx", "Friedrich Engels"]);
        assert_eq!(book.lang, Some("en"));
    }

    #[test]
    fn an_older_edition_ends_at_its_closing_sentence() {
        let old = "Title: The Prince\n\nAuthor: Nicolo Machiavelli\n\n\
            ***START OF THIS PROJECT GUTENBERG EBOOK THE PRINCE***\n\
            CHAPTER I\nHow many kinds of principalities there are.\n\n\
            End of the Project Gutenberg EBook of The Prince\n\n\
            *** END OF THIS PROJECT GUTENBERG EBOOK THE PRINCE ***\nLicence.\n";
        let book = book(old).unwrap();
        assert_eq!(
            book.text,
            "CHAPTER I\nHow many kinds of principalities there are.\n\n"
        );
        assert_eq!(book.title.as_deref(), Some("The Prince"));
        assert_eq!(book.lang, None);
    }

    #[test]
    fn a_web_pages_title_names_the_book() {
        let title = "The Project Gutenberg eBook of A Christmas Carol, by Charles Dickens";
        assert_eq!(page_title(title).as_deref(), Some("A Christmas Carol"));
        let older = "The Project Gutenberg EBook of The Prince.";
        assert_eq!(page_title(older).as_deref(), Some("The Prince"));
        assert_eq!(page_title("A Christmas Carol"), None);
        assert_eq!(page_title("The Project Gutenberg eBook of "), None);
    }

    #[test]
    fn text_that_only_mentions_project_gutenberg_is_no_book_of_it() {
        assert!(book("Project Gutenberg was founded in 1971 by Michael Hart.\n").is_none());
        assert!(book("Title: Notes\n\nNo markers, PROJECT GUTENBERG aside.\n").is_none());
        // A START line and no END: the book runs to the end.
        let open = "*** START OF THE PROJECT GUTENBERG EBOOK X ***\nText.\n";
        assert_eq!(book(open).unwrap().text, "Text.\n");
    }
}
