//! PDF articles: the text of each page through `pdf-extract` (pure Rust, on `lopdf`), the
//! title from the document information or the first line, and sections from the outline
//! (bookmarks) where the PDF has one, else one per page. A section that runs over several
//! pages is cut at each page, so that every hit can say its page. Running heads and page
//! numbers are no text (see [`super::pdf_furniture`]), nor is a JSTOR cover sheet, which
//! names the article and its authors (see [`super::pdf_cover`]).
//!
//! `pdf-extract` unwraps on some malformed files: a panic while reading a PDF is caught and
//! the file skipped with the reason, like any other unreadable file. What a panic cannot
//! catch (a stack overflow, memory exhausted by a decompression bomb) is kept out before
//! and after parsing (see [`super::pdf_guard`]).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use lopdf::{Document, Object};

use super::model::{Block, Outline};
use super::pdf_entries;
use super::reading_heading::is_reading_heading;

/// Read a PDF. `Err` is the reason to skip it: not a PDF, encrypted, no text, or more than
/// `max_text` bytes of text.
pub(crate) fn parse(bytes: &[u8], max_text: u64) -> Result<Outline, String> {
    quietly(|| read(bytes, max_text))
        .unwrap_or_else(|message| Err(format!("cannot be read as PDF ({message})")))
}

fn read(bytes: &[u8], max_text: u64) -> Result<Outline, String> {
    super::pdf_guard::check(bytes)?;
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("cannot be parsed as PDF: {e}"))?;
    // lopdf decrypts a file it opens with the empty password as it loads it (as readers
    // open a PDF that only protects its permissions); one it could not is locked.
    if doc.is_encrypted() && doc.encryption_state.is_none() {
        return Err("encrypted PDF: annals cannot read it without its password".into());
    }
    super::pdf_guard::inflate_streams(&mut doc)?;
    let mut pages: Vec<String> = doc
        .get_pages()
        .keys()
        .map(|&number| page_text(&doc, number))
        .collect();
    let text_bytes: usize = pages.iter().map(String::len).sum();
    if text_bytes as u64 > max_text {
        return Err(format!(
            "its text is larger than the size limit ({text_bytes} > {max_text} bytes; see \
             --max-file-size)"
        ));
    }
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(format!(
            "no text in its {} page{} (scanned images? annals does not read text in images)",
            pages.len(),
            if pages.len() == 1 { "" } else { "s" }
        ));
    }
    // A JSTOR article's cover sheet names it, and is no page of it.
    let cover = match pages.len() > 1 {
        true => super::pdf_cover::jstor(&pages[0]),
        false => None,
    };
    let mut outline = Outline {
        title: (info_title(&doc))
            .or_else(|| cover.as_ref().and_then(|c| c.title.clone()))
            .or_else(|| first_line(&pages)),
        ..Outline::default()
    };
    if let Some(cover) = cover {
        outline.authors = cover.authors;
        pages[0].clear();
    }
    super::pdf_furniture::strip(&mut pages);
    // The title printed as the first page's first line is not its lead's text again.
    let lead = outline
        .title
        .as_deref()
        .and_then(|title| title_line_end(&pages[0], title))
        .unwrap_or(0);
    let marks = bookmarks(&doc, pages.len());
    if marks.is_empty() {
        for (i, text) in pages.iter().enumerate() {
            let (headings, text) = match i {
                0 => (Vec::new(), &text[lead..]),
                _ => (vec![format!("Page {}", i + 1)], &text[..]),
            };
            push_page(&mut outline, headings, text, i as u32 + 1);
        }
    } else {
        // Text before the first bookmark is the lead section. Each cut: the headings, the
        // page, where the bookmark's title is printed there (where the section before
        // ends) and where its text starts, after the title.
        let mut cuts: Vec<(Vec<String>, usize, usize, usize)> = vec![(Vec::new(), 0, 0, lead)];
        let mut path: Vec<String> = Vec::new();
        for mark in &marks {
            path.truncate(mark.level);
            path.push(mark.title.clone());
            // Never before the last cut.
            let (_, last_page, _, last_start) = cuts[cuts.len() - 1];
            let from = if mark.page == last_page {
                last_start
            } else {
                0
            };
            let (title, start) =
                title_at(&pages[mark.page], &mark.title, from).unwrap_or((from, from));
            cuts.push((path.clone(), mark.page, title, start));
        }
        for (i, (headings, page, _, start)) in cuts.iter().enumerate() {
            let (end_page, end_at) = match cuts.get(i + 1) {
                Some((_, p, title, _)) => (*p, *title),
                None => (pages.len() - 1, pages[pages.len() - 1].len()),
            };
            for (p, text) in pages.iter().enumerate().take(end_page + 1).skip(*page) {
                let from = if p == *page { *start } else { 0 };
                let to = if p == end_page { end_at } else { text.len() };
                let text = text.get(from..to.max(from)).unwrap_or_default();
                push_page(&mut outline, headings.clone(), text, p as u32 + 1);
            }
        }
    }
    Ok(outline)
}

