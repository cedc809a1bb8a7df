//! The analyzer on other languages and scripts: stems as written beside the folded word's,
//! invisible characters, Greek, Cyrillic, Arabic script, other scripts' digits.

use super::*;

#[test]
fn other_languages_stem_words_as_written_with_the_folded_words_stem_beside() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let mut analyzed = |code: &str, text: &str| {
        let text = format!("{}{text}", crate::language::mark(code));
        (tokens(&mut analyzer, &text).into_iter())
            .map(|t| {
                (
                    unmarked_stem(&t.text).to_string(),
                    t.position,
                    text[t.offset_from..t.offset_to].to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let token = |stem: &str, at: usize, word: &str| (stem.to_string(), at, word.to_string());
    // Turkish's `-ları` and French's `-ée` are suffixes only in their own letters; the
    // folded word's stem follows at the same position, marked, where it differs.
    assert_eq!(
        analyzed("tr", "Antlaşmaları antlaşma"),
        [
            token("antlasma", 0, "Antlaşmaları"),
            token("\u{E002}antlasmalari", 0, "Antlaşmaları"),
            token("antlasma", 1, "antlaşma"),
        ]
    );
    assert_eq!(
        analyzed("fr", "république fédérée"),
        [
            token("republ", 0, "république"),
            token("feder", 1, "fédérée"),
            token("\u{E002}federe", 1, "fédérée"),
        ]
    );
    // Turkish's stemmer keeps the `s` of a final possessive `-sı`: the word without it
    // stands beside, marked as a stem; an ending out of harmony is no possessive.
    assert_eq!(
        analyzed("tr", "Antlaşması kalesi kalesu"),
        [
            token("antlasmas", 0, "Antlaşması"),
            token("antlasma", 0, "Antlaşması"),
            token("\u{E002}antlasmasi", 0, "Antlaşması"),
            token("kales", 1, "kalesi"),
            token("kale", 1, "kalesi"),
            token("kalesu", 2, "kalesu"),
        ]
    );
    // Words without accents, and English words, have one stem.
    assert_eq!(analyzed("fr", "federee"), [token("federe", 0, "federee")]);
    assert_eq!(analyzed("en", "fédérées"), [token("federe", 0, "fédérées")]);
}

#[test]
fn invisible_characters_inside_a_word_are_no_part_of_its_term() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let text = "Settle\u{ad}ments \u{ad} Lo\u{200d}carno\u{200f} Rapal\u{200b}lo";
    let found: Vec<(String, usize, &str)> = (tokens(&mut analyzer, text).into_iter())
        .map(|t| (t.text, t.position, &text[t.offset_from..t.offset_to]))
        .collect();
    // A soft hyphen, a joiner, a bidirectional mark belong to the word and leave its
    // term; alone, a soft hyphen is no word; a zero-width space separates words, as
    // Unicode's word boundaries have it.
    assert_eq!(
        found,
        [
            ("settlement".to_string(), 0, "Settle\u{ad}ments"),
            ("locarno".to_string(), 1, "Lo\u{200d}carno\u{200f}"),
            ("rapal".to_string(), 2, "Rapal"),
            ("lo".to_string(), 3, "lo"),
        ]
    );
    // Persian written with and without its zero-width non-joiner is one word.
    let mut words = TextAnalyzer::from(WordTokenizer::words());
    // Transliterations' apostrophes and primes belong to the word, unspelled.
    let spelled: Vec<String> = (tokens(&mut words, "Hawaiʻi Qurʾān Ulʹyanov").into_iter())
        .map(|t| t.text)
        .collect();
    assert_eq!(spelled, ["hawaii", "quran", "ulyanov"]);
    let with = tokens(&mut words, "بخش\u{200c}هایی");
    let without = tokens(&mut words, "بخشهایی");
    assert_eq!(with.len(), 1);
    assert_eq!(with[0].text, without[0].text);
}

#[test]
fn a_notes_superscript_mark_is_no_part_of_the_word_it_follows() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let text = "the treaty¹ of 1922.² An agreement³⁴ H₂O";
    let terms: Vec<String> = (tokens(&mut analyzer, text).into_iter())
        .map(|t| t.text)
        .collect();
    // Subscripts are no notes' marks: `H₂O` stays one word, as NFKC composes it.
    assert_eq!(terms, ["treati", "1922", "agreement", "h2o"]);
}

#[test]
fn greek_is_found_without_its_accents_breathings_or_final_sigma() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let terms = |analyzer: &mut TextAnalyzer, text: &str| -> Vec<String> {
        tokens(analyzer, text).into_iter().map(|t| t.text).collect()
    };
    let forms = ["Ὀδυσσεύς", "Οδυσσευς", "ΟΔΥΣΣΕΥΣ", "ὀδυσσεὺς"];
    for form in forms {
        assert_eq!(terms(&mut analyzer, form), ["οδυσσευσ"], "{form}");
    }
    // Greek articles are stemmed by Greek's stemmer all the same.
    let greek = format!("{}Συνθήκης συνθηκών", crate::language::mark("el"));
    let mark = crate::language::mark("el");
    assert_eq!(
        terms(&mut analyzer, &greek),
        [format!("{mark}συνθηκ"), format!("{mark}συνθηκ")]
    );
}

