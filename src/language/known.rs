//! The languages annals knows: those the detector tells, those an article must name, and
//! the other codes they go by.

use snowball_stemmers_rs::Algorithm;

use super::Stemmer;

/// Every language annals knows by name: its code, whatlang's language, and its stemmer.
/// Languages without a stemmer are still detected, shown and filtered on; their words are
/// indexed as written (CJK as bigrams).
pub(super) const LANGUAGES: &[(&str, whatlang::Lang, Option<Stemmer>)] = {
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
        ("sl", Slv, Some(Stemmer::Slovene)),
        // Croatian is Serbian's other standard (`bitka`, `bitke`, `bitci`); Snowball's
        // Serbian stemmer reads both scripts, and the detector confuses the two.
        ("hr", Hrv, Some(Snowball(Algorithm::Serbian))),
        ("sr", Srp, Some(Snowball(Algorithm::Serbian))),
        ("bg", Bul, Some(Stemmer::Bulgarian)),
        ("mk", Mkd, Some(Stemmer::Macedonian)),
        ("be", Bel, Some(Stemmer::Belarusian)),
        ("lt", Lit, Some(Snowball(Algorithm::Lithuanian))),
        ("lv", Lav, Some(Stemmer::Latvian)),
        ("et", Est, Some(Snowball(Algorithm::Estonian))),
        ("la", Lat, Some(Stemmer::Latin)),
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
        ("bn", Ben, Some(Stemmer::Bengali)),
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

/// Languages the detector does not tell, known when an article names its own (`lang: eu`,
/// `<html lang="ga">`, a catalogue's `LA  - Icelandic`): their code, English name, own name
/// and stemmer. Malay is stemmed as Indonesian, its other standard, and Bosnian as
/// Serbian and Croatian are; Nynorsk by Snowball's Norwegian stemmer, which reads both.
pub(super) const NAMED_ONLY: &[(&str, &str, &str, Option<Stemmer>)] = {
    use Stemmer::Snowball;
    &[
        ("eu", "Basque", "euskara", Some(Snowball(Algorithm::Basque))),
        ("ga", "Irish", "Gaeilge", Some(Snowball(Algorithm::Irish))),
        ("gl", "Galician", "galego", Some(Stemmer::Galician)),
        ("is", "Icelandic", "íslenska", None),
        ("fo", "Faroese", "føroyskt", None),
        (
            "nn",
            "Norwegian Nynorsk",
            "nynorsk",
            Some(Snowball(Algorithm::Norwegian)),
        ),
        ("sq", "Albanian", "shqip", None),
        (
            "bs",
            "Bosnian",
            "bosanski",
            Some(Snowball(Algorithm::Serbian)),
        ),
        ("mt", "Maltese", "Malti", None),
        ("lb", "Luxembourgish", "Lëtzebuergesch", None),
        ("br", "Breton", "brezhoneg", None),
        (
            "ms",
            "Malay",
            "Bahasa Melayu",
            Some(Snowball(Algorithm::Indonesian)),
        ),
        ("sw", "Swahili", "Kiswahili", None),
        (
            "st",
            "Sesotho",
            "Sesotho",
            Some(Snowball(Algorithm::Sesotho)),
        ),
        ("kk", "Kazakh", "қазақ тілі", None),
        ("ky", "Kyrgyz", "кыргызча", None),
        ("tg", "Tajik", "тоҷикӣ", None),
        ("mn", "Mongolian", "монгол", None),
        ("ps", "Pashto", "پښتو", None),
        ("ku", "Kurdish", "Kurdî", None),
    ]
};

/// Other codes for the languages annals knows, as library catalogues (MARC's
/// bibliographic codes: `ger`, `fre`, `chi`), ISO 639-2 and -3 and older standards (Java's
/// `iw`, `in`) write them.
pub(super) const OTHER_CODES: &[(&str, &str)] = &[
    ("alb", "sq"),
    ("arm", "hy"),
    ("baq", "eu"),
    ("bur", "my"),
    ("chi", "zh"),
    ("zho", "zh"),
    ("cze", "cs"),
    ("dut", "nl"),
    ("fre", "fr"),
    ("geo", "ka"),
    ("ger", "de"),
    ("gre", "el"),
    ("ice", "is"),
    ("mac", "mk"),
    ("may", "ms"),
    ("msa", "ms"),
    ("zsm", "ms"),
    ("per", "fa"),
    ("fas", "fa"),
    ("rum", "ro"),
    ("slo", "sk"),
    ("wel", "cy"),
    ("nor", "nb"),
    ("no", "nb"),
    ("fil", "tl"),
    ("ekk", "et"),
    ("lvs", "lv"),
    ("iw", "he"),
    ("in", "id"),
    ("ji", "yi"),
    ("eus", "eu"),
    ("gle", "ga"),
    ("glg", "gl"),
    ("isl", "is"),
    ("fao", "fo"),
    ("nno", "nn"),
    ("sqi", "sq"),
    ("bos", "bs"),
    ("mlt", "mt"),
    ("ltz", "lb"),
    ("bre", "br"),
    ("swa", "sw"),
    ("swh", "sw"),
    ("sot", "st"),
    ("kaz", "kk"),
    ("kir", "ky"),
    ("tgk", "tg"),
    ("mon", "mn"),
    ("pus", "ps"),
    ("kur", "ku"),
];
