//! Centuries however they are written: `the 19th century`, `the fifteenth century`,
//! `late eighteenth-century`, `XIXe siècle`, `19. Jahrhundert`, `siglo XIX`, `в XIX веке`,
//! `secolul al XIX-lea`, `19世紀`, and centuries and decades with the suffixes other
//! languages write (`1800-talet`, `1920er Jahre`).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::calendars::{bc_after, before_christ, hijri_after, numerals_below_hundred};
use super::century_words::{Numeral, CENTURY_WORDS, GERMAN_ENDINGS, ORDINAL_WORDS};
use super::{era_after, is_digits, with_era, Era, Span};

/// The century whose ordinal's digits are at `start..end` of running text, with the
/// part of it (`early`) written before and the era (`BC`) after.
pub(super) fn century_at(text: &str, start: usize, end: usize) -> Option<Span> {
    let after = &text[end..];
    let suffix = ["st", "nd", "rd", "th"]
        .into_iter()
        .find(|s| after.starts_with(s))?;
    let rest = &after[suffix.len()..];
    let rest = rest.strip_prefix([' ', '-'])?;
    let tail = rest
        .strip_prefix("century")
        .or_else(|| rest.strip_prefix("Century"))?;
    if tail.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let era = match era_after(tail) {
        Some(Era::Bc) => " bc",
        _ => "",
    };
    let part = part_before(&text[..start]);
    century(&format!("{part}{}{suffix} century{era}", &text[start..end]))
}

/// The part of a century written at the end of `head`, before its ordinal (`early `,
/// `mid-`, `Late `), as [`century`] reads it (`early `), or nothing.
fn part_before(head: &str) -> String {
    let head = head.trim_end_matches(['-', ' ']);
    ["early", "mid", "middle", "late"]
        .into_iter()
        .find(|p| {
            let from = head.len().saturating_sub(p.len());
            head.get(from..).is_some_and(|w| w.eq_ignore_ascii_case(p))
                && !head[..from].ends_with(char::is_alphanumeric)
        })
        .map(|p| format!("{p} "))
        .unwrap_or_default()
}

/// `19th century`, `19th-century`, `nineteenth century`, `early 20th century`,
/// `mid-19th century`, `5th century bc` (lower case).
pub(super) fn century(text: &str) -> Option<Span> {
    let (part, rest) = ["early", "mid", "middle", "late"]
        .iter()
        .find_map(|p| {
            let rest = text.strip_prefix(p)?;
            let rest = rest.strip_prefix('-').or_else(|| rest.strip_prefix(' '))?;
            Some((Some(*p), rest.trim_start()))
        })
        .unwrap_or((None, text));
    let end = rest.find([' ', '-'])?;
    let ordinal = ordinal(&rest[..end])?;
    let after = rest[end + 1..].trim_start();
    let after = after
        .strip_prefix("century")
        .or_else(|| after.strip_prefix("c."))?;
    let era = match after.trim() {
        "" => Era::Ad,
        e => match with_era(&format!("0 {e}"))? {
            ("0", Some(era)) => era,
            _ => return None,
        },
    };
    if ordinal == 0 || ordinal > 30 {
        return None;
    }
    // Counted upwards from the century's first year: AD 1800–1899, BC 500–401.
    let (first, last) = match era {
        Era::Ad => ((ordinal - 1) * 100, (ordinal - 1) * 100 + 99),
        Era::Bc => (-(ordinal * 100), -(ordinal * 100) + 99),
    };
    let third = |k: i64| first + (100 * k) / 3;
    Some(match part {
        None => (first, last),
        Some("early") => (first, third(1)),
        Some("late") => (third(2) + 1, last),
        Some(_) => (third(1) + 1, third(2)),
    })
}

