//! Finding the distinct words of an article, as the dictionary counts them, and the
//! scanner and hash table that [`super::tally`] shares.

use std::ops::Range;

use tantivy::tokenizer::{TokenStream, Tokenizer};
use unicode_normalization::{is_nfkc_quick, IsNormalized, UnicodeNormalization};

use crate::analyzer::{is_word_char, WordTokenizer, MAX_WORD_BYTES};
use crate::corpus::Article;

/// The distinct words of one article, in order of first use.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct WordList {
    /// The words, each followed by a space.
    pub text: String,
    /// [`word_hash`] of each word, in the same order.
    pub hashes: Vec<u64>,
}

impl WordList {
    /// Each word with its hash.
    pub(crate) fn words(&self) -> impl Iterator<Item = (u64, &str)> {
        self.hashes
            .iter()
            .copied()
            .zip(self.text.split_terminator(' '))
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// The 64-bit FNV-1a hash of a word: one multiplication per byte, cheap enough to compute
/// while the word is being found. Words are told apart by it (see [`WordFinder`]).
pub(crate) fn word_hash(word: &[u8]) -> u64 {
    word.iter().fold(FNV_OFFSET, |h, &b| fnv(h, b))
}

#[inline]
fn fnv(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
}

/// Receives the words a [`WordScanner`] finds.
pub(super) trait WordSink {
    /// One word, `text[range]`, with `h` the [`word_hash`] of its lower-cased, folded form:
    /// the word itself when `folded` (`text` is then the scanner's buffer), else the word as
    /// written (ASCII), to be lower-cased if kept. `written` is where the word is in the
    /// text scanned.
    fn word(
        &mut self,
        h: u64,
        text: &str,
        range: Range<usize>,
        folded: bool,
        written: Range<usize>,
    );
}

/// Finds the words of a text, lower-cased and folded exactly as [`WordTokenizer::words`]
/// makes them, without making tokens: words of ASCII letters and digits (nearly all of
/// English text) are hashed as they are scanned and handed over as written; only other
/// words go through the tokenizer.
pub(super) struct WordScanner {
    tokenizer: WordTokenizer,
    /// The folded form of the last word with a non-ASCII character.
    folded: String,
}

impl Default for WordScanner {
    fn default() -> Self {
        WordScanner {
            tokenizer: WordTokenizer::words(),
            folded: String::new(),
        }
    }
}

impl WordScanner {
    /// Hand every word of `text` to `sink`. Words are split as [`WordTokenizer`] splits
    /// them: runs of alphanumeric characters.
    pub(super) fn scan(&mut self, text: &str, sink: &mut impl WordSink) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                let start = i;
                let mut h = FNV_OFFSET;
                while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_alphanumeric()) {
                    h = fnv(h, b.to_ascii_lowercase());
                    i += 1;
                }
                if bytes.get(i).is_some_and(|b| !b.is_ascii()) && continues_word(text, i) {
                    i = self.other_word(text, start, sink);
                } else if i - start < MAX_WORD_BYTES {
                    sink.word(h, text, start..i, false, start..i);
                }
            } else if b.is_ascii() {
                i += 1;
            } else if continues_word(text, i) {
                i = self.other_word(text, i, sink);
            } else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// Hand over the word starting at `start` that holds a non-ASCII character, made by the
    /// tokenizer (which splits off CJK runs as bigrams); returns where the word ends.
    fn other_word(&mut self, text: &str, start: usize, sink: &mut impl WordSink) -> usize {
        let end = text[start..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| start + i);
        // Usually one word; a CJK run inside it gives its bigrams as well (and a word too
        // long gives none).
        let mut stream = self.tokenizer.token_stream(&text[start..end]);
        while let Some(token) = stream.next() {
            self.folded.clear();
            self.folded.push_str(&token.text);
            let h = word_hash(self.folded.as_bytes());
            let written = start + token.offset_from..start + token.offset_to;
            sink.word(h, &self.folded, 0..self.folded.len(), true, written);
        }
        end
    }
}

/// Starts and separates a dictionary key that records how a word is written where folding
/// changed more than its letter case: `WRITTEN zurich WRITTEN zürich` counts the articles
/// writing `zurich` as `Zürich` (lower-cased), so that a suggestion or a completion can be
/// shown as people write it ([`super::Dictionary::shown`]). A private-use character: no
/// word holds one, and no lookup of a word reaches these keys.
const WRITTEN: char = '\u{E010}';

/// Starts the dictionary key of a long word spelled backwards (`ENDING giekrtlew` for
/// `weltkrieg`), counted as the word is, so that the words ending in a given one are a
/// range of keys: the compounds a German, Dutch or Scandinavian word may end ([`super::Dictionary::ending_with`]).
/// A private-use character, as [`WRITTEN`] is.
const ENDING: char = '\u{E011}';

