//! Bengali's light stemmer, which Snowball lacks: the one Lucene's Bengali analyzer uses
//! (after P. Sengupta and B. B. Chaudhuri's analysis of Bengali verb phrases, with Jacques
//! Savoy's light rules). It takes off one ending, the longest of its list that leaves
//! two letters or more: a noun's case and number (`যুদ্ধের`, of the war; `সরকারকে`, to
//! the government; `বইগুলো`, the books) or a verb's tense and person (`করিয়াছিলেন`), so
//! that `যুদ্ধ`, `যুদ্ধে` and `যুদ্ধের` share `যুদ্ধ`.

/// The endings, longer before shorter, written composed as the analyzer gives words (NFC,
/// in which `য়` is `য` and the nukta `়`).
const ENDINGS: &[&str] = &[
    "িয়াছিলাম",
    "িতেছিলাম",
    "িতেছিলেন",
    "ইতেছিলেন",
    "িয়াছিলেন",
    "ইয়াছিলেন",
    "িতেছিলি",
    "িতেছিলে",
    "িয়াছিলা",
    "িয়াছিলে",
    "িতেছিলা",
    "িয়াছিলি",
    "য়েদেরকে",
    "িতেছিস",
    "িতেছেন",
    "িয়াছিস",
    "িয়াছেন",
    "েছিলাম",
    "েছিলেন",
    "েদেরকে",
    "িতেছি",
    "িতেছা",
    "িতেছে",
    "ছিলাম",
    "ছিলেন",
    "িয়াছি",
    "িয়াছা",
    "িয়াছে",
    "েছিলে",
    "েছিলা",
    "য়েদের",
    "দেরকে",
    "িলাম",
    "িলেন",
    "িতাম",
    "িতেন",
    "িবেন",
    "ছিলি",
    "ছিলে",
    "ছিলা",
    "তেছে",
    "িতেছ",
    "খানা",
    "খানি",
    "গুলো",
    "গুলি",
    "য়েরা",
    "েদের",
    "লাম",
    "িলি",
    "ইলি",
    "িলে",
    "ইলে",
    "লেন",
    "িলা",
    "ইলা",
    "তাম",
    "িতি",
    "ইতি",
    "িতে",
    "ইতে",
    "তেন",
    "িতা",
    "িবা",
    "ইবা",
    "িবি",
    "ইবি",
    "বেন",
    "িবে",
    "ইবে",
    "ছেন",
    "য়োন",
    "য়ের",
    "েরা",
    "দের",
    "িস",
    "েন",
    "লি",
    "লে",
    "লা",
    "তি",
    "তে",
    "তা",
    "বি",
    "বে",
    "বা",
    "ছি",
    "ছা",
    "ছে",
    "ুন",
    "ুক",
    "টা",
    "টি",
    "নি",
    "ের",
    "রা",
    "কে",
    "ি",
    "ী",
    "া",
    "ো",
    "ে",
    "ব",
    "ত",
];

/// The stem of `word`, lower case and composed.
pub(super) fn stem(word: &str) -> String {
    let len = word.chars().count();
    for end in ENDINGS {
        if len > end.chars().count() + 1 {
            if let Some(stem) = word.strip_suffix(end) {
                return stem.to_string();
            }
        }
    }
    word.to_string()
}

#[cfg(test)]
mod tests {
    use super::stem;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn a_words_forms_share_its_stem() {
        for forms in [
            // The word, `in`, `of`.
            &["যুদ্ধ", "যুদ্ধে", "যুদ্ধের"][..],
            // The word, `of`, `to`.
            &["সরকার", "সরকারের", "সরকারকে"],
            &["বাংলাদেশ", "বাংলাদেশের", "বাংলাদেশে"],
        ] {
            let stems: Vec<String> = forms
                .iter()
                .map(|f| stem(&f.nfc().collect::<String>()))
                .collect();
            assert!(stems.iter().all(|s| *s == stems[0]), "{forms:?}: {stems:?}");
        }
    }

    #[test]
    fn short_words_keep_their_endings_and_the_table_is_composed() {
        for word in ["কে", "বা", "তা"] {
            assert_eq!(stem(word), word);
        }
        for end in super::ENDINGS {
            assert_eq!(end.nfc().collect::<String>(), *end, "{end}");
        }
        // Written with the precomposed `য়`, a word is composed before it is stemmed, and
        // loses an ending that holds it (`-য়ের`).
        let precomposed = "\u{9AC}\u{9BE}\u{9DF}\u{9C7}\u{9B0}";
        assert_eq!(stem(&precomposed.nfc().collect::<String>()), "বা");
    }
}
