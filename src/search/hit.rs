//! The search result types, serialised as the JSON of `annals search --json` and the HTTP
//! API. Field names are stable; new fields may be added.

use super::stored::Stored;
use serde::Serialize;
use tantivy::query::Explanation;
use tantivy::schema::{Field, Value};

use super::snippet::{Snippet, Snippets};
use crate::index::AnnalsIndex;
use crate::schema::{DocKind, Fields};

/// The answer to one search.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub query: String,
    /// Number of matching documents, complete and partial: exact up to
    /// [`super::TOTAL_EXACT_UP_TO`], else a lower bound.
    pub total: usize,
    /// Whether `total` counts every match (false: at least `total` match).
    pub total_exact: bool,
    #[serde(serialize_with = "crate::json::three_decimals")]
    pub took_ms: f64,
    /// Hits skipped before the first one shown (`--offset`).
    pub offset: usize,
    /// Whether some hits shown contain only some of the query's words.
    pub relaxed: bool,
    /// A better-spelled query when this one found little.
    pub suggestion: Option<String>,
    /// What the query reader wants the user to know: characters read as text rather than
    /// as syntax, common words ignored, prefixes that matched too many words.
    pub notes: Vec<String>,
    pub hits: Vec<Hit>,
    /// Every match counted per year bucket, when asked for (`--timeline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<super::Timeline>,
    /// Where the time went (for `annals bench`; not part of the JSON).
    #[serde(skip)]
    pub timings: Timings,
}

/// Time spent in each step of a search, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Timings {
    /// Parsing the query and compiling it against the index.
    pub parse_ms: f64,
    /// Matching and ranking, every tier.
    pub search_ms: f64,
    /// Loading the hits shown and making their snippets.
    pub fetch_ms: f64,
}

impl SearchResults {
    pub(crate) fn empty(query: &str) -> SearchResults {
        SearchResults {
            query: query.to_string(),
            total: 0,
            total_exact: true,
            took_ms: 0.0,
            offset: 0,
            relaxed: false,
            suggestion: None,
            notes: Vec::new(),
            hits: Vec::new(),
            timeline: None,
            timings: Timings::default(),
        }
    }
}

/// A book in a reading list.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Book {
    pub title: String,
    pub author: Option<String>,
}

impl Book {
    /// The book of a reading entry's document.
    pub(crate) fn from_doc(doc: &Stored, fields: &Fields) -> Book {
        Book {
            title: doc.text(fields.book).to_string(),
            author: Some(doc.text(fields.author))
                .filter(|a| !a.is_empty())
                .map(str::to_string),
        }
    }
}

/// One ranked hit: a section, or a reading-list entry.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// 1-based rank across pages.
    pub rank: usize,
    pub score: f32,
    /// `"section"` or `"reading"`.
    pub kind: &'static str,
    /// Article id.
    pub article: String,
    /// The article's file, with the corpus folder in front.
    pub path: String,
    /// The article's title.
    pub title: String,
    /// The section's heading path, or the reading list's heading.
    pub heading: String,
    /// The section's anchor within the article (`annals show ARTICLE#SECTION`, the page's
    /// `/article/ARTICLE#SECTION`); empty for an article's lead section.
    pub section: String,
    /// Whether the article is a record of a file that may hold many (a JSON Lines dump):
    /// its id, not its file, names it to `annals show`.
    #[serde(skip)]
    pub record: bool,
    /// The section's year: the first it names itself, else its article's; BC negative.
    pub year: Option<i64>,
    /// The article's language code (`en`, `de`, `ja`).
    pub lang: String,
    /// The article's own tags and authors, as it gives them (front matter, JSON Lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// The page the section starts on, in a PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u64>,
    /// The best part of the text, as HTML with `<mark>`ed matches.
    pub snippet: Snippet,
    /// The same snippet as plain text.
    pub text: String,
    /// When the query's words are in the title but not the snippet: the title as HTML with
    /// them marked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_marked: Option<Snippet>,
    /// The same for the heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading_marked: Option<Snippet>,
    /// The book, for reading entries.
    pub book: Option<Book>,
    /// Whether the hit contains only some of the query's words.
    pub partial: bool,
    /// Whether some word matched only as a near-misspelling.
    pub typo: bool,
    /// For a reading-list section: the books of its list that match too, best first
    /// (they are not hits of their own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub books: Vec<Book>,
    /// With `--explain`: how the score was computed, as a tree of `value`, `description`
    /// and `details` (the shape Lucene and Elasticsearch use); its `value` is `score`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<Explanation>,
    /// With `--group`: how many other sections or entries of the article match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub others: Option<usize>,
}

impl Hit {
    pub(crate) fn from_doc(
        doc: &Stored,
        index: &AnnalsIndex,
        score: f32,
        snippets: &Snippets,
    ) -> Hit {
        let f = &index.fields;
        let text = |field: Field| -> String { doc.text(field).to_string() };
        let title = Fields::shown_title(text(f.title), doc.text(f.untitled));
        let own_heading = text(f.heading);
        let section = super::anchor(&own_heading);
        let heading = match own_heading {
            h if h.is_empty() => title.clone(),
            h => h,
        };
        let reading = doc.text(f.kind) == DocKind::Reading.as_str();
        let lang = Some(text(f.lang))
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| crate::language::DEFAULT.to_string());
        let snippet = snippets.make(doc.text(if reading { f.context } else { f.text }), &lang);
        // A hit matched only through its title or heading shows the match there.
        let marked = |field_text: &str| -> Option<Snippet> {
            if !snippet.highlights.is_empty() {
                return None;
            }
            let highlights = snippets.marks(field_text, &lang);
            (!highlights.is_empty()).then(|| Snippet {
                text: field_text.to_string(),
                highlights,
            })
        };
        let title_marked = marked(&title);
        let heading_marked = marked(&heading);
        let article = text(f.article);
        let file = doc.text(f.file);
        // A file's own article has the file's path for its id, with or without the extension.
        let record = article != crate::corpus::stem(file) && article != file;
        Hit {
            rank: 0,
            score,
            kind: if reading {
                DocKind::Reading.as_str()
            } else {
                DocKind::Section.as_str()
            },
            article,
            path: index.payload.shown_path(file),
            title,
            heading,
            section,
            record,
            year: doc.first(f.year).and_then(|v| v.as_i64()),
            lang: lang.clone(),
            tags: doc.texts(f.tags),
            authors: doc.texts(f.authors),
            page: doc.first(f.page).and_then(|v| v.as_u64()),
            text: snippet.text.clone(),
            snippet,
            title_marked,
            heading_marked,
            book: reading.then(|| Book::from_doc(doc, f)),
            books: Vec::new(),
            explain: None,
            partial: false,
            typo: false,
            others: None,
        }
    }
}
