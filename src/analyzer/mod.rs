//! The analyzers of annals' text fields, each one tokenizer doing every step in one pass.
//!
//! They produce exactly what tantivy's chain `SimpleTokenizer` → `RemoveLongFilter` →
//! `LowerCaser` → `AsciiFoldingFilter` → `StopWordFilter` → English `Stemmer` would (tested
//! against it), at a fraction of the cost: the chain copies every word three times and
//! looks each one up twice, and analysis was a quarter of a build's CPU time. Words made of
//! ASCII letters and digits, nearly all of them in English text, are lower-cased while
//! they are copied; any other word goes through tantivy's own lower-casing and folding.
//!
//! Chinese, Japanese and Korean are written without spaces between words: a run of their
//! characters becomes overlapping bigrams (`日ソ基本条約` → `日ソ ソ基 基本 本条 条約`), as
//! Lucene's `CJKBigramFilter` makes them, so that a word inside a run is found (`条約`),
//! and a longer query run matches as a phrase of its bigrams. A run of one character is
//! kept as it is.

use std::sync::Arc;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token,
    TokenStream, Tokenizer,
};

use crate::stemming::{stem_anchor, WordStemmer};

mod words;

use words::is_ascii_word_byte;
pub(crate) use words::is_stop_word;
pub use words::{
    char_kind, is_hebrew_point, is_unspaced, is_word_char, CharKind, MAX_WORD_BYTES, STOP_WORDS,
};

/// What kind of characters a word found in the text is made of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// ASCII letters and digits only.
    Ascii,
    /// Other letters and digits (some not ASCII).
    Other,
    /// A run of [`is_unspaced`] characters, split into bigrams.
    Cjk,
}

/// Which words a [`WordTokenizer`] reduces to their English stem.
#[derive(Clone)]
enum Stemming {
    /// None: words as written, lower-cased and folded.
    None,
    /// Every word, as the index does.
    All,
    /// Only words starting with one of these anchors ([`stem_anchor`]): when only the words
    /// that can match some stems matter (snippets), English words that do not are left out.
    Anchors(Arc<[String]>),
}

/// Splits text into words (runs of alphanumeric characters), drops words of
/// [`MAX_WORD_BYTES`] or more, lower-cases and folds accents to ASCII, optionally drops
/// [`STOP_WORDS`] and, with them, the `s` of English possessives (`Rapallo's` is `rapallo`,
/// as Lucene's English analysis has it), and stems as told. Positions count every word,
/// dropped ones included (a possessive's `s` belongs to the word before it), and offsets
/// point into the original text, as with tantivy's filters.
#[derive(Clone)]
pub struct WordTokenizer {
    stop_words: bool,
    stemming: Stemming,
    /// The language of the text being analysed, from its mark ([`crate::language`]):
    /// English (`None`) unless the text is marked.
    language: Option<Language>,
    /// Whether the marked language has a stemmer; when false, words are left as written.
    language_stems: bool,
    /// Stemmers of the other languages met so far.
    other_stemmers: Vec<(Language, TextAnalyzer)>,
    token: Token,
    /// Lower-cases and folds one word with non-ASCII characters.
    fold: TextAnalyzer,
    stemmer: WordStemmer,
}

impl WordTokenizer {
    /// The analysis of the index's text fields: stop words dropped, every word stemmed.
    pub fn text() -> WordTokenizer {
        WordTokenizer::with(true, Stemming::All)
    }

    /// Words as written, lower-cased and folded: nothing dropped but over-long words,
    /// nothing stemmed.
    pub fn words() -> WordTokenizer {
        WordTokenizer::with(false, Stemming::None)
    }

    /// The words of [`WordTokenizer::text`] that may be one of `stems`, for finding a few
    /// known stems cheaply (snippets): an English word that does not start with the anchor
    /// of one of them ([`stem_anchor`]) cannot stem to it, and is left out unstemmed and
    /// unfolded. Positions and offsets are those of [`WordTokenizer::text`].
    pub fn text_finding_stems<'a>(stems: impl IntoIterator<Item = &'a str>) -> WordTokenizer {
        let mut anchors: Vec<String> = stems
            .into_iter()
            .map(|stem| stem_anchor(stem).to_string())
            .collect();
        anchors.sort_unstable();
        anchors.dedup();
        WordTokenizer::with(true, Stemming::Anchors(anchors.into()))
    }

    fn with(stop_words: bool, stemming: Stemming) -> WordTokenizer {
        WordTokenizer {
            stop_words,
            stemming,
            language: None,
            language_stems: true,
            other_stemmers: Vec::new(),
            token: Token::default(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            stemmer: WordStemmer::new(),
        }
    }
}

