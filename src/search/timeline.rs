//! A timeline of a search: how many matching documents fall in each year bucket.
//!
//! Counted over every match, not only the page, by a collector that reads the `year` fast
//! field and scores nothing.

use std::str::FromStr;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

use super::{Engine, KindFilter, SearchOptions, Tier};
use crate::error::{Error, Result};
use crate::schema::DocKind;

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
        let mut years = tally.years();
        let (Some((first, _)), Some((last, _))) = (years.next(), tally.years().next_back()) else {
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
        for (year, n) in tally.years() {
            counts[((year - start) / width) as usize].1 += n;
        }
        Timeline {
            bucket: bucket.as_str(),
            counts,
            undated: tally.undated,
        }
    }
}

/// Documents per year over a run of years, and documents without one. An array rather
/// than a map: a common word matches hundreds of thousands of documents, and an array
/// costs a fraction of a map's look-up per document (BENCHMARKS.md, "What `--timeline`
/// costs").
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct YearTally {
    /// The year `counts[0]` counts.
    first: i64,
    counts: Vec<u64>,
    undated: u64,
}

/// No tally spans more than this many years: years run from 9999 BC to AD 9999.
const MAX_SPAN: i64 = 20_000;

impl YearTally {
    /// Room for the years `first..=last` (none when `last < first`).
    fn spanning(first: i64, last: i64) -> YearTally {
        let span = last.saturating_sub(first).clamp(-1, MAX_SPAN - 1) + 1;
        YearTally {
            first,
            counts: vec![0; span as usize],
            undated: 0,
        }
    }

    /// One more document of `year`, which must be within the tally's span: a year outside
    /// it (from a damaged column) is not counted rather than panicking.
    fn count(&mut self, year: i64) {
        let index = year.checked_sub(self.first).map(usize::try_from);
        if let Some(n) = index
            .and_then(|i| i.ok())
            .and_then(|i| self.counts.get_mut(i))
        {
            *n += 1;
        }
    }

    /// Add `other`'s counts to these, widening the span as needed.
    fn merge(&mut self, other: YearTally) {
        self.undated += other.undated;
        let Some((first, last)) = other.span() else {
            return;
        };
        let wanted = match self.span() {
            Some((old_first, old_last)) => (first.min(old_first), last.max(old_last)),
            None => (first, last),
        };
        if self.span() != Some(wanted) {
            let mut wider = YearTally::spanning(wanted.0, wanted.1);
            wider.add_counts(self);
            wider.undated = self.undated;
            *self = wider;
        }
        self.add_counts(&other);
    }

    /// Add `other`'s counts, which must lie within this span.
    fn add_counts(&mut self, other: &YearTally) {
        if other.counts.is_empty() {
            return;
        }
        let offset = (other.first - self.first) as usize;
        for (sum, n) in self.counts[offset..].iter_mut().zip(&other.counts) {
            *sum += n;
        }
    }

    /// The first and last year of the span, if it has any.
    fn span(&self) -> Option<(i64, i64)> {
        let len = self.counts.len() as i64;
        (len > 0).then(|| (self.first, self.first + len - 1))
    }

    /// `(year, documents)` for each year with any, oldest first.
    fn years(&self) -> impl DoubleEndedIterator<Item = (i64, u64)> + '_ {
        (self.counts.iter().enumerate())
            .filter(|(_, &n)| n > 0)
            .map(|(i, &n)| (self.first + i as i64, n))
    }

    #[cfg(test)]
    fn of(years: &[(i64, u64)], undated: u64) -> YearTally {
        let first = years.iter().map(|&(y, _)| y).min().unwrap_or(0);
        let last = years.iter().map(|&(y, _)| y).max().unwrap_or(-1);
        let mut tally = YearTally::spanning(first, last);
        for &(year, n) in years {
            for _ in 0..n {
                tally.count(year);
            }
        }
        tally.undated = undated;
        tally
    }
}

