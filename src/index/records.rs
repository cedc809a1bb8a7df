//! Bringing a changed JSON Lines dump up to date in an incremental update: record by record
//! where its records can be told apart (compared line by line with the record keys the index
//! holds for it, so that changing, adding or removing a few records of a big file re-indexes
//! those records only), else by reading it again whole, a chunk at a time.

use std::collections::{HashMap, HashSet};

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, Term, TERMINATED};

use super::catalog::FileRecord;
use super::docs::{file_doc, FileProblems};
use super::incremental::{count_read, Changes};
use super::run::{report_file, UpdateRun};
use crate::corpus::{self, Article, CorpusFile, FileContent, RecordScan};
use crate::error::Result;
use crate::schema::Fields;

/// A changed JSON Lines dump, as the update found it.
pub(super) struct Dump<'a> {
    pub(super) file: &'a CorpusFile,
    /// What the index holds about it, if anything.
    pub(super) known: Option<FileRecord>,
    /// Its article ids changed with the files beside it.
    pub(super) renamed_ids: bool,
}

/// Bring a changed dump up to date: record by record where the records can be told
/// apart, else by reading it again whole, a chunk at a time.
pub(super) fn update_dump(
    changes: &mut Changes,
    run: &mut UpdateRun,
    dump: Dump,
    removed_hashes: &mut HashMap<u64, usize>,
) -> Result<()> {
    let Dump {
        file,
        known,
        renamed_ids,
    } = dump;
    let max_record = run.options.max_file_size;
    let fields = changes.fields;
    let plan = match &known {
        Some(rec) if rec.articles > 0 && rec.hash != 0 && !renamed_ids => {
            plan_dump(changes.before()?, &fields, file, rec, max_record)?
        }
        _ => DumpUpdate::Whole,
    };
    match plan {
        DumpUpdate::Touched => {
            let record = known.expect("planned from the record").touched(file);
            changes.replace_file_doc(&record, None)?;
            run.summary.unchanged += 1;
            run.summary.count_still(&record);
        }
        DumpUpdate::Records { gone, scan } => {
            let changed = !gone.is_empty() || !scan.new.is_empty();
            run.summary.records_indexed += scan.new.len();
            run.summary.records_removed += gone.len();
            for key in gone {
                changes.remove(Term::from_field_u64(fields.record, key))?;
            }
            changes.add_articles(&file.rel, &scan.new)?;
            let mut content = FileContent {
                hash: scan.hash,
                warnings: scan.warnings,
                warned_records: scan.warned,
                streamed: scan.kept.len() + scan.new.len(),
                ..FileContent::default()
            };
            if content.streamed == 0 {
                content.skipped = Some("no text to index".into());
            }
            report_file(file, &content, run.summary, run.problem, run.shown);
            let record = FileRecord::of(file, &content);
            changes.replace_file_doc(&record, Some(FileProblems::of(&content)))?;
            match changed {
                true => count_read(
                    run.summary,
                    file,
                    known.as_ref(),
                    renamed_ids,
                    &content,
                    removed_hashes,
                ),
                false => run.summary.unchanged += 1,
            }
        }
        DumpUpdate::Whole => {
            if known.is_some() {
                changes.remove(Term::from_field_text(fields.file, &file.rel))?;
            }
            let content = corpus::read_in_chunks(file, max_record, &mut |articles| {
                changes.add_articles(&file.rel, &articles)
            })?;
            count_read(
                run.summary,
                file,
                known.as_ref(),
                renamed_ids,
                &content,
                removed_hashes,
            );
            report_file(file, &content, run.summary, run.problem, run.shown);
            // A file that could not be read leaves no record, so the next update tries it.
            if !content.unread {
                let record = FileRecord::of(file, &content);
                let problems = FileProblems::of(&content);
                changes
                    .writer
                    .add_document(file_doc(&fields, &record, &problems))?;
            }
        }
    }
    Ok(())
}

/// How a changed dump is brought up to date.
enum DumpUpdate {
    /// Its bytes hash as the index holds them: only touched.
    Touched,
    /// Record by record: the keys of the records gone or changed, whose documents go,
    /// and what the file holds now.
    Records { gone: Vec<u64>, scan: RecordScan },
    /// Records cannot be told apart (or the file cannot be read): the file is read again
    /// whole.
    Whole,
}

/// How to bring up to date the dump `file`, indexed (in the view of `before`) as `known`
/// says.
fn plan_dump(
    before: &Searcher,
    fields: &Fields,
    file: &CorpusFile,
    known: &FileRecord,
    max_record: u64,
) -> Result<DumpUpdate> {
    let keys = record_keys(before, fields, &file.rel)?;
    if keys.is_empty() {
        return Ok(DumpUpdate::Whole);
    }
    // The records warned about, which the file's document names when there were any.
    let warned = match known.warnings {
        0 => HashSet::new(),
        _ => (FileProblems::stored(before, fields, &file.rel)?.warned_records)
            .into_iter()
            .collect(),
    };
    // Reading it whole reports a file that cannot be read.
    let Ok(scan) = corpus::scan_records(file, max_record, &keys, &warned) else {
        return Ok(DumpUpdate::Whole);
    };
    if scan.hash == known.hash {
        return Ok(DumpUpdate::Touched);
    }
    // Records with the same id are kept apart by their order in the file, which only a
    // whole reading knows. A record kept apart so has an odd key, which no line's key
    // matches: it is always parsed again, and then shares its id with another new record
    // or with one kept.
    if scan.whole || shares_kept_id(before, fields, &scan.new, &scan.kept)? {
        return Ok(DumpUpdate::Whole);
    }
    let gone = keys.difference(&scan.kept).copied().collect();
    Ok(DumpUpdate::Records { gone, scan })
}

/// Whether a new record has the id of another new record or of a record kept: the two
/// would be told apart by their order, which the comparison does not see.
fn shares_kept_id(
    searcher: &Searcher,
    fields: &Fields,
    new: &[Article],
    kept: &HashSet<u64>,
) -> Result<bool> {
    let mut ids = HashSet::new();
    for article in new {
        let term = Term::from_field_text(fields.article, &article.id);
        let repeated = article.record.is_some_and(|key| key & 1 == 1);
        if repeated
            || !ids.insert(article.id.as_str())
            || keys_of(searcher, fields, &term)?.any(|k| kept.contains(&k))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The record keys of the documents of the file `rel` in the view of `searcher`.
fn record_keys(searcher: &Searcher, fields: &Fields, rel: &str) -> Result<HashSet<u64>> {
    let term = Term::from_field_text(fields.file, rel);
    Ok(keys_of(searcher, fields, &term)?.collect())
}

/// The record keys of the live documents holding `term` (an indexed string field's).
fn keys_of(
    searcher: &Searcher,
    fields: &Fields,
    term: &Term,
) -> tantivy::Result<impl Iterator<Item = u64>> {
    let name = searcher.schema().get_field_name(fields.record);
    let mut keys = Vec::new();
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().u64(name)?;
        let Some(mut postings) = segment
            .inverted_index(term.field())?
            .read_postings(term, IndexRecordOption::Basic)?
        else {
            continue;
        };
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if !segment.is_deleted(doc) {
                keys.extend(column.first(doc));
            }
            doc = postings.advance();
        }
    }
    Ok(keys.into_iter())
}
