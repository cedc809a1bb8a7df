//! Scoring one document at a time: whether a query matches it, its score, and why.

use tantivy::query::{EnableScoring, Explanation, Query, Weight};
use tantivy::{DocAddress, DocSet, Searcher};

use super::checked;
use super::Tier;
use crate::error::Result;

/// Whether `query` matches the document at `address`.
pub(super) fn matches(searcher: &Searcher, query: &dyn Query, address: DocAddress) -> Result<bool> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let segment = searcher.segment_reader(address.segment_ord);
    Ok(checked::matches(&*weight, segment, address.doc_id)?)
}

/// Why a hit of `tier` made of the documents at `members` (a section, then the books
/// folded under it) scores `score`: the explanation `weight` gives each it matches, under
/// a node naming the tier, and a "max of" node when books were folded in.
pub(super) fn explain(
    searcher: &Searcher,
    weight: &dyn Weight,
    tier: Tier,
    members: &[DocAddress],
    score: f32,
) -> Result<Explanation> {
    let mut explained = Vec::with_capacity(members.len());
    for address in members {
        let segment = searcher.segment_reader(address.segment_ord);
        if checked::matches(weight, segment, address.doc_id)? {
            explained.push(weight.explain(segment, address.doc_id)?);
        }
    }
    let node = match explained.len() {
        0 => Explanation::new("no longer matches", score),
        1 => explained.pop().expect("one explanation"),
        _ => {
            let mut max = Explanation::new("max of the section and its books shown with it", score);
            for e in explained {
                max.add_detail(e);
            }
            max
        }
    };
    let tier = match tier {
        Tier::Exact => "every word, as written",
        Tier::Typo => "every word, some through a corrected spelling",
        Tier::Partial => "some of the words (ranked below every hit with all of them)",
        Tier::Ranked => "any of the words of a long query, by BM25",
    };
    let mut top = Explanation::new_with_string(format!("matched {tier}"), node.value());
    top.add_detail(node);
    Ok(top)
}

/// The score `weight` (a query's, with scoring) gives the document at `address`, if it
/// matches.
pub(super) fn score_of(
    searcher: &Searcher,
    weight: &dyn Weight,
    address: DocAddress,
) -> Result<Option<f32>> {
    let segment = searcher.segment_reader(address.segment_ord);
    let mut scorer = weight.scorer(segment, 1.0)?;
    let doc = address.doc_id;
    let found = scorer.doc() == doc || (scorer.doc() < doc && scorer.seek(doc) == doc);
    Ok(found.then(|| scorer.score()))
}
