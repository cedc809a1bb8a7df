//! The article model every parser produces, and the one place that turns a parsed outline
//! (title plus headed blocks of text) into an [`Article`] with its year and reading list.

use serde::Serialize;

use super::reading;
use crate::dates::first_year;

/// One article: a titled document split into sections, with an optional reading list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Path relative to the corpus root without extension (`history/rapallo`), or the record's
    /// `id` for JSON Lines.
    pub id: String,
    /// Path of the source file relative to the corpus root, with `/` separators.
    pub path: String,
    pub title: String,
    /// Whether `title` is a name made up for a record without a title (its opening words,
    /// else its file and number, `corpus line 12`): shown, never searched.
    #[serde(skip)]
    pub untitled: bool,
    /// The first year named in the first paragraph (see [`crate::dates::first_year`]), or
    /// given by the article (JSON Lines, front matter); BC years are negative.
    pub year: Option<i64>,
    /// The article's language code (`en`, `de`, `ja`): as the article gives it, else
    /// detected from its text (see [`crate::language`]).
    pub lang: &'static str,
    pub sections: Vec<Section>,
    pub reading: Vec<ReadingEntry>,
    /// Tags or keywords the article gives itself (front matter, JSON Lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The article's own authors, as it names them (front matter, JSON Lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// For a record of a JSON Lines dump, the key that tells it from the file's other
    /// records (see `dump::record_key`); record-level updates compare these.
    #[serde(skip)]
    pub record: Option<u64>,
}

impl Article {
    /// The title as its documents are searched by: empty for a name made up for an
    /// untitled record (see [`Article::untitled`]).
    pub fn searched_title(&self) -> &str {
        match self.untitled {
            true => "",
            false => &self.title,
        }
    }
}

/// A run of text under one heading path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Nested headings, outermost first. Empty for the lead text right under the title.
    pub headings: Vec<String>,
    pub text: String,
    /// Zero-based order of the section in its article.
    pub position: usize,
    /// The first year the section's own text names, if any.
    pub year: Option<i64>,
    /// The page the section starts on, for formats with pages (PDF).
    pub page: Option<u32>,
}

impl Section {
    /// The heading path as shown to users (`Fun Fact › The Unusual Early Collaboration`);
    /// the lead section shows the article title.
    pub fn display_heading(&self, title: &str) -> String {
        if self.headings.is_empty() {
            title.to_string()
        } else {
            self.headings.join(HEADING_SEPARATOR)
        }
    }
}

/// Most tags or authors kept per article: a list longer than this is not a list of names.
const MAX_NAMES: usize = 64;

/// `names` trimmed, capped in length and number, blank and repeated ones left out.
fn names(names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        if out.len() == MAX_NAMES {
            break;
        }
        let name = capped(name.trim(), MAX_HEADING_CHARS);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Separator between nested headings in a heading path.
pub const HEADING_SEPARATOR: &str = " › ";

/// A book named in a reading list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingEntry {
    pub title: String,
    pub author: Option<String>,
    /// The heading of the list the book appears under.
    pub heading: String,
    /// The sentence or list item the book was named in.
    pub context: String,
    /// The position of the section holding the list (see [`Section::position`]), when the
    /// list is in one.
    pub section: Option<usize>,
}

/// A block of text under a heading, as a parser found it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Paragraph(String),
    ListItem(String),
}

impl Block {
    pub(crate) fn text(&self) -> &str {
        match self {
            Block::Paragraph(t) | Block::ListItem(t) => t,
        }
    }
}

/// Titles (of articles and of books) are cut to this many characters, in every format:
/// the title is copied into each of the article's documents, so an enormous one (a
/// 25,000-word `<title>`) would multiply the index by the number of sections.
pub const MAX_TITLE_CHARS: usize = 300;

/// Each heading of a section's heading path, and a book's author, is cut to this many
/// characters, in every format (the `.txt` rule takes no longer line for a heading).
pub const MAX_HEADING_CHARS: usize = 200;

