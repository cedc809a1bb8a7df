//! What an index holds: counts of articles, sections and reading entries, segments, size.

use std::path::PathBuf;

use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::document::Document;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, Searcher, TantivyDocument, Term};

use super::catalog::read_catalog;
use super::docs::FileProblems;
use super::AnnalsIndex;
use crate::error::Result;
use crate::schema::{DocKind, Fields};

/// A description of an index, as `annals stats` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    pub articles: u64,
    pub sections: u64,
    pub reading: u64,
    /// Corpus files the index knows, including skipped ones.
    pub files: u64,
    /// Articles per language code.
    pub languages: std::collections::BTreeMap<String, u64>,
    pub segments: usize,
    pub size_bytes: u64,
    pub index: PathBuf,
    pub corpus: PathBuf,
    /// Seconds since the Unix epoch of the last commit.
    pub updated_at: u64,
}

/// Describe the index.
pub fn stats(index: &AnnalsIndex) -> Result<IndexStats> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let fields = &index.fields;
    let catalog = read_catalog(&searcher, fields)?;
    Ok(IndexStats {
        articles: catalog.values().map(|r| r.articles).sum(),
        sections: count_kind(&searcher, fields, DocKind::Section)?,
        reading: count_kind(&searcher, fields, DocKind::Reading)?,
        files: catalog.len() as u64,
        languages: articles_per_language(&searcher, fields)?,
        segments: searcher.segment_readers().len(),
        size_bytes: folder_size(&index.path),
        index: std::fs::canonicalize(&index.path).unwrap_or_else(|_| index.path.clone()),
        corpus: index.payload.corpus.clone(),
        updated_at: index.payload.updated_at,
    })
}

/// How many articles each language has: the distinct article ids among the documents of
/// each term of the `lang` field. All of an article's documents are added, deleted and
/// merged together, so they share a segment, and counting distinct id ordinals per segment
/// counts articles without reading one id.
fn articles_per_language(
    searcher: &Searcher,
    fields: &Fields,
) -> Result<std::collections::BTreeMap<String, u64>> {
    let mut counts = std::collections::BTreeMap::new();
    let name = searcher.schema().get_field_name(fields.article).to_string();
    for lang in index_languages(searcher, fields) {
        let term = Term::from_field_text(fields.lang, &lang);
        let mut articles = 0u64;
        for segment in searcher.segment_readers() {
            let Some(ids) = segment.fast_fields().str(&name)? else {
                continue;
            };
            let Some(mut postings) = segment
                .inverted_index(fields.lang)?
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(|e| crate::error::Error::io("index", e))?
            else {
                continue;
            };
            let mut seen = vec![false; ids.num_terms()];
            let mut doc = postings.doc();
            while doc != tantivy::TERMINATED {
                if !segment.is_deleted(doc) {
                    if let Some(ord) = ids.term_ords(doc).next() {
                        let slot = &mut seen[ord as usize];
                        articles += u64::from(!*slot);
                        *slot = true;
                    }
                }
                doc = postings.advance();
            }
        }
        counts.insert(lang, articles);
    }
    Ok(counts)
}

/// The languages of the articles in the index (the terms of its `lang` field).
pub fn index_languages(searcher: &Searcher, fields: &Fields) -> std::collections::BTreeSet<String> {
    (searcher.segment_readers().iter())
        .flat_map(|segment| segment_languages(segment, fields))
        .collect()
}

/// The languages of the articles in one segment.
pub(crate) fn segment_languages(
    segment: &tantivy::SegmentReader,
    fields: &Fields,
) -> std::collections::BTreeSet<String> {
    let mut languages = std::collections::BTreeSet::new();
    let Ok(index) = segment.inverted_index(fields.lang) else {
        return languages;
    };
    let Ok(mut stream) = index.terms().stream() else {
        return languages;
    };
    while stream.advance() {
        languages.insert(String::from_utf8_lossy(stream.key()).into_owned());
    }
    languages
}

/// A corpus file the index holds nothing of, and why, or a warning its last reading gave.
#[derive(Debug, Clone, Serialize)]
pub struct FileProblem {
    /// The file, with the corpus folder in front.
    pub path: String,
    /// `skipped` or `warning`.
    pub kind: &'static str,
    /// Why it was skipped, or the warning.
    pub reason: String,
}

/// Every corpus file that was skipped when last read, with the reason, and every warning
/// the files' last reading gave, sorted by path (warnings in the order given). They stay
/// until the file changes.
pub fn file_problems(index: &AnnalsIndex) -> Result<Vec<FileProblem>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let f = &index.fields;
    let query = TermQuery::new(
        Term::from_field_text(f.kind, DocKind::File.as_str()),
        IndexRecordOption::Basic,
    );
    let mut problems = Vec::new();
    for address in searcher.search(&query, &tantivy::collector::DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        let Some(rel) = doc.get_first(f.file).and_then(|v| v.as_str()) else {
            continue;
        };
        let path = index.payload.shown_path(rel);
        let FileProblems {
            skipped, warnings, ..
        } = FileProblems::in_doc(&doc, f);
        let problem = |kind, reason| FileProblem {
            path: path.clone(),
            kind,
            reason,
        };
        problems.extend(skipped.map(|reason| problem("skipped", reason)));
        problems.extend(warnings.into_iter().map(|w| problem("warning", w)));
    }
    // Stable: a file's warnings stay in their order.
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(problems)
}

/// Every live document as a JSON line, sorted, then every word of the dictionary with the
/// number of articles using it: what the index holds, independent of how it was built
/// (segments, order of insertion, deleted documents, incremental updates).
pub fn dump_index(index: &AnnalsIndex) -> Result<Vec<String>> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let schema = index.index.schema();
    let mut docs = Vec::new();
    let record = schema.get_field_name(index.fields.record);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let keys = segment.fast_fields().u64(record)?;
        for doc in segment.doc_ids_alive() {
            let stored: TantivyDocument = searcher.doc(DocAddress::new(ord as u32, doc))?;
            let json = stored.to_json(&schema);
            docs.push(match keys.first(doc) {
                Some(key) => format!("{json} record {key:x}"),
                None => json,
            });
        }
    }
    docs.sort();
    index.dictionary()?.for_each(|word, articles| {
        docs.push(serde_json::json!({ "word": word, "articles": articles }).to_string());
        true
    });
    Ok(docs)
}

/// Live (not deleted) documents of one kind.
pub(crate) fn count_kind(searcher: &Searcher, fields: &Fields, kind: DocKind) -> Result<u64> {
    let query = TermQuery::new(
        Term::from_field_text(fields.kind, kind.as_str()),
        IndexRecordOption::Basic,
    );
    Ok(searcher.search(&query, &Count)? as u64)
}

/// Total size of the files in `path` (an index folder is flat).
fn folder_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
