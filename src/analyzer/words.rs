//! What a word is: which characters make one, which scripts are split into bigrams, how
//! long a word may be, the stop words, and where words joined by signs end (`U.S.S.R.`,
//! `AT&T`, `C++`, `Rapallo's`).

use unicode_normalization::char::is_combining_mark;

/// `text` composed (Unicode NFC), borrowed when it already is. Indexed text and queries are
/// both composed, so that a word written decomposed (kana with their voicing marks apart,
/// Hangul as jamo, which the bigrams of unspaced scripts would cut) is the word it
/// composes to.
pub fn composed(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// The zero of each script's run of ten decimal digits in the Basic Multilingual Plane,
/// ASCII's aside (Unicode's `Nd`: Arabic-Indic, Persian, Devanagari, Bengali, Thai, …).
const DIGIT_ZEROS: [u32; 36] = [
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
];

/// The ASCII digit a decimal digit of another script stands for (`۱` and `१` are `1`), as
/// Lucene's `DecimalDigitFilter` reads it; `None` for any other character.
pub fn ascii_digit(c: char) -> Option<char> {
    let code = c as u32;
    if !(DIGIT_ZEROS[0]..DIGIT_ZEROS[DIGIT_ZEROS.len() - 1] + 10).contains(&code) {
        return None;
    }
    let zero = DIGIT_ZEROS[DIGIT_ZEROS.partition_point(|&z| z <= code) - 1];
    let value = code - zero;
    (value < 10).then(|| char::from(b'0' + value as u8))
}

/// `text` with every other script's decimal digits as ASCII ones ([`ascii_digit`]),
/// borrowed when it has none: `۱۵۰۱` is the year 1501.
pub fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    // Every such digit is a character from U+0660 on, whose first byte is 0xD9 or more
    // (never a continuation byte): only those characters are decoded and looked up.
    let bytes = text.as_bytes();
    let mut at = 0;
    let has_digit = loop {
        // Whole blocks below 0xD9 are passed over a block at a time (vectorised).
        while let Some(block) = bytes.get(at..at + 32) {
            if block.iter().fold(0, |most, &b| most.max(b)) >= 0xD9 {
                break;
            }
            at += 32;
        }
        let Some(skip) = bytes[at..].iter().position(|&b| b >= 0xD9) else {
            break false;
        };
        at += skip;
        let c = text[at..].chars().next().unwrap_or_default();
        if ascii_digit(c).is_some() {
            break true;
        }
        at += c.len_utf8();
    };
    if !has_digit {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect())
}

/// Words this long or longer, in bytes as written, are noise (URLs, base64) and are dropped.
pub const MAX_WORD_BYTES: usize = 40;

/// Lucene's English stop words: short enough that no content word is lost.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Whether `word` is one of [`STOP_WORDS`]; a `match`, which compiles to comparisons with
/// constants, where searching the list would call `memcmp` for every word.
pub(crate) fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "and"
            | "are"
            | "as"
            | "at"
            | "be"
            | "but"
            | "by"
            | "for"
            | "if"
            | "in"
            | "into"
            | "is"
            | "it"
            | "no"
            | "not"
            | "of"
            | "on"
            | "or"
            | "such"
            | "that"
            | "the"
            | "their"
            | "then"
            | "there"
            | "these"
            | "they"
            | "this"
            | "to"
            | "was"
            | "will"
            | "with"
    )
}

