//! The plain-text format (the sample's): the first heading line is the title; a heading line
//! is followed by paragraph lines; headings that follow each other nest, except in a
//! reading list, whose short lines are its books.

use super::gutenberg;
use super::model::{Block, Outline};
use super::reading_heading::is_reading_heading;
use super::text::is_rule;
use super::wrapped;

/// What plain text draws its rules and underlines with.
const RULE_MARKS: &str = "-=*_~#+";

/// Longest line that can still be a heading. Longer lines are prose.
pub(crate) const MAX_HEADING_CHARS: usize = 100;

/// Parse a plain-text article into an outline; text wrapped at a fixed width is read
/// paragraph by paragraph ([`wrapped`]), and a Project Gutenberg book is its own text,
/// named as its header names it ([`gutenberg`]).
pub(crate) fn parse(text: &str) -> Outline {
    match gutenberg::book(text) {
        Some(book) => {
            let named = Outline {
                title: book.title,
                lang: book.lang,
                authors: book.authors,
                ..Outline::default()
            };
            parse_into(book.text, named)
        }
        None => parse_into(text, Outline::default()),
    }
}

/// [`parse`] `text` into `outline`, which may have its title already (then the first
/// heading line is a heading, not the title).
fn parse_into(text: &str, mut outline: Outline) -> Outline {
    // A rule (`-----`, `* * *`) or a heading's underline (`=====`) holds no words: it is
    // read as the blank line it stands for, so the heading above it is one.
    let lines: Vec<&str> = (text.lines().map(str::trim))
        .map(|line| match is_rule(line, RULE_MARKS) {
            true => "",
            false => line,
        })
        .collect();
    if wrapped::is_wrapped(&lines) {
        return wrapped::parse(&lines, outline);
    }
    // Index of the last non-empty line: a heading must be followed by more text.
    let last_text = lines.iter().rposition(|l| !l.is_empty());
    let mut path: Vec<String> = Vec::new();
    let mut previous_was_heading = false;
    // Set while the title line has just been read and nothing followed it yet.
    let mut after_title = false;
    for (i, line) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        let followed = last_text.is_some_and(|last| i < last);
        // In a reading list, short lines are its books, not headings each nested in the
        // one before; a heading after the list is one that prose follows.
        let short = is_heading(line);
        let book = short
            && is_reading_heading(&path)
            && !is_reading_heading(&[line])
            && !prose_follows(&lines[i + 1..]);
        if followed && short && !book {
            after_title = open_heading(&mut outline, &mut path, previous_was_heading, line);
            previous_was_heading = !after_title;
            continue;
        }
        if after_title {
            // The lead text right under the title has no heading of its own.
            path.clear();
            after_title = false;
        }
        if previous_was_heading {
            unnest_short_lines(&mut outline, &mut path);
        }
        previous_was_heading = false;
        let block = match list_item(line) {
            Some(item) => Block::ListItem(item.to_string()),
            None if book => Block::ListItem(line.to_string()),
            None => Block::Paragraph(line.to_string()),
        };
        outline.push(&path, block);
    }
    outline
}

/// Fewest words of a paragraph of prose (see [`prose_follows`]).
const MIN_PROSE_WORDS: usize = 12;

/// Whether the next line of text in `rest` is prose, a paragraph of many words, not a
/// heading or a short line of a list.
fn prose_follows(rest: &[&str]) -> bool {
    rest.iter()
        .find(|l| !l.is_empty())
        .is_some_and(|l| !is_heading(l) && l.split_whitespace().count() >= MIN_PROSE_WORDS)
}

/// Most headings plain text nests one in the next (a part, a chapter, a section).
const MAX_NESTED: usize = 3;

/// Where text comes after headings that followed each other deeper than [`MAX_NESTED`]:
/// those short lines were no headings but a block of them (a book's title page: `THE
/// CONGRESS OF VIENNA`, `1814-1815`, `BY`, `C. K. WEBSTER`, `CONTENTS`), text of their own
/// with no heading, before the text that follows.
pub(crate) fn unnest_short_lines(outline: &mut Outline, path: &mut Vec<String>) {
    if path.len() > MAX_NESTED {
        let lines = std::mem::take(path).join(" ");
        outline.push(path, Block::Paragraph(lines));
    }
}