/// Words shorter than this (in characters) have no [`ENDING`] key: a compound is a word
/// of four characters or more in front of one of four or more.
pub(crate) const MIN_ENDING_CHARS: usize = 8;

/// The [`ENDING`] key of `key`, a word of the dictionary: `None` for a short word and for
/// the keys that are not words.
pub(super) fn ending_key(key: &str) -> Option<String> {
    if key.starts_with([WRITTEN, ENDING]) || key.chars().nth(MIN_ENDING_CHARS - 1).is_none() {
        return None;
    }
    Some(std::iter::once(ENDING).chain(key.chars().rev()).collect())
}

/// The range of [`ENDING`] keys of the words ending in `ending`.
pub(super) fn ending_keys(ending: &str) -> (String, Option<Vec<u8>>) {
    let from: String = std::iter::once(ENDING)
        .chain(ending.chars().rev())
        .collect();
    let to = super::prefix_upper_bound(from.as_bytes());
    (from, to)
}

/// The word an [`ENDING`] key stands for.
pub(super) fn ending_word(key: &str) -> Option<String> {
    let rest = key.strip_prefix(ENDING)?;
    Some(rest.chars().rev().collect())
}

/// Start `key` as every [`written_key`] of the word `folded` starts: `WRITTEN folded
/// WRITTEN`.
fn start_written_key(key: &mut String, folded: &str) {
    key.clear();
    key.push(WRITTEN);
    key.push_str(folded);
    key.push(WRITTEN);
}

/// The range of keys holding the written forms of the word `folded`: from the first
/// string up to, not including, the second.
pub(super) fn written_keys(folded: &str) -> (String, String) {
    let mut from = String::new();
    start_written_key(&mut from, folded);
    let mut to = from.clone();
    to.pop();
    to.push(char::from_u32(WRITTEN as u32 + 1).unwrap_or(char::MAX));
    (from, to)
}

/// A hash of a word's spelling as written (not lower-cased), told apart from every
/// [`word_hash`] by its first byte, which no UTF-8 text has: an article's sinks make a
/// spelling's [`written_key`] only the first time they meet the spelling in it, for a
/// spelling costs a hash of its bytes, while its key costs lower-casing and normalizing.
pub(super) fn spelling_hash(written: &str) -> u64 {
    written.bytes().fold(fnv(FNV_OFFSET, 0xFF), fnv)
}

/// Make `key` the [`WRITTEN`] key of the word `written`, whose folded form is `folded`,
/// and say whether there is one: not for a word written as folding leaves it (letter case
/// aside), nor for one whose written form holds what is not a letter or digit. The written
/// form is lower-cased and in compatibility-composed form (a ligature `ﬁ` as `fi`), and a
/// Turkish capital `İ` lower-cases to a plain `i`.
pub(crate) fn written_key(folded: &str, written: &str, key: &mut String) -> bool {
    start_written_key(key, folded);
    let at = key.len();
    key.extend(written.chars().flat_map(char::to_lowercase));
    if is_nfkc_quick(key[at..].chars()) != IsNormalized::Yes {
        let normal: String = key[at..].nfkc().collect();
        key.truncate(at);
        key.push_str(&normal);
    }
    if key[at..].contains("i\u{307}") {
        let dotless = key[at..].replace("i\u{307}", "i");
        key.truncate(at);
        key.push_str(&dotless);
    }
    key[at..] != *folded && key[at..].chars().all(is_word_char)
}

/// Append `word` to `text`, lower-cased unless already `folded`.
pub(super) fn push_folded(text: &mut String, word: &str, folded: bool) {
    let at = text.len();
    text.push_str(word);
    if !folded {
        text[at..].make_ascii_lowercase();
    }
}

/// The texts of an article that hold its words: title, headings, text and reading list
/// (the words its documents hold; the index stores them all, so removing the article later
/// finds the same words in its stored documents). A name made up for an untitled record
/// holds none.
pub(super) fn article_texts(article: &Article) -> impl Iterator<Item = &str> {
    let sections = article.sections.iter().flat_map(|section| {
        (section.headings.iter().map(String::as_str)).chain([section.text.as_str()])
    });
    let reading = article.reading.iter().flat_map(|entry| {
        [entry.heading.as_str(), entry.title.as_str()]
            .into_iter()
            .chain(entry.author.as_deref())
    });
    std::iter::once(article.searched_title())
        .chain(sections)
        .chain(reading)
}

/// An open-addressing table keyed by word hash, doubling when half full.
///
/// Whether a slot is taken is for the caller to say from its value: a [`WordFinder`]
/// stamps its slots with the current article, so moving to the next stamp empties its set;
/// a [`WordTally`](super::WordTally) marks free slots with article 0.
pub(super) struct HashTable<V> {
    pub(super) slots: Vec<(u64, V)>,
    /// Slots in use.
    len: usize,
}

