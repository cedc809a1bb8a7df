//! Telling an article's language from its text, when the article does not say.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{DEFAULT, LANGUAGES};

/// Fewest letters worth detecting from: below this whatlang guesses.
const MIN_DETECT_CHARS: usize = 40;

/// Fewest letters of Latin-script text that is not plainly English for detection to be
/// trusted.
const MIN_LATIN_CHARS: usize = 150;

/// Most characters of an article looked at to detect its language: a few sentences tell
/// a trigram model the language; more only costs time.
const MAX_DETECT_CHARS: usize = 600;

/// About how much of an article to hand to [`detect`], in bytes.
pub(crate) const DETECT_BYTES: usize = 4 * MAX_DETECT_CHARS;

/// The language of `text` (an article's title and text): its code, or [`DEFAULT`] when the
/// text is short, the detector unsure, or the language one annals does not know.
pub fn detect(text: &str) -> &'static str {
    let end = text
        .char_indices()
        .nth(MAX_DETECT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_DETECT_CHARS {
        // Short CJK text is still unmistakable by its script.
        return by_script(sample).unwrap_or(DEFAULT);
    }
    // Text in Latin letters is English while English's commonest words are common in it:
    // a trigram model misreads terse English (abstracts, titles, capitals) as Latin,
    // Italian or Dutch, and English analysis is what such text needs.
    let latin = is_latin(sample);
    if latin && is_english_by_its_commonest_words(sample) {
        return DEFAULT;
    }
    let Some(info) = whatlang::detect(sample) else {
        return DEFAULT;
    };
    let known = LANGUAGES.iter().find(|(_, lang, _)| *lang == info.lang());
    // Among Latin-script languages, trigrams need a few sentences to tell them apart: a
    // short title of English technical terms reads as French as easily as English. Short
    // text is taken for another language only when that language's own commonest words
    // say so too (`Der Vertrag wurde … und …`), as English's do for English.
    if latin && sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LATIN_CHARS {
        return match known {
            Some((code, ..)) if has_function_words(sample, code) => code,
            _ => DEFAULT,
        };
    }
    match known {
        // Japanese written mostly in kanji reads as Chinese to a trigram model; kana decide.
        Some(("zh", ..)) if has_kana(sample) => "ja",
        Some((code, ..)) if info.is_reliable() || info.confidence() > 0.5 => code,
        _ => by_script(sample).unwrap_or(DEFAULT),
    }
}

/// Share of the words of English text that are among its commonest ones (`the`, `of`,
/// `and`, … : the analyzer's stop words) above which Latin-script text is taken for
/// English. Running English prose has 25–40% of them, terse abstracts in capitals still
/// over 15%; German, French, Spanish or Italian text has under 6% (their `in`, `a`, `no`).
const ENGLISH_SHARE: f32 = 0.10;

