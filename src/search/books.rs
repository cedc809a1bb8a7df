//! Books across the corpus: the distinct books of every reading list, how many articles
//! cite each, and which books are cited beside one (co-citation).
//!
//! Two entries are one book when their titles are equal after [`normalize`] (case,
//! punctuation, accents and a leading article folded away) and so are their authors; an
//! entry without an author joins the book of that title with one.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::hit::Book;
use super::query::{self, Compiler, Mode};
use super::{Engine, KindFilter, SearchOptions, MAX_LIMIT};
use crate::error::Result;
use crate::schema::{DocKind, Fields};

/// An article citing a book.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Citing {
    pub id: String,
    pub title: String,
}

/// One distinct book and the articles whose reading lists name it.
#[derive(Debug, Clone, Serialize)]
pub struct CitedBook {
    pub title: String,
    pub author: Option<String>,
    /// How many articles cite it.
    pub cited: usize,
    /// The articles citing it, by id.
    pub articles: Vec<Citing>,
    /// With `--with`: how many articles cite it beside that book.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub together: Option<usize>,
}

/// The answer to `annals books`.
#[derive(Debug, Clone, Serialize)]
pub struct BookList {
    /// Distinct books found (before `limit`).
    pub total: usize,
    /// With `--with`: the book the others are cited beside.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<CitedBook>,
    pub books: Vec<CitedBook>,
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct BookOptions {
    /// Only books whose author's name holds these words.
    pub author: Option<String>,
    /// List the books cited beside this title instead.
    pub with: Option<String>,
    pub limit: usize,
}

/// `text` as books are compared: lower case, accents folded, letters and digits only
/// (single spaces between words), without a leading "the", "a" or "an".
pub fn normalize(text: &str) -> String {
    use tantivy::tokenizer::TokenStream;
    let mut analyzer = crate::schema::words_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut words: Vec<String> = Vec::new();
    while let Some(token) = stream.next() {
        words.push(token.text.clone());
    }
    let skip = usize::from(
        matches!(words.first().map(String::as_str), Some("the" | "a" | "an")) && words.len() > 1,
    );
    words[skip..].join(" ")
}

/// Whether two reading entries name one book, as [`distinct`] counts them: the same title
/// after [`normalize`], and the same author, or no author on one of them.
pub(crate) fn same_book(a: &Book, b: &Book) -> bool {
    normalize(&a.title) == normalize(&b.title)
        && match (&a.author, &b.author) {
            (Some(x), Some(y)) => normalize(x) == normalize(y),
            _ => true,
        }
}

/// One reading entry as read from the index.
pub(crate) struct Entry {
    title: String,
    author: Option<String>,
    article: Citing,
}

/// The reading entries at `addresses` (all of them when `None`).
pub(crate) fn entries(
    searcher: &Searcher,
    fields: &Fields,
    addresses: Option<Vec<DocAddress>>,
) -> Result<Vec<Entry>> {
    let addresses = match addresses {
        Some(a) => a,
        None => {
            let reading = TermQuery::new(
                Term::from_field_text(fields.kind, DocKind::Reading.as_str()),
                IndexRecordOption::Basic,
            );
            let mut all: Vec<DocAddress> = searcher
                .search(&reading, &DocSetCollector)?
                .into_iter()
                .collect();
            all.sort();
            all
        }
    };
    let mut entries = Vec::with_capacity(addresses.len());
    for address in addresses {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        entries.push(Entry {
            title: text(fields.book),
            author: Some(text(fields.author)).filter(|a| !a.trim().is_empty()),
            article: Citing {
                id: text(fields.article),
                title: Fields::shown_title(text(fields.title), &text(fields.untitled)),
            },
        });
    }
    Ok(entries)
}

/// One book as [`distinct`] gathers it: the forms its title and author are written in,
/// with how many entries write each, and the articles citing it.
#[derive(Default)]
struct Gathered {
    titles: BTreeMap<String, usize>,
    authors: BTreeMap<String, usize>,
    articles: BTreeSet<Citing>,
}

impl Gathered {
    fn add(&mut self, entry: Entry) {
        *self.titles.entry(entry.title).or_default() += 1;
        if let Some(author) = entry.author {
            *self.authors.entry(author).or_default() += 1;
        }
        self.articles.insert(entry.article);
    }

