//! Scoring one document at a time: whether a query matches it, its score, and why.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

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
        Tier::Together => {
            "every word, as written and together (ranked above the first ten hits with them apart)"
        }
    };
    let mut top = Explanation::new_with_string(format!("matched {tier}"), node.value());
    top.add_detail(node);
    Ok(top)
}

/// The scores `weight` (a query's, with scoring) gives the documents at `addresses`, in
/// their order: `None` for one it does not match. Each segment's scorer is made once and
/// moved forward from document to document, as making one costs more than scoring many.
pub(super) fn scores_of(
    searcher: &Searcher,
    weight: &dyn Weight,
    addresses: &[DocAddress],
) -> Result<Vec<Option<f32>>> {
    in_address_order(
        searcher,
        addresses,
        |segment| Ok(weight.scorer(segment, 1.0)?),
        |scorer: &mut Box<dyn Scorer>, doc| {
            checked::reaches(&mut **scorer, doc).then(|| scorer.score())
        },
    )
}

/// `at(state, doc)` of each document of `addresses`, in their order, asked in address
/// order: each segment's state (a scorer, postings) is opened once with `open` and moves
/// forward from document to document, as opening costs more than many documents.
pub(super) fn in_address_order<S, T: Clone + Default>(
    searcher: &Searcher,
    addresses: &[DocAddress],
    mut open: impl FnMut(&SegmentReader) -> Result<S>,
    mut at: impl FnMut(&mut S, DocId) -> T,
) -> Result<Vec<T>> {
    let mut order: Vec<usize> = (0..addresses.len()).collect();
    order.sort_unstable_by_key(|&i| addresses[i]);
    let mut found = vec![T::default(); addresses.len()];
    let mut opened: Option<(u32, S)> = None;
    for i in order {
        let DocAddress {
            segment_ord,
            doc_id,
        } = addresses[i];
        let state = match &mut opened {
            Some((ord, state)) if *ord == segment_ord => state,
            _ => {
                let segment = searcher.segment_reader(segment_ord);
                &mut opened.insert((segment_ord, open(segment)?)).1
            }
        };
        found[i] = at(state, doc_id);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use tantivy::query::{EnableScoring, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::Term;

    use super::*;
    use crate::search::test_index::one_field;

    #[test]
    fn scores_of_many_documents_are_each_ones_own() {
        let words = |n: usize| match n % 3 {
            0 => "war war peace",
            1 => "peace",
            _ => "war",
        };
        let (index, text) = one_field(
            (0..2).map(|segment| (0..20).map(move |n| format!("{} {segment}", words(n)))),
        );
        let searcher = index.reader().unwrap().searcher();
        let query = TermQuery::new(
            Term::from_field_text(text, "war"),
            IndexRecordOption::WithFreqs,
        );
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        // Out of order, across segments, one twice.
        let addresses: Vec<DocAddress> = [(1, 5), (0, 3), (0, 1), (1, 0), (0, 3), (0, 19)]
            .into_iter()
            .map(|(s, d)| DocAddress::new(s, d))
            .collect();
        let scores = scores_of(&searcher, &*weight, &addresses).unwrap();
        for (address, score) in addresses.iter().zip(&scores) {
            let segment = searcher.segment_reader(address.segment_ord);
            let mut alone = weight.scorer(segment, 1.0).unwrap();
            let expected = (alone.seek(address.doc_id) == address.doc_id).then(|| alone.score());
            assert_eq!(*score, expected, "{address:?}");
        }
        assert_eq!(scores[2], None, "document 1 has no war");
        assert!(scores[0].unwrap() > 0.0);
        assert!(
            scores[1].unwrap() > scores[0].unwrap(),
            "war twice scores higher"
        );
    }
}
