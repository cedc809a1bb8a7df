//! Bringing the index in line with the corpus.
//!
//! The corpus listing is compared with the catalog of file records in the index: files whose
//! size and mtime match are not even read; others are read and hashed, and only a real
//! content change replaces their documents (delete + add). Deleted files lose their
//! documents, a renamed file is recognised by its hash. Everything lands in one commit, so a
//! reader sees either the old index or the new one, and a crash leaves the old one.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use tantivy::directory::error::OpenWriteError;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexWriter, TantivyError, Term};

use super::build;
use super::catalog::{read_catalog, FileRecord};
use super::commit::{remove_old_dictionaries, CommitInfo};
use super::directory::is_not_writable_io;
use super::docs::{file_doc, stored_article_words};
use super::reading::{Parsed, ParsedFiles};
use super::writer::{indexing_threads, open_for_update, writer, ForUpdate};
use super::{damaged, display_path, first_line, manual_reader, AnnalsIndex};
use crate::corpus::{self, CorpusFile, FileContent};
use crate::dictionary::{WordCounts, WordFinder};
use crate::error::{Error, Result};
use crate::schema::{DocKind, Fields};

/// Default memory budget of the index writer, shared by its threads.
pub const DEFAULT_WRITER_MEMORY: usize = 128 * 1024 * 1024;

/// Updates reading fewer files than this use one indexing thread.
const SMALL_UPDATE_FILES: usize = 1000;

/// How to run an update.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// The corpus folder.
    pub corpus: PathBuf,
    /// Rebuild every document instead of only the changed ones.
    pub full: bool,
    /// Files larger than this are skipped.
    pub max_file_size: u64,
    /// Writer memory budget in bytes.
    pub memory: usize,
    /// Wait for another writer to finish instead of failing.
    pub wait: bool,
    /// Follow symbolic links in the corpus (files and folders outside it included).
    pub follow_links: bool,
    /// Told how reading the corpus advances (for a progress bar).
    pub progress: Option<Progress>,
}

/// Receives the progress of an update: how much there is to read, then each file read.
pub trait ProgressSink: Send + Sync {
    /// `files` files of `bytes` bytes in all will be read.
    fn start(&self, files: u64, bytes: u64);
    /// One more file of `bytes` bytes was read and indexed.
    fn advance(&self, bytes: u64);
    /// Reading is done (committing follows).
    fn finish(&self);
}

/// A shared [`ProgressSink`].
#[derive(Clone)]
pub struct Progress(pub Arc<dyn ProgressSink>);

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Progress")
    }
}

impl UpdateOptions {
    /// Incremental update of the index from `corpus` with default limits.
    pub fn new(corpus: impl Into<PathBuf>) -> UpdateOptions {
        UpdateOptions {
            corpus: corpus.into(),
            full: false,
            max_file_size: corpus::DEFAULT_MAX_FILE_SIZE,
            memory: DEFAULT_WRITER_MEMORY,
            wait: false,
            follow_links: false,
            progress: None,
        }
    }
}

/// A file that was skipped or indexed with a warning.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    /// Path of the file, as shown to the user (corpus root included).
    pub path: String,
    /// `"skipped"` or `"warning"`.
    pub kind: &'static str,
    pub message: String,
}

