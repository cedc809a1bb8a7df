//! Reading and parsing corpus files in parallel, ahead of the indexer, with bounded
//! memory: rayon parses a batch (and turns its articles into index documents) while the
//! caller indexes the previous one, and a bounded channel keeps at most a few batches in
//! flight.

use std::sync::mpsc::{sync_channel, IntoIter};
use std::thread::JoinHandle;

use rayon::prelude::*;
use tantivy::TantivyDocument;

use super::docs::article_docs;
use crate::corpus::{self, CorpusFile, FileContent};
use crate::dictionary::{WordFinder, WordList};
use crate::schema::Fields;

/// Files parsed per batch: enough to keep every core busy, small enough to bound memory.
const BATCH: usize = 64;

/// Batches parsed ahead of the indexer.
const BATCHES_AHEAD: usize = 2;

/// One file, read and parsed.
pub(crate) struct Parsed {
    pub file: CorpusFile,
    pub content: FileContent,
    /// The documents of its articles (not its bookkeeping document).
    pub docs: Vec<TantivyDocument>,
    /// The distinct words of each article that has documents, for the dictionary (see
    /// [`WordFinder::distinct`]).
    pub words: Vec<WordList>,
}

/// Parsed files, in the order given, produced by a background thread.
pub(crate) struct ParsedFiles {
    results: IntoIter<Parsed>,
    producer: Option<JoinHandle<()>>,
}

impl ParsedFiles {
    /// Start reading and parsing `files` (in this order) in the background, each with the
    /// hash the index holds for it where its bytes need no parsing if they still hash so.
    pub(crate) fn start(
        files: Vec<(CorpusFile, Option<u64>)>,
        max_file_size: u64,
        fields: Fields,
    ) -> ParsedFiles {
        let (tx, rx) = sync_channel(BATCH * BATCHES_AHEAD);
        let producer = std::thread::Builder::new()
            .name("annals-parse".into())
            .spawn(move || {
                for batch in files.chunks(BATCH) {
                    let parsed: Vec<Parsed> = batch
                        .par_iter()
                        .map_init(WordFinder::default, |finder, (file, known)| {
                            let content = corpus::read_file_if_changed(file, max_file_size, *known);
                            let mut docs = Vec::new();
                            let mut words = Vec::new();
                            for article in &content.articles {
                                let before = docs.len();
                                docs.extend(article_docs(&fields, &file.rel, article));
                                if docs.len() > before {
                                    words.push(finder.article(article));
                                }
                            }
                            Parsed {
                                file: file.clone(),
                                content,
                                docs,
                                words,
                            }
                        })
                        .collect();
                    for item in parsed {
                        if tx.send(item).is_err() {
                            return; // the indexer stopped early (an error)
                        }
                    }
                }
            })
            .expect("spawn the parsing thread");
        ParsedFiles {
            results: rx.into_iter(),
            producer: Some(producer),
        }
    }
}

impl Iterator for ParsedFiles {
    type Item = Parsed;

    fn next(&mut self) -> Option<Self::Item> {
        self.results.next()
    }
}

impl Drop for ParsedFiles {
    fn drop(&mut self) {
        // Unblock the producer (its sends now fail) and wait for it.
        self.results = sync_channel(0).1.into_iter();
        if let Some(producer) = self.producer.take() {
            let _ = producer.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Format;

    #[test]
    fn files_come_back_parsed_in_the_order_given() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<CorpusFile> = (0..200)
            .map(|i| {
                let abs = dir.path().join(format!("{i}.txt"));
                std::fs::write(&abs, format!("Title {i}\nBody of article {i}.\n")).unwrap();
                CorpusFile {
                    rel: format!("{i}.txt"),
                    abs,
                    format: Format::Text,
                    size: 0,
                    mtime_ns: 0,
                    same_name: None,
                }
            })
            .collect();
        let fields = Fields::build().1;
        // The bytes of file 7 hash as the index holds them; file 8 changed since.
        let hashes: Vec<u64> = files
            .iter()
            .map(|f| corpus::hash_bytes(&std::fs::read(&f.abs).unwrap()))
            .collect();
        let known = |i: usize| match i {
            7 => Some(hashes[7]),
            8 => Some(hashes[8] ^ 1),
            _ => None,
        };
        let files = files.into_iter().enumerate().map(|(i, f)| (f, known(i)));
        let files: Vec<(CorpusFile, Option<u64>)> = files.collect();
        let parsed: Vec<Parsed> =
            ParsedFiles::start(files, corpus::DEFAULT_MAX_FILE_SIZE, fields).collect();
        assert_eq!(parsed.len(), 200);
        for (i, item) in parsed.iter().enumerate() {
            assert_eq!(item.file.rel, format!("{i}.txt"));
            if i == 7 {
                assert!(item.content.unchanged && item.docs.is_empty());
                continue;
            }
            assert!(!item.content.unchanged);
            assert_eq!(item.content.articles[0].title, format!("Title {i}"));
            assert_eq!(item.docs.len(), 1, "one section");
            assert_eq!(item.words[0].text, format!("title {i} body of article "));
        }
    }

    #[test]
    fn dropping_early_stops_the_producer() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<CorpusFile> = (0..1000)
            .map(|i| CorpusFile {
                rel: format!("{i}.txt"),
                abs: dir.path().join("missing.txt"),
                format: Format::Text,
                size: 0,
                mtime_ns: 0,
                same_name: None,
            })
            .collect();
        let files = files.into_iter().map(|f| (f, None)).collect();
        let mut parsed =
            ParsedFiles::start(files, corpus::DEFAULT_MAX_FILE_SIZE, Fields::build().1);
        assert!(parsed.next().is_some());
        drop(parsed); // must not hang
    }
}
