//! Latin's stemmer, which Snowball lacks: the noun stem of Schinke, Greengrass, Robertson
//! and Willett's algorithm ("A stemming algorithm for Latin text databases", 1996). `j` is
//! read as `i` and `v` as `u`, as editions differ in writing them; the enclitic `-que`
//! (`and`) is taken off but from the words that merely end so (`atque`, `quisque`,
//! `usque`); then the longest case ending (of the algorithm's, but two) that leaves two
//! letters or more: `provincia`, `provinciae` and `provinciam` share `prouinci`, `Galli`,
//! `Gallos` and `Gallis` `gall`.
//! The algorithm's second, verb stem is not taken: one stem a word is what the index holds,
//! and a history's searches are for names, places and things.

use super::suffix::{ends, strip};

/// Words ending in `que` that are no word with the enclitic `-que`: left as they are.
const QUE_WORDS: &[&str] = &[
    "atque",
    "quoque",
    "neque",
    "itaque",
    "absque",
    "apsque",
    "abusque",
    "adaeque",
    "adusque",
    "denique",
    "deque",
    "susque",
    "oblique",
    "peraeque",
    "plenisque",
    "quandoque",
    "quisque",
    "quaeque",
    "cuiusque",
    "cuique",
    "quemque",
    "quamque",
    "quaque",
    "quique",
    "quorumque",
    "quarumque",
    "quibusque",
    "quosque",
    "quasque",
    "quotusquisque",
    "quousque",
    "ubique",
    "undique",
    "usque",
    "uterque",
    "utique",
    "utroque",
    "utribique",
    "torque",
    "coque",
    "concoque",
    "contorque",
    "detorque",
    "decoque",
    "excoque",
    "extorque",
    "obtorque",
    "optorque",
    "retorque",
    "recoque",
    "attorque",
    "incoque",
    "intorque",
    "praetorque",
];

/// The case endings, a longer one before any it ends with. The published list also has
/// `-ia` and `-ius`, which part the many nouns and names so ending from their other cases
/// (`provincia` would be `prouinc`, `provinciae` `prouinci`; `Tiberius` `tiber`, `Tiberii`
/// `tiberi`): they are left out. It lacks the genitive plural of the first and second
/// declensions, `-arum` and `-orum`, which parted `Gallorum` (`gallor`) from `Galli`
/// (`gall`) and `provinciarum` from `provincia`: they are added.
const ENDINGS: &[&str] = &[
    "ibus", "arum", "orum", "ae", "am", "as", "em", "es", "is", "nt", "os", "ud", "um", "us", "a",
    "e", "i", "o", "u",
];

/// Letters a stem keeps at least.
const MIN_STEM: usize = 2;

/// The stem of the Latin word `word` (lower case).
pub(super) fn stem(word: &str) -> String {
    let word: String = (word.chars())
        .map(|c| match c {
            'j' => 'i',
            'v' => 'u',
            c => c,
        })
        .collect();
    if QUE_WORDS.contains(&word.as_str()) {
        return word;
    }
    let mut w: Vec<char> = word.chars().collect();
    if ends(&w, "que") && w.len() >= 3 + MIN_STEM {
        strip(&mut w, "que");
    }
    for ending in ENDINGS {
        if ends(&w, ending) && w.len() >= ending.chars().count() + MIN_STEM {
            strip(&mut w, ending);
            break;
        }
    }
    w.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn a_nouns_cases_share_its_stem() {
        for word in [
            "provincia",
            "provinciae",
            "provinciam",
            "provinciis",
            "prouincia",
        ] {
            assert_eq!(stem(word), "prouinci", "{word}");
        }
        for word in ["gallia", "galliae", "galliam"] {
            assert_eq!(stem(word), "galli", "{word}");
        }
        for word in ["galli", "gallos", "gallis"] {
            assert_eq!(stem(word), "gall", "{word}");
        }
        assert_eq!(stem("bellum"), stem("bello"));
        for word in ["iulius", "julii", "iulio", "iulium"] {
            assert_eq!(stem(word), "iuli", "{word}");
        }
        assert_eq!(stem("caesaris"), "caesar");
        // The genitive plural, which the published endings lack.
        assert_eq!(stem("gallorum"), "gall");
        assert_eq!(stem("romanorum"), stem("romani"));
        assert_eq!(stem("provinciarum"), "prouinci");
        // Two letters stay: `forum` loses only its `um`.
        assert_eq!(stem("forum"), "for");
    }

    #[test]
    fn the_enclitic_que_is_taken_off_but_from_words_ending_so() {
        assert_eq!(stem("senatusque"), stem("senatus"));
        assert_eq!(stem("atque"), "atque");
        assert_eq!(stem("usque"), "usque");
        // Two letters stay: `es` (you are) is no ending alone.
        assert_eq!(stem("es"), "es");
        assert_eq!(stem("rem"), "rem");
        // Nor is `que` alone, nor after one letter.
        assert_eq!(stem("que"), "qu");
        assert_eq!(stem("aque"), "aqu");
    }

    proptest::proptest! {
        #[test]
        fn a_stem_is_never_empty_nor_longer_than_its_word(word in "\\PC{1,12}") {
            let word = word.to_lowercase();
            let stemmed = stem(&word);
            proptest::prop_assert!(!stemmed.is_empty());
            proptest::prop_assert!(stemmed.chars().count() <= word.chars().count());
        }
    }
}