/// Whether `c` is a letter of a script written without spaces between words, and so split
/// into bigrams (as Lucene's `CJKBigramFilter` does; no dictionary segmenter for these
/// builds from crates.io alone here): Han ideographs, Hiragana, Katakana (full and half
/// width) and Hangul; and Thai, Lao, Myanmar and Khmer, whose vowel signs and tone marks
/// (combining marks) belong to the run too.
pub fn is_unspaced(c: char) -> bool {
    if matches!(c,
        '\u{0E01}'..='\u{0E3A}'
        | '\u{0E40}'..='\u{0E4E}'
        | '\u{0E81}'..='\u{0ECE}'
        | '\u{1000}'..='\u{103F}'
        | '\u{1780}'..='\u{17D3}')
    {
        return true;
    }
    // Combining marks in these blocks (the kana voicing marks) are not letters.
    c.is_alphanumeric()
        && matches!(c,
        '\u{1100}'..='\u{11ff}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3130}'..='\u{318f}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ff9f}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// Whether `c` is a letter of the Hebrew alphabet (final forms too).
pub fn is_hebrew_letter(c: char) -> bool {
    ('\u{05D0}'..='\u{05EA}').contains(&c)
}

/// Where the Hebrew abbreviation whose letters so far end at `end` ends, if a gershayim
/// (`״`, or `"` as keyboards write it) and a Hebrew letter follow them: `צה"ל` (the IDF),
/// `ארה״ב` (the USA) are one word each, as Unicode's word boundaries (UAX #29) and
/// Lucene's standard tokenizer have them, not a word and a letter. `None` where no
/// gershayim joins letters at `end`.
pub(super) fn gershayim_end(text: &str, end: usize) -> Option<usize> {
    let last = text[..end].chars().next_back()?;
    let mut rest = text[end..].chars();
    let mark = rest.next()?;
    let next = rest.next()?;
    (is_hebrew_letter(last) && matches!(mark, '"' | '\u{05F4}') && is_hebrew_letter(next))
        .then(|| end + mark.len_utf8())
}

/// Whether `c` is a Hebrew point or accent (niqqud, cantillation, dagesh, shin and sin
/// dots): marks most Hebrew text leaves out, so they are removed from words, as a reader
/// ignores them. Maqaf, paseq, sof pasuq and nun hafukha are punctuation and stay.
pub fn is_hebrew_point(c: char) -> bool {
    matches!(
        c,
        '\u{0591}'
            ..='\u{05BD}'
                | '\u{05BF}'
                | '\u{05C1}'
                | '\u{05C2}'
                | '\u{05C4}'
                | '\u{05C5}'
                | '\u{05C7}'
    )
}

/// What a character is to the tokenizer: the one rule that splits text into words, which
/// the tokenizer, the dictionary's word finder, typo tolerance and query parsing all follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharKind {
    /// Separates words.
    Separator,
    /// A letter, digit or combining mark of a script written with spaces: part of a word.
    Letter,
    /// A character of a script split into bigrams ([`is_unspaced`]): part of a run.
    Unspaced,
}

/// Whether `c` is an invisible character that Unicode's word boundaries (UAX #29) go across
/// (Word_Break Format, ZWJ, and ZWNJ of Extend): a soft hyphen (`Settle\u{ad}ment`, as
/// hyphenated web pages, EPUBs and PDFs write words), a joiner or non-joiner (Persian
/// `بخش\u{200c}ها`, Indic conjuncts), a bidirectional mark. Inside a word it is part of it,
/// and no letter of its terms; it starts no word.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200C}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

/// Whether `c` belongs to a word but is spelled in none of its terms: the invisible
/// characters of [`is_ignorable`], and the modifier letters transliterations write as
/// apostrophes and primes (`Hawaiʻi`, `Qurʾān`, `Ulʹyanov`), which people searching
/// leave out (`hawaii`, `quran`, `ulyanov`).
pub fn is_unspelled(c: char) -> bool {
    is_ignorable(c) || matches!(c, '\u{02B9}'..='\u{02BF}')
}

/// Whether `c` is a superscript digit: in articles, the mark of a footnote (`treaty¹`)
/// far more often than a power (`m²`).
fn is_superscript_digit(c: char) -> bool {
    matches!(
        c,
        '\u{00B2}' | '\u{00B3}' | '\u{00B9}' | '\u{2070}' | '\u{2074}'..='\u{2079}'
    )
}

/// The [`CharKind`] of `c`.
///
/// Combining marks belong to the word they mark, as Unicode's word boundaries have it
/// (UAX #29): a Devanagari or Tamil virama joins two consonants inside one word
/// (`हिन्दी`), and text written decomposed (`Vie\u{323}\u{302}t`) has its accents as
/// marks. So do the invisible characters of [`is_ignorable`]. The kana voicing marks stay
/// separators: a run of kana is split into bigrams character by character; so do
/// superscript digits, the marks of notes.
#[inline]
pub fn char_kind(c: char) -> CharKind {
    if is_unspaced(c) {
        CharKind::Unspaced
    } else if is_superscript_digit(c) {
        // A note's mark (`treaty¹`, `1922.²`), not part of the word it follows.
        CharKind::Separator
    } else if c.is_alphanumeric()
        || (is_combining_mark(c) && !matches!(c, '\u{3099}'..='\u{309A}'))
        || is_ignorable(c)
    {
        CharKind::Letter
    } else {
        CharKind::Separator
    }
}

/// [`char_kind`] of an ASCII byte is not [`CharKind::Separator`]: the tokenizer's fast path.
#[inline(always)]
pub fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

/// Whether the tokenizer takes `c` into a word: a letter or digit, or a character of a
/// script split into bigrams (a Thai tone mark). Everything else separates words.
pub fn is_word_char(c: char) -> bool {
    char_kind(c) != CharKind::Separator
}

/// Where the acronym whose first letter ends at `first_end` ends (past its last letter), if
/// that letter starts one: a full stop, then one ASCII letter standing alone, at least once
/// (`U.S.`, `F.B.I`; not `e.coli` nor `1.5`).
pub(super) fn acronym_end(bytes: &[u8], first_end: usize) -> Option<usize> {
    let mut end = first_end;
    while bytes.get(end) == Some(&b'.')
        && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic)
        && !bytes
            .get(end + 2)
            .is_some_and(|&b| is_ascii_word_byte(b) || b >= 0x80)
    {
        end += 2;
    }
    (end > first_end).then_some(end)
}