    /// The book, its title and author written as most of its entries write them (of
    /// forms as common, the first in order): whatever order the index holds them in.
    fn book(self) -> CitedBook {
        let commonest = |forms: BTreeMap<String, usize>| {
            let most = forms.values().copied().max()?;
            forms
                .into_iter()
                .find(|(_, n)| *n == most)
                .map(|(form, _)| form)
        };
        CitedBook {
            title: commonest(self.titles).unwrap_or_default(),
            author: commonest(self.authors),
            cited: self.articles.len(),
            articles: self.articles.into_iter().collect(),
            together: None,
        }
    }
}

/// The distinct books of `entries`, most cited first (then by title).
pub(crate) fn distinct(entries: Vec<Entry>) -> Vec<CitedBook> {
    // title key → (author key, book)
    let mut by_title: BTreeMap<String, Vec<(String, Gathered)>> = BTreeMap::new();
    let mut authorless: Vec<(String, Entry)> = Vec::new();
    for entry in entries {
        let title_key = normalize(&entry.title);
        if title_key.is_empty() {
            continue;
        }
        let Some(author) = &entry.author else {
            authorless.push((title_key, entry));
            continue;
        };
        let author_key = normalize(author);
        let books = by_title.entry(title_key).or_default();
        match books.iter_mut().find(|(key, _)| *key == author_key) {
            Some((_, book)) => book.add(entry),
            None => {
                let mut book = Gathered::default();
                book.add(entry);
                books.push((author_key, book));
            }
        }
    }
    // An entry without an author joins the book of its title that most articles cite (of
    // those cited as often, the first author in order): whatever order the index holds
    // them in.
    for books in by_title.values_mut() {
        books.sort_by(|a, b| {
            (b.1.articles.len().cmp(&a.1.articles.len())).then_with(|| a.0.cmp(&b.0))
        });
    }
    for (title_key, entry) in authorless {
        let books = by_title.entry(title_key).or_default();
        if books.is_empty() {
            books.push((String::new(), Gathered::default()));
        }
        books[0].1.add(entry);
    }
    let mut books: Vec<CitedBook> = by_title
        .into_values()
        .flatten()
        .map(|(_, book)| book.book())
        .collect();
    books.sort_by(|a, b| {
        b.cited
            .cmp(&a.cited)
            .then_with(|| normalize(&a.title).cmp(&normalize(&b.title)))
    });
    books
}

/// `books` narrowed and ordered as `options` ask.
pub(crate) fn list(mut books: Vec<CitedBook>, options: &BookOptions) -> BookList {
    let by_author = |books: &mut Vec<CitedBook>| {
        if let Some(author) = options.author.as_deref().map(normalize) {
            books.retain(|b| {
                b.author
                    .as_deref()
                    .is_some_and(|a| contains_words(&normalize(a), &author))
            });
        }
    };
    let mut with = None;
    if let Some(title) = options.with.as_deref().map(normalize) {
        // The book named: the same title, else the most cited whose title holds the words.
        let found = books
            .iter()
            .position(|b| normalize(&b.title) == title)
            .or_else(|| {
                books
                    .iter()
                    .position(|b| contains_words(&normalize(&b.title), &title))
            });
        match found {
            None => books.clear(),
            Some(at) => {
                let book = books.remove(at);
                let citing: BTreeSet<&str> = book.articles.iter().map(|a| a.id.as_str()).collect();
                let mut beside: Vec<CitedBook> = books
                    .into_iter()
                    .filter_map(|mut b| {
                        let together = b
                            .articles
                            .iter()
                            .filter(|a| citing.contains(a.id.as_str()))
                            .count();
                        (together > 0).then(|| {
                            b.together = Some(together);
                            b
                        })
                    })
                    .collect();
                beside.sort_by_key(|b| std::cmp::Reverse(b.together));
                books = beside;
                with = Some(book);
            }
        }
    }
    // The author narrows the books listed, not the one others are cited beside.
    by_author(&mut books);
    let total = books.len();
    books.truncate(options.limit);
    BookList { total, with, books }
}

impl Engine {
    /// The distinct books of the reading lists (of those matching `query`, when given),
    /// most cited first, narrowed and ordered as `options` ask (see [`books`]).
    pub fn books(&self, query: Option<&str>, options: &BookOptions) -> Result<BookList> {
        let searcher = self.reader.searcher();
        let addresses = match query.filter(|q| !q.trim().is_empty()) {
            None => None,
            Some(q) => {
                let search = SearchOptions {
                    kind: KindFilter::Reading,
                    limit: MAX_LIMIT,
                    ..SearchOptions::default()
                };
                Some(self.addresses(&searcher, q, &search)?)
            }
        };
        let entries = entries(&searcher, &self.index.fields, addresses)?;
        Ok(list(distinct(entries), options))
    }