/// What an update did.
#[derive(Debug, Clone, Serialize, Default)]
pub struct UpdateSummary {
    /// Files indexed for the first time.
    pub added: usize,
    /// Files whose content changed.
    pub updated: usize,
    /// Files that moved without changing content.
    pub renamed: usize,
    /// Files gone from the corpus.
    pub removed: usize,
    /// Files left as they were (including touched files whose bytes did not change).
    pub unchanged: usize,
    /// Files read in this run that could not be indexed.
    pub skipped: usize,
    /// Warnings raised in this run.
    pub warnings: usize,
    /// Files not read because their type is unknown, by extension (`.rst`: 2).
    pub ignored: std::collections::BTreeMap<String, usize>,
    /// Unchanged files that earlier runs skipped (or that held no article): they stay out
    /// of the index until they change; `annals stats --json` lists them.
    pub still_skipped: usize,
    /// Articles, sections and reading entries now in the index.
    pub articles: u64,
    pub sections: u64,
    pub reading: u64,
    /// Searchable documents (sections plus reading entries) now in the index.
    pub documents: u64,
    #[serde(serialize_with = "crate::json::three_decimals")]
    pub took_ms: f64,
    /// Whether every document was rebuilt.
    pub full: bool,
    /// Why a full rebuild happened without `--full`, if it did.
    pub rebuilt_because: Option<String>,
    pub problems: Vec<Problem>,
    /// The first [`MAX_LISTED_CHANGES`] files added, updated, renamed or removed, each with
    /// what happened to it (for `watch`'s log; the counts above are complete).
    #[serde(skip)]
    pub changes: Vec<(&'static str, String)>,
}

/// Most changed files an [`UpdateSummary`] names.
pub const MAX_LISTED_CHANGES: usize = 100;

impl UpdateSummary {
    fn note_change(&mut self, what: &'static str, rel: &str) {
        if self.changes.len() < MAX_LISTED_CHANGES {
            self.changes.push((what, rel.to_string()));
        }
    }
}

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
    let shown = |rel: &str| display_path(&display_root, rel);

