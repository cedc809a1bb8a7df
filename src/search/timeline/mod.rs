//! A timeline of a search: how many matching documents fall in each year bucket.
//!
//! Counted over every match, not only the page, by a collector that reads each match's
//! [`TimelineKey`]. Where the search scores every match anyway (a phrase, several words,
//! a filtered word: see [`super::top::visits_every_match`]), the search hands each match
//! to the collector as it goes; a word alone is read from the counts written at index time
//! where a segment has them ([`crate::word_years`]); otherwise the matches are walked again
//! here, unscored.

mod precounted;
mod tally;

pub(crate) use precounted::SegmentFiles;
pub(crate) use tally::YearTally;

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
        let keys = reader.fast_fields().u64("timeline_key")?;
        // The segment's span of years, from the keys' bounds (the year column would cost
        // opening another); the least key may be an undated document's.
        let last = TimelineKey(keys.max_value()).year();
        let first = TimelineKey(keys.min_value()).year();
        let tally = match (first, last) {
            (Some(first), Some(last)) => YearTally::spanning(first, last),
            (None, Some(last)) => YearTally::up_to(last),
            (_, None) => YearTally::default(),
        };
        Ok(SegmentYears {
            keys,
            sections: self.sections,
            years: self.years,
            tally,
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
            let fields = &self.index.fields;
            let word = (counts.sections && counts.years.is_open())
                .then(|| precounted::one_word(&*filtered, fields))
                .flatten();
            tally.merge(match word {
                Some(word) => {
                    let files = &self.word_years;
                    precounted::count_word(files, searcher, fields, &*filtered, word, &counts)?
                }
                None => searcher.search(&*filtered, &counts)?,
            });
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
    fn bucket_names_parse() {
        assert_eq!("decade".parse::<Bucket>().unwrap(), Bucket::Decade);
        assert_eq!("".parse::<Bucket>().unwrap(), Bucket::Auto);
        assert!("fortnight".parse::<Bucket>().is_err());
    }
}
