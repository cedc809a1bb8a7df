//! Reading-list extraction: inside a section about reading, each quoted title, each list
//! item and each paragraph that is a citation alone (see [`super::citation`]) names one
//! book, with its author when the text gives one.

use super::citation::{
    author_after, author_before, author_name, by_author, find_by, written, MIN_TITLE_CHARS,
};
use super::model::{Block, ReadingEntry};
use super::text::squash_whitespace;

/// Pairs of quote marks that enclose a title. `*` covers Markdown emphasis and the
/// `<em>`/`<cite>` of HTML articles, which the HTML reader renders as `*…*`.
/// German's `„…“` and the corner brackets that enclose Japanese and Chinese titles too.
const QUOTES: &[(char, char)] = &[
    ('"', '"'),
    ('“', '”'),
    ('„', '“'),
    ('*', '*'),
    ('«', '»'),
    ('『', '』'),
    ('「', '」'),
];

/// A book a format marks up (a TEI `<bibl>`, a JATS reference, a wiki's citation template)
/// written as a reading list writes one, for [`extract`] to read: `*Title* by Author
/// (year)`.
pub(crate) fn as_listed(title: &str, author: Option<&str>, year: Option<&str>) -> String {
    let mut text = format!("*{}*", title.replace('*', ""));
    if let Some(author) = author.filter(|a| !a.is_empty()) {
        text.push_str(" by ");
        text.push_str(author);
    }
    if let Some(year) = year.filter(|y| !y.is_empty()) {
        text.push_str(&format!(" ({year})"));
    }
    text
}

/// The books named in one block of a reading section.
pub(crate) fn extract(
    block: &Block,
    heading: &str,
    strip: fn(&str) -> String,
) -> Vec<ReadingEntry> {
    let text = block.text();
    let context = strip(text);
    let quoted = without_containers(quoted_titles(text));
    let entry = |title: &str, author: Option<String>| ReadingEntry {
        title: squash_whitespace(strip(title).trim_start_matches(is_bullet)),
        author,
        heading: heading.to_string(),
        context: context.clone(),
        section: None,
    };
    if !quoted.is_empty() {
        // One title in a citation may have its author before it, as bibliographies write.
        let before = match quoted.len() {
            1 => text
                .find(|c| QUOTES.iter().any(|q| q.0 == c))
                .map(|at| &text[..at]),
            _ => None,
        };
        return quoted
            .into_iter()
            .map(|(title, after)| {
                let author = author_after(after).or_else(|| before.and_then(author_before));
                entry(title, author)
            })
            .collect();
    }
    match block {
        Block::ListItem(item) => {
            let item = item.trim();
            if is_short_note(item) {
                return Vec::new();
            }
            if let Some((title, author)) = written(item) {
                return vec![entry(&title, Some(author))];
            }
            let (title, author) = match find_by(item) {
                Some((title, after)) => (title, author_name(after)),
                None => (item, None),
            };
            let title = title
                .trim()
                .trim_end_matches([',', '.', ';', ':', '-', '–', '—']);
            // A page's number, a rule of dashes: no title.
            if title.chars().count() < MIN_TITLE_CHARS || !title.chars().any(char::is_alphabetic) {
                return Vec::new();
            }
            vec![entry(title, author)]
        }
        Block::Paragraph(text) => match by_author(text) {
            Some((title, author)) => vec![entry(title, Some(author))],
            None => written(text)
                .map(|(title, author)| vec![entry(&title, Some(author))])
                .unwrap_or_default(),
        },
    }
}

/// Most words before a page locator in a note that points into a source named elsewhere
/// (`Smith and Jones 1990, p. 4`).
const MAX_NOTE_WORDS: usize = 4;

