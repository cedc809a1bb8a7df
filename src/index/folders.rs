//! The corpus's folders as the last update walked them, kept in the index folder, so that a
//! search that finds nothing can tell whether files came or went since without walking the
//! corpus: a file added, removed or renamed anywhere changes the modification time of a
//! folder that was there (its own, or that of the topmost new folder's parent), so looking
//! at those folders alone sees what a walk would.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::corpus;

/// The file, beside tantivy's: the canonical corpus root on its first line, then each
/// folder relative to it, a line each.
const FILE: &str = ".annals-folders";

/// Record `folders` (relative to `corpus_root`, canonical) in the index folder `folder`,
/// written under a temporary name and renamed, so that a reader finds it whole or not at
/// all. A failure is not the update's: the list only saves a search its walk, and without
/// it (or with a name a line cannot hold) the file is removed and searches walk as before.
pub(super) fn record(folder: &Path, corpus_root: &Path, folders: &[PathBuf]) {
    let path = folder.join(FILE);
    let lines: Option<Vec<&str>> = std::iter::once(corpus_root)
        .chain(folders.iter().map(PathBuf::as_path))
        .map(|p| p.to_str().filter(|s| !s.contains(['\n', '\r'])))
        .collect();
    let written = lines.is_some_and(|lines| {
        let temporary = folder.join(format!("{FILE}.new"));
        fs::write(&temporary, lines.join("\n") + "\n").is_ok()
            && fs::rename(&temporary, &path).is_ok()
    });
    if !written {
        let _ = fs::remove_file(&path);
    }
}

/// Whether a file was added to, removed from or renamed in a folder of the corpus at
/// `corpus` in a second after `since`'s (see [`corpus::folders_changed_since`], whose walk
/// this stands in for), the index at `index` and what it holds left out. Looks at the
/// folders the index's last update recorded, or walks the corpus when there are none, or
/// when they were recorded for another corpus root.
pub fn corpus_changed_since(index: &Path, corpus: &Path, since: SystemTime) -> bool {
    let recorded = fs::read_to_string(index.join(FILE)).ok();
    let mut lines = recorded.as_deref().unwrap_or_default().lines();
    let root = corpus.canonicalize().ok();
    let Some(root) = root.filter(|root| lines.next().is_some_and(|r| Path::new(r) == root)) else {
        return corpus::folders_changed_since(corpus, index, since);
    };
    let apart = index.canonicalize().ok();
    lines
        .map(|rel| root.join(rel))
        .filter(|folder| !apart.as_deref().is_some_and(|a| folder.starts_with(a)))
        // A folder gone is a change (its parent's time says so too).
        .any(|folder| fs::metadata(folder).map_or(true, |m| corpus::changed_after(&m, since)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn listed(root: &Path) -> Vec<PathBuf> {
        corpus::list_files(root, false).unwrap().folders
    }

    /// A corpus folder (its canonical root) holding `folders`, and an index folder.
    fn folders(folders: &[&str]) -> (tempfile::TempDir, PathBuf, tempfile::TempDir) {
        let corpus = tempfile::tempdir().unwrap();
        let root = corpus.path().canonicalize().unwrap();
        for folder in folders {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        (corpus, root, tempfile::tempdir().unwrap())
    }

    #[test]
    fn recorded_folders_see_what_the_walk_sees() {
        let (_corpus, root, index) = folders(&["a/b"]);
        fs::write(root.join("a/b/x.txt"), "x").unwrap();
        let folders = listed(&root);
        assert_eq!(folders, [PathBuf::new(), "a".into(), "a/b".into()]);
        record(index.path(), &root, &folders);
        let later = SystemTime::now() + Duration::from_secs(5);
        let earlier = SystemTime::now() - Duration::from_secs(5);
        for since in [later, earlier] {
            assert_eq!(
                corpus_changed_since(index.path(), &root, since),
                corpus::folders_changed_since(&root, index.path(), since),
            );
        }
        assert!(!corpus_changed_since(index.path(), &root, later));
        assert!(corpus_changed_since(index.path(), &root, earlier));
    }

    #[test]
    fn a_folder_gone_is_a_change_and_another_root_is_walked() {
        let (_corpus, root, index) = folders(&["a"]);
        let later = SystemTime::now() + Duration::from_secs(5);
        record(index.path(), &root, &listed(&root));
        assert!(!corpus_changed_since(index.path(), &root, later));
        fs::remove_dir(root.join("a")).unwrap();
        // The root's time is before `later`: only the missing folder tells.
        assert!(corpus_changed_since(index.path(), &root, later));
        // Recorded for another root: that root's list says nothing of this one.
        let other = tempfile::tempdir().unwrap();
        assert!(!corpus_changed_since(index.path(), other.path(), later));
    }

    #[test]
    fn a_name_a_line_cannot_hold_leaves_no_list() {
        let index = tempfile::tempdir().unwrap();
        record(index.path(), Path::new("/c"), &[PathBuf::new()]);
        assert!(index.path().join(FILE).exists());
        record(index.path(), Path::new("/c"), &["a\nb".into()]);
        assert!(!index.path().join(FILE).exists());
    }
}
