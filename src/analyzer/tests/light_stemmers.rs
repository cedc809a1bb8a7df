//! The light stemmers of our own, on any word of their languages' letters.

use proptest::prelude::*;

use super::super::{belarusian, galician, macedonian, slovene};

/// A stemmer: a word (lower case) to its stem.
type Stem = fn(&str) -> String;

/// Each stemmer with the letters its language writes (lower case).
const STEMMERS: [(Stem, &str); 4] = [
    (slovene::stem, "[abcčdefghijklmnoprsštuvzž]{1,14}"),
    (macedonian::stem, "[абвгдѓежзѕијклљмнњопрстќуфхцчџш]{1,14}"),
    (belarusian::stem, "[абвгдеёжзійклмнопрстуўфхцчшыьэюя]{1,14}"),
    (galician::stem, "[abcdefghilmnopqrstuvxzáéíóúñ]{1,14}"),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// A stem is never empty, never longer than its word, and the same word stems the same.
    #[test]
    fn a_stem_is_never_empty_nor_longer_than_its_word(
        (which, word) in (0..STEMMERS.len()).prop_flat_map(|i| (Just(i), STEMMERS[i].1)),
    ) {
        let stem = STEMMERS[which].0;
        let stemmed = stem(&word);
        prop_assert!(!stemmed.is_empty(), "{word}");
        prop_assert!(stemmed.chars().count() <= word.chars().count(), "{word} → {stemmed}");
        prop_assert_eq!(stem(&word), stemmed);
    }
}
