//! A timeline of a search: how many matching documents fall in each year bucket.
//!
//! Counted over every match, not only the page, by a collector that reads the `year` fast
//! field and scores nothing.

use std::collections::BTreeMap;
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
    /// The timeline of `years` (year → documents) in `bucket` (chosen when `Auto`).
    pub(crate) fn new(years: &BTreeMap<i64, u64>, undated: u64, bucket: Bucket) -> Timeline {
        let (Some(&first), Some(&last)) = (years.keys().next(), years.keys().next_back()) else {
            let bucket = match bucket {
                Bucket::Auto => Bucket::Decade,
                b => b,
            };
            return Timeline {
                bucket: bucket.as_str(),
                counts: Vec::new(),
                undated,
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
        for (&year, &n) in years {
            counts[((year - start) / width) as usize].1 += n;
        }
        Timeline {
            bucket: bucket.as_str(),
            counts,
            undated,
        }
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
    years: BTreeMap<i64, u64>,
    undated: u64,
}

impl Collector for YearCounts {
    type Fruit = (BTreeMap<i64, u64>, u64);
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
        Ok(SegmentYears {
            column: fast.i64("year")?,
            kind,
            years: BTreeMap::new(),
            undated: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(BTreeMap<i64, u64>, u64)>,
    ) -> tantivy::Result<(BTreeMap<i64, u64>, u64)> {
        let mut merged = BTreeMap::new();
        let mut undated = 0;
        for (years, none) in fruits {
            undated += none;
            for (year, n) in years {
                *merged.entry(year).or_insert(0) += n;
            }
        }
        Ok((merged, undated))
    }
}

impl SegmentCollector for SegmentYears {
    type Fruit = (BTreeMap<i64, u64>, u64);

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some((column, ord)) = &self.kind {
            if ord.is_none() || column.term_ords(doc).next() != *ord {
                return;
            }
        }
        match self.column.first(doc) {
            Some(year) => *self.years.entry(year).or_insert(0) += 1,
            None => self.undated += 1,
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
                    Some(year) => *self.years.entry(year).or_insert(0) += 1,
                    None => self.undated += 1,
                }
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.years, self.undated)
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
        let mut years = std::collections::BTreeMap::new();
        let mut undated = 0;
        for (i, (_, query)) in tiers.iter().enumerate() {
            let earlier = tiers[..i].iter().map(|(_, q)| q.box_clone()).collect();
            let filtered = self.filtered(query.box_clone(), earlier, options, matches_all);
            let (tier_years, tier_undated) = searcher.search(&*filtered, &counts)?;
            undated += tier_undated;
            for (year, n) in tier_years {
                *years.entry(year).or_insert(0) += n;
            }
        }
        Ok(Timeline::new(&years, undated, bucket))
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
        let years = BTreeMap::from([(1914, 2), (1918, 1), (1939, 4)]);
        let timeline = Timeline::new(&years, 3, Bucket::Auto);
        assert_eq!(timeline.bucket, "decade");
        assert_eq!(timeline.counts, [(1910, 3), (1920, 0), (1930, 4)]);
        assert_eq!(timeline.undated, 3);
        let by_year = Timeline::new(&years, 0, Bucket::Year);
        assert_eq!(by_year.counts.len(), 26);
        assert_eq!(by_year.counts[4], (1918, 1));
        let century = Timeline::new(&years, 0, Bucket::Century);
        assert_eq!(century.counts, [(1900, 7)]);
        let ancient = BTreeMap::from([(-44, 1), (-31, 2), (14, 1)]);
        let decades = Timeline::new(&ancient, 0, Bucket::Auto);
        assert_eq!(decades.bucket, "decade");
        assert_eq!(decades.counts[0], (-50, 1));
        assert_eq!(decades.counts[1], (-40, 2));
        assert_eq!(decades.counts.last(), Some(&(10, 1)));
        assert!(Timeline::new(&BTreeMap::new(), 0, Bucket::Auto)
            .counts
            .is_empty());
    }

    #[test]
    fn bucket_names_parse() {
        assert_eq!("decade".parse::<Bucket>().unwrap(), Bucket::Decade);
        assert_eq!("".parse::<Bucket>().unwrap(), Bucket::Auto);
        assert!("fortnight".parse::<Bucket>().is_err());
    }
}
