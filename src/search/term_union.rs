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
//! but one-shot searches of common words were 2.7% slower with it (see BENCHMARKS.md).

use std::fmt;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{
    Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Explanation, Query, Scorer, TermQuery,
    Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term, TERMINATED};

use super::top::are_dense;

/// Documents holding any of the terms; each term found adds its BM25 score times its weight.
#[derive(Clone)]
pub(crate) struct TermUnion {
    terms: Vec<(Term, Score)>,
    /// Whether to prune with MaxScore whatever the terms' density (for tests).
    always_max_score: bool,
}

impl TermUnion {
    /// The union of `terms`, each with its weight. The same documents and scores as a
    /// `BooleanQuery::union` of `BoostQuery(TermQuery)`s, found faster by [`Weight::for_each_pruning`].
    pub(crate) fn new(terms: Vec<(Term, Score)>) -> TermUnion {
        TermUnion {
            terms,
            always_max_score: false,
        }
    }

    /// [`TermUnion::new`], pruned with MaxScore even where the terms are not dense.
    #[cfg(test)]
    pub(crate) fn with_max_score(terms: Vec<(Term, Score)>) -> TermUnion {
        TermUnion {
            terms,
            always_max_score: true,
        }
    }

    /// The terms, each with its weight.
    pub(crate) fn terms(&self) -> &[(Term, Score)] {
        &self.terms
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
        let boolean = self.as_boolean().weight(enable_scoring)?;
        let EnableScoring::Enabled {
            statistics_provider,
            ..
        } = enable_scoring
        else {
            return Ok(boolean);
        };
        let num_docs = statistics_provider.total_num_docs()?;
        let terms = self.terms.iter().map(|(term, _)| term);
        let max_score = self.always_max_score || are_dense(statistics_provider, num_docs, terms)?;
        // MaxScore's cursors score with each term's own BM25 weight.
        let mut terms = Vec::new();
        if max_score {
            for (term, weight) in &self.terms {
                let bm25 = Bm25Weight::for_terms(statistics_provider, std::slice::from_ref(term))?;
                terms.push((term.clone(), bm25.boost_by(*weight)));
            }
        }
        Ok(Box::new(TermUnionWeight {
            boolean,
            terms,
            max_score,
            weighted: self.terms.clone(),
        }))
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
    /// Each term with its BM25 weight, boosted (for MaxScore only).
    terms: Vec<(Term, Bm25Weight)>,
    /// Whether to find the top documents with MaxScore rather than tantivy's WAND.
    max_score: bool,
    /// Every term with its weight, to name them in explanations.
    weighted: Vec<(Term, Score)>,
}

impl Weight for TermUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.boolean.scorer(reader, boost)
    }

    /// tantivy's explanation of the sum, with the terms the document holds named in its
    /// context in the order of the details (`field:term ×weight`).
    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        use tantivy::DocSet;
        let mut explanation = self.boolean.explain(reader, doc)?;
        for (term, weight) in &self.weighted {
            let postings = reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::Basic)?;
            if postings.is_some_and(|mut p| p.doc() == doc || (p.doc() < doc && p.seek(doc) == doc))
            {
                let field = reader.schema().get_field_name(term.field());
                let value = term.value();
                let text = value.as_str().unwrap_or_default();
                explanation.add_context(format!("{field}:{text} ×{weight}"));
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
        let mut cursors = Vec::with_capacity(self.terms.len());
        for (order, (term, bm25)) in self.terms.iter().enumerate() {
            let inverted = reader.inverted_index(term.field())?;
            let Some(info) = inverted.get_term_info(term)? else {
                continue;
            };
            let block =
                inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
            let cursor = Cursor {
                order,
                max: bm25.max_score(),
                cost: info.doc_freq.max(1) as Score,
                block,
                at: 0,
                fieldnorms: reader.get_fieldnorms_reader(term.field())?,
                bm25: bm25.clone(),
                block_max: (TERMINATED, 0.0),
            };
            if cursor.doc() != TERMINATED {
                cursors.push(cursor);
            }
        }
        block_max_score(cursors, start, threshold, callback);
        Ok(())
    }
}