/// The commonest words (articles, conjunctions, prepositions, forms of "to be") of the
/// Latin-script languages annals detects: a short text in which they are common is in that
/// language.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "de",
        &[
            "der", "die", "das", "den", "dem", "des", "und", "von", "zu", "mit", "ist", "im",
            "ein", "eine", "wurde", "auf", "für", "nicht", "sich", "war", "zwischen",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "en", "dans", "pour",
            "par", "sur", "au", "aux", "qui", "que", "fut", "était", "avec", "entre",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "y", "en", "un", "una", "que", "por", "con",
            "para", "es", "fue", "se", "al", "su", "entre",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "le", "gli", "di", "del", "della", "e", "è", "un", "una", "che",
            "per", "con", "nel", "nella", "fu", "da", "al", "tra",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "e", "em", "um", "uma", "que",
            "para", "com", "foi", "no", "na", "por", "ao", "entre",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "in", "is", "op", "te", "dat", "met", "voor", "werd",
            "zijn", "door", "niet", "tussen",
        ],
    ),
    (
        "sv",
        &[
            "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
            "var", "ett", "om", "mellan",
        ],
    ),
    (
        "da",
        &[
            "og", "i", "at", "det", "som", "en", "på", "er", "af", "for", "med", "til", "den",
            "var", "et", "de", "mellem",
        ],
    ),
    (
        "nb",
        &[
            "og", "i", "å", "det", "som", "en", "på", "er", "av", "for", "med", "til", "den",
            "var", "et", "de", "mellom",
        ],
    ),
    (
        "fi",
        &[
            "ja", "on", "oli", "että", "se", "joka", "ei", "myös", "kun", "mutta", "vuonna",
        ],
    ),
    (
        "hu",
        &[
            "a", "az", "és", "hogy", "egy", "nem", "is", "volt", "van", "meg", "között",
        ],
    ),
    (
        "ro",
        &[
            "și", "în", "de", "la", "a", "cu", "pe", "un", "o", "care", "este", "fost", "din",
            "între",
        ],
    ),
    (
        "tr",
        &[
            "ve",
            "bir",
            "bu",
            "da",
            "de",
            "ile",
            "için",
            "olarak",
            "olan",
            "arasında",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "na", "z", "się", "do", "że", "nie", "jest", "został", "między",
        ],
    ),
    (
        "cs",
        &[
            "a", "v", "na", "se", "je", "z", "že", "do", "to", "ve", "byl", "mezi",
        ],
    ),
];

/// Fewest of a language's [`FUNCTION_WORDS`] a short text must have, and the share of its
/// words they must make, to be taken for that language. Running prose in these languages
/// has 30–45% of them; English text has next to none of another language's but `a`, `in`
/// or `de` in a name.
const MIN_FUNCTION_WORDS: usize = 2;
const FUNCTION_SHARE: f32 = 0.15;

/// Whether `text` has enough of language `code`'s [`FUNCTION_WORDS`] to be in it.
fn has_function_words(text: &str, code: &str) -> bool {
    let Some((_, common)) = FUNCTION_WORDS.iter().find(|(c, _)| *c == code) else {
        return false;
    };
    let (found, words) = common_words(text, |word| common.contains(&word));
    found >= MIN_FUNCTION_WORDS && found as f32 >= FUNCTION_SHARE * words as f32
}

/// Whether English's commonest words make at least [`ENGLISH_SHARE`] of the words of
/// `text`, and more of them than any other language's [`FUNCTION_WORDS`] do. Some of
/// English's are another language's too: Portuguese prose has 10–11% of them (`a`, `as`,
/// `no`), and its own make 35–45% of it.
fn is_english_by_its_commonest_words(text: &str) -> bool {
    let languages = languages_of_function_words();
    let mut found = [0usize; FUNCTION_WORDS.len()];
    let (english, words) = common_words(text, |word| {
        if let Some(&mask) = languages.get(word) {
            for (i, count) in found.iter_mut().enumerate() {
                *count += usize::from(mask & (1 << i) != 0);
            }
        }
        crate::analyzer::is_stop_word(word)
    });
    words > 0
        && english as f32 >= ENGLISH_SHARE * words as f32
        && found.iter().all(|&count| count <= english)
}

/// Each of [`FUNCTION_WORDS`], with the languages whose it is (bit `i` for the `i`th).
fn languages_of_function_words() -> &'static HashMap<&'static str, u32> {
    static LANGUAGES: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    LANGUAGES.get_or_init(|| {
        let mut languages: HashMap<&str, u32> = HashMap::new();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in *words {
                *languages.entry(word).or_default() |= 1 << i;
            }
        }
        languages
    })
}

/// Whether most letters of `text` are Latin ones.
fn is_latin(text: &str) -> bool {
    let (mut latin, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if c.is_ascii_alphabetic() || matches!(c, '\u{c0}'..='\u{24f}') {
            latin += 1;
        } else {
            other += 1;
        }
    }
    latin > other
}

/// Longest word, in bytes, that can be one of a language's commonest words.
const MAX_COMMON_WORD_BYTES: usize = 16;

