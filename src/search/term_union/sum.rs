//! A union of a few terms scored document by document, cheap to seek.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, Scorer};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Unions of up to this many terms are scored document by document by [`SumScorer`]:
/// looking at each term for each document costs more than tantivy's buffered union beyond
/// a handful, as a prefix's expansions would be.
pub(super) const MAX_SUMMED_TERMS: usize = 4;

/// Unions of up to this many terms are scored by [`SumScorer`] where they are sought rather
/// than walked (see [`super::TermUnion::sought`]): a word with a misspelling's variants.
pub(super) const MAX_SOUGHT_TERMS: usize = 32;

/// The scorer of `terms` (each with its BM25 weight) in `reader`, all boosted by `boost`,
/// whose matches are those of the first `drivers` terms (see [`super::TermUnion::matched_in`]).
pub(super) fn scorer(
    reader: &SegmentReader,
    terms: &[(Term, Bm25Weight)],
    drivers: usize,
    boost: Score,
) -> tantivy::Result<Box<dyn Scorer>> {
    let mut summed = Vec::with_capacity(terms.len());
    let mut driving = 0;
    for (i, (term, bm25)) in terms.iter().enumerate() {
        if let Some(term) = Summed::open(reader, term, bm25, boost)? {
            driving += usize::from(i < drivers);
            summed.push(term);
        }
    }
    if driving == 0 {
        // tantivy leaves out what it knows matches nothing, as an exclusion.
        return Ok(Box::new(EmptyScorer));
    }
    Ok(Box::new(SumScorer::new(summed, driving)))
}

/// The documents of any of a few terms, scoring the sum of the terms' BM25 on the document,
/// in the terms' order, as tantivy's term scorers would. Unlike tantivy's union, which
/// scores a window of 4,096 documents at a time into buffers it clears at each jump, it
/// costs nothing to seek: in an intersection of words, each a union of its fields,
/// tantivy's union spent most of the search clearing buffers (BENCHMARKS.md).
///
/// Only the first `drivers` terms are walked; the others hold no document those do not,
/// and are sought only in the documents scored.
struct SumScorer {
    terms: Vec<Summed>,
    drivers: usize,
    doc: DocId,
}

/// One term of a [`SumScorer`], or a term looked up only in the documents scored.
pub(super) struct Summed {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
}

impl Summed {
    /// The postings of `term` in `reader` with its BM25 weight boosted by `boost`, or
    /// `None` where the segment does not hold it.
    pub(super) fn open(
        reader: &SegmentReader,
        term: &Term,
        bm25: &Bm25Weight,
        boost: Score,
    ) -> tantivy::Result<Option<Summed>> {
        let inverted = reader.inverted_index(term.field())?;
        let Some(postings) = inverted.read_postings(term, IndexRecordOption::WithFreqs)? else {
            return Ok(None);
        };
        Ok(Some(Summed {
            postings,
            fieldnorms: reader.get_fieldnorms_reader(term.field())?,
            bm25: bm25.boost_by(boost),
        }))
    }

    /// Add the term's score in `doc` to `sum` if it holds `doc`, seeking it there first
    /// when it is behind: `doc`s must come in increasing order.
    #[inline]
    pub(super) fn add_score(&mut self, doc: DocId, sum: &mut Score) {
        if self.postings.doc() < doc {
            self.postings.seek(doc);
        }
        if self.postings.doc() == doc {
            let norm = self.fieldnorms.fieldnorm_id(doc);
            *sum += self.bm25.score(norm, self.postings.term_freq());
        }
    }
}

impl SumScorer {
    fn new(terms: Vec<Summed>, drivers: usize) -> SumScorer {
        let doc = (terms[..drivers].iter())
            .map(|t| t.postings.doc())
            .min()
            .unwrap_or(TERMINATED);
        SumScorer {
            terms,
            drivers,
            doc,
        }
    }
}

impl DocSet for SumScorer {
    fn advance(&mut self) -> DocId {
        let (doc, mut next) = (self.doc, TERMINATED);
        for term in &mut self.terms[..self.drivers] {
            let mut at = term.postings.doc();
            if at == doc {
                at = term.postings.advance();
            }
            next = next.min(at);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for term in &mut self.terms[..self.drivers] {
            let mut at = term.postings.doc();
            if at < target {
                at = term.postings.seek(target);
            }
            next = next.min(at);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        (self.terms[..self.drivers].iter())
            .map(|t| t.postings.size_hint())
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        (self.terms[..self.drivers].iter())
            .map(|t| t.postings.cost())
            .sum()
    }
}

impl Scorer for SumScorer {
    fn score(&mut self) -> Score {
        // The walked terms stand at or past the document; the others are sought to it.
        let mut sum = 0.0;
        for term in &mut self.terms {
            term.add_score(self.doc, &mut sum);
        }
        sum
    }
}
