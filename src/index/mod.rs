//! The on-disk index: opening it, describing it, and keeping it in step with the corpus.
//!
//! Each commit carries a [`Payload`] (schema version, corpus root, time) stored atomically
//! in tantivy's `meta.json`, so an index from another version or another corpus is noticed
//! and rebuilt rather than misread.

mod build;
mod catalog;
mod commit;
mod directory;
mod docs;
mod folders;
mod incremental;
mod options;
mod reading;
mod records;
mod run;
mod staging;
mod stats;
mod summary;
mod update;
mod watch;
mod worker;
mod writer;

pub use catalog::FileRecord;
pub use folders::corpus_changed_since;
pub use options::{Progress, ProgressSink, UpdateOptions, DEFAULT_WRITER_MEMORY};
pub(crate) use stats::{count_kind, segment_languages};
pub use stats::{dump_index, file_problems, index_languages, stats, FileProblem, IndexStats};
pub use summary::{Problem, UpdateSummary};
pub use update::update;
pub use watch::{watch, DEBOUNCE};

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{OpenDirectoryError, OpenReadError};
use tantivy::directory::Directory;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyError};

use crate::dictionary::{Dictionary, Generation};
use crate::error::{Error, Result};
use crate::schema::{register_analyzers, Fields, SCHEMA_VERSION};

/// Name of tantivy's commit file; its presence marks a folder as an index.
const META_FILE: &str = "meta.json";

/// What annals stores with every commit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Payload {
    /// [`SCHEMA_VERSION`] of the writer.
    pub version: u32,
    /// The corpus root, canonicalised: an index is only updated from the folder it was built
    /// from.
    pub corpus: PathBuf,
    /// The corpus root as the user gave it, used to show paths (`corpus/x.txt`).
    pub corpus_display: String,
    /// Whether the corpus is one file, shown as given, rather than a folder.
    #[serde(default)]
    pub single_file: bool,
    /// Seconds since the Unix epoch of the commit.
    pub updated_at: u64,
    /// Which files hold the commit's word dictionary (see [`crate::dictionary`]).
    #[serde(default)]
    pub dictionary: Generation,
}

/// An opened index with its field handles and commit payload.
pub struct AnnalsIndex {
    pub index: Index,
    pub fields: Fields,
    pub payload: Payload,
    pub path: PathBuf,
}

impl AnnalsIndex {
    /// Open the index at `path` for searching.
    ///
    /// Errors: [`Error::IndexMissing`] when there is none; [`Error::IndexUnreadable`] when it
    /// is damaged, from another version, or not an annals index.
    pub fn open(path: &Path) -> Result<AnnalsIndex> {
        if !exists(path) {
            return Err(Error::IndexMissing(path.to_path_buf()));
        }
        let unreadable = |reason: String| Error::IndexUnreadable {
            path: path.to_path_buf(),
            reason,
        };
        let index = open_dir(path).map_err(|e| unreadable(describe(&e)))?;
        let payload = read_payload(&index)
            .map_err(|e| unreadable(describe(&e)))?
            .ok_or_else(|| Error::IndexUncommitted(path.to_path_buf()))?;
        // The version first: another version's schema may lack fields this one has.
        if payload.version != SCHEMA_VERSION {
            return Err(Error::IndexOutdated {
                path: path.to_path_buf(),
                found: payload.version,
                expected: SCHEMA_VERSION,
            });
        }
        let fields = Fields::from_schema(&index.schema())
            .ok_or_else(|| unreadable("it was not written by this version of annals".into()))?;
        register_analyzers(&index);
        Ok(AnnalsIndex {
            index,
            fields,
            payload,
            path: path.to_path_buf(),
        })
    }

    /// The payload of the index's last commit, read again (it may be newer than
    /// [`AnnalsIndex::payload`]).
    pub(crate) fn current_payload(&self) -> Result<Payload> {
        let unreadable = |reason: String| Error::IndexUnreadable {
            path: self.path.clone(),
            reason,
        };
        read_payload(&self.index)
            .map_err(|e| unreadable(describe(&e)))?
            .ok_or_else(|| unreadable("it has no annals commit".into()))
    }

