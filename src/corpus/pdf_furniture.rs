//! A printed document's page furniture: the running heads and feet, and the page numbers,
//! that it repeats at the top and bottom of its pages (`Chapter 2: The Congress  37`,
//! `The Age of Revolution`, `— 12 —`). They are no part of the text: left in, a book's
//! title would be a word of every page, a running head's year the year of every page, and
//! a bibliography's head one of its books.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// How many non-blank lines at each end of a page may be furniture.
const EDGE_LINES: usize = 2;

/// Longest line read as furniture, in characters: a running head is short, prose is not.
const MAX_CHARS: usize = 100;

/// Fewest pages a document needs for its repeated lines to tell furniture from text.
const MIN_PAGES: usize = 3;

/// Remove from `pages` the lines at their tops or bottoms that several pages share there
/// (see [`min_pages`]), their numbers aside: what a page's top or bottom lines have in common with
/// another page's is furniture, not text, which does not repeat itself line for line.
pub(super) fn strip(pages: &mut [String]) {
    if pages.len() < MIN_PAGES {
        return;
    }
    let edges: Vec<Vec<(Range<usize>, String)>> = pages.iter().map(|p| edge_lines(p)).collect();
    let mut pages_with: HashMap<&str, usize> = HashMap::new();
    for page in &edges {
        let shapes: HashSet<&str> = page.iter().map(|(_, shape)| shape.as_str()).collect();
        for shape in shapes {
            *pages_with.entry(shape).or_default() += 1;
        }
    }
    for (page, edges) in pages.iter_mut().zip(&edges) {
        let mut furniture: Vec<&Range<usize>> = (edges.iter())
            .filter(|(_, shape)| pages_with[shape.as_str()] >= min_pages(shape))
            .map(|(range, _)| range)
            .collect();
        if furniture.is_empty() {
            continue;
        }
        furniture.sort_by_key(|range| range.start);
        furniture.dedup();
        let mut text = String::with_capacity(page.len());
        let mut last = 0;
        for range in furniture {
            text.push_str(&page[last..range.start]);
            last = range.end;
        }
        text.push_str(&page[last..]);
        *page = text;
    }
}

/// On how many pages a line must stand to be furniture: two where it has a number (a page
/// number, alone or in a running head: `Chapter 2: The Congress 37`), three where it has
/// none, since two pages may end alike (a parameter described twice in a manual).
fn min_pages(shape: &str) -> usize {
    match shape.contains('#') {
        true => 2,
        false => 3,
    }
}

/// The first and last [`EDGE_LINES`] non-blank lines of `page` that are short enough to be
/// furniture: each line's byte range (with its line break) and its shape, behind `^` at the
/// top of the page and `$` at its bottom: furniture stands where it stood on other pages.
fn edge_lines(page: &str) -> Vec<(Range<usize>, String)> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for line in page.split_inclusive('\n') {
        if !line.trim().is_empty() {
            lines.push(start..start + line.len());
        }
        start += line.len();
    }
    let top = lines.iter().take(EDGE_LINES).map(|range| (range, '^'));
    let bottom = (lines.iter().skip(EDGE_LINES).rev().take(EDGE_LINES)).map(|range| (range, '$'));
    (top.chain(bottom))
        .filter(|(range, _)| page[(*range).clone()].trim().chars().count() <= MAX_CHARS)
        .map(|(range, end)| {
            (
                range.clone(),
                format!("{end}{}", shape(&page[range.clone()])),
            )
        })
        .collect()
}

/// A line as furniture repeats it: lower case, white space squashed, each number `#`, so
/// that the heads of pages 36 and 38 are one; a line that is a roman numeral alone (a
/// preface's page number) is `#` too.
fn shape(line: &str) -> String {
    let line = line.trim().to_lowercase();
    if super::text::is_roman_numeral(&line) {
        return "#".into();
    }
    let mut shape = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !shape.is_empty() {
            shape.push(' ');
        }
        for c in word.chars() {
            match c.is_numeric() {
                true if shape.ends_with('#') => {}
                true => shape.push('#'),
                false => shape.push(c),
            }
        }
    }
    shape
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(pages: &[&str]) -> Vec<String> {
        let mut pages: Vec<String> = pages.iter().map(|p| p.to_string()).collect();
        strip(&mut pages);
        pages
    }

    #[test]
    fn running_heads_and_page_numbers_are_furniture() {
        let pages = stripped(&[
            "The Congress of Vienna\nIn 1814 the powers met.\n\n1\n",
            "2  The Age of Revolution\nTalleyrand spoke for France.\nii\n",
            "Chapter 1: The Congress   3\nMetternich spoke for Austria.\n\n3\n",
            "4  The Age of Revolution\nCastlereagh spoke for Britain.\niv\n",
            "Chapter 1: The Congress   5\nThe Final Act was signed in 1815.\n\n5\n",
        ]);
        assert_eq!(
            pages,
            [
                "The Congress of Vienna\nIn 1814 the powers met.\n\n",
                "Talleyrand spoke for France.\n",
                "Metternich spoke for Austria.\n\n",
                "Castlereagh spoke for Britain.\n",
                "The Final Act was signed in 1815.\n\n",
            ]
        );
    }

    #[test]
    fn text_that_does_not_repeat_is_kept() {
        let pages = [
            "The Congress of Vienna\nIn 1814 the powers met.\n",
            "Talleyrand spoke for France.\nHe spoke well.\n",
            "Metternich spoke for Austria.\nThe Final Act was signed in 1815.\n",
        ];
        assert_eq!(stripped(&pages), pages);
        // Two pages are too few to tell.
        let two = ["Head\nOne.\n", "Head\nTwo.\n"];
        assert_eq!(stripped(&two), two);
        // Two pages ending alike, without a page number: text.
        let alike = [
            "One.\nThe buffer to hold it.\n",
            "Two.\nThe buffer to hold it.\n",
            "Three.\nFour.\n",
        ];
        assert_eq!(stripped(&alike), alike);
        // A long line is prose, even where it repeats.
        let long = "word ".repeat(30);
        let pages = [
            format!("{long}\nOne.\n"),
            format!("{long}\nTwo.\n"),
            format!("Three.\n{long}\n"),
        ];
        let pages: Vec<&str> = pages.iter().map(String::as_str).collect();
        assert_eq!(stripped(&pages), pages);
    }

    #[test]
    fn a_shape_keeps_words_and_reads_numbers_as_one() {
        assert_eq!(
            shape("  Chapter 12:  The  Congress 1815 "),
            "chapter #: the congress #"
        );
        assert_eq!(shape("— 37 —"), "— # —");
        assert_eq!(shape("XIV"), "#");
        assert_eq!(shape("Civil"), "civil");
    }
}
