//! Keeping the index in step with a corpus that changes: file-system events (debounced) are
//! only a trigger; every update re-checks the whole folder, so a missed event is repaired by
//! the next one, and a burst of thousands of events makes one update.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{new_debouncer, DebounceEventResult};

use super::update::{update, Problem, UpdateOptions, UpdateSummary};
use crate::corpus::is_hidden;
use crate::error::{Error, Result};

/// Quiet time after the last event before an update starts: long enough to gather an
/// editor's write-then-rename or a bulk copy into one batch, short enough to feel immediate.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// How often the loop looks at the stop flag and at whether the corpus folder was replaced.
const POLL: Duration = Duration::from_millis(100);

/// Update the index, then follow the corpus until `stop` is set, updating after each batch
/// of changes. `on_update` receives the result of every update; failures (a corpus folder
/// that vanished, a locked index) are passed on and the watch goes on.
pub fn watch(
    index_path: &Path,
    options: &UpdateOptions,
    stop: &AtomicBool,
    report: &mut dyn FnMut(&Problem),
    on_update: &mut dyn FnMut(Result<UpdateSummary>),
) -> Result<()> {
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(DEBOUNCE, tx).map_err(|e| watch_error(&options.corpus, e))?;
    let ignored = std::fs::canonicalize(index_path).unwrap_or_else(|_| index_path.to_path_buf());
    let mut watched: Option<Identity> = None;
    let mut pending = true;
    while !stop.load(Ordering::SeqCst) {
        // (Re-)watch when the corpus folder appears or is replaced by a new one.
        let current = identity(&options.corpus);
        if current != watched {
            if watched.is_some() {
                let _ = debouncer.watcher().unwatch(&options.corpus);
            }
            if current.is_some() {
                debouncer
                    .watcher()
                    .watch(&options.corpus, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&options.corpus, e))?;
            }
            if watched.is_some() && current.is_none() {
                on_update(Err(Error::CorpusMissing(options.corpus.clone())));
            }
            watched = current;
            pending = true;
        }
        // While the corpus folder is gone, the index keeps its last state.
        if pending && watched.is_some() {
            pending = false;
            on_update(update(index_path, options, report));
        }
        match rx.recv_timeout(POLL) {
            Ok(batch) => {
                pending |= relevant(&batch, &options.corpus, &ignored);
                while let Ok(batch) = rx.try_recv() {
                    pending |= relevant(&batch, &options.corpus, &ignored);
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(watch_error(&options.corpus, "the watcher stopped"));
            }
        }
    }
    Ok(())
}

/// Whether a batch of events may change the index: events inside the index folder itself
/// (when it lives in the corpus) or on hidden files (editor swap files) do not.
fn relevant(batch: &DebounceEventResult, corpus: &Path, index: &Path) -> bool {
    let canonical = std::fs::canonicalize(corpus).ok();
    let inside = |path: &Path| -> Option<PathBuf> {
        path.strip_prefix(corpus)
            .ok()
            .or_else(|| path.strip_prefix(canonical.as_deref()?).ok())
            .map(Path::to_path_buf)
    };
    match batch {
        Err(_) => true,
        Ok(events) => events.iter().any(|e| {
            if e.path.starts_with(index) {
                return false;
            }
            // Paths outside the corpus (should not happen) count, to be safe.
            inside(&e.path).is_none_or(|rel| !rel.components().any(|c| is_hidden(c.as_os_str())))
        }),
    }
}

/// What tells one folder from another one created at the same path.
type Identity = (u64, u64);

#[cfg(unix)]
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    path.is_dir().then_some((0, 0))
}

fn watch_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(
        PathBuf::from(path),
        std::io::Error::other(format!("cannot watch for changes: {e}")),
    )
}
