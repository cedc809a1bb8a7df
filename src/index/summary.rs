//! What an update did: the counts, the problems found and the files changed.

use serde::Serialize;

/// A file that was skipped or indexed with a warning.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    /// Path of the file, as shown to the user (corpus root included).
    pub path: String,
    /// `"skipped"` or `"warning"`.
    pub kind: &'static str,
    pub message: String,
}

/// What an update did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct UpdateSummary {
    /// Files indexed for the first time.
    pub added: usize,
    /// Files whose content changed.
    pub updated: usize,
    /// Files that moved without changing content.
    pub renamed: usize,
    /// Files gone from the corpus.
    pub removed: usize,
    /// Files left as they were (including touched files whose bytes did not change).
    pub unchanged: usize,
    /// Files read in this run that could not be indexed.
    pub skipped: usize,
    /// Warnings raised in this run.
    pub warnings: usize,
    /// Files not read because their type is unknown, by extension (`.numbers`: 2).
    pub ignored: std::collections::BTreeMap<String, usize>,
    /// Symbolic links in the corpus not followed (without `--follow`).
    pub links_not_followed: usize,
    /// Unchanged files that earlier runs skipped (or that held no article): they stay out
    /// of the index until they change; `annals stats --json` lists them.
    pub still_skipped: usize,
    /// Unchanged files that earlier runs warned about; `annals stats --problems` lists the
    /// warnings.
    pub still_warned: usize,
    /// JSON Lines dumps updated record by record: their records indexed (new or changed)
    /// and removed (gone or changed); the rest of each such dump was not parsed.
    pub records_indexed: usize,
    pub records_removed: usize,
    /// Articles, sections and reading entries now in the index.
    pub articles: u64,
    pub sections: u64,
    pub reading: u64,
    /// Searchable documents (sections plus reading entries) now in the index.
    pub documents: u64,
    #[serde(serialize_with = "crate::json::three_decimals")]
    pub took_ms: f64,
    /// Whether every document was rebuilt.
    pub full: bool,
    /// Why a full rebuild happened without `--full`, if it did.
    pub rebuilt_because: Option<String>,
    pub problems: Vec<Problem>,
    /// The first [`MAX_LISTED_CHANGES`] files added, updated, renamed or removed, each with
    /// what happened to it (for `watch`'s log; the counts above are complete).
    #[serde(skip)]
    pub changes: Vec<(&'static str, String)>,
}

/// Most changed files an [`UpdateSummary`] names.
pub const MAX_LISTED_CHANGES: usize = 100;

impl UpdateSummary {
    /// Count a file left as it was, if an earlier run skipped it or warned about it.
    pub(super) fn count_still(&mut self, record: &super::catalog::FileRecord) {
        self.still_skipped += usize::from(record.articles == 0);
        self.still_warned += usize::from(record.articles > 0 && record.warnings > 0);
    }

    pub(super) fn note_change(&mut self, what: &'static str, rel: &str) {
        if self.changes.len() < MAX_LISTED_CHANGES {
            self.changes.push((what, rel.to_string()));
        }
    }
}