/// `text` cut to at most `max` characters, at the last word break before the limit where
/// there is one, with `…` marking the cut.
pub(crate) fn capped(text: &str, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    let mut out = head.trim_end().to_string();
    // The ellipsis counts towards the limit.
    if out.chars().count() >= max {
        out.pop();
    }
    out.push('…');
    out
}

/// What a format parser produces: the title and each heading path with its blocks. Inline
/// markup (`*emphasis*`) is still present so the reading-list extractor can see it.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub title: Option<String>,
    pub sections: Vec<(Vec<String>, Vec<Block>)>,
    /// A year given explicitly (JSON Lines), which wins over the one found in the text.
    pub year: Option<i64>,
    /// Reading entries given explicitly (JSON Lines).
    pub reading: Vec<ReadingEntry>,
    /// The language the article says it is in (`lang` in JSON Lines, `<html lang>`), if
    /// annals knows it.
    pub lang: Option<&'static str>,
    /// The page each of `sections` starts on, for formats with pages (PDF); empty for the
    /// others.
    pub pages: Vec<u32>,
    /// Tags and authors the article gives (front matter, JSON Lines).
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    /// Whether a title with no other text still makes an article, of one section holding
    /// nothing but the title: a dump's record that gives only a title (a catalogue, a
    /// bibliography, an abstract not yet written) is found by it, as a search engine
    /// indexing title and text together finds it.
    pub title_is_text: bool,
    /// Whether the blocks were rendered from HTML (a dump's record whose text is HTML), their
    /// emphasis marked `*…*` for the reading list: stripped as a page's are, whatever the
    /// format's own stripping.
    pub rendered: bool,
}

impl Outline {
    /// Append a block under `headings`, starting a new section when the path changes.
    pub(crate) fn push(&mut self, headings: &[String], block: Block) {
        if block.text().trim().is_empty() {
            return;
        }
        match self.sections.last_mut() {
            Some((h, blocks)) if h.as_slice() == headings => blocks.push(block),
            _ => self.sections.push((headings.to_vec(), vec![block])),
        }
    }

    /// Each section's heading path, joined with ` › `, in order.
    #[cfg(test)]
    pub(crate) fn heading_paths(&self) -> Vec<String> {
        self.sections.iter().map(|(h, _)| h.join(" › ")).collect()
    }

    /// Each section's blocks' texts, in order.
    #[cfg(test)]
    pub(crate) fn block_texts(&self) -> Vec<Vec<&str>> {
        (self.sections.iter())
            .map(|(_, blocks)| blocks.iter().map(Block::text).collect())
            .collect()
    }

    /// [`Outline::into_article`] for one record of many in a file (a dump's line, an
    /// export's note): without a title of its own, the record is shown by its opening
    /// words, as a notes app names an untitled note (or, without text, by `numbered`, its
    /// file and number), and never searched by that name (see [`Article::untitled`]).
    pub(crate) fn into_record(
        self,
        id: String,
        path: String,
        numbered: impl FnOnce() -> String,
        strip: fn(&str) -> String,
    ) -> Option<Article> {
        let untitled = self.title.as_deref().is_none_or(|t| t.trim().is_empty());
        let article = self.into_article(id, path, "", strip)?;
        let title = match untitled {
            true => (article.sections.iter())
                .find_map(|s| opening_words(&s.text))
                .unwrap_or_else(numbered),
            false => article.title,
        };
        Some(Article {
            untitled,
            title,
            ..article
        })
    }