/// Counts matching documents per year, and those without one: only those whose `kind` is
/// `only`, when set. Reading the kind here is cheaper than intersecting the query with
/// the posting list of a kind that nearly every document has.
pub(crate) struct YearCounts {
    pub only: Option<&'static str>,
}

/// Per-segment state of [`YearCounts`].
pub(crate) struct SegmentYears {
    column: Column<i64>,
    /// The kind column and the ordinal of the kind counted, when only one is.
    kind: Option<(StrColumn, Option<u64>)>,
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
        let kind = match self.only {
            Some(only) => {
                let column = fast
                    .str("kind")?
                    .ok_or_else(|| TantivyError::SchemaError("kind is not a fast field".into()))?;
                let ord = column.dictionary().term_ord(only)?;
                Some((column, ord))
            }
            None => None,
        };
        let column = fast.i64("year")?;
        let tally = YearTally::spanning(column.min_value(), column.max_value());
        Ok(SegmentYears {
            column,
            kind,
            tally,
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

impl SegmentCollector for SegmentYears {
    type Fruit = YearTally;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some((column, ord)) = &self.kind {
            if ord.is_none() || column.term_ords(doc).next() != *ord {
                return;
            }
        }
        match self.column.first(doc) {
            Some(year) => self.tally.count(year),
            None => self.tally.undated += 1,
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        // Column values decoded a block at a time (up to 64 documents), not one by one.
        let mut kinds = [None; tantivy::COLLECT_BLOCK_BUFFER_LEN];
        let mut years = [None; tantivy::COLLECT_BLOCK_BUFFER_LEN];
        for docs in docs.chunks(tantivy::COLLECT_BLOCK_BUFFER_LEN) {
            let n = docs.len();
            self.column.first_vals(docs, &mut years[..n]);
            if let Some((column, ord)) = &self.kind {
                column.ords().first_vals(docs, &mut kinds[..n]);
                for (kind, year) in kinds[..n].iter().zip(&mut years[..n]) {
                    if kind != ord || ord.is_none() {
                        *year = Some(i64::MIN);
                    }
                }
            }
            for year in &years[..n] {
                match *year {
                    Some(i64::MIN) => {}
                    Some(year) => self.tally.count(year),
                    None => self.tally.undated += 1,
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.tally
    }
}

impl Engine {
    /// Every match of the tiers searched, counted per year bucket: sections, or books when
    /// only books are searched (in a search of every kind, books are shown under their
    /// sections and not counted again).
    pub(super) fn timeline(
        &self,
        searcher: &Searcher,
        tiers: &[(Tier, Box<dyn Query>)],
        options: &SearchOptions,
        matches_all: bool,
        bucket: Bucket,
    ) -> Result<Timeline> {
        let counts = YearCounts {
            only: (options.kind == KindFilter::All).then_some(DocKind::Section.as_str()),
        };
        let mut tally = YearTally::default();
        for (i, (_, query)) in tiers.iter().enumerate() {
            let earlier = tiers[..i].iter().map(|(_, q)| q.box_clone()).collect();
            let filtered = self.filtered(query.box_clone(), earlier, options, matches_all);
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
        let years: Vec<_> = tally.years().collect();
        assert_eq!(
            years,
            [(1900, 1), (1914, 1), (1915, 4), (1916, 3), (1950, 3)]
        );
        assert_eq!(tally.undated, 3);

        let mut bounded = YearTally::spanning(1900, 1910);
        for year in [1899, 1911, i64::MIN, i64::MAX, 1905] {
            bounded.count(year);
        }
        assert_eq!(bounded.years().collect::<Vec<_>>(), [(1905, 1)]);
        assert_eq!(YearTally::spanning(i64::MIN, i64::MAX).counts.len(), 20_000);
    }

    #[test]
    fn bucket_names_parse() {
        assert_eq!("decade".parse::<Bucket>().unwrap(), Bucket::Decade);
        assert_eq!("".parse::<Bucket>().unwrap(), Bucket::Auto);
        assert!("fortnight".parse::<Bucket>().is_err());
    }
}