/// Whether a list item is a note pointing into a source rather than naming one, as the
/// notes of a page's references are: `Ibid., p. 3`, or a name and perhaps a year before a
/// page (`Smith, p. 12`, `Fink 1984, pp. 5–7`).
fn is_short_note(item: &str) -> bool {
    let lower = item.to_lowercase();
    if ["ibid", "op. cit", "idem"]
        .iter()
        .any(|w| lower.starts_with(w))
    {
        return true;
    }
    // Found in the item as written: lower-casing may change a letter's length (`İ`).
    let Some(comma) = item.rfind(',') else {
        return false;
    };
    let locator = item[comma + 1..]
        .trim()
        .trim_end_matches('.')
        .to_lowercase();
    // A page's number alone may be a year: `p.` or `pp.` says it is a page.
    let Some(pages) = (locator.strip_prefix("pp.")).or_else(|| locator.strip_prefix("p.")) else {
        return false;
    };
    let pages = pages.trim();
    let is_pages = !pages.is_empty()
        && pages
            .chars()
            .all(|c| c.is_ascii_digit() || "–-, ".contains(c))
        && pages.starts_with(|c: char| c.is_ascii_digit());
    let source = &item[..comma];
    is_pages
        && source.split_whitespace().count() <= MAX_NOTE_WORDS
        && !source.contains([':', '"', '“', '*'])
}

/// Whether `c` is a list's bullet before a title: a bullet sign, or a private-use
/// character, as a PDF maps a Symbol or Wingdings font's bullet (`U+F0B7`).
fn is_bullet(c: char) -> bool {
    "•◦▪▫■□●○·‣⁃".contains(c) || ('\u{E000}'..='\u{F8FF}').contains(&c) || c.is_whitespace()
}

/// Whether `line` names a book: a quoted or emphasised title, or a citation alone.
pub(crate) fn names_a_book(line: &str) -> bool {
    !quoted_titles(line).is_empty() || by_author(line).is_some() || written(line).is_some()
}

/// Quoted titles without the journal or book an article or chapter quoted before it was
/// published in, which citations emphasise: `"The Origins of the War." *The English
/// Historical Review* 107 (1992)`, `"Diplomacy." In *The Oxford Handbook*, 1–20`.
fn without_containers(quoted: Vec<Quoted<'_>>) -> Vec<(&str, &str)> {
    let mut kept: Vec<Quoted> = Vec::with_capacity(quoted.len());
    for title in quoted {
        let container = kept.last().is_some_and(|last| {
            let between = last.after.split('*').next().unwrap_or_default();
            let between =
                between.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
            last.mark != '*'
                && title.mark == '*'
                && (between.is_empty() || between.eq_ignore_ascii_case("in"))
        });
        if !container {
            kept.push(title);
        }
    }
    kept.into_iter().map(|q| (q.title, q.after)).collect()
}

/// A quoted span: its opening mark, its text, and the text that follows it.
struct Quoted<'t> {
    mark: char,
    title: &'t str,
    after: &'t str,
}

