//! Related articles (or sections): those whose text is most like the one given, and those
//! whose reading lists name the same books.
//!
//! Text similarity is Lucene's "more like this": the source's most telling words (term
//! frequency times inverse document frequency, leaving out words no other article holds)
//! become one query, each word weighted by how telling it is, and the sections that
//! match it best by BM25 are the similar ones. Shared books are bibliographic coupling
//! (Kessler, 1963): two articles recommending the same book are about the same thing,
//! whatever their words.
//!
//! Each candidate scores its similarity relative to the most similar one (0 to 1) plus
//! `n / (n + 1)` for `n` shared books (½ for one, ⅔ for two): one shared book weighs as
//! much as half the best text match, and books cannot outweigh words without limit.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{DocAddress, Searcher, Term};

use super::article::{anchor, Article};
use super::books::{normalize, same_book};
use super::hit::Book;
use super::stats::SearchStats;
use super::stored::Stored;
use super::telling::{book_texts, own_texts, shared_words, telling_words, Word};
use super::term_union::TermUnion;
use super::{checked, top, Engine, KindFilter, SearchOptions};
use crate::error::Result;
use crate::schema::{text_analyzer, DocKind, Fields};

/// Sections read to gather candidate articles: enough for the best few dozen articles
/// when the best of them match with several sections each.
const CANDIDATE_SECTIONS: usize = 500;

/// Most related articles or sections listed.
pub const MAX_RELATED: usize = 100;

/// The answer to `annals related`.
#[derive(Debug, Clone, Serialize)]
pub struct Related {
    /// The article related ones are like.
    pub id: String,
    pub title: String,
    /// The section, when one was named: its heading path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The words similarity was measured by, most telling first.
    pub words: Vec<String>,
    /// The source's books other articles were looked for by.
    pub books: Vec<Book>,
    pub related: Vec<RelatedHit>,
}

/// One related article, or one section when a section was asked about.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedHit {
    pub id: String,
    pub title: String,
    /// The article's file, with the corpus folder in front.
    pub path: String,
    /// The most similar section's heading path (empty for the lead section).
    pub heading: String,
    /// That section's anchor, for `annals show ID#ANCHOR`.
    pub anchor: String,
    pub year: Option<i64>,
    /// Text similarity plus shared books (see the module's documentation).
    pub score: f32,
    /// Text similarity relative to the most similar candidate, 0 to 1.
    pub similarity: f32,
    /// Words of the source the most similar section holds, most telling first: why the
    /// text made it related.
    pub words: Vec<String>,
    /// Books both reading lists name: why the books made it related.
    pub books: Vec<Book>,
}

