//! Grouping hits per article: a collector that keeps, for every article with a matching
//! document, its best-scoring document and how many of its documents match.

use std::collections::HashMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyError};

/// The matches of one article.
#[derive(Debug, Clone)]
pub(crate) struct ArticleGroup {
    pub article: String,
    pub score: Score,
    pub best: DocAddress,
    /// Matching documents of the article, the best one included.
    pub matches: usize,
}

/// Collects [`ArticleGroup`]s, best first, by the article id in the fast field `field`.
pub(crate) struct GroupByArticle {
    pub field: &'static str,
}

impl Collector for GroupByArticle {
    type Fruit = Vec<ArticleGroup>;
    type Child = SegmentGroups;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentGroups> {
        let column = reader.fast_fields().str(self.field)?.ok_or_else(|| {
            TantivyError::SchemaError(format!("{} is not a fast text field", self.field))
        })?;
        Ok(SegmentGroups {
            segment,
            column,
            groups: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<ArticleGroup>>) -> tantivy::Result<Vec<ArticleGroup>> {
        let mut merged: HashMap<String, ArticleGroup> = HashMap::new();
        for group in fruits.into_iter().flatten() {
            match merged.get_mut(&group.article) {
                Some(existing) => {
                    existing.matches += group.matches;
                    if group.score > existing.score {
                        existing.score = group.score;
                        existing.best = group.best;
                    }
                }
                None => {
                    merged.insert(group.article.clone(), group);
                }
            }
        }
        let mut groups: Vec<ArticleGroup> = merged.into_values().collect();
        // Ties fall back to the document address so that the order is stable.
        groups.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.best.cmp(&b.best))
        });
        Ok(groups)
    }
}

/// Per-segment state of [`GroupByArticle`]: article term ordinal → (score, doc, matches).
pub(crate) struct SegmentGroups {
    segment: SegmentOrdinal,
    column: StrColumn,
    groups: HashMap<u64, (Score, DocId, usize)>,
}

impl SegmentCollector for SegmentGroups {
    type Fruit = Vec<ArticleGroup>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let Some(ord) = self.column.term_ords(doc).next() else {
            return;
        };
        let entry = self.groups.entry(ord).or_insert((score, doc, 0));
        entry.2 += 1;
        if score > entry.0 {
            entry.0 = score;
            entry.1 = doc;
        }
    }

    fn harvest(self) -> Vec<ArticleGroup> {
        let mut article = String::new();
        self.groups
            .into_iter()
            .filter_map(|(ord, (score, doc, matches))| {
                article.clear();
                if !self.column.ord_to_str(ord, &mut article).ok()? {
                    return None;
                }
                Some(ArticleGroup {
                    article: article.clone(),
                    score,
                    best: DocAddress::new(self.segment, doc),
                    matches,
                })
            })
            .collect()
    }
}
