//! What a full build and an incremental update share: the run they work in, a searcher on
//! the last commit, and the report of each file read.

use std::path::{Path, PathBuf};

use tantivy::Index;

use super::commit::CommitInfo;
use super::options::UpdateOptions;
use super::summary::{Problem, UpdateSummary};
use super::{damaged, manual_reader};
use crate::corpus::{CorpusFile, FileContent};
use crate::error::Result;

/// What a full build and an incremental update both work with.
pub(super) struct UpdateRun<'a> {
    pub index_path: &'a Path,
    pub options: &'a UpdateOptions,
    /// The corpus listing.
    pub files: &'a [CorpusFile],
    /// The corpus's folders, as listed (see [`corpus::Listing::folders`]).
    pub folders: &'a [PathBuf],
    pub commit: CommitInfo,
    pub summary: &'a mut UpdateSummary,
    /// Reports a problem and records it in the summary.
    pub problem: &'a mut dyn FnMut(&mut UpdateSummary, Problem),
    /// A corpus file's path as shown to users.
    pub shown: &'a dyn Fn(&str) -> String,
}

/// A searcher on the last commit.
pub(super) fn searcher(index: &Index, path: &Path) -> Result<tantivy::Searcher> {
    Ok(manual_reader(index)
        .map_err(|e| damaged(path, e))?
        .searcher())
}

/// Report the warnings of a file that was read, and why it was skipped if it was.
pub(super) fn report_file(
    file: &CorpusFile,
    content: &FileContent,
    summary: &mut UpdateSummary,
    problem: &mut dyn FnMut(&mut UpdateSummary, Problem),
    shown: &dyn Fn(&str) -> String,
) {
    let mut report = |summary: &mut UpdateSummary, kind, message: &String| {
        let path = shown(&file.rel);
        let message = message.clone();
        problem(
            summary,
            Problem {
                path,
                kind,
                message,
            },
        );
    };
    for message in &content.warnings {
        summary.warnings += 1;
        report(summary, "warning", message);
    }
    if let Some(reason) = &content.skipped {
        summary.skipped += 1;
        report(summary, "skipped", reason);
    }
}
