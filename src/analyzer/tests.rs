//! The fused analyzer against tantivy's chain, and what it adds to it.

use proptest::prelude::*;
use tantivy::tokenizer::{Language, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter};

use super::fold::{fold_arabic, fold_greek, is_arabic, is_greek};
use super::words::ascii_digits;
use super::*;
use unicode_normalization::char::is_combining_mark;

/// tantivy's chain of filters that [`WordTokenizer`] replaces.
fn chain(stop_words: bool, stem: bool) -> TextAnalyzer {
    let base = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    let stops = StopWordFilter::remove(STOP_WORDS.iter().map(|w| w.to_string()));
    match (stop_words, stem) {
        (true, true) => base
            .filter(stops)
            .filter(Stemmer::new(Language::English))
            .build(),
        (true, false) => base.filter(stops).build(),
        (false, true) => base.filter(Stemmer::new(Language::English)).build(),
        (false, false) => base.build(),
    }
}

/// The tokens of `text` as `analyzer` gives them.
pub(super) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.clone());
    }
    out
}

/// `tokens` of `text` without the `s` of English possessives, each a position less after.
fn without_possessives(text: &str, tokens: Vec<Token>) -> Vec<Token> {
    let mut dropped = 0;
    let mut out = Vec::new();
    for mut token in tokens {
        let before: Vec<char> = text[..token.offset_from].chars().rev().take(2).collect();
        let possessive = text[token.offset_from..token.offset_to].eq_ignore_ascii_case("s")
            && matches!(before.first(), Some('\'' | '\u{2019}'))
            && before.get(1).is_some_and(|&c| c.is_alphanumeric());
        if possessive {
            dropped += 1;
            continue;
        }
        token.position -= dropped;
        out.push(token);
    }
    out
}

/// `text` with what tantivy's chain reads otherwise made spaces: runs of unspaced scripts
/// (bigrams here), full stops (acronyms), `&`, `+` and `#` (`AT&T`, `C++`, `C#`), double
/// quotes and gershayim (`צה"ל`), combining marks (part of their word here) and characters
/// that composing changes (`ﬁ`, `İ`, whose lower case takes a mark).
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_hebrew_point(c))
        .map(|c| {
            let composed = is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes;
            let marked = c.to_lowercase().any(is_combining_mark);
            match is_unspaced(c)
                || ".&+#\"\u{5F4}".contains(c)
                || is_combining_mark(c)
                || !composed
                || marked
            {
                true => ' ',
                false => c,
            }
        })
        .collect()
}

fn same_as_chain(text: &str) {
    for (stop_words, stem) in [(true, true), (true, false), (false, false)] {
        let stemming = if stem { Stemming::All } else { Stemming::None };
        let mut fused = TextAnalyzer::from(WordTokenizer::with(stop_words, stemming));
        let mut expected = tokens(&mut chain(stop_words, stem), text);
        // Transliterations' apostrophes are spelled in no term: the word without them is
        // the one the chain's stop words and stemmer see (`ʹA` is the stop word `a`).
        for token in &mut expected {
            let piece = &text[token.offset_from..token.offset_to];
            if piece.contains(is_unspelled) {
                let spelled: String = piece.chars().filter(|&c| !is_unspelled(c)).collect();
                let again = tokens(&mut chain(stop_words, stem), &spelled);
                token.text = again.first().map_or_else(String::new, |t| t.text.clone());
            }
        }
        if stem {
            // Snowball leaves a plural without a vowel as written; the stemmer drops its `s`.
            for token in &mut expected {
                if let Some(singular) = crate::stemming::acronym_plural(&token.text) {
                    token.text = singular.to_string();
                }
            }
        }
        // Greek is folded here as Latin is there, `ё` is `е`, Arabic letters written for
        // one another are one, every script's digits are ASCII's, and transliterations'
        // apostrophes are spelled in no term (a word of them alone is none).
        for token in &mut expected {
            if token.text.contains(is_greek) {
                fold_greek(&mut token.text);
            }
            if token.text.contains(is_arabic) {
                fold_arabic(&mut token.text);
            }
            token.text = ascii_digits(&token.text).into_owned();
            token.text = token.text.replace('ё', "е");
            token.text.retain(|c| !is_unspelled(c));
        }
        expected.retain(|token| !token.text.is_empty());
        if stop_words {
            expected = without_possessives(text, expected);
        }
        assert_eq!(
            tokens(&mut fused, text),
            expected,
            "stop words {stop_words}, stemming {stem}: {text:?}"
        );
        // Twice: the second pass is served from the stem cache.
        assert_eq!(tokens(&mut fused, text), expected);
    }
}

