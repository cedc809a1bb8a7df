//! How an update is asked for: the options of `annals index`, `watch` and `serve --watch`,
//! and the progress it reports.

use std::path::PathBuf;
use std::sync::Arc;

use crate::corpus;

/// Default memory budget of the index writer, shared by its threads.
pub const DEFAULT_WRITER_MEMORY: usize = 128 * 1024 * 1024;

/// How to run an update.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// Rebuild every document instead of only the changed ones.
    pub full: bool,
    /// Files larger than this are skipped.
    pub max_file_size: u64,
    /// Writer memory budget in bytes.
    pub memory: usize,
    /// Wait for another writer to finish instead of failing.
    pub wait: bool,
    /// Follow symbolic links in the corpus (files and folders outside it included).
    pub follow_links: bool,
    /// Told how reading the corpus advances (for a progress bar).
    pub progress: Option<Progress>,
}

/// Receives the progress of an update: how much there is to read, then each file read.
pub trait ProgressSink: Send + Sync {
    /// `files` files of `bytes` bytes in all will be read.
    fn start(&self, files: u64, bytes: u64);
    /// One more file of `bytes` bytes was read and indexed.
    fn advance(&self, bytes: u64);
    /// Reading is done (committing follows).
    fn finish(&self);
}

/// A shared [`ProgressSink`].
#[derive(Clone)]
pub struct Progress(pub Arc<dyn ProgressSink>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

impl UpdateOptions {
    /// Incremental update of the index from `corpus` with default limits.
    pub fn new(corpus: impl Into<PathBuf>) -> UpdateOptions {
        UpdateOptions {
            corpus: corpus.into(),
            full: false,
            max_file_size: corpus::DEFAULT_MAX_FILE_SIZE,
            memory: DEFAULT_WRITER_MEMORY,
            wait: false,
            follow_links: false,
            progress: None,
        }
    }
}
