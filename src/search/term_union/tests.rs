//! Tests of the union of terms against tantivy's own union.

use proptest::prelude::*;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::schema::{Schema, TEXT};
use tantivy::{doc, Index, IndexWriter};

use std::collections::HashMap;

use super::*;
use crate::search::top::{top_docs, Strategy, NOTHING};
use tantivy::DocAddress;

const WORDS: [&str; 4] = ["war", "peace", "siege", "filler"];

/// Documents of three fields made of `WORDS`, in `segments` commits, so that postings
/// run over many blocks of 128 and thresholds cross segments; some deleted. The body holds
/// the title and heading too when `catch_all`, as an index's catch-all field does.
fn index(
    seed: u64,
    docs: usize,
    segments: usize,
    catch_all: bool,
) -> (Index, [tantivy::schema::Field; 3]) {
    let mut schema = Schema::builder();
    let fields = ["title", "heading", "body"].map(|name| schema.add_text_field(name, TEXT));
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for segment in 0..segments {
        // Stretches of a few hundred documents where "war" is denser and bodies shorter,
        // so that blocks' best scores differ from one stretch to the next.
        let mut stretch = 1;
        for n in 0..docs / segments {
            if n % 300 == 0 {
                stretch = 1 + next() % 4;
            }
            // Titles and headings short and seldom holding "war", bodies long.
            let mut text = |len: u64, war_one_in: u64| -> String {
                let (len, war_one_in) = (len * 4 / stretch, (war_one_in / stretch).max(2));
                (0..1 + next() % len)
                    .map(|_| match next() % war_one_in {
                        0 => "war",
                        _ => WORDS[1 + (next() % 3) as usize],
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let (title, heading, mut body) = (text(3, 40), text(4, 25), text(60, 30));
            if catch_all {
                body = format!("{title} {heading} {body}");
            }
            let [t, h, b] = fields;
            writer
                .add_document(doc!(t => title, h => heading, b => body))
                .unwrap();
        }
        if segment == 1 {
            writer.delete_term(Term::from_field_text(fields[0], "siege"));
        }
        writer.commit().unwrap();
    }
    (index, fields)
}

/// Every document matching `query` with its score, in address order.
fn every_match(searcher: &tantivy::Searcher, query: &dyn Query) -> Vec<(Score, DocAddress)> {
    let mut hits = searcher
        .search(query, &TopDocs::with_limit(100_000).order_by_score())
        .unwrap();
    hits.sort_by_key(|(_, address)| *address);
    hits
}

/// Two words, each a union over the fields, required together (a query's first tier):
/// the documents and scores tantivy's own unions give.
#[test]
fn an_intersection_of_unions_scores_as_tantivys() {
    let (index, fields) = index(7, 3000, 3, false);
    check_intersections(&index, fields, |union| union);
}

/// The same where the body holds the title and heading, each word's documents found from
/// its body term alone: nothing is missed, and a document's title and heading still count.
#[test]
fn unions_matched_in_their_catch_all_field_score_as_tantivys() {
    let (index, fields) = index(11, 3000, 3, true);
    check_intersections(&index, fields, |union| union.matched_in(fields[2]));
    // The documents of the union alone, walked rather than sought, are the same too.
    let searcher = index.reader().unwrap().searcher();
    let war = |fields: &[tantivy::schema::Field]| -> TermUnion {
        TermUnion::new(
            (fields.iter().rev())
                .map(|field| (Term::from_field_text(*field, "war"), 0.5))
                .collect(),
        )
    };
    let scorer = |union: TermUnion| {
        let weight = union
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        let mut found = Vec::new();
        weight
            .for_each(searcher.segment_reader(0), &mut |doc, score| {
                found.push((doc, score))
            })
            .unwrap();
        found
    };
    let ours = scorer(war(&fields).matched_in(fields[2]));
    assert!(ours.len() > 100, "{}", ours.len());
    assert_eq!(ours, scorer(war(&fields)));
}

/// Words whose documents the body tells, intersected by [`AllWords`]: the documents,
/// scores (to the last bit) and explanations of the boolean intersection of their unions,
/// whether walked alone or sought by another clause.
#[test]
fn all_words_find_and_score_what_an_intersection_of_their_unions_does() {
    let (index, fields) = index(13, 3000, 3, true);
    let searcher = index.reader().unwrap().searcher();
    let word = |text: &str| -> TermUnion {
        let weights = [1.0, 0.25, 0.5];
        let terms = (fields.iter().rev().zip(weights))
            .map(|(field, weight)| (Term::from_field_text(*field, text), weight));
        TermUnion::new(terms.collect())
            .matched_in(fields[2])
            .sought()
    };
    let every = |query: &dyn Query| every_match(&searcher, query);
    let boxed = |words: &[&str]| -> Vec<Box<dyn Query>> {
        words
            .iter()
            .map(|w| Box::new(word(w)) as Box<dyn Query>)
            .collect()
    };
    for words in [
        &["war", "peace"][..],
        &["siege", "war", "peace"],
        &["filler", "war"],
    ] {
        assert!(words.iter().all(|w| AllWords::takes(&word(w))));
        let ours = AllWords::new(words.iter().map(|w| word(w)).collect());
        let theirs = BooleanQuery::intersection(boxed(words));
        let found = every(&ours);
        assert!(found.len() > 50, "{words:?}: {}", found.len());
        assert_eq!(found, every(&theirs), "{words:?}");
        for (_, address) in found.iter().step_by(37) {
            assert_eq!(
                ours.explain(&searcher, *address).unwrap().to_pretty_json(),
                theirs
                    .explain(&searcher, *address)
                    .unwrap()
                    .to_pretty_json()
            );
        }
        // Sought from document to document by another clause.
        let (ours, theirs) = (Box::new(ours) as Box<dyn Query>, Box::new(theirs) as _);
        let also = || Box::new(word("filler").as_boolean()) as Box<dyn Query>;
        let ours = every(&BooleanQuery::intersection(vec![also(), ours]));
        let theirs = every(&BooleanQuery::intersection(vec![also(), theirs]));
        assert!(ours.len() > 20, "{words:?}: {}", ours.len());
        assert_eq!(ours, theirs, "{words:?}");
    }
}

/// Two words (`war` and `peace`, then `war` with a misspelling's variants) intersected,
/// each made by `made`: the documents and scores of tantivy's unions.
fn check_intersections(
    index: &Index,
    fields: [tantivy::schema::Field; 3],
    made: impl Fn(TermUnion) -> TermUnion,
) {
    let searcher = index.reader().unwrap().searcher();
    let word = |text: &str| -> TermUnion {
        // The body first, as queries put the catch-all field.
        let weights = [0.25, 0.25, 1.0];
        made(TermUnion::new(
            (fields.iter().zip(weights).rev())
                .map(|(field, weight)| (Term::from_field_text(*field, text), weight))
                .collect(),
        ))
    };
    let every = |query: &dyn Query| every_match(&searcher, query);
    let check = |a: TermUnion, b: TermUnion| {
        let ours = BooleanQuery::intersection(vec![Box::new(a.clone()), Box::new(b.clone())]);
        let theirs =
            BooleanQuery::intersection(vec![Box::new(a.as_boolean()), Box::new(b.as_boolean())]);
        let (ours, theirs) = (every(&ours), every(&theirs));
        assert!(ours.len() > 100, "{}", ours.len());
        assert_eq!(ours.len(), theirs.len());
        for ((score, address), (expected, expected_address)) in ours.iter().zip(&theirs) {
            assert_eq!(address, expected_address);
            assert!(
                (score - expected).abs() <= 1e-5 * expected.abs(),
                "{address:?}"
            );
        }
    };
    check(word("war"), word("peace"));
    // A word with a misspelling's variant in every field: six terms, summed where sought.
    let mut variants = word("war").terms().to_vec();
    variants.extend(
        word("siege")
            .terms()
            .iter()
            .map(|(t, w)| (t.clone(), w * 0.3)),
    );
    // The body's terms first, then the others, as a query orders them.
    variants.sort_by_key(|(term, _)| term.field() != fields[2]);
    let variants = made(TermUnion::new(variants));
    assert!(variants.terms().len() > MAX_SUMMED_TERMS);
    check(variants.clone().sought(), word("peace").sought());
    check(variants, word("peace"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn finds_what_tantivys_union_finds(
        seed in any::<u64>(),
        segments in 1usize..4,
        weights in prop::array::uniform3(0.1f32..4.0),
        k in prop::sample::select(vec![1usize, 10, 100]),
    ) {
        let (index, fields) = index(seed, 3000, segments, false);
        let searcher = index.reader().unwrap().searcher();
        let mut terms: Vec<(Term, Score)> = fields
            .iter()
            .zip(weights)
            .map(|(field, weight)| (Term::from_field_text(*field, "war"), weight))
            .collect();
        // A weak variant, as typo tolerance adds.
        terms.push((Term::from_field_text(fields[2], "siege"), 0.3));
        let union = TermUnion::with_max_score(terms);
        let boolean = union.as_boolean();
        // Every match with its score, by tantivy's union scoring each document.
        let every = searcher
            .search(&boolean, &TopDocs::with_limit(100_000).order_by_score())
            .unwrap();
        let score_of: HashMap<DocAddress, Score> =
            every.iter().map(|(score, address)| (*address, *score)).collect();
        let weight = union
            .weight(EnableScoring::enabled_from_searcher(&searcher))
            .unwrap();
        // Sums of the same scores in another order may differ in the last bit, so
        // documents of equal scores may trade places: the scores must match rank by
        // rank, and each hit's score must be its own.
        let close = |a: Score, b: Score| (a - b).abs() <= 1e-5 * a.abs().max(1.0);
        for count_up_to in [1, 50, usize::MAX] {
            let strategy = Strategy::Prune { count_up_to };
            let ours = top_docs(&searcher, &*weight, k, strategy, NOTHING, None, &[]).unwrap().0;
            prop_assert_eq!(ours.hits.len(), every.len().min(k));
            let distinct: std::collections::HashSet<_> =
                ours.hits.iter().map(|(_, address)| *address).collect();
            prop_assert_eq!(distinct.len(), ours.hits.len(), "a document found twice");
            for ((score, address), (expected, _)) in ours.hits.iter().zip(&every) {
                prop_assert!(close(*score, *expected), "{} vs {}", score, expected);
                prop_assert!(close(*score, score_of[address]), "{:?}", address);
            }
        }
        let all = top_docs(&searcher, &*weight, k, Strategy::Exhaustive, NOTHING, None, &[])
            .unwrap()
            .0;
        prop_assert_eq!(all.total, every.len());
        // Without scores, the same documents (deleted ones left out by the collector).
        let mut found: Vec<DocAddress> = searcher.search(&union, &DocSetCollector).unwrap().into_iter().collect();
        found.sort();
        let mut expected: Vec<DocAddress> = score_of.keys().copied().collect();
        expected.sort();
        prop_assert_eq!(found, expected);
    }
}
