//! The language of an article: taken from the article when it says (`lang` in JSON Lines,
//! front matter, `<html lang>`), else detected from its text with whatlang; and what that
//! language means for analysis (its Snowball stemmer, where Snowball has one, or a light
//! stemmer of our own where it has none).
//!
//! Languages are named by their ISO 639-1 code (`en`, `de`, `ja`) where there is one.

use snowball_stemmers_rs::Algorithm;

mod detect;

pub use detect::detect;
pub(crate) use detect::DETECT_BYTES;

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

/// Every language annals knows by name: its code, whatlang's language, and its stemmer.
/// Languages without a stemmer are still detected, shown and filtered on; their words are
/// indexed as written (CJK as bigrams).
const LANGUAGES: &[(&str, whatlang::Lang, Option<Stemmer>)] = {
    use whatlang::Lang::*;
    use Stemmer::Snowball;
    &[
        ("en", Eng, Some(Snowball(Algorithm::English))),
        ("de", Deu, Some(Snowball(Algorithm::German))),
        ("fr", Fra, Some(Snowball(Algorithm::French))),
        ("es", Spa, Some(Snowball(Algorithm::Spanish))),
        ("it", Ita, Some(Snowball(Algorithm::Italian))),
        ("pt", Por, Some(Snowball(Algorithm::Portuguese))),
        ("nl", Nld, Some(Snowball(Algorithm::DutchPorter))),
        ("sv", Swe, Some(Snowball(Algorithm::Swedish))),
        ("da", Dan, Some(Snowball(Algorithm::Danish))),
        ("nb", Nob, Some(Snowball(Algorithm::Norwegian))),
        ("fi", Fin, Some(Snowball(Algorithm::Finnish))),
        ("hu", Hun, Some(Snowball(Algorithm::Hungarian))),
        ("ro", Ron, Some(Snowball(Algorithm::Romanian))),
        ("ru", Rus, Some(Snowball(Algorithm::Russian))),
        ("tr", Tur, Some(Snowball(Algorithm::Turkish))),
        ("el", Ell, Some(Snowball(Algorithm::Greek))),
        ("ar", Ara, Some(Snowball(Algorithm::Arabic))),
        ("ta", Tam, Some(Snowball(Algorithm::Tamil))),
        ("ja", Jpn, None),
        ("zh", Cmn, None),
        ("ko", Kor, None),
        ("uk", Ukr, Some(Snowball(Algorithm::Ukrainian))),
        ("pl", Pol, Some(Snowball(Algorithm::Polish))),
        ("cs", Ces, Some(Snowball(Algorithm::Czech))),
        ("he", Heb, None),
        ("hi", Hin, Some(Snowball(Algorithm::Hindi))),
        ("th", Tha, None),
        ("vi", Vie, None),
        ("id", Ind, Some(Snowball(Algorithm::Indonesian))),
        ("ca", Cat, Some(Snowball(Algorithm::Catalan))),
        // Slovak's cases end as Czech's do (`vojska`, `vojsku`, `vojskám`), and the detector
        // tells the two apart on little text: both are stemmed by the Czech stemmer.
        ("sk", Slk, Some(Snowball(Algorithm::Czech))),
        ("sl", Slv, None),
        // Croatian is Serbian's other standard (`bitka`, `bitke`, `bitci`); Snowball's
        // Serbian stemmer reads both scripts, and the detector confuses the two.
        ("hr", Hrv, Some(Snowball(Algorithm::Serbian))),
        ("sr", Srp, Some(Snowball(Algorithm::Serbian))),
        ("bg", Bul, Some(Stemmer::Bulgarian)),
        ("mk", Mkd, None),
        ("be", Bel, None),
        ("lt", Lit, Some(Snowball(Algorithm::Lithuanian))),
        ("lv", Lav, Some(Stemmer::Latvian)),
        ("et", Est, Some(Snowball(Algorithm::Estonian))),
        ("la", Lat, None),
        ("eo", Epo, Some(Snowball(Algorithm::Esperanto))),
        ("af", Afr, None),
        ("cy", Cym, None),
        ("tl", Tgl, None),
        ("jv", Jav, None),
        ("az", Aze, None),
        ("uz", Uzb, None),
        ("tk", Tuk, None),
        ("ak", Aka, None),
        ("zu", Zul, None),
        ("sn", Sna, None),
        ("yi", Yid, Some(Snowball(Algorithm::Yiddish))),
        ("fa", Pes, Some(Snowball(Algorithm::Persian))),
        ("ur", Urd, None),
        ("bn", Ben, None),
        ("mr", Mar, None),
        ("gu", Guj, None),
        ("pa", Pan, None),
        ("te", Tel, None),
        ("kn", Kan, None),
        ("ml", Mal, None),
        ("or", Ori, None),
        ("ne", Nep, Some(Snowball(Algorithm::Nepali))),
        ("si", Sin, None),
        ("my", Mya, None),
        ("km", Khm, None),
        ("ka", Kat, None),
        ("hy", Hye, Some(Snowball(Algorithm::Armenian))),
        ("am", Amh, None),
    ]
};

/// The code of a language as an article or a user names it: `de`, `DE`, `de-AT`, `deu`,
/// `German`, `Deutsch`. `None` for a language annals does not know.
pub fn normalize(name: &str) -> Option<&'static str> {
    let name = name.trim();
    let primary = name.split(['-', '_']).next().unwrap_or(name).to_lowercase();
    LANGUAGES.iter().find_map(|(code, lang, _)| {
        let matches = primary == *code
            || primary == lang.code()
            || name.eq_ignore_ascii_case(lang.eng_name())
            || name.to_lowercase() == lang.name().to_lowercase()
            || (primary == "no" && *code == "nb");
        matches.then_some(*code)
    })
}

/// The stemmer of the language `code`, if there is one.
pub(crate) fn stemmer(code: &str) -> Option<Stemmer> {
    LANGUAGES
        .iter()
        .find(|(c, ..)| *c == code)
        .and_then(|(_, _, stemmer)| *stemmer)
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
            which in 0..LANGUAGES.len(),
        ) {
            use tantivy::tokenizer::TokenStream;
            let code = LANGUAGES[which].0;
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