/// Where `title` is printed on `page` at or after byte `from`, ASCII case folded: where
/// the heading starts (its number's start, if numbered) and where the title ends,
/// preferring a line of its own (a heading) to a mention in running text or a table of
/// contents' line (`Congress of Vienna 1`).
fn title_at(page: &str, title: &str, from: usize) -> Option<(usize, usize)> {
    let text = page.get(from..)?.to_ascii_lowercase();
    let title = title.to_ascii_lowercase();
    let found: Vec<usize> = text.match_indices(&title).map(|(at, _)| at).collect();
    // Where the line holding the title at `at` starts, if the title stands alone on it
    // or behind its number (`2.1 The Congress`, the number no text of the section before).
    let line_start = |at: usize| -> Option<usize> {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let after = text[at + title.len()..].trim_start_matches([' ', '\t']);
        let before = text[start..at].trim();
        let heading = before.is_empty() || is_heading_number(before);
        (heading && (after.is_empty() || after.starts_with('\n'))).then_some(start)
    };
    let (start, at) = (found.iter())
        .find_map(|&at| Some((line_start(at)?, at)))
        .or(found.first().map(|&at| (at, at)))?;
    Some((from + start, from + at + title.len()))
}

/// Whether `text` is a heading's number: `2`, `2.1`, `4.2.`, `A.1`, `IV.`.
fn is_heading_number(text: &str) -> bool {
    let text = text.strip_suffix('.').unwrap_or(text);
    let roman = super::text::is_roman_numeral(text);
    let mut parts = text.split('.');
    let first = parts.next().unwrap_or_default();
    let first_ok = (1..=3).contains(&first.len())
        && (first.bytes().all(|b| b.is_ascii_digit())
            || (first.len() == 1 && first.bytes().all(|b| b.is_ascii_alphabetic())));
    let numbered = first_ok
        && parts.all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    roman || (numbered && (text.contains('.') || first.bytes().all(|b| b.is_ascii_digit())))
}

/// Add the text of one page under `headings`: paragraphs at blank lines, lines of a
/// paragraph joined (a word hyphenated at a line end joined whole), and each line its own
/// entry in a reading list.
fn push_page(outline: &mut Outline, headings: Vec<String>, text: &str, page: u32) {
    let reading = is_reading_heading(&headings);
    let mut blocks = Vec::new();
    for paragraph in text.split("\n\n") {
        let lines: Vec<&str> = paragraph
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        if reading {
            blocks.extend(
                pdf_entries::entries(&lines)
                    .into_iter()
                    .map(Block::ListItem),
            );
            continue;
        }
        let mut joined = String::new();
        for line in lines {
            super::wrapped::join(&mut joined, line);
        }
        blocks.push(Block::Paragraph(joined));
    }
    if blocks.is_empty() {
        return;
    }
    outline.sections.push((headings, blocks));
    outline.pages.push(page);
}

/// The text of page `number` (1-based), empty if it cannot be read.
fn page_text(doc: &Document, number: u32) -> String {
    let mut text = String::new();
    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
    // A page that fails leaves what it produced; the others are still read.
    let _ = pdf_extract::output_doc_page(doc, &mut output, number);
    text
}

/// One bookmark of the outline: its depth (0 for the top), title and page (0-based).
struct Bookmark {
    level: usize,
    title: String,
    page: usize,
}

/// The outline's bookmarks in page order, those pointing at no page of the document left
/// out.
fn bookmarks(doc: &Document, pages: usize) -> Vec<Bookmark> {
    let Ok(toc) = doc.get_toc() else {
        return Vec::new();
    };
    let mut marks: Vec<Bookmark> = toc
        .toc
        .into_iter()
        .filter(|t| (1..=pages).contains(&t.page) && !t.title.trim().is_empty())
        .map(|t| Bookmark {
            level: t.level.saturating_sub(1),
            title: t.title.split_whitespace().collect::<Vec<_>>().join(" "),
            page: t.page - 1,
        })
        .collect();
    marks.sort_by_key(|m| m.page);
    marks
}

