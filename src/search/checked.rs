//! Boolean queries whose clauses can explain any document, matching or not.
//!
//! tantivy's boolean, phrase and range weights explain a document by seeking a fresh
//! scorer to it, and seeking backwards is a contract violation (a debug assertion): a
//! boolean explains each of its clauses, and a clause that does not match the document
//! may already stand past it. Every boolean query of the search is built here, with each
//! clause wrapped so that it answers "does not match" without seeking in that case.
//! Everything but explaining is passed through untouched, so the wrapped weights keep
//! tantivy's specialised scorers; but for an excluded clause's scorer, which tantivy asks
//! about the first document that might match before that scorer's own first match, and
//! which must answer "no" there rather than seek backwards (see [`Forward`]).

use tantivy::query::{
    BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
};
use tantivy::{
    DocId, DocSet, Score, SeekDangerResult, SegmentReader, TantivyError, Term, TERMINATED,
};

/// A boolean query of `clauses`, each able to explain documents it does not match.
pub(crate) fn boolean(clauses: Vec<(Occur, Box<dyn Query>)>) -> BooleanQuery {
    BooleanQuery::new(
        clauses
            .into_iter()
            .map(|(occur, query)| {
                let excludes = occur == Occur::MustNot;
                (
                    occur,
                    Box::new(Checked {
                        query,
                        excludes,
                        label: None,
                    }) as Box<dyn Query>,
                )
            })
            .collect(),
    )
}

/// Documents matching any of `queries`, scored as the sum of those they match.
pub(crate) fn union(queries: Vec<Box<dyn Query>>) -> BooleanQuery {
    boolean(queries.into_iter().map(|q| (Occur::Should, q)).collect())
}

/// `query`, its explanation of a document it matches saying `label` (`[label]` in
/// `--explain`).
pub(crate) fn labelled(query: Box<dyn Query>, label: String) -> Box<dyn Query> {
    Box::new(Checked {
        query,
        excludes: false,
        label: Some(label),
    })
}

/// Documents matching all of `queries`.
pub(crate) fn intersection(queries: Vec<Box<dyn Query>>) -> BooleanQuery {
    boolean(queries.into_iter().map(|q| (Occur::Must, q)).collect())
}

/// Whether `weight` matches `doc` of `reader`, found without seeking backwards.
pub(crate) fn matches(
    weight: &dyn Weight,
    reader: &SegmentReader,
    doc: DocId,
) -> tantivy::Result<bool> {
    Ok(reaches(&mut *weight.scorer(reader, 1.0)?, doc))
}

/// Whether `docset` holds `doc`, moved forward to it if it is behind: a docset already
/// past `doc` is not sought backwards, which tantivy's scorers do not allow.
pub(crate) fn reaches<D: DocSet + ?Sized>(docset: &mut D, doc: DocId) -> bool {
    docset.doc() == doc || (docset.doc() < doc && docset.seek(doc) == doc)
}

/// The error tantivy's weights give when asked to explain a document they do not match.
pub(crate) fn does_not_match(doc: DocId) -> TantivyError {
    TantivyError::InvalidArgument(format!("document #({doc}) does not match"))
}

/// `query` itself, or the query it wraps when [`boolean`] wrapped it.
pub(crate) fn unchecked(query: &dyn Query) -> &dyn Query {
    match query.downcast_ref::<Checked>() {
        Some(checked) => &*checked.query,
        None => query,
    }
}

/// A clause, whether it excludes (`Occur::MustNot`), and what its explanations say.
#[derive(Debug)]
struct Checked {
    query: Box<dyn Query>,
    excludes: bool,
    label: Option<String>,
}

impl Clone for Checked {
    fn clone(&self) -> Checked {
        Checked {
            query: self.query.box_clone(),
            excludes: self.excludes,
            label: self.label.clone(),
        }
    }
}

impl Query for Checked {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(CheckedWeight {
            weight: self.query.weight(enable_scoring)?,
            excludes: self.excludes,
            label: self.label.clone(),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor);
    }
}

/// A clause's weight, whether the clause excludes, and what its explanations say.
struct CheckedWeight {
    weight: Box<dyn Weight>,
    excludes: bool,
    label: Option<String>,
}

