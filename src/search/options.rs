//! Search options, validated once, whether they come from the command line or the HTTP API.

use std::ops::Bound;
use std::str::FromStr;

use crate::dates::RangeError;
use crate::error::{Error, Result};

/// Default number of hits.
pub const DEFAULT_LIMIT: usize = 10;

/// Most hits one request may ask for past the first: deeper paging is not useful and would
/// make the collector's heap as large as the offset.
pub const MAX_OFFSET: usize = 100_000;

/// Most hits in one page.
pub const MAX_LIMIT: usize = 10_000;

/// Which kinds of documents a search returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    Section,
    Reading,
    #[default]
    All,
}

impl FromStr for KindFilter {
    type Err = Error;

    fn from_str(s: &str) -> Result<KindFilter> {
        match s {
            "section" | "sections" => Ok(KindFilter::Section),
            "reading" | "book" | "books" => Ok(KindFilter::Reading),
            "all" => Ok(KindFilter::All),
            other => Err(Error::option(
                "--kind",
                format!("{other:?} is not one of section, reading, all"),
            )),
        }
    }
}

/// An inclusive range of years, BC negative; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YearRange {
    pub from: Option<i64>,
    pub to: Option<i64>,
}

impl YearRange {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }

    /// The years in both ranges (none, when they do not overlap: `from` after `to`).
    pub fn within(self, other: YearRange) -> YearRange {
        let pick = |a: Option<i64>, b: Option<i64>, f: fn(i64, i64) -> i64| match (a, b) {
            (Some(a), Some(b)) => Some(f(a, b)),
            (a, b) => a.or(b),
        };
        YearRange {
            from: pick(self.from, other.from, i64::max),
            to: pick(self.to, other.to, i64::min),
        }
    }

    /// The years between two bounds, either open; both open is every year there is, which
    /// leaves out documents without one.
    pub(crate) fn between(from: Bound<i64>, to: Bound<i64>) -> YearRange {
        if (&from, &to) == (&Bound::Unbounded, &Bound::Unbounded) {
            return YearRange {
                from: Some(i64::MIN),
                to: None,
            };
        }
        YearRange {
            from: match from {
                Bound::Included(y) => Some(y),
                Bound::Excluded(y) => Some(y.saturating_add(1)),
                Bound::Unbounded => None,
            },
            to: match to {
                Bound::Included(y) => Some(y),
                Bound::Excluded(y) => Some(y.saturating_sub(1)),
                Bound::Unbounded => None,
            },
        }
    }

    /// Whether `year` is in the range.
    pub fn contains(&self, year: i64) -> bool {
        self.from.is_none_or(|from| from <= year) && self.to.is_none_or(|to| year <= to)
    }
}

impl FromStr for YearRange {
    type Err = Error;

    /// Dates as people write them (see [`crate::dates::parse_range`]): `1914`,
    /// `1900..1950`, `1900..`, `..1950`, `1900-1950`, `1914–1918`, `1914–18`, `1900 to 1950`,
    /// `1920s`, `19th century`, `early 20th century`, `44 BC`, `AD 800`,
    /// `500 BC..AD 100`.
    fn from_str(s: &str) -> Result<YearRange> {
        let text = s.trim();
        let bad = |why: &str| {
            Error::option(
                "--year",
                format!(
                    "{text:?} {why}; give a year or a range of them, as in 1914, 1900..1950, \
                     1920s, \"19th century\" or \"44 BC\""
                ),
            )
        };
        match text {
            "" => return Err(bad("is empty")),
            ".." => return Ok(YearRange::default()),
            _ => {}
        }
        let read = crate::dates::parse_range(text.replace("..=", "..").as_str());
        let (from, to) = read.map_err(|why| match (why, text.split_once("..")) {
            (RangeError::Reversed(..), _) => bad("ends before it starts"),
            (RangeError::NotADate, Some((a, b))) => {
                let unread = [a.trim(), b.trim()]
                    .into_iter()
                    .find(|p| !p.is_empty() && crate::dates::parse_span(p).is_none());
                match unread {
                    Some(part) => bad(&format!("has {part:?}, which is not a date")),
                    None => bad("is not a date or a range of dates"),
                }
            }
            (RangeError::NotADate, None) => bad("is not a date or a range of dates"),
        })?;
        Ok(YearRange { from, to })
    }
}

/// Everything about a search besides its query text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    pub offset: usize,
    pub kind: KindFilter,
    pub years: YearRange,
    /// One hit per article: its best section.
    pub group: bool,
    /// No typo tolerance.
    pub exact: bool,
    /// Expand the query from its best hits (pseudo-relevance feedback, RM3) and search
    /// again.
    pub expand: bool,
    /// Only articles in this language (a code such as `de`; see [`crate::language`]).
    pub lang: Option<&'static str>,
    /// Count every match per year bucket too ([`super::Timeline`]).
    pub timeline: Option<super::Bucket>,
    /// Explain each hit's score ([`super::Hit::explain`]).
    pub explain: bool,
}