    /// The word dictionary of the commit this index was opened at.
    pub fn dictionary(&self) -> Result<Dictionary> {
        self.open_dictionary(self.payload.dictionary)
    }

    /// The word dictionary of `generation` (see [`Payload::dictionary`]).
    pub(crate) fn open_dictionary(&self, generation: Generation) -> Result<Dictionary> {
        Dictionary::open(self.index.directory(), generation).map_err(|e| Error::IndexUnreadable {
            path: self.path.clone(),
            reason: format!("its word dictionary is unreadable ({e})"),
        })
    }

    /// A reader that follows new commits (by this or another process) within about half a
    /// second, for long-running servers.
    pub fn live_reader(&self) -> Result<IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()
            .map_err(|e| damaged(&self.path, Error::from(e)))
    }

    /// A reader that reloads only when asked, for one-shot commands.
    pub fn reader(&self) -> Result<IndexReader> {
        manual_reader(&self.index).map_err(|e| damaged(&self.path, e))
    }
}

/// A reader on the last commit that reloads only when asked: no background thread.
pub(crate) fn manual_reader(index: &Index) -> Result<IndexReader> {
    Ok(index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()?)
}

/// Open the tantivy index in the folder at `path`, readable even where it cannot be written.
fn open_dir(path: &Path) -> tantivy::Result<Index> {
    Index::open(directory::IndexDirectory::open(path)?)
}

/// The path of the corpus file `rel` (as listed) as shown to users: the corpus folder as
/// given, then the path; the corpus as given when it is one file.
pub(crate) fn display_path(corpus_display: &str, single_file: bool, rel: &str) -> String {
    match single_file {
        true => corpus_display.to_string(),
        false => format!("{}/{rel}", corpus_display.trim_end_matches('/')),
    }
}

impl Payload {
    /// The path of the corpus file `rel` as shown to users ([`display_path`]).
    pub(crate) fn shown_path(&self, rel: &str) -> String {
        display_path(&self.corpus_display, self.single_file, rel)
    }

    /// The corpus file (as listed) that `shown` names as [`Payload::shown_path`] shows it,
    /// or by its path in the corpus folder.
    pub(crate) fn listed_path<'a>(&'a self, shown: &'a str) -> &'a str {
        if self.single_file {
            let name = Path::new(&self.corpus_display).file_name();
            if let Some(name) = name
                .and_then(|n| n.to_str())
                .filter(|_| shown == self.corpus_display)
            {
                return name;
            }
        }
        (shown.strip_prefix(self.corpus_display.trim_end_matches('/')))
            .map(|r| r.trim_start_matches('/'))
            .unwrap_or(shown)
    }
}

/// Whether `path` holds an index (a committed `meta.json`).
pub fn exists(path: &Path) -> bool {
    path.join(META_FILE).is_file()
}

/// The corpus folder the index at `path` was built from, if there is an index there that
/// says: as the user gave it when that still names the same folder from here, else its
/// full path. Read from the index's `meta.json` alone, without opening the index.
pub fn built_from(path: &Path) -> Option<PathBuf> {
    let payload = payload_of_meta(&std::fs::read(path.join(META_FILE)).ok()?)?;
    let given = PathBuf::from(&payload.corpus_display);
    match given.canonicalize() {
        Ok(canonical) if canonical == payload.corpus => Some(given),
        _ => Some(payload.corpus),
    }
}

/// The payload of the index's last commit, if it has one annals can read.
///
/// Read from `meta.json` without tantivy's parse of the whole file (schema and segment
/// list), which opening the index has already done once: a search process would otherwise
/// parse it a third time for one string.
fn read_payload(index: &Index) -> tantivy::Result<Option<Payload>> {
    let bytes = index.directory().atomic_read(Path::new(META_FILE))?;
    Ok(payload_of_meta(&bytes))
}

