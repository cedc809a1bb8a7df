//! `annals bench`: run a set of queries in-process against an opened index, time them,
//! and, given relevance judgments, measure ranking quality.
//!
//! Latency comes from `runs` timed passes after one warm-up pass, each search as
//! `annals search` would run it (same options, snippets included). Quality comes from one
//! further untimed pass grouped per article (the article id is the judged id), at least 100
//! articles deep so that Recall@100 is meaningful.

mod input;
mod latency;
mod metrics;
mod report;

pub use input::{load_qrels, load_queries, BenchQuery};
pub use latency::LatencyStats;
pub use metrics::{evaluate, Qrels, Quality, Run};
pub use report::write_report;

use std::io::Write;
use std::time::Instant;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::search::{Engine, SearchOptions};

/// Depth of the evaluation pass: Recall@100 needs 100 articles.
pub const EVALUATION_DEPTH: usize = 100;

/// How to run a benchmark.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Timed passes over all queries, after one warm-up pass.
    pub runs: usize,
    /// Options of every timed search (limit, kind, years, exact).
    pub search: SearchOptions,
}

/// Latency of one step of searching.
#[derive(Debug, Clone, Serialize)]
pub struct StepLatency {
    /// The whole search.
    pub total: LatencyStats,
    /// Parsing and compiling the query.
    pub parse: LatencyStats,
    /// Matching and ranking.
    pub search: LatencyStats,
    /// Loading the hits and making snippets.
    pub fetch: LatencyStats,
}

/// A query that could not be run (a syntax error in the query file).
#[derive(Debug, Clone, Serialize)]
pub struct FailedQuery {
    pub id: String,
    pub error: String,
}

/// Everything `annals bench` measured.
#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub queries: usize,
    pub runs: usize,
    pub limit: usize,
    /// Searchable documents (sections and reading entries) in the index.
    pub documents: u64,
    pub latency_ms: StepLatency,
    /// Searches per second on one thread, over the timed passes.
    pub queries_per_second: f64,
    /// Present when judgments were given.
    pub quality: Option<Quality>,
    pub failed: Vec<FailedQuery>,
}

