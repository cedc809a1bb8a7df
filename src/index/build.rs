//! Full builds: each thread reads, parses and indexes its own share of the corpus into
//! segments of its own, the build commits them all at once, then merges the smallest.
//!
//! Through tantivy's `IndexWriter`, documents go from the threads that parse them through a
//! queue to the writer's indexing threads: on two cores, five busy threads took turns, with
//! some 40,000 context switches in a 10,000-article build, each leaving the next thread's
//! tables (terms, stems, word counts) cold in the cache. Here a document is indexed by the
//! thread that made it, with tantivy's own `SegmentWriter`; incremental updates, which
//! delete documents, still go through the `IndexWriter`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use tantivy::directory::Directory;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexMeta, SegmentMeta};

use super::commit::remove_old_dictionaries;
use super::folders;
use super::options::{Progress, UpdateOptions};
use super::run::{report_file, UpdateRun};
use super::staging::Staged;
use super::worker::Worker;
use super::writer::{
    indexing_threads, lock_index, merge_small_segments, release_free_memory, writer, ForUpdate,
};
use super::META_FILE;
use crate::corpus::{CorpusFile, FileContent};
use crate::dictionary::{Dictionary, WordCounts};
use crate::error::{Error, Result};
use crate::schema::Fields;

/// How to run a build.
pub(super) struct BuildOptions<'a> {
    pub fields: Fields,
    /// Indexing threads; each gets an equal share of `memory`.
    pub threads: usize,
    /// Writer memory budget in bytes, for all threads together.
    pub memory: usize,
    pub max_file_size: u64,
    pub progress: Option<&'a Progress>,
}

/// What a build wrote: segments not yet committed, and the word counts of their articles.
#[derive(Default)]
pub(super) struct Built {
    pub segments: Vec<SegmentMeta>,
    pub word_counts: WordCounts,
    /// Documents added, bookkeeping ones included.
    pub docs: u64,
}

impl Built {
    pub(super) fn merge(&mut self, other: Built) {
        self.segments.extend(other.segments);
        self.word_counts.merge(other.word_counts);
        self.docs += other.docs;
    }
}

/// Index every one of `files` into new segments of `index`, calling `on_file` with each
/// file's content (its articles taken out) in the order of `files`, on the calling thread.
///
/// The caller holds the writer lock. Nothing is committed: until [`commit`] names the
/// segments, readers see the last commit, and an interrupted build leaves only unreferenced
/// files, which the next writer collects.
pub(super) fn build(
    index: &Index,
    files: &[CorpusFile],
    options: &BuildOptions,
    on_file: &mut dyn FnMut(&CorpusFile, FileContent),
) -> Result<Built> {
    // Each thread compresses its own stored documents: a compression thread per segment
    // writer (tantivy's default) only took turns with the workers on the same cores, woken
    // for every 4 KB block (BENCHMARKS.md, "Compression inline").
    let mut index = index.clone();
    index.settings_mut().docstore_compress_dedicated_thread = false;
    let index = &index;
    let threads = options.threads.max(1);
    let budget = options.memory / threads;
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Vec<FileContent>)>();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|i| {
                let tx = tx.clone();
                let (next, failed) = (&next, &failed);
                std::thread::Builder::new()
                    .name(format!("annals-index-{i}"))
                    .spawn_scoped(scope, move || {
                        let mut worker = Worker::new(index, options, budget);
                        let done = worker.run(files, next, failed, &tx);
                        if done.is_err() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        done
                    })
                    .expect("spawn an indexing thread")
            })
            .collect();
        drop(tx);
        // Takes come back in any order; files are passed on in the order given.
        let mut early = BTreeMap::new();
        let mut due = 0;
        for (start, contents) in rx {
            early.insert(start, contents);
            while let Some(contents) = early.remove(&due) {
                for content in contents {
                    on_file(&files[due], content);
                    due += 1;
                }
            }
        }
        let mut built = Built::default();
        let mut first_error = None;
        for worker in workers {
            match worker.join() {
                Ok(Ok(part)) => built.merge(part),
                Ok(Err(e)) => {
                    first_error.get_or_insert(e);
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(built),
        }
    })
}

