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
    undated: u64,
}

/// The longest run of years counted in arrays: more than from 9999 BC to AD 9999.
const MAX_SPAN: i64 = 20_000;

/// Years per array of a [`YearTally`].
const CHUNK: usize = 64;

impl YearTally {
    /// Room for the years `first..=last`, when they are a run of at most [`MAX_SPAN`];
    /// else none, and every year goes to the map.
    fn spanning(first: i64, last: i64) -> YearTally {
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

    /// Count `n` documents of `year`.
    #[inline]
    fn add(&mut self, year: i64, n: u64) {
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
    fn sum(tallies: Vec<YearTally>) -> YearTally {
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
    fn merge(&mut self, other: YearTally) {
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
    fn years(&self) -> Vec<(i64, u64)> {
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
        Ok(YearTally::sum(fruits))
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

    #[test]
    fn bucket_names_parse() {
        assert_eq!("decade".parse::<Bucket>().unwrap(), Bucket::Decade);
        assert_eq!("".parse::<Bucket>().unwrap(), Bucket::Auto);
        assert!("fortnight".parse::<Bucket>().is_err());
    }
}
