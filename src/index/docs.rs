//! Turning articles into index documents: one per section, one per reading entry, and one
//! bookkeeping document per corpus file.

use std::collections::BTreeMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::{BooleanQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Searcher, TantivyDocument, Term};

use super::catalog::FileRecord;
use crate::corpus::{Article, FileContent, HEADING_SEPARATOR};
use crate::dates::plausible;
use crate::dictionary::{WordFinder, WordList};
use crate::error::Result;
use crate::schema::{DocKind, Fields, TimelineKey};

/// The section and reading-entry documents of one article from the file `rel`.
pub(crate) fn article_docs(fields: &Fields, rel: &str, article: &Article) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(article.sections.len() + article.reading.len());
    let common = |kind: DocKind| {
        let mut doc = TantivyDocument::new();
        doc.add_text(fields.kind, kind.as_str());
        doc.add_text(fields.file, rel);
        doc.add_text(fields.article, &article.id);
        doc.add_u64(fields.article_key, crate::schema::article_key(&article.id));
        // A name made up for an untitled record is shown, not searched.
        match article.untitled {
            true => doc.add_text(fields.untitled, &article.title),
            false => doc.add_text(fields.title, &article.title),
        }
        if let Some(year) = article.year.and_then(plausible) {
            doc.add_i64(fields.article_year, year);
        }
        doc.add_text(fields.lang, article.lang);
        if let Some(record) = article.record {
            doc.add_u64(fields.record, record);
        }
        doc
    };
    // Years beyond those annals keeps are left out (see `plausible`).
    let year = |doc: &mut TantivyDocument, kind: DocKind, year: Option<i64>| {
        let year = year.or(article.year).and_then(plausible);
        if let Some(year) = year {
            doc.add_i64(fields.year, year);
        }
        doc.add_u64(fields.timeline_key, TimelineKey::new(kind, year).0);
    };
    // The catch-all field of a non-English article is analysed in its language: each of
    // its values starts with the language's mark.
    let mark = crate::language::mark(article.lang);
    let title = article.searched_title();

    for section in &article.sections {
        let mut doc = common(DocKind::Section);
        // A section dates from the first year it names itself, else from its article.
        year(&mut doc, DocKind::Section, section.year);
        let heading = section.headings.join(HEADING_SEPARATOR);
        doc.add_text(fields.body, marked(&mark, title));
        doc.add_text(fields.body, marked(&mark, &heading));
        doc.add_text(fields.body, marked(&mark, &section.text));
        doc.add_text(fields.heading, heading);
        doc.add_text(fields.text, &section.text);
        doc.add_u64(fields.position, section.position as u64);
        doc.add_u64(fields.part, section.position as u64);
        for tag in &article.tags {
            doc.add_text(fields.tags, tag);
        }
        for author in &article.authors {
            doc.add_text(fields.authors, author);
        }
        // The article's tags and authors are words of its lead: a search for them finds it.
        if section.position == 0 {
            for name in article.tags.iter().chain(&article.authors) {
                doc.add_text(fields.body, marked(&mark, name));
            }
        }
        if let Some(page) = section.page {
            doc.add_u64(fields.page, u64::from(page));
        }
        docs.push(doc);
    }
    for (i, entry) in article.reading.iter().enumerate() {
        let mut doc = common(DocKind::Reading);
        year(&mut doc, DocKind::Reading, None);
        doc.add_text(fields.body, marked(&mark, title));
        doc.add_text(fields.body, marked(&mark, &entry.heading));
        doc.add_text(fields.body, marked(&mark, &entry.title));
        doc.add_text(fields.heading, &entry.heading);
        doc.add_text(fields.context, &entry.context);
        doc.add_text(fields.book, &entry.title);
        if let Some(author) = &entry.author {
            doc.add_text(fields.body, marked(&mark, author));
            doc.add_text(fields.author, author);
        }
        doc.add_u64(fields.position, i as u64);
        let part = entry.section.map_or(crate::schema::NO_PART, |p| p as u64);
        doc.add_u64(fields.part, part);
        docs.push(doc);
    }
    docs
}

