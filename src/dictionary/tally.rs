//! Counting, over a whole build, how many articles use each word.

use std::ops::Range;

use super::words::{
    article_texts, push_folded, spelling_hash, word_hash, written_key, HashTable, WordScanner,
    WordSink,
};
use super::WordCounts;
use crate::corpus::Article;
use crate::prefetch::prefetch;

/// Counts how many articles use each word, for a build: what [`WordFinder::article`](super::WordFinder::article) and
/// [`WordCounts::add_article`] count together, in one hash lookup per word of the text
/// instead of one per word plus one per distinct word, without listing the words.
///
/// The words of each text are found first and then counted, so that the table slot of a
/// word a few places ahead can be fetched into the cache while this one is counted: during
/// a build, tantivy's tables push the tally's out of the cache, and the lookups waited on
/// memory (most of their time on one load, in `perf`).
pub(crate) struct WordTally {
    scanner: WordScanner,
    table: HashTable<Tally>,
    /// Each word counted, followed by a space, in order of first use.
    words: String,
    article: u32,
    /// The words of the text being counted, and the folded forms of those not ASCII.
    found: Vec<Found>,
    folded: String,
    /// The spellings of words that are not ASCII met in the current article, by
    /// [`spelling_hash`], each stamped with the article (see [`HashTable`]).
    spellings: HashTable<u32>,
    /// A spelling's [`written_key`].
    key: String,
}

/// What a [`WordTally`] knows of one word.
#[derive(Clone, Copy, Default)]
struct Tally {
    /// The last article that used it, counting from 1 (0: a free slot).
    article: u32,
    /// Articles using it.
    count: u32,
    /// Where it starts in [`WordTally::words`].
    at: u32,
}

/// A word found in a text: its hash, and where it is in the text (or, if `folded`, in the
/// folded forms), and where it is written in the text.
#[derive(Clone, Copy)]
struct Found {
    h: u64,
    start: u32,
    end: u32,
    folded: bool,
    written: (u32, u32),
}

/// How many words ahead a [`WordTally`] fetches table slots: enough to cover a load from
/// memory while the words in between are counted.
const LOOKAHEAD: usize = 8;

impl Default for WordTally {
    fn default() -> Self {
        WordTally {
            scanner: WordScanner::default(),
            table: HashTable::with_slots(4096),
            words: String::new(),
            article: 0,
            found: Vec::new(),
            folded: String::new(),
            spellings: HashTable::with_slots(256),
            key: String::new(),
        }
    }
}

/// Collects the words a [`WordScanner`] finds for a [`WordTally`].
struct Collect<'a> {
    found: &'a mut Vec<Found>,
    folded: &'a mut String,
}

impl WordSink for Collect<'_> {
    fn word(
        &mut self,
        h: u64,
        text: &str,
        range: Range<usize>,
        folded: bool,
        written: Range<usize>,
    ) {
        let (start, end) = if folded {
            let at = self.folded.len();
            self.folded.push_str(&text[range]);
            (at, self.folded.len())
        } else {
            (range.start, range.end)
        };
        self.found.push(Found {
            h,
            start: start as u32,
            end: end as u32,
            folded,
            written: (written.start as u32, written.end as u32),
        });
    }
}

impl WordTally {
    /// Count one article using each word of `article` (see [`article_texts`]).
    pub(crate) fn article(&mut self, article: &Article) {
        // Article 0 would mark free slots (four billion articles are not expected).
        self.article = self.article.wrapping_add(1).max(1);
        self.spellings.clear();
        for text in article_texts(article) {
            self.found.clear();
            self.folded.clear();
            let mut collect = Collect {
                found: &mut self.found,
                folded: &mut self.folded,
            };
            self.scanner.scan(text, &mut collect);
            for (i, found) in self.found.iter().enumerate() {
                if let Some(ahead) = self.found.get(i + LOOKAHEAD) {
                    prefetch(self.table.home(ahead.h));
                }
                let source = if found.folded { &self.folded } else { text };
                let word = &source[found.start as usize..found.end as usize];
                let (table, words) = (&mut self.table, &mut self.words);
                count(table, words, self.article, found.h, word, found.folded);
                if found.folded {
                    let (start, end) = found.written;
                    let written = &text[start as usize..end as usize];
                    let h = spelling_hash(written);
                    let article = self.article;
                    let (at, seen) = self.spellings.find(h, |&a| a == article);
                    if !seen {
                        self.spellings.take(at, h, article);
                        let mut key = std::mem::take(&mut self.key);
                        if written_key(word, written, &mut key) {
                            let h = word_hash(key.as_bytes());
                            count(table, words, article, h, &key, true);
                        }
                        self.key = key;
                    }
                }
            }
        }
    }