impl Weight for CheckedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.weight.scorer(reader, boost)?;
        // What matches nothing in the segment (a phrase whose words never meet) is tantivy's
        // empty scorer, which tantivy leaves out: an exclusion would otherwise seek a
        // finished phrase scorer back to the segment's first document.
        Ok(match (scorer.doc() == TERMINATED, self.excludes) {
            (true, _) => Box::new(EmptyScorer),
            (false, true) => Box::new(Forward(scorer)),
            (false, false) => scorer,
        })
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        self.weight.scorer_danger(reader, target, boost)
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if !matches(&*self.weight, reader, doc)? {
            return Err(does_not_match(doc));
        }
        let mut explanation = self.weight.explain(reader, doc)?;
        if let Some(label) = &self.label {
            explanation.add_context(label.clone());
        }
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.weight.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.weight.for_each(reader, callback)
    }

    fn for_each_no_score(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(&[DocId]),
    ) -> tantivy::Result<()> {
        self.weight.for_each_no_score(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        self.weight.for_each_pruning(threshold, reader, callback)
    }
}

/// An excluded clause's scorer, asked only whether it holds each candidate document
/// (`seek_danger`). tantivy's exclusion asks first about the other clauses' first document,
/// which may come before this scorer's first match; tantivy's phrase scorer takes that for
/// seeking backwards (a debug assertion). Below its current document a scorer holds nothing
/// not yet passed, so the answer there is "no, nothing before this one".
struct Forward(Box<dyn Scorer>);

impl DocSet for Forward {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        match target <= self.0.doc() {
            true => self.0.doc(),
            false => self.0.seek(target),
        }
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        let doc = self.0.doc();
        match target < doc {
            true => SeekDangerResult::SeekLowerBound(doc),
            false => self.0.seek_danger(target),
        }
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for Forward {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{PhraseQuery, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::DocAddress;

    use crate::search::test_index::one_field;

    #[test]
    fn excludes_a_phrase_first_found_past_the_first_candidate() {
        let (index, body) = one_field([[
            "rapallo agreed",
            "rapallo again",
            "the rapallo settlement",
            "rapallo later",
        ]]);
        let searcher = index.reader().unwrap().searcher();
        let term = |t: &str| Term::from_field_text(body, t);
        let word = TermQuery::new(term("rapallo"), IndexRecordOption::WithFreqs);
        let phrase = PhraseQuery::new(vec![term("rapallo"), term("settlement")]);
        // tantivy asks the phrase about document 0 while it stands at document 2.
        let query = boolean(vec![
            (Occur::Should, Box::new(word)),
            (Occur::MustNot, Box::new(phrase)),
        ]);
        let top = searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        let mut docs: Vec<u32> = top.iter().map(|(_, a)| a.doc_id).collect();
        docs.sort_unstable();
        assert_eq!(docs, [0, 1, 3]);
    }

    /// A phrase that starts past the document, inside a union that matches it: tantivy's
    /// own boolean seeks the phrase backwards (a debug assertion); the checked one
    /// explains the matching clause alone.
    #[test]
    fn explains_a_union_whose_phrase_starts_past_the_document() {
        let (index, body) = one_field([["treaty", "treaty of rapallo"]]);
        let searcher = index.reader().unwrap().searcher();
        let term = |t: &str| Term::from_field_text(body, t);
        let phrase = PhraseQuery::new(vec![term("of"), term("rapallo")]);
        let word = TermQuery::new(term("treaty"), IndexRecordOption::WithFreqs);
        let inner = union(vec![Box::new(phrase), Box::new(word)]);
        let outer = union(vec![Box::new(inner)]);
        let first = DocAddress::new(0, 0);
        let explanation = outer.explain(&searcher, first).unwrap();
        let top = searcher
            .search(&outer, &TopDocs::with_limit(2).order_by_score())
            .unwrap();
        let score = top.iter().find(|(_, a)| *a == first).unwrap().0;
        assert!((explanation.value() - score).abs() < 1e-6);
        assert!(outer.explain(&searcher, DocAddress::new(0, 1)).is_ok());
        let rapallo = TermQuery::new(term("rapallo"), IndexRecordOption::Basic);
        let weight = intersection(vec![Box::new(rapallo)])
            .weight(EnableScoring::disabled_from_searcher(&searcher))
            .unwrap();
        let segment = searcher.segment_reader(0);
        assert!(!matches(&*weight, segment, 0).unwrap());
        assert!(matches(&*weight, segment, 1).unwrap());
    }
}
