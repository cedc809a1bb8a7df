//! Search options, validated once, whether they come from the command line or the HTTP API.

use std::str::FromStr;

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

/// An inclusive range of years; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YearRange {
    pub from: Option<u64>,
    pub to: Option<u64>,
}

impl YearRange {
    pub fn is_open(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

impl FromStr for YearRange {
    type Err = Error;

    /// `1914`, `1900..1950`, `1900..` or `..1950`; also as people write ranges:
    /// `1900-1950`, `1900–1950`, `1900 to 1950`, and decades (`1920s`).
    fn from_str(s: &str) -> Result<YearRange> {
        let bad = |why: &str| {
            Error::option(
                "--year",
                format!("{s:?} {why}; give YEAR, A..B, A.. or ..B, as in 1900..1950"),
            )
        };
        let year = |part: &str| -> Result<Option<u64>> {
            let part = part.trim();
            if part.is_empty() {
                return Ok(None);
            }
            part.parse::<u64>()
                .map(Some)
                .map_err(|_| match part == s.trim() {
                    true => bad("is not a year"),
                    false => bad(&format!("has {part:?}, which is not a year")),
                })
        };
        let text = s.trim();
        let split = text
            .split_once("..")
            .map(|(a, b)| (a, b.strip_prefix('=').unwrap_or(b)))
            .or_else(|| text.split_once('–'))
            .or_else(|| text.split_once('—'))
            .or_else(|| text.split_once(" to "))
            .or_else(|| text.split_once('-').filter(|(a, _)| !a.trim().is_empty()));
        let range = match split {
            Some((a, b)) => YearRange {
                from: year(a)?,
                to: year(b)?,
            },
            None => match text.strip_suffix("0s").and_then(|d| d.parse::<u64>().ok()) {
                Some(decade) => YearRange {
                    from: Some(decade * 10),
                    to: Some(decade * 10 + 9),
                },
                None => {
                    let y = year(text)?.ok_or_else(|| bad("is empty"))?;
                    YearRange {
                        from: Some(y),
                        to: Some(y),
                    }
                }
            },
        };
        if let (Some(a), Some(b)) = (range.from, range.to) {
            if a > b {
                return Err(bad("ends before it starts"));
            }
        }
        Ok(range)
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
        let message = "abc".parse::<YearRange>().unwrap_err().to_string();
        assert_eq!(
            message,
            "invalid value for --year: \"abc\" is not a year; give YEAR, A..B, A.. or ..B, as in \
             1900..1950"
        );
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
