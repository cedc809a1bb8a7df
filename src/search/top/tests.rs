//! Tests of the retrieval entry point against tantivy's own collectors.

use tantivy::collector::TopDocs;
use tantivy::query::{BoostQuery, EnableScoring, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, TEXT};
use tantivy::{doc, Index, IndexWriter, Term};

use super::*;

/// Several segments (one commit each) and some deletions, so thresholds cross segments.
fn index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
    let mut schema = Schema::builder();
    let a = schema.add_text_field("a", TEXT);
    let b = schema.add_text_field("b", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let words = ["war", "peace", "treaty", "siege", "war war", "canal"];
    for segment in 0..5u64 {
        for i in 0..400u64 {
            let n = (segment * 400 + i) as usize;
            let text_a = format!("{} {}", words[n % 6], words[(n / 6) % 6]);
            let text_b = "filler ".repeat(n % 13) + words[(n / 3) % 6];
            writer.add_document(doc!(a => text_a, b => text_b)).unwrap();
        }
        if segment == 2 {
            writer.delete_term(Term::from_field_text(a, "canal"));
        }
        writer.commit().unwrap();
    }
    (index, a, b)
}

#[test]
fn equals_tantivy_top_docs_across_segments_and_deletions() {
    let (index, a, b) = index();
    let searcher = index.reader().unwrap().searcher();
    assert!(searcher.segment_readers().len() > 1);
    let term = |f, w: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(f, w),
            IndexRecordOption::WithFreqs,
        ))
    };
    let queries: Vec<Box<dyn Query>> = vec![
        term(a, "war"),
        Box::new(BooleanQuery::union(vec![
            term(a, "war"),
            Box::new(BoostQuery::new(term(b, "war"), 3.0)),
            Box::new(BoostQuery::new(term(b, "siege"), 0.5)),
        ])),
        Box::new(BooleanQuery::intersection(vec![
            term(a, "war"),
            term(b, "peace"),
        ])),
        term(a, "canal"),
        Box::new(TermUnion::new(vec![
            (Term::from_field_text(a, "war"), 0.5),
            (Term::from_field_text(b, "war"), 1.5),
            (Term::from_field_text(b, "siege"), 0.3),
            (Term::from_field_text(a, "absent"), 2.0),
        ])),
    ];
    for query in &queries {
        let weight = query
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let count = query.count(&searcher).unwrap();
        for k in [1, 3, 10, 100, 5000] {
            let theirs = searcher
                .search(&**query, &TopDocs::with_limit(k).order_by_score())
                .unwrap();
            // Counting everything, and counting only a little before pruning.
            let exhaustive = top_docs(
                &searcher,
                &*weight,
                k,
                Strategy::Exhaustive,
                NOTHING,
                None,
                &[],
            )
            .unwrap()
            .0;
            assert_eq!(exhaustive.hits, theirs, "{query:?} k={k}");
            // A collector beside the search sees every live match.
            let (beside, counted) = top_docs(
                &searcher,
                &*weight,
                k,
                Strategy::Exhaustive,
                Some(&Count),
                None,
                &[],
            )
            .unwrap();
            assert_eq!(beside, exhaustive);
            assert_eq!(counted, Some(count), "{query:?}");
            assert_eq!((exhaustive.total, exhaustive.exact), (count, true));
            let exact = Strategy::Prune {
                count_up_to: usize::MAX,
            };
            let exact = top_docs(&searcher, &*weight, k, exact, NOTHING, None, &[])
                .unwrap()
                .0;
            assert_eq!(exact.hits, theirs, "{query:?} k={k}");
            assert_eq!((exact.total, exact.exact), (count, true), "{query:?}");
            let prune = Strategy::Prune { count_up_to: 50 };
            let pruned = top_docs(&searcher, &*weight, k, prune, NOTHING, None, &[])
                .unwrap()
                .0;
            assert_eq!(pruned.hits, theirs, "{query:?} k={k}");
            if count >= 50 {
                assert_eq!((pruned.total, pruned.exact), (50, false), "{query:?}");
            } else {
                assert_eq!((pruned.total, pruned.exact), (count, true), "{query:?}");
            }
        }
    }
}

#[test]
fn only_terms_and_their_plain_unions_and_intersections_prune() {
    let (_, a, b) = index();
    let term = |f, w: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(f, w),
            IndexRecordOption::WithFreqs,
        ))
    };
    let union = TermUnion::new(vec![(Term::from_field_text(a, "war"), 1.0)]);
    assert!(!visits_every_match(&*term(a, "war")));
    assert!(!visits_every_match(&union));
    assert!(!visits_every_match(&checked::union(vec![
        term(a, "war"),
        term(b, "war")
    ])));
    assert!(!visits_every_match(&checked::intersection(vec![
        term(a, "war"),
        term(b, "peace")
    ])));
    // Unions or intersections of anything else, mixed clauses, phrases.
    assert!(visits_every_match(&checked::intersection(vec![
        Box::new(union.clone()),
        term(b, "peace")
    ])));
    assert!(visits_every_match(&checked::boolean(vec![
        (Occur::Must, term(a, "war")),
        (Occur::MustNot, term(b, "peace")),
    ])));
    assert!(visits_every_match(&tantivy::query::PhraseQuery::new(vec![
        Term::from_field_text(a, "war"),
        Term::from_field_text(a, "peace"),
    ])));
}

