//! Matching documents counted per year, in arrays of years made as they are needed.

use std::collections::BTreeMap;

/// Documents per year, and documents without one. Years within a run of at most
/// [`MAX_SPAN`] are counted in arrays of [`CHUNK`] years, made when a year of theirs is
/// first counted: a common word matches hundreds of thousands of documents, and an array
/// costs a fraction of a map's look-up per document (BENCHMARKS.md, "What `--timeline`
/// costs"), while a corpus whose years run over thousands (a few in 4000 BC, a few in
/// the future) makes arrays only where its matches have years. Years outside the run,
/// which only odd data has, are counted in a map.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct YearTally {
    /// The year `chunks[0]` starts at: a multiple of [`CHUNK`], so that the chunks of
    /// two tallies add up slot by slot.
    first: i64,
    /// Runs of [`CHUNK`] years from `first` on, each made when a year of it is counted.
    chunks: Vec<Option<Box<[u64; CHUNK]>>>,
    /// Years outside the chunks' run.
    others: BTreeMap<i64, u64>,
    pub(crate) undated: u64,
}

/// The longest run of years counted in arrays: more than from 9999 BC to AD 9999.
const MAX_SPAN: i64 = 20_000;

/// Years per array of a [`YearTally`].
const CHUNK: usize = 64;

impl YearTally {
    /// Room for the years `first..=last`, when they are a run of at most [`MAX_SPAN`];
    /// else none, and every year goes to the map.
    pub(crate) fn spanning(first: i64, last: i64) -> YearTally {
        let chunk = CHUNK as i64;
        let aligned = first.div_euclid(chunk) * chunk;
        let chunks = match last.checked_sub(aligned) {
            Some(span) if (0..MAX_SPAN + chunk).contains(&span) => span / chunk + 1,
            _ => 0,
        };
        YearTally {
            first: aligned,
            chunks: vec![None; chunks as usize],
            ..YearTally::default()
        }
    }

    /// Room for the longest run of years ([`MAX_SPAN`]) that ends at `last`: for counts
    /// whose last year is known but not their first.
    pub(crate) fn up_to(last: i64) -> YearTally {
        YearTally::spanning(last.saturating_sub(MAX_SPAN - 1), last)
    }

    /// Count `n` documents of `year`.
    #[inline]
    pub(crate) fn add(&mut self, year: i64, n: u64) {
        // A year before `first` wraps around to past the end.
        let index = year.wrapping_sub(self.first) as u64;
        let chunk = (index / CHUNK as u64).try_into().unwrap_or(usize::MAX);
        match self.chunks.get_mut(chunk) {
            Some(counts) => {
                counts.get_or_insert_with(|| Box::new([0; CHUNK]))[index as usize % CHUNK] += n
            }
            None => self.add_other(year, n),
        }
    }

    #[cold]
    fn add_other(&mut self, year: i64, n: u64) {
        *self.others.entry(year).or_insert(0) += n;
    }

    /// The sum of `tallies`, with room for the years of all of theirs when those are at
    /// most [`MAX_SPAN`] years: each chunk is then added slot by slot.
    pub(crate) fn sum(tallies: Vec<YearTally>) -> YearTally {
        let spans = || tallies.iter().filter_map(YearTally::span);
        let mut sum = match (spans().map(|s| s.0).min(), spans().map(|s| s.1).max()) {
            (Some(first), Some(last)) => YearTally::spanning(first, last),
            _ => YearTally::default(),
        };
        for tally in tallies {
            sum.add_tally(tally);
        }
        sum
    }

    /// Add `other`'s counts to these, widening the run to the years of both unless it
    /// spans `other`'s already.
    pub(crate) fn merge(&mut self, other: YearTally) {
        let spans_other = match (self.span(), other.span()) {
            (_, None) => true,
            (Some((first, last)), Some((from, to))) => first <= from && to <= last,
            (None, Some(_)) => false,
        };
        match spans_other {
            true => self.add_tally(other),
            false => *self = YearTally::sum(vec![std::mem::take(self), other]),
        }
    }

    fn add_tally(&mut self, other: YearTally) {
        self.undated += other.undated;
        for (i, counts) in other.chunks.into_iter().enumerate() {
            let Some(counts) = counts else { continue };
            let from = other.first + (i * CHUNK) as i64;
            // Chunks start at multiples of CHUNK: one of `other` is one of these, or
            // outside their run.
            let at =
                (from.checked_sub(self.first)).and_then(|d| usize::try_from(d / CHUNK as i64).ok());
            match at.and_then(|at| self.chunks.get_mut(at)) {
                Some(Some(mine)) => {
                    for (slot, n) in mine.iter_mut().zip(counts.iter()) {
                        *slot += n;
                    }
                }
                Some(mine @ None) => *mine = Some(counts),
                None => {
                    for (j, &n) in counts.iter().enumerate().filter(|(_, &n)| n > 0) {
                        self.add(from + j as i64, n);
                    }
                }
            }
        }
        for (year, n) in other.others {
            self.add(year, n);
        }
    }

