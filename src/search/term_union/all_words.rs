//! Documents holding every one of several words, each a [`TermUnion`] whose documents one
//! term tells (see [`TermUnion::matched_in`]): those terms' postings are intersected
//! directly, and each word's other terms are looked up only in the documents that hold
//! every word.
//!
//! tantivy intersects its clauses' scorers through a call to each, and each seek searches
//! a whole block of 128 documents. Here the intersection is one loop over the blocks as
//! tantivy decodes them, looking a few documents ahead before searching the block
//! (BENCHMARKS.md, "Two words: one loop over the catch-all postings").

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

use super::sum::{Summed, MAX_SOUGHT_TERMS};
use super::{TermUnion, TermUnionWeight};
use crate::search::checked;

/// Documents holding every one of its words: the documents and scores of a boolean
/// intersection of the words' unions, found faster.
#[derive(Clone, Debug)]
pub(crate) struct AllWords {
    words: Vec<TermUnion>,
}

impl AllWords {
    /// Whether `word` can be one of the words: its documents are told by one term, and its
    /// terms are few enough to be summed document by document.
    pub(crate) fn takes(word: &TermUnion) -> bool {
        word.drivers() == 1 && word.terms().len() <= MAX_SOUGHT_TERMS
    }

    /// Every one of `words`, two or more, each of which it [takes](AllWords::takes).
    pub(crate) fn new(words: Vec<TermUnion>) -> AllWords {
        assert!(words.len() >= 2, "AllWords of fewer than two words");
        debug_assert!(words.iter().all(AllWords::takes));
        AllWords { words }
    }

    /// The same query as tantivy's boolean intersection of the words.
    fn as_boolean(&self) -> tantivy::query::BooleanQuery {
        let words = self
            .words
            .iter()
            .map(|w| Box::new(w.clone()) as Box<dyn Query>);
        checked::intersection(words.collect())
    }
}

impl Query for AllWords {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let words = (self.words.iter())
            .map(|word| word.union_weight(enable_scoring, true))
            .collect::<tantivy::Result<Option<_>>>()?;
        match words {
            Some(words) => Ok(Box::new(AllWordsWeight { words })),
            None => self.as_boolean().weight(enable_scoring),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for word in &self.words {
            word.query_terms(visitor);
        }
    }
}

struct AllWordsWeight {
    /// Each word's weight, every term with its BM25 weight, the term telling its
    /// documents first.
    words: Vec<TermUnionWeight>,
}

impl Weight for AllWordsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut words = Vec::with_capacity(self.words.len());
        for weight in &self.words {
            let [(term, bm25), others @ ..] = weight.terms.as_slice() else {
                return Ok(Box::new(EmptyScorer));
            };
            let inverted = reader.inverted_index(term.field())?;
            let Some(block) = inverted.read_block_postings(term, IndexRecordOption::WithFreqs)?
            else {
                // A word the segment lacks: nothing here holds every word.
                return Ok(Box::new(EmptyScorer));
            };
            let mut boosters = Vec::with_capacity(others.len());
            for (term, bm25) in others {
                boosters.extend(Summed::open(reader, term, bm25, boost)?);
            }
            words.push(Word {
                postings: Cursor { block, at: 0 },
                fieldnorms: reader.get_fieldnorms_reader(term.field())?,
                bm25: bm25.boost_by(boost),
                boosters,
            });
        }
        // The rarest word leads, and the scores are summed in this order, as tantivy's
        // intersection does: the same sums to the last bit.
        words.sort_by_key(|word| word.postings.block.doc_freq());
        let mut scorer = AllWordsScorer { words, doc: 0 };
        scorer.seek_from(0);
        Ok(Box::new(scorer))
    }

    /// As tantivy's boolean intersection explains it: the sum, then each word.
    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if !checked::reaches(&mut *scorer, doc) {
            return Err(checked::does_not_match(doc));
        }
        let mut explanation = Explanation::new("BooleanClause. sum of ...", scorer.score());
        for word in &self.words {
            explanation.add_detail(word.explain(reader, doc)?);
        }
        Ok(explanation)
    }
}

/// Documents in a posting block: tantivy's blocks hold 128.
const BLOCK: usize = 128;

/// Documents looked at one by one before a seek searches the rest of the block.
const STEPS: usize = 4;

/// A position in one term's postings, read a decoded block at a time.
struct Cursor {
    block: BlockSegmentPostings,
    /// The position in the block; past its documents, tantivy's padding reads
    /// [`TERMINATED`].
    at: usize,
}

impl Cursor {
    /// How often the term occurs in the document the cursor stands on.
    #[inline]
    fn freq(&self) -> u32 {
        self.block.freq(self.at)
    }

    /// The first document at or after `target`.
    #[inline]
    fn seek(&mut self, target: DocId) -> DocId {
        let end = (self.at + STEPS).min(BLOCK);
        while self.at < end {
            let doc = self.block.doc(self.at);
            if doc >= target {
                return doc;
            }
            self.at += 1;
        }
        self.at = self.block.seek(target);
        self.block.doc(self.at)
    }
}

/// One word of an [`AllWordsScorer`].
struct Word {
    /// The postings of the term telling the word's documents.
    postings: Cursor,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
    /// The word's other terms, sought only in the documents scored.
    boosters: Vec<Summed>,
}

impl Word {
    /// The word's score in `doc`, where its postings stand: its terms' scores summed in
    /// the union's order, as [`super::sum`] sums them.
    #[inline]
    fn score(&mut self, doc: DocId) -> Score {
        let norm = self.fieldnorms.fieldnorm_id(doc);
        let mut sum = self.bm25.score(norm, self.postings.freq());
        for booster in &mut self.boosters {
            booster.add_score(doc, &mut sum);
        }
        sum
    }
}

/// The documents holding every word, rarest word first.
struct AllWordsScorer {
    words: Vec<Word>,
    doc: DocId,
}

impl AllWordsScorer {
    /// Move to the first document at or after `candidate` holding every word.
    fn seek_from(&mut self, mut candidate: DocId) -> DocId {
        let (first, rest) = self.words.split_first_mut().expect("two words or more");
        'candidates: loop {
            candidate = first.postings.seek(candidate);
            if candidate == TERMINATED {
                break;
            }
            for word in rest.iter_mut() {
                let doc = word.postings.seek(candidate);
                if doc > candidate {
                    candidate = doc;
                    match doc {
                        TERMINATED => break 'candidates,
                        _ => continue 'candidates,
                    }
                }
            }
            break;
        }
        self.doc = candidate;
        candidate
    }
}

impl DocSet for AllWordsScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        self.seek_from(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        self.seek_from(target)
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.words[0].postings.block.doc_freq()
    }
}

impl Scorer for AllWordsScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let (first, rest) = self.words.split_first_mut().expect("two words or more");
        let (second, others) = rest.split_first_mut().expect("two words or more");
        let others: Score = others.iter_mut().map(|word| word.score(doc)).sum();
        first.score(doc) + second.score(doc) + others
    }
}
