//! Opening an index for writing: creating it or deciding to rebuild it (in the staging
//! folder, [`super::staging`]), taking the writer lock, and merging segments after a full
//! build.

use std::path::Path;
use std::time::Duration;

use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, INDEX_WRITER_LOCK};
use tantivy::{Index, IndexWriter, TantivyError};

use super::directory::{is_not_writable_io, IndexDirectory};
use super::options::UpdateOptions;
use super::staging::Staged;
use super::{exists, open_dir, read_payload};
use crate::dictionary::{Dictionary, Generation};
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
/// [`MAX_SEGMENTS_AFTER_BUILD`] remain, waiting for each merge to be committed. A merge reads
/// its segments through memory maps, whose pages count in the process's resident memory
/// while it runs, so no merge takes in more than `max_bytes` of segment files (the writer's
/// memory budget): the smallest are merged a few at a time, and segments too big to merge
/// within that are left as they are.
pub(super) fn merge_small_segments(
    index: &Index,
    writer: &mut IndexWriter,
    max_bytes: u64,
) -> Result<()> {
    loop {
        let metas = index.searchable_segment_metas()?;
        if metas.len() <= MAX_SEGMENTS_AFTER_BUILD {
            return Ok(());
        }
        let mut segments: Vec<_> = (metas.into_iter())
            .map(|meta| (segment_bytes(index, &meta), meta))
            .collect();
        segments.sort_by_key(|(bytes, _)| *bytes);
        let wanted = segments.len() - MAX_SEGMENTS_AFTER_BUILD + 1;
        let (mut ids, mut total) = (Vec::new(), 0);
        for (bytes, meta) in &segments[..wanted] {
            if total + bytes > max_bytes {
                break;
            }
            total += bytes;
            ids.push(meta.id());
        }
        if ids.len() < 2 {
            return Ok(());
        }
        writer.merge(&ids).wait()?;
    }
}

/// Hand the memory freed by indexing back to the system before the final merge maps its
/// segments. glibc keeps freed memory in its per-thread arenas, so without this the
/// indexing threads' buffers (about 200 MB on a big dump) stay resident under the merge's
/// mapped pages, and peak memory grows with the file (BENCHMARKS.md, "Peak memory").
pub(super) fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's arenas to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The size of a segment's files.
fn segment_bytes(index: &Index, meta: &tantivy::index::SegmentMeta) -> u64 {
    use tantivy::index::SegmentComponent::*;
    use tantivy::HasLen;
    [Postings, Positions, Terms, Store, FastFields, FieldNorms]
        .into_iter()
        .filter_map(|component| {
            let path = meta.relative_path(component);
            index.directory().open_read(&path).ok()
        })
        .map(|file| file.len() as u64)
        .sum()
}

/// An index opened for writing by [`open_for_update`].
pub(super) struct ForUpdate {
    pub index: Index,
    pub fields: Fields,
    /// Why every document must be rebuilt, when the existing index cannot be updated in
    /// place.
    pub rebuild: Option<String>,
    /// Set when the rebuild happens in the staging folder (the old index cannot be used at
    /// all), to be moved over the old one with [`Staged::replace`] once committed.
    pub staged: Option<Staged>,
    /// The word dictionary of the last commit (empty when rebuilding).
    pub dictionary: Dictionary,
    /// Its generation; the next commit's dictionary takes a higher one.
    pub generation: Generation,
}

