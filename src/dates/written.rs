//! Years and centuries as prose writes them in words, and as other languages write them:
//! `the fifteenth century`, `XIXe siècle`, `siglo XIX`, `в XIX веке`, `19. Jahrhundert`,
//! `1800-talet`, `1920er Jahre`, `1868年`, `44 v. Chr.`, `V век до н. э.`.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{century, ordinal, Era, Span};

/// Where a word for "century" has its numeral.
#[derive(Clone, Copy)]
enum Numeral {
    /// English's ordinal word before it (`the fifteenth century`).
    Ordinal,
    /// A numeral before it (`XIXe siècle`, `19. Jahrhundert`, `XIX век`).
    Before,
    /// A Roman numeral after it (`siglo XIX`).
    After,
}

/// The words for "century", as written (the automaton that finds them is many times
/// quicker case-sensitive, so the capitalised forms that occur are listed): English;
/// French, Italian, Russian, Ukrainian, Polish, German, Czech, Slovak, Croatian,
/// Hungarian, Dutch, Danish, Norwegian and Swedish, whose numeral comes first; Spanish,
/// Portuguese and Catalan, whose numeral follows.
const CENTURY_WORDS: &[(&str, Numeral)] = &[
    ("century", Numeral::Ordinal),
    ("Century", Numeral::Ordinal),
    ("siècle", Numeral::Before),
    ("siècles", Numeral::Before),
    ("secolo", Numeral::Before),
    ("secoli", Numeral::Before),
    ("век", Numeral::Before),
    ("века", Numeral::Before),
    ("веке", Numeral::Before),
    ("веков", Numeral::Before),
    ("столетие", Numeral::Before),
    ("століття", Numeral::Before),
    ("wiek", Numeral::Before),
    ("wieku", Numeral::Before),
    ("Jahrhundert", Numeral::Before),
    ("Jahrhunderts", Numeral::Before),
    ("století", Numeral::Before),
    ("storočie", Numeral::Before),
    ("storočia", Numeral::Before),
    ("stoljeće", Numeral::Before),
    ("stoljeća", Numeral::Before),
    ("század", Numeral::Before),
    ("században", Numeral::Before),
    ("századi", Numeral::Before),
    ("eeuw", Numeral::Before),
    ("århundrede", Numeral::Before),
    ("århundre", Numeral::Before),
    ("århundradet", Numeral::Before),
    ("siglo", Numeral::After),
    ("siglos", Numeral::After),
    ("Siglo", Numeral::After),
    ("Siglos", Numeral::After),
    ("século", Numeral::After),
    ("séculos", Numeral::After),
    ("Século", Numeral::After),
    ("Séculos", Numeral::After),
    ("segle", Numeral::After),
    ("segles", Numeral::After),
    ("Segle", Numeral::After),
    ("Segles", Numeral::After),
];

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
/// (`1258 هـ`, `۱۳۵۷ ه.ش`, `1400 هجري`), not a year of the Christian era that a year
/// stands for here: Arabic and Persian articles give both (`1258 هـ / 1842 م`).
pub(super) fn hijri_after(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\u{a0}', '\u{200f}']);
    let Some(tail) = rest.strip_prefix('ه') else {
        return false;
    };
    tail.starts_with(['ـ', '.', '\u{200d}', '\u{200c}'])
        || tail.starts_with("جري")
        || !tail.starts_with(char::is_alphanumeric)
}

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
    if !(100..=2099).contains(&value) {
        return None;
    }
    let before = text[..start].trim_end();
    let bc = before.ends_with('前') || before.ends_with("기원전");
    Some(if bc { -value } else { value })
}

/// The year of the Christian era a year of the Buddhist era stands for, where `before`
/// ends with Thai's mark of that era (`พ.ศ. 2475` is 1932).
pub(super) fn buddhist_era(before: &str, year: i64) -> Option<i64> {
    let before = before.trim_end();
    let marked = before.ends_with("พ.ศ.") || before.ends_with("พ.ศ");
    (marked && (1000..=2700).contains(&year)).then_some(year - 543)
}

