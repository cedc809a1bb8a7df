//! The search of one segment and the best documents across segments: what every match
//! costs (a comparison, a store) and when a match is offered to the best.

use tantivy::collector::SegmentCollector;
use tantivy::fastfield::AliveBitSet;
use tantivy::{DocAddress, DocId, Score, COLLECT_BLOCK_BUFFER_LEN};

use super::best::{Best, Candidate};
use crate::search::unwanted;

/// Blocks of matches between two looks at whether the search is still wanted.
const LOOK_EVERY: u32 = 64;

/// The search of one segment: each match is offered to the best documents when it scores
/// high enough, and counted and handed to the collector of every match, if any, a block of
/// matches at a time, so that what every match costs is a comparison and a store.
pub(super) struct Segment<'a, S> {
    pub(super) collecting: &'a mut Collecting,
    pub(super) ord: u32,
    pub(super) alive: Option<&'a AliveBitSet>,
    /// Documents that do not count toward the best `k`, if any.
    pub(super) uncounted: Option<Box<dyn Fn(DocId) -> bool>>,
    /// Documents passed over, sorted.
    pub(super) excluded: Vec<DocId>,
    pub(super) also: Option<S>,
    /// Matches not yet counted: `block[..len]`.
    pub(super) block: [DocId; COLLECT_BLOCK_BUFFER_LEN],
    pub(super) len: usize,
    /// Blocks counted, to look at whether the search is still wanted now and then.
    pub(super) blocks: u32,
    /// Set when it is not: the matches left are passed over.
    pub(super) given_up: bool,
}

impl<S: SegmentCollector> Segment<'_, S> {
    #[inline(always)]
    pub(super) fn add(&mut self, doc: DocId, score: Score) {
        if !self.excluded.is_empty() && self.excluded.binary_search(&doc).is_ok() {
            return;
        }
        // A tie with the worst may still enter, by its address.
        if score >= self.collecting.floor {
            self.offer(doc, score);
        }
        self.block[self.len % COLLECT_BLOCK_BUFFER_LEN] = doc;
        self.len += 1;
        if self.len == COLLECT_BLOCK_BUFFER_LEN {
            self.flush();
        }
    }

    #[inline(never)]
    fn offer(&mut self, doc: DocId, score: Score) {
        if !self.given_up && self.alive.is_none_or(|a| a.is_alive(doc)) {
            let address = DocAddress::new(self.ord, doc);
            let counts = self.uncounted.as_ref().is_none_or(|u| !u(doc));
            self.collecting.offer(Candidate { score, address }, counts);
        }
    }

    /// Count the block's live matches and hand them to the collector of every match.
    #[inline(never)]
    pub(super) fn flush(&mut self) {
        let len = std::mem::take(&mut self.len);
        if self.given_up {
            return;
        }
        let live = match self.alive {
            None => len,
            Some(alive) => {
                let mut live = 0;
                for i in 0..len {
                    let doc = self.block[i];
                    self.block[live] = doc;
                    live += usize::from(alive.is_alive(doc));
                }
                live
            }
        };
        self.collecting.counted += live;
        let room = (self.collecting.keep).saturating_sub(self.collecting.counted_docs.len());
        if room > 0 {
            let ord = self.ord;
            (self.collecting.counted_docs).extend(
                (self.block[..live.min(room)].iter()).map(|&doc| DocAddress::new(ord, doc)),
            );
        }
        if let Some(also) = &mut self.also {
            also.collect_block(&self.block[..live]);
        }
        self.blocks = self.blocks.wrapping_add(1);
        self.given_up = self.blocks.is_multiple_of(LOOK_EVERY) && unwanted::now();
    }
}

/// The best documents so far and the number of matches counted.
pub(super) struct Collecting {
    pub(super) best: Best,
    /// Documents that do not count toward `best`, offered while scoring at least its
    /// threshold; those below the final threshold are dropped at the end.
    pub(super) aside: Vec<Candidate>,
    /// `best`'s threshold: a match scoring below it cannot enter, and is not offered. An
    /// exhaustive search sees every match, nearly all of them below it.
    pub(super) floor: Score,
    pub(super) counted: usize,
    pub(super) count_up_to: usize,
    /// The first matches counted, up to `keep` of them.
    pub(super) counted_docs: Vec<DocAddress>,
    pub(super) keep: usize,
}

impl Collecting {
    /// Offer a match scoring at least `floor` to the best documents, or put it aside when
    /// it does not count.
    #[inline]
    fn offer(&mut self, candidate: Candidate, counts: bool) {
        if !counts {
            self.aside.push(candidate);
            return;
        }
        self.best.push(candidate);
        self.floor = self.best.threshold();
        if self.aside.len() > 4 * self.best.k() {
            let floor = self.floor;
            self.aside.retain(|c| c.score >= floor);
        }
    }

    /// Nothing is pruned until `count_up_to` matches are counted.
    #[inline]
    pub(super) fn threshold(&self) -> Score {
        if self.counted < self.count_up_to {
            Score::MIN
        } else {
            self.floor
        }
    }
}