/// The document information's title, unless empty or a file name.
fn info_title(doc: &Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info {
        Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        Object::Dictionary(d) => d,
        _ => return None,
    };
    let title = text_string(info.get(b"Title").ok()?.as_str().ok()?);
    let title = title.trim();
    let looks_like_a_file =
        title.contains(".doc") || title.contains(".pdf") || title.contains('\\');
    (!title.is_empty() && !looks_like_a_file).then(|| title.to_string())
}

/// A PDF text string: UTF-16 with its byte-order mark, else (near enough) Latin-1.
fn text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => bytes.iter().map(|&b| b as char).collect(),
        },
    }
}

/// The first non-blank line of the document, as a title.
/// Where the first line of `page` ends, if that line is `title` (white space and case
/// aside).
fn title_line_end(page: &str, title: &str) -> Option<usize> {
    let squash = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let start = page.len() - page.trim_start().len();
    let end = page[start..].find('\n').map_or(page.len(), |i| start + i);
    (squash(&page[start..end]) == squash(title)).then_some(end)
}

fn first_line(pages: &[String]) -> Option<String> {
    pages
        .iter()
        .flat_map(|p| p.lines())
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

thread_local! {
    /// Set while a PDF is read on this thread: its panics are caught, not reported.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Run `work`, turning a panic into `Err` with its message and keeping it off stderr.
fn quietly<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    QUIET.with(|q| q.set(false));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the reader failed".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_while_reading_become_reasons_and_print_nothing() {
        let caught = quietly(|| -> u32 { panic!("bad xref") });
        assert_eq!(caught, Err("bad xref".to_string()));
        assert_eq!(quietly(|| 7), Ok(7));
    }

    #[test]
    fn lines_join_into_paragraphs_and_reading_lists_into_entries() {
        let mut outline = Outline::default();
        push_page(
            &mut outline,
            Vec::new(),
            "The conference met in 1921 to limit naval arma-\nments among the powers.\n\nA second paragraph.",
            3,
        );
        push_page(
            &mut outline,
            vec!["Bibliography".into()],
            "Asada, From Mahan to Pearl Harbor\nKennedy, The Rise and Fall",
            4,
        );
        assert_eq!(
            outline.sections[0].1,
            [
                Block::Paragraph(
                    "The conference met in 1921 to limit naval armaments among the powers.".into()
                ),
                Block::Paragraph("A second paragraph.".into()),
            ]
        );
        assert_eq!(outline.sections[1].1.len(), 2);
        assert!(matches!(outline.sections[1].1[0], Block::ListItem(_)));
        assert_eq!(outline.pages, [3, 4]);
    }

    #[test]
    fn a_bookmarks_title_is_found_on_a_line_of_its_own_first() {
        let page = "Contents\nThe Conference 2\nThe  conference\n  The Conference \nText.";
        assert_eq!(title_at(page, "The Conference", 0), Some((42, 58)));
        // Only a mention: the first one.
        assert_eq!(
            title_at("See the conference 2.", "The Conference", 0),
            Some((4, 18))
        );
        assert_eq!(title_at(page, "The Conference", 50), None);
        assert_eq!(title_at(page, "Elsewhere", 0), None);
        // Behind its number, the heading starts at the number.
        let numbered = "Text before.\n2.1 ASN.1 Syntax\nThe parser.";
        assert_eq!(title_at(numbered, "ASN.1 syntax", 0), Some((13, 29)));
        let roman = "Text.\nIV. The Peace\nMore.";
        assert_eq!(title_at(roman, "The Peace", 0), Some((6, 19)));
        // Behind a word, a mention.
        assert_eq!(title_at("See The Peace\n", "The Peace", 0), Some((4, 13)));
        for number in ["2", "2.1", "4.2.", "A.1", "IV.", "xii"] {
            assert!(is_heading_number(number), "{number}");
        }
        for text in ["See", "1922a", "A", "2.1x", "", "12345"] {
            assert!(!is_heading_number(text), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_pdf_is_skipped_with_a_reason() {
        let reason = parse(b"%PDF-1.4 nothing else", 1 << 20).unwrap_err();
        assert!(reason.contains("PDF"), "{reason}");
    }
}