impl Engine {
    /// The articles most like the one `target` names (`ID`, a path as searches print it, or
    /// either with `#SECTION` for the sections most like that section), best first.
    ///
    /// Errors: [`crate::Error::InvalidOption`] when the target names no article or section.
    pub fn related(&self, target: &str, limit: usize) -> Result<Related> {
        let (article, section) = self.show(target, None)?;
        let searcher = self.reader().searcher();
        let fields = &self.index().fields;
        let stats = SearchStats::new(&searcher);
        // A reading list's words are its books, which count as books, not as text.
        let texts: Vec<Vec<&str>> = match section {
            Some(i) => vec![own_texts(&article, i)],
            None => (0..article.sections.len())
                .filter(|&i| !is_reading_list(&article.sections[i].heading))
                .map(|i| own_texts(&article, i))
                .collect(),
        };
        let own: Vec<Vec<&str>> = (0..article.sections.len())
            .map(|i| own_texts(&article, i))
            .chain(book_texts(&article))
            .collect();
        let words = telling_words(&stats, fields, &article.lang, &texts, &own)?;
        let books: Vec<Book> = article
            .sections
            .iter()
            .enumerate()
            .filter(|(i, _)| section.is_none_or(|only| only == *i))
            .flat_map(|(_, s)| s.books.iter().cloned())
            .collect();

        let mut candidates: BTreeMap<(String, String), Candidate> = BTreeMap::new();
        let by_section = section.is_some();
        for (score, address) in self.similar_sections(&searcher, &stats, &article, &words)? {
            let doc: Stored = searcher.doc(address)?;
            let text = |field| doc.text(field).to_string();
            let heading = text(fields.heading);
            if is_reading_list(&heading) {
                continue;
            }
            let key = (
                text(fields.article),
                if by_section {
                    heading.clone()
                } else {
                    String::new()
                },
            );
            if candidates.contains_key(&key) {
                continue; // a better section of the same article came first
            }
            let shared = shared_words(&searcher, fields, address, &words)?;
            candidates.insert(
                key,
                Candidate::new(&doc, fields, heading, score, shared, self),
            );
        }
        for (id, shared) in self.sharing_books(&searcher, fields, &books, &article.id)? {
            let mut found = false;
            for ((candidate_id, _), candidate) in candidates.iter_mut() {
                if *candidate_id == id {
                    candidate.hit.books = shared.clone();
                    found = true;
                }
            }
            if !found && !by_section {
                if let Some(lead) = self.lead_section(&searcher, &id)? {
                    let doc: Stored = searcher.doc(lead)?;
                    let heading = doc.text(fields.heading).to_string();
                    let mut candidate =
                        Candidate::new(&doc, fields, heading, 0.0, Vec::new(), self);
                    candidate.hit.books = shared;
                    candidates.insert((id, String::new()), candidate);
                }
            }
        }

        let best = candidates
            .values()
            .map(|c| c.text_score)
            .fold(0.0_f32, f32::max);
        let mut related: Vec<RelatedHit> = candidates
            .into_values()
            .map(|mut c| {
                c.hit.similarity = if best > 0.0 { c.text_score / best } else { 0.0 };
                let n = c.hit.books.len() as f32;
                c.hit.score = c.hit.similarity + n / (n + 1.0);
                c.hit
            })
            .collect();
        related.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.id.cmp(&b.id))
                .then_with(|| a.heading.cmp(&b.heading))
        });
        related.truncate(limit);
        Ok(Related {
            section: section.map(|i| article.sections[i].heading.clone()),
            id: article.id,
            title: article.title,
            words: words.iter().map(|w| w.shown.clone()).collect(),
            books,
            related,
        })
    }

    /// The sections of other articles best matching `words`, best first.
    fn similar_sections(
        &self,
        searcher: &Searcher,
        stats: &SearchStats,
        article: &Article,
        words: &[Word],
    ) -> Result<Vec<(f32, DocAddress)>> {
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let fields = &self.index().fields;
        let heaviest = words[0].weight;
        let union = TermUnion::new(
            words
                .iter()
                .map(|w| (w.term.clone(), w.weight / heaviest))
                .collect(),
        );
        let own: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(fields.article, &article.id),
            IndexRecordOption::Basic,
        ));
        let sections = SearchOptions {
            kind: KindFilter::Section,
            ..SearchOptions::default()
        };
        let filtered = self.filtered(Box::new(union.clone()), vec![own], &sections, false);
        let (found, _) = top::search(
            searcher,
            stats,
            &union,
            &*filtered,
            top::Wanted::best(CANDIDATE_SECTIONS, CANDIDATE_SECTIONS),
            top::NOTHING,
        )?;
        Ok(found.hits)
    }

    /// Other articles whose reading lists name any of `books`: each with the books shared,
    /// in the order of `books`.
    fn sharing_books(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        books: &[Book],
        own_id: &str,
    ) -> Result<BTreeMap<String, Vec<Book>>> {
        let mut sharing: BTreeMap<String, Vec<Book>> = BTreeMap::new();
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut analyzer = text_analyzer();
        for book in books {
            let key = normalize(&book.title);
            if key.is_empty() || !seen.insert((key.clone(), book_author_key(book))) {
                continue;
            }
            // Entries whose book field holds every word of the title, then compared whole.
            let mut stream = analyzer.token_stream(&book.title);
            let mut terms: Vec<Box<dyn Query>> = Vec::new();
            while let Some(token) = stream.next() {
                terms.push(Box::new(TermQuery::new(
                    Term::from_field_text(fields.book, &token.text),
                    IndexRecordOption::Basic,
                )));
            }
            if terms.is_empty() {
                continue;
            }
            let mut addresses: Vec<DocAddress> = searcher
                .search(&checked::intersection(terms), &DocSetCollector)?
                .into_iter()
                .collect();
            addresses.sort();
            for address in addresses {
                let doc: Stored = searcher.doc(address)?;
                let id = doc.text(fields.article).to_string();
                let other = Book::from_doc(&doc, fields);
                if id == own_id || !same_book(book, &other) {
                    continue;
                }
                let shared = sharing.entry(id).or_default();
                if !shared.iter().any(|b| normalize(&b.title) == key) {
                    shared.push(book.clone());
                }
            }
        }
        Ok(sharing)
    }

    /// The first section of article `id`.
    fn lead_section(&self, searcher: &Searcher, id: &str) -> Result<Option<DocAddress>> {
        let fields = &self.index().fields;
        let found = searcher.search(
            &TermQuery::new(
                Term::from_field_text(fields.article, id),
                IndexRecordOption::Basic,
            ),
            &DocSetCollector,
        )?;
        let mut lead: Option<(u64, DocAddress)> = None;
        for address in found {
            let doc: Stored = searcher.doc(address)?;
            if doc.text(fields.kind) != DocKind::Section.as_str() {
                continue;
            }
            let position = doc
                .first(fields.position)
                .and_then(|v| v.as_u64())
                .unwrap_or(u64::MAX);
            if lead.is_none_or(|(p, _)| position < p) {
                lead = Some((position, address));
            }
        }
        Ok(lead.map(|(_, a)| a))
    }
}

/// A related article being gathered: its text score before it is made relative.
struct Candidate {
    text_score: f32,
    hit: RelatedHit,
}

impl Candidate {
    fn new(
        doc: &Stored,
        fields: &Fields,
        heading: String,
        text_score: f32,
        words: Vec<String>,
        engine: &Engine,
    ) -> Candidate {
        Candidate {
            text_score,
            hit: RelatedHit {
                id: doc.text(fields.article).to_string(),
                title: Fields::shown_title(
                    doc.text(fields.title).to_string(),
                    doc.text(fields.untitled),
                ),
                path: engine.index().payload.shown_path(doc.text(fields.file)),
                anchor: anchor(&heading),
                heading,
                year: doc.first(fields.article_year).and_then(|v| v.as_i64()),
                score: 0.0,
                similarity: 0.0,
                words,
                books: Vec::new(),
            },
        }
    }
}

/// Whether a section with this heading path is a reading list.
fn is_reading_list(heading: &str) -> bool {
    crate::corpus::is_reading_heading(&[heading])
}

fn book_author_key(book: &Book) -> String {
    book.author.as_deref().map(normalize).unwrap_or_default()
}
