//! Dates as historians write them: years, decades, centuries and eras, read from the text
//! of articles and from `--year` and `year:`.
//!
//! Years are signed: 44 BC is `-44`, AD 800 is `800` (there is no year 0; nothing here
//! needs one). A century runs from its `00` year to its `99` year, as people use the
//! words (the 19th century is 1800–1899; the 5th century BC is 500–401 BC), and its
//! early, mid and late parts are its thirds: early 1800–1833, mid 1834–1866, late
//! 1867–1899. `1920s` is a decade; `1800s`, ending in two zeros, is the century people
//! mean by it. Any script's decimal digits are read as ASCII's (`۱۹۱۴` is 1914).

use crate::analyzer::{ascii_digits, is_unspaced};

mod calendars;
mod centuries;
mod century_words;
mod eras;

use centuries::{century, century_at};

/// The years a date expression covers, both ends included.
pub type Span = (i64, i64);

/// A range of years, either end open (`None`), both ends included.
pub type Bounds = (Option<i64>, Option<i64>);

/// Most digits a year written with an era (`44 BC`, `AD 800`) may have.
const MAX_ERA_DIGITS: usize = 4;

/// The largest year, either side of year 1, annals keeps: beyond it a number is not a
/// date of history (and a timeline of it would have no end).
pub const MAX_YEAR: i64 = 99_999;

/// `year` if it is within [`MAX_YEAR`] of year 1.
pub fn plausible(year: i64) -> Option<i64> {
    (year.abs() <= MAX_YEAR).then_some(year)
}

/// The years a date covers: `1914`, `-44`, `1920s`, `1800s`, `19th century`,
/// `early 20th century`, `mid-19th century`, `5th century BC`, `44 BC`, `44 BCE`,
/// `AD 800`, `800 CE`, `c. 1850`, and as other languages write them (`XIXe siècle`, `siglo
/// XIX`, `44 v. Chr.`, `1800-talet`, `1868年`). `None` if the text is not one date.
///
/// A year written alone in Persian's digits is a solar Hijri year, as it is in an
/// article's text (see [`first_year`]): `۱۳۵۷` is 1978.
pub fn parse_span(text: &str) -> Option<Span> {
    span_of(&ascii_digits(text.trim()), has_persian_digits(text))
}

/// [`parse_span`] of `text`, its digits ASCII's; `persian` where they were Persian's.
fn span_of(text: &str, persian: bool) -> Option<Span> {
    if let Some(year) = (text.parse::<i64>().ok()).filter(|_| persian) {
        if calendars::PERSIAN_SOLAR_YEARS.contains(&year) {
            return Some((year + 621, year + 621));
        }
    }
    calendars::span(text).or_else(|| english_span(text))
}

/// Whether `text` is Urdu rather than Persian: it has a letter of Urdu's alphabet that
/// Persian's lacks (`ے`, `ں`, `ٹ`, `ڈ`, `ڑ`). Pashto's own letters, like them but other
/// characters, do not count: Afghanistan writes solar Hijri years.
fn is_urdu(text: &str) -> bool {
    text.contains(['\u{6D2}', '\u{6BA}', '\u{679}', '\u{688}', '\u{691}'])
}

/// Whether `text` writes digits as Persian does (`۱۳۵۷`), not as Arabic does (`١٣٥٧`).
fn has_persian_digits(text: &str) -> bool {
    text.contains(|c: char| ('\u{6F0}'..='\u{6F9}').contains(&c))
}

