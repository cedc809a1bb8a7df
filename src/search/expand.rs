//! Query expansion by pseudo-relevance feedback, in the manner of RM3: the words of the
//! best hits of a first search, weighted by how much of each hit they make up and by the
//! hit's score (Lavrenko and Croft's relevance model), are added to the query, which is
//! searched again. The settings are Anserini's defaults, which `lucene.sh -rm3` uses: ten
//! feedback documents, ten feedback words, the original query weighing half.

use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Value;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument, Term};

use tantivy::query::{Occur, Query};

use super::query::{self, Compiler, Mode};
use super::stats::SearchStats;
use super::{checked, top, Engine, SearchOptions, TOTAL_EXACT_UP_TO};
use crate::analyzer::for_each_word;
use crate::error::Result;
use crate::schema::{text_analyzer, Fields};

/// Best hits of the first search the feedback is drawn from.
pub(crate) const FEEDBACK_DOCS: usize = 10;

/// Words added to the query.
pub(crate) const FEEDBACK_TERMS: usize = 10;

/// Weight of the original query in the expanded one; the feedback words share the rest.
pub(crate) const ORIGINAL_WEIGHT: f32 = 0.5;

/// Words in more than this share of the documents say nothing about a topic and are not
/// added (as Anserini's RM3 leaves out such words).
const MAX_DOC_SHARE: f64 = 0.1;

/// The feedback words (index terms of the catch-all `body` field) of the hits `top`, each
/// with its weight in the relevance model; the weights sum to 1. Empty when the hits hold
/// no usable word.
pub(crate) fn feedback_terms(
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
    fields: &Fields,
    top: &[(Score, DocAddress)],
) -> Result<Vec<(String, f32)>> {
    let top = &top[..top.len().min(FEEDBACK_DOCS)];
    let total_score: f32 = top.iter().map(|(s, _)| s.max(0.0)).sum();
    if top.is_empty() || total_score <= 0.0 {
        return Ok(Vec::new());
    }
    let mut analyzer = text_analyzer();
    let mut model: HashMap<String, f64> = HashMap::new();
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(*address)?;
        let counts = term_counts(&mut analyzer, &doc, fields);
        let length: u32 = counts.values().sum();
        if length == 0 {
            continue;
        }
        let doc_weight = f64::from(score.max(0.0) / total_score);
        for (term, tf) in counts {
            *model.entry(term).or_default() += doc_weight * f64::from(tf) / f64::from(length);
        }
    }
    let num_docs = stats.total_num_docs()?.max(1) as f64;
    let mut terms: Vec<(String, f64)> = Vec::with_capacity(model.len());
    for (term, weight) in model {
        if term.chars().count() < 2 {
            continue;
        }
        let doc_freq = stats.doc_freq(&Term::from_field_text(fields.body, &term))?;
        if doc_freq as f64 / num_docs > MAX_DOC_SHARE {
            continue;
        }
        terms.push((term, weight));
    }
    // Heaviest first; ties by the word, so that the expansion does not depend on hashing.
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    terms.truncate(FEEDBACK_TERMS);
    let sum: f64 = terms.iter().map(|(_, w)| w).sum();
    Ok(terms
        .into_iter()
        .map(|(t, w)| (t, (w / sum) as f32))
        .collect())
}

/// How often each index term occurs in the document's stored text: what its `body` holds.
fn term_counts(
    analyzer: &mut TextAnalyzer,
    doc: &TantivyDocument,
    fields: &Fields,
) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    // Analysed as the catch-all field analyses them: in the document's language.
    let lang = (doc.get_first(fields.lang))
        .and_then(|value| value.as_str())
        .unwrap_or(crate::language::DEFAULT);
    let mark = crate::language::mark(lang);
    for field in fields.stored_texts() {
        for value in doc.get_all(field) {
            let Some(text) = value.as_str() else {
                continue;
            };
            for_each_word(analyzer, &format!("{mark}{text}"), |token| {
                *counts.entry(token.text.clone()).or_default() += 1;
            });
        }
    }
    counts
}

