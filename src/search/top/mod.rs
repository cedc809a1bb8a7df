//! The best-scoring documents of a query across all segments, with one pruning threshold.
//!
//! tantivy's `TopDocs` collects each segment on its own, so each segment starts from no
//! threshold and block-max WAND skips nothing until that segment's own top hits fill up.
//! Here the segments are searched one after another and the k-th best score found so far is
//! handed to the next one, as Lucene does, so later segments skip whole blocks of postings
//! from their first document. Hits equal `TopDocs::with_limit(k).order_by_score()`:
//! score descending, ties by document address ascending.

use tantivy::collector::{Collector, Count, SegmentCollector};
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, EnableScoring, Occur, Query, TermQuery, Weight,
};
use tantivy::{
    DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, Term, COLLECT_BLOCK_BUFFER_LEN,
    TERMINATED,
};

mod best;
mod segment;

use best::Best;
use segment::{Collecting, Segment};

use super::checked;
use super::term_union::TermUnion;
use super::unwanted;

/// The best documents of a query, and how many documents match it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Top {
    /// The best documents, best first.
    pub hits: Vec<(Score, DocAddress)>,
    /// Matching documents, counted up to the limit given.
    pub total: usize,
    /// Whether `total` is the exact count; if not, at least that many match.
    pub exact: bool,
    /// The first matches counted, in the order walked, as many as [`Folding::keep`] asks.
    pub counted: Vec<DocAddress>,
}

/// How to find the best documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// Score every match, counting them all: best when most documents match anyway, where
    /// block-max WAND cannot skip and its bookkeeping only costs.
    Exhaustive,
    /// Count every match (pruning nothing) until this many are found, then let block-max
    /// WAND skip what cannot reach the top and stop counting, as Lucene's
    /// `TopScoreDocCollector` does.
    Prune { count_up_to: usize },
}

impl Strategy {
    /// Pruning after `count_up_to` matches, unless `query` is dense.
    pub(crate) fn choose(
        searcher: &Searcher,
        stats: &dyn Bm25StatisticsProvider,
        query: &dyn Query,
        count_up_to: usize,
    ) -> tantivy::Result<Strategy> {
        Ok(if is_dense(searcher, stats, query)? {
            Strategy::Exhaustive
        } else {
            Strategy::Prune { count_up_to }
        })
    }
}

/// Query terms in more than this share of the documents make block-max WAND slower than
/// scoring every match: scores are too alike for whole blocks to fall below the page
/// (BENCHMARKS.md, "Dense queries scored in full").
const DENSE_SHARE: u64 = 8;

/// Whether the terms of `query` occur, all together, in more than 1/[`DENSE_SHARE`] of
/// the documents: an upper bound of what a union matches, so a selective query is never
/// mistaken for a dense one.
///
/// A single word (a [`TermUnion`] over the fields) never is: a dense one is pruned with
/// MaxScore, which stops visiting the body term's documents once the page's scores pass
/// what it alone can add, cheaper than scoring it in full (BENCHMARKS.md, "A word over
/// the fields, dense words found with MaxScore").
fn is_dense(
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
    query: &dyn Query,
) -> tantivy::Result<bool> {
    if query.downcast_ref::<TermUnion>().is_some() {
        return Ok(false);
    }
    let mut terms = Vec::new();
    query.query_terms(&mut |term, _| terms.push(term.clone()));
    are_dense(stats, searcher.num_docs(), &terms)
}

/// Whether `terms` occur, all together, in more than 1/[`DENSE_SHARE`] of `num_docs`
/// documents.
pub(crate) fn are_dense<'a>(
    stats: &dyn Bm25StatisticsProvider,
    num_docs: u64,
    terms: impl IntoIterator<Item = &'a Term>,
) -> tantivy::Result<bool> {
    let limit = num_docs / DENSE_SHARE;
    let mut postings = 0;
    for term in terms {
        postings += stats.doc_freq(term)?;
        if postings > limit {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Tells, segment by segment, which documents do not count toward the `k` best: a book
/// folds under its reading-list section, so a page of `k` hits needs `k` documents that
/// are not books. Those that do not count are kept beside the `k` best while they score
/// above the `k`-th, so that one search fills a page however many books fold.
pub(crate) trait Uncounted {
    /// Whether a document of `reader` does not count; `None` when all count.
    fn for_segment(&self, reader: &SegmentReader) -> Option<Box<dyn Fn(DocId) -> bool>>;
}

/// Documents that do not count toward the `k` best ([`Uncounted`]), and how many of the
/// first matches counted to hand back ([`Top::counted`]), so that the caller can tell how
/// many of them fold under others.
#[derive(Clone, Copy)]
pub(crate) struct Folding<'a> {
    pub uncounted: &'a dyn Uncounted,
    pub keep: usize,
}

/// No collector beside the best documents (see [`search`]).
pub(crate) const NOTHING: Option<&Count> = None;

/// What a search is asked for: how many best documents, and how far to count.
pub(crate) struct Wanted<'a> {
    /// How many best documents.
    pub k: usize,
    /// Matches are counted past the page up to this many.
    pub count_up_to: usize,
    /// Documents that do not count toward `k`: they come beside the `k` best when they
    /// score above them, and the first `count_up_to` matches counted are handed back.
    pub uncounted: Option<&'a dyn Uncounted>,
    /// Documents passed over as if they did not match, sorted: an earlier tier's matches.
    pub excluded: &'a [DocAddress],
}

impl Wanted<'_> {
    /// The `k` best, counting up to `count_up_to`, every document counting.
    pub(crate) fn best(k: usize, count_up_to: usize) -> Wanted<'static> {
        Wanted {
            k,
            count_up_to,
            uncounted: None,
            excluded: &[],
        }
    }
}