/// Open the heading `line`: the title when the outline has none yet, else a section's
/// heading, nested under the heading right before it when `nests`. True for the title.
pub(crate) fn open_heading(
    outline: &mut Outline,
    path: &mut Vec<String>,
    nests: bool,
    line: &str,
) -> bool {
    // A heading set out with spaces (`CHAPTER          PAGE`, a table of contents' head) is
    // its words.
    let line = super::text::squash_whitespace(line);
    if outline.title.is_none() {
        outline.title = Some(line);
        path.clear();
        return true;
    }
    if !nests {
        path.clear();
    }
    path.push(line);
    false
}

/// A line that could be a heading: short, not a list item, not ending like a sentence.
pub(crate) fn is_heading(line: &str) -> bool {
    if line.chars().count() > MAX_HEADING_CHARS || list_item(line).is_some() {
        return false;
    }
    let core = line.trim_end_matches(['"', '”', '’', '\'', ')', ']', '*', '」', '』', '）', '»']);
    // Sentence ends of other scripts too: CJK full stops, Arabic and Devanagari ones, and
    // the Greek question mark (`;`).
    const SENTENCE_ENDS: [char; 14] = [
        '.', '!', '?', ':', ';', ',', '。', '！', '？', '؟', '।', '、', '，', '…',
    ];
    (!core.ends_with(SENTENCE_ENDS) || is_numbered_division(core))
        && core.chars().any(char::is_alphanumeric)
}

/// Words that name a numbered division of a book (`CHAPTER I.`, `Part 2.`, `Глава 3.`).
const DIVISIONS: &[&str] = &[
    "chapter",
    "book",
    "part",
    "section",
    "volume",
    "canto",
    "act",
    "scene",
    "kapitel",
    "teil",
    "buch",
    "chapitre",
    "livre",
    "partie",
    "capítulo",
    "capitulo",
    "libro",
    "parte",
    "capitolo",
    "глава",
    "часть",
    "книга",
];

