//! A stored document as a page of hits reads it: the values as they come off the store,
//! in a list. tantivy's own document copies each value once more into its compact form,
//! and a page reads some forty documents (ten hits and the books folded under them).

use tantivy::schema::document::{DeserializeError, DocumentDeserialize, DocumentDeserializer};
use tantivy::schema::{Field, OwnedValue, Value};

/// The stored values of one document, in the order they were stored.
#[derive(Debug, Default)]
pub(crate) struct Stored(Vec<(Field, OwnedValue)>);

impl DocumentDeserialize for Stored {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut values = Vec::with_capacity(deserializer.size_hint());
        while let Some(value) = deserializer.next_field::<OwnedValue>()? {
            values.push(value);
        }
        Ok(Stored(values))
    }
}

impl Stored {
    /// The values of `field`.
    pub(crate) fn all(&self, field: Field) -> impl Iterator<Item = &OwnedValue> {
        self.0
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, v)| v)
    }

    /// The first value of `field`, if any.
    pub(crate) fn first(&self, field: Field) -> Option<&OwnedValue> {
        self.all(field).next()
    }

    /// The first text of `field`; empty when it has none.
    pub(crate) fn text(&self, field: Field) -> &str {
        self.first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// Every text of `field`.
    pub(crate) fn texts(&self, field: Field) -> Vec<String> {
        self.all(field)
            .filter_map(|v| v.as_str())
            .map(str::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STORED};
    use tantivy::{doc, Index, IndexWriter, TantivyDocument};

    /// Reads every value tantivy's own document reads, in the same order.
    #[test]
    fn reads_what_tantivy_reads() {
        let mut schema = Schema::builder();
        let name = schema.add_text_field("name", STORED);
        let year = schema.add_i64_field("year", STORED);
        let page = schema.add_u64_field("page", STORED);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer
            .add_document(doc!(name => "Rapallo", year => -44i64, name => "Genoa", page => 7u64))
            .unwrap();
        writer.add_document(doc!(page => 1u64)).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let address = |doc| tantivy::DocAddress::new(0, doc);
        let stored: Stored = searcher.doc(address(0)).unwrap();
        let own: TantivyDocument = searcher.doc(address(0)).unwrap();
        assert_eq!(stored.text(name), "Rapallo");
        assert_eq!(stored.texts(name), ["Rapallo", "Genoa"]);
        assert_eq!(stored.first(year).and_then(|v| v.as_i64()), Some(-44));
        assert_eq!(stored.first(page).and_then(|v| v.as_u64()), Some(7));
        let owns: Vec<OwnedValue> = own.field_values().map(|(_, v)| v.into()).collect();
        let stores: Vec<OwnedValue> = stored.0.iter().map(|(_, v)| v.clone()).collect();
        assert_eq!(stores, owns);
        let bare: Stored = searcher.doc(address(1)).unwrap();
        assert_eq!(bare.text(name), "");
        assert!(bare.texts(name).is_empty());
    }
}
