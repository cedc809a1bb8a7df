//! Years as other calendars and scripts write them: eras before Christ in other languages
//! (`44 v. Chr.`, `V век до н. э.`), years with the Chinese, Japanese or Korean word for
//! year (`1868年`, `一九二五年`, `昭和二十年`), Thailand's Buddhist era, and the Islamic
//! calendars' years, read as the Christian years they begin in; and a date written so
//! alone.

use super::centuries::{first_century, hundreds_or_tens};
use super::Span;

/// Eras other languages write after a year or a century, meaning before Christ, as
/// written (`44 v. Chr.`, `Ve siècle av. J.-C.`, `siglo V a. C.`, `V век до н. э.`).
const BC_WRITTEN: &[&str] = &[
    "av. J.-C.",
    "av. J.-C",
    "av. J.C.",
    "avant J.-C.",
    "a. C.",
    "a.C.",
    "a. de C.",
    "a.e.c.",
    "v. Chr.",
    "v.Chr.",
    "vor Christus",
    "до н. э.",
    "до н.э.",
    "до нашей эры",
    "до н. е.",
    "p.n.e.",
    "př. n. l.",
    "pr. Kr.",
    "f.Kr.",
    "f. Kr.",
    "eKr.",
    "e.Kr.",
    "π.Χ.",
    "π.Χ",
    "ق.م",
];

/// A date written as another language writes it, alone: a century (`XIXe siècle`, `siglo
/// XIX`, `19. Jahrhundert`, `V век до н. э.`), a year with its era (`44 v. Chr.`), a
/// century or decade with its suffix (`1800-talet`, `1920er Jahre`) or a year with the CJK
/// word for year (`1868年`, `一九二五年`).
pub(super) fn span(text: &str) -> Option<Span> {
    if let Some((0, span)) = first_century(text) {
        // Nothing but the numeral, the word and an era: no year in digits besides.
        let digits = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|d| !d.is_empty());
        if digits.clone().count() <= 1 && digits.clone().all(|d| d.len() <= 2) {
            return Some(span);
        }
    }
    if let Some((0, year)) = first_year_before_nen(text) {
        return (text.trim_end().ends_with('年')).then_some((year, year));
    }
    if let Some(rest) = text.strip_prefix("พ.ศ") {
        let year = rest.trim_start_matches(['.', ' ']).parse().ok()?;
        return buddhist_era("พ.ศ", year).map(|year| (year, year));
    }
    let end = text.find(|c: char| !c.is_ascii_digit())?;
    if end == 0 {
        return None;
    }
    if let Some(year) = cjk_year(text, 0, end).filter(|_| text[end..].chars().count() == 1) {
        return Some((year, year));
    }
    if let Some(span) = hundreds_or_tens(text, 0, end) {
        return Some(span);
    }
    let year: i64 = text[..end]
        .parse()
        .ok()
        .filter(|y| (1..=9999).contains(y))?;
    if hijri_after(&text[end..]) {
        return islamic_years(year, &text[end..]);
    }
    let era = text[end..].trim_start();
    BC_WRITTEN.contains(&era).then_some((-year, -year))
}

/// Whether `after` (the text after a year or a century) opens with another language's era
/// before Christ.
pub(super) fn bc_after(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    if !rest.starts_with(['a', 'v', 'д', 'p', 'f', 'e', 'π', 'ق']) {
        return false;
    }
    BC_WRITTEN.iter().any(|era| {
        rest.strip_prefix(era)
            .is_some_and(|tail| era.ends_with('.') || !tail.starts_with(char::is_alphanumeric))
    })
}

/// Whether `after` (the text after a number) marks it a year of the Islamic calendars
/// (`1258 هـ`, `۱۳۵۷ ه.ش`, `1400 هجري`), not a year of the Christian era: read with
/// [`islamic_years`].
pub(super) fn hijri_after(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}', '\u{200f}']);
    // Persian's solar years, `۱۳۵۷ خورشیدی`, `۱۳۵۷ شمسی`.
    if rest.starts_with("خورشیدی") || rest.starts_with("شمسی") {
        return true;
    }
    let Some(tail) = rest.strip_prefix('ه') else {
        return false;
    };
    tail.starts_with(['ـ', '.', '\u{200d}', '\u{200c}'])
        || tail.starts_with("جري")
        || !tail.starts_with(char::is_alphanumeric)
}