impl Engine {
    /// The query expanded from the best hits of its words (see [`feedback_terms`]): the words, any
    /// of them, and the feedback words, weighted so that the query counts for
    /// [`ORIGINAL_WEIGHT`] of the whole and each feedback word for its share of
    /// the rest. `None` when nothing searchable is left.
    pub(super) fn expanded(
        &self,
        searcher: &Searcher,
        stats: &SearchStats,
        compiler: &mut Compiler,
        parsed: &query::ParsedQuery,
        options: &SearchOptions,
    ) -> Result<Option<Box<dyn Query>>> {
        let Some(original) = compiler.compile(parsed, Mode::AnyWord)? else {
            return Ok(None);
        };
        let first = self.filtered(
            original.box_clone(),
            Vec::new(),
            options,
            compiler.matches_all,
        );
        let k = FEEDBACK_DOCS;
        let (top, _) = top::search(
            searcher,
            stats,
            &*original,
            &*first,
            top::Wanted::best(k, TOTAL_EXACT_UP_TO),
            top::NOTHING,
        )?;
        let terms = feedback_terms(searcher, stats, &self.index.fields, &top.hits)?;
        if terms.is_empty() {
            return Ok(Some(original));
        }
        // The query's words weigh 1 each, as they do unexpanded; RM3 gives them
        // `ORIGINAL_WEIGHT / words` each, so the feedback words are scaled alike.
        let scale = parsed.words.max(1) as f32 * (1.0 - ORIGINAL_WEIGHT) / ORIGINAL_WEIGHT;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, original)];
        for (stem, weight) in terms {
            clauses.push((Occur::Should, compiler.stem_query(&stem, weight * scale)));
        }
        let excluded = compiler.exclusions(parsed)?;
        if !excluded.is_empty() {
            let expansion: Box<dyn Query> = Box::new(checked::boolean(clauses));
            clauses = vec![(Occur::Must, expansion)];
            clauses.extend(excluded.into_iter().map(|q| (Occur::MustNot, q)));
        }
        Ok(Some(Box::new(checked::boolean(clauses))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::{unmarked_stem, FOLDED_STEM};
    use crate::schema::register_analyzers;
    use tantivy::{Index, IndexWriter};

    /// An index of `texts` in language `lang`, each its own document in that order, and
    /// a hundred fillers, so that no word of interest is in more than a tenth of the
    /// documents.
    fn index_of(texts: &[&str], lang: &str) -> (Searcher, Fields) {
        let (schema, fields) = Fields::build();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in texts {
            let mut doc = TantivyDocument::new();
            doc.add_text(
                fields.body,
                format!("{}{text}", crate::language::mark(lang)),
            );
            doc.add_text(fields.text, text);
            doc.add_text(fields.lang, lang);
            writer.add_document(doc).unwrap();
        }
        for i in 0..100 {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.body, format!("filler{i}"));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), fields)
    }

    #[test]
    fn feedback_words_come_from_the_best_hits_and_sum_to_one() {
        let texts = [
            "The armistice ended the fighting; the armistice was signed at Compiegne.",
            "An armistice at Compiegne in a railway carriage.",
            "Harvests and weather in medieval villages.",
        ];
        let (searcher, fields) = index_of(&texts, "en");
        let top = [(2.0, DocAddress::new(0, 0)), (1.0, DocAddress::new(0, 1))];
        let terms = feedback_terms(&searcher, &searcher, &fields, &top).unwrap();
        let words: Vec<&str> = terms.iter().map(|(t, _)| unmarked_stem(t)).collect();
        assert_eq!(words[0], "armistic", "{terms:?}");
        assert!(words.contains(&"compiegn"), "{terms:?}");
        assert!(!words.contains(&"harvest"), "{terms:?}");
        let sum: f32 = terms.iter().map(|(_, w)| w).sum();
        assert!((sum - 1.0).abs() < 1e-5);
    }

    #[test]
    fn feedback_words_are_stemmed_in_their_documents_language() {
        let text =
            "La révolution de Juillet: trois journées de révolution, une république fédérée.";
        let (searcher, fields) = index_of(&[text], "fr");
        let top = [(1.0, DocAddress::new(0, 0))];
        let terms = feedback_terms(&searcher, &searcher, &fields, &top).unwrap();
        let words: Vec<&str> = terms.iter().map(|(t, _)| unmarked_stem(t)).collect();
        // French stems, as the catch-all field holds them (English would give `revolut`),
        // and a word's marked second stem is not a word of its own.
        assert!(words.contains(&"revolu"), "{terms:?}");
        assert!(!words.contains(&"revolut"), "{terms:?}");
        assert!(words.contains(&"feder"), "{terms:?}");
        assert!(
            !words.iter().any(|w| w.starts_with(FOLDED_STEM)),
            "{terms:?}"
        );
    }
}
