//! Bringing the index in line with the corpus: the one entry point, which chooses a full
//! build (`build.rs`) or an incremental update (`incremental.rs`).
//!
//! The corpus listing is compared with the catalog of file records in the index: files whose
//! size and mtime match are not even read; others are read and hashed, and only a real
//! content change replaces their documents (delete + add). Deleted files lose their
//! documents, a renamed file is recognised by its hash. Everything lands in one commit, so a
//! reader sees either the old index or the new one, and a crash leaves the old one.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use tantivy::directory::error::OpenWriteError;
use tantivy::TantivyError;

use super::build;
use super::catalog::{read_catalog, FileRecord};
use super::commit::CommitInfo;
use super::directory::is_not_writable_io;
use super::incremental::update_changed;
use super::options::UpdateOptions;
use super::run::{searcher, UpdateRun};
use super::summary::{Problem, UpdateSummary};
use super::writer::{indexing_threads, lock_index, open_for_update};
use super::{display_path, first_line, AnnalsIndex};
use crate::corpus::{self, CorpusFile};
use crate::error::{Error, Result};

/// Bring the index at `index_path` in line with the corpus, creating it if needed.
///
/// `report` is called for each problem as it is found, so a long run can show them at once.
/// Fails when the corpus folder is missing, the index is locked by another process (unless
/// `wait`), or the index cannot be written; never because of one bad corpus file.
pub fn update(
    index_path: &Path,
    options: &UpdateOptions,
    report: &mut dyn FnMut(&Problem),
) -> Result<UpdateSummary> {
    // A bad memory budget is a usage error whether or not this update needs a writer.
    indexing_threads(options.memory, usize::MAX)?;
    apply(index_path, options, report).map_err(|e| write_failure(index_path, e))
}

/// A failure of tantivy while writing, as one line naming the index; nothing was committed.
fn write_failure(index_path: &Path, error: Error) -> Error {
    let Error::Tantivy(e) = error else {
        return error;
    };
    let reason = match &e {
        TantivyError::IoError(io)
        | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error: io, .. })
            if is_not_writable_io(io) =>
        {
            return Error::not_writable(index_path, io);
        }
        TantivyError::IoError(io) => io.to_string(),
        TantivyError::ErrorInThread(_) => {
            "an indexing thread failed, most likely because the disk is full or the folder \
             is not writable"
                .to_string()
        }
        other => first_line(other),
    };
    Error::IndexWrite {
        path: index_path.to_path_buf(),
        reason,
    }
}

fn apply(
    index_path: &Path,
    options: &UpdateOptions,
    report: &mut dyn FnMut(&Problem),
) -> Result<UpdateSummary> {
    let started = Instant::now();
    let listing = corpus::list_files(&options.corpus, options.follow_links)?;
    let corpus_root =
        std::fs::canonicalize(&options.corpus).map_err(|e| Error::io(&options.corpus, e))?;
    let display_root = options.corpus.display().to_string();
    let shown = |rel: &str| display_path(&display_root, listing.single_file, rel);

    let mut summary = UpdateSummary {
        full: options.full,
        ignored: listing.ignored.clone(),
        links_not_followed: listing.links,
        ..UpdateSummary::default()
    };
    let mut problem = |summary: &mut UpdateSummary, p: Problem| {
        report(&p);
        summary.problems.push(p);
    };
    for (path, message) in &listing.problems {
        summary.warnings += 1;
        problem(
            &mut summary,
            Problem {
                path: path.clone(),
                kind: "warning",
                message: message.clone(),
            },
        );
    }

    let target = open_for_update(index_path, &corpus_root, options.full, options.wait)?;
    // A first build is a full build: an index without a commit once opened for the update
    // (one another process built while this one waited for it is updated, not rebuilt, so
    // that the searches reading its dictionary keep finding it).
    // (Read apart from the metas below, and dropped at once: metas held through a full
    // build keep their segments' files from its garbage collection.)
    let first_build = target.rebuild.is_none() && target.index.load_metas()?.payload.is_none();
    // Look before taking the lock: usually nothing or little changed.
    let known = if target.rebuild.is_none() && !options.full {
        let metas = target.index.load_metas()?;
        let current = searcher(&target.index, index_path)?;
        let catalog = read_catalog(&current, &target.fields)?;
        let stale = stale_files(&catalog, &listing.files);
        // A new index still needs its first commit, even an empty one.
        let committed = metas.payload.is_some();
        if committed && stale == 0 && catalog.len() == listing.files.len() {
            // The common case for `annals index` and `watch`: no commit. An index of an
            // older version gets the counts that speed up its timelines, when the lock is
            // free at once; else its timelines walk the matches as before.
            if let Ok(_lock) = lock_index(&target.index, index_path, false) {
                crate::word_years::write_missing(&target.index, index_path);
            }
            summary.unchanged = listing.files.len();
            for record in catalog.values() {
                summary.count_still(record);
            }
            return finish(summary, index_path, started);
        }
        Some((metas.opstamp, catalog, stale))
    } else {
        None
    };
    if let Some(reason) = &target.rebuild {
        summary.full = true;
        summary.rebuilt_because = Some(reason.clone());
    }
    summary.full |= first_build;
    let commit = CommitInfo {
        corpus_root,
        display_root: display_root.clone(),
        single_file: listing.single_file,
    };
    let full = summary.full;
    let run = UpdateRun {
        index_path,
        options,
        files: &listing.files,
        folders: &listing.folders,
        commit,
        summary: &mut summary,
        problem: &mut problem,
        shown: &shown,
    };
    if full {
        build::rebuild_all(run, target)?;
    } else {
        update_changed(run, target, known)?;
    }
    finish(summary, index_path, started)
}

/// Fill in what the index now holds and how long it took.
fn finish(
    mut summary: UpdateSummary,
    index_path: &Path,
    started: Instant,
) -> Result<UpdateSummary> {
    let stats = super::stats(&AnnalsIndex::open(index_path)?)?;
    summary.articles = stats.articles;
    summary.sections = stats.sections;
    summary.reading = stats.reading;
    summary.documents = stats.sections + stats.reading;
    summary.took_ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(summary)
}

/// How many listed files cannot be judged unchanged by size and mtime alone.
fn stale_files(catalog: &HashMap<String, FileRecord>, files: &[CorpusFile]) -> usize {
    files
        .iter()
        .filter(|f| {
            !catalog
                .get(&f.rel)
                .is_some_and(|r| r.mtime_ns != 0 && r.size == f.size && r.mtime_ns == f.mtime_ns)
        })
        .count()
}
