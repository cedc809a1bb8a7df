//! The language of an article: taken from the article when it says (`lang` in JSON Lines,
//! front matter, `<html lang>`), else detected from its text with whatlang; and what that
//! language means for analysis (its Snowball stemmer, where Snowball has one, or a light
//! stemmer of our own where it has none).
//!
//! Languages are named by their ISO 639-1 code (`en`, `de`, `ja`) where there is one.

use snowball_stemmers_rs::Algorithm;

mod detect;
mod known;

pub use detect::detect;
pub(crate) use detect::DETECT_BYTES;
use known::{LANGUAGES, NAMED_ONLY, OTHER_CODES};

/// The language assumed when the text is too short or too mixed to tell: most collections
/// are mostly English, and English analysis of a few stray words harms least.
pub const DEFAULT: &str = "en";

/// How a language's words are stemmed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stemmer {
    /// By one of Snowball's stemmers.
    Snowball(Algorithm),
    /// By Savoy's light Bulgarian stemmer, as Lucene's Bulgarian analyzer stems: Snowball
    /// has none ([`crate::analyzer`]'s `bulgarian`).
    Bulgarian,
    /// By the light Latvian stemmer Lucene's Latvian analyzer uses: Snowball has none
    /// ([`crate::analyzer`]'s `latvian`).
    Latvian,
    /// By the light Bengali stemmer Lucene's Bengali analyzer uses: Snowball has none
    /// ([`crate::analyzer`]'s `bengali`).
    Bengali,
    /// By Schinke's Latin stemmer, its noun stem: Snowball has none ([`crate::analyzer`]'s
    /// `latin`).
    Latin,
    /// By a light stemmer of Slovene's case endings: Snowball has none ([`crate::analyzer`]'s
    /// `slovene`).
    Slovene,
    /// By the light Bulgarian stemmer with Macedonian's articles and plurals: Snowball has
    /// none ([`crate::analyzer`]'s `macedonian`).
    Macedonian,
    /// By a light stemmer of Belarusian's case endings: Snowball has none
    /// ([`crate::analyzer`]'s `belarusian`).
    Belarusian,
    /// By a light stemmer of Galician's plurals and final vowels: Snowball has none
    /// ([`crate::analyzer`]'s `galician`).
    Galician,
}

/// English's stemmer.
pub(crate) const ENGLISH: Stemmer = Stemmer::Snowball(Algorithm::English);

/// Starts a language mark at the head of a text given to the analyzer: the mark's
/// characters (from the Private Use Area, which no text uses for words) name the language
/// whose stemmer analyses the rest, and are not themselves indexed. Only the catch-all field
/// of non-English articles carries one; see [`mark`].
pub(crate) const MARK_START: char = '\u{E000}';
/// Ends a language mark.
pub(crate) const MARK_END: char = '\u{E001}';

/// The code of a language as an article or a user names it: `de`, `DE`, `de-AT`, `deu`,
/// `ger`, `German`, `Deutsch`. `None` for a language annals does not know.
pub fn normalize(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let primary = name.split(['-', '_']).next().unwrap_or(name).to_lowercase();
    let lower = name.to_lowercase();
    let detected = LANGUAGES.iter().find_map(|(code, lang, _)| {
        let matches = primary == *code
            || primary == lang.code()
            || name.eq_ignore_ascii_case(lang.eng_name())
            || lower == lang.name().to_lowercase();
        matches.then_some(*code)
    });
    let named = || {
        NAMED_ONLY.iter().find_map(|(code, english, own, _)| {
            let matches = primary == *code
                || name.eq_ignore_ascii_case(english)
                || lower == own.to_lowercase();
            matches.then_some(*code)
        })
    };
    let other = || {
        (OTHER_CODES.iter())
            .find(|(other, _)| primary == *other)
            .map(|(_, code)| *code)
    };
    detected.or_else(named).or_else(other)
}

/// The stemmer of the language `code`, if there is one.
pub(crate) fn stemmer(code: &str) -> Option<Stemmer> {
    let detected = LANGUAGES.iter().find(|(c, ..)| *c == code);
    match detected {
        Some((_, _, stemmer)) => *stemmer,
        None => (NAMED_ONLY.iter())
            .find(|(c, ..)| *c == code)
            .and_then(|(.., stemmer)| *stemmer),
    }
}

/// How a language that writes a compound as one word (German `Weltkrieg`, Dutch
/// `wereldoorlog`, Swedish `världskrig`) joins its parts and ends its words.
pub(crate) struct Compounding {
    /// What may stand between the word in front and the word the compound ends with
    /// (German `Friedens|vertrag`, `Bürger|krieg`), the empty joint first.
    pub joints: &'static [&'static str],
    /// What may follow a stem at the end of a word (`Weltkrieg|en`, Swedish
    /// `världskrig|et`): the joints, and the language's commonest endings besides.
    pub endings: &'static [&'static str],
}

