//! A few words together first: among the first ten hits holding every word of a query of
//! a few words (nothing but words: `black death`), those holding them as a phrase rank
//! above the others, as a name is meant (the sections saying "Black Death" before those
//! with a black cat and a death), each group in the order BM25 gives it.
//!
//! Which hits do is read from the positions of those documents alone: tantivy's phrase
//! scorer, once made for a segment, walks to the segment's first match, where none of its
//! documents holds the phrase through every document holding the words, each with its
//! positions read, and cost more than the query (BENCHMARKS.md, "A few words together
//! first").

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentReader, Term};

use super::one_doc::in_address_order;
use super::ranking::Ranking;
use super::{Tier, DEFAULT_LIMIT};
use crate::error::Result;

/// How many of the best hits are ranked again: a page, the first a user sees, and fixed,
/// so that every page of a query agrees with the others. Looking further (the hundred
/// best, gathered by a second search when some of the first ten hold the words together)
/// cost two words 1.2 times their instructions (BENCHMARKS.md, "A few words together
/// first").
const AMONG: usize = DEFAULT_LIMIT;

/// Rank the first [`AMONG`] candidates of the first tier (in `ranking`) again, those
/// holding `phrase` first, as [`Tier::Together`], each group in its order. Only the
/// candidates' tier changes, not what they fold by: a book and its section fold together
/// still, where the first of them stands.
pub(super) fn together_first(
    searcher: &Searcher,
    phrase: &Phrase,
    ranking: &mut Ranking,
) -> Result<()> {
    let among = ranking.candidates.len().min(AMONG);
    let candidates = &mut ranking.candidates[..among];
    let addresses: Vec<DocAddress> = candidates.iter().map(|c| c.address).collect();
    let held = holding(searcher, phrase, &addresses)?;
    for (candidate, held) in candidates.iter_mut().zip(held) {
        if held {
            candidate.tier = Tier::Together;
        }
    }
    // A stable sort: each group keeps its order.
    candidates.sort_by_key(|c| c.tier != Tier::Together);
    Ok(())
}

/// A phrase as each of the index's languages analyses it: its terms with their positions
/// in the phrase (a stop word leaves a gap). A document holds it if it holds any analysis.
pub(crate) type Phrase = Vec<Vec<(usize, Term)>>;

/// Whether each document of `addresses` holds `phrase`, the words at their positions one
/// after another.
fn holding(searcher: &Searcher, phrase: &Phrase, addresses: &[DocAddress]) -> Result<Vec<bool>> {
    let mut buffers = (Vec::new(), Vec::new());
    // Per segment, the postings of each analysis the segment holds every term of.
    in_address_order(
        searcher,
        addresses,
        |segment| {
            let mut analyses: Vec<Opened> = Vec::with_capacity(phrase.len());
            for terms in phrase {
                analyses.extend(open(segment, terms)?);
            }
            Ok(analyses)
        },
        |analyses, doc| (analyses.iter_mut()).any(|terms| holds(terms, doc, &mut buffers)),
    )
}

/// An analysis of a phrase in one segment: each term's position in the phrase and its
/// postings there.
type Opened = Vec<(usize, SegmentPostings)>;

/// The postings of each of `terms` with positions, or `None` if the segment lacks one.
fn open(segment: &SegmentReader, terms: &[(usize, Term)]) -> Result<Option<Opened>> {
    let mut postings = Vec::with_capacity(terms.len());
    for (offset, term) in terms {
        let inverted = segment.inverted_index(term.field())?;
        let read = inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions);
        match read.map_err(tantivy::TantivyError::from)? {
            Some(found) => postings.push((*offset, found)),
            None => return Ok(None),
        }
    }
    Ok(Some(postings))
}

/// Whether `doc` holds every term of `terms`, each at its offset from a common start.
/// Documents are asked in increasing order: each term's postings only move forward.
fn holds(
    terms: &mut [(usize, SegmentPostings)],
    doc: DocId,
    (starts, positions): &mut (Vec<u32>, Vec<u32>),
) -> bool {
    for (_, postings) in terms.iter_mut() {
        if postings.doc() > doc || postings.seek(doc) != doc {
            return false;
        }
    }
    let Some(((first_offset, first), rest)) = terms.split_first_mut() else {
        return false;
    };
    first.positions(starts);
    let first_offset = *first_offset as u32;
    starts.retain(|p| *p >= first_offset);
    starts.iter_mut().for_each(|p| *p -= first_offset);
    for (offset, postings) in rest {
        postings.positions(positions);
        let offset = *offset as u32;
        // Each start looked up in the term's positions, which are sorted.
        starts.retain(|start| positions.binary_search(&(start + offset)).is_ok());
        if starts.is_empty() {
            return false;
        }
    }
    !starts.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index;

    #[test]
    fn a_document_holds_a_phrase_where_its_words_stand_at_their_offsets() {
        let (index, body) = test_index::one_field([[
            "the black death reached england",
            "a black cat and a death in the family",
            "death black",
            "the battle of hastings",
        ]]);
        let searcher = index.reader().unwrap().searcher();
        let term = |w: &str| Term::from_field_text(body, w);
        let black_death: Phrase = vec![vec![(0, term("black")), (1, term("death"))]];
        // `battle of hastings` with its stop word a gap, as annals' analyzer leaves it.
        let battle_hastings: Phrase = vec![vec![(0, term("battle")), (2, term("hastings"))]];
        let all: Vec<DocAddress> = (0..4).map(|d| DocAddress::new(0, d)).collect();
        let reversed: Vec<DocAddress> = all.iter().rev().copied().collect();
        assert_eq!(
            holding(&searcher, &black_death, &all).unwrap(),
            [true, false, false, false]
        );
        assert_eq!(
            holding(&searcher, &black_death, &reversed).unwrap(),
            [false, false, false, true]
        );
        assert_eq!(
            holding(&searcher, &battle_hastings, &all).unwrap(),
            [false, false, false, true]
        );
        // Any analysis will do; one whose term the segment lacks holds nowhere.
        let either: Phrase = vec![
            vec![(0, term("nowhere")), (1, term("death"))],
            vec![(0, term("death")), (1, term("black"))],
        ];
        assert_eq!(
            holding(&searcher, &either, &all).unwrap(),
            [false, false, true, false]
        );
    }
}
