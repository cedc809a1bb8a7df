//! The library's error type: one variant per way annals can fail, each with the message a
//! user sees and the exit status it maps to.

use std::path::PathBuf;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in annals.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The corpus folder does not exist.
    #[error("corpus folder {} does not exist (set it with --corpus or ANNALS_CORPUS)", .0.display())]
    CorpusMissing(PathBuf),
    /// The corpus path names something that is not a folder.
    #[error("corpus {} is not a folder", .0.display())]
    CorpusNotFolder(PathBuf),
    /// There is no index where one was expected.
    #[error("no index at {}; run `annals index` to build it", .0.display())]
    IndexMissing(PathBuf),
    /// The index exists but cannot be used.
    #[error("index at {} cannot be read: {reason}; run `annals index --full` to rebuild it", .path.display())]
    IndexUnreadable { path: PathBuf, reason: String },
    /// Writing the index failed (a full disk, a read-only folder); the last commit stands.
    #[error("cannot update the index at {}: {reason}; the last committed index is unchanged", .path.display())]
    IndexWrite { path: PathBuf, reason: String },
    /// Another process holds the index writer lock.
    #[error("another process is updating the index ({}); try again when it finishes, or pass --wait", .0.display())]
    IndexLocked(PathBuf),
    /// The query text cannot be parsed or names something that does not exist.
    #[error("invalid query at position {position}: {message}")]
    Query { position: usize, message: String },
    /// A command-line option or API parameter has a bad value.
    #[error("invalid value for {option}: {message}")]
    InvalidOption { option: String, message: String },
    /// A file given on the command line (queries, judgments) has a malformed line.
    #[error("{}:{line}: {message}", .path.display())]
    InputFile {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The server cannot listen on its address.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    /// tantivy reported an error while indexing or searching.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// The process exit status for this error: 2 for usage and query errors, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::CorpusMissing(_)
            | Error::CorpusNotFolder(_)
            | Error::Query { .. }
            | Error::InvalidOption { .. }
            | Error::InputFile { .. } => 2,
            Error::IndexMissing(_)
            | Error::IndexUnreadable { .. }
            | Error::IndexLocked(_)
            | Error::IndexWrite { .. }
            | Error::Io { .. }
            | Error::Bind { .. }
            | Error::Tantivy(_) => 1,
        }
    }

    /// Shorthand for [`Error::InvalidOption`].
    pub fn option(option: impl Into<String>, message: impl Into<String>) -> Error {
        Error::InvalidOption {
            option: option.into(),
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
