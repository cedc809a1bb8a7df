//! The words a text is most like others by ("more like this"): the most telling words of
//! an article or section, and which of them another document holds.

use std::collections::{HashMap, HashSet};

use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::article::Article;
use super::checked;
use super::stats::{idf, SearchStats};
use crate::analyzer::for_each_word;
use crate::error::Result;
use crate::schema::{text_analyzer, Fields};

/// Most words of the source the similarity query holds (Lucene's default).
const QUERY_WORDS: usize = 25;

/// Shared words shown for each related article.
const SHOWN_WORDS: usize = 6;

/// One word of the similarity query.
pub(super) struct Word {
    /// The index term (the stem, in the catch-all field).
    pub(super) term: Term,
    /// Term frequency in the source times inverse document frequency.
    pub(super) weight: f32,
    /// The word as the source first writes it.
    pub(super) shown: String,
}

/// The texts the catch-all field of section `i` of `article` holds.
pub(super) fn own_texts(article: &Article, i: usize) -> Vec<&str> {
    let section = &article.sections[i];
    vec![&article.title, &section.heading, &section.text]
}

/// The texts the catch-all field of each of `article`'s reading entries holds.
pub(super) fn book_texts(article: &Article) -> impl Iterator<Item = Vec<&str>> {
    article.sections.iter().flat_map(move |s| {
        s.books.iter().map(move |b| {
            let mut texts = vec![article.title.as_str(), s.heading.as_str(), &b.title];
            texts.extend(b.author.as_deref());
            texts
        })
    })
}

/// The [`QUERY_WORDS`] most telling words of the documents `texts`, heaviest first: term
/// frequency times BM25's inverse document frequency, counting only documents other than
/// the article's own (`own`, each a document's texts), and leaving out words no other
/// document holds.
pub(super) fn telling_words(
    stats: &SearchStats,
    fields: &Fields,
    lang: &str,
    texts: &[Vec<&str>],
    own: &[Vec<&str>],
) -> Result<Vec<Word>> {
    use tantivy::query::Bm25StatisticsProvider;
    let mark = crate::language::mark(lang);
    let mut analyzer = text_analyzer();
    let mut terms_of = |doc: &[&str], each: &mut dyn FnMut(String, &str)| {
        for text in doc {
            let marked = format!("{mark}{text}");
            for_each_word(&mut analyzer, &marked, |token| {
                let shown = marked
                    .get(token.offset_from..token.offset_to)
                    .unwrap_or(&token.text);
                each(token.text.clone(), shown);
            });
        }
    };
    let mut counts: HashMap<String, (u32, String)> = HashMap::new();
    for doc in texts {
        terms_of(doc, &mut |term, shown| {
            counts
                .entry(term)
                .or_insert_with(|| (0, shown.to_lowercase()))
                .0 += 1;
        });
    }
    let mut own_docs: HashMap<String, u64> = HashMap::new();
    for doc in own {
        let mut in_doc: HashSet<String> = HashSet::new();
        terms_of(doc, &mut |term, _| {
            in_doc.insert(term);
        });
        for term in in_doc {
            *own_docs.entry(term).or_default() += 1;
        }
    }
    let total = stats.total_num_docs()?;
    let mut words = Vec::with_capacity(counts.len());
    for (text, (count, shown)) in counts {
        if text.chars().count() < 2 {
            continue;
        }
        let term = Term::from_field_text(fields.body, &text);
        let doc_freq = stats.doc_freq(&term)?;
        let others = doc_freq.saturating_sub(own_docs.get(&text).copied().unwrap_or(0));
        if others == 0 {
            continue;
        }
        let rarity = idf(doc_freq, total);
        words.push(Word {
            term,
            weight: count as f32 * rarity,
            shown,
        });
    }
    words.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then_with(|| a.shown.cmp(&b.shown))
    });
    words.truncate(QUERY_WORDS);
    Ok(words)
}

/// The words of `words` the document at `address` holds, heaviest first.
pub(super) fn shared_words(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    words: &[Word],
) -> Result<Vec<String>> {
    let segment = searcher.segment_reader(address.segment_ord);
    let index = segment.inverted_index(fields.body)?;
    let doc = address.doc_id;
    let mut shared = Vec::new();
    for word in words {
        if shared.len() == SHOWN_WORDS {
            break;
        }
        let postings = index
            .read_postings(&word.term, IndexRecordOption::Basic)
            .map_err(tantivy::TantivyError::from)?;
        if let Some(mut postings) = postings {
            if checked::reaches(&mut postings, doc) {
                shared.push(word.shown.clone());
            }
        }
    }
    Ok(shared)
}
