//! Candidates gathered tier by tier: every hit of a tier ranks above those of the next,
//! books fold under their sections, and grouped searches keep one candidate per article.

use std::collections::HashMap;

use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, Searcher};

use super::fold::{self, FoldKey, FoldKeys};
use super::group::GroupByArticle;
use super::one_doc::scores_of;
use super::stats::SearchStats;
use super::timeline::{YearCounts, YearTally};
use super::top::{self, Uncounted, Wanted};
use super::{Engine, SearchOptions, Tier, TOTAL_EXACT_UP_TO};
use crate::error::Result;

/// One ranked candidate.
pub(super) struct Candidate {
    pub(super) score: f32,
    pub(super) address: DocAddress,
    pub(super) tier: Tier,
    /// Other matching documents of the same article (grouped searches).
    pub(super) others: usize,
    /// What the candidate folds with (see [`fold`]), when searches fold.
    pub(super) key: Option<FoldKey>,
}

/// Candidates gathered tier by tier, grouped per article or not.
pub(super) struct Ranking<'s> {
    pub(super) group: bool,
    /// Hits wanted: the page and those before it.
    pub(super) want: usize,
    /// Set when books fold under their sections ([`fold`]): reads each candidate's key.
    pub(super) keys: Option<FoldKeys<'s>>,
    pub(super) candidates: Vec<Candidate>,
    /// Grouped: article id → index in `candidates` (or `usize::MAX` past `want`).
    pub(super) articles: HashMap<String, usize>,
    /// Matching documents (or articles, when grouped).
    pub(super) total: usize,
    /// Whether `total` counts every match.
    pub(super) total_exact: bool,
    /// Whether every match of the tiers searched so far is among `candidates`.
    pub(super) all_matched: bool,
    /// Set when the search wants a timeline: then a tier whose search visits every match
    /// anyway counts them per year as it goes.
    pub(super) years: Option<YearCounts>,
    /// Per tier searched, its matches per year when its search counted them.
    pub(super) tallies: Vec<Option<YearTally>>,
    /// The keys of the books among the matches counted, and of the sections among them
    /// those fold under, when searches fold ([`FoldKeys::counted_keys`]).
    pub(super) counted_keys: Vec<FoldKey>,
}

impl Ranking<'_> {
    /// How many more hits the page needs: candidates folded under another do not count.
    pub(super) fn missing(&self) -> usize {
        self.want
            .saturating_sub(self.candidates.len() - self.folded())
    }

    /// How many hits the tiers searched so far have, whatever the page asked for: the
    /// matches counted less the books among them that fold under another.
    pub(super) fn hits(&self) -> usize {
        let folded = fold::folded_count(self.counted_keys.iter().map(Some));
        self.total.saturating_sub(folded)
    }

    /// How many candidates fold under another.
    pub(super) fn folded(&self) -> usize {
        match self.keys {
            Some(_) => fold::folded_count(self.candidates.iter().map(|c| c.key.as_ref())),
            None => 0,
        }
    }

    /// The key `address`, found in `tier`, folds by, when searches fold.
    fn key(&self, address: DocAddress, tier: Tier) -> Result<Option<FoldKey>> {
        let Some(keys) = &self.keys else {
            return Ok(None);
        };
        Ok(keys.key(address)?.map(|key| key.in_tier(tier as u8)))
    }

    /// Add the sections of the books among `candidates[from..]` that `query` (this tier's)
    /// matches too, for the books to fold under.
    fn bring_sections(
        &mut self,
        searcher: &Searcher,
        stats: &SearchStats,
        query: &dyn Query,
        from: usize,
        tier: Tier,
    ) -> Result<()> {
        let Some(keys) = &self.keys else {
            return Ok(());
        };
        // Only the books of the page: further down, a book and its section are one hit
        // wherever they stand, and a page is all that is shown.
        let ranked = self.candidates.iter().map(|c| c.key.as_ref());
        let to = fold::leading(ranked, self.want).min(self.candidates.len());
        // Each with the segment of its first book, where its section is looked for first.
        let missing = fold::missing_sections(
            self.candidates[from.min(to)..to]
                .iter()
                .filter_map(|c| Some((c.key.as_ref()?, c.address.segment_ord))),
        );
        if missing.is_empty() {
            return Ok(());
        }
        let weight = query.weight(EnableScoring::enabled_from_statistics_provider(
            stats, searcher,
        ))?;
        let mut found = Vec::with_capacity(missing.len());
        for (part, near) in missing {
            if let Some(address) = keys.section(&part, near)? {
                // A section an earlier tier found stays there.
                if !self.candidates.iter().any(|c| c.address == address) {
                    found.push((part, address));
                }
            }
        }
        let addresses: Vec<DocAddress> = found.iter().map(|(_, address)| *address).collect();
        let scores = scores_of(searcher, &*weight, &addresses)?;
        for ((part, address), score) in found.into_iter().zip(scores) {
            if let Some(score) = score {
                self.candidates.push(Candidate {
                    score,
                    address,
                    tier,
                    others: 0,
                    key: Some(FoldKey { part, book: false }),
                });
            }
        }
        Ok(())
    }
}