/// How the language `code` writes compounds: `None` for a language that writes them
/// apart, as English does.
pub(crate) fn compounding(code: &str) -> Option<Compounding> {
    let (joints, endings): (&[&str], &[&str]) = match code {
        "de" => (
            &["", "s", "es", "n", "en", "er", "e", "ens"],
            &["", "s", "es", "n", "en", "er", "e", "ens", "ern"],
        ),
        "nl" => (&["", "s", "en", "e"], &["", "s", "en", "e"]),
        "sv" => (
            &["", "s", "a", "u", "o", "e"],
            &[
                "", "s", "a", "e", "en", "et", "ar", "er", "na", "ens", "ets",
            ],
        ),
        "da" | "nb" => (
            &["", "s", "e"],
            &["", "s", "e", "en", "et", "er", "ene", "ens", "ets"],
        ),
        _ => return None,
    };
    Some(Compounding { joints, endings })
}

/// The mark that makes the analyzer read a text as language `code` (empty for English,
/// which is what unmarked text is read as).
pub(crate) fn mark(code: &str) -> String {
    if code == DEFAULT {
        return String::new();
    }
    format!("{MARK_START}{code}{MARK_END}")
}

/// The language a text's mark names, and the text after it; `None` if it has no mark.
pub(crate) fn read_mark(text: &str) -> Option<(&str, usize)> {
    let rest = text.strip_prefix(MARK_START)?;
    let end = rest.find(MARK_END)?;
    Some((
        &rest[..end],
        MARK_START.len_utf8() + end + MARK_END.len_utf8(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_languages_normalize_to_codes() {
        assert_eq!(normalize("de"), Some("de"));
        assert_eq!(normalize("de-AT"), Some("de"));
        assert_eq!(normalize("DEU"), Some("de"));
        assert_eq!(normalize("German"), Some("de"));
        assert_eq!(normalize("no"), Some("nb"));
        assert_eq!(normalize("klingon"), None);
        // A catalogue's codes, older codes, and languages the detector does not tell.
        assert_eq!(normalize("ger"), Some("de"));
        assert_eq!(normalize("fre"), Some("fr"));
        assert_eq!(normalize("chi"), Some("zh"));
        assert_eq!(normalize("per"), Some("fa"));
        assert_eq!(normalize("iw"), Some("he"));
        assert_eq!(normalize("eu-ES"), Some("eu"));
        assert_eq!(normalize("Basque"), Some("eu"));
        assert_eq!(normalize("Gaeilge"), Some("ga"));
        assert_eq!(normalize("íslenska"), Some("is"));
        assert_eq!(normalize("may"), Some("ms"));
        assert_eq!(stemmer("eu"), Some(Stemmer::Snowball(Algorithm::Basque)));
        assert_eq!(
            stemmer("ms"),
            Some(Stemmer::Snowball(Algorithm::Indonesian))
        );
        assert_eq!(stemmer("is"), None);
    }

    #[test]
    fn every_code_is_one_language_and_every_other_code_names_a_known_one() {
        let mut codes: Vec<&str> = (LANGUAGES.iter().map(|(code, ..)| *code))
            .chain(NAMED_ONLY.iter().map(|(code, ..)| *code))
            .collect();
        let all = codes.len();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all);
        for (other, code) in OTHER_CODES {
            assert!(codes.contains(code), "{other} → {code}");
            assert!(!codes.contains(other), "{other} is a code itself");
            assert!(
                LANGUAGES.iter().all(|(_, lang, _)| lang.code() != *other),
                "{other}"
            );
        }
    }

    #[test]
    fn every_language_the_detector_tells_has_a_code() {
        for lang in whatlang::Lang::all() {
            assert!(
                LANGUAGES.iter().any(|(_, known, _)| known == lang),
                "{lang:?}"
            );
        }
    }

    #[test]
    fn marks_round_trip() {
        let text = format!("{}Verträge", mark("de"));
        assert_eq!(read_mark(&text), Some(("de", mark("de").len())));
        assert_eq!(mark("en"), "");
        assert_eq!(read_mark("plain"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_in_any_language_is_analysed_without_a_panic(
            text in "\\PC{0,120}",
            which in 0..LANGUAGES.len() + NAMED_ONLY.len(),
        ) {
            use tantivy::tokenizer::TokenStream;
            let code = match LANGUAGES.get(which) {
                Some((code, ..)) => *code,
                None => NAMED_ONLY[which - LANGUAGES.len()].0,
            };
            let _ = detect(&text);
            let mut analyzer = crate::schema::text_analyzer();
            let marked = format!("{}{text}", mark(code));
            let mut stream = analyzer.token_stream(&marked);
            while let Some(token) = stream.next() {
                proptest::prop_assert!(token.offset_from >= mark(code).len());
                proptest::prop_assert!(token.offset_to <= marked.len());
                proptest::prop_assert!(!token.text.is_empty());
            }
        }
    }
}
