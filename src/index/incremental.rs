//! An incremental update: files gone or changed lose their documents, new and changed ones
//! are read (in the background) and indexed, in one commit. A changed JSON Lines dump is
//! compared record by record (see [`super::records`]).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use tantivy::{Index, IndexWriter, Searcher, Term};

use super::catalog::{read_catalog, FileRecord};
use super::commit::remove_old_dictionaries;
use super::docs::{article_docs, file_doc, file_doc_query, stored_article_words, FileProblems};
use super::folders;
use super::reading::{Parsed, ParsedFiles};
use super::records::{update_dump, Dump};
use super::run::{report_file, searcher, UpdateRun};
use super::summary::UpdateSummary;
use super::writer::{writer, ForUpdate};
use crate::corpus::{Article, CorpusFile, FileContent, Format};
use crate::dictionary::{WordCounts, WordFinder};
use crate::error::Result;
use crate::schema::Fields;

/// Updates reading fewer files than this use one indexing thread.
const SMALL_UPDATE_FILES: usize = 1000;

/// An incremental update through tantivy's writer: files gone or changed lose their
/// documents, new and changed ones are read (in the background) and indexed.
pub(super) fn update_changed(
    mut run: UpdateRun,
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
    let writer = writer(&index, run.index_path, run.options, threads)?;
    // Files left over by a run that was killed are no longer referenced by any commit.
    let _ = writer.garbage_collect_files().wait();
    let mut changes = Changes {
        writer,
        fields,
        counts: WordCounts::default(),
        finder: WordFinder::default(),
        index: &index,
        index_path: run.index_path,
        before: None,
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
    let unchanged = |file: &CorpusFile| {
        !regrouped.contains(file.stem())
            && catalog
                .get(&file.rel)
                .is_some_and(|rec| rec.size == file.size && rec.mtime_ns == file.mtime_ns)
    };
    let changed: Vec<&CorpusFile> = run.files.iter().filter(|f| !unchanged(f)).collect();
    if let Some(progress) = &run.options.progress {
        progress.0.start(
            changed.len() as u64,
            changed.iter().map(|f| f.size).sum::<u64>(),
        );
    }
    // Files that must be read, parsed in the background while this thread indexes; a
    // file that yielded articles is not parsed again if its bytes hash as before (a
    // skipped one is, to keep its reason). Dumps are read here, a chunk or a record at a
    // time.
    let to_read: Vec<(CorpusFile, Option<u64>)> = changed
        .iter()
        .filter(|f| f.format != Format::JsonLines)
        .map(|f| {
            let known = catalog
                .get(&f.rel)
                .filter(|r| r.articles > 0 && r.hash != 0 && !regrouped.contains(f.stem()));
            ((*f).clone(), known.map(|r| r.hash))
        })
        .collect();
    let mut parsed = ParsedFiles::start(to_read, run.options.max_file_size, fields);

    // Files gone from the listing are removals, or the old names of renamed files: a new
    // file with the same content hash is a rename.
    let mut removed_hashes: HashMap<u64, usize> = HashMap::new();
    for rec in catalog
        .values()
        .filter(|r| !listed.contains(r.rel.as_str()))
    {
        changes.remove(Term::from_field_text(fields.file, &rec.rel))?;
        run.summary.removed += 1;
        run.summary.note_change("removed", &rec.rel);
        if rec.hash != 0 {
            *removed_hashes.entry(rec.hash).or_default() += 1;
        }
    }

    let files = run.files;
    for file in files {
        let known = catalog.remove(&file.rel);
        let renamed_ids = regrouped.contains(file.stem());
        if let Some(rec) = &known {
            if rec.size == file.size && rec.mtime_ns == file.mtime_ns && !renamed_ids {
                run.summary.unchanged += 1;
                run.summary.count_still(rec);
                continue;
            }
        }
        if let Some(progress) = &run.options.progress {
            progress.0.advance(file.size);
        }
        if file.format == Format::JsonLines {
            let dump = Dump {
                file,
                known,
                renamed_ids,
            };
            update_dump(&mut changes, &mut run, dump, &mut removed_hashes)?;
            continue;
        }
        let read = parsed.next().expect("every file to read is parsed");
        debug_assert_eq!(read.file.rel, file.rel);
        let content = &read.content;
        match &known {
            Some(rec) if rec.hash == content.hash && content.hash != 0 && !renamed_ids => {
                // Touched, not changed: refresh the record so the next run need not read it.
                let record = match content.unchanged {
                    // Not parsed: what the record said of its articles still holds.
                    true => rec.clone().touched(file),
                    false => FileRecord::of(file, content),
                };
                let problems = (!content.unchanged).then(|| FileProblems::of(content));
                changes.replace_file_doc(&record, problems)?;
                run.summary.unchanged += 1;
                run.summary.count_still(&record);
                continue;
            }
            Some(_) => changes.remove(Term::from_field_text(fields.file, &file.rel))?,
            None => {}
        }
        count_read(
            run.summary,
            file,
            known.as_ref(),
            false,
            content,
            &mut removed_hashes,
        );
        for words in &read.words {
            changes.counts.add_article(words);
        }
        add_file(&changes.writer, &fields, file, read, &mut run)?;
    }

    drop(parsed);
    if let Some(progress) = &run.options.progress {
        progress.0.finish();
    }

    let Changes {
        mut writer, counts, ..
    } = changes;
    folders::record(run.index_path, &run.commit.corpus_root, run.folders);
    let (payload, next) = run.commit.payload(
        &index,
        run.index_path,
        counts,
        &dictionary,
        generation,
        false,
    )?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    writer.wait_merging_threads()?;
    crate::word_years::write_missing(&index, run.index_path);
    if next != generation {
        remove_old_dictionaries(run.index_path, next);
    }
    Ok(())
}

/// The changes of one update, made through tantivy's writer, and how they change the counts
/// of the word dictionary.
pub(super) struct Changes<'a> {
    pub(super) writer: IndexWriter,
    pub(super) fields: Fields,
    counts: WordCounts,
    finder: WordFinder,
    index: &'a Index,
    index_path: &'a Path,
    /// The last commit, whose stored documents tell the words of what changes or goes;
    /// opened only when something does.
    before: Option<Searcher>,
}