/// How many of the words of `text`, lower-cased, `is_common` accepts, and how many words
/// there are. Common words are short: those are lower-cased without allocating when ASCII.
fn common_words(text: &str, mut is_common: impl FnMut(&str) -> bool) -> (usize, usize) {
    let (mut common, mut words) = (0usize, 0usize);
    for word in text
        .split(|c: char| !crate::analyzer::is_word_char(c))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if word.len() > MAX_COMMON_WORD_BYTES {
            continue;
        }
        let found = if word.is_ascii() {
            let mut lower = [0u8; MAX_COMMON_WORD_BYTES];
            lower[..word.len()].copy_from_slice(word.as_bytes());
            lower[..word.len()].make_ascii_lowercase();
            is_common(std::str::from_utf8(&lower[..word.len()]).unwrap_or_default())
        } else {
            is_common(&word.to_lowercase())
        };
        common += usize::from(found);
    }
    (common, words)
}

/// Scripts that one language of those annals knows writes nearly alone, by their Unicode
/// block. (Latin, Cyrillic, Arabic and Devanagari letters are shared by many languages.)
const SCRIPTS: &[(char, char, &str)] = &[
    ('\u{0370}', '\u{03ff}', "el"),
    ('\u{1f00}', '\u{1fff}', "el"),
    ('\u{0590}', '\u{05ff}', "he"),
    ('\u{0530}', '\u{058f}', "hy"),
    ('\u{0980}', '\u{09ff}', "bn"),
    ('\u{0a00}', '\u{0a7f}', "pa"),
    ('\u{0a80}', '\u{0aff}', "gu"),
    ('\u{0b00}', '\u{0b7f}', "or"),
    ('\u{0b80}', '\u{0bff}', "ta"),
    ('\u{0c00}', '\u{0c7f}', "te"),
    ('\u{0c80}', '\u{0cff}', "kn"),
    ('\u{0d00}', '\u{0d7f}', "ml"),
    ('\u{0d80}', '\u{0dff}', "si"),
    ('\u{0e00}', '\u{0e7f}', "th"),
    ('\u{1000}', '\u{109f}', "my"),
    ('\u{10a0}', '\u{10ff}', "ka"),
    ('\u{1200}', '\u{137f}', "am"),
    ('\u{1780}', '\u{17ff}', "km"),
];

/// A language told by its script alone: kana → Japanese, hangul → Korean, Han alone →
/// Chinese, and the [`SCRIPTS`] of one language each, where most of the letters are theirs.
fn by_script(text: &str) -> Option<&'static str> {
    if has_kana(text) {
        return Some("ja");
    }
    if text.chars().any(|c| matches!(c, '\u{ac00}'..='\u{d7af}')) {
        return Some("ko");
    }
    if text.chars().any(|c| matches!(c, '\u{4e00}'..='\u{9fff}')) {
        return Some("zh");
    }
    let script = |c: char| {
        SCRIPTS
            .iter()
            .find(|(from, to, _)| (*from..=*to).contains(&c))
            .map(|(.., code)| *code)
    };
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let first = text.chars().find_map(script)?;
    let own = text.chars().filter(|&c| script(c) == Some(first)).count();
    (own * 2 > letters).then_some(first)
}

