//! A timeline of a search: how many matching documents fall in each year bucket.
//!
//! Counted over every match, not only the page, by a collector that reads each match's
//! [`TimelineKey`]. Where the search scores every match anyway (a phrase, several words,
//! a filtered word: see [`super::top::visits_every_match`]), the search hands each match
//! to the collector as it goes; otherwise the matches are walked again here, unscored.

use std::collections::BTreeMap;
use std::str::FromStr;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, ColumnIndex};
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::{Engine, KindFilter, SearchOptions, Tier, YearRange};
use crate::error::{Error, Result};
use crate::schema::TimelineKey;

/// How wide each bar of a timeline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Bucket {
    /// Chosen from the span of the years: see [`Bucket::for_span`].
    #[default]
    Auto,
    Year,
    Decade,
    Century,
}

impl FromStr for Bucket {
    type Err = Error;

    fn from_str(s: &str) -> Result<Bucket> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "auto" | "true" | "1" => Ok(Bucket::Auto),
            "year" | "years" => Ok(Bucket::Year),
            "decade" | "decades" => Ok(Bucket::Decade),
            "century" | "centuries" => Ok(Bucket::Century),
            other => Err(Error::option(
                "--timeline",
                format!("{other:?} is not one of year, decade, century"),
            )),
        }
    }
}

/// Spans up to this many years are drawn year by year.
const YEARS_UP_TO: i64 = 20;
/// Spans over this many years are drawn by century.
const DECADES_UP_TO: i64 = 300;

impl Bucket {
    /// The bucket for years from `first` to `last`: a decade, unless they span at most
    /// [`YEARS_UP_TO`] years (then years) or more than [`DECADES_UP_TO`] (then centuries),
    /// so that a timeline has a handful to a few dozen bars.
    pub fn for_span(first: i64, last: i64) -> Bucket {
        match last.saturating_sub(first) {
            span if span <= YEARS_UP_TO => Bucket::Year,
            span if span <= DECADES_UP_TO => Bucket::Decade,
            _ => Bucket::Century,
        }
    }

    fn width(self) -> i64 {
        match self {
            Bucket::Auto | Bucket::Year => 1,
            Bucket::Decade => 10,
            Bucket::Century => 100,
        }
    }

    /// The name JSON uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Bucket::Auto => "auto",
            Bucket::Year => "year",
            Bucket::Decade => "decade",
            Bucket::Century => "century",
        }
    }
}

/// Matching documents per bucket of years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    /// `year`, `decade` or `century`.
    pub bucket: &'static str,
    /// `[first year of the bucket, documents]`, oldest first (BC years negative), every
    /// bucket from the first to the last that has any (empty ones with 0).
    pub counts: Vec<(i64, u64)>,
    /// Matching documents without a year.
    pub undated: u64,
}

impl Timeline {
    /// The timeline of `tally` in `bucket` (chosen when `Auto`).
    pub(crate) fn new(tally: &YearTally, bucket: Bucket) -> Timeline {
        let years = tally.years();
        let (Some(&(first, _)), Some(&(last, _))) = (years.first(), years.last()) else {
            let bucket = match bucket {
                Bucket::Auto => Bucket::Decade,
                b => b,
            };
            return Timeline {
                bucket: bucket.as_str(),
                counts: Vec::new(),
                undated: tally.undated,
            };
        };
        let bucket = match bucket {
            Bucket::Auto => Bucket::for_span(first, last),
            b => b,
        };
        let width = bucket.width();
        let start = first.div_euclid(width) * width;
        let mut counts: Vec<(i64, u64)> = (start..=last)
            .step_by(width as usize)
            .map(|b| (b, 0))
            .collect();
        for (year, n) in years {
            counts[((year - start) / width) as usize].1 += n;
        }
        Timeline {
            bucket: bucket.as_str(),
            counts,
            undated: tally.undated,
        }
    }
}

/// Documents per year, and documents without one. Years within a run of at most
/// [`MAX_SPAN`] are counted in an array rather than a map: a common word matches hundreds
/// of thousands of documents, and an array costs a fraction of a map's look-up per
/// document (BENCHMARKS.md, "What `--timeline` costs"). Years outside it, which only odd
/// data has, are counted in a map.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct YearTally {
    /// The year `counts[0]` counts.
    first: i64,
    counts: Vec<u64>,
    /// Years outside the array's run.
    others: BTreeMap<i64, u64>,
    undated: u64,
}

/// The longest run of years counted in an array: more than from 9999 BC to AD 9999.
const MAX_SPAN: i64 = 20_000;

