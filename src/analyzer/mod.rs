//! The analyzers of annals' text fields, each one tokenizer doing every step in one pass.
//!
//! They produce exactly what tantivy's chain `SimpleTokenizer` → `RemoveLongFilter` →
//! `LowerCaser` → `AsciiFoldingFilter` → `StopWordFilter` → English `Stemmer` would (tested
//! against it; acronyms with full stops aside, which are one word here), at a fraction of
//! the cost: the chain copies every word three times and looks each one up twice, and
//! analysis was a quarter of a build's CPU time. Words made of
//! ASCII letters and digits, nearly all of them in English text, are lower-cased while
//! they are copied; any other word goes through tantivy's own lower-casing and folding.
//!
//! Other languages' words are stemmed by their language's Snowball stemmer as written, then
//! folded; where the folded word stems otherwise, that stem comes next at the same position,
//! behind [`FOLDED_STEM`], so that a query typed without accents finds the word (a query
//! reads a word's first stem only, and looks for the marked one itself).
//!
//! Chinese, Japanese and Korean are written without spaces between words: a run of their
//! characters becomes overlapping bigrams (`日ソ基本条約` → `日ソ ソ基 基本 本条 条約`), as
//! Lucene's `CJKBigramFilter` makes them, so that a word inside a run is found (`条約`),
//! and a longer query run matches as a phrase of its bigrams. A run of one character is
//! kept as it is. The index's analysis also gives each Han character (and Hangul syllable)
//! of a longer run as a word of its own, at the position of the bigram it starts (the last
//! one, at the last bigram's), so that a query of one character (`清`, the Qing; `왕`, king)
//! finds it; a query reads a run's bigrams alone. Traditional characters are read as simplified ones ([`han`]).

use std::sync::Arc;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use crate::language::Stemmer;
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::stemming::{stem_anchor, WordStemmer};

mod arabic;
mod belarusian;
mod bengali;
mod bigrams;
mod bulgarian;
mod fold;
mod galician;
mod greek;
mod han;
mod latin;
mod latvian;
mod macedonian;
mod plural;
mod slovene;
mod stems;
mod suffix;
mod turkish;
mod words;

use fold::fold_into;

pub(crate) use words::is_stop_word;
use words::{acronym_end, gershayim_end, is_ascii_word_byte, is_possessive, signed_end};
pub use words::{
    ascii_digit, ascii_digits, char_kind, composed, is_hebrew_letter, is_hebrew_point,
    is_ignorable, is_unspaced, is_unspelled, is_word_char, CharKind, MAX_WORD_BYTES, STOP_WORDS,
};

/// Starts the stem of a word's folded form where it is not the stem of the word as written
/// (see [`WordTokenizer::stems_other`]). A character of the Private Use Area, which no
/// text uses for words, keeps these terms apart from every stem: a query word with its
/// accents, whose English stem may be the same letters, does not find the word twice.
pub const FOLDED_STEM: char = '\u{E002}';

/// A stem without the mark of its language: the analysis of text in a stemmed language
/// other than English puts the language's mark ([`crate::language::mark`]) before each
/// stem, so that the stem finds only that language's documents (a query is analysed in
/// each language of the index). One index field holds every language, and a stem is often
/// another language's word: one French article made `rome` (French stem `rom`) find
/// English articles on ROM chips, and `former` (`form`) every form. Every stem is marked,
/// whether or not the stemmer changed its word: `Verträge` and `Vertrag` share a stem only
/// if both carry the mark.
pub fn unmarked_stem(term: &str) -> &str {
    match crate::language::read_mark(term) {
        Some((_, length)) => &term[length..],
        None => term,
    }
}

/// Calls `each` with the tokens of `text` as `analyzer` reads it, a word's first stem only:
/// the marked stem some words have beside it ([`FOLDED_STEM`]) is there for queries typed
/// without accents, and is no second word.
pub fn for_each_word(analyzer: &mut TextAnalyzer, text: &str, mut each: impl FnMut(&Token)) {
    let mut stream = analyzer.token_stream(text);
    let mut last = None;
    while let Some(token) = stream.next() {
        if last.replace(token.position) != Some(token.position) {
            each(token);
        }
    }
}