fn has_kana(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3040}'..='\u{30ff}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_languages_of_history_articles() {
        let cases = [
            ("en", "The treaty was signed at Rapallo in 1922, and both nations sought to improve relations with each other."),
            ("de", "Die Verträge wurden in Genua verhandelt, und beide Staaten nahmen diplomatische Beziehungen zueinander auf."),
            ("fr", "Le traité fut signé à Rapallo en 1922, et les deux pays cherchèrent à améliorer leurs relations diplomatiques."),
            ("ru", "Договор был подписан в Пекине в 1925 году, и обе страны установили дипломатические отношения."),
            ("ja", "日ソ基本条約は、一九二五年に北京で調印され、日本とソ連は国交を樹立した。"),
            ("zh", "中苏解决悬案大纲协定于一九二四年在北京签订，两国建立了外交关系。"),
            // Languages without a stemmer are told all the same, not taken for English.
            ("fa", "معاهده ترکمنچای در سال ۱۸۲۸ میان ایران و روسیه امضا شد و ایران بخش‌هایی از قفقاز را از دست داد."),
            ("bg", "Берлинският договор е подписан на 13 юли 1878 година от великите сили и България е разделена."),
            ("id", "Perjanjian Linggarjati adalah perundingan antara Indonesia dan Belanda yang menghasilkan persetujuan mengenai status kemerdekaan Indonesia."),
            ("vi", "Hiệp định Genève năm 1954 chấm dứt chiến tranh Đông Dương và chia Việt Nam thành hai miền ở vĩ tuyến 17."),
            ("pt", "A Guerra do Paraguai foi o maior conflito armado ocorrido na América do Sul no século XIX. Foi travada entre o Paraguai e a Tríplice Aliança, composta pelo Brasil, Argentina e Uruguai."),
        ];
        // Two sentences: an article's lead is at least that.
        for (code, text) in cases {
            let lead = format!("{text} {text}");
            assert_eq!(detect(&lead), code, "{lead}");
        }
    }

    #[test]
    fn a_short_article_in_another_language_is_told_by_its_commonest_words() {
        let cases = [
            ("de", "Der Vertrag von Rapallo. Der Vertrag wurde am 16. April 1922 zwischen dem Deutschen Reich und Sowjetrussland geschlossen."),
            ("fr", "Le traité de Rapallo. Le traité fut signé le 16 avril 1922 entre les deux pays."),
            ("es", "El tratado de Rapallo fue firmado en 1922 por Alemania y la Rusia soviética."),
            ("it", "Il trattato di Rapallo fu firmato nel 1922 tra la Germania e la Russia."),
            // A tenth of its words are English's too (`as`, `a`, `no`).
            ("pt", "As nações da península e as suas relações com os reinos vizinhos foram decididas em tratados."),
        ];
        for (code, text) in cases {
            assert!(text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LATIN_CHARS);
            assert_eq!(detect(text), code, "{text}");
        }
        // English naming French places has too few of French's words to be French.
        assert_eq!(
            detect("Charles de Gaulle spoke at Rapallo about the treaty of Versailles."),
            "en"
        );
    }

    #[test]
    fn terse_english_stays_english() {
        let cases = [
            "THE EFFECT OF ELECTRON DENSITY ON THE PROPAGATION OF RADIO WAVES IN THE IONOSPHERE AT LOW LATITUDES",
            "Correlation between maternal serum levels of vitamin D and the incidence of neonatal hypocalcemia in a cohort of infants",
            "Lactate dehydrogenase isoenzymes in the serum of patients with myocardial infarction and in normal controls",
        ];
        for text in cases {
            assert_eq!(detect(text), "en", "{text}");
        }
    }

    #[test]
    fn short_or_unknown_text_falls_back_to_english() {
        assert_eq!(detect(""), "en");
        assert_eq!(detect("Rapallo 1922"), "en");
        assert_eq!(detect("条約"), "zh");
        assert_eq!(detect("にっぽん"), "ja");
        // Scripts one language writes alone tell it in a title.
        assert_eq!(detect("Η Συνθήκη των Σεβρών"), "el");
        assert_eq!(detect("סכם ורסאי"), "he");
        assert_eq!(detect("ვერსალის ზავი"), "ka");
        // Scripts many languages share do not.
        assert_eq!(detect("Берлинский договор"), "en");
        assert_eq!(detect("Treaty of Sèvres (Συνθήκη)"), "en");
        assert_eq!(
            detect("parametric diodes in maser phase locked frequency divider abstract"),
            "en"
        );
        assert_eq!(
            detect("semiconductor varactors using surface space charge layers"),
            "en"
        );
    }
}