/// `19th`, `1st`, `nineteenth`, `twenty-first`: the number.
fn ordinal(word: &str) -> Option<i64> {
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(digits) = word.strip_suffix(suffix) {
            if !digits.is_empty() && digits.len() <= 2 && is_digits(digits) {
                return digits.parse().ok();
            }
        }
    }
    const WORDS: [&str; 21] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "twenty-first",
    ];
    WORDS.iter().position(|w| *w == word).map(|i| i as i64 + 1)
}

/// The span the digits at `start..end` stand for with the suffix Scandinavian, Finnish and
/// German write after a century's or a decade's first year (`1800-talet`, `1920-luvulla`,
/// `1920er Jahre`), as `1800s` and `1920s` are read.
pub(super) fn hundreds_or_tens(text: &str, start: usize, end: usize) -> Option<Span> {
    let digits = &text[start..end];
    let after = &text[end..];
    if digits.len() != 4 || !digits.ends_with('0') {
        return None;
    }
    let suffixed = match after.strip_prefix("er") {
        // `1920er Jahre`, `1920er-Jahren`: German writes the decade's `er` before `Jahre`.
        Some(tail) => tail.trim_start_matches([' ', '-']).starts_with("Jahre"),
        None => ["-talet", "-tallet", "-tal", "-luvulla", "-luvun", "-luku"]
            .iter()
            .find_map(|suffix| after.strip_prefix(suffix))
            .is_some_and(|tail| !tail.starts_with(char::is_alphanumeric)),
    };
    if !suffixed {
        return None;
    }
    let first: i64 = digits.parse().ok()?;
    Some(match first % 100 {
        0 => (first, first + 99),
        _ => (first, first + 9),
    })
}

/// The first century `text` names in words, with the byte where it is named: an English
/// ordinal (`the fifteenth century`, `late eighteenth-century`), or another language's
/// numeral and word (`XIXe siècle`, `19. Jahrhundert`, `siglo XIX`, `XIX век`).
pub(super) fn first_century(text: &str) -> Option<(usize, Span)> {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(CENTURY_WORDS.iter().map(|(word, _)| word))
            .expect("the words for century make an automaton")
    });
    for found in words.find_iter(text) {
        let (start, end) = (found.start(), found.end());
        let numeral = CENTURY_WORDS[found.pattern().as_usize()].1;
        let whole = !text[..start].ends_with(char::is_alphanumeric)
            && !text[end..].starts_with(char::is_alphanumeric);
        if !whole && !matches!(numeral, Numeral::Joined) {
            continue;
        }
        let century = match numeral {
            Numeral::Ordinal => english(text, start, end),
            Numeral::Before => word_before(text, start)
                .and_then(|(at, numeral)| {
                    let marked = text[at + numeral.len()..start].trim() == ".";
                    numeral_value(numeral, marked).map(|n| (at, centuries(n, &text[end..])))
                })
                .or_else(|| {
                    let (at, n) = ordinal_in_words(&text[..start])?;
                    Some((at, centuries(n, &text[end..])))
                }),
            Numeral::Named(n) => {
                italian_before(&text[..start]).then(|| (start, centuries(n, &text[end..])))
            }
            Numeral::After | Numeral::RomanAfter => {
                let digits = matches!(numeral, Numeral::After);
                numeral_after(text, end, digits).map(|(n, rest)| (start, centuries(n, rest)))
            }
            Numeral::Joined => joined(&text[..start]),
        };
        if century.is_some() {
            return century;
        }
    }
    None
}

/// The word (a run of letters and digits) that ends before `at`, past the spaces and
/// punctuation between, with where it starts.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let head = text[..at].trim_end_matches(|c: char| !c.is_alphanumeric());
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()?
        .0;
    // Within a word's reach: `XIXe siècle`, `19. Jahrhundert`, not across a sentence.
    (text[head.len()..at].chars().count() <= 2).then(|| (start, &head[start..]))
}