/// Every quoted span in `text`, with the text that follows it.
fn quoted_titles(text: &str) -> Vec<Quoted<'_>> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some((start, open)) = rest
        .char_indices()
        .find(|(_, c)| QUOTES.iter().any(|q| q.0 == *c))
    {
        let close = QUOTES
            .iter()
            .find(|q| q.0 == open)
            .map(|q| q.1)
            .unwrap_or(open);
        let mut inner_start = start + open.len_utf8();
        // `**bold**` is emphasis too: treat a doubled marker as one.
        if open == '*' {
            inner_start +=
                rest[inner_start..].len() - rest[inner_start..].trim_start_matches('*').len();
        }
        let Some(len) = rest[inner_start..].find(close) else {
            break;
        };
        let inner = &rest[inner_start..inner_start + len];
        let mut after = &rest[inner_start + len + close.len_utf8()..];
        if open == '*' {
            after = after.trim_start_matches('*');
        }
        let title = inner.trim().trim_end_matches([',', '.']);
        if title.chars().count() >= MIN_TITLE_CHARS && title.chars().any(char::is_alphanumeric) {
            found.push(Quoted {
                mark: open,
                title,
                after,
            });
        }
        rest = after;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keep(s: &str) -> String {
        s.to_string()
    }

    fn titles(block: Block) -> Vec<(String, Option<String>)> {
        extract(&block, "Further Reading", keep)
            .into_iter()
            .map(|e| (e.title, e.author))
            .collect()
    }

    #[test]
    fn notes_pointing_into_a_source_name_no_book() {
        for note in [
            "Smith, p. 12.",
            "Fink 1984, pp. 5–7",
            "Ibid., p. 3",
            "Kissinger, Diplomacy, p. 230",
        ] {
            assert!(is_short_note(note), "{note}");
            let item = Block::ListItem(note.into());
            assert_eq!(
                extract(&item, "References", |s| s.to_string()),
                [],
                "{note}"
            );
        }
        // Letters whose lower case is longer than they are, before the comma.
        assert!(is_short_note("Ab Cd İİİİİİİİ, p. 3"));
        for book in [
            "MacMillan, Margaret. Paris 1919, 2003",
            "The Congress of Vienna, 1814–1815",
            "Smith, *A History of Rome*, p. 12",
            "A Very Long Title About Many Things, p. 4",
        ] {
            assert!(!is_short_note(book), "{book}");
        }
    }

    #[test]
    fn quoted_titles_keep_inner_apostrophes() {
        let got = titles(Block::Paragraph(
            "consider reading \"The Soviet-Japanese War 1939: The Red Army’s First Victory\" and \"Japan and the Soviet Union: 1941-1945\".".into(),
        ));
        assert_eq!(
            got,
            vec![
                (
                    "The Soviet-Japanese War 1939: The Red Army’s First Victory".into(),
                    None
                ),
                ("Japan and the Soviet Union: 1941-1945".into(), None),
            ]
        );
    }

    #[test]
    fn titles_in_other_languages_quotes() {
        let got = titles(Block::Paragraph(
            "Lesen Sie „Die Außenpolitik der Weimarer Republik“ und 『独ソ関係史』、「日ソ国交」."
                .into(),
        ));
        let got: Vec<String> = got.into_iter().map(|(title, _)| title).collect();
        assert_eq!(
            got,
            [
                "Die Außenpolitik der Weimarer Republik",
                "独ソ関係史",
                "日ソ国交"
            ]
        );
    }

    #[test]
    fn authors_follow_by() {
        let got = titles(Block::Paragraph(
            "Try “The Guns of August” by Barbara W. Tuchman, and *Dreadnought* by Robert K. Massie.".into(),
        ));
        assert_eq!(
            got,
            vec![
                (
                    "The Guns of August".into(),
                    Some("Barbara W. Tuchman".into())
                ),
                ("Dreadnought".into(), Some("Robert K. Massie".into())),
            ]
        );
    }

    #[test]
    fn an_author_named_before_an_emphasised_title_is_its_author() {
        for (item, title, author) in [
            (
                "Zamoyski, Adam. *Rites of Peace: The Fall of Napoleon*. HarperCollins, 2007.",
                "Rites of Peace: The Fall of Napoleon",
                "Adam Zamoyski",
            ),
            (
                "Webster, C. K., *The Congress of Vienna, 1814–1815* (Oxford, 1919)",
                "The Congress of Vienna, 1814–1815",
                "C. K. Webster",
            ),
            (
                "Peter H. Wilson, *The Thirty Years War: A Sourcebook* (Palgrave Macmillan, 2010)",
                "The Thirty Years War: A Sourcebook",
                "Peter H. Wilson",
            ),
            (
                "Kissinger, Henry, “A World Restored” (1957)",
                "A World Restored",
                "Henry Kissinger",
            ),
        ] {
            let got = titles(Block::ListItem(item.into()));
            assert_eq!(got, vec![(title.into(), Some(author.into()))], "{item}");
        }
        // A journal or a book an article or chapter appeared in is no book of the list.
        for (item, title, author) in [
            (
                "Sutherland, N. M. \"The Origins of the Thirty Years War.\" *The English Historical Review* 107 (1992): 587–625.",
                "The Origins of the Thirty Years War",
                Some("N. M. Sutherland"),
            ),
            (
                "“Diplomacy after 1648.” In *The Oxford Handbook of Early Modern Europe*, 1–20.",
                "Diplomacy after 1648",
                None,
            ),
        ] {
            let got = titles(Block::ListItem(item.into()));
            assert_eq!(got, vec![(title.into(), author.map(Into::into))], "{item}");
        }
        // Two books a line stay two.
        let got = titles(Block::ListItem("\"Paris 1919\" and *Vienna 1814*".into()));
        assert_eq!(got.len(), 2);
        // A heading's words before a title are no author.
        let got = titles(Block::Paragraph("Further Reading: *Paris 1919*".into()));
        assert_eq!(got, vec![("Paris 1919".into(), None)]);
    }

    #[test]
    fn list_items_are_entries_with_or_without_quotes() {
        assert_eq!(
            titles(Block::ListItem(
                "The Origins of the Second World War by A. J. P. Taylor".into()
            )),
            vec![(
                "The Origins of the Second World War".into(),
                Some("A. J. P. Taylor".into())
            )]
        );
        assert_eq!(
            titles(Block::ListItem(
                "**Paris 1919**, by Margaret MacMillan".into()
            )),
            vec![("Paris 1919".into(), Some("Margaret MacMillan".into()))]
        );
        assert_eq!(
            titles(Block::ListItem("A History of the Crimean War".into())),
            vec![("A History of the Crimean War".into(), None)]
        );
        assert_eq!(
            titles(Block::ListItem(
                "The Tide at Sunrise by Denis Warner and Peggy Warner".into()
            )),
            vec![(
                "The Tide at Sunrise".into(),
                Some("Denis Warner and Peggy Warner".into())
            )]
        );
        assert_eq!(
            titles(Block::ListItem(
                "Blood and Sand by Alex von Tunzelmann".into()
            )),
            vec![("Blood and Sand".into(), Some("Alex von Tunzelmann".into()))]
        );
        assert_eq!(
            titles(Block::ListItem(
                "A History of India by William Erskine;Published 1854".into()
            )),
            vec![("A History of India".into(), Some("William Erskine".into()))]
        );
    }

    #[test]
    fn a_bullet_before_a_title_is_not_part_of_it() {
        assert_eq!(
            titles(Block::ListItem(
                "\u{F0B7} A World Restored by Henry Kissinger".into()
            )),
            vec![("A World Restored".into(), Some("Henry Kissinger".into()))]
        );
        assert_eq!(
            titles(Block::ListItem("• “Vienna 1814”".into())),
            vec![("Vienna 1814".into(), None)]
        );
        // A PDF page's number in a reading list's lines.
        assert!(titles(Block::ListItem("12".into())).is_empty());
    }

    #[test]
    fn plain_paragraphs_without_quotes_name_no_books() {
        for prose in [
            "These books explain the war well.",
            "These books by Kissinger explain the war well.",
            "This classic account was written by Henry Kissinger.",
            "and another by Paul Kennedy",
            "Read the following, by Paul Kennedy:",
            "Published; 8 October 2008, By Dean N Food and Drink - [http://londonist.com]",
        ] {
            assert!(titles(Block::Paragraph(prose.into())).is_empty(), "{prose}");
        }
    }

    #[test]
    fn a_paragraph_that_is_a_citation_alone_is_a_book() {
        for (line, title, author) in [
            (
                "A World Restored by Henry Kissinger",
                "A World Restored",
                "Henry Kissinger",
            ),
            (
                "The Transformation of European Politics, by Paul Schroeder (Oxford, 1994).",
                "The Transformation of European Politics",
                "Paul Schroeder",
            ),
            (
                "The Oxford History of Modern Europe, edited by T. C. W. Blanning",
                "The Oxford History of Modern Europe",
                "T. C. W. Blanning",
            ),
            (
                "Vienna 1814 by David King, 2008",
                "Vienna 1814",
                "David King",
            ),
        ] {
            assert_eq!(
                titles(Block::Paragraph(line.into())),
                vec![(title.into(), Some(author.into()))],
                "{line}"
            );
        }
    }
}