impl Engine {
    /// Search the last of `tiers`, excluding what the earlier ones matched, and add its
    /// candidates below those already in `ranking`.
    pub(super) fn collect(
        &self,
        searcher: &Searcher,
        stats: &SearchStats,
        tiers: &[(Tier, Box<dyn Query>)],
        options: &SearchOptions,
        matches_all: bool,
        ranking: &mut Ranking,
    ) -> Result<()> {
        let ((tier, query), earlier) = tiers.split_last().expect("at least one tier");
        // A tier is searched only when those before it have few hits, so each of their
        // matches is usually a candidate already: then this tier passes over them by
        // address and is pruned as a query of its own, where excluding them by query would
        // walk every match of it. A search counting years walks every match anyway.
        let by_address = !ranking.group && ranking.years.is_none() && ranking.all_matched;
        let excluded = match by_address {
            true => Vec::new(),
            false => earlier.iter().map(|(_, q)| q.box_clone()).collect(),
        };
        let filtered = self.filtered(query.box_clone(), excluded, options, matches_all);
        let mut passed_over: Vec<DocAddress> = match by_address {
            true => ranking.candidates.iter().map(|c| c.address).collect(),
            false => Vec::new(),
        };
        passed_over.sort_unstable();
        if !ranking.group {
            // Past the page asked for, counting stops at TOTAL_EXACT_UP_TO matches in all.
            let count_limit = (ranking.want + 1).max(TOTAL_EXACT_UP_TO);
            let count_up_to = count_limit.saturating_sub(ranking.total).max(1);
            // Counted as the search goes, when it visits every match anyway.
            let years = (ranking.years).filter(|_| top::visits_every_match(&*filtered));
            let (top, tallied) = top::search(
                searcher,
                stats,
                &**query,
                &*filtered,
                Wanted {
                    k: ranking.missing().max(1),
                    count_up_to,
                    // Books fold under their sections: they do not count toward the page,
                    // so one search fills it however many fold.
                    uncounted: ranking.keys.as_ref().map(|k| k as &dyn Uncounted),
                    excluded: &passed_over,
                },
                years.as_ref(),
            )?;
            let tallied = match (tallied, &ranking.years) {
                // Nothing to count (as in the exact tier of a misspelled word).
                (None, Some(_)) if top.total == 0 => Some(YearTally::default()),
                (tallied, _) => tallied,
            };
            ranking.all_matched &= top.exact && top.total == top.hits.len();
            let start = ranking.candidates.len();
            for (score, address) in top.hits {
                let key = ranking.key(address, *tier)?;
                ranking.candidates.push(Candidate {
                    score,
                    address,
                    tier: *tier,
                    others: 0,
                    key,
                });
            }
            ranking.bring_sections(searcher, stats, &*filtered, start, *tier)?;
            // Past the matches handed back, what folds is not looked at (README).
            let every_match_kept = top.exact && top.counted.len() == top.total;
            if let Some(keys) = ranking.keys.as_ref().filter(|_| every_match_kept) {
                let counted = keys.counted_keys(&top.counted)?;
                (ranking.counted_keys).extend(counted.into_iter().map(|k| k.in_tier(*tier as u8)));
            }
            ranking.total += top.total;
            ranking.total_exact &= top.exact;
            ranking.tallies.push(tallied);
            return Ok(());
        }
        ranking.tallies.push(None);
        let groups = searcher.search_with_statistics_provider(
            &*filtered,
            &GroupByArticle { field: "article" },
            stats,
        )?;
        for group in groups {
            match ranking.articles.get(&group.article) {
                Some(&at) => {
                    if let Some(existing) = ranking.candidates.get_mut(at) {
                        existing.others += group.matches;
                    }
                }
                None => {
                    ranking.total += 1;
                    let at = if ranking.missing() > 0 {
                        ranking.candidates.push(Candidate {
                            score: group.score,
                            address: group.best,
                            tier: *tier,
                            others: group.matches - 1,
                            key: None,
                        });
                        ranking.candidates.len() - 1
                    } else {
                        usize::MAX
                    };
                    ranking.articles.insert(group.article, at);
                }
            }
        }
        Ok(())
    }
}
