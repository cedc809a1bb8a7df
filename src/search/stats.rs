//! The index statistics one search needs, each looked up once.
//!
//! A search asks for the same statistics several times: whether its terms are dense (to
//! choose how to collect), BM25's document frequencies for each tier's weight, and the
//! rarity of each term for snippets. Every document frequency is a dictionary lookup in
//! every segment, so a one-word query over five fields and eight segments made 160
//! lookups where 40 suffice.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The statistics of one searcher, remembered as they are asked for.
pub(crate) struct SearchStats<'a> {
    searcher: &'a Searcher,
    doc_freqs: RefCell<HashMap<Term, u64>>,
    num_tokens: RefCell<HashMap<Field, u64>>,
}

impl<'a> SearchStats<'a> {
    pub(crate) fn new(searcher: &'a Searcher) -> SearchStats<'a> {
        SearchStats {
            searcher,
            doc_freqs: RefCell::default(),
            num_tokens: RefCell::default(),
        }
    }
}

impl Bm25StatisticsProvider for SearchStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.num_tokens.borrow().get(&field) {
            return Ok(n);
        }
        let n = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        self.num_tokens.borrow_mut().insert(field, n);
        Ok(n)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&n) = self.doc_freqs.borrow().get(term) {
            return Ok(n);
        }
        let n = self.searcher.doc_freq(term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), n);
        Ok(n)
    }
}

/// BM25's inverse document frequency of a term in `doc_freq` of `docs` documents, as
/// tantivy's `Bm25Weight` computes it (Lucene's formula, never negative).
pub(crate) fn idf(doc_freq: u64, docs: u64) -> f32 {
    let (doc_freq, docs) = (doc_freq as f32, docs as f32);
    (1.0 + (docs - doc_freq + 0.5) / (doc_freq + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::test_index::one_field;

    #[test]
    fn answers_as_the_searcher_does_twice() {
        let (index, body) = one_field([["war and peace"], ["war"], ["peace treaty"]]);
        let searcher = index.reader().unwrap().searcher();
        let stats = SearchStats::new(&searcher);
        for word in ["war", "treaty", "absent", "war"] {
            let term = Term::from_field_text(body, word);
            assert_eq!(
                stats.doc_freq(&term).unwrap(),
                searcher.doc_freq(&term).unwrap()
            );
        }
        assert_eq!(
            stats.doc_freq(&Term::from_field_text(body, "war")).unwrap(),
            2
        );
        for _ in 0..2 {
            assert_eq!(
                stats.total_num_tokens(body).unwrap(),
                Bm25StatisticsProvider::total_num_tokens(&searcher, body).unwrap()
            );
        }
        assert_eq!(stats.total_num_docs().unwrap(), 3);
    }
}