    /// Finish the article: strip inline markup, find the year, extract the reading list.
    /// Returns `None` when there is no text at all (a title alone is text only where
    /// [`Outline::title_is_text`]).
    pub(crate) fn into_article(
        self,
        id: String,
        path: String,
        fallback_title: &str,
        strip: fn(&str) -> String,
    ) -> Option<Article> {
        let strip = match self.rendered {
            true => super::text::strip_rendered,
            false => strip,
        };
        let given = self.title.filter(|t| !t.trim().is_empty());
        let title_only = given.is_some() && self.title_is_text;
        let title = given.unwrap_or_else(|| fallback_title.to_string());
        // Text is kept composed (NFC), however the file wrote it: a word written decomposed
        // (kana and their voicing marks, Hangul as jamo) is the word a query names.
        let clean = |s: &str| composed(strip(s));
        let title = capped(&clean(&title), MAX_TITLE_CHARS);
        let year = self.year.or_else(|| {
            self.sections
                .iter()
                .flat_map(|(_, blocks)| blocks.iter())
                .find(|b| matches!(b, Block::Paragraph(_)))
                .and_then(|b| first_year(b.text()))
        });
        let mut reading = self.reading;
        let mut sections = Vec::with_capacity(self.sections.len());
        for (i, (headings, blocks)) in self.sections.into_iter().enumerate() {
            if super::reading_heading::is_reading_heading(&headings) {
                let list_heading = headings.last().cloned().unwrap_or_default();
                let listed = reading.len();
                for block in &blocks {
                    reading.extend(reading::extract(block, &list_heading, strip));
                }
                for entry in &mut reading[listed..] {
                    entry.section = Some(sections.len());
                }
            }
            let text = blocks
                .iter()
                .map(|b| clean(b.text()))
                .collect::<Vec<_>>()
                .join("\n");
            if text.trim().is_empty() {
                continue;
            }
            let position = sections.len();
            let mut headings: Vec<String> = (headings.iter())
                .map(|h| capped(&clean(h), MAX_HEADING_CHARS))
                .collect();
            // Whatever the format nested, a heading restating the one above it is no level.
            headings.dedup_by(|h, above| same_words(h, above));
            sections.push(Section {
                headings,
                year: first_year(&text),
                page: self.pages.get(i).copied(),
                text,
                position,
            });
        }
        if sections.is_empty() {
            if !title_only {
                return None;
            }
            sections.push(Section {
                headings: Vec::new(),
                text: String::new(),
                position: 0,
                year: None,
                page: None,
            });
        }
        let lang = self.lang.unwrap_or_else(|| {
            let mut sample = title.clone();
            for section in &sections {
                if sample.len() > crate::language::DETECT_BYTES {
                    break;
                }
                sample.push('\n');
                let end = section
                    .text
                    .char_indices()
                    .nth(crate::language::DETECT_BYTES)
                    .map_or(section.text.len(), |(i, _)| i);
                sample.push_str(&section.text[..end]);
            }
            crate::language::detect(&sample)
        });
        Some(Article {
            id,
            path,
            title,
            untitled: false,
            year,
            lang,
            sections,
            reading: reading
                .into_iter()
                .map(|mut entry| {
                    entry.title = capped(&composed(entry.title), MAX_TITLE_CHARS);
                    entry.author = (entry.author).map(|a| capped(&composed(a), MAX_HEADING_CHARS));
                    entry.heading = capped(&composed(entry.heading), MAX_HEADING_CHARS);
                    entry.context = composed(entry.context);
                    entry
                })
                .collect(),
            tags: names(&self.tags),
            authors: names(&self.authors),
            record: None,
        })
    }
}

/// `text` composed (Unicode NFC); see [`crate::analyzer::composed`].
fn composed(text: String) -> String {
    match crate::analyzer::composed(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(composed) => composed,
    }
}

/// The headings open at a point of a Markdown-like document, outermost first, by the rule
/// both Markdown readers share: the first level-1 heading is the title, a level-1 heading
/// repeating the title before any section is absorbed (a page's `<h1>` repeating its
/// `<title>`, a front matter's title repeated), and the others nest by level.
#[derive(Debug, Default)]
pub(crate) struct OpenHeadings {
    open: Vec<(usize, String)>,
    /// Whether the headings are a web page's, whose `<title>` may give its first heading,
    /// of any level, beside the site's name (see [`OpenHeadings::of_page`]).
    page: bool,
}

