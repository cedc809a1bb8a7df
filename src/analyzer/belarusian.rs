//! Belarusian's light stemmer, which Snowball lacks, made as Savoy's light Russian stemmer
//! (Lucene's) is, with Belarusian's endings: it takes off one ending of case and number of
//! a noun or an adjective, the longest that leaves a stem of three letters or more, and
//! nothing of a verb. `вайна`, `вайны`, `вайной` and `вайнамі` share `вайн`; `гісторыя`,
//! `гісторыі` and `гісторыяй`, `гістор`; `беларускі`, `беларускага` and `беларускімі`,
//! `беларуск`. A vowel that changes with the stress (`горад`, `гарады`) is not mended.

use super::suffix::without_first;

/// The endings, a longer one before any it ends with: those of nouns in `-ыя` and `-ія`
/// (`гісторыя`, `Азія`), of adjectives, then of other nouns.
#[rustfmt::skip]
const ENDINGS: &[&str] = &[
    "ыямі", "іямі", "ыяй", "іяй", "ыям", "іям", "ыях", "іях", "ыяў", "іяў",
    "ыя", "ія", "ыі", "іі", "ыю", "ію",
    "ага", "яга", "аму", "яму", "ымі", "імі", "ых", "іх", "ым", "ім",
    "ая", "яя", "ай", "яй", "ую", "юю", "ае", "яе",
    "амі", "ямі", "ах", "ях", "аў", "яў", "оў", "ёў", "ам", "ям", "ом", "ем", "ём",
    "ою", "ёю", "ой", "ёй", "ы", "і", "а", "я", "у", "ю", "е", "о", "ь",
];

/// The stem of `word`, lower case.
pub(super) fn stem(word: &str) -> String {
    let w: Vec<char> = word.chars().collect();
    without_first(&w, ENDINGS, 3).unwrap_or_else(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::suffix::{assert_forms_share_a_stem, assert_longer_first};
    use super::{stem, ENDINGS};

    #[test]
    fn a_words_cases_share_its_stem() {
        assert_forms_share_a_stem(
            stem,
            &[
                &[
                    "вайна",
                    "вайны",
                    "вайне",
                    "вайну",
                    "вайной",
                    "вайнамі",
                    "вайнах",
                ][..],
                &["гісторыя", "гісторыі", "гісторыю", "гісторыяй", "гісторыях"],
                &["князь", "князя", "князю", "князем", "князі", "князёў"],
                &["мінск", "мінска", "мінску", "мінскам"],
                &[
                    "беларускі",
                    "беларускага",
                    "беларускаму",
                    "беларускім",
                    "беларуская",
                    "беларускай",
                    "беларускую",
                    "беларускае",
                    "беларускія",
                    "беларускіх",
                    "беларускімі",
                ],
            ],
        );
    }

    #[test]
    fn a_stem_keeps_three_letters() {
        for (word, stemmed) in [("і", "і"), ("на", "на"), ("для", "для"), ("сваю", "сва")]
        {
            assert_eq!(stem(word), stemmed, "{word}");
        }
        assert_ne!(stem("вайна"), stem("вайсковы"));
    }

    #[test]
    fn a_longer_ending_comes_before_any_it_ends_with() {
        assert_longer_first(ENDINGS);
    }
}
