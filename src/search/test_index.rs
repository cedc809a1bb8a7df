//! Small indexes of text fields kept in memory, for the search modules' unit tests.

use tantivy::schema::{Field, Schema, TEXT};
use tantivy::{Index, IndexWriter, TantivyDocument};

/// An index of one text field, `body`, with a segment (one commit) for each list of texts
/// in `segments`, a document per text.
pub(crate) fn one_field<S, D>(segments: S) -> (Index, Field)
where
    S: IntoIterator<Item = D>,
    D: IntoIterator,
    D::Item: AsRef<str>,
{
    let segments = (segments.into_iter()).map(|texts| texts.into_iter().map(|text| [text]));
    let (index, [body]) = text_fields(["body"], segments);
    (index, body)
}

/// An index of the text fields `names`, with a segment (one commit) for each list of
/// documents in `segments`, a document being a text for each field, in their order.
pub(crate) fn text_fields<const N: usize, S, D, T>(
    names: [&str; N],
    segments: S,
) -> (Index, [Field; N])
where
    S: IntoIterator<Item = D>,
    D: IntoIterator<Item = [T; N]>,
    T: AsRef<str>,
{
    let mut schema = Schema::builder();
    let fields = names.map(|name| schema.add_text_field(name, TEXT));
    let index = Index::create_in_ram(schema.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    for documents in segments {
        for texts in documents {
            let mut document = TantivyDocument::default();
            for (field, text) in fields.iter().zip(&texts) {
                document.add_text(*field, text.as_ref());
            }
            writer.add_document(document).unwrap();
        }
        writer.commit().unwrap();
    }
    (index, fields)
}