#[test]
fn another_languages_stems_are_behind_its_mark() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let fr = crate::language::mark("fr");
    let terms: Vec<String> = (tokens(&mut analyzer, &format!("{fr}Rome et Berlin")).into_iter())
        .map(|t| t.text)
        .collect();
    // French stems `Rome` as `rom`, which is an English word (ROM chips): behind the mark
    // it finds only French documents. So does every French stem, changed or not.
    assert_eq!(
        terms,
        [format!("{fr}rom"), format!("{fr}et"), format!("{fr}berlin")]
    );
    assert_eq!(unmarked_stem(&terms[0]), "rom");
    assert_eq!(unmarked_stem("rom"), "rom");
    // English text is never marked.
    let english: Vec<String> = (tokens(&mut analyzer, "Rome ROM").into_iter())
        .map(|t| t.text)
        .collect();
    assert_eq!(english, ["rome", "rom"]);
}

#[test]
fn cyrillic_yo_is_read_as_ye() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let terms: Vec<String> = (tokens(&mut analyzer, "Хрущёв ХРУЩЁВ Хрущев").into_iter())
        .map(|t| t.text)
        .collect();
    assert_eq!(terms, ["хрущев", "хрущев", "хрущев"]);
}

#[test]
fn equals_tantivys_chain_but_for_the_folds_it_adds() {
    same_as_chain("Хрущёв ХРУЩЁВ Ὀδυσσεύς Hawaiʻi ʽ treaty التاريـــخ مصطفى کتابخانه ۱۵۰۱ १९४७");
}

#[test]
fn arabic_script_words_are_found_however_their_letters_and_marks_are_written() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let mut terms = |text: &str| -> Vec<String> {
        tokens(&mut analyzer, text)
            .into_iter()
            .map(|t| t.text)
            .collect()
    };
    // Vowel marks, a stretched word, a hamza on the alef, alef maksura and teh marbuta.
    assert_eq!(terms("العُثْمَانِيَّة"), terms("العثمانيه"));
    assert_eq!(terms("التاريـــخ"), terms("التاريخ"));
    assert_eq!(terms("إسطنبول"), terms("اسطنبول"));
    assert_eq!(terms("مصطفى"), terms("مصطفي"));
    // Persian's yeh, keheh and heh with yeh as Arabic keyboards type them.
    assert_eq!(terms("کتابخانهٔ ایران"), terms("كتابخانه ايران"));
    assert_eq!(terms("خانۀ"), terms("خانه"));
    // Letters that are not written for one another stay apart: waw with hamza, and yeh barree.
    assert_ne!(terms("مؤتمر"), terms("موتمر"));
    assert_ne!(terms("ے"), terms("ي"));
}

#[test]
fn a_text_is_folded_when_folding_changes_none_of_its_words() {
    for text in [
        "federee",
        "Republique federee!",
        "мосты",
        "Οδυσσευσ",
        "مصطفي",
        "日本",
    ] {
        assert!(is_folded(text), "{text}");
    }
    for text in [
        "fédérée",
        "republique fédérée",
        "Хрущёв",
        "Ὀδυσσεύς",
        "مصطفى",
        "کتاب",
    ] {
        assert!(!is_folded(text), "{text}");
    }
}

#[test]
fn every_scripts_digits_are_read_as_ascii_digits() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let terms: Vec<String> = (tokens(&mut analyzer, "۱۵۰۱ १९४७ ١٤٥٣ ๒๕๐๐ x١٢").into_iter())
        .map(|t| t.text)
        .collect();
    assert_eq!(terms, ["1501", "1947", "1453", "2500", "x12"]);
    assert_eq!(ascii_digit('٩'), Some('9'));
    assert_eq!(ascii_digit('٪'), None);
    assert_eq!(ascii_digit('७'), Some('7'));
    assert_eq!(ascii_digit('a'), None);
    // Only other scripts' digits are replaced, past any letters before them.
    assert_eq!(
        ascii_digits("été ёж ﻙ 年 ١٤٥٣ ٪ ０"),
        "été ёж ﻙ 年 1453 ٪ 0"
    );
    let long = format!("{}١٩{}", "é".repeat(40), "x".repeat(40));
    assert_eq!(
        ascii_digits(&long),
        format!("{}19{}", "é".repeat(40), "x".repeat(40))
    );
    assert!(matches!(
        ascii_digits("été ёж 年 ٪"),
        std::borrow::Cow::Borrowed(_)
    ));
}
