//! The catalog: what the index knows about each corpus file (content hash, size, mtime,
//! article count), read from the file documents' fast fields. Because it lives in the same
//! commits as the articles, the index and its bookkeeping never disagree.

use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Searcher, Term, TERMINATED};

use crate::corpus::{CorpusFile, FileContent};
use crate::schema::{DocKind, Fields};

/// What the index remembers about one corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// Path relative to the corpus root.
    pub rel: String,
    pub hash: u64,
    pub size: u64,
    pub mtime_ns: u64,
    /// Number of articles the file yielded (0 when it was skipped).
    pub articles: u64,
    /// Number of warnings reading it gave.
    pub warnings: u64,
}

impl FileRecord {
    /// The record of `file`, just read as `content`.
    pub(crate) fn of(file: &CorpusFile, content: &FileContent) -> FileRecord {
        FileRecord {
            rel: file.rel.clone(),
            hash: content.hash,
            size: file.size,
            mtime_ns: trusted_mtime(file.mtime_ns),
            articles: (content.articles.len() + content.streamed) as u64,
            warnings: content.warnings.len() as u64,
        }
    }

    /// This record for `file` touched since: its bytes (and so its articles) are the same,
    /// its size and mtime are new.
    pub(crate) fn touched(self, file: &CorpusFile) -> FileRecord {
        FileRecord {
            size: file.size,
            mtime_ns: trusted_mtime(file.mtime_ns),
            ..self
        }
    }
}

/// Within this long of now, a file can be rewritten without its mtime changing (file
/// systems stamp times at clock-tick granularity).
const RACY_WINDOW_NS: u64 = 2_000_000_000;

/// The mtime to remember for a file: 0 ("unknown", so the next run hashes the file again)
/// when it is too recent to prove that a later write would change it. Git calls these
/// files "racily clean".
fn trusted_mtime(mtime_ns: u64) -> u64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    if mtime_ns + RACY_WINDOW_NS > now {
        0
    } else {
        mtime_ns
    }
}

/// Every file record in the searcher's view, by relative path.
///
/// Proportional to the number of files, not documents: the file documents are found through
/// the postings of `kind:file`, and paths are read by streaming each segment's dictionary
/// of paths once rather than looking each one up.
pub(crate) fn read_catalog(
    searcher: &Searcher,
    fields: &Fields,
) -> tantivy::Result<HashMap<String, FileRecord>> {
    let schema = searcher.schema();
    let name = |f| schema.get_field_name(f);
    let file_kind = Term::from_field_text(fields.kind, DocKind::File.as_str());
    let mut records = HashMap::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let Some(files) = ff.str(name(fields.file))? else {
            continue;
        };
        let Some(mut postings) = segment
            .inverted_index(fields.kind)?
            .read_postings(&file_kind, IndexRecordOption::Basic)?
        else {
            continue;
        };
        let mut paths = Vec::with_capacity(files.num_terms());
        let mut stream = files.dictionary().stream()?;
        while stream.advance() {
            paths.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
        let hash = ff.u64(name(fields.hash))?;
        let size = ff.u64(name(fields.size))?;
        let mtime = ff.u64(name(fields.mtime))?;
        let articles = ff.u64(name(fields.articles))?;
        let warned = ff.u64(name(fields.warned))?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let path = files
                .term_ords(doc)
                .next()
                .and_then(|ord| paths.get(ord as usize));
            if let (false, Some(path)) = (segment.is_deleted(doc), path) {
                records.insert(
                    path.clone(),
                    FileRecord {
                        rel: path.clone(),
                        hash: hash.first(doc).unwrap_or(0),
                        size: size.first(doc).unwrap_or(0),
                        mtime_ns: mtime.first(doc).unwrap_or(0),
                        articles: articles.first(doc).unwrap_or(0),
                        warnings: warned.first(doc).unwrap_or(0),
                    },
                );
            }
            doc = postings.advance();
        }
    }
    Ok(records)
}