/// The years of the Christian era the Islamic calendars' year `year` falls in, where
/// `after` marks it as one ([`hijri_after`]): a year of the lunar Hijri calendar (`1258
/// هـ`, `ه.ق`) by the tabular calendar's reckoning (1 Muharram 1258 was 12 February 1842,
/// so 1258 is 1842–1843), a year of the solar Hijri calendar Iran and Afghanistan count
/// (`۱۳۵۷ ه.ش`, `هجری شمسی`), which starts in March, the Christian year 621 later and the
/// next.
pub(super) fn islamic_years(year: i64, after: &str) -> Option<Span> {
    if !(1..=1600).contains(&year) {
        return None;
    }
    let mark = after.trim_start_matches([' ', '\u{a0}', '\u{200f}']);
    let mark = mark.trim_start_matches(['ه', 'ـ', '.', '\u{200c}', '\u{200d}']);
    let solar = mark.starts_with('ش')
        || mark.starts_with("خورشید")
        || mark
            .split_whitespace()
            .take(2)
            .any(|word| word.starts_with("شمس"));
    if solar {
        return Some((year + 621, year + 622));
    }
    // Days from 1970-01-01 to 1 Muharram of `year`, and of the year after.
    let first_day = |year: i64| 354 * (year - 1) + (3 + 11 * year).div_euclid(30) - 492_148;
    let (from, ..) = super::civil_from_days(first_day(year));
    let (to, ..) = super::civil_from_days(first_day(year + 1) - 1);
    Some((from, to))
}

/// Whether `after` (the text after a number) marks it a year of the Christian era as
/// Arabic and Persian write it (`1842 م`, `ميلادي`, `میلادی`).
pub(super) fn christian_era_after(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}', '\u{200f}']);
    ["ميلاد", "میلاد"].iter().any(|word| rest.starts_with(word))
        || rest
            .strip_prefix('م')
            .is_some_and(|tail| !tail.starts_with(char::is_alphanumeric))
}

/// A year written in Persian's digits alone (`در سال ۱۳۵۷`) from 1300 to 1450 is a year
/// of the solar Hijri calendar, which Iran counts by (1978 for 1357): Persian prose
/// marks the Christian years it gives (`۱۹۷۹ میلادی`).
pub(super) const PERSIAN_SOLAR_YEARS: std::ops::RangeInclusive<i64> = 1300..=1450;

/// The year written with the Chinese, Japanese or Korean word for year right after its
/// digits at `start..end` (`1868年`, `公元前221年`, `1392년`): three or four digits, since
/// `12年` is as often twelve years; before Christ where `前` or `전` comes before.
pub(super) fn cjk_year(text: &str, start: usize, end: usize) -> Option<i64> {
    let after = &text[end..];
    if !(after.starts_with('年') || after.starts_with('년')) || !(3..=4).contains(&(end - start))
    {
        return None;
    }
    let value: i64 = text[start..end].parse().ok()?;
    // Korea's Dangun era (`단기 4281년` is 1948) and Japan's imperial era (`皇紀2600年` is
    // 1940) count from legendary foundings.
    let before = text[..start].trim_end();
    let founding = [("단기", 2333), ("檀紀", 2333), ("皇紀", 660)]
        .iter()
        .find(|(era, _)| before.ends_with(era));
    if let Some((_, offset)) = founding {
        return (value > *offset && value - offset <= 2099).then(|| value - offset);
    }
    if !(100..=2099).contains(&value) {
        return None;
    }
    Some(if before_christ(&text[..start]) {
        -value
    } else {
        value
    })
}

