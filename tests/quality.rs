//! Ranking quality on the five shared test collections, read from `../shared/eval`: the
//! default mode (queries as typed, no flags) must rank at least as well as Lucene's BM25
//! (k1 1.2, b 0.75, the figures `../shared/eval/lucene.sh` prints) on each, with no query
//! failing. The test is skipped when the collections are absent, unless
//! `ANNALS_REQUIRE_EVAL` is set (as `.ci/run` does), which makes the skip a failure.

use std::path::{Path, PathBuf};

use annals::bench::{self, BenchOptions};
use annals::index::{update, UpdateOptions};
use annals::search::{Engine, SearchOptions};

/// `../shared/eval` beside the checkout, or `ANNALS_EVAL_DIR` when set; `None` (after a
/// note) when it is absent and not required.
fn eval_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("ANNALS_EVAL_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval"),
    };
    if dir.is_dir() {
        return Some(dir);
    }
    assert!(
        std::env::var_os("ANNALS_REQUIRE_EVAL").is_none(),
        "ANNALS_REQUIRE_EVAL is set but the test collections are not at {}",
        dir.display()
    );
    eprintln!(
        "skipping the ranking-quality test: no test collections at {}",
        dir.display()
    );
    None
}

/// nDCG@10 of annals' default mode on the collection `name`, every query having run.
fn default_ndcg(name: &str) -> Option<f64> {
    let data = eval_dir()?.join(name);
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(data.join("corpus.jsonl"), corpus.join("corpus.jsonl")).unwrap();
    let index = dir.path().join("index");
    update(&index, &UpdateOptions::new(&corpus), &mut |_| {}).unwrap();

    let queries = bench::load_queries(&data.join("queries.jsonl")).unwrap();
    let qrels = bench::load_qrels(&data.join("qrels.tsv")).unwrap();
    let engine = Engine::open(&index).unwrap();
    let options = BenchOptions {
        runs: 1,
        search: SearchOptions {
            limit: 100,
            ..SearchOptions::default()
        },
    };
    let (report, _) = bench::run(&engine, &queries, Some(&qrels), &options, false).unwrap();
    assert!(report.failed.is_empty(), "{name}: {:?}", report.failed);
    Some(
        report
            .quality
            .expect("judgments give a quality report")
            .ndcg_at_10,
    )
}

fn at_least_lucene(name: &str, lucene: f64) {
    let Some(ndcg) = default_ndcg(name) else {
        return;
    };
    eprintln!("{name}: nDCG@10 {ndcg:.4} (Lucene BM25 {lucene:.4})");
    assert!(
        ndcg >= lucene,
        "{name}: nDCG@10 {ndcg:.4} is below Lucene BM25's {lucene:.4}"
    );
}

#[test]
fn scifact_ranks_at_least_as_well_as_lucene() {
    at_least_lucene("scifact", 0.6826);
}

#[test]
fn cranfield_ranks_at_least_as_well_as_lucene() {
    at_least_lucene("cranfield", 0.3675);
}

#[test]
fn med_ranks_at_least_as_well_as_lucene() {
    at_least_lucene("med", 0.6895);
}

#[test]
fn cacm_ranks_at_least_as_well_as_lucene() {
    at_least_lucene("cacm", 0.4942);
}

#[test]
fn npl_ranks_at_least_as_well_as_lucene() {
    at_least_lucene("npl", 0.4326);
}
