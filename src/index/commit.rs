//! What every commit records besides its documents: the payload naming the corpus and the
//! word dictionary, which is written first, under a generation of its own.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use tantivy::Index;

use super::Payload;
use crate::dictionary::{self, Dictionary, Generation, WordCounts};
use crate::error::{Error, Result};
use crate::schema::SCHEMA_VERSION;

/// What the next commit records besides its documents.
pub(super) struct CommitInfo {
    pub corpus_root: PathBuf,
    pub display_root: String,
    /// Whether the corpus is one file (see [`Payload::single_file`]).
    pub single_file: bool,
}

impl CommitInfo {
    /// Write the word dictionary after `word_counts` under a new generation (unless nothing
    /// changes) and return the payload of the commit that names it, with its generation.
    ///
    /// The dictionary is written before the commit: a crash in between leaves the last
    /// commit and its own dictionary as they were.
    pub(super) fn payload(
        self,
        index: &Index,
        index_path: &Path,
        word_counts: WordCounts,
        current: &Dictionary,
        previous: Generation,
        full: bool,
    ) -> Result<(String, Generation)> {
        let generation = if full || !word_counts.is_empty() {
            // Building an FST from sorted words cannot fail short of running out of memory.
            let (next, generation) = word_counts
                .apply(current, previous)
                .map_err(|e| Error::io(index_path, e))?;
            next.write(index.directory(), generation, previous)
                .map_err(|(name, e)| Error::io(index_path.join(name), e))?;
            generation
        } else {
            previous
        };
        let payload = Payload {
            version: SCHEMA_VERSION,
            corpus: self.corpus_root,
            corpus_display: self.display_root,
            single_file: self.single_file,
            updated_at: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            dictionary: generation,
        };
        let payload = serde_json::to_string(&payload).expect("payload serialises");
        Ok((payload, generation))
    }
}

/// Remove the dictionary files of generations other than `current` (the previous commit's,
/// and any left by an interrupted update). A file that will not go stays: it is only
/// unused space.
pub(super) fn remove_old_dictionaries(index_path: &Path, current: Generation) {
    let current = current.file_names();
    let Ok(entries) = std::fs::read_dir(index_path) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if dictionary::is_file_name(&name) && !current.iter().any(|c| *c == name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