impl<V: Copy + Default> HashTable<V> {
    pub(super) fn with_slots(n: usize) -> HashTable<V> {
        HashTable {
            slots: vec![(0, V::default()); n],
            len: 0,
        }
    }

    /// The slot of `h`, or the free slot where it belongs (`taken` tells used slots), and
    /// whether `h` is there.
    pub(super) fn find(&mut self, h: u64, taken: impl Fn(&V) -> bool) -> (usize, bool) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow(&taken);
        }
        self.probe(h, &taken)
    }

    /// Free every slot of a table whose values tell used slots by a stamp that has just
    /// changed (the slots keep their values, which no longer count as used).
    pub(super) fn clear(&mut self) {
        self.len = 0;
    }

    /// Where the search for `h` starts.
    fn home_index(&self, h: u64) -> usize {
        // The FNV hash's low bits are its weakest: spread them with a multiplication.
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (self.slots.len() - 1)
    }

    /// The slot where the search for `h` starts.
    pub(super) fn home(&self, h: u64) -> &(u64, V) {
        &self.slots[self.home_index(h)]
    }

    fn probe(&self, h: u64, taken: &impl Fn(&V) -> bool) -> (usize, bool) {
        let mask = self.slots.len() - 1;
        let mut at = self.home_index(h);
        loop {
            let slot = &self.slots[at];
            if !taken(&slot.1) {
                return (at, false);
            }
            if slot.0 == h {
                return (at, true);
            }
            at = (at + 1) & mask;
        }
    }

    /// Take the free slot `at` (from [`HashTable::find`]) for `h`.
    pub(super) fn take(&mut self, at: usize, h: u64, value: V) {
        self.slots[at] = (h, value);
        self.len += 1;
    }

    /// Double the table, keeping the used slots.
    fn grow(&mut self, taken: &impl Fn(&V) -> bool) {
        let doubled = vec![(0, V::default()); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        for (h, value) in old {
            if taken(&value) {
                let (at, _) = self.probe(h, taken);
                self.slots[at] = (h, value);
            }
        }
    }
}

/// Lists each word of a text once, lower-cased and folded exactly as
/// [`WordTokenizer::words`] makes them; one per thread, since it keeps its buffers.
///
/// Words are told apart by their 64-bit hash: odds of a collision within one article are
/// about 1 in 10^14, and one would at worst leave a word out of the dictionary.
pub(crate) struct WordFinder {
    scanner: WordScanner,
    /// The hashes seen in the current article, by stamp (see [`HashTable`]).
    seen: HashTable<u32>,
    stamp: u32,
}

impl Default for WordFinder {
    fn default() -> Self {
        WordFinder {
            scanner: WordScanner::default(),
            seen: HashTable::with_slots(4096),
            stamp: 0,
        }
    }
}

/// A [`WordFinder`] listing one article's words.
struct ListSink<'a> {
    seen: &'a mut HashTable<u32>,
    stamp: u32,
    list: &'a mut WordList,
    /// The text being scanned.
    scanned: &'a str,
    key: String,
}

impl ListSink<'_> {
    fn add(&mut self, h: u64, word: &str, folded: bool) {
        let stamp = self.stamp;
        let (at, found) = self.seen.find(h, |&s| s == stamp);
        if !found {
            self.seen.take(at, h, stamp);
            push_folded(&mut self.list.text, word, folded);
            self.list.text.push(' ');
            self.list.hashes.push(h);
        }
    }
}

impl WordSink for ListSink<'_> {
    fn word(
        &mut self,
        h: u64,
        text: &str,
        range: Range<usize>,
        folded: bool,
        written: Range<usize>,
    ) {
        let word = &text[range];
        self.add(h, word, folded);
        if folded {
            let written = &self.scanned[written];
            let stamp = self.stamp;
            let (at, seen) = self.seen.find(spelling_hash(written), |&s| s == stamp);
            if !seen {
                self.seen.take(at, spelling_hash(written), stamp);
                let mut key = std::mem::take(&mut self.key);
                if written_key(word, written, &mut key) {
                    self.add(word_hash(key.as_bytes()), &key, true);
                }
                self.key = key;
            }
        }
    }
}

impl WordFinder {
    /// Every word of `texts` once.
    pub(crate) fn distinct<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) -> WordList {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.seen.slots.iter_mut().for_each(|s| *s = (0, 0));
            self.stamp = 1;
        }
        self.seen.clear();
        let mut list = WordList::default();
        let mut sink = ListSink {
            seen: &mut self.seen,
            stamp: self.stamp,
            list: &mut list,
            scanned: "",
            key: String::new(),
        };
        for text in texts {
            sink.scanned = text;
            self.scanner.scan(text, &mut sink);
        }
        list
    }

    /// Every word of `article` once (see [`article_texts`]).
    pub(crate) fn article(&mut self, article: &Article) -> WordList {
        self.distinct(article_texts(article))
    }
}