#[test]
fn equals_tantivys_chain_on_english_and_other_scripts() {
    same_as_chain(
        "Negotiating the Treaty of Zürich (1921–1922): Rapallo's diplomats met ÉMILE \
         in São Paulo; the Ærø Straße café, naïve coöperation, ΣΊΣΥΦΟΣ, Москва, \
         ﬁnance x₂ KELVIN K_under_score e-mail 3.14 ",
    );
    same_as_chain("");
    same_as_chain("   ,;— ");
    same_as_chain(&format!("{} short {}", "a".repeat(39), "b".repeat(40)));
    same_as_chain(&format!("{}é ok {}", "c".repeat(38), "d".repeat(37) + "é"));
}

#[test]
fn a_possessive_is_the_word_before_it() {
    let mut fused = TextAnalyzer::from(WordTokenizer::text());
    let got: Vec<_> = tokens(
        &mut fused,
        "Rapallo's treaty, Metternich’S plan; 1920's 's U.S, US's",
    )
    .into_iter()
    .map(|t| (t.text, t.position))
    .collect();
    let expected = [
        ("rapallo", 0),
        ("treati", 1),
        ("metternich", 2),
        ("plan", 3),
        ("1920", 4),
        ("s", 5),
        ("us", 6),
        ("us", 7),
    ];
    let expected: Vec<_> = expected.iter().map(|(t, p)| (t.to_string(), *p)).collect();
    assert_eq!(got, expected);
    // Words as written keep it: the dictionary of words is not the index's analysis.
    let mut words = TextAnalyzer::from(WordTokenizer::words());
    assert_eq!(tokens(&mut words, "Rapallo's").len(), 2);
}

#[test]
fn marks_belong_to_their_word_and_words_are_composed_before_folding() {
    let mut words = TextAnalyzer::from(WordTokenizer::words());
    let mut text = TextAnalyzer::from(WordTokenizer::text());
    let texts = |analyzer: &mut TextAnalyzer, s: &str| -> Vec<String> {
        tokens(analyzer, s).into_iter().map(|t| t.text).collect()
    };
    // A virama joins consonants inside one word, in Devanagari and in Tamil.
    assert_eq!(texts(&mut words, "हिन्दी भाषा"), ["हिन्दी", "भाषा"]);
    assert_eq!(texts(&mut words, "இந்தியா"), ["இந்தியா"]);
    // Decomposed letters are one word, folded as their composed twins.
    let decomposed = "Vie\u{323}\u{302}t Nam, cafe\u{301}";
    assert_eq!(texts(&mut words, decomposed), ["viet", "nam", "cafe"]);
    assert_eq!(texts(&mut words, "Việt Nam, café"), ["viet", "nam", "cafe"]);
    let offsets: Vec<_> = (tokens(&mut words, decomposed).iter())
        .map(|t| (t.offset_from, t.offset_to))
        .collect();
    assert_eq!(offsets, [(0, 8), (9, 12), (14, 20)]);
    // Compatibility forms: Arabic presentation forms as a PDF gives them, full-width Latin.
    assert_eq!(texts(&mut words, "\u{FEB3}\u{FEFC}\u{FEE1}"), ["سلام"]);
    assert_eq!(texts(&mut words, "ＲＡＰＡＬＬＯ"), ["rapallo"]);
    // What composing gives that is no part of a word is left out.
    assert_eq!(
        texts(&mut words, "⑴ ⒈ \u{FDFA}"),
        ["1", "1", "صلياللهعليهوسلم"]
    );
    assert!(texts(&mut words, "\u{FE72}").is_empty());
    // A mark left on an otherwise ASCII word is dropped as folding drops accents:
    // `İstanbul` lower-cases to `i` and a dot above.
    assert_eq!(texts(&mut text, "İstanbul q\u{303}"), ["istanbul", "q"]);
    // A mark standing alone is no word.
    assert!(texts(&mut words, " \u{301} ").is_empty());
}

