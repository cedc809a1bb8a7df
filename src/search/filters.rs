//! What a search's options leave of a query: the kinds, years and language asked for,
//! and what the query excludes. Filters do not add to the score.

use std::ops::Bound;

use tantivy::query::{ConstScoreQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::{checked, Engine, KindFilter, SearchOptions};
use crate::schema::DocKind;

impl Engine {
    /// `query` restricted to the requested kinds and years, minus `exclude`. Filters do not
    /// add to the score.
    pub(super) fn filtered(
        &self,
        query: Box<dyn Query>,
        exclude: Vec<Box<dyn Query>>,
        options: &SearchOptions,
        matches_all: bool,
    ) -> Box<dyn Query> {
        let fields = &self.index.fields;
        let kind = |k: DocKind| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(fields.kind, k.as_str()),
                IndexRecordOption::Basic,
            ))
        };
        // Only bookkeeping documents are neither sections nor reading entries, and they hold
        // no words: excluding them is much cheaper than requiring either kind, and needed
        // only when the query matches every document.
        let kinds: Option<(Occur, Box<dyn Query>)> = match options.kind {
            KindFilter::Section => Some((Occur::Must, kind(DocKind::Section))),
            KindFilter::Reading => Some((Occur::Must, kind(DocKind::Reading))),
            KindFilter::All if matches_all => Some((Occur::MustNot, kind(DocKind::File))),
            KindFilter::All => None,
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        if let Some((occur, kinds)) = kinds {
            clauses.push((occur, Box::new(ConstScoreQuery::new(kinds, 0.0))));
        }
        if !options.years.is_open() {
            let bound = |y: Option<i64>| {
                y.map_or(Bound::Unbounded, |y| {
                    Bound::Included(Term::from_field_i64(fields.year, y))
                })
            };
            let years = RangeQuery::new(bound(options.years.from), bound(options.years.to));
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(years), 0.0)),
            ));
        }
        if let Some(lang) = options.lang {
            let lang = TermQuery::new(
                Term::from_field_text(fields.lang, lang),
                IndexRecordOption::Basic,
            );
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(Box::new(lang), 0.0)),
            ));
        }
        clauses.extend(exclude.into_iter().map(|q| (Occur::MustNot, q)));
        if clauses.len() == 1 {
            return clauses.pop().expect("one clause").1;
        }
        Box::new(checked::boolean(clauses))
    }
}