/// Whether `line` names a numbered division of a book and ends with a full stop after its
/// number, as Project Gutenberg's books head their chapters (`CHAPTER XII.`): a heading,
/// though it ends like a sentence.
fn is_numbered_division(line: &str) -> bool {
    let Some(line) = line.strip_suffix('.') else {
        return false;
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    let [division, number] = words[..] else {
        return false;
    };
    let numeral =
        number.chars().all(|c| c.is_ascii_digit()) || super::text::is_roman_numeral(number);
    numeral && DIVISIONS.contains(&division.to_lowercase().as_str())
}

/// The text of a list item (`- x`, `* x`, `• x`, `1. x`, `2) x`, and as bibliographies
/// number their entries, `[3] x`, `(4) x`), or `None`.
pub(crate) fn list_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ ", "• ", "– "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    for (open, close) in [('[', "] "), ('(', ") ")] {
        if let Some((number, rest)) = line.strip_prefix(open).and_then(|l| l.split_once(close)) {
            if (1..=3).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit()) {
                return Some(rest.trim());
            }
        }
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(rest.trim());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_lists_short_lines_are_books_and_a_heading_after_it_is_one() {
        let o = parse(
            "Vienna\nThe powers met.\nFurther Reading\nPrimary sources\nA World Restored\n\
             Vienna 1814 by David King\nAftermath\nThe settlement lasted a generation, \
             until the revolutions of 1848 swept across the continent.\nEnd\n\
             Further reading\nThe Concert of Europe",
        );
        assert_eq!(
            o.heading_paths(),
            [
                "",
                "Further Reading › Primary sources",
                "Aftermath",
                "End › Further reading"
            ]
        );
        // The last line too, though no text follows it.
        assert!(
            matches!(&o.sections[3].1[..], [Block::ListItem(book)] if book == "The Concert of Europe")
        );
        let books: Vec<&Block> = o.sections[1].1.iter().collect();
        assert!(matches!(books[..], [Block::ListItem(a), Block::ListItem(b)]
            if a == "A World Restored" && b == "Vienna 1814 by David King"));
    }

    #[test]
    fn consecutive_headings_nest_and_the_title_is_first() {
        let o = parse("Title\nLead text.\nFun Fact\nThe Odd Part\nBody text.\nNext\nMore.");
        assert_eq!(o.title.as_deref(), Some("Title"));
        assert_eq!(
            o.heading_paths(),
            vec!["", "Fun Fact › The Odd Part", "Next"]
        );
        // Short lines following each other deeper than a book nests its headings are a
        // block of text, not headings.
        let o = parse("Title\nLead text.\nOne\nTwo\nThree\nFour\nText after them.\nNext\nMore.");
        assert_eq!(o.heading_paths(), vec!["", "Next"]);
        let lead: Vec<&str> = o.sections[0].1.iter().map(|b| b.text()).collect();
        assert_eq!(
            lead,
            ["Lead text.", "One Two Three Four", "Text after them."]
        );
        // Set out with spaces, a heading is its words.
        let o = parse("The   Congress\nLead text.\nCHAPTER        PAGE\nI. The Opening  1");
        assert_eq!(o.title.as_deref(), Some("The Congress"));
        assert_eq!(o.heading_paths(), vec!["", "CHAPTER PAGE"]);
    }

    #[test]
    fn underlines_and_rules_are_no_text() {
        let o = parse(
            "The Congress of Vienna\n======================\n\nThe congress met in 1814.\n\n\
             Outcome\n-------\n\nA balance of power.\n\n* * *\n\nAfter the rule.\n",
        );
        assert_eq!(o.title.as_deref(), Some("The Congress of Vienna"));
        assert_eq!(o.heading_paths(), vec!["", "Outcome"]);
        let texts: Vec<&str> = (o.sections.iter())
            .flat_map(|(_, blocks)| blocks.iter().map(Block::text))
            .collect();
        assert_eq!(
            texts,
            [
                "The congress met in 1814.",
                "A balance of power.",
                "After the rule."
            ]
        );
        // A line of marks among words is text.
        assert!(!is_rule("a -- b", RULE_MARKS) && !is_rule("--", RULE_MARKS));
    }

    #[test]
    fn sentences_and_trailing_lines_are_not_headings() {
        let o = parse("Title\nA short line.\nWhat happened next?\nLast line without stop");
        assert_eq!(o.heading_paths(), vec![""]);
        assert_eq!(o.sections[0].1.len(), 3);
    }

    #[test]
    fn a_books_numbered_divisions_are_headings_though_they_end_with_a_stop() {
        for line in [
            "CHAPTER XII.",
            "Chapter 3.",
            "BOOK I.",
            "Глава 3.",
            "Chapter 3",
        ] {
            assert!(is_heading(line), "{line}");
        }
        for line in [
            "It was 1914.",
            "Chapter one.",
            "The chapter I.",
            "Act of 1832.",
        ] {
            assert!(!is_heading(line), "{line}");
        }
    }

    #[test]
    fn list_items_are_recognised() {
        assert_eq!(list_item("- Paris 1919"), Some("Paris 1919"));
        assert_eq!(list_item("12. Item"), Some("Item"));
        assert_eq!(list_item("1925 was a year"), None);
        assert_eq!(list_item("[4] Asch, Ronald G."), Some("Asch, Ronald G."));
        assert_eq!(list_item("(12) Item"), Some("Item"));
        assert_eq!(list_item("[1914] was a year"), None);
        assert_eq!(list_item("(see below) x"), None);
        let o = parse("Title\nIntro.\nFurther Reading\n- Book One\n- Book Two");
        assert_eq!(
            o.sections[1].1,
            vec![
                Block::ListItem("Book One".into()),
                Block::ListItem("Book Two".into())
            ]
        );
    }

    #[test]
    fn text_without_headings_is_one_untitled_section() {
        let o = parse("just prose, nothing else.\nand more prose.");
        assert_eq!(o.title, None);
        assert_eq!(o.heading_paths(), vec![""]);
    }

    #[test]
    fn blank_lines_separate_paragraphs_but_do_not_break_nesting() {
        let o = parse("Title\n\nIntro.\n\nPart\n\nSub\n\nText.");
        assert_eq!(o.heading_paths(), vec!["", "Part › Sub"]);
    }
}