/// The number below a hundred written in Chinese numerals at the end of `head` (`二十`,
/// `二十五`, `十五`, `七`), with the text of it.
fn numerals_below_hundred(head: &str) -> Option<(&str, i64)> {
    const DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let written = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| *c == '十' || DIGITS.contains(c))
        .last()
        .map(|(at, _)| &head[at..])?;
    let digit = |c: char| DIGITS.iter().position(|d| *d == c).map(|i| i as i64 + 1);
    let chars: Vec<char> = written.chars().collect();
    let value = match chars[..] {
        ['十'] => 10,
        [one] => digit(one)?,
        ['十', units] => 10 + digit(units)?,
        [tens, '十'] => 10 * digit(tens)?,
        [tens, '十', units] => 10 * digit(tens)? + digit(units)?,
        _ => return None,
    };
    Some((written, value))
}

/// Japan's modern eras and the year before each one's first (`明治元年` is 1868).
const JAPANESE_ERAS: &[(&str, i64)] = &[
    ("明治", 1867),
    ("大正", 1911),
    ("昭和", 1925),
    ("平成", 1988),
    ("令和", 2018),
];

/// The first year written before the word for year other than in digits of the
/// Christian era, with the byte where it starts: in Chinese numerals a digit each
/// (`一九二五年`, `公元前二二一年`: three or four of `〇一二三四五六七八九`), or as a year of
/// one of Japan's modern eras (`明治元年` is 1868, `昭和20年` 1945).
pub(super) fn first_year_before_nen(text: &str) -> Option<(usize, i64)> {
    const NUMERALS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    for (at, _) in text.match_indices('年') {
        let head = &text[..at];
        if let Some(found) = japanese_era_year(head) {
            return Some(found);
        }
        let numerals = head
            .chars()
            .rev()
            .take_while(|c| NUMERALS.contains(c))
            .collect::<Vec<char>>();
        if !(3..=4).contains(&numerals.len()) {
            continue;
        }
        let value = numerals.iter().rev().fold(0, |value, c| {
            value * 10 + NUMERALS.iter().position(|n| n == c).unwrap_or(0) as i64
        });
        let start = at - numerals.len() * '〇'.len_utf8();
        if (100..=2099).contains(&value) {
            let bc = text[..start].trim_end().ends_with('前');
            return Some((start, if bc { -value } else { value }));
        }
    }
    None
}

/// The year of the Christian era a Japanese era's year stands for, where `head` (the text
/// before `年`) ends with the era's name and its year: `元` (its first), one or two digits,
/// or a number in Chinese numerals (`二十`, `十五`).
fn japanese_era_year(head: &str) -> Option<(usize, i64)> {
    let (number, value) = match head.strip_suffix('元') {
        Some(_) => ("元", 1),
        None => {
            let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            let number = &head[head.len() - digits..];
            match number.parse().ok().filter(|_| digits <= 2) {
                Some(value) => (number, value),
                None => numerals_below_hundred(head)?,
            }
        }
    };
    let era = &head[..head.len() - number.len()];
    JAPANESE_ERAS.iter().find_map(|(name, before)| {
        era.ends_with(name)
            .then(|| (era.len() - name.len(), before + value))
    })
}