#[test]
fn hebrew_words_lose_their_points() {
    let mut words = TextAnalyzer::from(WordTokenizer::words());
    let pointed = tokens(&mut words, "שָׁלוֹם בְּרֵאשִׁית");
    let plain: Vec<&str> = pointed.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(plain, ["שלום", "בראשית"]);
    assert_eq!(pointed[1].offset_from, "שָׁלוֹם ".len());
    // A word of points alone is no word.
    assert!(tokens(&mut words, "\u{05B8}\u{05B4}").is_empty());
}

#[test]
fn drops_stop_words_but_counts_their_positions() {
    let mut fused = TextAnalyzer::from(WordTokenizer::text());
    let got: Vec<_> = tokens(&mut fused, "Negotiating the Treaty of Zürich")
        .into_iter()
        .map(|t| (t.text, t.position, t.offset_from, t.offset_to))
        .collect();
    assert_eq!(
        got,
        vec![
            ("negoti".to_string(), 0, 0, 11),
            ("treati".to_string(), 2, 16, 22),
            ("zurich".to_string(), 4, 26, 33),
        ]
    );
}

#[test]
fn stems_only_words_that_may_stem_to_the_given_stems() {
    let mut gated = TextAnalyzer::from(WordTokenizer::text_finding_stems(["negoti", "die"]));
    let mut full = TextAnalyzer::from(WordTokenizer::text());
    let text = "Negotiating the treaties, Zürich's diplomats negotiated; dying armies, \
                neighbours.";
    let (gated, full) = (tokens(&mut gated, text), tokens(&mut full, text));
    // Every word that is one of the stems comes out where the full analysis puts it.
    let found = |t: &&Token| ["negoti", "die"].contains(&t.text.as_str());
    let expected: Vec<&Token> = full.iter().filter(found).collect();
    assert_eq!(expected.len(), 3);
    assert_eq!(gated.iter().filter(found).collect::<Vec<_>>(), expected);
    // English words that do not start as a stem's anchor does ("neg", "d") are left
    // out ("the", "treaties", "armies", "neighbours"); those that do are stemmed
    // ("diplomats"), and words of other scripts kept ("Zürich").
    let words: Vec<&str> = gated.iter().map(|t| t.text.as_str()).collect();
    assert_eq!(words, ["negoti", "zurich", "diplomat", "negoti", "die"]);
}

/// The index's terms of `text`, each with the text it was read from and its position.
fn words_as_written(text: &str) -> Vec<(String, String, usize)> {
    let mut fused = TextAnalyzer::from(WordTokenizer::text());
    (tokens(&mut fused, text).into_iter())
        .map(|t| {
            (
                t.text,
                text[t.offset_from..t.offset_to].to_string(),
                t.position,
            )
        })
        .collect()
}

/// `expected` as [`words_as_written`] gives it.
fn owned(expected: &[(&str, &str, usize)]) -> Vec<(String, String, usize)> {
    (expected.iter())
        .map(|&(t, w, p)| (t.to_string(), w.to_string(), p))
        .collect()
}

#[test]
fn an_acronym_with_full_stops_is_one_word_of_its_letters() {
    let text = "The U.S.S.R. and the U.S. met, i.e. F.B.I agents; A.D. 1066, e.coli, 1.5.2, J. Smith, x.y.z2";
    let expected = [
        ("ussr", "U.S.S.R", 1),
        ("us", "U.S", 4),
        ("met", "met", 5),
        ("ie", "i.e", 6),
        ("fbi", "F.B.I", 7),
        ("agent", "agents", 8),
        ("ad", "A.D", 9),
        ("1066", "1066", 10),
        ("e", "e", 11),
        ("coli", "coli", 12),
        ("1", "1", 13),
        ("5", "5", 14),
        ("2", "2", 15),
        ("j", "J", 16),
        ("smith", "Smith", 17),
        ("xy", "x.y", 18),
        ("z2", "z2", 19),
    ];
    assert_eq!(words_as_written(text), owned(&expected));
}