impl WordTokenizer {
    /// Stem the current token with `language`'s Snowball stemmer (not English's, which
    /// has its own cache).
    fn stem_other(&mut self, language: Language) {
        let at = match self.other_stemmers.iter().position(|(l, _)| *l == language) {
            Some(at) => at,
            None => {
                let analyzer = TextAnalyzer::builder(RawTokenizer::default())
                    .filter(Stemmer::new(language))
                    .build();
                self.other_stemmers.push((language, analyzer));
                self.other_stemmers.len() - 1
            }
        };
        let word = std::mem::take(&mut self.token.text);
        let mut stream = self.other_stemmers[at].1.token_stream(&word);
        self.token.text = match stream.next() {
            Some(stemmed) => stemmed.text.clone(),
            None => word.clone(),
        };
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        let mut at = 0;
        self.language = None;
        self.language_stems = true;
        if let Some((code, length)) = crate::language::read_mark(text) {
            at = length;
            let stemmer = crate::language::stemmer(code);
            self.language = stemmer.filter(|l| *l != Language::English);
            self.language_stems = stemmer.is_some();
        }
        WordStream {
            text,
            at,
            next: None,
            bigrams: None,
            tokenizer: self,
        }
    }
}

/// The token stream of a [`WordTokenizer`].
pub struct WordStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
    /// The word after the current one, found ahead when every word is stemmed, so that its
    /// stem can be fetched into the cache while tantivy indexes the current one.
    next: Option<(usize, usize, Kind)>,
    /// Within a CJK run being split into bigrams: where the next bigram starts, and where
    /// the run ends.
    bigrams: Option<(usize, usize)>,
    tokenizer: &'a mut WordTokenizer,
}

impl WordStream<'_> {
    /// The byte range of the next word, and what it is made of.
    fn next_word(&mut self) -> Option<(usize, usize, Kind)> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.at;
        // Both loops step over a whole character at a time, so `i` stays on a boundary,
        // with a fast path for ASCII.
        let start = loop {
            let &b = bytes.get(i)?;
            if b.is_ascii() {
                if is_ascii_word_byte(b) {
                    break i;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next()?;
                match char_kind(c) {
                    CharKind::Letter => break i,
                    CharKind::Separator => i += c.len_utf8(),
                    CharKind::Unspaced => {
                        // A run of CJK characters is a word of its own.
                        let run: usize = text[i..]
                            .chars()
                            .take_while(|&c| char_kind(c) == CharKind::Unspaced)
                            .map(char::len_utf8)
                            .sum();
                        self.at = i + run;
                        return Some((i, i + run, Kind::Cjk));
                    }
                }
            }
        };
        let mut ascii = true;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if !is_ascii_word_byte(b) {
                    break;
                }
                i += 1;
            } else {
                let Some(c) = text[i..]
                    .chars()
                    .next()
                    .filter(|&c| char_kind(c) == CharKind::Letter)
                else {
                    break;
                };
                ascii = false;
                i += c.len_utf8();
            }
        }
        // The character that ended the word is a separator (or starts a CJK run): the next
        // search starts there.
        self.at = i;
        Some((start, i, if ascii { Kind::Ascii } else { Kind::Other }))
    }

    /// The next bigram of the CJK run being split, as the current token; false when the
    /// run has no more.
    fn next_bigram(&mut self) -> bool {
        let Some((at, end)) = self.bigrams else {
            return false;
        };
        let mut chars = self.text[at..end].chars();
        let (Some(first), Some(second)) = (chars.next(), chars.next()) else {
            self.bigrams = None;
            return false;
        };
        let stop = at + first.len_utf8() + second.len_utf8();
        self.bigrams = Some((at + first.len_utf8(), end));
        self.set_token(at, stop);
        true
    }

    /// Make `text[start..end]` the current token, as it is, at the next position.
    fn set_token(&mut self, start: usize, end: usize) {
        let t = &mut *self.tokenizer;
        t.token.position = t.token.position.wrapping_add(1);
        t.token.text.clear();
        t.token.text.push_str(&self.text[start..end]);
        t.token.offset_from = start;
        t.token.offset_to = end;
    }
}