    /// Every document matching every word of `query_text` (as the first tier of
    /// [`Engine::search`] matches them), within `options`' filters, in index order.
    fn addresses(
        &self,
        searcher: &Searcher,
        query_text: &str,
        options: &SearchOptions,
    ) -> Result<Vec<DocAddress>> {
        let parsed = query::parse(query_text)?;
        let dictionary = || self.dictionary(searcher);
        let languages = self.languages(searcher);
        let mut compiler = Compiler::new(&self.index.fields, searcher, &dictionary, languages);
        let Some(query) = compiler.compile(&parsed, Mode::AllWords)? else {
            return Ok(Vec::new());
        };
        let filtered = self.filtered(query, Vec::new(), options, compiler.matches_all);
        let mut addresses: Vec<DocAddress> = searcher
            .search(&*filtered, &tantivy::collector::DocSetCollector)?
            .into_iter()
            .collect();
        addresses.sort();
        Ok(addresses)
    }
}

/// Whether the words of `needle` appear, in order and whole, in `haystack` (both
/// normalised).
fn contains_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {haystack} ").contains(&format!(" {needle} "))
}

/// How many articles each distinct book key has: for tests.
#[cfg(test)]
fn counts(books: &[CitedBook]) -> std::collections::HashMap<String, usize> {
    books
        .iter()
        .map(|b| (normalize(&b.title), b.cited))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, author: Option<&str>, article: &str) -> Entry {
        Entry {
            title: title.into(),
            author: author.map(str::to_string),
            article: Citing {
                id: article.into(),
                title: article.to_uppercase(),
            },
        }
    }

    #[test]
    fn titles_are_compared_without_case_punctuation_or_the() {
        assert_eq!(
            normalize("The Proud Tower: A Portrait…"),
            "proud tower a portrait"
        );
        assert_eq!(normalize("  Vienna, 1814 "), "vienna 1814");
        assert_eq!(normalize("Élysée"), "elysee");
        assert_eq!(normalize("The"), "the");
    }

    #[test]
    fn one_book_cited_by_several_articles_is_counted_once_per_article() {
        let books = distinct(vec![
            entry("Diplomacy", Some("Henry Kissinger"), "a"),
            entry("diplomacy.", Some("Henry  Kissinger"), "b"),
            entry("Diplomacy", None, "c"),
            entry("Diplomacy", Some("Henry Kissinger"), "a"),
            entry("Diplomacy", Some("Harold Nicolson"), "d"),
            entry("The Lights That Failed", Some("Zara Steiner"), "a"),
            entry("Lights that Failed", Some("Zara Steiner"), "e"),
        ]);
        assert_eq!(books[0].title, "Diplomacy");
        assert_eq!(books[0].cited, 3);
        assert_eq!(books[1].cited, 2);
        assert_eq!(books.len(), 3, "{books:?}");
        assert_eq!(counts(&books)["lights that failed"], 2);
    }

    #[test]
    fn a_book_is_written_as_most_of_its_entries_write_it_in_any_order() {
        let mut entries = vec![
            ("New York Times", None),
            ("The New York Times", None),
            ("The New York Times", Some("NYT staff")),
            ("the new york times", Some("NYT Staff")),
            ("The New York Times", Some("NYT Staff")),
        ];
        for _ in 0..entries.len() {
            entries.rotate_left(1);
            let books = distinct(
                (entries.iter().enumerate())
                    .map(|(i, (title, author))| entry(title, *author, &i.to_string()))
                    .collect(),
            );
            assert_eq!(books.len(), 1, "{books:?}");
            assert_eq!(books[0].title, "The New York Times", "{entries:?}");
            assert_eq!(books[0].author.as_deref(), Some("NYT Staff"), "{entries:?}");
        }
    }

    #[test]
    fn co_citation_counts_the_articles_citing_both() {
        let books = distinct(vec![
            entry("Diplomacy", Some("Kissinger"), "a"),
            entry("Diplomacy", Some("Kissinger"), "b"),
            entry("Vienna 1814", Some("King"), "a"),
            entry("Rites of Peace", Some("Zamoyski"), "a"),
            entry("Rites of Peace", Some("Zamoyski"), "b"),
            entry("Unrelated", Some("Nobody"), "c"),
        ]);
        let list = list(
            books,
            &BookOptions {
                with: Some("diplomacy".into()),
                limit: 10,
                ..BookOptions::default()
            },
        );
        assert_eq!(list.with.unwrap().title, "Diplomacy");
        let beside: Vec<(&str, Option<usize>)> = list
            .books
            .iter()
            .map(|b| (b.title.as_str(), b.together))
            .collect();
        assert_eq!(
            beside,
            [("Rites of Peace", Some(2)), ("Vienna 1814", Some(1))]
        );
    }
}
