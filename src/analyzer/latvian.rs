//! Latvian's light stemmer, which Snowball lacks: the light form of Kārlis Kreslins' ("A
//! stemming algorithm for Latvian", 1996) that Lucene's Latvian analyzer uses. It takes off
//! one ending of case and number (a noun's, an adjective's with its gender and
//! definiteness), the longest that leaves a stem of three letters or more with a vowel of
//! its own, and puts back the consonant a noun of the second, fifth or sixth declension
//! changes before some of its endings (`brāļu` of `brālis`, `zemju` of `zeme`): `karš`,
//! `kara`, `karā`, `kari` and `kariem` share `kar`.

use super::suffix::{ends, replace};

/// A case ending, with what a word must have beside it to lose it.
struct Ending {
    /// The ending.
    text: &'static str,
    /// How many vowels the ending has: the word must have more, so that the stem keeps one.
    vowels: usize,
    /// Whether the consonant before the ending may be one the ending changed.
    changes_consonant: bool,
}

const fn ending(text: &'static str, vowels: usize, changes_consonant: bool) -> Ending {
    Ending {
        text,
        vowels,
        changes_consonant,
    }
}

/// The endings, a longer one before any it ends with.
const ENDINGS: &[Ending] = &[
    ending("ajiem", 3, false),
    ending("ajai", 3, false),
    ending("ajam", 2, false),
    ending("ajām", 2, false),
    ending("ajos", 2, false),
    ending("ajās", 2, false),
    ending("iem", 2, true),
    ending("ajā", 2, false),
    ending("ais", 2, false),
    ending("ai", 2, false),
    ending("ei", 2, false),
    ending("ām", 1, false),
    ending("am", 1, false),
    ending("ēm", 1, false),
    ending("īm", 1, false),
    ending("im", 1, false),
    ending("um", 1, false),
    ending("us", 1, true),
    ending("as", 1, false),
    ending("ās", 1, false),
    ending("es", 1, false),
    ending("os", 1, true),
    ending("ij", 1, false),
    ending("īs", 1, false),
    ending("ēs", 1, false),
    ending("is", 1, false),
    ending("ie", 1, false),
    ending("u", 1, true),
    ending("a", 1, true),
    ending("i", 1, true),
    ending("e", 1, false),
    ending("ā", 1, false),
    ending("ē", 1, false),
    ending("ī", 1, false),
    ending("ū", 1, false),
    ending("o", 1, false),
    ending("s", 0, false),
    ending("š", 0, false),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'ā' | 'ē' | 'ī' | 'ū')
}

/// The stem of `word`, lower case.
pub(super) fn stem(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let vowels = chars.iter().filter(|&&c| is_vowel(c)).count();
    for end in ENDINGS {
        let len = end.text.chars().count();
        if vowels > end.vowels && chars.len() >= len + 3 && ends(&chars, end.text) {
            let mut stem = chars[..chars.len() - len].to_vec();
            if end.changes_consonant {
                restore_consonant(&mut stem, end.text.starts_with('u'));
            }
            return stem.into_iter().collect();
        }
    }
    word.to_string()
}

/// Puts back the consonant an ending changed at the end of `stem`. Only changes that can be
/// undone one way are: `š` may have been `s` or `t`, `ž` `d` or `z`, so they stay.
fn restore_consonant(stem: &mut Vec<char>, before_u: bool) {
    // A genitive plural in `-u` alone writes `kst` as `kš` and `nn` as `ņņ`.
    if before_u && (replace(stem, "kš", "kst") || replace(stem, "ņņ", "nn")) {
        return;
    }
    // After a labial consonant the change is an added `j`.
    if ["pj", "bj", "mj", "vj"].iter().any(|pair| ends(stem, pair)) {
        stem.pop();
        return;
    }
    for (changed, was) in [
        ("šņ", "sn"),
        ("žņ", "zn"),
        ("šļ", "sl"),
        ("žļ", "zl"),
        ("ļņ", "ln"),
        ("ļļ", "ll"),
        ("č", "c"),
        ("ļ", "l"),
        ("ņ", "n"),
    ] {
        if replace(stem, changed, was) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::suffix::assert_forms_share_a_stem;
    use super::stem;

    #[test]
    fn a_words_cases_share_its_stem() {
        assert_forms_share_a_stem(
            stem,
            &[
                // Nominative, genitive, dative, accusative, locative; plurals.
                &[
                    "karš", "kara", "karam", "karu", "karā", "kari", "karu", "kariem",
                ][..],
                &["valsts", "valstij", "valstī", "valstis", "valstīm"],
                &[
                    "līgums",
                    "līguma",
                    "līgumam",
                    "līgumu",
                    "līgumā",
                    "līgumi",
                    "līgumiem",
                ],
                &[
                    "pilsēta",
                    "pilsētas",
                    "pilsētai",
                    "pilsētu",
                    "pilsētā",
                    "pilsētām",
                ],
                // An adjective's definite forms as its indefinite.
                &[
                    "lielais",
                    "lielajam",
                    "lielajā",
                    "lielajiem",
                    "liels",
                    "lielam",
                ],
            ],
        );
    }

    #[test]
    fn a_changed_consonant_is_put_back() {
        // `brālis`, genitive plural `brāļu`; `zeme`, `zemju`; `krāsns`, `krāšņu`.
        assert_eq!(stem("brāļu"), stem("brālis"));
        assert_eq!(stem("zemju"), stem("zeme"));
        assert_eq!(stem("krāšņu"), "krāsn");
        assert_eq!(stem("lāču"), stem("lācis"));
        // `š` may have been `s` or `t`: it stays.
        assert_eq!(stem("mēnešu"), "mēneš");
    }

    #[test]
    fn short_words_and_stems_without_a_vowel_are_kept() {
        for word in ["un", "ar", "par", "uz", "kas", "tas"] {
            assert_eq!(stem(word), word);
        }
        assert_ne!(stem("karš"), stem("kurš"));
    }
}
