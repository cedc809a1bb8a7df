//! `year:` in a query: `year:1914`, `year:>=1900`, `year:[1900 TO 1950]`, `year:[* TO *]`,
//! and any date or range [`crate::dates`] reads: `year:1920s`, `year:1914-1918`,
//! `year:44BC`, `year:"19th century"`, `year:[500 BC TO AD 100]`.

use std::ops::Bound;

use super::{query_error, Leaf, Reader};
use crate::dates::{parse_range, parse_span, RangeError};
use crate::error::Result;

impl Reader<'_> {
    /// Whether what follows `year:` at `at` is meant as a year: a date or a range of them,
    /// or a comparison or bracketed range (broken ones are errors). Anything else
    /// (`year:abc`) is text.
    pub(super) fn is_year_syntax(&self, at: usize, end: usize) -> bool {
        let quoted = self.chars.get(at) == Some(&'"');
        let Some(value) = self.value_at(at, end) else {
            return false;
        };
        match value.chars().next() {
            Some('[' | '{' | '<' | '>') if !quoted => true,
            Some(_) => parse_range(&value).is_ok(),
            None => false,
        }
    }

    /// Why what follows `year:` at `at` is read as text, for a note.
    pub(super) fn why_not_years(&self, at: usize, end: usize) -> &'static str {
        match parse_range(&self.value_at(at, end).unwrap_or_default()) {
            Err(RangeError::Reversed(..)) => "the range ends before it starts",
            _ => "not followed by a year or range",
        }
    }

    /// The value after `year:` starting at `at`: between quotes (`None` if they do not
    /// close before `end`), else up to a space or `)`.
    fn value_at(&self, at: usize, end: usize) -> Option<String> {
        match self.chars.get(at) {
            Some('"') => self.quoted_value(at, end),
            _ => Some(self.bare_value(at, end)),
        }
    }

    /// The unquoted value after `year:` starting at `at`: up to a space or `)`.
    fn bare_value(&self, at: usize, end: usize) -> String {
        self.chars[at..end]
            .iter()
            .take_while(|c| !c.is_whitespace() && **c != ')')
            .collect()
    }

    /// The text between the quotes starting at `at`, if they close before `end`.
    fn quoted_value(&self, at: usize, end: usize) -> Option<String> {
        let close = self.chars[at + 1..end].iter().position(|&c| c == '"')?;
        Some(self.chars[at + 1..at + 1 + close].iter().collect())
    }

    /// What follows `year:`.
    pub(super) fn years(&mut self, start: usize, end: usize) -> Result<Leaf> {
        let open = self.peek();
        if open == Some('"') {
            let value = self.quoted_value(self.at, end).unwrap_or_default();
            self.at += value.chars().count() + 2;
            return range_leaf(&value, start);
        }
        if matches!(open, Some('[') | Some('{')) {
            let close = self.chars[self.at..end]
                .iter()
                .position(|&c| c == ']' || c == '}')
                .map(|p| self.at + p);
            let Some(close) = close else {
                return Err(query_error(
                    start,
                    "the year range is not closed; write year:[1900 TO 1950]",
                ));
            };
            let inside: String = self.chars[self.at + 1..close].iter().collect();
            let upper = inside.to_ascii_uppercase();
            let Some(to_at) = upper.find(" TO ") else {
                return Err(query_error(
                    start,
                    "a year range is written year:[1900 TO 1950]",
                ));
            };
            let (low, high) = (inside[..to_at].trim(), inside[to_at + 4..].trim());
            let inclusive_low = open == Some('[');
            let inclusive_high = self.chars[close] == ']';
            let from = year_bound(low, inclusive_low, true, start)?;
            let to = year_bound(high, inclusive_high, false, start)?;
            if let (
                Bound::Included(f) | Bound::Excluded(f),
                Bound::Included(t) | Bound::Excluded(t),
            ) = (from, to)
            {
                if f > t {
                    return Err(query_error(
                        start,
                        "the year range ends before it starts; write its earlier year first",
                    ));
                }
            }
            self.at = close + 1;
            return Ok(Leaf::Years { from, to });
        }
        let value = self.bare_value(self.at, end);
        self.at += value.chars().count();
        let (op, date) = match value.as_str() {
            v if v.starts_with(">=") => (">=", &v[2..]),
            v if v.starts_with("<=") => ("<=", &v[2..]),
            v if v.starts_with('>') => (">", &v[1..]),
            v if v.starts_with('<') => ("<", &v[1..]),
            v => return range_leaf(v, start),
        };
        let (first, last) = parse_date(date, start)?;
        let (from, to) = match op {
            ">=" => (Bound::Included(first), Bound::Unbounded),
            "<=" => (Bound::Unbounded, Bound::Included(last)),
            ">" => (Bound::Excluded(last), Bound::Unbounded),
            _ => (Bound::Unbounded, Bound::Excluded(first)),
        };
        Ok(Leaf::Years { from, to })
    }
}

/// `year:VALUE` where the value is a date or a range of dates.
fn range_leaf(value: &str, position: usize) -> Result<Leaf> {
    let (from, to) = parse_range(value).map_err(|why| {
        let message = match why {
            RangeError::NotADate => format!("{value:?} is not a date or a range of dates"),
            RangeError::Reversed(..) => {
                format!(
                    "the year range {value:?} ends before it starts; write its earlier year first"
                )
            }
        };
        query_error(position, &message)
    })?;
    let bound = |y: Option<i64>| y.map_or(Bound::Unbounded, Bound::Included);
    Ok(Leaf::Years {
        from: bound(from),
        to: bound(to),
    })
}

fn parse_date(value: &str, position: usize) -> Result<(i64, i64)> {
    parse_span(value).ok_or_else(|| {
        let message = match value.is_empty() {
            true => {
                "a year is missing; write year:>=1900, or year:[* TO 1950] for no bound".to_string()
            }
            false => format!("year must be a year or a date, not {value:?}"),
        };
        query_error(position, &message)
    })
}

/// One end of a bracketed range: the first year of the date at the low end, the last at
/// the high end.
fn year_bound(value: &str, inclusive: bool, low: bool, position: usize) -> Result<Bound<i64>> {
    if value == "*" {
        return Ok(Bound::Unbounded);
    }
    let (first, last) = parse_date(value, position)?;
    let year = if low { first } else { last };
    Ok(match inclusive {
        true => Bound::Included(year),
        false => Bound::Excluded(year),
    })
}