#[test]
fn a_search_no_longer_wanted_stops_collecting() {
    let (index, a, _) = index();
    let searcher = index.reader().unwrap().searcher();
    let query = TermQuery::new(
        Term::from_field_text(a, "war"),
        IndexRecordOption::WithFreqs,
    );
    let weight = query
        .weight(EnableScoring::enabled_from_searcher(&searcher))
        .unwrap();
    let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let run = || {
        top_docs(
            &searcher,
            &*weight,
            10,
            Strategy::Exhaustive,
            NOTHING,
            None,
            &[],
        )
        .unwrap()
        .0
    };
    let wanted = unwanted::unless(flag.clone(), run);
    assert_eq!(wanted.hits.len(), 10);
    flag.store(true, std::sync::atomic::Ordering::Relaxed);
    let given_up = unwanted::unless(flag, run);
    assert!(given_up.hits.is_empty(), "{:?}", given_up.hits);
    // Outside the flag's work, searches run whole.
    assert_eq!(run().hits.len(), 10);
}

/// The weight of "war" in both fields of [`index`], `b` weighing less.
fn war_in_both(
    searcher: &Searcher,
    a: tantivy::schema::Field,
    b: tantivy::schema::Field,
) -> Box<dyn Weight> {
    TermUnion::new(vec![
        (Term::from_field_text(a, "war"), 1.0),
        (Term::from_field_text(b, "war"), 0.7),
    ])
    .weight(EnableScoring::enabled_from_searcher(searcher))
    .unwrap()
}

/// Odd documents do not count.
struct Odd;

impl Uncounted for Odd {
    fn for_segment(&self, _: &SegmentReader) -> Option<Box<dyn Fn(DocId) -> bool>> {
        Some(Box::new(|doc| doc % 2 == 1))
    }
}

/// With documents that do not count, the hits are the `k` best of those that do and,
/// beside them, every one that does not and ranks above the worst of them: by every
/// strategy, equal to sorting all matches.
#[test]
fn documents_that_do_not_count_come_beside_the_k_best() {
    let (index, a, b) = index();
    let searcher = index.reader().unwrap().searcher();
    let weight = war_in_both(&searcher, a, b);
    let all = top_docs(
        &searcher,
        &*weight,
        100_000,
        Strategy::Exhaustive,
        NOTHING,
        None,
        &[],
    )
    .unwrap()
    .0
    .hits;
    let odd = |address: &DocAddress| address.doc_id % 2 == 1;
    let odd_folding = Some(Folding {
        uncounted: &Odd,
        keep: 0,
    });
    let mut beside = 0;
    for k in [1, 5, 40] {
        // Down to the k-th even document, every match.
        let kth = all.iter().filter(|(_, d)| !odd(d)).nth(k - 1).unwrap();
        let end = all.iter().position(|hit| hit == kth).unwrap() + 1;
        let expected = &all[..end];
        beside += expected.iter().filter(|(_, d)| odd(d)).count();
        for strategy in [Strategy::Exhaustive, Strategy::Prune { count_up_to: 10 }] {
            let top = top_docs(&searcher, &*weight, k, strategy, NOTHING, odd_folding, &[])
                .unwrap()
                .0;
            assert_eq!(top.hits, expected, "k={k} {strategy:?}");
        }
    }
    assert!(
        beside > 0,
        "some documents that do not count rank among the best"
    );
}

/// Documents passed over by address are as if they did not match: the same best documents
/// and count as the rest of the matches, pruned or not, across segments.
#[test]
fn excluded_documents_are_passed_over() {
    let (index, a, b) = index();
    let searcher = index.reader().unwrap().searcher();
    let weight = war_in_both(&searcher, a, b);
    let search = |k, strategy, excluded: &[DocAddress]| {
        top_docs(&searcher, &*weight, k, strategy, NOTHING, None, excluded)
            .unwrap()
            .0
    };
    let all = search(100_000, Strategy::Exhaustive, &[]);
    // The best, some in the middle and the last, in several segments.
    let mut excluded: Vec<DocAddress> = (all.hits.iter())
        .enumerate()
        .filter(|(i, _)| i % 7 == 0 || *i < 3)
        .map(|(_, (_, address))| *address)
        .collect();
    excluded.sort();
    assert!(excluded
        .iter()
        .any(|a| a.segment_ord != excluded[0].segment_ord));
    let rest: Vec<(Score, DocAddress)> = (all.hits.iter())
        .filter(|(_, address)| excluded.binary_search(address).is_err())
        .copied()
        .collect();
    for k in [1, 10, 100_000] {
        for strategy in [
            Strategy::Exhaustive,
            Strategy::Prune { count_up_to: 5 },
            Strategy::Prune {
                count_up_to: 100_000,
            },
        ] {
            let top = search(k, strategy, &excluded);
            let best: Vec<_> = rest.iter().take(k).copied().collect();
            assert_eq!(top.hits, best, "k={k} {strategy:?}");
            if top.exact {
                assert_eq!(top.total, rest.len(), "k={k} {strategy:?}");
            }
        }
    }
    let exhaustive = search(100_000, Strategy::Exhaustive, &excluded);
    assert_eq!((exhaustive.total, exhaustive.exact), (rest.len(), true));
}
