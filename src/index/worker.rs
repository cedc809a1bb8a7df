//! One indexing thread of a full build: it takes files from the listing, reads and parses
//! them and indexes their documents into segments of its own with tantivy's
//! `SegmentWriter` (see [`super::build`] for why not through the `IndexWriter`).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use tantivy::indexer::{AddOperation, SegmentWriter};
use tantivy::{Index, Segment, TantivyDocument};

use super::build::{BuildOptions, Built};
use super::catalog::FileRecord;
use super::docs::{article_docs, file_doc, FileProblems};
use crate::corpus::{self, CorpusFile, FileContent};
use crate::dictionary::WordTally;
use crate::error::Result;

/// Files a thread takes from the listing at a time: few enough that the threads finish
/// together, enough that they rarely meet at the counter.
const FILES_PER_TAKE: usize = 16;

/// Dumps at least this big (as read: a gzipped one by what it holds) are indexed by two
/// threads (see [`Worker::index_dump_shared`]).
const SHARED_DUMP_BYTES: u64 = 32 << 20;

/// A segment is written out when its writer's memory use comes this close to the thread's
/// budget, as tantivy's `IndexWriter` does.
pub(super) const MARGIN_BYTES: usize = 1_000_000;

/// What a `SegmentWriter` is told its memory budget is. It only sizes the initial table of
/// the segment's term hash map from it (the build itself decides when a segment is full,
/// from the thread's real budget): tantivy starts at a third of the budget, 2^19 buckets
/// (4 MB) for any budget over 15 MB, however few terms the segment will hold, and each
/// term looked up in a table that size missed the cache. This makes it start at 2^13
/// buckets and double as terms come (at half full), which makes builds cheaper
/// (BENCHMARKS.md, "The term table starts small").
const TERM_TABLE_BUDGET: usize = 300_000;

/// One indexing thread: its segment writer, word tally and share of the results.
pub(super) struct Worker<'a> {
    index: &'a Index,
    options: &'a BuildOptions<'a>,
    budget: usize,
    /// The segment being written, made when its first document comes.
    writer: Option<(SegmentWriter, Segment)>,
    words: WordTally,
    built: Built,
}

impl<'a> Worker<'a> {
    pub(super) fn new(
        index: &'a Index,
        options: &'a BuildOptions<'a>,
        budget: usize,
    ) -> Worker<'a> {
        Worker {
            index,
            options,
            budget,
            writer: None,
            words: WordTally::default(),
            built: Built::default(),
        }
    }

    /// Take files from the listing until none are left or another thread failed.
    pub(super) fn run(
        &mut self,
        files: &[CorpusFile],
        next: &AtomicUsize,
        failed: &AtomicBool,
        tx: &mpsc::Sender<(usize, Vec<FileContent>)>,
    ) -> Result<Built> {
        loop {
            let start = next.fetch_add(FILES_PER_TAKE, Ordering::Relaxed);
            if start >= files.len() || failed.load(Ordering::Relaxed) {
                break;
            }
            let end = (start + FILES_PER_TAKE).min(files.len());
            let mut done = Vec::with_capacity(end - start);
            for file in &files[start..end] {
                done.push(self.index_file(file)?);
            }
            // One message per take, not per file: each wakes the caller.
            if tx.send((start, done)).is_err() {
                // The caller has stopped listening (it panicked): stop too.
                failed.store(true, Ordering::Relaxed);
                break;
            }
        }
        self.finish_segment()?;
        // A helper's counts (see `index_dump_shared`) are in already.
        let counts = std::mem::take(&mut self.words).into_counts();
        self.built.word_counts.merge(counts);
        Ok(std::mem::take(&mut self.built))
    }

    /// Read, parse and index one file; its content comes back without its articles.
    fn index_file(&mut self, file: &CorpusFile) -> Result<FileContent> {
        let mut content = match file.format {
            corpus::Format::JsonLines
                if self.options.threads > 1 && file.content_size() >= SHARED_DUMP_BYTES =>
            {
                self.index_dump_shared(file)?
            }
            // A dump's articles are indexed a chunk at a time, the segment cut whenever
            // it fills the budget: memory holds a chunk, not the file.
            corpus::Format::JsonLines => {
                corpus::read_in_chunks(file, self.options.max_file_size, &mut |articles| {
                    self.index_articles(&file.rel, &articles)?;
                    self.finish_segment_if_full()
                })?
            }
            _ => {
                let content = corpus::read_file(file, self.options.max_file_size);
                self.index_articles(&file.rel, &content.articles)?;
                content
            }
        };
        let fields = &self.options.fields;
        // A file that could not be read leaves no record, so the next update tries it again.
        if !content.unread {
            let record = FileRecord::of(file, &content);
            self.add(file_doc(fields, &record, &FileProblems::of(&content)))?;
        }
        if let Some(progress) = self.options.progress {
            progress.0.advance(file.size);
        }
        self.finish_segment_if_full()?;
        content.articles = Vec::new();
        Ok(content)
    }

    /// Index the big dump `file` with a helper: both threads read, parse and index chunks
    /// of it (see [`corpus::read_in_chunks_shared`]), the helper into segments of its own. A
    /// dump is one file, so otherwise one thread would index all of it.
    fn index_dump_shared(&mut self, file: &CorpusFile) -> Result<FileContent> {
        let mut helper = Worker::new(self.index, self.options, self.budget);
        let rel = &file.rel;
        let content = corpus::read_in_chunks_shared(
            file,
            self.options.max_file_size,
            &mut |articles| {
                self.index_articles(rel, &articles)?;
                self.finish_segment_if_full()
            },
            &mut |articles| {
                helper.index_articles(rel, &articles)?;
                helper.finish_segment_if_full()
            },
        )?;
        helper.finish_segment()?;
        helper.built.word_counts = std::mem::take(&mut helper.words).into_counts();
        self.built.merge(helper.built);
        Ok(content)
    }

    /// Add the documents of `articles`, read from the file `rel`.
    fn index_articles(&mut self, rel: &str, articles: &[corpus::Article]) -> Result<()> {
        for article in articles {
            let docs = article_docs(&self.options.fields, rel, article);
            if docs.is_empty() {
                continue;
            }
            self.words.article(article);
            for doc in docs {
                self.add(doc)?;
            }
        }
        Ok(())
    }

    /// Write out the segment being written if it has reached the thread's memory budget.
    fn finish_segment_if_full(&mut self) -> Result<()> {
        if self
            .writer
            .as_ref()
            .is_some_and(|(w, _)| w.mem_usage() + MARGIN_BYTES >= self.budget)
        {
            self.finish_segment()?;
        }
        Ok(())
    }

    fn add(&mut self, doc: TantivyDocument) -> Result<()> {
        let (writer, _) = match &mut self.writer {
            Some(writer) => writer,
            None => {
                let segment = self.index.new_segment();
                let writer = SegmentWriter::for_segment(TERM_TABLE_BUDGET, segment.clone())?;
                self.writer.insert((writer, segment))
            }
        };
        let opstamp = self.built.docs;
        writer.add_document(AddOperation {
            opstamp,
            document: doc,
        })?;
        self.built.docs += 1;
        Ok(())
    }

    /// Write out the segment being written, if there is one.
    fn finish_segment(&mut self) -> Result<()> {
        let Some((writer, segment)) = self.writer.take() else {
            return Ok(());
        };
        let max_doc = writer.max_doc();
        writer.finalize()?;
        let meta = segment.with_max_doc(max_doc).meta().clone();
        // The doc store's temporary file is gone once the segment is written.
        meta.untrack_temp_docstore();
        self.built.segments.push(meta);
        Ok(())
    }
}
