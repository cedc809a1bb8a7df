//! Any of several terms, each with its own weight, scored as the sum of the terms found: a
//! word looked for in every field, with its misspelling variants.
//!
//! tantivy's union runs block-max WAND, which skips little when the terms are in many
//! documents: a dense word took longer pruned than scored in full. For a dense union, the
//! top documents are found here with MaxScore instead (Turtle and Flood, 1995, as Lucene
//! does for disjunctions): once the best documents so far score above what the weakest
//! terms could add up to, only documents holding one of the others are visited, and the
//! weak terms are looked up in them only while the document can still enter. Other unions
//! keep tantivy's WAND, which reads block bounds from the skip lists without decoding the
//! blocks (an API tantivy keeps to itself): fewer instructions went to MaxScore there too,
//! but one-shot searches of common words were slower with it (see BENCHMARKS.md).

use std::fmt;

use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Explanation, Query, Scorer, TermQuery,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::checked;
use super::top::are_dense;
use crate::analyzer::FOLDED_STEM;
use crate::language::read_mark;
use sum::{MAX_SOUGHT_TERMS, MAX_SUMMED_TERMS};

mod all_words;
mod max_score;
mod sum;

pub(crate) use all_words::AllWords;

/// Documents holding any of the terms; each term found adds its BM25 score times its weight.
#[derive(Clone)]
pub(crate) struct TermUnion {
    terms: Vec<(Term, Score)>,
    /// Whether to prune with MaxScore whatever the terms' density (for tests).
    always_max_score: bool,
    /// Whether the union is sought from document to document (a word of several that
    /// must all match) rather than walked: see [`TermUnion::sought`].
    sought: bool,
    /// The field whose terms alone tell which documents match, if any: see
    /// [`TermUnion::matched_in`].
    matched_in: Option<Field>,
}

impl TermUnion {
    /// The union of `terms`, each with its weight. The same documents and scores as a
    /// `BooleanQuery::union` of `BoostQuery(TermQuery)`s, found faster by [`Weight::for_each_pruning`].
    pub(crate) fn new(terms: Vec<(Term, Score)>) -> TermUnion {
        TermUnion {
            terms,
            always_max_score: false,
            sought: false,
            matched_in: None,
        }
    }

    /// The same union, where the terms of `field` hold every document the others do (a
    /// catch-all field holding the other fields' text, analysed as they are): documents
    /// are then found from `field`'s terms alone, and the others are looked up only in
    /// them, to add to their scores. The documents and scores are those of the union.
    pub(crate) fn matched_in(self, field: Field) -> TermUnion {
        TermUnion {
            matched_in: Some(field),
            ..self
        }
    }

    /// The same union, to be sought from document to document, as a word intersected
    /// with others is: then up to [`MAX_SOUGHT_TERMS`] terms are summed document by
    /// document, which costs nothing to seek, where tantivy's buffered union clears its
    /// window of 4,096 documents at each jump (a misspelling's variants make a word's union
    /// larger than [`MAX_SUMMED_TERMS`]).
    pub(crate) fn sought(self) -> TermUnion {
        TermUnion {
            sought: true,
            ..self
        }
    }

    /// How many terms are summed document by document at most.
    fn max_summed(&self) -> usize {
        match self.sought {
            true => MAX_SOUGHT_TERMS,
            false => MAX_SUMMED_TERMS,
        }
    }

    /// [`TermUnion::new`], pruned with MaxScore even where the terms are not dense.
    #[cfg(test)]
    pub(crate) fn with_max_score(terms: Vec<(Term, Score)>) -> TermUnion {
        TermUnion {
            always_max_score: true,
            ..TermUnion::new(terms)
        }
    }

    /// The terms, each with its weight.
    pub(crate) fn terms(&self) -> &[(Term, Score)] {
        &self.terms
    }

    /// How many of the first terms tell which documents match: those of the field the
    /// union is [matched in](TermUnion::matched_in), when they come before all others;
    /// else every term.
    pub(crate) fn drivers(&self) -> usize {
        let Some(field) = self.matched_in else {
            return self.terms.len();
        };
        let leading = (self.terms.iter())
            .take_while(|(term, _)| term.field() == field)
            .count();
        let after = self.terms[leading..]
            .iter()
            .any(|(t, _)| t.field() == field);
        match leading == 0 || after {
            true => self.terms.len(),
            false => leading,
        }
    }

