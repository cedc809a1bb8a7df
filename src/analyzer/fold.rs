//! Folding one word: lower-cased, Latin letters to ASCII, without the marks no query
//! types (Latin accents left as marks, Hebrew points, Greek accents and breathings, the
//! diaeresis of Cyrillic `ё`, Arabic vowel marks), the Arabic script's letters that are
//! written for one another as one, and every script's decimal digits as ASCII's.

use tantivy::tokenizer::TextAnalyzer;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::words::{ascii_digits, is_hebrew_point};

/// Make `out` `word` (composed) lower-cased by `fold` and folded to ASCII where it is
/// Latin, without the marks of Latin letters nor Hebrew points, Greek folded as
/// [`fold_greek`] does, `ё` as `е`: empty for a word of marks alone.
pub(super) fn fold_into(fold: &mut TextAnalyzer, word: &str, out: &mut String) {
    out.clear();
    if let Some(token) = fold.token_stream(word).next() {
        out.push_str(&token.text);
    }
    strip_marks_of_latin(out);
    if out.contains(is_hebrew_point) {
        out.retain(|c| !is_hebrew_point(c));
    }
    if out.contains(is_greek) {
        fold_greek(out);
    }
    // Russian writes `ё` as `е` as often as not (`Хрущёв`, `Хрущев`); its stemmer reads
    // them as one letter, and so does every other analysis.
    if out.contains('ё') {
        *out = out.replace('ё', "е");
    }
    if out.contains(is_arabic) {
        fold_arabic(out);
    }
    if let std::borrow::Cow::Owned(digits) = ascii_digits(out) {
        *out = digits;
    }
}

/// Whether `c` is of the Arabic script's main block, in which Arabic, Persian and Urdu are
/// written.
pub(super) fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}')
}

/// The Arabic script as Lucene's Arabic and Persian normalizers read it: without its vowel
/// marks and other combining marks, nor the tatweel that stretches a word; hamza-bearing
/// and wasla alefs as bare alef; alef maksura `ى` and Persian `ی` as yeh `ي`; teh marbuta
/// `ة`, Persian `ۀ` and Urdu `ہ` as heh `ه`; Persian keheh `ک` as kaf `ك`. A writer's
/// keyboard chooses between these, and so do the spellings of one word across countries.
pub(super) fn fold_arabic(word: &mut String) {
    *word = (word.chars())
        .filter(|&c| c != '\u{0640}' && !(is_arabic(c) && is_combining_mark(c)))
        .map(|c| match c {
            'آ' | 'أ' | 'إ' | 'ٱ' => 'ا',
            'ى' | 'ی' => 'ي',
            'ة' | 'ۀ' | 'ہ' => 'ه',
            'ک' => 'ك',
            c => c,
        })
        .collect();
}

/// Whether `c` is a Greek letter (of the Greek and Coptic block, or Greek Extended's
/// polytonic letters).
pub(super) fn is_greek(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}')
}

/// Greek as ASCII folding leaves Latin: without its accents and breathings (`Ὀδυσσεύς`,
/// `Οδυσσευς` and `ΟΔΥΣΣΕΥΣ` are one word) and with one sigma (`ς` is `σ`, as an upper-case
/// `Σ` lower-cases), as Lucene's Greek lower-casing has it.
pub(super) fn fold_greek(word: &mut String) {
    *word = (word.nfd())
        .filter(|&c| !is_combining_mark(c))
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .nfc()
        .collect();
}

/// Drop the combining marks left in a word that is otherwise ASCII once folded (`q̃` is
/// `q`), as folding drops the accents of the letters it knows; the marks of other scripts'
/// words (a Devanagari virama) are part of their spelling and stay.
fn strip_marks_of_latin(word: &mut String) {
    if !word.is_ascii() && word.chars().all(|c| c.is_ascii() || is_combining_mark(c)) {
        word.retain(|c| c.is_ascii());
    }
}