/// Run `queries` against `engine`. Returns the report, and the evaluation run (grouped per
/// article) when `evaluate_run` is set.
pub fn run(
    engine: &Engine,
    queries: &[BenchQuery],
    qrels: Option<&Qrels>,
    options: &BenchOptions,
    evaluate_run: bool,
) -> Result<(BenchReport, Option<Run>)> {
    if options.runs == 0 {
        return Err(Error::option("--runs", "must be at least 1"));
    }
    options.search.validate()?;
    let not_given = match qrels {
        Some(qrels) => judged_not_given(queries, qrels)?,
        None => 0,
    };
    let mut failed = Vec::new();
    let mut runnable = Vec::with_capacity(queries.len());
    for query in queries {
        match engine.search(&query.text, &options.search) {
            Ok(_) => runnable.push(query),
            Err(e @ (Error::Query { .. } | Error::InvalidOption { .. })) => {
                failed.push(FailedQuery {
                    id: query.id.clone(),
                    error: e.to_string(),
                });
            }
            Err(e) => return Err(e),
        }
    }

    let mut total = Vec::new();
    let mut parse = Vec::new();
    let mut search = Vec::new();
    let mut fetch = Vec::new();
    let started = Instant::now();
    for _ in 0..options.runs {
        for query in &runnable {
            let t = Instant::now();
            let results = engine.search(&query.text, &options.search)?;
            total.push(t.elapsed().as_secs_f64() * 1000.0);
            parse.push(results.timings.parse_ms);
            search.push(results.timings.search_ms);
            fetch.push(results.timings.fetch_ms);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let searches = total.len();

    let evaluation = if qrels.is_some() || evaluate_run {
        let grouped = SearchOptions {
            limit: options.search.limit.max(EVALUATION_DEPTH),
            offset: 0,
            group: true,
            ..options.search.clone()
        };
        let mut run = Run::new();
        for query in &runnable {
            let results = engine.search(&query.text, &grouped)?;
            run.insert(
                query.id.clone(),
                results
                    .hits
                    .into_iter()
                    .map(|hit| (hit.article, hit.score))
                    .collect(),
            );
        }
        Some(run)
    } else {
        None
    };

    let report = BenchReport {
        queries: queries.len(),
        runs: options.runs,
        limit: options.search.limit,
        documents: engine.documents()?,
        latency_ms: StepLatency {
            total: LatencyStats::of(&total),
            parse: LatencyStats::of(&parse),
            search: LatencyStats::of(&search),
            fetch: LatencyStats::of(&fetch),
        },
        queries_per_second: if elapsed > 0.0 {
            searches as f64 / elapsed
        } else {
            0.0
        },
        quality: qrels.zip(evaluation.as_ref()).map(|(q, run)| Quality {
            queries_not_given: not_given,
            ..evaluate(run, q)
        }),
        failed,
    };
    Ok((report, evaluation))
}

/// How many of the judged queries (those with a relevant document) are not among
/// `queries`; none of them being there is an error, as the files cannot belong together.
fn judged_not_given(queries: &[BenchQuery], qrels: &Qrels) -> Result<usize> {
    let given: std::collections::HashSet<&str> = queries.iter().map(|q| q.id.as_str()).collect();
    let mut judged: Vec<&str> = qrels
        .iter()
        .filter(|(_, docs)| docs.values().any(|&rel| rel > 0))
        .map(|(id, _)| id.as_str())
        .collect();
    let missing = judged.iter().filter(|id| !given.contains(*id)).count();
    if missing > 0 && missing == judged.len() {
        judged.sort_unstable_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
        let some = |ids: &mut dyn Iterator<Item = &str>| {
            ids.take(3)
                .map(|id| format!("{id:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(Error::option(
            "--qrels",
            format!(
                "none of its {} judged queries is among the queries: it judges ids such as {}, \
                 the queries have {}",
                judged.len(),
                some(&mut judged.iter().copied()),
                some(&mut queries.iter().map(|q| q.id.as_str())),
            ),
        ));
    }
    Ok(missing)
}

/// Write `run` in TREC format (`qid Q0 docid rank score annals`), queries in file order.
///
/// trec_eval orders a query's documents by score, not by the rank column, and a hit of a
/// later tier (near-misspelled or partial) may score above one of an earlier tier that
/// ranks before it. So the score written is the hit's own, lowered where needed to stay
/// below the one before it (by a millionth, the precision written): the file ranks as the
/// search did.
pub fn write_run_file(
    out: &mut impl Write,
    queries: &[BenchQuery],
    run: &Run,
) -> std::io::Result<()> {
    for query in queries {
        let Some(hits) = run.get(&query.id) else {
            continue;
        };
        let mut above = i64::MAX;
        for (rank, (doc, score)) in hits.iter().enumerate() {
            let millionths = ((f64::from(*score) * 1e6).round() as i64).min(above - 1);
            above = millionths;
            let written = millionths as f64 / 1e6;
            writeln!(
                out,
                "{} Q0 {} {} {written:.6} annals",
                query.id,
                doc,
                rank + 1
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn judgments_of_queries_not_given_are_counted_and_none_given_is_an_error() {
        let queries: Vec<BenchQuery> = ["q1", "q2"]
            .iter()
            .map(|id| BenchQuery {
                id: id.to_string(),
                text: "x".into(),
            })
            .collect();
        let qrels = |ids: &[(&str, i64)]| -> Qrels {
            ids.iter()
                .map(|(id, rel)| (id.to_string(), [("d".to_string(), *rel)].into()))
                .collect()
        };
        assert_eq!(
            judged_not_given(&queries, &qrels(&[("q1", 1), ("q9", 1)])).unwrap(),
            1
        );
        // A query judged with no relevant document is left out, as the metrics leave it.
        assert_eq!(
            judged_not_given(&queries, &qrels(&[("q2", 1), ("q9", 0)])).unwrap(),
            0
        );
        let err = judged_not_given(&queries, &qrels(&[("10", 1), ("9", 2)])).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        let message = err.to_string();
        assert!(message.contains("--qrels"), "{message}");
        assert!(
            message.contains(r#""9", "10""#) && message.contains(r#""q1", "q2""#),
            "{message}"
        );
    }

    #[test]
    fn run_file_scores_fall_with_rank() {
        let queries = vec![BenchQuery {
            id: "q1".into(),
            text: "rapallo treaty".into(),
        }];
        // Ranked by tier: the partial hit `c` scores above the complete hits before it.
        let hits = [
            ("a", 4.25),
            ("b", 4.25),
            ("c", 9.5),
            ("d", 0.0000004),
            ("e", -1.0),
        ];
        let run: Run = [(
            "q1".to_string(),
            hits.iter().map(|(d, s)| (d.to_string(), *s)).collect(),
        )]
        .into();
        let mut out = Vec::new();
        write_run_file(&mut out, &queries, &run).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "q1 Q0 a 1 4.250000 annals\n\
             q1 Q0 b 2 4.249999 annals\n\
             q1 Q0 c 3 4.249998 annals\n\
             q1 Q0 d 4 0.000000 annals\n\
             q1 Q0 e 5 -1.000000 annals\n"
        );
    }
}