impl OpenHeadings {
    /// The headings of a web page: the first of any level, the post's `<h3>` of a blog
    /// whose name is hidden, is the title when the page's `<title>` gives it beside the
    /// site's name, after a colon too (`History Notes: The Treaty`). In other formats a
    /// title is the article's own (`Napoleon: Early Life` over its `## Early Life`).
    pub(crate) fn of_page() -> OpenHeadings {
        OpenHeadings {
            page: true,
            ..OpenHeadings::default()
        }
    }

    /// Open `heading` of `level` (1–6) in `outline`.
    pub(crate) fn open(&mut self, outline: &mut Outline, level: usize, heading: String) {
        if heading.is_empty() {
            return;
        }
        if level == 1 && outline.title.is_none() {
            outline.title = Some(heading);
            self.open.clear();
            return;
        }
        let title = outline.title.as_deref().unwrap_or_default();
        if level == 1 && outline.sections.is_empty() && title == heading {
            self.open.clear();
            return;
        }
        // A page's `<title>` is its heading and the site's name (`Treaty of Rapallo -
        // Wikipedia`, `News | The Treaty`, a blog's `Notes: The Treaty` over its post's
        // `<h3>`): that heading, the first opened (a cookie notice or a breadcrumb may come
        // before it), alone is the article's title.
        if self.open.is_empty()
            && (level == 1 || self.page)
            && is_titled_with_site(title, &heading, self.page)
        {
            outline.title = Some(heading);
            return;
        }
        nest(&mut self.open, level, heading);
    }

    /// The open headings' texts, outermost first.
    pub(crate) fn path(&self) -> Vec<String> {
        self.open.iter().map(|(_, h)| h.clone()).collect()
    }
}

/// Open `heading` of `level` among the headings `open` (level and text, outermost first):
/// it closes those of its level or deeper and nests under the rest. A heading restating
/// the one it falls under (an `<h2>` under an `<h1>` of the same words, as a book's print
/// page has each chapter) adds nothing, so the text under either is one section:
/// `Lifetimes › The Borrow Checker`, not `Lifetimes › Lifetimes › The Borrow Checker`
/// (formats that nest otherwise have the restated heading dropped from their sections'
/// paths by [`Outline::into_article`]). An empty heading only closes.
pub(crate) fn nest(open: &mut Vec<(usize, String)>, level: usize, heading: String) {
    while open.last().is_some_and(|(l, _)| *l >= level) {
        open.pop();
    }
    let restates = open.last().is_some_and(|(_, h)| same_words(h, &heading));
    if !heading.is_empty() && !restates {
        open.push((level, heading));
    }
}

/// Whether `a` and `b` are the same words, however spaced.
fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Whether `title` is `heading` and a site's name on either side of a separator set off by
/// spaces (`Rapallo-Vertrag` is one title, `Rapallo - Wikipedia` is not), or, when
/// `colon`, after the site's name and a colon, as Blogger writes a post's (`History Notes:
/// The Treaty`).
fn is_titled_with_site(title: &str, heading: &str, colon: bool) -> bool {
    const SEPARATORS: [&str; 6] = ["-", "|", "–", "—", "·", ":"];
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let (title, heading) = (words(title), words(heading));
    let beside =
        |(a, b): (&str, &str)| (a == heading && !b.is_empty()) || (b == heading && !a.is_empty());
    let spaced = SEPARATORS.iter().any(|sep| {
        let sep = format!(" {sep} ");
        title.split_once(&sep).is_some_and(beside) || title.rsplit_once(&sep).is_some_and(beside)
    });
    let after_colon =
        || (title.split_once(": ")).is_some_and(|(site, rest)| rest == heading && !site.is_empty());
    !heading.is_empty() && (spaced || (colon && after_colon()))
}

/// Longest name, in characters, made of a record's opening words.
const OPENING_CHARS: usize = 60;

