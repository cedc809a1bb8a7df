//! Computing one segment's champion file: for each word common in the segment, its best
//! documents for that word alone, scored under the segment's own statistics.

use std::collections::BTreeMap;

use tantivy::postings::TermInfo;
use tantivy::query::Bm25Weight;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, Score, SegmentReader};

use super::file::{Champion, Entry, Header, Writer};
use super::{CHAMPIONS, COMMON_IN};

/// The champion file of `reader` for one-word queries over `fields` (each with its weight).
pub(crate) fn compute(
    reader: &SegmentReader,
    fields: &[(Field, Score)],
) -> tantivy::Result<Vec<u8>> {
    let max_doc = reader.max_doc();
    let mut inverted = Vec::with_capacity(fields.len());
    let mut norms = Vec::with_capacity(fields.len());
    let mut header_fields = Vec::with_capacity(fields.len());
    for &(field, boost) in fields {
        let index = reader.inverted_index(field)?;
        header_fields.push((field, boost, index.total_num_tokens()));
        inverted.push(index);
        norms.push(reader.get_fieldnorms_reader(field)?);
    }
    let header = Header {
        k: CHAMPIONS as u32,
        fields: header_fields,
        max_doc,
        deleted: reader.num_deleted_docs(),
    };

    // A word common in all fields together is common in one of them: at least a share of
    // the threshold there.
    let mut words: BTreeMap<Vec<u8>, Vec<Option<TermInfo>>> = BTreeMap::new();
    let share = COMMON_IN.div_ceil(fields.len().max(1) as u32);
    for index in &inverted {
        let mut stream = index.terms().stream()?;
        while stream.advance() {
            if stream.value().doc_freq >= share && !words.contains_key(stream.key()) {
                words.insert(stream.key().to_vec(), Vec::new());
            }
        }
    }
    for (word, infos) in &mut words {
        for index in &inverted {
            infos.push(index.terms().get(word)?);
        }
    }

    let mut writer = Writer::new(header.clone());
    let mut scorer = Scorer::new(max_doc as usize, fields.len());
    let alive = reader.alive_bitset();
    for (word, infos) in &words {
        let doc_freqs: Vec<u32> = infos
            .iter()
            .map(|info| info.as_ref().map_or(0, |i| i.doc_freq))
            .collect();
        if doc_freqs.iter().map(|&df| df as u64).sum::<u64>() < COMMON_IN as u64 {
            continue;
        }
        for (i, index) in inverted.iter().enumerate() {
            let Some(info) = &infos[i] else {
                continue;
            };
            let (_, boost, tokens) = header.fields[i];
            let bm25 = segment_weight(doc_freqs[i], max_doc, tokens).boost_by(boost);
            let mut postings =
                index.read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
            while !postings.docs().is_empty() {
                for (&doc, &tf) in postings.docs().iter().zip(postings.freqs()) {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        let norm = norms[i].fieldnorm_id(doc);
                        scorer.add(i, doc, tf, bm25.score(norm, tf));
                    }
                }
                postings.advance();
            }
        }
        let entry = scorer.take(&doc_freqs, &norms);
        writer.add(word, &entry);
    }
    Ok(writer.into_bytes())
}

/// BM25's weight of a term in `doc_freq` of the segment's `max_doc` documents, whose field
/// holds `tokens` tokens: what tantivy's `Bm25Weight::for_terms` computes from statistics
/// of this segment alone.
fn segment_weight(doc_freq: u32, max_doc: u32, tokens: u64) -> Bm25Weight {
    let average = tokens as Score / max_doc.max(1) as Score;
    Bm25Weight::for_one_term_without_explain(doc_freq as u64, max_doc.max(1) as u64, average)
}

/// Scores of one word's documents, field by field, and the pick of the best of them.
struct Scorer {
    scores: Vec<Score>,
    /// Per field, per document: the word's frequency.
    freqs: Vec<Vec<u32>>,
    seen: Vec<bool>,
    touched: Vec<DocId>,
}

impl Scorer {
    fn new(max_doc: usize, fields: usize) -> Scorer {
        Scorer {
            scores: vec![0.0; max_doc],
            freqs: vec![vec![0; max_doc]; fields],
            seen: vec![false; max_doc],
            touched: Vec::new(),
        }
    }

    /// Fields must come in order, so that each document's score sums as a search sums it.
    fn add(&mut self, field: usize, doc: DocId, tf: u32, score: Score) {
        let d = doc as usize;
        if !self.seen[d] {
            self.seen[d] = true;
            self.touched.push(doc);
        }
        self.scores[d] += score;
        self.freqs[field][d] = tf;
    }

    /// The entry of the documents added since the last take, which are then forgotten.
    fn take(&mut self, doc_freqs: &[u32], norms: &[tantivy::fieldnorm::FieldNormReader]) -> Entry {
        let scores = &self.scores;
        let better = |a: &DocId, b: &DocId| {
            scores[*b as usize]
                .total_cmp(&scores[*a as usize])
                .then(a.cmp(b))
        };
        let matching = self.touched.len() as u32;
        let mut next = 0.0;
        if self.touched.len() > super::CHAMPIONS {
            self.touched
                .select_nth_unstable_by(super::CHAMPIONS, better);
            next = scores[self.touched[super::CHAMPIONS] as usize];
        }
        let mut best: Vec<DocId> = self
            .touched
            .iter()
            .copied()
            .take(super::CHAMPIONS)
            .collect();
        best.sort_unstable_by(better);
        let champions = best
            .iter()
            .map(|&doc| Champion {
                doc,
                score: scores[doc as usize],
                fields: self
                    .freqs
                    .iter()
                    .zip(norms)
                    .map(|(freqs, norm)| (freqs[doc as usize], norm.fieldnorm_id(doc)))
                    .collect(),
            })
            .collect();
        for &doc in &self.touched {
            let d = doc as usize;
            self.scores[d] = 0.0;
            self.seen[d] = false;
            for freqs in &mut self.freqs {
                freqs[d] = 0;
            }
        }
        self.touched.clear();
        Entry {
            matching,
            next,
            doc_freqs: doc_freqs.to_vec(),
            champions,
        }
    }
}