/// The one entry point of retrieval: the `wanted` best documents of `query` restricted by
/// its filters (`filtered` is `query` within them), and how many match. BM25 is computed
/// by tantivy's `Bm25Weight` from `stats` alone. How to collect is chosen from the scoring
/// query's terms: a filter only removes documents, and the kind filter's term is in nearly
/// every document, so counting it would call every query dense.
///
/// When `every` is given (else [`NOTHING`]), that collector's fruit of every match comes
/// too: the search then scores every match (as [`Strategy::Exhaustive`]) and hands each to
/// `every`, so a query that [`visits_every_match`] anyway is walked once for both.
pub(crate) fn search<C: Collector>(
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
    query: &dyn Query,
    filtered: &dyn Query,
    wanted: Wanted,
    every: Option<&C>,
) -> tantivy::Result<(Top, Option<C::Fruit>)> {
    let Wanted {
        k,
        count_up_to,
        uncounted,
        excluded,
    } = wanted;
    let scoring = EnableScoring::enabled_from_statistics_provider(stats, searcher);
    let weight = filtered.weight(scoring)?;
    let strategy = match every {
        Some(_) => Strategy::Exhaustive,
        None => Strategy::choose(searcher, stats, query, count_up_to)?,
    };
    let folding = uncounted.map(|uncounted| Folding {
        uncounted,
        keep: count_up_to,
    });
    top_docs(searcher, &*weight, k, strategy, every, folding, excluded)
}

/// Whether a search of `query` scores every match even when pruning, so that counting
/// its matches beside the search costs no second walk. tantivy prunes a term, and a
/// boolean of terms that are all optional or all required (block-max WAND); a
/// [`TermUnion`] prunes itself. Anything else (a phrase, an intersection of words in
/// several fields, a filtered word) is scored match by match.
pub(crate) fn visits_every_match(query: &dyn Query) -> bool {
    let query = checked::unchecked(query);
    if query.is::<TermUnion>() || query.is::<TermQuery>() {
        return false;
    }
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return true;
    };
    let clauses = boolean.clauses();
    let all = |occur: Occur| clauses.iter().all(|(o, _)| *o == occur);
    let terms = clauses
        .iter()
        .all(|(_, q)| checked::unchecked(&**q).is::<TermQuery>());
    !(terms && (all(Occur::Should) || all(Occur::Must)))
}

/// The `k` best documents matching the query of `weight` (and, beside them, those
/// `folding` does not count that score above the `k`-th), and how many match, passing
/// over the `excluded` (sorted); and `every`'s fruit of every live match, when given (then
/// `strategy` must be [`Strategy::Exhaustive`]: pruning skips matches).
pub(crate) fn top_docs<C: Collector>(
    searcher: &Searcher,
    weight: &dyn Weight,
    k: usize,
    strategy: Strategy,
    every: Option<&C>,
    folding: Option<Folding>,
    excluded: &[DocAddress],
) -> tantivy::Result<(Top, Option<C::Fruit>)> {
    assert!(
        every.is_none() || strategy == Strategy::Exhaustive,
        "a collector of every match needs an exhaustive search"
    );
    let mut collecting = Collecting {
        best: Best::new(k),
        aside: Vec::new(),
        floor: Score::MIN,
        counted: 0,
        count_up_to: match strategy {
            Strategy::Exhaustive => usize::MAX,
            Strategy::Prune { count_up_to } => count_up_to,
        },
        counted_docs: Vec::new(),
        keep: folding.map_or(0, |f| f.keep),
    };
    let mut given_up = false;
    let mut fruits = Vec::new();
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        given_up |= unwanted::now();
        if given_up {
            break;
        }
        let threshold = collecting.threshold();
        let mut segment = Segment {
            collecting: &mut collecting,
            ord: ord as u32,
            alive: reader.alive_bitset(),
            uncounted: folding.and_then(|f| f.uncounted.for_segment(reader)),
            excluded: (excluded.iter())
                .filter(|a| a.segment_ord == ord as u32)
                .map(|a| a.doc_id)
                .collect(),
            also: match every {
                Some(every) => Some(every.for_segment(ord as u32, reader)?),
                None => None,
            },
            block: [0; COLLECT_BLOCK_BUFFER_LEN],
            len: 0,
            blocks: 0,
            given_up: false,
        };
        match strategy {
            // Every match is counted beside the search: its scorer is walked here, so that
            // adding a match is inlined rather than a call through `for_each`'s callback.
            Strategy::Exhaustive if every.is_some() => {
                let mut scorer = weight.scorer(reader, 1.0)?;
                let mut doc = scorer.doc();
                while doc != TERMINATED {
                    segment.add(doc, scorer.score());
                    doc = scorer.advance();
                }
            }
            Strategy::Exhaustive => {
                weight.for_each(reader, &mut |doc, score| segment.add(doc, score))?
            }
            Strategy::Prune { .. } => {
                weight.for_each_pruning(threshold, reader, &mut |doc, score| {
                    segment.add(doc, score);
                    match segment.given_up {
                        // Nothing scores above this: pruning skips every document left.
                        true => Score::MAX,
                        false => segment.collecting.threshold(),
                    }
                })?
            }
        }
        segment.flush();
        given_up |= segment.given_up;
        if let Some(also) = segment.also {
            fruits.push(also.harvest());
        }
    }
    let fruit = match every {
        Some(every) => Some(every.merge_fruits(fruits)?),
        None => None,
    };
    let Collecting {
        best,
        aside,
        counted,
        count_up_to,
        counted_docs,
        ..
    } = collecting;
    let top = Top {
        hits: best.into_sorted(aside),
        total: counted.min(count_up_to),
        exact: counted < count_up_to,
        counted: counted_docs,
    };
    Ok((top, fruit))
}

#[cfg(test)]
mod tests;
