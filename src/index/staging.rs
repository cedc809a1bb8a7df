//! Rebuilding an index beside the old one: an index that cannot be updated in place
//! (unreadable, or from another format version) is built in a hidden staging folder and
//! replaces the old one in one rename once committed, so that an interrupted rebuild leaves
//! the last good index.

use std::path::{Path, PathBuf};

use tantivy::directory::DirectoryLock;
use tantivy::Index;

use super::writer::{create, write_error};
use super::META_FILE;
use crate::error::Result;

/// A rebuild in the staging folder: replaces the old index when asked, or is removed
/// (leaving the old index as it was) when dropped unfinished.
pub(super) struct Staged {
    path: PathBuf,
    _lock: DirectoryLock,
    replaced: bool,
}

impl Staged {
    /// A rebuild of the index at `path`, whose writer lock `lock` is, in a new, empty
    /// index in its staging folder (leftovers of an interrupted rebuild removed first).
    pub(super) fn create(path: &Path, lock: DirectoryLock) -> Result<(Staged, Index)> {
        let index = create_staged(path)?;
        let staged = Staged {
            path: path.to_path_buf(),
            _lock: lock,
            replaced: false,
        };
        Ok((staged, index))
    }

    /// The folder the rebuild is written in.
    pub(super) fn folder(&self) -> PathBuf {
        self.path.join(STAGING)
    }

    /// Move the committed rebuild over the old index (see [`replace_with_staged`]).
    pub(super) fn replace(mut self) -> Result<()> {
        replace_with_staged(&self.path)?;
        self.replaced = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.replaced {
            let _ = std::fs::remove_dir_all(self.path.join(STAGING));
        }
    }
}

/// Hidden folder inside the index folder where an index that cannot be updated in place
/// (unreadable, or from another format version) is rebuilt, so that the old one stays
/// until the new one is complete.
const STAGING: &str = ".annals-rebuild";

/// A new, empty index in the staging folder of `path`; [`replace_with_staged`] moves it
/// over the old one once committed. Leftovers of an interrupted rebuild are removed first.
fn create_staged(path: &Path) -> Result<Index> {
    let staging = path.join(STAGING);
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| write_error(path, &staging, e))?;
    }
    create(&staging)
}

/// Replace the index at `path` with the committed one in its staging folder: the new
/// files move in first (segment files have unique names), then its `meta.json` replaces the
/// old one in one rename — the moment a reader switches — and only then do the old files
/// go. A crash before that rename leaves the old index; after it, the new one (and some
/// unreferenced old files, which stay behind: tantivy only collects files it wrote itself).
fn replace_with_staged(path: &Path) -> Result<()> {
    let staging = path.join(STAGING);
    let fail = |file: &Path, e: std::io::Error| write_error(path, file, e);
    let mut new_files = std::collections::HashSet::new();
    for entry in std::fs::read_dir(&staging).map_err(|e| fail(&staging, e))? {
        let name = entry.map_err(|e| fail(&staging, e))?.file_name();
        if name == META_FILE || is_lock_file(&name) {
            continue;
        }
        let from = staging.join(&name);
        std::fs::rename(&from, path.join(&name)).map_err(|e| fail(&from, e))?;
        new_files.insert(name);
    }
    let meta = staging.join(META_FILE);
    std::fs::rename(&meta, path.join(META_FILE)).map_err(|e| fail(&meta, e))?;
    new_files.insert(META_FILE.into());
    for entry in std::fs::read_dir(path).map_err(|e| fail(path, e))? {
        let entry = entry.map_err(|e| fail(path, e))?;
        let name = entry.file_name();
        let keep = new_files.contains(&name)
            || name == STAGING
            || is_lock_file(&name)
            || name.to_string_lossy().starts_with(".git");
        if !keep {
            let old = entry.path();
            let removed = if old.is_dir() {
                std::fs::remove_dir_all(&old)
            } else {
                std::fs::remove_file(&old)
            };
            removed.map_err(|e| fail(&old, e))?;
        }
    }
    std::fs::remove_dir_all(&staging).map_err(|e| fail(&staging, e))
}

/// tantivy's lock files, which their holders delete themselves.
fn is_lock_file(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with(".tantivy-")
}