/// One term's postings in one segment, a block at a time.
struct Cursor {
    /// The term's place in the query: scores are added in this order, so that a document's
    /// score does not depend on which terms were found first.
    order: usize,
    /// The most this term can add to a document's score.
    max: Score,
    /// How many documents hold the term in the segment: what visiting them all costs.
    cost: Score,
    block: BlockSegmentPostings,
    /// The current document's place in the block.
    at: usize,
    fieldnorms: FieldNormReader,
    bm25: Bm25Weight,
    /// The first document of the block whose best score was last computed, and that score.
    block_max: (DocId, Score),
}

impl Cursor {
    fn doc(&self) -> DocId {
        self.block
            .docs()
            .get(self.at)
            .copied()
            .unwrap_or(TERMINATED)
    }

    fn score(&self) -> Score {
        let doc = self.doc();
        self.bm25
            .score(self.fieldnorms.fieldnorm_id(doc), self.block.freq(self.at))
    }

    fn advance(&mut self) {
        self.at += 1;
        if self.at == self.block.docs().len() {
            self.block.advance();
            self.at = 0;
        }
    }

    /// Move to the first document at or after `target`.
    fn seek(&mut self, target: DocId) {
        if self.doc() < target {
            self.at = self.block.seek(target);
        }
    }

    /// The last document of the current block; [`TERMINATED`] once past the last one.
    fn block_last(&self) -> DocId {
        let docs = self.block.docs();
        match self.at < docs.len() {
            true => docs[docs.len() - 1],
            false => TERMINATED,
        }
    }

    /// The most a document of the current block scores, from its documents. The bound
    /// tantivy keeps in the skip list for each block is the score of the (length, count)
    /// pair best under the segment's own average length when it was written; with the
    /// index's average, another document of the block can score more, and a top document
    /// was missed (the property test below found one).
    fn block_max(&mut self) -> Score {
        let first = self.block.docs().first().copied().unwrap_or(TERMINATED);
        if self.block_max.0 != first {
            let docs = self.block.docs().iter();
            let max = (docs.zip(self.block.freqs()))
                .map(|(&doc, &freq)| self.bm25.score(self.fieldnorms.fieldnorm_id(doc), freq))
                .fold(0.0, Score::max);
            self.block_max = (first, max);
        }
        self.block_max.1
    }
}