/// [`parse_span`] of a date as English writes it (its digits ASCII's).
fn english_span(text: &str) -> Option<Span> {
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    for prefix in ["circa ", "c. ", "ca. ", "c.", "ca.", "the "] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
        }
    }
    if let Some(span) = century(rest) {
        return Some(span);
    }
    let (number, era) = with_era(rest)?;
    if let Some(digits) = number
        .strip_suffix("'s")
        .or_else(|| number.strip_suffix('s'))
    {
        if era.is_some() || !(3..=4).contains(&digits.len()) || !is_digits(digits) {
            return None;
        }
        let start: i64 = digits.parse().ok()?;
        return match (start % 100, start % 10) {
            (0, _) => Some((start, start + 99)),
            (_, 0) => Some((start, start + 9)),
            _ => None,
        };
    }
    let negative = number.starts_with('-');
    let digits = number.trim_start_matches('-');
    if !is_digits(digits) || digits.len() > 5 {
        return None;
    }
    let year: i64 = digits.parse().ok()?;
    let year = match (negative, era) {
        (true, Some(_)) => return None,
        (true, None) => -year,
        (false, Some(Era::Bc)) if year > 0 => -year,
        (false, Some(Era::Bc)) => return None,
        (false, _) => year,
    };
    Some((year, year))
}

/// Why a text is not a range of years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    /// The text is no date and no range of dates.
    NotADate,
    /// A range whose start is after its end (`1918..1914`): its two ends as read.
    Reversed(i64, i64),
}

/// A range of years, either end open: `1914..1918`, `1914-1918`, `1914–1918`,
/// `1914 to 1918`, `500 BC..AD 100`, `500–400 BC` (the era of the end applies to a bare
/// start), `1900..`, `..1950`, or one date as [`parse_span`] reads it. An end written
/// with fewer digits than its start, as historians shorten it, keeps the start's leading
/// digits where the range would otherwise end before it starts: `1914–18` is 1914 to
/// 1918.
pub fn parse_range(text: &str) -> Result<Bounds, RangeError> {
    let persian = has_persian_digits(text);
    let span = |text: &str| span_of(text, persian);
    let text = ascii_digits(text.trim());
    let text = text.as_ref();
    if let Some((from, to)) = text.split_once("..") {
        let (left, right) = (from.trim(), to.trim());
        let from = match left {
            "" => None,
            f => Some(span(f).ok_or(RangeError::NotADate)?.0),
        };
        let to = match right {
            "" => None,
            t => Some(span(t).ok_or(RangeError::NotADate)?.1),
        };
        if from.is_none() && to.is_none() {
            return Err(RangeError::NotADate);
        }
        return ordered(from, to, left, right);
    }
    if let Some((from, to)) = span(text) {
        return Ok((Some(from), Some(to)));
    }
    let lower = text.to_ascii_lowercase();
    let separators = text
        .match_indices(['–', '—', '-'])
        .chain(lower.match_indices(" to "))
        .map(|(i, s)| (i, s.len()))
        .filter(|(i, _)| *i > 0);
    for (at, len) in separators {
        let (left, right) = (text[..at].trim(), text[at + len..].trim());
        let (Some(mut from), Some(to)) = (span(left), span(right)) else {
            continue;
        };
        let right_era = with_era(&right.to_lowercase()).and_then(|(_, era)| era);
        let left_era = with_era(&left.to_lowercase()).and_then(|(_, era)| era);
        if right_era == Some(Era::Bc) && left_era.is_none() && from.0 > 0 {
            from = (-from.1, -from.0);
        }
        return ordered(Some(from.0), Some(to.1), left, right);
    }
    Err(RangeError::NotADate)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The year of a date as a document's header or a record's field gives it: `1815`, `44 BC`,
/// `19th century` (its first year); else a date's leading year (`1815-06-18`, an Org
/// timestamp `<1815-06-18 Sun>`); else a year in it (`18 June 1815`, `Spring 1815`).
pub fn year_of_date(text: &str) -> Option<i64> {
    let value = text.trim().trim_matches(['<', '>', '[', ']']);
    let digits: String = value.chars().take(4).collect();
    let leading = digits.parse().ok().filter(|_| digits.len() == 4);
    let written = parse_span(value).map(|(from, _)| from);
    written.or(leading).or_else(|| first_year(value))
}

/// The first year `text` mentions, in the forms people write in prose: a four-digit year
/// from 1000 to 2099 (`in 1914`, `c. 1850`), a decade (`the 1920s`, `1920er Jahre`), a
/// century (`the 19th century`, `the nineteenth century`, `XIXe siècle`, `siglo XIX`,
/// `1800-talet`: its first year), a year with its era (`44 BC`, `AD 800`, `800 CE`, `44 v.
/// Chr.`), or with the Chinese, Japanese or Korean word for year (`1868年`, `一九二五年`). Numbers
/// joined to letters (`A1925`) are not years, but for letters of scripts written without
/// spaces (`は1868年に`).
pub fn first_year(text: &str) -> Option<i64> {
    // Other scripts' digits (`۱۵۰۱`, `१९४७`) as ASCII's: a digit's value whatever its script.
    let converted = ascii_digits(text);
    // Persian's digits (`۱۳۵۷`) write its solar Hijri years alone; Urdu writes the same
    // digits, but Christian years (the Delhi Sultanate's `۱۳۲۰`).
    let persian = matches!(converted, std::borrow::Cow::Owned(_))
        && has_persian_digits(text)
        && !is_urdu(text);
    let text = converted.as_ref();
    let by_digits = first_year_in_digits(text, persian);
    // A century in words counts where it comes before the first year in digits.
    let upto = by_digits.map_or(text.len(), |(at, _)| at);
    let head = &text[..upto];
    let by_words = centuries::first_century(head).map(|(at, span)| (at, span.0));
    [by_words, calendars::first_year_before_nen(head), by_digits]
        .into_iter()
        .flatten()
        .min_by_key(|(at, _)| *at)
        .map(|(_, year)| year)
}

/// The first year written with digits in `text`, with the byte where its digits start;
/// `persian` where they were Persian's.
fn first_year_in_digits(text: &str, persian: bool) -> Option<(usize, i64)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && is_word_byte(text, i - 1)) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        if let Some(year) = year_at(text, start, i, persian) {
            return Some((start, year));
        }
    }
    None
}

