//! Opening an index for writing: creating or rebuilding it, taking the writer lock, and
//! merging segments after a full build.

use std::path::Path;
use std::time::Duration;

use tantivy::directory::error::LockError;
use tantivy::{Index, IndexWriter, TantivyError};

use super::directory::is_not_writable_io;
use super::update::UpdateOptions;
use super::{exists, open_dir, read_payload};
use crate::error::{Error, Result};
use crate::schema::{register_analyzers, Fields, SCHEMA_VERSION};

/// tantivy refuses less than this per writer thread.
const MIN_MEMORY_PER_THREAD: usize = 15_000_000;

/// How long `--wait` sleeps between attempts to take the writer lock.
const LOCK_RETRY: Duration = Duration::from_millis(200);

/// After a full build, at most this many segments are left: a search visits every segment,
/// so fewer make searches faster, but merging costs time and memory. A 100,000-article
/// build makes 8 segments with the default memory budget; merging them down to 4 took 4 s
/// more and raised peak RSS from 205 MB to 454 MB, so builds of that size are left as
/// they are.
const MAX_SEGMENTS_AFTER_BUILD: usize = 8;

/// Merge the smallest segments of a freshly built index until at most
/// [`MAX_SEGMENTS_AFTER_BUILD`] remain, waiting for the merge to be committed.
pub(super) fn merge_small_segments(index: &Index, writer: &mut IndexWriter) -> Result<()> {
    let mut segments = index.searchable_segment_metas()?;
    if segments.len() <= MAX_SEGMENTS_AFTER_BUILD {
        return Ok(());
    }
    segments.sort_by_key(|m| m.num_docs());
    let merge_count = segments.len() - MAX_SEGMENTS_AFTER_BUILD + 1;
    let ids: Vec<_> = segments[..merge_count].iter().map(|m| m.id()).collect();
    writer.merge(&ids).wait()?;
    Ok(())
}

/// Open the index for writing, creating it when there is none. The third value says why
/// every document must be rebuilt, when the existing index cannot be updated in place.
///
/// An index written by a newer annals is not overwritten unless `full` says so: the newer
/// binary may still be in use.
pub(super) fn open_for_update(
    path: &Path,
    corpus_root: &Path,
    full: bool,
) -> Result<(Index, Fields, Option<String>)> {
    if !exists(path) {
        return Ok((create(path)?, Fields::build().1, None));
    }
    let stale = match open_dir(path) {
        Err(e) => Some(format!("the index could not be read ({e})")),
        Ok(index) => match (Fields::from_schema(&index.schema()), read_payload(&index)) {
            (Some(fields), Ok(Some(payload))) if payload.version == SCHEMA_VERSION => {
                register_analyzers(&index);
                let rebuild = (payload.corpus != corpus_root)
                    .then(|| format!("it was built from {}", payload.corpus.display()));
                return Ok((index, fields, rebuild));
            }
            (_, Ok(Some(payload))) if payload.version > SCHEMA_VERSION && !full => {
                return Err(Error::IndexUnreadable {
                    path: path.to_path_buf(),
                    reason: format!(
                        "it was written by a newer annals (format version {}; this one writes \
                         version {SCHEMA_VERSION})",
                        payload.version
                    ),
                });
            }
            (_, Ok(Some(payload))) => Some(format!(
                "it was written with format version {}, this is version {SCHEMA_VERSION}",
                payload.version
            )),
            _ => Some("it was not written by this version of annals".to_string()),
        },
    };
    wipe(path)?;
    Ok((create(path)?, Fields::build().1, stale))
}

/// Create a new, empty index at `path`, refusing folders that hold other files.
fn create(path: &Path) -> Result<Index> {
    std::fs::create_dir_all(path).map_err(|e| write_error(path, path, e))?;
    let foreign = std::fs::read_dir(path)
        .map_err(|e| Error::io(path, e))?
        .filter_map(|e| e.ok())
        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if foreign {
        return Err(Error::option(
            "--index",
            format!(
                "{} is not empty and holds no annals index; refusing to write into it",
                path.display()
            ),
        ));
    }
    let (schema, _) = Fields::build();
    // A folder that refuses the new files is reported by `update`'s `write_failure`.
    let index = Index::create_in_dir(path, schema)?;
    register_analyzers(&index);
    Ok(index)
}

/// Remove the files of an index that must be rebuilt from scratch. Git's files (such as a
/// `.gitkeep`) are left alone.
fn wipe(path: &Path) -> Result<()> {
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
        let entry = entry.map_err(|e| Error::io(path, e))?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with(".git") {
            continue;
        }
        let p = entry.path();
        let removed = if p.is_dir() {
            std::fs::remove_dir_all(&p)
        } else {
            std::fs::remove_file(&p)
        };
        removed.map_err(|e| write_error(path, &p, e))?;
    }
    Ok(())
}

/// Take the writer lock, failing at once or waiting as asked.
pub(super) fn writer(
    index: &Index,
    path: &Path,
    options: &UpdateOptions,
    max_threads: usize,
) -> Result<IndexWriter> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(max_threads);
    let threads = threads.min((options.memory / MIN_MEMORY_PER_THREAD).max(1));
    if options.memory < MIN_MEMORY_PER_THREAD {
        return Err(Error::option(
            "--memory",
            format!("must be at least {} MB", MIN_MEMORY_PER_THREAD / 1_000_000),
        ));
    }
    check_writable(path)?;
    loop {
        match index.writer_with_num_threads(threads, options.memory) {
            Ok(writer) => return Ok(writer),
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) if options.wait => {
                std::thread::sleep(LOCK_RETRY)
            }
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                return Err(Error::IndexLocked(path.to_path_buf()))
            }
            Err(TantivyError::LockFailure(LockError::IoError(io), _))
                if is_not_writable_io(&io) =>
            {
                return Err(Error::not_writable(path, io))
            }
            Err(e) => return Err(e.into()),
        }
    }
}

/// Fail before any corpus file is read when the index folder refuses new files (tantivy's
/// writer lock may be an existing file, so taking it proves nothing).
fn check_writable(path: &Path) -> Result<()> {
    let probe = path.join(format!(".annals-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => std::fs::remove_file(&probe).map_err(|e| write_error(path, &probe, e)),
        Err(e) => Err(write_error(path, &probe, e)),
    }
}

/// A failed write of `file` in the index at `index`: [`Error::IndexNotWritable`] when the
/// folder refuses writes, else [`Error::Io`] naming the file.
fn write_error(index: &Path, file: &Path, error: std::io::Error) -> Error {
    if is_not_writable_io(&error) {
        Error::not_writable(index, error)
    } else {
        Error::io(file, error)
    }
}
