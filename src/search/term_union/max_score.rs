//! The top documents of a dense union found with block-max MaxScore.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::Bm25Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, Score, SegmentReader, Term, TERMINATED};

/// Call `callback` with every document of `terms` (each with its BM25 weight) in `reader`
/// from `start` on scoring above `threshold`, as [`block_max_score`] does.
pub(super) fn for_each_pruning(
    reader: &SegmentReader,
    terms: &[(Term, Bm25Weight)],
    start: DocId,
    threshold: Score,
    callback: &mut dyn FnMut(DocId, Score) -> Score,
) -> tantivy::Result<()> {
    block_max_score(cursors(reader, terms)?, start, threshold, callback);
    Ok(())
}

/// A cursor for each of `terms` (each with its BM25 weight) found in `reader`.
fn cursors(reader: &SegmentReader, terms: &[(Term, Bm25Weight)]) -> tantivy::Result<Vec<Cursor>> {
    let mut cursors = Vec::with_capacity(terms.len());
    for (order, (term, bm25)) in terms.iter().enumerate() {
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
    Ok(cursors)
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
pub(super) fn running_sums(values: impl Iterator<Item = Score>) -> impl Iterator<Item = Score> {
    values.scan(0.0, |sum, value| {
        *sum += value;
        Some(*sum)
    })
}
