//! Searching: ranked hits with snippets for a query and options.
//!
//! Every word is required first; when fewer hits than asked for contain every word, hits
//! containing only some of them fill the rest of the page, ranked below all complete
//! matches, and the results say so (`relaxed`).

mod hit;
mod options;
mod query;
mod snippet;

pub use hit::{Book, Hit, SearchResults};
pub use options::{KindFilter, SearchOptions, YearRange, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET};
pub use snippet::{escape_html, Snippet, SNIPPET_CHARS};

use std::ops::Bound;
use std::path::Path;
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, IndexReader, Searcher, Term};

use crate::error::Result;
use crate::index::AnnalsIndex;
use crate::schema::DocKind;
use query::{Compiler, Mode};
use snippet::Snippets;

/// An opened index ready to answer searches.
pub struct Engine {
    index: AnnalsIndex,
    reader: IndexReader,
}

/// One ranked candidate: score, address, and whether it contains every word.
type Candidate = (f32, DocAddress, bool);

impl Engine {
    /// Open the index at `path` for one-shot searching (no background reloading).
    pub fn open(path: &Path) -> Result<Engine> {
        let index = AnnalsIndex::open(path)?;
        let reader = index.reader()?;
        Ok(Engine { index, reader })
    }

    /// Search with a reader of the caller's choosing (a server keeps one that reloads).
    pub fn with_reader(index: AnnalsIndex, reader: IndexReader) -> Engine {
        Engine { index, reader }
    }

    /// The index this engine searches.
    pub fn index(&self) -> &AnnalsIndex {
        &self.index
    }

    /// The reader this engine searches with.
    pub fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// Run `query_text` with `options`.
    ///
    /// Errors: [`crate::Error::Query`] for malformed queries (with the position),
    /// [`crate::Error::InvalidOption`] for bad options.
    pub fn search(&self, query_text: &str, options: &SearchOptions) -> Result<SearchResults> {
        let started = Instant::now();
        options.validate()?;
        let parsed = query::parse(query_text)?;
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        let mut compiler = Compiler::new(fields, &searcher);
        let mut results = SearchResults::empty(query_text);
        let Some(strict) = compiler.compile(&parsed, Mode::AllWords)? else {
            results.took_ms = elapsed_ms(started);
            return Ok(results);
        };
        let want = options.offset + options.limit;
        let filtered = self.filtered(strict.box_clone(), None, options);
        let (complete, complete_total) = searcher.search(
            &*filtered,
            &(TopDocs::with_limit(want).order_by_score(), Count),
        )?;
        let mut ranked: Vec<Candidate> = complete.into_iter().map(|(s, a)| (s, a, true)).collect();
        results.total = complete_total;

        let mut loose_query = None;
        if complete_total < want && parsed.can_relax {
            if let Some(loose) = compiler.compile(&parsed, Mode::AnyWord)? {
                let filtered = self.filtered(loose.box_clone(), Some(strict.box_clone()), options);
                let (partial, partial_total) = searcher.search(
                    &*filtered,
                    &(
                        TopDocs::with_limit(want - ranked.len()).order_by_score(),
                        Count,
                    ),
                )?;
                results.total += partial_total;
                ranked.extend(partial.into_iter().map(|(s, a)| (s, a, false)));
                loose_query = Some(loose);
            }
        }

        let page: Vec<Candidate> = ranked
            .into_iter()
            .skip(options.offset)
            .take(options.limit)
            .collect();
        results.relaxed = page.iter().any(|c| !c.2);
        let strict_snippets = Snippets::new(&searcher, &*strict, fields.body);
        let loose_snippets = loose_query.map(|q| Snippets::new(&searcher, &*q, fields.body));
        for (i, (score, address, complete)) in page.into_iter().enumerate() {
            let snippets = match (&loose_snippets, complete) {
                (Some(loose), false) => loose,
                _ => &strict_snippets,
            };
            let mut hit = self.hit(&searcher, address, score, snippets)?;
            hit.rank = options.offset + i + 1;
            hit.partial = !complete;
            results.hits.push(hit);
        }
        results.took_ms = elapsed_ms(started);
        Ok(results)
    }

    /// `query` restricted to the requested kinds and years, minus `exclude`. Filters do not
    /// add to the score.
    fn filtered(
        &self,
        query: Box<dyn Query>,
        exclude: Option<Box<dyn Query>>,
        options: &SearchOptions,
    ) -> Box<dyn Query> {
        let fields = &self.index.fields;
        let kind = |k: DocKind| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(fields.kind, k.as_str()),
                IndexRecordOption::Basic,
            ))
        };
        let kinds: Box<dyn Query> = match options.kind {
            KindFilter::Section => kind(DocKind::Section),
            KindFilter::Reading => kind(DocKind::Reading),
            KindFilter::All => Box::new(BooleanQuery::union(vec![
                kind(DocKind::Section),
                kind(DocKind::Reading),
            ])),
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, query),
            (Occur::Must, Box::new(ConstScoreQuery::new(kinds, 0.0))),
        ];
        if !options.years.is_open() {
            let bound = |y: Option<u64>| {
                y.map_or(Bound::Unbounded, |y| {
                    Bound::Included(Term::from_field_u64(fields.year, y))
                })
            };
            let years = RangeQuery::new(bound(options.years.from), bound(options.years.to));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(years), 0.0)),
            ));
        }
        if let Some(exclude) = exclude {
            clauses.push((Occur::MustNot, exclude));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        snippets: &Snippets,
    ) -> Result<Hit> {
        let doc = searcher.doc(address)?;
        Ok(Hit::from_doc(&doc, &self.index, score, snippets))
    }
}

fn elapsed_ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}