/// The language filter as given (`de`, `German`, `de-AT`): its code, or an error naming
/// the option.
pub fn parse_lang(option: &str, text: &str) -> Result<&'static str> {
    crate::language::normalize(text).ok_or_else(|| {
        Error::option(
            option,
            format!(
                "{text:?} is not a language annals knows; give a code such as en, de, fr, ru or ja"
            ),
        )
    })
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            offset: 0,
            kind: KindFilter::All,
            years: YearRange::default(),
            group: false,
            exact: false,
            expand: false,
            lang: None,
            timeline: None,
            explain: false,
        }
    }
}

impl SearchOptions {
    /// Check limits; `--limit 0` and offsets past [`MAX_OFFSET`] are errors.
    pub fn validate(&self) -> Result<()> {
        if self.limit == 0 {
            return Err(Error::option("--limit", "must be at least 1"));
        }
        if self.limit > MAX_LIMIT {
            return Err(Error::option(
                "--limit",
                format!("must be at most {MAX_LIMIT}"),
            ));
        }
        if self.offset > MAX_OFFSET {
            return Err(Error::option(
                "--offset",
                format!("must be at most {MAX_OFFSET}"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_meet_and_hold_years() {
        let range = |from, to| YearRange { from, to };
        let twentieth = range(Some(1900), Some(1999));
        assert_eq!(
            twentieth.within(range(Some(1914), None)),
            range(Some(1914), Some(1999))
        );
        assert_eq!(twentieth.within(YearRange::default()), twentieth);
        let apart = twentieth.within(range(None, Some(1800)));
        assert_eq!(apart, range(Some(1900), Some(1800)));
        assert!(!(1700..2100).any(|y| apart.contains(y)));
        assert!(twentieth.contains(1900) && twentieth.contains(1999));
        assert!(!twentieth.contains(1899) && !twentieth.contains(2000));
        assert!(range(None, Some(-44)).contains(-100));
    }

    #[test]
    fn year_ranges_parse_with_open_ends() {
        let r = |s: &str| s.parse::<YearRange>().unwrap();
        assert_eq!(
            r("1914"),
            YearRange {
                from: Some(1914),
                to: Some(1914)
            }
        );
        assert_eq!(
            r("1900..1950"),
            YearRange {
                from: Some(1900),
                to: Some(1950)
            }
        );
        assert_eq!(
            r("1900.."),
            YearRange {
                from: Some(1900),
                to: None
            }
        );
        assert_eq!(
            r("..1950"),
            YearRange {
                from: None,
                to: Some(1950)
            }
        );
        assert!(r("..").is_open());
        let both = |a, b| YearRange {
            from: Some(a),
            to: Some(b),
        };
        for written in [
            "1900-1950",
            "1900–1950",
            "1900 — 1950",
            "1900 to 1950",
            "1900..=1950",
        ] {
            assert_eq!(r(written), both(1900, 1950), "{written}");
        }
        assert_eq!(r("1920s"), both(1920, 1929));
        assert_eq!(r("19th century"), both(1800, 1899));
        assert_eq!(r("44 BC"), both(-44, -44));
        assert_eq!(r("500 BC..AD 100"), both(-500, 100));
        let message = "abc".parse::<YearRange>().unwrap_err().to_string();
        assert_eq!(
            message,
            "invalid value for --year: \"abc\" is not a date or a range of dates; give a year or \
             a range of them, as in 1914, 1900..1950, 1920s, \"19th century\" or \"44 BC\""
        );
        let message = "1900..abc".parse::<YearRange>().unwrap_err().to_string();
        assert!(
            message.contains("has \"abc\", which is not a date"),
            "{message}"
        );
        let message = "1950..1900".parse::<YearRange>().unwrap_err().to_string();
        assert!(message.contains("ends before it starts"), "{message}");
        for bad in [
            "19x0",
            "1950..1900",
            "",
            "99999999999999999999999..",
            "a..b",
        ] {
            let err = bad.parse::<YearRange>().unwrap_err();
            assert!(err.to_string().contains("--year"), "{bad}: {err}");
            assert_eq!(err.exit_code(), 2);
        }
    }

    #[test]
    fn kinds_parse_and_unknown_ones_are_usage_errors() {
        assert_eq!(
            "reading".parse::<KindFilter>().unwrap(),
            KindFilter::Reading
        );
        let err = "poems".parse::<KindFilter>().unwrap_err();
        assert!(err.to_string().contains("section, reading, all"));
    }

    #[test]
    fn limits_are_validated() {
        let o = |limit, offset| {
            SearchOptions {
                limit,
                offset,
                ..SearchOptions::default()
            }
            .validate()
        };
        assert!(o(10, 0).is_ok());
        assert!(o(0, 0).is_err());
        assert!(o(10, usize::MAX).is_err());
    }
}