/// The numeral after a word for century that ends at `end`, past the word some languages
/// write between (Romanian `al`, Indonesian `ke-`, Swahili `ya`, Arabic's and Hebrew's
/// article), with the text after it (past Romanian's `-lea`): a Roman numeral, or where
/// `digits` allows (not after an abbreviation, `s. 19` being a page) one or two digits
/// that are no year of the Islamic calendars (`القرن 13 الهجري`).
fn numeral_after(text: &str, end: usize, digits: bool) -> Option<(i64, &str)> {
    let after = text[end..].trim_start();
    let after = ["al ", "ke-", "ke ", "ya ", "الـ", "ال", "ה-", "ה־", "ה"]
        .iter()
        .find_map(|link| after.strip_prefix(link))
        .unwrap_or(after);
    let numeral_at = text.len() - after.len();
    let numeral = word_at(text, numeral_at);
    let rest = &text[numeral_at + numeral.len()..];
    let n = match is_digits(numeral) && !numeral.is_empty() {
        true if digits && numeral.len() <= 2 && !islamic(rest) => numeral.parse().ok()?,
        true => return None,
        false => roman(numeral)?,
    };
    let rest = rest.strip_prefix("-lea").unwrap_or(rest);
    (1..=30).contains(&n).then_some((n, rest))
}

/// Whether `after` (the text after a century's numeral) says it is a century of the
/// Islamic calendars (`13 هـ`, `الهجري`, `هجری`).
fn islamic(after: &str) -> bool {
    let word = after.trim_start();
    let word = word.strip_prefix("ال").unwrap_or(word);
    hijri_after(after) || word.starts_with("هجر")
}

/// The century whose numeral ends `head`, joined to the word for century as Chinese,
/// Japanese and Korean write it (`19世紀`, `十九世纪`, `公元前5世纪`, `기원전 5세기`), with
/// where the numeral starts.
fn joined(head: &str) -> Option<(usize, Span)> {
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (numeral, n) = match digits {
        0 => numerals_below_hundred(head)?,
        1 | 2 => (
            &head[head.len() - digits..],
            head[head.len() - digits..].parse().ok()?,
        ),
        _ => return None,
    };
    let at = head.len() - numeral.len();
    if !(1..=30).contains(&n) {
        return None;
    }
    let span = match before_christ(&head[..at]) {
        true => (-(n * 100), -(n * 100) + 99),
        false => ((n - 1) * 100, (n - 1) * 100 + 99),
    };
    Some((at, span))
}

/// The ordinal written in words that ends `head` (the text before a word for century,
/// past a space), German's with its ending, with where it starts.
fn ordinal_in_words(head: &str) -> Option<(usize, i64)> {
    let trimmed = head.trim_end();
    if head.len() - trimmed.len() > 2 {
        return None;
    }
    let tail: String = {
        let from = trimmed.char_indices().rev().nth(24).map_or(0, |(at, _)| at);
        trimmed[from..].to_lowercase()
    };
    let german = GERMAN_ENDINGS
        .iter()
        .find_map(|end| tail.strip_suffix(end).map(|stem| (stem, end.len())));
    let candidates = [Some((tail.as_str(), 0)), german].into_iter().flatten();
    for (written, ending) in candidates {
        let found = (ORDINAL_WORDS.iter())
            .filter(|(word, _)| written.ends_with(word))
            .max_by_key(|(word, _)| word.len());
        let Some((word, n)) = found else {
            continue;
        };
        let whole = written[..written.len() - word.len()]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-');
        // The word's length as written: lower-casing these letters keeps their bytes.
        let at = trimmed.len().checked_sub(word.len() + ending)?;
        if whole && trimmed.is_char_boundary(at) {
            return Some((at, *n));
        }
    }
    None
}