/// Where a name written with signs ends (see [`super::Kind::Signed`]), given its first word,
/// `bytes[start..first_end]`: short words joined by ampersands, each one to three ASCII
/// letters (an abbreviation's; `rock&roll` is two words), up to the first word that is not
/// one; or a short word followed by `++` or `#` and no more of a word.
pub(super) fn signed_end(bytes: &[u8], start: usize, first_end: usize) -> Option<usize> {
    let short = |from: usize, to: usize| {
        (1..=3).contains(&(to - from)) && bytes[from..to].iter().all(u8::is_ascii_alphabetic)
    };
    if !short(start, first_end) || start.checked_sub(1).map(|b| bytes[b]) == Some(b'&') {
        return None;
    }
    let ends_word = |at: usize| {
        !bytes
            .get(at)
            .is_some_and(|&b| is_ascii_word_byte(b) || b >= 0x80)
    };
    for signs in [&b"++"[..], b"#"] {
        let to = first_end + signs.len();
        if bytes.get(first_end..to) == Some(signs) && ends_word(to) {
            return Some(to);
        }
    }
    let mut end = first_end;
    while bytes.get(end) == Some(&b'&') {
        let from = end + 1;
        let to = from
            + (bytes[from..].iter())
                .take_while(|&&b| is_ascii_word_byte(b))
                .count();
        if !short(from, to) || bytes.get(to).is_some_and(|&b| b >= 0x80) {
            break;
        }
        end = to;
    }
    (end > first_end).then_some(end)
}

/// Whether `text[start..end]` is the `s` of an English possessive (`Rapallo's`, `1920’s`):
/// an `s` right after an apostrophe that follows a letter or digit.
pub(super) fn is_possessive(text: &str, start: usize, end: usize) -> bool {
    if !text[start..end].eq_ignore_ascii_case("s") {
        return false;
    }
    let before = &text[..start];
    let Some(before) = before
        .strip_suffix('\'')
        .or_else(|| before.strip_suffix('\u{2019}'))
    else {
        return false;
    };
    before.chars().next_back().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_fast_path_follows_the_rule() {
        for b in 0..=127u8 {
            assert_eq!(is_ascii_word_byte(b), is_word_char(char::from(b)), "{b}");
        }
        assert_eq!(char_kind('条'), CharKind::Unspaced);
        assert_eq!(char_kind('\u{0E48}'), CharKind::Unspaced); // a Thai tone mark
        assert_eq!(char_kind('ß'), CharKind::Letter);
        assert_eq!(char_kind('\u{3099}'), CharKind::Separator); // a combining kana mark
    }

    #[test]
    fn stop_word_match_is_the_list() {
        // Every word of up to five letters drawn from those the stop words use: any other
        // word is refused by both.
        let letters: Vec<char> = "abcdefhilnorstuwy".chars().collect();
        let mut words = vec![String::new()];
        let mut checked = 0;
        for _ in 0..5 {
            words = (words.iter())
                .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
                .collect();
            for word in &words {
                assert_eq!(
                    is_stop_word(word),
                    STOP_WORDS.contains(&word.as_str()),
                    "{word}"
                );
                checked += usize::from(is_stop_word(word));
            }
        }
        assert_eq!(checked, STOP_WORDS.len());
        assert!(!is_stop_word("The") && !is_stop_word("themselves"));
    }
}
