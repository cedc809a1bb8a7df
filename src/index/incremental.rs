//! An incremental update: files gone or changed lose their documents, new and changed ones
//! are read (in the background) and indexed, in one commit.

use std::collections::{HashMap, HashSet};

use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, Term};

use super::catalog::{read_catalog, FileRecord};
use super::commit::remove_old_dictionaries;
use super::docs::{file_doc, stored_article_words};
use super::reading::{Parsed, ParsedFiles};
use super::run::{report_file, searcher, UpdateRun};
use super::summary::{Problem, UpdateSummary};
use super::writer::{writer, ForUpdate};
use crate::corpus::CorpusFile;
use crate::dictionary::{WordCounts, WordFinder};
use crate::error::Result;
use crate::schema::{DocKind, Fields};

/// Updates reading fewer files than this use one indexing thread.
const SMALL_UPDATE_FILES: usize = 1000;

/// An incremental update through tantivy's writer: files gone or changed lose their
/// documents, new and changed ones are read (in the background) and indexed.
pub(super) fn update_changed(
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
