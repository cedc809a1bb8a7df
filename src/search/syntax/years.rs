//! `year:` in a query: `year:1914`, `year:>=1900`, `year:[1900 TO 1950]`, `year:[* TO *]`.

use std::ops::Bound;

use super::{query_error, Leaf, Reader};
use crate::error::Result;

impl Reader<'_> {
    /// Whether what follows `year:` at `at` is meant as a year: digits alone, or a
    /// comparison or range (broken ones are errors). Anything else (`year:abc`) is text.
    pub(super) fn is_year_syntax(&self, at: usize, end: usize) -> bool {
        let value: Vec<char> = self.chars[at..end]
            .iter()
            .take_while(|c| !c.is_whitespace() && **c != ')')
            .copied()
            .collect();
        match value.first() {
            Some('[' | '{' | '<' | '>') => true,
            Some(_) => value.iter().all(char::is_ascii_digit),
            None => false,
        }
    }

    /// What follows `year:`.
    pub(super) fn years(&mut self, start: usize, end: usize) -> Result<Leaf> {
        let open = self.peek();
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
            let parts: Vec<&str> = inside.split_whitespace().collect();
            let [low, to, high] = parts[..] else {
                return Err(query_error(
                    start,
                    "a year range is written year:[1900 TO 1950]",
                ));
            };
            if !to.eq_ignore_ascii_case("TO") {
                return Err(query_error(
                    start,
                    "a year range is written year:[1900 TO 1950]",
                ));
            }
            let inclusive_low = open == Some('[');
            let inclusive_high = self.chars[close] == ']';
            let from = year_bound(low, inclusive_low, start)?;
            let to = year_bound(high, inclusive_high, start)?;
            self.at = close + 1;
            return Ok(Leaf::Years { from, to });
        }
        let value: String = self.chars[self.at..end]
            .iter()
            .take_while(|c| !c.is_whitespace() && **c != ')')
            .collect();
        self.at += value.chars().count();
        let (op, number) = match value.as_str() {
            v if v.starts_with(">=") => (">=", &v[2..]),
            v if v.starts_with("<=") => ("<=", &v[2..]),
            v if v.starts_with('>') => (">", &v[1..]),
            v if v.starts_with('<') => ("<", &v[1..]),
            v => ("=", v),
        };
        let year = parse_year(number, start)?;
        let (from, to) = match op {
            ">=" => (Bound::Included(year), Bound::Unbounded),
            "<=" => (Bound::Unbounded, Bound::Included(year)),
            ">" => (Bound::Excluded(year), Bound::Unbounded),
            "<" => (Bound::Unbounded, Bound::Excluded(year)),
            _ => (Bound::Included(year), Bound::Included(year)),
        };
        Ok(Leaf::Years { from, to })
    }
}

fn parse_year(value: &str, position: usize) -> Result<u64> {
    value.parse().map_err(|_| {
        query_error(
            position,
            &format!("year must be a whole number, not {value:?}"),
        )
    })
}

fn year_bound(value: &str, inclusive: bool, position: usize) -> Result<Bound<u64>> {
    if value == "*" {
        return Ok(Bound::Unbounded);
    }
    let year = parse_year(value, position)?;
    Ok(match inclusive {
        true => Bound::Included(year),
        false => Bound::Excluded(year),
    })
}