/// The first line of `text` with a letter or digit, its spaces collapsed, [`capped`] to
/// [`OPENING_CHARS`]: the name of a record without a title.
fn opening_words(text: &str) -> Option<String> {
    let line = text
        .lines()
        .find(|l| l.chars().any(char::is_alphanumeric))?;
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(capped(&line, OPENING_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_name_beside_a_page_heading_is_not_its_title() {
        for (title, heading) in [
            (
                "Treaty of Rapallo (1920) - Wikipedia",
                "Treaty of Rapallo (1920)",
            ),
            (
                "History Today | The Congress of Vienna",
                "The Congress of Vienna",
            ),
            ("The Suez Crisis — BBC Bitesize", "The Suez Crisis"),
            (
                "History Notes: The Treaty of Rapallo",
                "The Treaty of Rapallo",
            ),
        ] {
            assert!(is_titled_with_site(title, heading, true), "{title}");
        }
        for (title, heading) in [
            ("Treaty of Rapallo", "Treaty of Rapallo"),
            ("Treaty of Rapallo (1920)", "Treaty"),
            ("Treaty of Rapallo -", "Treaty of Rapallo"),
            ("Rapallo-Vertrag", "Rapallo"),
            // A subtitle is the title's own.
            ("Versailles: The Peace That Failed", "Versailles"),
            ("Anything", ""),
        ] {
            assert!(!is_titled_with_site(title, heading, true), "{title}");
        }
        // Outside a web page a colon is the title's own.
        assert!(!is_titled_with_site(
            "Napoleon: Early Life",
            "Early Life",
            false
        ));
        assert!(is_titled_with_site(
            "Napoleon : Early Life",
            "Early Life",
            false
        ));
    }

    #[test]
    fn a_record_without_a_title_is_named_by_its_opening_words() {
        assert_eq!(
            opening_words("\n--\nThe siege  of Vienna.\nMore.").as_deref(),
            Some("The siege of Vienna.")
        );
        let long = "Correlation between maternal and fetal plasma levels of glucose in the newborn";
        let name = opening_words(long).unwrap();
        assert_eq!(
            name,
            "Correlation between maternal and fetal plasma levels of…"
        );
        assert_eq!(opening_words(" \n-- "), None);
    }

    #[test]
    fn a_heading_restating_the_one_above_it_is_no_level() {
        let mut open = Vec::new();
        let texts =
            |open: &Vec<(usize, String)>| open.iter().map(|(_, h)| h.clone()).collect::<Vec<_>>();
        nest(&mut open, 1, "Lifetimes".into());
        nest(&mut open, 2, "Lifetimes ".into());
        assert_eq!(texts(&open), ["Lifetimes"]);
        nest(&mut open, 3, "The Borrow Checker".into());
        assert_eq!(texts(&open), ["Lifetimes", "The Borrow Checker"]);
        // A sibling closes it; an empty heading only closes; the same words further up stay.
        nest(&mut open, 2, "Elision".into());
        assert_eq!(texts(&open), ["Lifetimes", "Elision"]);
        nest(&mut open, 2, String::new());
        assert_eq!(texts(&open), ["Lifetimes"]);
        nest(&mut open, 2, "Notes".into());
        nest(&mut open, 3, "Lifetimes".into());
        assert_eq!(texts(&open), ["Lifetimes", "Notes", "Lifetimes"]);
    }

    #[test]
    fn a_path_restating_a_heading_is_read_without_the_repeat() {
        // As a JATS section or a record's nested `sections` may give it.
        let outline = Outline {
            title: Some("Lifetimes".into()),
            sections: vec![(
                vec!["Lifetimes".into(), "Lifetimes".into(), "Elision".into()],
                vec![Block::Paragraph("The rules.".into())],
            )],
            ..Outline::default()
        };
        let article = (outline.into_article("a".into(), "a.xml".into(), "", |s| s.to_string()))
            .expect("an article");
        assert_eq!(article.sections[0].headings, ["Lifetimes", "Elision"]);
    }

    #[test]
    fn caps_cut_at_a_word_break_within_the_limit() {
        assert_eq!(capped("short", 10), "short");
        let long = "word ".repeat(100);
        let cut = capped(&long, 42);
        assert!(cut.chars().count() <= 42, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        let unbroken = "x".repeat(500);
        assert_eq!(capped(&unbroken, 300).chars().count(), 300);
    }
}