    let mut summary = UpdateSummary {
        full: options.full,
        ignored: listing.ignored.clone(),
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

    // A first build is a full build.
    let first_build = !super::exists(index_path);
    let target = open_for_update(index_path, &corpus_root, options.full, options.wait)?;
    // Look before taking the lock: usually nothing or little changed.
    let known = if target.rebuild.is_none() && !options.full {
        let metas = target.index.load_metas()?;
        let current = searcher(&target.index, index_path)?;
        let catalog = read_catalog(&current, &target.fields)?;
        let stale = stale_files(&catalog, &listing.files);
        // A new index still needs its first commit, even an empty one.
        let committed = metas.payload.is_some();
        if committed && stale == 0 && catalog.len() == listing.files.len() {
            // The common case for `annals index` and `watch`: no lock, no commit.
            summary.unchanged = listing.files.len();
            summary.still_skipped = catalog.values().filter(|r| r.articles == 0).count();
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
    };
    let full = summary.full;
    let run = UpdateRun {
        index_path,
        options,
        files: &listing.files,
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

/// What a full build and an incremental update both work with.
pub(super) struct UpdateRun<'a> {
    pub index_path: &'a Path,
    pub options: &'a UpdateOptions,
    /// The corpus listing.
    pub files: &'a [CorpusFile],
    pub commit: CommitInfo,
    pub summary: &'a mut UpdateSummary,
    /// Reports a problem and records it in the summary.
    pub problem: &'a mut dyn FnMut(&mut UpdateSummary, Problem),
    /// A corpus file's path as shown to users.
    pub shown: &'a dyn Fn(&str) -> String,
}

/// An incremental update through tantivy's writer: files gone or changed lose their
/// documents, new and changed ones are read (in the background) and indexed.
fn update_changed(
    run: UpdateRun,
    target: ForUpdate,
    known: Option<(u64, HashMap<String, FileRecord>, usize)>,
) -> Result<()> {
    let ForUpdate {
        index,
        fields,
        dictionary,
        generation,
        ..
    } = target;
    // Small updates do not need a thread per core.
    let threads = match &known {
        Some((_, _, stale)) if *stale < SMALL_UPDATE_FILES => 1,
        _ => usize::MAX,
    };
    let mut writer = writer(&index, run.index_path, run.options, threads)?;
    // Files left over by a run that was killed are no longer referenced by any commit.
    let _ = writer.garbage_collect_files().wait();

    // How the counts of the word dictionary change.
    let mut word_counts = WordCounts::default();
    let mut finder = WordFinder::default();
    // The last commit, whose stored documents tell the words of files that change or go;
    // opened only when one does.
    let mut before: Option<tantivy::Searcher> = None;
    let mut forget_words = |rel: &str, counts: &mut WordCounts| -> Result<()> {
        if before.is_none() {
            before = Some(searcher(&index, run.index_path)?);
        }
        if let Some(before) = &before {
            for words in stored_article_words(before, &fields, rel, &mut finder)? {
                counts.remove_article(&words);
            }
        }
        Ok(())
    };
    let mut catalog = match known {
        // Nobody committed between the look and the lock: what we saw is still true.
        Some((opstamp, catalog, _)) if index.load_metas()?.opstamp == opstamp => catalog,
        _ => read_catalog(&searcher(&index, run.index_path)?, &fields)?,
    };

    // A file added or removed beside another of the same name changes that one's article
    // ids (see `CorpusFile::same_name`): it is read again too.
    let listed: HashSet<&str> = run.files.iter().map(|f| f.rel.as_str()).collect();
    let regrouped: HashSet<String> = run
        .files
        .iter()
        .map(|f| f.rel.as_str())
        .filter(|rel| !catalog.contains_key(*rel))
        .chain(
            catalog
                .keys()
                .map(String::as_str)
                .filter(|rel| !listed.contains(rel)),
        )
        .map(|rel| crate::corpus::stem(rel).to_string())
        .collect();
    // Files that must be read, parsed in the background while this thread indexes.
    let unchanged = |file: &CorpusFile| {
        !regrouped.contains(file.stem())
            && catalog
                .get(&file.rel)
                .is_some_and(|rec| rec.size == file.size && rec.mtime_ns == file.mtime_ns)
    };
    // A file that yielded articles is not parsed again if its bytes hash as before (a
    // skipped one is, to keep its reason).
    let to_read: Vec<(CorpusFile, Option<u64>)> = run
        .files
        .iter()
        .filter(|f| !unchanged(f))
        .map(|f| {
            let known = catalog
                .get(&f.rel)
                .filter(|r| r.articles > 0 && r.hash != 0 && !regrouped.contains(f.stem()));
            (f.clone(), known.map(|r| r.hash))
        })
        .collect();
    if let Some(progress) = &run.options.progress {
        progress.0.start(
            to_read.len() as u64,
            to_read.iter().map(|(f, _)| f.size).sum::<u64>(),
        );
    }
    let mut parsed = ParsedFiles::start(to_read, run.options.max_file_size, fields);

    // Files gone from the listing are removals, or the old names of renamed files: a new
    // file with the same content hash is a rename.
    let listed: HashSet<&str> = run.files.iter().map(|f| f.rel.as_str()).collect();
    let mut removed_hashes: HashMap<u64, usize> = HashMap::new();
    for rec in catalog
        .values()
        .filter(|r| !listed.contains(r.rel.as_str()))
    {
        forget_words(&rec.rel, &mut word_counts)?;
        writer.delete_term(Term::from_field_text(fields.file, &rec.rel));
        run.summary.removed += 1;
        run.summary.note_change("removed", &rec.rel);
        if rec.hash != 0 {
            *removed_hashes.entry(rec.hash).or_default() += 1;
        }
    }

    for file in run.files {
        let known = catalog.remove(&file.rel);
        let renamed_ids = regrouped.contains(file.stem());
        if let Some(rec) = &known {
            if rec.size == file.size && rec.mtime_ns == file.mtime_ns && !renamed_ids {
                run.summary.unchanged += 1;
                run.summary.still_skipped += usize::from(rec.articles == 0);
                continue;
            }
        }
        let read = parsed.next().expect("every file to read is parsed");
        debug_assert_eq!(read.file.rel, file.rel);
        let content = &read.content;
        if let Some(progress) = &run.options.progress {
            progress.0.advance(file.size);
        }
        match known {
            Some(rec) if rec.hash == content.hash && content.hash != 0 && !renamed_ids => {
                // Touched, not changed: refresh the record so the next run need not read it.
                let record = match content.unchanged {
                    // Not parsed: what the record said of its articles still holds.
                    true => rec.touched(file),
                    false => FileRecord::of(file, content),
                };
                writer.delete_query(file_doc_query(&fields, &file.rel))?;
                writer.add_document(file_doc(&fields, &record, content.skipped.as_deref()))?;
                run.summary.unchanged += 1;
                continue;
            }
            Some(_) => {
                forget_words(&file.rel, &mut word_counts)?;
                writer.delete_term(Term::from_field_text(fields.file, &file.rel));
                if content.skipped.is_none() {
                    run.summary.updated += 1;
                    run.summary.note_change("updated", &file.rel);
                }
            }
            None => match removed_hashes.get_mut(&content.hash).filter(|n| **n > 0) {
                Some(n) => {
                    *n -= 1;
                    run.summary.removed -= 1;
                    run.summary.renamed += 1;
                    run.summary.note_change("renamed to", &file.rel);
                }
                // A skipped file counts as skipped only.
                None if content.skipped.is_some() => {}
                None => {
                    run.summary.added += 1;
                    run.summary.note_change("added", &file.rel);
                }
            },
        }
        for words in &read.words {
            word_counts.add_article(words);
        }
        add_file(
            &writer,
            &fields,
            file,
            read,
            run.summary,
            run.problem,
            run.shown,
        )?;
    }

    drop(parsed);
    if let Some(progress) = &run.options.progress {
        progress.0.finish();
    }

    let (payload, next) = run.commit.payload(
        &index,
        run.index_path,
        word_counts,
        &dictionary,
        generation,
        false,
    )?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    writer.wait_merging_threads()?;
    if next != generation {
        remove_old_dictionaries(run.index_path, next);
    }
    Ok(())
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

/// A searcher on the last commit.
fn searcher(index: &Index, path: &Path) -> Result<tantivy::Searcher> {
    Ok(manual_reader(index)
        .map_err(|e| damaged(path, e))?
        .searcher())
}

/// Add the documents of one file that was read, reporting its problems.
fn add_file(
    writer: &IndexWriter,
    fields: &Fields,
    file: &CorpusFile,
    read: Parsed,
    summary: &mut UpdateSummary,
    problem: &mut dyn FnMut(&mut UpdateSummary, Problem),
    shown: &dyn Fn(&str) -> String,
) -> Result<()> {
    let content = &read.content;
    report_file(file, content, summary, problem, shown);
    for doc in read.docs {
        writer.add_document(doc)?;
    }
    // A file that could not be read leaves no record, so the next update tries it again.
    if !content.unread {
        writer.add_document(file_doc(
            fields,
            &FileRecord::of(file, content),
            content.skipped.as_deref(),
        ))?;
    }
    Ok(())
}

/// Report the warnings of a file that was read, and why it was skipped if it was.
pub(super) fn report_file(
    file: &CorpusFile,
    content: &FileContent,
    summary: &mut UpdateSummary,
    problem: &mut dyn FnMut(&mut UpdateSummary, Problem),
    shown: &dyn Fn(&str) -> String,
) {
    for message in &content.warnings {
        summary.warnings += 1;
        problem(
            summary,
            Problem {
                path: shown(&file.rel),
                kind: "warning",
                message: message.clone(),
            },
        );
    }
    if let Some(reason) = &content.skipped {
        summary.skipped += 1;
        problem(
            summary,
            Problem {
                path: shown(&file.rel),
                kind: "skipped",
                message: reason.clone(),
            },
        );
    }
}

/// The query matching only the bookkeeping document of `rel`.
fn file_doc_query(fields: &Fields, rel: &str) -> Box<dyn Query> {
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::Basic,
        ))
    };
    Box::new(BooleanQuery::intersection(vec![
        term(fields.kind, DocKind::File.as_str()),
        term(fields.file, rel),
    ]))
}