    /// The first and last year the chunks have room for, if there are any.
    fn span(&self) -> Option<(i64, i64)> {
        let len = (self.chunks.len() * CHUNK) as i64;
        (len > 0).then(|| (self.first, self.first + len - 1))
    }

    /// `(year, documents)` for each year with any, oldest first.
    pub(crate) fn years(&self) -> Vec<(i64, u64)> {
        let mut years: Vec<(i64, u64)> = (self.chunks.iter().enumerate())
            .filter_map(|(i, counts)| Some((self.first + (i * CHUNK) as i64, counts.as_ref()?)))
            .flat_map(|(from, counts)| {
                (counts.iter().enumerate())
                    .filter(|(_, &n)| n > 0)
                    .map(move |(j, &n)| (from + j as i64, n))
            })
            .chain(self.others.iter().map(|(&year, &n)| (year, n)))
            .collect();
        years.sort_unstable();
        years
    }

    /// The tally of `(year, documents)` and `undated` documents.
    pub(crate) fn of(years: &[(i64, u64)], undated: u64) -> YearTally {
        let first = years.iter().map(|&(y, _)| y).min().unwrap_or(0);
        let last = years.iter().map(|&(y, _)| y).max().unwrap_or(-1);
        let mut tally = YearTally::spanning(first, last);
        for &(year, n) in years {
            tally.add(year, n);
        }
        tally.undated = undated;
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tallies_merge_across_spans() {
        let mut tally = YearTally::default();
        tally.merge(YearTally::of(&[(1914, 1), (1916, 2)], 1));
        tally.merge(YearTally::of(&[], 2));
        tally.merge(YearTally::of(&[(1900, 1), (1916, 1)], 0));
        tally.merge(YearTally::of(&[(1950, 3)], 0));
        tally.merge(YearTally::of(&[(1915, 4)], 0));
        let years = tally.years();
        assert_eq!(
            years,
            [(1900, 1), (1914, 1), (1915, 4), (1916, 3), (1950, 3)]
        );
        assert_eq!(tally.undated, 3);
        // Summed at once, the same.
        let parts = [
            YearTally::of(&[(1914, 1), (1916, 2)], 1),
            YearTally::of(&[], 2),
            YearTally::of(&[(1900, 1), (1916, 1)], 0),
            YearTally::of(&[(1950, 3)], 0),
            YearTally::of(&[(1915, 4)], 0),
        ];
        let sum = YearTally::sum(parts.to_vec());
        assert_eq!((sum.years(), sum.undated), (years.clone(), 3));
        // Chunks start at multiples of CHUNK, and only those with years are made.
        assert_eq!(sum.span(), Some((1856, 1983)));
        assert_eq!(sum.chunks.iter().filter(|c| c.is_some()).count(), 2);
        let far = YearTally::sum(vec![
            YearTally::of(&[(-4000, 1)], 0),
            YearTally::of(&[(1914, 2), (5800, 1)], 0),
        ]);
        assert_eq!(far.years(), [(-4000, 1), (1914, 2), (5800, 1)]);
        assert_eq!(far.chunks.iter().filter(|c| c.is_some()).count(), 3);

        // Room for the longest run, ending at a year: earlier years go to the map.
        let mut ending = YearTally::up_to(1950);
        let (first, last) = ending.span().unwrap();
        assert!(first <= 1950 - MAX_SPAN + 1 && last >= 1950);
        for year in [1950, 1950 - MAX_SPAN + 1, first - 1] {
            ending.add(year, 1);
        }
        assert_eq!(ending.others.len(), 1);
        assert_eq!(ending.years().len(), 3);

        // Years outside the array's run, and runs too long for one, still count.
        let mut bounded = YearTally::spanning(1900, 1910);
        for year in [1899, 1911, i64::MIN, i64::MAX, 1905] {
            bounded.add(year, 1);
        }
        let all = [
            (i64::MIN, 1),
            (1899, 1),
            (1905, 1),
            (1911, 1),
            (i64::MAX, 1),
        ];
        assert_eq!(bounded.years(), all);
        let mut merged = YearTally::spanning(i64::MIN, i64::MAX);
        assert!(merged.chunks.is_empty());
        merged.merge(bounded);
        merged.merge(YearTally::of(&[(-50_000, 2), (1905, 1)], 0));
        merged.merge(YearTally::spanning(-5, 1_000_000));
        let years = merged.years();
        assert_eq!(years[1], (-50_000, 2));
        assert_eq!(years[3], (1905, 2));
        assert_eq!(years.iter().map(|(_, n)| n).sum::<u64>(), 8);
    }
}