/// The year the digits at `start..end` of `text` stand for, read with what follows and
/// precedes them; `persian` where the text wrote its digits as Persian does.
fn year_at(text: &str, start: usize, end: usize, persian: bool) -> Option<i64> {
    let digits = &text[start..end];
    let after = &text[end..];
    let value: i64 = digits.parse().ok()?;
    // `19th century`, `5th-century BC`, `late 19th century`.
    if digits.len() <= 2 {
        if let Some(span) = century_at(text, start, end) {
            return Some(span.0);
        }
    }
    // `1920s`, `1800s`.
    if digits.len() >= 3 && (after.starts_with('s') || after.starts_with("'s")) {
        let skip = if after.starts_with('s') { 1 } else { 2 };
        if !is_word_byte(text, end + skip) {
            if let Some((from, _)) = parse_span(&format!("{digits}s")) {
                return Some(from);
            }
        }
    }
    if let Some(year) = calendars::cjk_year(text, start, end) {
        return Some(year);
    }
    if let Some((from, _)) = centuries::hundreds_or_tens(text, start, end) {
        return Some(from);
    }
    if is_word_byte(text, end) {
        return None;
    }
    if calendars::hijri_after(after) {
        return calendars::islamic_years(value, after).map(|(from, _)| from);
    }
    let christian = calendars::christian_era_after(after);
    if persian && !christian && calendars::PERSIAN_SOLAR_YEARS.contains(&value) {
        return Some(value + 621);
    }
    if let Some(year) = calendars::buddhist_era(&text[..start], value) {
        return Some(year);
    }
    if digits.len() <= MAX_ERA_DIGITS && value > 0 {
        match era_after(after) {
            Some(Era::Bc) => return Some(-value),
            Some(Era::Ad) => return Some(value),
            None if calendars::bc_after(after) => return Some(-value),
            None => {}
        }
        if era_before(&text[..start]) {
            return Some(value);
        }
    }
    (digits.len() == 4 && (1000..=2099).contains(&value)).then_some(value)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    Bc,
    Ad,
}