/// The payload in the bytes of a `meta.json`, if it holds one annals can read.
///
/// tantivy writes the payload last: it is read from its key on, found from the end, rather
/// than by reading past the schema and segment list before it, which cost a search process
/// as much as 3% of its instructions. Only tantivy's top-level object has a `payload` key,
/// and the key's bytes cannot occur inside a string (its quotes would be escaped there);
/// where no payload annals wrote is found so, the whole file is read.
fn payload_of_meta(bytes: &[u8]) -> Option<Payload> {
    let read = |payload: String| serde_json::from_str(&payload).ok();
    payload_from_its_key(bytes).and_then(read).or_else(|| {
        #[derive(Deserialize)]
        struct Meta {
            payload: Option<String>,
        }
        read(serde_json::from_slice::<Meta>(bytes).ok()?.payload?)
    })
}

/// The string value of the last `"payload"` key in `bytes`.
fn payload_from_its_key(bytes: &[u8]) -> Option<String> {
    const KEY: &[u8] = b"\"payload\"";
    let at = bytes.windows(KEY.len()).rposition(|w| w == KEY)?;
    let rest = bytes[at + KEY.len()..]
        .trim_ascii_start()
        .strip_prefix(b":")?;
    let mut value = serde_json::Deserializer::from_slice(rest);
    String::deserialize(&mut value).ok()
}

/// A failure to open the segments of the index at `path`, as [`Error::IndexUnreadable`]
/// (with the advice to rebuild); other errors pass through.
pub(crate) fn damaged(path: &Path, error: Error) -> Error {
    match error {
        Error::Tantivy(e) => Error::IndexUnreadable {
            path: path.to_path_buf(),
            reason: describe(&e),
        },
        other => other,
    }
}

/// A one-line reason for a tantivy failure to open an index.
fn describe(error: &TantivyError) -> String {
    match error {
        TantivyError::OpenDirectoryError(OpenDirectoryError::DoesNotExist(p)) => {
            format!("{} does not exist", p.display())
        }
        TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(file)) => {
            format!("its file {} is missing", file.display())
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            format!("its file {} is damaged ({io_error})", filepath.display())
        }
        TantivyError::DataCorruption(corruption) => format!("it is damaged ({corruption:?})"),
        other => first_line(other),
    }
}

/// The first line of an error's message: tantivy's can run over several.
pub(crate) fn first_line(error: &impl std::fmt::Display) -> String {
    error
        .to_string()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payload_is_read_from_its_key_as_from_the_whole_meta() {
        let payload = Payload {
            version: SCHEMA_VERSION,
            corpus: PathBuf::from("/data/\"payload\": x"),
            corpus_display: "notes \\ \"payload\"".into(),
            single_file: true,
            updated_at: 7,
            dictionary: Generation { base: 2, delta: 1 },
        };
        let text = serde_json::to_string(&payload).unwrap();
        let quoted = serde_json::to_string(&text).unwrap();
        // As tantivy writes it, the payload last; and with other keys of that name after it
        // (the JSON macro sorts the keys), read from the whole file.
        let written = format!(
            "{{\n  \"schema\": [{{\"name\": \"payload\"}}],\n  \"opstamp\": 3,\n  \"payload\": {quoted}\n}}"
        );
        let meta = serde_json::json!({
            "segments": [{"payload": "not this one"}],
            "schema": [{"name": "payload", "type": "text"}],
            "opstamp": 3,
            "payload": text,
        });
        for bytes in [
            written.into_bytes(),
            serde_json::to_vec(&meta).unwrap(),
            serde_json::to_vec_pretty(&meta).unwrap(),
        ] {
            assert_eq!(payload_of_meta(&bytes), Some(payload.clone()));
        }
        // No payload, or none annals wrote.
        assert_eq!(payload_of_meta(br#"{"opstamp": 0, "payload": null}"#), None);
        assert_eq!(payload_of_meta(br#"{"opstamp": 0}"#), None);
        assert_eq!(payload_of_meta(br#"{"payload": "{}"}"#), None);
    }
}
