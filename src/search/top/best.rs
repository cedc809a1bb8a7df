//! The `k` best candidates of a search, kept in a heap with the worst on top.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use tantivy::{DocAddress, Score};

/// One candidate; orders better first: higher score, then lower address.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub score: Score,
    pub address: DocAddress,
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then_with(|| other.address.cmp(&self.address))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// The `k` best candidates seen so far; the worst of them on top.
pub(crate) struct Best {
    k: usize,
    heap: BinaryHeap<Reverse<Candidate>>,
}

impl Best {
    /// Room for the `k` best (at least one).
    pub(crate) fn new(k: usize) -> Best {
        Best {
            k: k.max(1),
            heap: BinaryHeap::with_capacity(k.max(1) + 1),
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, candidate: Candidate) {
        if self.heap.len() < self.k {
            self.heap.push(Reverse(candidate));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if candidate > worst.0 {
                *worst = Reverse(candidate);
            }
        }
    }

    /// How many it keeps.
    pub(crate) fn k(&self) -> usize {
        self.k
    }

    /// Only documents scoring above this can still enter.
    #[inline]
    pub(crate) fn threshold(&self) -> Score {
        match self.heap.peek() {
            Some(worst) if self.heap.len() == self.k => worst.0.score,
            _ => Score::MIN,
        }
    }

    /// The candidates and those of `aside` that rank above the worst of them (all, when
    /// fewer than `k` were pushed), best first.
    pub(crate) fn into_sorted(self, aside: Vec<Candidate>) -> Vec<(Score, DocAddress)> {
        let worst = match self.heap.len() == self.k {
            true => self.heap.peek().map(|r| r.0),
            false => None,
        };
        let above = aside.into_iter().filter(|c| worst.is_none_or(|w| *c > w));
        let mut hits: Vec<Candidate> = self.heap.into_iter().map(|r| r.0).chain(above).collect();
        hits.sort_unstable_by(|a, b| b.cmp(a));
        hits.into_iter().map(|c| (c.score, c.address)).collect()
    }
}