    /// The union's weight: each term's BM25 weight for MaxScore and [`SumScorer`] (all of
    /// them when `every_term`, else only where one of those is used), and tantivy's own
    /// weight of the union beside them. `None` when scoring is disabled: then tantivy's
    /// weight alone serves.
    fn union_weight(
        &self,
        enable_scoring: EnableScoring<'_>,
        every_term: bool,
    ) -> tantivy::Result<Option<TermUnionWeight>> {
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = enable_scoring
        else {
            return Ok(None);
        };
        let boolean = self.as_boolean().weight(enable_scoring)?;
        let num_docs = statistics_provider.total_num_docs()?;
        let terms = self.terms.iter().map(|(term, _)| term);
        let max_score = self.always_max_score || are_dense(statistics_provider, num_docs, terms)?;
        // MaxScore's cursors and the summing scorer score with each term's own BM25
        // weight, as tantivy's term scorers do; a weight costs a table of 256 scores.
        let mut terms = Vec::new();
        let summed = self.terms.len() <= self.max_summed();
        for (term, weight) in (self.terms.iter()).filter(|_| every_term || max_score || summed) {
            let bm25 = Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?;
            terms.push((term.clone(), bm25.boost_by(*weight)));
        }
        Ok(Some(TermUnionWeight {
            boolean,
            drivers: self.drivers(),
            terms,
            max_summed: self.max_summed(),
            max_score,
            weighted: self.terms.clone(),
        }))
    }

    /// The same query in tantivy's own terms, which scores it document by document.
    fn as_boolean(&self) -> BooleanQuery {
        BooleanQuery::union(
            self.terms
                .iter()
                .map(|(term, weight)| {
                    let query =
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                    match *weight == 1.0 {
                        true => query as Box<dyn Query>,
                        false => Box::new(BoostQuery::new(query, *weight)),
                    }
                })
                .collect(),
        )
    }
}

impl fmt::Debug for TermUnion {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "TermUnion({:?})", self.terms)
    }
}

impl Query for TermUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match self.union_weight(enable_scoring, false)? {
            Some(weight) => Ok(Box::new(weight)),
            None => self.as_boolean().weight(enable_scoring),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (term, _) in &self.terms {
            visitor(term, false);
        }
    }
}

struct TermUnionWeight {
    /// Scores document by document: for everything but finding the top documents.
    boolean: Box<dyn Weight>,
    /// Each term with its BM25 weight, boosted, for MaxScore and [`SumScorer`]; empty
    /// where neither is used.
    terms: Vec<(Term, Bm25Weight)>,
    /// How many of the first `terms` tell which documents match (see
    /// [`TermUnion::matched_in`]).
    drivers: usize,
    /// Unions of up to this many terms are scored by [`SumScorer`].
    max_summed: usize,
    /// Whether to find the top documents with MaxScore rather than tantivy's WAND.
    max_score: bool,
    /// Every term with its weight, to name them in explanations.
    weighted: Vec<(Term, Score)>,
}

impl Weight for TermUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        if self.terms.is_empty() || self.terms.len() > self.max_summed {
            return self.boolean.scorer(reader, boost);
        }
        sum::scorer(reader, &self.terms, self.drivers, boost)
    }

    /// tantivy's explanation of the sum, with the terms the document holds named in its
    /// context in the order of the details (`field:term ×weight`).
    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut explanation = self.boolean.explain(reader, doc)?;
        for (term, weight) in &self.weighted {
            let postings = reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::Basic)?;
            if postings.is_some_and(|mut p| checked::reaches(&mut p, doc)) {
                let field = reader.schema().get_field_name(term.field());
                let value = term.value();
                let text = value.as_str().unwrap_or_default();
                let context = match (text.strip_prefix(FOLDED_STEM), read_mark(text)) {
                    (Some(stem), _) => {
                        format!("{field}:{stem} (as typed without accents) ×{weight}")
                    }
                    (None, Some((code, length))) => {
                        format!("{field}:{} ({code} stem) ×{weight}", &text[length..])
                    }
                    (None, None) => format!("{field}:{text} ×{weight}"),
                };
                explanation.add_context(context);
            }
        }
        Ok(explanation)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.boolean.count(reader)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        self.boolean.for_each(reader, callback)
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        if !self.max_score {
            return self.boolean.for_each_pruning(threshold, reader, callback);
        }
        // Every match scores above zero, so while the threshold is not (the first matches
        // are being counted) nothing can be skipped, and tantivy's union, which scores
        // blocks of documents at once, is the faster way through them.
        let mut threshold = threshold;
        let mut start = 0;
        if threshold <= 0.0 {
            let mut scorer = self.boolean.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED && threshold <= 0.0 {
                threshold = callback(doc, scorer.score());
                doc = scorer.advance();
            }
            if doc == TERMINATED {
                return Ok(());
            }
            start = doc;
        }
        max_score::for_each_pruning(reader, &self.terms, start, threshold, callback)
    }
}

#[cfg(test)]
mod tests;