#[test]
fn short_words_joined_by_ampersands_or_with_signs_are_one_word() {
    let text = "AT&T's A&M and R&B, LB&SCR; D&RGW & rock&roll, a&b&c&long A&B2 S&Ls \
        C++, C# minor; C++x #C c#5 Spy++ Java++";
    let expected = [
        ("at&t", "AT&T", 0),
        ("a&m", "A&M", 1),
        ("r&b", "R&B", 3),
        ("lb&scr", "LB&SCR", 4),
        ("d&rgw", "D&RGW", 5),
        // A word of four letters is a word: `rock&roll` is two.
        ("rock", "rock", 6),
        ("roll", "roll", 7),
        ("a&b&c", "a&b&c", 8),
        ("long", "long", 9),
        // A digit is no abbreviation's letter.
        ("b2", "B2", 11),
        ("s&ls", "S&Ls", 12),
        // A programming language, a note.
        ("c++", "C++", 13),
        ("c#", "C#", 14),
        ("minor", "minor", 15),
        ("c", "C", 16),
        ("x", "x", 17),
        ("c", "C", 18),
        ("c", "c", 19),
        ("5", "5", 20),
        ("spy++", "Spy++", 21),
        ("java", "Java", 22),
    ];
    assert_eq!(words_as_written(text), owned(&expected));
    // Words as written keep them apart: the dictionary of words is not the index's.
    let mut words = TextAnalyzer::from(WordTokenizer::words());
    assert_eq!(tokens(&mut words, "AT&T").len(), 2);
}

#[test]
fn a_hebrew_abbreviation_with_gershayim_is_one_word_of_its_letters() {
    let mut analyzer = TextAnalyzer::from(WordTokenizer::text());
    let mut texts = |text: &str| -> Vec<(String, String)> {
        (tokens(&mut analyzer, text).into_iter())
            .map(|t| (t.text.clone(), text[t.offset_from..t.offset_to].to_string()))
            .collect()
    };
    let token = |term: &str, written: &str| (term.to_string(), written.to_string());
    assert_eq!(
        texts("צה\"ל וארה״ב \"שלום\" x\"y"),
        [
            token("צהל", "צה\"ל"),
            token("וארהב", "וארה״ב"),
            token("שלום", "שלום"),
            token("x", "x"),
            token("y", "y"),
        ]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn equals_tantivys_chain_on_any_text(text in "\\PC{0,200}") {
        same_as_chain(&comparable(&text));
    }

    #[test]
    fn every_token_is_a_piece_of_the_text(text in "(\\PC|[日本語の条約北京한국어ｶﾞｲﾟﾊ]){0,80}") {
        let mut fused = TextAnalyzer::from(WordTokenizer::words());
        let mut last = 0;
        for token in tokens(&mut fused, &text) {
            let piece = &text[token.offset_from..token.offset_to];
            prop_assert!(token.position >= last);
            last = token.position;
            if piece.chars().all(is_unspaced) {
                let half_width = piece.chars().any(|c| matches!(c, '\u{FF61}'..='\u{FF9F}'));
                if half_width {
                    let read: String = piece.nfkc().map(han::simplified).collect();
                    prop_assert_eq!(read, token.text);
                } else {
                    let read: String = piece.chars().map(han::simplified).collect();
                    prop_assert_eq!(read, token.text);
                    prop_assert!(piece.chars().count() <= 2);
                }
            }
        }
    }

    #[test]
    fn equals_tantivys_chain_on_mostly_ascii_text(
        // A full stop is never followed by a letter: `T.A` is an acronym, one word, which
        // the chain has no notion of (`an_acronym_with_full_stops_is_one_word_of_its_letters`).
        text in "([a-zA-Z0-9]{1,12}|[ ,;'_-]|\\.[ ,0-9]|é|ß|\\x{212A}|Σ|ﬁ){0,60}"
    ) {
        same_as_chain(&text);
    }
}

mod light_stemmers;
mod scripts;
