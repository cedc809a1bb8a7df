//! A small index of one text field kept in memory, for the search modules' unit tests.

use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{doc, Index, IndexWriter};

/// An index of one text field, `body`, with a segment (one commit) for each list of texts
/// in `segments`, a document per text.
pub(crate) fn one_field<S, D>(segments: S) -> (Index, Field)
where
    S: IntoIterator<Item = D>,
    D: IntoIterator,
    D::Item: AsRef<str>,
{
    let mut schema = Schema::builder();
    let body = schema.add_text_field("body", TEXT);
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for texts in segments {
        for text in texts {
            writer.add_document(doc!(body => text.as_ref())).unwrap();
        }
        writer.commit().unwrap();
    }
    (index, body)
}
