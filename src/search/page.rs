//! The page of hits: each ranked document fetched from the store, with its snippets, the
//! books folded under it and, when asked, the explanation of its score.

use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::{DocAddress, Searcher};

use super::hit::{Book, Hit};
use super::one_doc::{explain, matches};
use super::options::SearchOptions;
use super::ranking::Candidate;
use super::snippet::Snippets;
use super::stats::SearchStats;
use super::stored;
use super::{Engine, Tier};
use crate::error::Result;

impl Engine {
    /// The hits of `page`: each ranked document with the books folded under it, numbered
    /// from `options.offset`, snippets marked by the query of its tier (of `tiers`), flagged
    /// `typo` when it matched only through a corrected word (the tier's query as written in
    /// `as_written` does not match it), and explained when `options.explain`.
    pub(super) fn fetch_page(
        &self,
        searcher: &Searcher,
        stats: &SearchStats,
        tiers: &[(Tier, Box<dyn Query>)],
        as_written: &[(Tier, Box<dyn Query>)],
        page: Vec<(Candidate, Vec<Candidate>)>,
        options: &SearchOptions,
    ) -> Result<Vec<Hit>> {
        let fields = &self.index.fields;
        let mut hits = Vec::with_capacity(page.len());
        // With --explain, each tier's weight, scored as the search scored it.
        let weights: Vec<(Tier, Box<dyn Weight>)> = match options.explain {
            false => Vec::new(),
            true => tiers
                .iter()
                .filter(|(tier, _)| page.iter().any(|(c, _)| c.tier == *tier))
                .map(|(tier, q)| {
                    let scoring = EnableScoring::enabled_from_statistics_provider(stats, searcher);
                    Ok((*tier, q.weight(scoring)?))
                })
                .collect::<Result<_>>()?,
        };
        let snippets: Vec<(Tier, Snippets)> = tiers
            .iter()
            .filter(|(tier, _)| page.iter().any(|(c, _)| c.tier == *tier))
            .map(|(tier, q)| (*tier, Snippets::new(stats, &**q, fields.body)))
            .collect();
        for (i, (candidate, books)) in page.into_iter().enumerate() {
            let tier_snippets = snippets
                .iter()
                .find(|(tier, _)| *tier == candidate.tier)
                .map(|(_, s)| s)
                .expect("every tier on the page has snippets");
            let doc: stored::Stored = searcher.doc(candidate.address)?;
            // A folded hit stands where the best of its documents ranked.
            let score = books
                .iter()
                .map(|b| b.score)
                .fold(candidate.score, f32::max);
            let mut hit = Hit::from_doc(&doc, &self.index, score, tier_snippets);
            hit.rank = options.offset + i + 1;
            hit.partial = candidate.tier == Tier::Partial;
            hit.typo = match as_written.iter().find(|(t, _)| *t == candidate.tier) {
                _ if candidate.tier == Tier::Typo => true,
                Some((_, written)) => !matches(searcher, &**written, candidate.address)?,
                None => false,
            };
            hit.others = options.group.then_some(candidate.others);
            if let Some((_, weight)) = weights.iter().find(|(t, _)| *t == candidate.tier) {
                let members: Vec<DocAddress> = std::iter::once(candidate.address)
                    .chain(books.iter().map(|b| b.address))
                    .collect();
                hit.explain = Some(explain(
                    searcher,
                    &**weight,
                    candidate.tier,
                    &members,
                    score,
                )?);
            }
            for book in books {
                hit.books
                    .push(Book::from_doc(&searcher.doc(book.address)?, fields));
            }
            hits.push(hit);
        }
        Ok(hits)
    }
}