impl Changes<'_> {
    /// A searcher on the last commit.
    pub(super) fn before(&mut self) -> Result<&Searcher> {
        if self.before.is_none() {
            self.before = Some(searcher(self.index, self.index_path)?);
        }
        Ok(self.before.as_ref().expect("opened above"))
    }

    /// Delete the documents holding `term` (a file's path, a record's key), the words of
    /// their articles leaving the counts.
    pub(super) fn remove(&mut self, term: Term) -> Result<()> {
        self.before()?;
        if let Some(before) = &self.before {
            for words in stored_article_words(before, &self.fields, term.clone(), &mut self.finder)?
            {
                self.counts.remove_article(&words);
            }
        }
        self.writer.delete_term(term);
        Ok(())
    }

    /// Add the documents of `articles`, read from the file `rel`, their words to the counts.
    pub(super) fn add_articles(&mut self, rel: &str, articles: &[Article]) -> Result<()> {
        for article in articles {
            let docs = article_docs(&self.fields, rel, article);
            if docs.is_empty() {
                continue;
            }
            self.counts.add_article(&self.finder.article(article));
            for doc in docs {
                self.writer.add_document(doc)?;
            }
        }
        Ok(())
    }

    /// Replace the bookkeeping document of a file; `problems` of `None` keeps those of
    /// the document replaced (the file was not read again).
    pub(super) fn replace_file_doc(
        &mut self,
        record: &FileRecord,
        problems: Option<FileProblems>,
    ) -> Result<()> {
        let problems = match problems {
            Some(problems) => problems,
            // Indexed without a warning: the old document holds nothing to keep.
            None if record.warnings == 0 && record.articles > 0 => FileProblems::default(),
            None => {
                let fields = self.fields;
                FileProblems::stored(self.before()?, &fields, &record.rel)?
            }
        };
        self.writer
            .delete_query(file_doc_query(&self.fields, &record.rel))?;
        self.writer
            .add_document(file_doc(&self.fields, record, &problems))?;
        Ok(())
    }
}

/// Count in the summary a changed file read again as `content`, which the index knew as
/// `known`: unchanged, updated, renamed (a removed file had its bytes) or added.
pub(super) fn count_read(
    summary: &mut UpdateSummary,
    file: &CorpusFile,
    known: Option<&FileRecord>,
    renamed_ids: bool,
    content: &FileContent,
    removed_hashes: &mut HashMap<u64, usize>,
) {
    match known {
        Some(rec) if rec.hash == content.hash && content.hash != 0 && !renamed_ids => {
            summary.unchanged += 1;
        }
        Some(_) => {
            if content.skipped.is_none() {
                summary.updated += 1;
                summary.note_change("updated", &file.rel);
            }
        }
        None => match removed_hashes.get_mut(&content.hash).filter(|n| **n > 0) {
            Some(n) => {
                *n -= 1;
                summary.removed -= 1;
                summary.renamed += 1;
                summary.note_change("renamed to", &file.rel);
            }
            // A skipped file counts as skipped only.
            None if content.skipped.is_some() => {}
            None => {
                summary.added += 1;
                summary.note_change("added", &file.rel);
            }
        },
    }
}

/// Add the documents of one file that was read, reporting its problems.
fn add_file(
    writer: &IndexWriter,
    fields: &Fields,
    file: &CorpusFile,
    read: Parsed,
    run: &mut UpdateRun,
) -> Result<()> {
    let content = &read.content;
    report_file(file, content, run.summary, run.problem, run.shown);
    for doc in read.docs {
        writer.add_document(doc)?;
    }
    // A file that could not be read leaves no record, so the next update tries it again.
    if !content.unread {
        writer.add_document(file_doc(
            fields,
            &FileRecord::of(file, content),
            &FileProblems::of(content),
        ))?;
    }
    Ok(())
}
