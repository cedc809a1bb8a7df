//! What a Hebrew query word also finds: the word behind the particles written as its first
//! letters, and its plural and construct forms.
//!
//! Hebrew writes `and`, `the`, `in`, `to`, `from`, `that` and `as` as a letter before the
//! word (`ו ה ב ל מ ש כ`, and several of them together: `וב`, `שה`), and no stemmer reads
//! them here (Snowball has none for Hebrew, nor does Lucene ship one). A noun's plural and
//! its construct state (the form it takes before another noun: `מלחמת העולם`, the war of
//! the world) change its ending by rule, as an English plural does: `הסכם`, `הסכמים`,
//! `הסכמי`; `ממשלה`, `ממשלות`, `ממשלת`. A word of [`MIN_LETTERS`] or more finds those forms,
//! behind particles or not, where the index has them: they are the word.

use crate::analyzer::is_hebrew_letter;

/// The particles Hebrew writes before a word, alone and in the combinations most often
/// met: `and`, `the`, `in`, `to`, `from`, `that`, `as`; `and the`, `and in`, `that in`, ….
const PARTICLES: [&str; 22] = [
    "ו", "ה", "ב", "ל", "מ", "ש", "כ", "וה", "וב", "ול", "ומ", "וש", "וכ", "שה", "שב", "של", "שמ",
    "מה", "כש", "מש", "לכש", "וכש",
];

/// Hebrew words shorter than this (in letters) find no other forms: too many words begin
/// with what would be a particle and two letters.
const MIN_LETTERS: usize = 3;

/// Whether `text` is a Hebrew word: its letters alone (the index holds them without points).
pub(super) fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_hebrew_letter)
}

/// The forms of the Hebrew word `word` other than itself that a search for it finds, in
/// order: its other forms ([`inflected`]), then each form behind each particle. Empty for
/// words shorter than [`MIN_LETTERS`].
pub(super) fn forms(word: &str) -> Vec<String> {
    if word.chars().count() < MIN_LETTERS {
        return Vec::new();
    }
    let mut bare = vec![word.to_string()];
    bare.extend(inflected(word));
    let behind = (bare.iter()).flat_map(|form| PARTICLES.iter().map(move |p| format!("{p}{form}")));
    let behind: Vec<String> = behind.collect();
    bare.remove(0);
    bare.extend(behind);
    bare
}

/// The plural and construct forms of `word`, or its singular where it is one of them:
/// `הסכם` → `הסכמים`, `הסכמי`; `ממשלה` → `ממשלות`, `ממשלת`; `הסכמים` → `הסכם`; `ממשלות`
/// → `ממשלה`. A form's stem keeps two letters at least. A construct form is not read back
/// as the word (`ברית`, a covenant, is no `בריה`).
fn inflected(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    let stem = |drop: usize| -> Option<String> {
        (letters.len() >= drop + 2).then(|| letters[..letters.len() - drop].iter().collect())
    };
    if word.ends_with("ים") {
        return stem(2).map_or_else(Vec::new, |s| vec![final_form(&s), format!("{s}י")]);
    }
    if word.ends_with("ות") {
        return stem(2).map_or_else(Vec::new, |s| vec![format!("{s}ה"), format!("{s}ת")]);
    }
    if word.ends_with('ה') {
        return stem(1).map_or_else(Vec::new, |s| vec![format!("{s}ות"), format!("{s}ת")]);
    }
    let Some(&last) = letters.last() else {
        return Vec::new();
    };
    let unfinal: String = letters[..letters.len() - 1]
        .iter()
        .chain(std::iter::once(&medial(last)))
        .collect();
    vec![format!("{unfinal}ים"), format!("{unfinal}י")]
}

/// The five letters with a final form, each as written inside a word and at its end.
const FINALS: [(char, char); 5] = [('מ', 'ם'), ('נ', 'ן'), ('צ', 'ץ'), ('פ', 'ף'), ('כ', 'ך')];

/// `letter` as written inside a word: a final form (`ם ן ץ ף ך`) takes its other one.
fn medial(letter: char) -> char {
    (FINALS.iter())
        .find(|&&(_, last)| last == letter)
        .map_or(letter, |&(inside, _)| inside)
}

/// `stem` as a word ends: its last letter in its final form where it has one.
fn final_form(stem: &str) -> String {
    let mut letters: Vec<char> = stem.chars().collect();
    if let Some(last) = letters.last_mut() {
        if let Some(&(_, end)) = FINALS.iter().find(|&&(inside, _)| inside == *last) {
            *last = end;
        }
    }
    letters.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_noun_finds_its_plural_and_construct_forms_and_back() {
        assert_eq!(inflected("הסכם"), ["הסכמים", "הסכמי"]);
        assert_eq!(inflected("הסכמים"), ["הסכם", "הסכמי"]);
        assert_eq!(inflected("ממשלה"), ["ממשלות", "ממשלת"]);
        assert_eq!(inflected("ממשלות"), ["ממשלה", "ממשלת"]);
        assert_eq!(inflected("גבול"), ["גבולים", "גבולי"]);
        // Too short a stem is left alone.
        assert!(inflected("אים").is_empty());
    }

    #[test]
    fn forms_are_the_word_and_its_inflections_behind_every_particle() {
        let forms = forms("הסכם");
        assert_eq!(forms[..2], ["הסכמים", "הסכמי"]);
        assert!(forms.contains(&"בהסכם".to_string()));
        assert!(forms.contains(&"וההסכמים".to_string()));
        assert!(!forms.contains(&"הסכם".to_string()));
        assert_eq!(forms.len(), 2 + 3 * PARTICLES.len());
        assert!(super::forms("רב").is_empty());
        assert!(is_word("הסכם") && !is_word("treaty") && !is_word(""));
    }
}