/// The year of the Christian era a year of the Buddhist era stands for, where `before`
/// ends with Thai's mark of that era (`พ.ศ. 2475` is 1932).
pub(super) fn buddhist_era(before: &str, year: i64) -> Option<i64> {
    let before = before.trim_end();
    let marked = before.ends_with("พ.ศ.") || before.ends_with("พ.ศ");
    (marked && (1000..=2700).contains(&year)).then_some(year - 543)
}

/// The Chinese numerals for the digits, zero to nine.
const CHINESE_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The digit a Chinese numeral stands for (`七` is 7).
fn chinese_digit(c: char) -> Option<i64> {
    CHINESE_DIGITS
        .iter()
        .position(|d| *d == c)
        .map(|i| i as i64)
}

/// Whether a year whose text comes after `before` is before Christ (`公元前221年`,
/// `紀元前`, `기원전 108년`).
pub(super) fn before_christ(before: &str) -> bool {
    let before = before.trim_end();
    before.ends_with('前') || before.ends_with("기원전")
}

/// The number below a hundred written in Chinese numerals at the end of `head` (`二十`,
/// `二十五`, `十五`, `七`), with the text of it.
pub(super) fn numerals_below_hundred(head: &str) -> Option<(&str, i64)> {
    let written = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| *c == '十' || chinese_digit(*c).is_some_and(|d| d > 0))
        .last()
        .map(|(at, _)| &head[at..])?;
    let chars: Vec<char> = written.chars().collect();
    let value = match chars[..] {
        ['十'] => 10,
        [one] => chinese_digit(one)?,
        ['十', units] => 10 + chinese_digit(units)?,
        [tens, '十'] => 10 * chinese_digit(tens)?,
        [tens, '十', units] => 10 * chinese_digit(tens)? + chinese_digit(units)?,
        _ => return None,
    };
    Some((written, value))
}