/// The English stop words among the words of `text`, lower-cased, each once, in order, as
/// the index's analysis finds its words: `A&M` is one word, and holds no `a`.
pub fn stop_words_in(text: &str) -> Vec<String> {
    let mut tokenizer = WordTokenizer::with(true, Stemming::None);
    let mut stream = tokenizer.token_stream(text);
    let mut words: Vec<String> = Vec::new();
    while let Some((start, end, kind)) = stream.next_word() {
        let word = text[start..end].to_ascii_lowercase();
        if kind == Kind::Ascii && is_stop_word(&word) && !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// Whether every word of `text` is written as folding leaves it, letter case aside: typed
/// without accents, points or the letters folding reads as others (`federee`, `عثمانيه`),
/// so that each may be the folded form of a word written with them (see [`FOLDED_STEM`]).
pub fn is_folded(text: &str) -> bool {
    if text.is_ascii() {
        return true;
    }
    let mut words = TextAnalyzer::from(WordTokenizer::words());
    let mut stream = words.token_stream(text);
    while let Some(word) = stream.next() {
        if word.text != text[word.offset_from..word.offset_to].to_lowercase() {
            return false;
        }
    }
    true
}

/// What kind of characters a word found in the text is made of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// ASCII letters and digits only.
    Ascii,
    /// Other letters and digits (some not ASCII).
    Other,
    /// A run of [`is_unspaced`] characters, split into bigrams.
    Cjk,
    /// Single ASCII letters each followed by a full stop (`U.S.`, `U.S.S.R.`): one word of
    /// those letters (`us`, `ussr`), as Lucene's classic tokenizer reads an acronym, so
    /// that `USSR` finds `U.S.S.R.`.
    Acronym,
    /// Short ASCII words joined by ampersands (`AT&T`, `R&B`, `LB&SCR`): one word, with
    /// its ampersands, as Lucene's classic tokenizer reads a company's name, so that `A&M`
    /// is not the stop word `a` and the letter `m`; and a short word with the signs that
    /// name a programming language or a note (`C++`, `C#`), which is not the letter `c`.
    Signed,
    /// A Hebrew abbreviation written with gershayim (`צה"ל`, `ארה״ב`): one word of its
    /// letters, so that either mark, or none, finds it.
    Gershayim,
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
    language: Option<Stemmer>,
    /// Whether the marked language has a stemmer; when false, words are left as written.
    language_stems: bool,
    /// The mark of the text's language when it is stemmed and not English: put before
    /// each stem (see [`unmarked_stem`]).
    stem_mark: String,
    /// Whether each Han character (and Hangul syllable) of a longer CJK run is a token too,
    /// behind its bigram: what the index holds, and snippets look for; a query reads a
    /// run's bigrams alone.
    han_unigrams: bool,
    token: Token,
    /// Lower-cases and folds one word with non-ASCII characters.
    fold: TextAnalyzer,
    stemmer: WordStemmer,
}

impl WordTokenizer {
    /// The analysis of queries of the index's text fields: stop words dropped, every word
    /// stemmed.
    pub fn text() -> WordTokenizer {
        WordTokenizer::with(true, Stemming::All)
    }

    /// The analysis of the index's text fields: [`WordTokenizer::text`], with each Han
    /// character and Hangul syllable of a CJK run as a word of its own too, at the
    /// position of the bigram it starts, so that a query of one character finds it
    /// ([`han::stands_alone`]).
    pub fn indexed() -> WordTokenizer {
        WordTokenizer {
            han_unigrams: true,
            ..WordTokenizer::text()
        }
    }

    /// Words as written, lower-cased and folded: nothing dropped but over-long words,
    /// nothing stemmed, no acronym joined.
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
        WordTokenizer {
            han_unigrams: true,
            ..WordTokenizer::with(true, Stemming::Anchors(anchors.into()))
        }
    }

    fn with(stop_words: bool, stemming: Stemming) -> WordTokenizer {
        WordTokenizer {
            stop_words,
            stemming,
            language: None,
            language_stems: true,
            stem_mark: String::new(),
            han_unigrams: false,
            token: Token::default(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            stemmer: WordStemmer::new(),
        }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        let mut at = 0;
        self.language = None;
        self.language_stems = true;
        self.stem_mark.clear();
        if let Some((code, length)) = crate::language::read_mark(text) {
            at = length;
            let stemmer = crate::language::stemmer(code);
            self.language = stemmer.filter(|l| *l != crate::language::ENGLISH);
            self.language_stems = stemmer.is_some();
            if self.language.is_some() {
                self.stem_mark.push_str(&text[..length]);
            }
        }
        WordStream {
            text,
            at,
            next: None,
            bigrams: None,
            unigrams: Vec::new(),
            others: Vec::new(),
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
    /// The Han characters of the current bigram to come next as words of their own, at
    /// its position (see [`WordTokenizer::indexed`]), the next one last.
    unigrams: Vec<(usize, usize)>,
    /// The other terms of the current word, to come next at the same position, the next
    /// one last (see [`WordTokenizer::stems_other`]).
    others: Vec<String>,
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
                    CharKind::Letter if !is_ignorable(c) => break i,
                    CharKind::Letter => i += c.len_utf8(),
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
        let mut gershayim = false;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if is_ascii_word_byte(b) {
                    i += 1;
                    continue;
                }
                if b != b'"' || ascii {
                    break;
                }
            }
            let Some(c) = text[i..]
                .chars()
                .next()
                .filter(|&c| char_kind(c) == CharKind::Letter)
            else {
                match gershayim_end(text, i).filter(|_| !ascii) {
                    Some(end) => {
                        gershayim = true;
                        i = end;
                        continue;
                    }
                    None => break,
                }
            };
            ascii = false;
            i += c.len_utf8();
        }
        if gershayim {
            self.at = i;
            return Some((start, i, Kind::Gershayim));
        }
        // The index's analysis joins an acronym's letters; words as written (the word
        // dictionary's, for near spellings of words longer than any acronym) do not.
        if ascii
            && i - start == 1
            && self.tokenizer.stop_words
            && bytes[start].is_ascii_alphabetic()
        {
            if let Some(end) = acronym_end(bytes, i) {
                self.at = end;
                return Some((start, end, Kind::Acronym));
            }
        }
        if ascii && self.tokenizer.stop_words {
            if let Some(end) = signed_end(bytes, start, i) {
                self.at = end;
                return Some((start, end, Kind::Signed));
            }
        }
        // The character that ended the word is a separator (or starts a CJK run): the next
        // search starts there.
        self.at = i;
        Some((start, i, if ascii { Kind::Ascii } else { Kind::Other }))
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(stem) = self.others.pop() {
            self.tokenizer.token.text = stem;
            return true;
        }
        if let Some((start, end)) = self.unigrams.pop() {
            self.set_text(start, end);
            return true;
        }
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
            let ascii = matches!(kind, Kind::Ascii | Kind::Acronym | Kind::Signed);
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
            let letters: String;
            let word = match kind {
                Kind::Acronym => {
                    letters = self.text[start..end].replace('.', "");
                    letters.as_str()
                }
                Kind::Gershayim => {
                    letters = self.text[start..end].replace(['"', '\u{05F4}'], "");
                    letters.as_str()
                }
                _ => &self.text[start..end],
            };
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
            let composed: String;
            let word = if ascii {
                t.token.text.push_str(word);
                t.token.text.make_ascii_lowercase();
                word
            } else {
                let word = match is_nfkc_quick(word.chars()) {
                    IsNormalized::Yes if !word.contains(is_unspelled) => word,
                    // Composing may give characters that are no part of a word (`ﹲ` is
                    // a space and a mark, `⒈` is `1.`): they are left out, as are those
                    // inside it that no term spells.
                    _ => {
                        composed = (word.nfkc())
                            .filter(|&c| is_word_char(c) && !is_unspelled(c))
                            .collect();
                        composed.as_str()
                    }
                };
                fold_into(&mut t.fold, word, &mut t.token.text);
                // A word of marks alone is no word.
                if t.token.text.is_empty() {
                    continue;
                }
                word
            };
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
            match t.language {
                _ if !stem => {}
                _ if english => t.stemmer.stem_in_place(&mut t.token.text),
                None => {}
                Some(language) => {
                    let folded = std::mem::take(&mut t.token.text);
                    let (stem, mut others) = t.stems_other(language, word, &folded);
                    t.token.text = stem;
                    others.reverse();
                    self.others = others;
                }
            }
            // Arabic's stemmer leaves nothing of a tatweel with its marks.
            if t.token.text.is_empty() {
                self.others.clear();
                continue;
            }
            if stem && t.language.is_some() {
                t.token.text.insert_str(0, &t.stem_mark);
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
mod tests;
