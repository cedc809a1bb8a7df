//! Reading and parsing corpus files in parallel, ahead of the indexer, with bounded
//! memory: rayon parses a batch while the caller indexes the previous one, and a bounded
//! channel keeps at most a few batches in flight.

use std::sync::mpsc::{sync_channel, IntoIter};
use std::thread::JoinHandle;

use rayon::prelude::*;

use crate::corpus::{self, CorpusFile, FileContent};

/// Files parsed per batch: enough to keep every core busy, small enough to bound memory.
const BATCH: usize = 64;

/// Batches parsed ahead of the indexer.
const BATCHES_AHEAD: usize = 2;

/// Parsed files, in the order given, produced by a background thread.
pub(crate) struct ParsedFiles {
    results: IntoIter<(CorpusFile, FileContent)>,
    producer: Option<JoinHandle<()>>,
}

impl ParsedFiles {
    /// Start reading and parsing `files` (in this order) in the background.
    pub(crate) fn start(files: Vec<CorpusFile>, max_file_size: u64) -> ParsedFiles {
        let (tx, rx) = sync_channel(BATCH * BATCHES_AHEAD);
        let producer = std::thread::Builder::new()
            .name("annals-parse".into())
            .spawn(move || {
                for batch in files.chunks(BATCH) {
                    let parsed: Vec<(CorpusFile, FileContent)> = batch
                        .par_iter()
                        .map(|file| (file.clone(), corpus::read_file(file, max_file_size)))
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
    type Item = (CorpusFile, FileContent);

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
                }
            })
            .collect();
        let parsed: Vec<(CorpusFile, FileContent)> =
            ParsedFiles::start(files, corpus::DEFAULT_MAX_FILE_SIZE).collect();
        assert_eq!(parsed.len(), 200);
        for (i, (file, content)) in parsed.iter().enumerate() {
            assert_eq!(file.rel, format!("{i}.txt"));
            assert_eq!(content.articles[0].title, format!("Title {i}"));
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
            })
            .collect();
        let mut parsed = ParsedFiles::start(files, corpus::DEFAULT_MAX_FILE_SIZE);
        assert!(parsed.next().is_some());
        drop(parsed); // must not hang
    }
}