/// Whether `text[start..end]` is the `s` of an English possessive (`Rapallo's`, `1920’s`):
/// an `s` right after an apostrophe that follows a letter or digit.
fn is_possessive(text: &str, start: usize, end: usize) -> bool {
    if !text[start..end].eq_ignore_ascii_case("s") {
        return false;
    }
    let before = &text[..start];
    let Some(before) = before
        .strip_suffix('\'')
        .or_else(|| before.strip_suffix('\u{2019}'))
    else {
        return false;
    };
    before.chars().next_back().is_some_and(is_word_char)
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if self.next_bigram() {
            return true;
        }
        while let Some((start, end, kind)) = self.next.take().or_else(|| self.next_word()) {
            if matches!(self.tokenizer.stemming, Stemming::All) {
                self.next = self.next_word();
                if let Some((start, end, Kind::Ascii)) = self.next {
                    self.tokenizer.stemmer.prefetch(&self.text[start..end]);
                }
            }
            if kind == Kind::Cjk {
                self.bigrams = Some((start, end));
                if self.next_bigram() {
                    return true;
                }
                // A run of one character.
                self.set_token(start, end);
                return true;
            }
            let ascii = kind == Kind::Ascii;
            let t = &mut *self.tokenizer;
            let english = t.language.is_none() && t.language_stems;
            if t.stop_words && english && is_possessive(self.text, start, end) {
                // Part of the word before it, as Lucene's `EnglishPossessiveFilter` has it.
                continue;
            }
            t.token.position = t.token.position.wrapping_add(1);
            if end - start >= MAX_WORD_BYTES {
                continue;
            }
            let word = &self.text[start..end];
            if let (Stemming::Anchors(anchors), true, true) = (&t.stemming, ascii, english) {
                let starts = |a: &String| {
                    let a = a.as_bytes();
                    word.len() >= a.len() && word.as_bytes()[..a.len()].eq_ignore_ascii_case(a)
                };
                if !anchors.iter().any(starts) {
                    continue;
                }
            }
            t.token.text.clear();
            if ascii {
                t.token.text.push_str(word);
                t.token.text.make_ascii_lowercase();
            } else {
                let mut folded = t.fold.token_stream(word);
                if let Some(token) = folded.next() {
                    t.token.text.push_str(&token.text);
                }
                if t.token.text.contains(is_hebrew_point) {
                    t.token.text.retain(|c| !is_hebrew_point(c));
                    if t.token.text.is_empty() {
                        continue;
                    }
                }
            }
            if t.stop_words && english && is_stop_word(&t.token.text) {
                continue;
            }
            let stem = match &t.stemming {
                Stemming::None => false,
                Stemming::All => true,
                Stemming::Anchors(anchors) => {
                    !english || anchors.iter().any(|a| t.token.text.starts_with(a.as_str()))
                }
            };
            if stem && english {
                t.stemmer.stem_in_place(&mut t.token.text);
            } else if stem {
                if let Some(language) = t.language {
                    t.stem_other(language);
                }
            }
            t.token.offset_from = start;
            t.token.offset_to = end;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.tokenizer.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokenizer.token
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::tokenizer::{
        Language, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter,
    };

    use super::*;

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

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
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

    fn same_as_chain(text: &str) {
        for (stop_words, stem) in [(true, true), (true, false), (false, false)] {
            let stemming = if stem { Stemming::All } else { Stemming::None };
            let mut fused = TextAnalyzer::from(WordTokenizer::with(stop_words, stemming));
            let mut expected = tokens(&mut chain(stop_words, stem), text);
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
             ⑴ ﬁnance x² İstanbul KELVIN K_under_score e-mail 3.14 ",
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
            "Rapallo's treaty, Metternich’S plan; 1920's 's U.S",
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
            ("u", 6),
            ("s", 7),
        ];
        let expected: Vec<_> = expected.iter().map(|(t, p)| (t.to_string(), *p)).collect();
        assert_eq!(got, expected);
        // Words as written keep it: the dictionary of words is not the index's analysis.
        let mut words = TextAnalyzer::from(WordTokenizer::words());
        assert_eq!(tokens(&mut words, "Rapallo's").len(), 2);
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
    fn cjk_runs_become_overlapping_bigrams_at_consecutive_positions() {
        let mut fused = TextAnalyzer::from(WordTokenizer::text());
        let got: Vec<_> = tokens(&mut fused, "1925年、北京で日ソ基本条約に調印し treaty 国")
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect();
        let words: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            words,
            [
                "1925", "年", "北京", "京で", "で日", "日ソ", "ソ基", "基本", "本条", "条約",
                "約に", "に調", "調印", "印し", "treati", "国"
            ]
        );
        let positions: Vec<usize> = got.iter().map(|(_, p)| *p).collect();
        assert_eq!(positions, (0..16).collect::<Vec<_>>());
        // Korean and a run longer than the longest word kept elsewhere.
        let long = "가".repeat(30);
        assert_eq!(tokens(&mut fused, &long).len(), 29);
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn equals_tantivys_chain_on_any_text(text in "\\PC{0,200}") {
            // Runs of unspaced scripts become bigrams, which tantivy's chain does not make:
            // their letters are spaces here.
            let text: String = text
                .chars()
                .filter(|&c| !is_hebrew_point(c))
                .map(|c| if is_unspaced(c) { ' ' } else { c })
                .collect();
            same_as_chain(&text);
        }

        #[test]
        fn every_token_is_a_piece_of_the_text(text in "(\\PC|[日本語の条約北京한국어]){0,80}") {
            let mut fused = TextAnalyzer::from(WordTokenizer::words());
            let mut last = 0;
            for token in tokens(&mut fused, &text) {
                let piece = &text[token.offset_from..token.offset_to];
                prop_assert!(token.position >= last);
                last = token.position;
                if piece.chars().all(is_unspaced) {
                    prop_assert_eq!(piece, token.text.as_str());
                    prop_assert!(piece.chars().count() <= 2);
                }
            }
        }

        #[test]
        fn equals_tantivys_chain_on_mostly_ascii_text(
            text in "([a-zA-Z0-9]{1,12}|[ .,;'_-]|é|ß|İ|\\x{212A}|Σ|ﬁ){0,60}"
        ) {
            same_as_chain(&text);
        }
    }
}