/// The first year written before the word for year other than in digits of the
/// Christian era, with the byte where it starts: in Chinese numerals a digit each
/// (`一九二五年`, `公元前二二一年`: three or four of `〇一二三四五六七八九`), or as a year of
/// an era of Japan's or China's ([`super::eras`]: `明治元年` is 1868, `康熙二十三年` 1684).
pub(super) fn first_year_before_nen(text: &str) -> Option<(usize, i64)> {
    for (at, _) in text.match_indices('年') {
        let head = &text[..at];
        if let Some(found) = super::eras::era_year(head) {
            return Some(found);
        }
        let digits: Vec<i64> = head.chars().rev().map_while(chinese_digit).collect();
        if !(3..=4).contains(&digits.len()) {
            continue;
        }
        let value = digits.iter().rev().fold(0, |value, d| value * 10 + d);
        let start = at - digits.len() * '〇'.len_utf8();
        if (100..=2099).contains(&value) {
            let bc = before_christ(&text[..start]);
            return Some((start, if bc { -value } else { value }));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The year [`cjk_year`] reads of the first digits of `text`.
    fn year(text: &str) -> Option<i64> {
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let end = start + text[start..].find(|c: char| !c.is_ascii_digit())?;
        cjk_year(text, start, end)
    }

    #[test]
    fn years_with_the_chinese_japanese_or_korean_word_for_year() {
        assert_eq!(year("1868年に"), Some(1868));
        assert_eq!(year("公元前221年"), Some(-221));
        assert_eq!(year("794年"), Some(794));
        assert_eq!(year("1392년에"), Some(1392));
        assert_eq!(year("기원전 108년"), Some(-108));
        assert_eq!(year("在位12年"), None);
        assert_eq!(year("1868 年"), None);
    }

    #[test]
    fn years_counted_from_a_legendary_founding() {
        assert_eq!(year("단기 4281년"), Some(1948));
        assert_eq!(year("檀紀4281年"), Some(1948));
        assert_eq!(year("皇紀2600年"), Some(1940));
        assert_eq!(year("皇紀300年"), None);
    }

    #[test]
    fn years_in_chinese_numerals() {
        let year = |text: &str| first_year_before_nen(text).map(|(_, year)| year);
        assert_eq!(year("日ソ基本条約は一九二五年に調印された"), Some(1925));
        assert_eq!(year("公元前二二一年"), Some(-221));
        assert_eq!(year("七九四年"), Some(794));
        assert_eq!(year("三年間"), None);
        assert_eq!(year("十二年"), None);
        assert_eq!(year("年一九二五"), None);
        let (at, _) = first_year_before_nen("約一九二五年").unwrap();
        assert_eq!(at, "約".len());
    }

    #[test]
    fn years_of_japans_eras() {
        let year = |text: &str| first_year_before_nen(text).map(|(_, year)| year);
        assert_eq!(year("明治元年に改元"), Some(1868));
        assert_eq!(year("昭和20年8月15日"), Some(1945));
        assert_eq!(year("大正12年の関東大震災"), Some(1923));
        assert_eq!(year("令和元年"), Some(2019));
        assert_eq!(year("元年"), None);
        assert_eq!(year("昭和二十年"), Some(1945));
        assert_eq!(year("明治二十七年"), Some(1894));
        assert_eq!(year("大正十二年"), Some(1923));
        assert_eq!(year("平成七年"), Some(1995));
        assert_eq!(year("昭和十年"), Some(1935));
        assert_eq!(year("昭和十十年"), None);
        assert_eq!(year("昭和123年"), None);
        let (at, _) = first_year_before_nen("ついに明治元年").unwrap();
        assert_eq!(at, "ついに".len());
    }

    #[test]
    fn dates_other_languages_write_alone() {
        for (text, expected) in [
            ("XIXe siècle", Some((1800, 1899))),
            ("siglo XIX", Some((1800, 1899))),
            ("19. Jahrhundert", Some((1800, 1899))),
            ("V век до н. э.", Some((-500, -401))),
            ("44 v. Chr.", Some((-44, -44))),
            ("1800-talet", Some((1800, 1899))),
            ("1920er Jahre", Some((1920, 1929))),
            ("1868年", Some((1868, 1868))),
            ("一九二五年", Some((1925, 1925))),
            ("明治元年", Some((1868, 1868))),
            ("พ.ศ. 2475", Some((1932, 1932))),
            ("พ.ศ. 2475 ปี", None),
            ("44 v. Chr. und mehr", None),
            ("1868年に", None),
            ("1914", None),
            ("XIXe siècle 1850", None),
        ] {
            assert_eq!(span(text), expected, "{text}");
        }
    }

    #[test]
    fn islamic_years_are_read_as_the_christian_years_they_fall_in() {
        for after in [" هـ", " ه.ش", " ه.ق", " هجري", " هجرية", "هـ", " ه"] {
            assert!(hijri_after(after), "{after:?}");
        }
        for after in [" هي السنة", " م", "", " AD"] {
            assert!(!hijri_after(after), "{after:?}");
        }
        assert_eq!(islamic_years(1258, " هـ"), Some((1842, 1843)));
        assert_eq!(islamic_years(1, " هـ"), Some((622, 623)));
        assert_eq!(islamic_years(1445, " ه.ق"), Some((2023, 2024)));
        assert_eq!(islamic_years(1357, " ه.ش"), Some((1978, 1979)));
        assert_eq!(islamic_years(1357, " هـ.ش"), Some((1978, 1979)));
        assert_eq!(islamic_years(1357, " هجری شمسی"), Some((1978, 1979)));
        assert_eq!(islamic_years(1357, " هجری قمری"), Some((1938, 1939)));
        assert_eq!(islamic_years(5000, " هـ"), None);
        assert_eq!(islamic_years(1357, " خورشیدی"), Some((1978, 1979)));
        assert!(hijri_after(" شمسی") && hijri_after(" خورشیدی"));
        for after in [" م", " م.", " ميلادي", " میلادی"] {
            assert!(christian_era_after(after), "{after:?}");
        }
        assert!(!christian_era_after(" من"));
    }

    #[test]
    fn eras_other_languages_write() {
        for after in [" v. Chr.", " av. J.-C.", " a. C.", " до н. э.", " π.Χ."] {
            assert!(bc_after(after), "{after}");
        }
        for after in [" after", " a. Cox", " v. Chris"] {
            assert!(!bc_after(after), "{after}");
        }
    }
}
