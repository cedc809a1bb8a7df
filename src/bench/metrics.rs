//! Ranking-quality metrics computed the way trec_eval computes them: gains are the judged
//! relevance values, queries without a relevant document are left out, and a judged query
//! missing from the run scores 0. A run is ranked in the order the search put its hits,
//! which is what a user sees: a later tier's hit may score above an earlier one's, so the
//! order is not the scores' (the run file's scores are made to fall with rank, so that
//! trec_eval, which orders by score, reads the same ranking).

use std::collections::HashMap;

use serde::Serialize;

/// Relevance judgments: query id → document id → relevance (0 or less: not relevant).
pub type Qrels = HashMap<String, HashMap<String, i64>>;

/// A ranked list per query, best first: query id → (document id, score).
pub type Run = HashMap<String, Vec<(String, f32)>>;

/// Averages over the judged queries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quality {
    /// Queries with at least one relevant document: those averaged over.
    pub judged_queries: usize,
    /// Judged queries the run has no results for (they score 0), those of
    /// `queries_not_given` among them.
    pub queries_without_results: usize,
    /// Judged queries that were not among the queries run at all (they score 0).
    pub queries_not_given: usize,
    pub ndcg_at_10: f64,
    pub recall_at_100: f64,
    pub mrr_at_10: f64,
}

/// Evaluate `run` against `qrels`.
pub fn evaluate(run: &Run, qrels: &Qrels) -> Quality {
    let mut quality = Quality {
        judged_queries: 0,
        queries_without_results: 0,
        queries_not_given: 0,
        ndcg_at_10: 0.0,
        recall_at_100: 0.0,
        mrr_at_10: 0.0,
    };
    for (qid, judged) in qrels {
        if !judged.values().any(|&rel| rel > 0) {
            continue;
        }
        quality.judged_queries += 1;
        let ranked = match run.get(qid) {
            Some(hits) if !hits.is_empty() => {
                hits.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>()
            }
            _ => {
                quality.queries_without_results += 1;
                continue;
            }
        };
        quality.ndcg_at_10 += ndcg(&ranked, judged, 10);
        quality.recall_at_100 += recall(&ranked, judged, 100);
        quality.mrr_at_10 += reciprocal_rank(&ranked, judged, 10);
    }
    if quality.judged_queries > 0 {
        let n = quality.judged_queries as f64;
        quality.ndcg_at_10 /= n;
        quality.recall_at_100 /= n;
        quality.mrr_at_10 /= n;
    }
    quality
}

fn gain(judged: &HashMap<String, i64>, doc: &str) -> f64 {
    judged.get(doc).copied().unwrap_or(0).max(0) as f64
}

/// nDCG at `k` with linear gains and a 1/log2(rank + 1) discount; the ideal ranking is
/// built from every judged document.
fn ndcg(ranked: &[&str], judged: &HashMap<String, i64>, k: usize) -> f64 {
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, doc)| gain(judged, doc) * discount(i))
        .sum();
    let mut ideal: Vec<f64> = judged.values().map(|&r| r.max(0) as f64).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, g)| g * discount(i))
        .sum();
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

/// Share of the relevant documents found in the first `k`.
fn recall(ranked: &[&str], judged: &HashMap<String, i64>, k: usize) -> f64 {
    let relevant = judged.values().filter(|&&r| r > 0).count();
    let found = ranked
        .iter()
        .take(k)
        .filter(|doc| gain(judged, doc) > 0.0)
        .count();
    found as f64 / relevant as f64
}

/// 1 / rank of the first relevant document within the first `k`, else 0.
fn reciprocal_rank(ranked: &[&str], judged: &HashMap<String, i64>, k: usize) -> f64 {
    ranked
        .iter()
        .take(k)
        .position(|doc| gain(judged, doc) > 0.0)
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qrels(entries: &[(&str, &str, i64)]) -> Qrels {
        let mut q = Qrels::new();
        for (qid, doc, rel) in entries {
            q.entry(qid.to_string())
                .or_default()
                .insert(doc.to_string(), *rel);
        }
        q
    }

    fn run(entries: &[(&str, &[(&str, f32)])]) -> Run {
        entries
            .iter()
            .map(|(qid, hits)| {
                (
                    qid.to_string(),
                    hits.iter().map(|(d, s)| (d.to_string(), *s)).collect(),
                )
            })
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_ranking_scores_one() {
        let q = qrels(&[("1", "a", 1), ("1", "b", 1)]);
        let r = run(&[("1", &[("a", 2.0), ("b", 1.0), ("c", 0.5)])]);
        let m = evaluate(&r, &q);
        assert!(close(m.ndcg_at_10, 1.0));
        assert!(close(m.recall_at_100, 1.0));
        assert!(close(m.mrr_at_10, 1.0));
    }

    #[test]
    fn graded_gains_are_linear_with_log_discount() {
        // Judged: a=3, b=1. Ranked: b, x, a.
        // DCG = 1/log2(2) + 0 + 3/log2(4) = 1 + 1.5 = 2.5
        // IDCG = 3/log2(2) + 1/log2(3) = 3 + 0.6309297535714575
        let q = qrels(&[("1", "a", 3), ("1", "b", 1), ("1", "z", 0)]);
        let r = run(&[("1", &[("b", 3.0), ("x", 2.0), ("a", 1.0)])]);
        let m = evaluate(&r, &q);
        assert!(close(m.ndcg_at_10, 2.5 / (3.0 + 1.0 / 3f64.log2())));
        assert!(close(m.mrr_at_10, 1.0));
        assert!(close(m.recall_at_100, 1.0));
    }

    #[test]
    fn missing_and_unjudgeable_queries() {
        // Query 2 is judged but absent from the run: it counts as 0. Query 3 has no relevant
        // document: it is left out of the averages.
        let q = qrels(&[("1", "a", 1), ("2", "b", 1), ("3", "c", 0)]);
        let r = run(&[("1", &[("x", 2.0), ("a", 1.0)]), ("3", &[("c", 1.0)])]);
        let m = evaluate(&r, &q);
        assert_eq!(m.judged_queries, 2);
        assert_eq!(m.queries_without_results, 1);
        assert!(close(m.mrr_at_10, 0.5 / 2.0));
        assert!(close(m.recall_at_100, 1.0 / 2.0));
        assert!(close(m.ndcg_at_10, (1.0 / 3f64.log2()) / 2.0));
    }

    #[test]
    fn hits_rank_in_the_order_listed_not_by_score() {
        // "b" is a later tier's hit scoring above "a": the user sees "a" first.
        let q = qrels(&[("1", "a", 1)]);
        let r = run(&[("1", &[("a", 1.0), ("b", 7.0)])]);
        assert!(close(evaluate(&r, &q).mrr_at_10, 1.0));
    }

    #[test]
    fn cutoffs_apply() {
        let q = qrels(&[("1", "rel", 1)]);
        let mut hits: Vec<(String, f32)> = (0..10)
            .map(|i| (format!("n{i}"), 100.0 - i as f32))
            .collect();
        hits.push(("rel".into(), 1.0));
        let r: Run = [("1".to_string(), hits)].into_iter().collect();
        let m = evaluate(&r, &q);
        assert!(close(m.mrr_at_10, 0.0));
        assert!(close(m.ndcg_at_10, 0.0));
        assert!(close(m.recall_at_100, 1.0));
    }
}
