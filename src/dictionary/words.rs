//! Finding the distinct words of an article, as the dictionary counts them.

use tantivy::tokenizer::{TokenStream, Tokenizer};

use crate::analyzer::{WordTokenizer, MAX_WORD_BYTES};
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

/// Lists each word of a text once, lower-cased and folded exactly as
/// [`WordTokenizer::words`] makes them; one per thread, since it keeps its buffers.
///
/// It finds words without making tokens: words of ASCII letters and digits (nearly all of
/// English text) are hashed as they are scanned and copied only the first time, and only
/// other words go through the tokenizer. Words are told apart by their 64-bit hash: odds of
/// a collision within one article are about 1 in 10^14, and one would at worst leave a word
/// out of the dictionary.
pub(crate) struct WordFinder {
    tokenizer: WordTokenizer,
    /// Open-addressing set of the hashes seen in the current article: a slot is taken when
    /// its stamp is the current one, so starting an article clears nothing.
    slots: Vec<(u64, u32)>,
    stamp: u32,
    /// Words in the set.
    len: usize,
}

impl Default for WordFinder {
    fn default() -> Self {
        WordFinder {
            tokenizer: WordTokenizer::words(),
            slots: vec![(0, 0); 4096],
            stamp: 0,
            len: 0,
        }
    }
}

impl WordFinder {
    /// Every word of `texts` once.
    pub(crate) fn distinct<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) -> WordList {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            self.slots.iter_mut().for_each(|s| *s = (0, 0));
            self.stamp = 1;
        }
        self.len = 0;
        let mut list = WordList::default();
        for text in texts {
            self.scan(text, &mut list);
        }
        list
    }

    /// Every word of `article` once: title, headings, text and reading list (the words an
    /// article's documents hold; the index stores them all, so removing the article later
    /// finds the same words in its stored documents).
    pub(crate) fn article(&mut self, article: &Article) -> WordList {
        let mut texts: Vec<&str> = vec![&article.title];
        for section in &article.sections {
            texts.extend(section.headings.iter().map(String::as_str));
            texts.push(&section.text);
        }
        for entry in &article.reading {
            texts.extend([entry.heading.as_str(), entry.title.as_str()]);
            texts.extend(entry.author.as_deref());
        }
        self.distinct(texts)
    }

    /// Add the words of `text` to `list`. Words are split as [`WordTokenizer`] splits them:
    /// runs of alphanumeric characters.
    fn scan(&mut self, text: &str, list: &mut WordList) {
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
                    i = self.other_word(text, start, list);
                } else if i - start < MAX_WORD_BYTES && self.insert(h) {
                    let at = list.text.len();
                    list.text.push_str(&text[start..i]);
                    list.text[at..].make_ascii_lowercase();
                    list.text.push(' ');
                    list.hashes.push(h);
                }
            } else if b.is_ascii() {
                i += 1;
            } else if continues_word(text, i) {
                i = self.other_word(text, i, list);
            } else {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// Add the word starting at `start` that holds a non-ASCII character, made by the
    /// tokenizer; returns where the word ends.
    fn other_word(&mut self, text: &str, start: usize, list: &mut WordList) -> usize {
        let end = text[start..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(text.len(), |(i, _)| start + i);
        let mut stream = self.tokenizer.token_stream(&text[start..end]);
        let Some(token) = stream.next() else {
            return end; // too long
        };
        let at = list.text.len();
        list.text.push_str(&token.text);
        let h = word_hash(&list.text.as_bytes()[at..]);
        if self.insert(h) {
            list.text.push(' ');
            list.hashes.push(h);
        } else {
            list.text.truncate(at);
        }
        end
    }

    /// Add `h` to the set; false if it was there.
    fn insert(&mut self, h: u64) -> bool {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        // The FNV hash's low bits are its weakest: spread them with a multiplication.
        let mut at = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        loop {
            let slot = &mut self.slots[at];
            if slot.1 != self.stamp {
                *slot = (h, self.stamp);
                self.len += 1;
                return true;
            }
            if slot.0 == h {
                return false;
            }
            at = (at + 1) & mask;
        }
    }

    /// Double the set, keeping the current article's hashes.
    fn grow(&mut self) {
        let doubled = vec![(0, 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.len = 0;
        for (h, stamp) in old {
            if stamp == self.stamp {
                self.insert(h);
            }
        }
    }
}

/// Whether the character at byte `i` of `text` is alphanumeric.
fn continues_word(text: &str, i: usize) -> bool {
    text[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric())
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
                if seen.insert(token.text.clone()) {
                    list.text.push_str(&token.text);
                    list.text.push(' ');
                    list.hashes.push(word_hash(token.text.as_bytes()));
                }
            }
        }
        list
    }

    #[test]
    fn lists_each_word_once_folded_and_unstemmed() {
        let mut finder = WordFinder::default();
        let words = finder.distinct(["The Treaty of Rapallo", "treaties; the TREATY, Zürich"]);
        assert_eq!(words.text, "the treaty of rapallo treaties zurich ");
        assert_eq!(words.hashes[1], word_hash(b"treaty"));
        // The next call starts afresh.
        assert_eq!(finder.distinct(["treaty"]).text, "treaty ");
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