/// The eras as written after a year (lower case), longest first.
const ERAS_AFTER: &[(&str, Era)] = &[
    ("b.c.e.", Era::Bc),
    ("b.c.", Era::Bc),
    ("bce", Era::Bc),
    ("bc", Era::Bc),
    ("a.d.", Era::Ad),
    ("c.e.", Era::Ad),
    ("ad", Era::Ad),
    ("ce", Era::Ad),
];

/// `text` (lower case) split into its number and its era, written before (`ad 800`) or
/// after (`44 bc`, `44bc`).
fn with_era(text: &str) -> Option<(&str, Option<Era>)> {
    let text = text.trim();
    for prefix in ["a.d.", "ad"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            if rest.starts_with(|c: char| c == ' ' || c.is_ascii_digit()) {
                return Some((rest.trim(), Some(Era::Ad)));
            }
        }
    }
    for (suffix, era) in ERAS_AFTER {
        if let Some(rest) = text.strip_suffix(suffix) {
            if rest.ends_with(|c: char| c == ' ' || c.is_ascii_digit()) {
                return Some((rest.trim(), Some(*era)));
            }
        }
    }
    Some((text, None))
}

/// The era written right after a year in running text (`44 BC`, `44 B.C.`, `800 AD`),
/// in capitals as eras are written.
fn era_after(after: &str) -> Option<Era> {
    let rest = after.strip_prefix(' ').unwrap_or(after);
    if !rest.starts_with(['A', 'B', 'C']) {
        return None;
    }
    for (written, era) in ERAS_AFTER {
        let Some(head) = rest.get(..written.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(written) && !head.contains(char::is_lowercase) {
            let tail = &rest[written.len()..];
            let dotted = written.ends_with('.');
            if dotted || !tail.starts_with(|c: char| c.is_alphanumeric()) {
                return Some(*era);
            }
        }
    }
    None
}

/// Whether `before` ends with an era written before a year (`AD `, `A.D. `).
fn era_before(before: &str) -> bool {
    ["AD ", "A.D. ", "A.D."].iter().any(|era| {
        before.strip_suffix(era).is_some_and(|head| {
            era.starts_with("A.") || !head.ends_with(|c: char| c.is_alphanumeric())
        })
    })
}

/// The range from `from` to `to`, read from the texts `left` and `right`; an end in
/// fewer bare digits than a bare start (`1914–18`) that would end the range before it
/// starts is the start's year with its last digits replaced.
fn ordered(
    from: Option<i64>,
    to: Option<i64>,
    left: &str,
    right: &str,
) -> Result<Bounds, RangeError> {
    let (Some(f), Some(t)) = (from, to) else {
        return Ok((from, to));
    };
    if f <= t {
        return Ok((from, to));
    }
    let shortened = is_digits(left) && is_digits(right) && right.len() < left.len();
    if shortened && right.len() <= 2 {
        let unit = 10i64.pow(right.len() as u32);
        let end = f - f % unit + t;
        if end >= f {
            return Ok((from, Some(end)));
        }
    }
    Err(RangeError::Reversed(f, t))
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Whether the character at byte `at` of `text` is part of a word (a letter or digit) of
/// a script that writes spaces between words.
fn is_word_byte(text: &str, at: usize) -> bool {
    if at >= text.len() {
        return false;
    }
    let mut start = at;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() && !is_unspaced(c))
}

/// A year as historians write it: `1914`, `44 BC`.
pub fn display(year: i64) -> String {
    match year < 0 {
        true => format!("{} BC", -year),
        false => year.to_string(),
    }
}

#[cfg(test)]
mod tests;