/// Commit `segments` as the whole content of `index` (at `path`), with `payload`, in one
/// atomic write of `meta.json`: readers see the last commit until then, the new one after.
pub(super) fn commit(
    index: &Index,
    path: &Path,
    segments: Vec<SegmentMeta>,
    docs: u64,
    payload: String,
) -> Result<()> {
    let last = index.load_metas()?;
    let meta = IndexMeta {
        index_settings: index.settings().clone(),
        persisted_custom_extensions: last.persisted_custom_extensions,
        segments,
        schema: index.schema(),
        opstamp: last.opstamp + docs,
        payload: Some(payload),
    };
    let mut bytes = serde_json::to_vec_pretty(&meta).expect("index metadata serialises");
    bytes.push(b'\n');
    let meta_path = path.join(META_FILE);
    let directory = index.directory();
    // The segments' files are on disk before the commit that names them.
    directory.sync_directory().map_err(|e| Error::io(path, e))?;
    directory
        .atomic_write(Path::new(META_FILE), &bytes)
        .map_err(|e| Error::io(&meta_path, e))
}

/// A full build: every listed file read and indexed by the build's own threads (see
/// this module), committed as the whole index, then its smallest segments merged.
pub(super) fn rebuild_all(run: UpdateRun, target: ForUpdate) -> Result<()> {
    let ForUpdate {
        index,
        fields,
        staged,
        generation,
        ..
    } = target;
    let threads = indexing_threads(run.options.memory, usize::MAX)?;
    let lock = lock_index(&index, run.index_path, run.options.wait)?;
    if let Some(progress) = &run.options.progress {
        progress.0.start(
            run.files.len() as u64,
            run.files.iter().map(|f| f.size).sum(),
        );
    }
    let build_options = BuildOptions {
        fields,
        threads,
        memory: run.options.memory,
        max_file_size: run.options.max_file_size,
        progress: run.options.progress.as_ref(),
    };
    let built = build(&index, run.files, &build_options, &mut |file, content| {
        // A skipped file counts as skipped only.
        if content.skipped.is_none() {
            run.summary.added += 1;
        }
        report_file(file, &content, run.summary, run.problem, run.shown);
    })?;
    if let Some(progress) = &run.options.progress {
        progress.0.finish();
    }
    let folder = staged
        .as_ref()
        .map_or(run.index_path.to_path_buf(), Staged::folder);
    folders::record(&folder, &run.commit.corpus_root, run.folders);
    let (payload, next) = run.commit.payload(
        &index,
        run.index_path,
        built.word_counts,
        &Dictionary::empty(),
        generation,
        true,
    )?;
    commit(&index, run.index_path, built.segments, built.docs, payload)?;
    drop(lock);

    // Merging and collecting files take tantivy's writer, without background merges: they
    // would merge as they saw fit after ours, which raised peak memory several times over.
    let mut writer = writer(
        &index,
        run.index_path,
        &UpdateOptions {
            wait: true,
            ..run.options.clone()
        },
        1,
    )?;
    writer.set_merge_policy(Box::new(NoMergePolicy));
    release_free_memory();
    merge_small_segments(&index, &mut writer, run.options.memory as u64)?;
    // The previous index's files, and the merged segments', go now.
    writer.garbage_collect_files().wait()?;
    writer.wait_merging_threads()?;
    crate::word_years::write_missing(&index, &folder);
    match staged {
        Some(staged) => {
            drop(index);
            staged.replace()
        }
        None => {
            remove_old_dictionaries(run.index_path, next);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, Format};
    use crate::dictionary::{Dictionary, Generation};
    use crate::index::catalog::read_catalog;
    use crate::index::worker::MARGIN_BYTES;
    use crate::schema::register_analyzers;

    /// `n` one-section articles in `dir`, each naming its number, all sharing "treaty".
    fn corpus(dir: &Path, n: usize) -> Vec<CorpusFile> {
        (0..n)
            .map(|i| {
                let abs = dir.join(format!("{i:04}.txt"));
                let body = format!("Article {i}\nThe treaty of number{i} was signed. {}\n", {
                    // Words of their own, so that each file takes room in the postings.
                    (0..40).map(|j| format!("w{i}x{j} ")).collect::<String>()
                });
                std::fs::write(&abs, &body).unwrap();
                CorpusFile {
                    rel: format!("{i:04}.txt"),
                    abs,
                    format: Format::Text,
                    size: body.len() as u64,
                    mtime_ns: 0,
                    same_name: None,
                }
            })
            .collect()
    }

    fn index() -> (Index, Fields) {
        let (schema, fields) = Fields::build();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        (index, fields)
    }

    fn options(fields: Fields, threads: usize, memory: usize) -> BuildOptions<'static> {
        BuildOptions {
            fields,
            threads,
            memory,
            max_file_size: corpus::DEFAULT_MAX_FILE_SIZE,
            progress: None,
        }
    }

    fn searcher(index: &Index) -> tantivy::Searcher {
        index.reader().unwrap().searcher()
    }

    #[test]
    fn threads_write_every_document_once_across_many_segments() {
        let dir = tempfile::tempdir().unwrap();
        let files = corpus(dir.path(), 400);
        let (index, fields) = index();
        // A budget so small that each thread writes several segments.
        let options = options(fields, 2, 2 * (MARGIN_BYTES + 300_000));
        let mut seen = Vec::new();
        let built = build(&index, &files, &options, &mut |file, content| {
            assert!(content.articles.is_empty(), "articles are taken out");
            seen.push(file.rel.clone());
        })
        .unwrap();
        assert_eq!(
            seen,
            files.iter().map(|f| f.rel.clone()).collect::<Vec<_>>()
        );
        assert!(
            built.segments.len() > 2,
            "{} segments",
            built.segments.len()
        );
        // One section and one bookkeeping document per file.
        assert_eq!(built.docs, 800);
        let max_docs: u32 = built.segments.iter().map(|s| s.max_doc()).sum();
        assert_eq!(max_docs, 800);

        let Built {
            segments,
            word_counts,
            docs,
        } = built;
        commit(&index, dir.path(), segments, docs, "{}".into()).unwrap();
        let searcher = searcher(&index);
        assert_eq!(searcher.num_docs(), 800);
        let catalog = read_catalog(&searcher, &fields).unwrap();
        assert_eq!(catalog.len(), 400);
        assert_eq!(catalog["0123.txt"].articles, 1);
        assert_eq!(index.load_metas().unwrap().payload.as_deref(), Some("{}"));

        let (dictionary, _) = word_counts
            .apply(&Dictionary::empty(), Generation::default())
            .unwrap();
        assert_eq!(dictionary.articles("treaty"), 400);
        assert_eq!(dictionary.articles("number17"), 1);
    }

    #[test]
    fn a_commit_replaces_everything_the_index_held() {
        let dir = tempfile::tempdir().unwrap();
        let files = corpus(dir.path(), 30);
        let (index, fields) = index();
        let options = options(fields, 2, 64_000_000);
        for files in [&files[..], &files[..10]] {
            let built = build(&index, files, &options, &mut |_, _| {}).unwrap();
            commit(&index, dir.path(), built.segments, built.docs, "{}".into()).unwrap();
        }
        let searcher = searcher(&index);
        assert_eq!(searcher.num_docs(), 20);
        assert_eq!(read_catalog(&searcher, &fields).unwrap().len(), 10);
        // Opstamps only grow, so a writer that looked before this commit notices it.
        assert_eq!(index.load_metas().unwrap().opstamp, 60 + 20);
    }

    #[test]
    fn an_unreadable_file_is_reported_but_leaves_no_record() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = corpus(dir.path(), 3);
        files[1].abs = dir.path().join("gone.txt");
        let (index, fields) = index();
        let mut unread = Vec::new();
        let built = build(
            &index,
            &files,
            &options(fields, 1, 32_000_000),
            &mut |f, c| {
                if c.unread {
                    unread.push(f.rel.clone());
                }
            },
        )
        .unwrap();
        assert_eq!(unread, ["0001.txt"]);
        commit(&index, dir.path(), built.segments, built.docs, "{}".into()).unwrap();
        let catalog = read_catalog(&searcher(&index), &fields).unwrap();
        assert!(catalog.contains_key("0000.txt") && !catalog.contains_key("0001.txt"));
    }
}
