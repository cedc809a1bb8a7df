//! Slovene's light stemmer, which Snowball lacks, made as Savoy's light stemmers for other
//! Slavic languages are (Lucene's Czech and Bulgarian ones): it takes off one ending of case
//! and number of a noun or an adjective, the longest that leaves a stem of three letters or
//! more, and nothing of a verb. A masculine noun's plural grows `-ov-` or `-ev-` before its
//! ending (`gradovi`, `kraljev`), taken off with it where four letters stay. `vojna`,
//! `vojne`, `vojnah` and `vojnami` share `vojn`; `grad`, `gradu`, `gradov` and `gradovih`,
//! `grad`; `slovenski`, `slovenskega` and `slovenskimi`, `slovensk`.

use super::suffix::without_first;

/// A plural's `-ov-` or `-ev-` with its ending: taken off only where four letters stay, so
/// that a name ending so (`Kijev`) keeps it.
const GROWN_PLURALS: &[&str] = &["ovih", "evih", "ovi", "evi", "ove", "eve", "ov", "ev"];

/// The endings of nouns and adjectives, a longer one before any it ends with.
const ENDINGS: &[&str] = &[
    "ega", "emu", "ima", "imi", "ama", "ami", "oma", "ema", "ih", "im", "em", "ah", "om", "a", "e",
    "i", "o", "u",
];

/// The stem of `word`, lower case.
pub(super) fn stem(word: &str) -> String {
    let w: Vec<char> = word.chars().collect();
    without_first(&w, GROWN_PLURALS, 4)
        .or_else(|| without_first(&w, ENDINGS, 3))
        .unwrap_or_else(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::suffix::{assert_forms_share_a_stem, assert_longer_first};
    use super::{stem, ENDINGS, GROWN_PLURALS};

    #[test]
    fn a_longer_ending_comes_before_any_it_ends_with() {
        assert_longer_first(GROWN_PLURALS);
        assert_longer_first(ENDINGS);
    }

    #[test]
    fn a_words_cases_share_its_stem() {
        assert_forms_share_a_stem(
            stem,
            &[
                &[
                    "vojna", "vojne", "vojni", "vojno", "vojnah", "vojnami", "vojnama",
                ][..],
                &[
                    "grad", "gradu", "grada", "gradom", "gradov", "gradovi", "gradovih", "gradove",
                ],
                &[
                    "kralj", "kralja", "kralju", "kraljem", "kralji", "kraljev", "kraljih",
                ],
                &["mesto", "mesta", "mestu", "mestom", "mestih", "mestoma"],
                &[
                    "država",
                    "države",
                    "državi",
                    "državo",
                    "državah",
                    "državami",
                ],
                &[
                    "vojak", "vojaka", "vojaki", "vojakov", "vojakih", "vojakom", "vojaku",
                ],
                &[
                    "slovenski",
                    "slovenskega",
                    "slovenskemu",
                    "slovenskem",
                    "slovenskim",
                    "slovenske",
                    "slovenskih",
                    "slovenska",
                    "slovenskimi",
                ],
            ],
        );
    }

    #[test]
    fn a_stem_keeps_three_letters_and_a_name_its_own() {
        for (word, stemmed) in [
            ("in", "in"),
            ("pri", "pri"),
            ("leta", "let"),
            ("trg", "trg"),
            ("trgu", "trg"),
            // A name ending as a grown plural keeps it where three letters would stay.
            ("kijev", "kijev"),
            ("kijeva", "kijev"),
        ] {
            assert_eq!(stem(word), stemmed, "{word}");
        }
        assert_ne!(stem("vojna"), stem("vojak"));
    }
}