/// Open the index for writing, creating it when there is none.
///
/// An index written by a newer annals is not overwritten unless `full` says so: the newer
/// binary may still be in use.
pub(super) fn open_for_update(
    path: &Path,
    corpus_root: &Path,
    full: bool,
    wait: bool,
) -> Result<ForUpdate> {
    let fresh = |index, fields, rebuild, staged| ForUpdate {
        index,
        fields,
        rebuild,
        staged,
        dictionary: Dictionary::empty(),
        generation: Generation::default(),
    };
    if !exists(path) {
        match create(path) {
            // Another process created it meanwhile (concurrent first searches): go on as
            // for any existing index.
            Err(_) if exists(path) => {}
            created => return Ok(fresh(created?, Fields::build().1, None, None)),
        }
    }
    let stale = match open_dir(path) {
        Err(e) => Some(format!("the index could not be read ({e})")),
        Ok(index) => match (Fields::from_schema(&index.schema()), read_payload(&index)) {
            (Some(fields), Ok(Some(payload))) if payload.version == SCHEMA_VERSION => {
                if payload.corpus != corpus_root && !full {
                    return Err(Error::CorpusMismatch {
                        index: path.to_path_buf(),
                        built_from: payload.corpus,
                        given: corpus_root.to_path_buf(),
                    });
                }
                register_analyzers(&index);
                let generation = payload.dictionary;
                let mut rebuild = (payload.corpus != corpus_root)
                    .then(|| format!("it was built from {}", payload.corpus.display()));
                let dictionary = match Dictionary::open(index.directory(), generation) {
                    Ok(dictionary) => dictionary,
                    Err(e) => {
                        rebuild.get_or_insert(format!("its word dictionary is unreadable ({e})"));
                        Dictionary::empty()
                    }
                };
                return Ok(ForUpdate {
                    index,
                    fields,
                    rebuild,
                    staged: None,
                    dictionary,
                    generation,
                });
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
    // The old index's writer lock keeps other updates out of the staging folder.
    let lock = lock_folder(path, wait)?;
    // A first build by another process, committed while we waited for its lock, is an
    // index like any other: update it rather than build it again.
    if wait && is_current(path) {
        drop(lock);
        return open_for_update(path, corpus_root, full, wait);
    }
    let (staged, index) = Staged::create(path, lock)?;
    Ok(fresh(index, Fields::build().1, stale, Some(staged)))
}

/// Take the writer lock of the index folder at `path` without opening the index in it.
fn lock_folder(path: &Path, wait: bool) -> Result<DirectoryLock> {
    lock(&IndexDirectory::open(path)?, path, wait)
}

/// Take the writer lock of `index` (at `path`) without making an `IndexWriter`, for a
/// build that writes its segments itself; fails at once or waits as asked.
pub(super) fn lock_index(index: &Index, path: &Path, wait: bool) -> Result<DirectoryLock> {
    check_writable(path)?;
    lock(index.directory(), path, wait)
}

/// Take the writer lock of `directory`, the index at `path`.
fn lock(directory: &dyn Directory, path: &Path, wait: bool) -> Result<DirectoryLock> {
    loop {
        match directory.acquire_lock(&INDEX_WRITER_LOCK) {
            Ok(lock) => return Ok(lock),
            Err(LockError::LockBusy) if wait => std::thread::sleep(LOCK_RETRY),
            Err(LockError::LockBusy) => return Err(Error::IndexLocked(path.to_path_buf())),
            Err(LockError::IoError(io)) if is_not_writable_io(&io) => {
                return Err(Error::not_writable(path, io))
            }
            Err(e) => return Err(TantivyError::LockFailure(e, None).into()),
        }
    }
}

/// Stored documents are compressed in blocks of this many bytes, and showing a hit
/// decompresses its whole block. tantivy's default, 16 KB, holds some twenty sections, so
/// each hit shown cost four times the work and the page reads it needs; 4 KB blocks make
/// the index a little larger and fetching hits faster (BENCHMARKS.md, "Stored documents in
/// 4 KB blocks").
const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// Create a new, empty index at `path`, refusing folders that hold other files.
pub(super) fn create(path: &Path) -> Result<Index> {
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
    let settings = tantivy::IndexSettings {
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..Default::default()
    };
    let index = Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(path)?;
    register_analyzers(&index);
    Ok(index)
}

/// Whether `path` holds a committed index of this format version.
fn is_current(path: &Path) -> bool {
    open_dir(path)
        .ok()
        .and_then(|index| read_payload(&index).ok().flatten())
        .is_some_and(|payload| payload.version == SCHEMA_VERSION)
}

/// Take the writer lock, failing at once or waiting as asked.
pub(super) fn writer(
    index: &Index,
    path: &Path,
    options: &UpdateOptions,
    max_threads: usize,
) -> Result<IndexWriter> {
    let threads = indexing_threads(options.memory, max_threads)?;
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

/// How many threads index with a memory budget of `memory` bytes: one per core, at most
/// `max_threads`, each with at least the memory tantivy requires.
pub(super) fn indexing_threads(memory: usize, max_threads: usize) -> Result<usize> {
    if memory < MIN_MEMORY_PER_THREAD {
        return Err(Error::option(
            "--memory",
            format!("must be at least {} MB", MIN_MEMORY_PER_THREAD / 1_000_000),
        ));
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores
        .clamp(1, 8)
        .min(max_threads)
        .min(memory / MIN_MEMORY_PER_THREAD)
        .max(1);
    if memory / threads > MAX_MEMORY_PER_THREAD {
        return Err(Error::option(
            "--memory",
            format!(
                "must be at most {} MB here ({threads} indexing threads of at most {} MB each)",
                threads * MAX_MEMORY_PER_THREAD / 1_000_000,
                MAX_MEMORY_PER_THREAD / 1_000_000
            ),
        ));
    }
    Ok(threads)
}

/// The most one indexing thread may be given: tantivy's arenas are addressed with 32 bits
/// (just under 4 GiB each).
const MAX_MEMORY_PER_THREAD: usize = 4_000_000_000;

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
pub(super) fn write_error(index: &Path, file: &Path, error: std::io::Error) -> Error {
    if is_not_writable_io(&error) {
        Error::not_writable(index, error)
    } else {
        Error::io(file, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::indexer::NoMergePolicy;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, IndexWriter};

    /// An index of `segments` segments of 200 documents each, in a folder of `dir`.
    fn segmented(dir: &Path, segments: usize) -> (Index, IndexWriter) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_dir(dir, schema.build()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.set_merge_policy(Box::new(NoMergePolicy));
        for s in 0..segments {
            for d in 0..200 {
                writer
                    .add_document(doc!(text => format!("segment{s} document{d} words")))
                    .unwrap();
            }
            writer.commit().unwrap();
        }
        (index, writer)
    }

    #[test]
    fn merges_down_to_the_limit_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let (index, mut writer) = segmented(dir.path(), 12);
        let metas = index.searchable_segment_metas().unwrap();
        let one = segment_bytes(&index, &metas[0]);
        assert!(one > 0);
        // No cap to speak of: down to the limit, in one merge.
        merge_small_segments(&index, &mut writer, u64::MAX).unwrap();
        assert_eq!(
            index.searchable_segment_metas().unwrap().len(),
            MAX_SEGMENTS_AFTER_BUILD
        );

        // A cap below two segments: nothing is merged.
        let dir = tempfile::tempdir().unwrap();
        let (index, mut writer) = segmented(dir.path(), 12);
        merge_small_segments(&index, &mut writer, one).unwrap();
        assert_eq!(index.searchable_segment_metas().unwrap().len(), 12);

        // A cap of about three segments: merged a few at a time, none past the cap.
        merge_small_segments(&index, &mut writer, 3 * one + one / 2).unwrap();
        let metas = index.searchable_segment_metas().unwrap();
        assert_eq!(metas.len(), MAX_SEGMENTS_AFTER_BUILD);
        let docs: u32 = metas.iter().map(|m| m.num_docs()).sum();
        assert_eq!(docs, 2400);
        assert!(metas.iter().all(|m| m.num_docs() <= 600), "{metas:?}");
    }
}