impl YearTally {
    /// An array for the years `first..=last`, when they are a run of at most [`MAX_SPAN`];
    /// else none, and every year goes to the map.
    fn spanning(first: i64, last: i64) -> YearTally {
        let span = match last.checked_sub(first) {
            Some(span) if (0..MAX_SPAN).contains(&span) => span as usize + 1,
            _ => 0,
        };
        YearTally {
            first,
            counts: vec![0; span],
            ..YearTally::default()
        }
    }

    /// Count `n` documents of `year`.
    #[inline]
    fn add(&mut self, year: i64, n: u64) {
        // A year before `first` wraps around to past the end.
        let index = year.wrapping_sub(self.first) as u64;
        if index < self.counts.len() as u64 {
            self.counts[index as usize] += n;
        } else {
            self.add_other(year, n);
        }
    }

    #[cold]
    fn add_other(&mut self, year: i64, n: u64) {
        *self.others.entry(year).or_insert(0) += n;
    }

    /// Add `other`'s counts to these, widening the array when the two runs together are
    /// still at most [`MAX_SPAN`] years.
    fn merge(&mut self, other: YearTally) {
        self.undated += other.undated;
        if let Some((first, last)) = other.span() {
            let wanted = match self.span() {
                Some((old_first, old_last)) => (first.min(old_first), last.max(old_last)),
                None => (first, last),
            };
            let fits = wanted
                .1
                .checked_sub(wanted.0)
                .is_some_and(|span| span < MAX_SPAN);
            if self.span() != Some(wanted) && fits {
                let old = std::mem::take(&mut self.counts);
                let old_first = self.first;
                *self = YearTally {
                    others: std::mem::take(&mut self.others),
                    undated: self.undated,
                    ..YearTally::spanning(wanted.0, wanted.1)
                };
                self.add_run(old_first, &old);
            }
            self.add_run(first, &other.counts);
        }
        for (year, n) in other.others {
            self.add(year, n);
        }
    }

    /// Add the counts of the years from `first` on.
    fn add_run(&mut self, first: i64, counts: &[u64]) {
        for (i, &n) in counts.iter().enumerate() {
            if n > 0 {
                self.add(first + i as i64, n);
            }
        }
    }

    /// The first and last year of the array, if there is one.
    fn span(&self) -> Option<(i64, i64)> {
        let len = self.counts.len() as i64;
        (len > 0).then(|| (self.first, self.first + len - 1))
    }