/// Whether the character at byte `i` of `text` is alphanumeric.
fn continues_word(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// What the finder must give: the tokenizer's words, each once, in order.
    fn expected(texts: &[&str]) -> WordList {
        let mut tokenizer = WordTokenizer::words();
        let mut seen = HashSet::new();
        let mut list = WordList::default();
        for text in texts {
            let mut stream = tokenizer.token_stream(text);
            while let Some(token) = stream.next() {
                let mut words = vec![token.text.clone()];
                let mut key = String::new();
                let written = &text[token.offset_from..token.offset_to];
                if !written.is_ascii() && written_key(&token.text, written, &mut key) {
                    words.push(key);
                }
                for word in words {
                    if seen.insert(word.clone()) {
                        list.text.push_str(&word);
                        list.text.push(' ');
                        list.hashes.push(word_hash(word.as_bytes()));
                    }
                }
            }
        }
        list
    }

    #[test]
    fn lists_each_word_once_folded_and_unstemmed() {
        let mut finder = WordFinder::default();
        let words = finder.distinct(["The Treaty of Rapallo", "treaties; the TREATY, Zürich"]);
        assert_eq!(
            words.text,
            "the treaty of rapallo treaties zurich \u{E010}zurich\u{E010}zürich "
        );
        assert_eq!(words.hashes[1], word_hash(b"treaty"));
        // The next call starts afresh.
        assert_eq!(finder.distinct(["treaty"]).text, "treaty ");
    }

    #[test]
    fn a_word_folding_changes_is_also_counted_as_written() {
        let mut key = String::new();
        let mut written = |folded: &str, written: &str| {
            written_key(folded, written, &mut key)
                .then(|| key[key.rfind(WRITTEN).unwrap() + 3..].to_string())
        };
        assert_eq!(written("zurich", "Zürich").as_deref(), Some("zürich"));
        assert_eq!(written("strasse", "STRASSE"), None);
        assert_eq!(written("strasse", "Straße").as_deref(), Some("straße"));
        assert_eq!(written("istanbul", "İstanbul"), None);
        assert_eq!(written("izmir", "İzmir"), None);
        assert_eq!(written("finance", "ﬁnance"), None);
        assert_eq!(written("москва", "Москва"), None);
        assert_eq!(written("елка", "Ёлка").as_deref(), Some("ёлка"));
        assert_eq!(written("lodz", "Łódź").as_deref(), Some("łódź"));
    }

    #[test]
    fn an_article_with_many_words_grows_the_set() {
        let text: String = (0..10_000).map(|i| format!("w{i} ")).collect();
        let mut finder = WordFinder::default();
        let words = finder.distinct([text.as_str(), "w17 w9999 new"]);
        assert_eq!(words, expected(&[&text, "w17 w9999 new"]));
        assert_eq!(finder.distinct(["w17"]).text, "w17 ");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn equals_the_tokenizer_on_any_text(a in "\\PC{0,120}", b in "\\PC{0,60}") {
            let mut finder = WordFinder::default();
            prop_assert_eq!(finder.distinct([a.as_str(), b.as_str()]), expected(&[&a, &b]));
        }

        #[test]
        fn an_articles_words_do_not_depend_on_the_order_of_its_texts(
            a in "([a-zA-Z]{1,6}|[ ,]|Zürich|ZÜRICH|zurich|ﬁne|Straße|İz){0,12}",
            b in "([a-zA-Z]{1,6}|[ ,]|Zürich|ZÜRICH|zurich|ﬁne|Straße|İz){0,12}",
        ) {
            // What the index adds is found again, in another order, when it is removed.
            let mut finder = WordFinder::default();
            let mut forward: Vec<String> = finder.distinct([a.as_str(), b.as_str()]).text
                .split_terminator(' ').map(str::to_string).collect();
            let mut backward: Vec<String> = finder.distinct([b.as_str(), a.as_str()]).text
                .split_terminator(' ').map(str::to_string).collect();
            forward.sort();
            backward.sort();
            prop_assert_eq!(forward, backward);
        }

        #[test]
        fn equals_the_tokenizer_on_mostly_ascii_text(
            a in "([a-zA-Z0-9]{1,45}|[ .,;'_-]|é|ß|İ|\\x{212A}|Σ|ﬁ|٣){0,40}",
            b in "([a-zA-Z]{1,8}|[ ,]|É){0,20}",
        ) {
            let mut finder = WordFinder::default();
            // Twice: the second article must not see the first one's words.
            prop_assert_eq!(finder.distinct([a.as_str(), b.as_str()]), expected(&[&a, &b]));
            prop_assert_eq!(finder.distinct([b.as_str()]), expected(&[&b]));
        }
    }
}