/// Whether `c` is a letter of a script written without spaces between words (Han, kana,
/// Hangul, Thai and their like), which may stand right beside a year's digits (`は1868年に`).
pub(super) fn is_unspaced_letter(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xAC00..=0xD7AF // Hangul
        | 0xF900..=0xFAFF // Han compatibility
        | 0x20000..=0x3134F // Han extensions B–G
    )
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
    let tail = [
        "-talet", "-tallet", "-tal", "-luvulla", "-luvun", "-luku", "er",
    ]
    .iter()
    .find_map(|suffix| after.strip_prefix(suffix))?;
    if tail.starts_with(char::is_alphanumeric) && !after.starts_with("er") {
        return None;
    }
    // `1920er Jahre`, `1920er-Jahren`: German writes the decade's `er` before `Jahre`.
    if after.starts_with("er") && !tail.trim_start_matches([' ', '-']).starts_with("Jahre") {
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
        let whole = !text[..start].ends_with(char::is_alphanumeric)
            && !text[end..].starts_with(char::is_alphanumeric);
        if !whole {
            continue;
        }
        let century = match CENTURY_WORDS[found.pattern().as_usize()].1 {
            Numeral::Ordinal => english(text, start, end),
            Numeral::Before => word_before(text, start).and_then(|(at, numeral)| {
                let marked = text[at + numeral.len()..start].trim() == ".";
                numeral_value(numeral, marked).map(|n| (at, centuries(n, &text[end..])))
            }),
            Numeral::After => {
                let after = &text[end..];
                let numeral_at = end + (after.len() - after.trim_start().len());
                let numeral = word_at(text, numeral_at);
                roman(numeral).map(|n| (start, centuries(n, &text[numeral_at + numeral.len()..])))
            }
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
    let part = ["early", "mid", "middle", "late"]
        .into_iter()
        .find(|p| {
            let head = text[..at].trim_end_matches(['-', ' ']);
            let from = head.len().saturating_sub(p.len());
            head.get(from..).is_some_and(|w| w.eq_ignore_ascii_case(p))
                && !head[..from].ends_with(char::is_alphanumeric)
        })
        .map(|p| format!("{p} "))
        .unwrap_or_default();
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
    let bare = ["ème", "eme", "er", "e", "º", "°"]
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
mod tests {
    use super::*;

    #[test]
    fn centuries_in_words_and_other_languages() {
        let table: &[(&str, Option<i64>)] = &[
            ("The fifteenth century saw great change.", Some(1400)),
            ("in the late eighteenth-century salons", Some(1767)),
            ("the twenty-first century", Some(2000)),
            ("Twenty-First Century Books", Some(2000)),
            ("ééééé-first century", Some(0)),
            ("éé-first century", Some(0)),
            ("ééé first century", Some(0)),
            ("the fifth century BC", Some(-500)),
            ("Au XIXe siècle, la ville grandit.", Some(1800)),
            ("au 19e siècle", Some(1800)),
            ("le Ve siècle av. J.-C.", Some(-500)),
            ("Im 18. Jahrhundert wuchs die Stadt.", Some(1700)),
            ("im 5. Jahrhundert v. Chr.", Some(-500)),
            ("En el siglo XIX se construyó", Some(1800)),
            ("no século XVI", Some(1500)),
            ("siglo V a. C.", Some(-500)),
            ("В XIX веке город рос.", Some(1800)),
            ("V век до н. э.", Some(-500)),
            ("w XIX wieku", Some(1800)),
            ("nel XV secolo", Some(1400)),
            ("A XIX. században", Some(1800)),
            ("in de 17e eeuw", Some(1600)),
            ("vor 19 Jahrhunderten", None),
            ("the first century", Some(0)),
            ("In the fifth century, B.C., Sun Tzu", Some(-500)),
            ("in the first century of its existence", None),
            ("Siècle. Au XIXe siècle", Some(1800)),
            ("centuries; the nineteenth century", Some(1800)),
            ("a century later", None),
            ("19 siècles", None),
            ("the XIX century", None),
        ];
        for (text, expected) in table {
            assert_eq!(first_century(text).map(|(_, s)| s.0), *expected, "{text:?}");
        }
    }

    #[test]
    fn years_with_the_chinese_japanese_or_korean_word_for_year() {
        let year = |text: &str| {
            let start = text.find(|c: char| c.is_ascii_digit())?;
            let end = start + text[start..].find(|c: char| !c.is_ascii_digit())?;
            cjk_year(text, start, end)
        };
        assert_eq!(year("1868年に"), Some(1868));
        assert_eq!(year("公元前221年"), Some(-221));
        assert_eq!(year("794年"), Some(794));
        assert_eq!(year("1392년에"), Some(1392));
        assert_eq!(year("기원전 108년"), Some(-108));
        assert_eq!(year("在位12年"), None);
        assert_eq!(year("1868 年"), None);
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
    fn centuries_and_decades_written_with_suffixes() {
        let span = |text: &str| {
            let end = text.find(|c: char| !c.is_ascii_digit())?;
            hundreds_or_tens(text, 0, end)
        };
        assert_eq!(span("1800-talet"), Some((1800, 1899)));
        assert_eq!(span("1920-luvulla"), Some((1920, 1929)));
        assert_eq!(span("1920er Jahre"), Some((1920, 1929)));
        assert_eq!(span("1920er-Jahren"), Some((1920, 1929)));
        assert_eq!(span("1920er"), None);
        assert_eq!(span("1925-talet"), None);
        assert_eq!(span("1800-tala"), None);
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
    fn islamic_years_are_no_years_of_the_christian_era() {
        for after in [" هـ", " ه.ش", " ه.ق", " هجري", " هجرية", "هـ", " ه"] {
            assert!(hijri_after(after), "{after:?}");
        }
        for after in [" هي السنة", " م", "", " AD"] {
            assert!(!hijri_after(after), "{after:?}");
        }
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
