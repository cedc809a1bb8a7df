//! Keeping the index in step with a corpus that changes: file-system events (debounced) are
//! only a trigger; every update re-checks the whole folder, so a missed event is repaired by
//! the next one, and a burst of thousands of events makes one update.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher};

use super::options::UpdateOptions;
use super::summary::{Problem, UpdateSummary};
use super::update::update;
use crate::corpus::is_hidden;
use crate::error::{Error, Result};

/// Quiet time after the last event before an update starts: long enough to gather an
/// editor's write-then-rename or a bulk copy into one batch, short enough to feel immediate.
pub const DEBOUNCE: Duration = Duration::from_millis(300);

/// How often the loop looks at the stop flag and at whether the corpus folder was replaced.
const POLL: Duration = Duration::from_millis(100);

/// While another process holds the index, an update is tried again after this long,
/// doubling each time up to [`RETRY_MAX`], so a change made during someone's long
/// `annals index --full` lands soon after it ends, without another file event.
const RETRY_FIRST: Duration = Duration::from_millis(250);

/// The longest wait between two tries of a locked index.
const RETRY_MAX: Duration = Duration::from_secs(4);

/// Update the index, then follow the corpus until `stop` is set, updating after each batch
/// of changes. `on_update` receives the result of every update; failures (a corpus folder
/// that vanished, a locked index) are passed on and the watch goes on. A first update that
/// fails because the index cannot be read or written ends the watch with that error:
/// waiting would not fix it.
pub fn watch(
    index_path: &Path,
    options: &UpdateOptions,
    stop: &AtomicBool,
    report: &mut dyn FnMut(&Problem),
    on_update: &mut dyn FnMut(Result<UpdateSummary>),
) -> Result<()> {
    let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| watch_error(&options.corpus, e))?;
    let ignored = std::fs::canonicalize(index_path).unwrap_or_else(|_| index_path.to_path_buf());
    let mut watched: Option<Identity> = None;
    let mut pending = true;
    let mut first = true;
    // When the last relevant event arrived; an update waits for DEBOUNCE of quiet after it.
    let mut last_event: Option<Instant> = None;
    let mut retry_at: Option<Instant> = None;
    let mut backoff = RETRY_FIRST;
    while !stop.load(Ordering::SeqCst) {
        // (Re-)watch when the corpus folder appears or is replaced by a new one.
        let current = identity(&options.corpus);
        if current != watched {
            if watched.is_some() {
                let _ = watcher.unwatch(&options.corpus);
            }
            if current.is_some() {
                watcher
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
        let quiet = last_event.is_none_or(|t| t.elapsed() >= DEBOUNCE);
        let due = retry_at.is_none_or(|t| Instant::now() >= t);
        if pending && quiet && due && watched.is_some() {
            pending = false;
            last_event = None;
            retry_at = None;
            match update(index_path, options, report) {
                // Another process is updating: try again, told once.
                Err(e @ Error::IndexLocked(_)) => {
                    if backoff == RETRY_FIRST {
                        on_update(Err(e));
                    }
                    pending = true;
                    retry_at = Some(Instant::now() + backoff);
                    backoff = (backoff * 2).min(RETRY_MAX);
                    continue;
                }
                Err(e @ (Error::IndexNotWritable { .. } | Error::IndexUnreadable { .. }))
                    if first =>
                {
                    return Err(e)
                }
                result => {
                    backoff = RETRY_FIRST;
                    on_update(result)
                }
            }
            first = false;
        }
        let mut note = |event: notify::Result<Event>| {
            if relevant(&event, &options.corpus, &ignored) {
                pending = true;
                last_event = Some(Instant::now());
            }
        };
        match rx.recv_timeout(POLL) {
            Ok(event) => {
                note(event);
                while let Ok(event) = rx.try_recv() {
                    note(event);
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

/// Whether an event may change the index. Reads do not: the update's own listing and reading
/// of the corpus would otherwise trigger the next update, forever. Nor do events inside the
/// index folder itself (when it lives in the corpus) or on hidden files (editor swap files).
/// An error from the watcher (such as an overflowing event queue) counts, to be safe.
fn relevant(event: &notify::Result<Event>, corpus: &Path, index: &Path) -> bool {
    let event = match event {
        Err(_) => return true,
        Ok(event) => event,
    };
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return false,
        _ => {}
    }
    let canonical = std::fs::canonicalize(corpus).ok();
    let inside = |path: &Path| -> Option<PathBuf> {
        path.strip_prefix(corpus)
            .ok()
            .or_else(|| path.strip_prefix(canonical.as_deref()?).ok())
            .map(Path::to_path_buf)
    };
    event.paths.is_empty()
        || event.paths.iter().any(|path| {
            if path.starts_with(index) {
                return false;
            }
            // Paths outside the corpus (should not happen) count, to be safe.
            inside(path).is_none_or(|rel| !rel.components().any(|c| is_hidden(c.as_os_str())))
        })
}

/// What tells one folder from another one created at the same path.
type Identity = (u64, u64);

#[cfg(unix)]
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir() || m.is_file())
        .map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    (path.is_dir() || path.is_file()).then_some((0, 0))
}

fn watch_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(
        PathBuf::from(path),
        std::io::Error::other(format!("cannot watch for changes: {e}")),
    )
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, ModifyKind};

    use super::*;

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn reading_the_corpus_does_not_trigger_an_update() {
        let (corpus, index) = (Path::new("/c"), Path::new("/i"));
        let open_dir = EventKind::Access(AccessKind::Open(AccessMode::Any));
        let close_read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!relevant(&event(open_dir, "/c/essays"), corpus, index));
        assert!(!relevant(&event(close_read, "/c/a.txt"), corpus, index));
        let close_write = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(relevant(&event(close_write, "/c/a.txt"), corpus, index));
        let modify = EventKind::Modify(ModifyKind::Any);
        assert!(relevant(&event(modify, "/c/a.txt"), corpus, index));
    }

    #[test]
    fn hidden_files_and_the_index_folder_are_ignored_and_errors_are_not() {
        let (corpus, index) = (Path::new("/c"), Path::new("/c/index"));
        let create = EventKind::Create(CreateKind::File);
        assert!(!relevant(&event(create, "/c/.a.txt.swp"), corpus, index));
        assert!(!relevant(&event(create, "/c/.git/HEAD"), corpus, index));
        assert!(!relevant(
            &event(create, "/c/index/meta.json"),
            corpus,
            index
        ));
        assert!(relevant(&event(create, "/c/essays/a.txt"), corpus, index));
        assert!(relevant(
            &Err(notify::Error::generic("overflow")),
            corpus,
            index
        ));
    }
}