    /// The counts, as changes to an empty dictionary.
    pub(crate) fn into_counts(self) -> WordCounts {
        let mut counts = WordCounts::default();
        for &(h, tally) in &self.table.slots {
            if tally.article != 0 {
                let word = &self.words[tally.at as usize..];
                let word = &word[..word.find(' ').unwrap_or(word.len())];
                counts.change(h, word, i64::from(tally.count));
            }
        }
        counts
    }
}

/// Count `article` using `word` (lower-cased unless `folded`), whose hash is `h`, in
/// `table` (the word kept in `words` when new).
fn count(
    table: &mut HashTable<Tally>,
    words: &mut String,
    article: u32,
    h: u64,
    word: &str,
    folded: bool,
) {
    let (at, known) = table.find(h, |t| t.article != 0);
    if known {
        let tally = &mut table.slots[at].1;
        if tally.article != article {
            tally.article = article;
            tally.count += 1;
        }
    } else {
        let tally = Tally {
            article,
            count: 1,
            at: words.len() as u32,
        };
        push_folded(words, word, folded);
        words.push(' ');
        table.take(at, h, tally);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::WordFinder;
    use proptest::prelude::*;

    fn article(title: &str, body: &str, book: &str) -> Article {
        use crate::corpus::{ReadingEntry, Section};
        Article {
            id: title.into(),
            path: format!("{title}.txt"),
            title: title.into(),
            untitled: false,
            year: None,
            lang: "en",
            sections: vec![Section {
                headings: vec!["Background".into()],
                text: body.into(),
                position: 0,
                year: None,
                page: None,
            }],
            reading: vec![ReadingEntry {
                title: book.into(),
                author: Some("Émile Zola".into()),
                heading: "Further reading".into(),
                context: String::new(),
                section: None,
            }],
            tags: Vec::new(),
            authors: Vec::new(),
            record: None,
        }
    }

    /// Every (word, articles) pair of a dictionary built from `counts`.
    fn counted(counts: WordCounts) -> Vec<(String, u64)> {
        let (dictionary, _) = counts
            .apply(
                &crate::dictionary::Dictionary::empty(),
                crate::dictionary::Generation::default(),
            )
            .unwrap();
        let mut all = Vec::new();
        dictionary.for_each(|w, n| {
            all.push((w.to_string(), n));
            true
        });
        all
    }

    /// What the tally must count: the finder's words of each article, counted.
    fn listed_and_counted(articles: &[Article]) -> Vec<(String, u64)> {
        let mut finder = WordFinder::default();
        let mut counts = WordCounts::default();
        for a in articles {
            counts.add_article(&finder.article(a));
        }
        counted(counts)
    }

    fn tallied(articles: &[Article]) -> Vec<(String, u64)> {
        let mut tally = WordTally::default();
        for a in articles {
            tally.article(a);
        }
        counted(tally.into_counts())
    }

    #[test]
    fn a_tally_counts_articles_not_uses() {
        let articles = [
            article(
                "Rapallo",
                "The treaty, the TREATY and the treaty.",
                "Treaty",
            ),
            article("Zürich", "A treaty in Zürich.", "Zurich"),
        ];
        let got = tallied(&articles);
        let count = |w: &str| got.iter().find(|(x, _)| x == w).map(|p| p.1);
        assert_eq!(count("treaty"), Some(2));
        assert_eq!(count("the"), Some(1));
        assert_eq!(
            count("zurich"),
            Some(1),
            "title, text and book of one article"
        );
        assert_eq!(count("emile"), Some(2));
        assert_eq!(count("\u{E010}emile\u{E010}émile"), Some(2));
        assert_eq!(count("\u{E010}zurich\u{E010}zürich"), Some(1));
        assert_eq!(count("rapallo"), Some(1));
        assert_eq!(got, listed_and_counted(&articles));
    }

    #[test]
    fn a_tally_of_many_words_grows_its_table() {
        let text: String = (0..20_000).map(|i| format!("w{i} ")).collect();
        let articles = [
            article("one", &text, "w3 new"),
            article("two", "w3 w19999", "x"),
        ];
        let got = tallied(&articles);
        // And `émile`, as the author is written, and the heading `background` spelled
        // backwards (a word long enough to end in another).
        assert_eq!(got.len(), 20_000 + 10 + 1);
        assert_eq!(got, listed_and_counted(&articles));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn a_tally_equals_listing_and_counting(
            texts in proptest::collection::vec(
                "([a-zA-Z]{1,6}|[ ,.]|é|ß|İ|Σ|\\PC){0,30}", 1..12),
        ) {
            let articles: Vec<Article> = texts
                .chunks(3)
                .map(|t| article(&t[0], t.get(1).map_or("", |s| s), t.get(2).map_or("", |s| s)))
                .collect();
            prop_assert_eq!(tallied(&articles), listed_and_counted(&articles));
        }
    }
}