    /// `(year, documents)` for each year with any, oldest first.
    fn years(&self) -> Vec<(i64, u64)> {
        let mut years: Vec<(i64, u64)> = (self.counts.iter().enumerate())
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (self.first + i as i64, n))
            .chain(self.others.iter().map(|(&year, &n)| (year, n)))
            .collect();
        years.sort_unstable();
        years
    }

    #[cfg(test)]
    fn of(years: &[(i64, u64)], undated: u64) -> YearTally {
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

/// Counts matching documents of one kind per year, and those without one, within a range
/// of years. Kind and year are read from the one dense [`TimelineKey`] column, a block of
/// documents at a time: filtering by them here is cheaper than intersecting the query with
/// the posting list of a kind that nearly every document has, or with a range of years.
#[derive(Debug, Clone, Copy)]
pub(crate) struct YearCounts {
    /// Sections, else reading entries.
    pub sections: bool,
    pub years: YearRange,
}

impl YearCounts {
    /// What a timeline of a search with `options` counts: sections, or books when only
    /// books are searched (in a search of every kind, books are shown under their sections
    /// and not counted again), in the years asked for.
    pub(crate) fn for_options(options: &SearchOptions) -> YearCounts {
        YearCounts {
            sections: options.kind != KindFilter::Reading,
            years: options.years,
        }
    }
}

/// Per-segment state of [`YearCounts`].
pub(crate) struct SegmentYears {
    keys: Column<u64>,
    sections: bool,
    years: YearRange,
    tally: YearTally,
}

impl Collector for YearCounts {
    type Fruit = YearTally;
    type Child = SegmentYears;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentYears> {
        let fast = reader.fast_fields();
        // The segment's span of years, from the year column's bounds.
        let years = fast.i64("year")?;
        Ok(SegmentYears {
            keys: fast.u64("timeline_key")?,
            sections: self.sections,
            years: self.years,
            tally: YearTally::spanning(years.min_value(), years.max_value()),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<YearTally>) -> tantivy::Result<YearTally> {
        let mut merged = YearTally::default();
        for fruit in fruits {
            merged.merge(fruit);
        }
        Ok(merged)
    }
}

impl SegmentYears {
    /// Count the match whose key is `key`, if its kind and year are counted.
    #[inline]
    fn count(&mut self, key: TimelineKey) {
        let kind = match self.sections {
            true => key.is_section(),
            false => key.is_reading(),
        };
        if !kind {
            return;
        }
        match key.year() {
            Some(year) if self.years.contains(year) => self.tally.add(year, 1),
            None if self.years.is_open() => self.tally.undated += 1,
            _ => {}
        }
    }
}

impl SegmentCollector for SegmentYears {
    type Fruit = YearTally;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.collect_block(&[doc]);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        let mut keys = [0; tantivy::COLLECT_BLOCK_BUFFER_LEN];
        for docs in docs.chunks(tantivy::COLLECT_BLOCK_BUFFER_LEN) {
            let keys = &mut keys[..docs.len()];
            match self.keys.index {
                // Every document has a key: its row is its address.
                ColumnIndex::Full => self.keys.values.get_vals(docs, keys),
                // Only in an index built otherwise; a document without a key is not counted.
                _ => {
                    for (key, &doc) in keys.iter_mut().zip(docs) {
                        *key = self.keys.first(doc).unwrap_or(0);
                    }
                }
            }
            for &key in keys.iter() {
                self.count(TimelineKey(key));
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.tally
    }
}

impl Engine {
    /// Every match of the tiers searched, counted per year bucket (see
    /// [`YearCounts::for_options`]). `tallies` holds, per tier, its counts when its search
    /// made them; the other tiers are walked here.
    pub(super) fn timeline(
        &self,
        searcher: &Searcher,
        tiers: &[(Tier, Box<dyn Query>)],
        tallies: Vec<Option<YearTally>>,
        options: &SearchOptions,
        bucket: Bucket,
    ) -> Result<Timeline> {
        let counts = YearCounts::for_options(options);
        // Kinds and years are read from each match's key: the query is filtered by
        // language alone.
        let by_language = SearchOptions {
            kind: KindFilter::All,
            years: YearRange::default(),
            ..options.clone()
        };
        let mut tally = YearTally::default();
        let mut tallies = tallies.into_iter();
        for (i, (_, query)) in tiers.iter().enumerate() {
            if let Some(counted) = tallies.next().flatten() {
                tally.merge(counted);
                continue;
            }
            let earlier = tiers[..i].iter().map(|(_, q)| q.box_clone()).collect();
            let filtered = self.filtered(query.box_clone(), earlier, &by_language, false);
            tally.merge(searcher.search(&*filtered, &counts)?);
        }
        Ok(Timeline::new(&tally, bucket))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_chosen_from_the_span() {
        assert_eq!(Bucket::for_span(1914, 1918), Bucket::Year);
        assert_eq!(Bucket::for_span(1815, 1991), Bucket::Decade);
        assert_eq!(Bucket::for_span(800, 1991), Bucket::Century);
    }

    #[test]
    fn counts_fill_every_bucket_between_the_first_and_last() {
        let years = YearTally::of(&[(1914, 2), (1918, 1), (1939, 4)], 3);
        let timeline = Timeline::new(&years, Bucket::Auto);
        assert_eq!(timeline.bucket, "decade");
        assert_eq!(timeline.counts, [(1910, 3), (1920, 0), (1930, 4)]);
        assert_eq!(timeline.undated, 3);
        let by_year = Timeline::new(&years, Bucket::Year);
        assert_eq!(by_year.counts.len(), 26);
        assert_eq!(by_year.counts[4], (1918, 1));
        let century = Timeline::new(&years, Bucket::Century);
        assert_eq!(century.counts, [(1900, 7)]);
        let ancient = YearTally::of(&[(-44, 1), (-31, 2), (14, 1)], 0);
        let decades = Timeline::new(&ancient, Bucket::Auto);
        assert_eq!(decades.bucket, "decade");
        assert_eq!(decades.counts[0], (-50, 1));
        assert_eq!(decades.counts[1], (-40, 2));
        assert_eq!(decades.counts.last(), Some(&(10, 1)));
        assert!(Timeline::new(&YearTally::default(), Bucket::Auto)
            .counts
            .is_empty());
    }

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
        assert!(merged.counts.is_empty());
        merged.merge(bounded);
        merged.merge(YearTally::of(&[(-50_000, 2), (1905, 1)], 0));
        merged.merge(YearTally::spanning(-5, 1_000_000));
        let years = merged.years();
        assert_eq!(years[1], (-50_000, 2));
        assert_eq!(years[3], (1905, 2));
        assert_eq!(years.iter().map(|(_, n)| n).sum::<u64>(), 8);
    }

    #[test]
    fn bucket_names_parse() {
        assert_eq!("decade".parse::<Bucket>().unwrap(), Bucket::Decade);
        assert_eq!("".parse::<Bucket>().unwrap(), Bucket::Auto);
        assert!("fortnight".parse::<Bucket>().is_err());
    }
}