/// `text` with the language mark `mark` (empty for English) in front.
fn marked<'t>(mark: &str, text: &'t str) -> std::borrow::Cow<'t, str> {
    match mark.is_empty() {
        true => std::borrow::Cow::Borrowed(text),
        false => std::borrow::Cow::Owned(format!("{mark}{text}")),
    }
}

/// What a file document says went wrong reading its file: why it was skipped, the
/// warnings, and for a dump the keys of the records warned about.
#[derive(Debug, Default)]
pub(crate) struct FileProblems {
    pub(crate) skipped: Option<String>,
    pub(crate) warnings: Vec<String>,
    pub(crate) warned_records: Vec<u64>,
}

impl FileProblems {
    /// The problems reading a file gave.
    pub(crate) fn of(content: &FileContent) -> FileProblems {
        FileProblems {
            skipped: content.skipped.clone(),
            warnings: content.warnings.clone(),
            warned_records: content.warned_records.clone(),
        }
    }

    /// The problems the file document `doc` holds.
    pub(crate) fn in_doc(doc: &TantivyDocument, fields: &Fields) -> FileProblems {
        let texts = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(String::from))
        };
        FileProblems {
            skipped: texts(fields.skipped).next(),
            warnings: texts(fields.warnings).collect(),
            warned_records: (doc.get_all(fields.warned_records))
                .filter_map(|v| v.as_u64())
                .collect(),
        }
    }

    /// The problems the file document of `rel` holds in the view of `searcher` (none if
    /// there is no such document).
    pub(crate) fn stored(searcher: &Searcher, fields: &Fields, rel: &str) -> Result<FileProblems> {
        let mut problems = FileProblems::default();
        for address in searcher.search(&*file_doc_query(fields, rel), &DocSetCollector)? {
            problems = FileProblems::in_doc(&searcher.doc(address)?, fields);
        }
        Ok(problems)
    }
}

/// The query matching only the bookkeeping document of `rel`.
pub(crate) fn file_doc_query(fields: &Fields, rel: &str) -> Box<dyn Query> {
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

/// The bookkeeping document of one corpus file: its record and what went wrong reading it
/// (as many warnings as `record` counts).
pub(crate) fn file_doc(
    fields: &Fields,
    record: &FileRecord,
    problems: &FileProblems,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.kind, DocKind::File.as_str());
    doc.add_u64(fields.timeline_key, TimelineKey::new(DocKind::File, None).0);
    doc.add_text(fields.file, &record.rel);
    doc.add_u64(fields.hash, record.hash);
    doc.add_u64(fields.size, record.size);
    doc.add_u64(fields.mtime, record.mtime_ns);
    doc.add_u64(fields.articles, record.articles);
    if let Some(reason) = &problems.skipped {
        doc.add_text(fields.skipped, reason);
    }
    doc.add_u64(fields.warned, record.warnings);
    for warning in &problems.warnings {
        doc.add_text(fields.warnings, warning);
    }
    for &key in &problems.warned_records {
        doc.add_u64(fields.warned_records, key);
    }
    doc
}

/// The distinct words of each article with documents holding `term` (a file's path, a
/// record's key) as the index holds it, found in the articles' stored documents: what
/// [`WordFinder::article`] listed when they were added.
pub(crate) fn stored_article_words(
    searcher: &Searcher,
    fields: &Fields,
    term: Term,
    finder: &mut WordFinder,
) -> Result<Vec<WordList>> {
    let query = TermQuery::new(term, IndexRecordOption::Basic);
    let mut texts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for address in searcher.search(&query, &DocSetCollector)? {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| doc.get_first(field).and_then(|v| v.as_str());
        if text(fields.kind) == Some(DocKind::File.as_str()) {
            continue;
        }
        let article = texts
            .entry(text(fields.article).unwrap_or_default().to_string())
            .or_default();
        for field in fields.stored_texts() {
            article.extend(text(field).map(str::to_string));
        }
    }
    Ok(texts
        .values()
        .map(|t| finder.distinct(t.iter().map(String::as_str)))
        .collect())
}
