//! The library's error type: one variant per way annals can fail, each with the message a
//! user sees and the exit status it maps to.

use std::path::PathBuf;

/// `path` made absolute for a message, so that "no index at index" says where it looked.
fn absolute(path: &std::path::Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in annals.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The corpus folder (or file) does not exist.
    #[error(
        "no corpus folder or file at {} (index a folder, or one file, with `annals index PATH`, \
         or name one with --corpus or ANNALS_CORPUS)",
        .0.display()
    )]
    CorpusMissing(PathBuf),
    /// The corpus path names something that is neither a folder nor a file.
    #[error("corpus {} is neither a folder nor a file", .0.display())]
    CorpusNotFolder(PathBuf),
    /// The corpus path names a file of a kind annals does not read.
    #[error("corpus {} is a file annals cannot index: {why}", .path.display())]
    CorpusFileUnread { path: PathBuf, why: String },
    /// There is no index where one was expected.
    #[error("no index at {}; run `annals index` to build it", absolute(.0))]
    IndexMissing(PathBuf),
    /// The index was written by another version of annals; `annals index` rebuilds it.
    #[error("index at {} has format version {found}, this annals reads version {expected}; run `annals index` to rebuild it", .path.display())]
    IndexOutdated {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    /// The index was built from another corpus folder; rebuilding it from this one takes
    /// `--full`, so that a mistyped `--corpus` does not wipe it.
    #[error("the index at {} was built from {}, not {}; pass --full to rebuild it from {}", .index.display(), .built_from.display(), .given.display(), .given.display())]
    CorpusMismatch {
        index: PathBuf,
        built_from: PathBuf,
        given: PathBuf,
    },
    /// The index folder holds no annals commit yet: a first build is running, or was
    /// interrupted.
    #[error("index at {} has no commit yet (a first build is running or was interrupted); run `annals index` to finish it", .0.display())]
    IndexUncommitted(PathBuf),
    /// The index exists but cannot be used.
    #[error("index at {} cannot be read: {reason}; run `annals index --full` to rebuild it", .path.display())]
    IndexUnreadable { path: PathBuf, reason: String },
    /// Writing the index failed (a full disk, a read-only folder); the last commit stands.
    #[error("cannot update the index at {}: {reason}; the last committed index is unchanged", .path.display())]
    IndexWrite { path: PathBuf, reason: String },
    /// The index folder refuses writes (a read-only file system, missing permission). Searches
    /// still work; only updates need to write.
    #[error("cannot write to the index at {}: {reason}; make the folder writable, or choose another with --index", .path.display())]
    IndexNotWritable { path: PathBuf, reason: String },
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
            | Error::CorpusFileUnread { .. }
            | Error::Query { .. }
            | Error::CorpusMismatch { .. }
            | Error::InvalidOption { .. }
            | Error::InputFile { .. } => 2,
            Error::IndexMissing(_)
            | Error::IndexUnreadable { .. }
            | Error::IndexOutdated { .. }
            | Error::IndexUncommitted(_)
            | Error::IndexLocked(_)
            | Error::IndexWrite { .. }
            | Error::IndexNotWritable { .. }
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

    /// [`Error::IndexNotWritable`] for the index at `path`.
    pub fn not_writable(path: impl Into<PathBuf>, reason: impl ToString) -> Error {
        Error::IndexNotWritable {
            path: path.into(),
            reason: reason.to_string(),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of error: its exit status and the words its one-line message must carry.
    #[test]
    fn every_error_kind_has_its_status_and_a_one_line_message() {
        let io = || std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied");
        let cases: Vec<(Error, i32, &[&str])> = vec![
            (
                Error::CorpusMissing("c".into()),
                2,
                &["no corpus folder or file at c", "--corpus"],
            ),
            (
                Error::CorpusNotFolder("c".into()),
                2,
                &["corpus c is neither a folder nor a file"],
            ),
            (
                Error::CorpusFileUnread {
                    path: "c.xyz".into(),
                    why: "it reads no .xyz files".into(),
                },
                2,
                &["corpus c.xyz is a file annals cannot index: it reads no .xyz files"],
            ),
            (
                Error::IndexMissing("i".into()),
                1,
                &["no index at /", "/i;", "annals index"],
            ),
            (
                Error::IndexUncommitted("i".into()),
                1,
                &["no commit yet", "annals index"],
            ),
            (
                Error::IndexOutdated {
                    path: "i".into(),
                    found: 5,
                    expected: 6,
                },
                1,
                &["format version 5", "annals index"],
            ),
            (
                Error::CorpusMismatch {
                    index: "i".into(),
                    built_from: "/a".into(),
                    given: "/b".into(),
                },
                2,
                &["built from /a, not /b", "--full"],
            ),
            (
                Error::IndexUnreadable {
                    path: "i".into(),
                    reason: "it is damaged".into(),
                },
                1,
                &["index at i", "it is damaged", "annals index --full"],
            ),
            (
                Error::IndexWrite {
                    path: "i".into(),
                    reason: "disk full".into(),
                },
                1,
                &["cannot update the index at i", "disk full", "unchanged"],
            ),
            (
                Error::IndexNotWritable {
                    path: "i".into(),
                    reason: "Read-only file system".into(),
                },
                1,
                &["cannot write to the index at i", "Read-only", "--index"],
            ),
            (
                Error::IndexLocked("i".into()),
                1,
                &["another process", "--wait"],
            ),
            (
                Error::Query {
                    position: 7,
                    message: "expected word".into(),
                },
                2,
                &["position 7", "expected word"],
            ),
            (
                Error::option("--limit", "must be at least 1"),
                2,
                &["--limit", "at least 1"],
            ),
            (
                Error::InputFile {
                    path: "q.txt".into(),
                    line: 3,
                    message: "bad".into(),
                },
                2,
                &["q.txt:3:", "bad"],
            ),
            (Error::io("f.txt", io()), 1, &["f.txt", "denied"]),
            (
                Error::Bind {
                    addr: "127.0.0.1:1".into(),
                    source: io(),
                },
                1,
                &["cannot listen on 127.0.0.1:1", "denied"],
            ),
            (
                Error::Tantivy(tantivy::TantivyError::InvalidArgument("x".into())),
                1,
                &["index error"],
            ),
        ];
        for (error, status, words) in cases {
            let message = error.to_string();
            assert_eq!(error.exit_code(), status, "{message}");
            assert_eq!(message.lines().count(), 1, "{message}");
            for word in words {
                assert!(message.contains(word), "{message:?} lacks {word:?}");
            }
        }
    }
}