/// Call `callback` with every document of `cursors` from `start` on scoring above
/// `threshold` (and maybe some that do not), the threshold rising to what `callback`
/// returns.
///
/// Terms whose best scores sum to no more than the threshold are non-essential: a
/// document holding none of the others cannot pass, so documents come only from the
/// others, the essential terms. Which terms to make non-essential is chosen by their
/// best score per document holding them, lowest first (as Lucene's MaxScore does), so
/// that a common word of the body, which adds little, is looked up rather than visited
/// when rarer terms in headings or book titles can find the page. They are taken a window at a time, up to the end of the
/// first of the essential terms' current blocks, where each essential term can add at most
/// its block's best score. With those tighter bounds, more terms may be non-essential in
/// the window, and a window without an essential term is skipped whole. In each document,
/// the non-essential terms are sought, last in that order first, only while it could still
/// pass.
fn block_max_score(
    mut cursors: Vec<Cursor>,
    mut start: DocId,
    mut threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) {
    // Terms that add little per document visited go first, to be non-essential: the
    // essential terms are what gets visited.
    cursors.sort_by(|a, b| (a.max / a.cost).total_cmp(&(b.max / b.cost)));
    // overall[i]: the most cursors[..=i] can add together.
    let overall: Vec<Score> = running_sums(cursors.iter().map(|c| c.max)).collect();
    // (bound, cursor) of the terms in the window, least bound per document first.
    let mut window: Vec<(Score, usize)> = Vec::with_capacity(cursors.len());
    // bounds[i]: the most window[..=i] can add together.
    let mut bounds: Vec<Score> = Vec::with_capacity(cursors.len());
    // (order, score) of the terms found in the current document.
    let mut found: Vec<(usize, Score)> = Vec::with_capacity(cursors.len());
    loop {
        let essential = overall.iter().take_while(|b| **b <= threshold).count();
        if essential == cursors.len() {
            return;
        }
        let mut end = TERMINATED;
        for cursor in &mut cursors[essential..] {
            cursor.seek(start);
            end = end.min(cursor.block_last());
        }
        if end == TERMINATED {
            return;
        }
        window.clear();
        for (i, cursor) in cursors.iter_mut().enumerate() {
            // A term past the window has nothing in it. A non-essential term was last
            // sought before the window, so when its current block reaches past the window,
            // that block holds all its documents in the window: its best score bounds
            // them, found without reading another block.
            if cursor.doc() > end {
                continue;
            }
            let bound = match i >= essential || cursor.block_last() >= end {
                true => cursor.block_max(),
                false => cursor.max,
            };
            window.push((bound, i));
        }
        window.sort_by(|a, b| {
            let key = |(bound, i): &(Score, usize)| *bound / cursors[*i].cost;
            key(a).total_cmp(&key(b))
        });
        bounds.clear();
        bounds.extend(running_sums(window.iter().map(|(bound, _)| *bound)));
        let essential_from =
            |threshold: Score| bounds.iter().take_while(|b| **b <= threshold).count();
        let mut first = essential_from(threshold);
        // A term that is non-essential overall may be essential in this window, where the
        // others' block bounds are low; it was only sought up to the documents it was
        // looked up in, so it may still stand on one of them (already passed on).
        for (_, i) in &window[first..] {
            cursors[*i].seek(start);
        }
        while first < window.len() {
            let doc = window[first..]
                .iter()
                .map(|(_, i)| cursors[*i].doc())
                .min()
                .unwrap_or(TERMINATED);
            if doc > end {
                break;
            }
            found.clear();
            let mut upper = 0.0;
            for (_, i) in &window[first..] {
                let cursor = &mut cursors[*i];
                if cursor.doc() == doc {
                    let score = cursor.score();
                    upper += score;
                    found.push((cursor.order, score));
                    cursor.advance();
                }
            }
            let mut competitive = true;
            for k in (0..first).rev() {
                if upper + bounds[k] <= threshold {
                    competitive = false;
                    break;
                }
                let cursor = &mut cursors[window[k].1];
                cursor.seek(doc);
                if cursor.doc() == doc {
                    let score = cursor.score();
                    upper += score;
                    found.push((cursor.order, score));
                }
            }
            if !competitive {
                continue;
            }
            found.sort_unstable_by_key(|(order, _)| *order);
            let score = found.iter().fold(0.0, |sum, (_, score)| sum + score);
            if score > threshold {
                threshold = callback(doc, score);
                first = essential_from(threshold);
            }
        }
        start = end + 1;
    }
}

/// The running sums of `values`.
fn running_sums(values: impl Iterator<Item = Score>) -> impl Iterator<Item = Score> {
    values.scan(0.0, |sum, value| {
        *sum += value;
        Some(*sum)
    })
}

#[cfg(test)]
mod tests {
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
    /// run over many blocks of 128 and thresholds cross segments; some deleted.
    fn index(seed: u64, docs: usize, segments: usize) -> (Index, [tantivy::schema::Field; 3]) {
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
                let (title, heading, body) = (text(3, 40), text(4, 25), text(60, 30));
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn finds_what_tantivys_union_finds(
            seed in any::<u64>(),
            segments in 1usize..4,
            weights in prop::array::uniform3(0.1f32..4.0),
            k in prop::sample::select(vec![1usize, 10, 100]),
        ) {
            let (index, fields) = index(seed, 3000, segments);
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
                let ours = top_docs(&searcher, &*weight, k, strategy, NOTHING).unwrap().0;
                prop_assert_eq!(ours.hits.len(), every.len().min(k));
                let distinct: std::collections::HashSet<_> =
                    ours.hits.iter().map(|(_, address)| *address).collect();
                prop_assert_eq!(distinct.len(), ours.hits.len(), "a document found twice");
                for ((score, address), (expected, _)) in ours.hits.iter().zip(&every) {
                    prop_assert!(close(*score, *expected), "{} vs {}", score, expected);
                    prop_assert!(close(*score, score_of[address]), "{:?}", address);
                }
            }
            let all = top_docs(&searcher, &*weight, k, Strategy::Exhaustive, NOTHING)
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
}