/// Whether `head` ends with the article, preposition or part of a century Italian writes
/// before a century's name (`l'Ottocento`, `nel Novecento`, `primo Novecento`): without
/// one the name is more often a film's or a car's (`Novecento`, the Fiat `Cinquecento`).
fn italian_before(head: &str) -> bool {
    let elided = ["l'", "l’"].iter().any(|article| head.ends_with(article));
    let word = head
        .strip_suffix(' ')
        .and_then(|rest| rest.rsplit(' ').next())
        .unwrap_or_default()
        .to_lowercase();
    const BEFORE: &[&str] = &[
        "il", "nel", "del", "al", "dal", "sul", "col", "primo", "tardo", "pieno", "medio", "alto",
        "basso", "fine", "inizio", "metà",
    ];
    elided || BEFORE.contains(&word.as_str())
}

/// The word (a run of letters and digits) that starts at `at`.
fn word_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The century of an English ordinal word before `century` (ending at `end`), with its
/// part (`early`, `mid`, `late`) and era.
fn english(text: &str, start: usize, end: usize) -> Option<(usize, Span)> {
    let (at, word) = word_before(text, start)?;
    let word = word.to_lowercase();
    // `twenty-first` is two words here, `twenty` and `first`.
    let tens = at
        .checked_sub(7)
        .and_then(|from| text.get(from..at))
        .is_some_and(|w| w.eq_ignore_ascii_case("twenty-"));
    let (at, ordinal_words) = match tens {
        true => (at - 7, format!("twenty-{word}")),
        false => (at, word),
    };
    if ordinal_words.starts_with(|c: char| c.is_ascii_digit()) {
        return None; // `19th century` is read with the digits
    }
    let n = ordinal(&ordinal_words)?;
    let part = part_before(&text[..at]);
    // `the first century of its existence` counts from something else's start.
    let after = &text[end..];
    let relative = ["its", "their", "his", "her", "our", "my", "your"]
        .iter()
        .any(|whose| {
            after
                .strip_prefix(" of ")
                .and_then(|rest| rest.strip_prefix(whose))
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        });
    if relative {
        return None;
    }
    // `the fifth century, B.C.`
    let era = match super::era_after(after.trim_start_matches([',', ' '])) {
        Some(Era::Bc) => " bc",
        _ => "",
    };
    let span = century(&format!("{part}{n}th century{era}"))?;
    Some((at, span))
}

/// The years of the `n`th century, before Christ where `after` says so.
fn centuries(n: i64, after: &str) -> Span {
    match bc_after(after) {
        true => (-(n * 100), -(n * 100) + 99),
        false => ((n - 1) * 100, (n - 1) * 100 + 99),
    }
}

/// A century's numeral as other languages write it before the word: Roman (`XIX`,
/// `XIXe`, `XIXème`), or digits marked as an ordinal (`19e`, `19ème`, `19º`, or `19.`,
/// `marked` by the full stop after it).
fn numeral_value(word: &str, marked: bool) -> Option<i64> {
    // French's, Spanish's and Portuguese's marks, Greek's (`19ος`, `19ου`, `19ο`), Hindi's
    // (`19वीं`), Urdu's (`19ویں`).
    let bare = [
        "ème",
        "eme",
        "er",
        "e",
        "º",
        "°",
        "ος",
        "ου",
        "ο",
        "वीं",
        "वी",
        "ویں",
    ]
    .iter()
    .find_map(|suffix| word.strip_suffix(suffix))
    .unwrap_or(word);
    let ordinal_mark = bare.len() != word.len() || marked;
    let n = match bare.bytes().all(|b| b.is_ascii_digit()) && !bare.is_empty() {
        true if ordinal_mark && bare.len() <= 2 => bare.parse().ok()?,
        true => return None,
        false => roman(bare)?,
    };
    (1..=30).contains(&n).then_some(n)
}

/// A Roman numeral from I to XXXIX.
fn roman(word: &str) -> Option<i64> {
    let tens = word.len() - word.trim_start_matches('X').len();
    let units = match &word[tens..] {
        "" => 0,
        "I" => 1,
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        "V" => 5,
        "VI" => 6,
        "VII" => 7,
        "VIII" => 8,
        "IX" => 9,
        _ => return None,
    };
    let n = tens as i64 * 10 + units;
    (1..40).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests;
