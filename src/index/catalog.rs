//! The catalog: what the index knows about each corpus file (content hash, size, mtime,
//! article count), read from the file documents' fast fields. Because it lives in the same
//! commits as the articles, the index and its bookkeeping never disagree.

use std::collections::HashMap;

use tantivy::Searcher;

use crate::schema::Fields;

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
}

/// Every file record in the searcher's view, by relative path.
pub(crate) fn read_catalog(
    searcher: &Searcher,
    fields: &Fields,
) -> tantivy::Result<HashMap<String, FileRecord>> {
    let schema = searcher.schema();
    let name = |f| schema.get_field_name(f);
    let mut records = HashMap::new();
    let mut rel = String::new();
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let Some(files) = ff.str(name(fields.file))? else {
            continue;
        };
        let hash = ff.u64(name(fields.hash))?;
        let size = ff.u64(name(fields.size))?;
        let mtime = ff.u64(name(fields.mtime))?;
        let articles = ff.u64(name(fields.articles))?;
        for doc in segment.doc_ids_alive() {
            // Only file documents have a hash.
            let Some(hash) = hash.first(doc) else {
                continue;
            };
            let Some(ord) = files.term_ords(doc).next() else {
                continue;
            };
            rel.clear();
            files.ord_to_str(ord, &mut rel)?;
            records.insert(
                rel.clone(),
                FileRecord {
                    rel: rel.clone(),
                    hash,
                    size: size.first(doc).unwrap_or(0),
                    mtime_ns: mtime.first(doc).unwrap_or(0),
                    articles: articles.first(doc).unwrap_or(0),
                },
            );
        }
    }
    Ok(records)
}
