//! Ranking quality on a standard test collection: SciFact (BEIR), read from
//! `../shared/eval/scifact`. The threshold sits below the measured figure (0.691, see the
//! README) so that only a real regression fails.

use std::path::{Path, PathBuf};

use annals::bench::{self, BenchOptions};
use annals::index::{update, UpdateOptions};
use annals::search::{plain_words, Engine, SearchOptions};

const MIN_SCIFACT_NDCG_AT_10: f64 = 0.67;

/// `../shared/eval/NAME` beside the checkout, or under `ANNALS_EVAL_DIR` when set.
fn eval_dir(name: &str) -> PathBuf {
    match std::env::var_os("ANNALS_EVAL_DIR") {
        Some(dir) => PathBuf::from(dir).join(name),
        None => Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/eval")
            .join(name),
    }
}

#[test]
fn scifact_ndcg_at_10_stays_above_the_published_bm25_baseline() {
    let data = eval_dir("scifact");
    assert!(
        data.join("corpus.jsonl").is_file(),
        "the SciFact collection is expected at {} (set ANNALS_EVAL_DIR to its parent folder)",
        data.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(data.join("corpus.jsonl"), corpus.join("scifact.jsonl")).unwrap();
    let index = dir.path().join("index");
    update(&index, &UpdateOptions::new(&corpus), &mut |_| {}).unwrap();

    let mut queries = bench::load_queries(&data.join("queries.jsonl")).unwrap();
    for q in &mut queries {
        q.text = plain_words(&q.text);
    }
    let qrels = bench::load_qrels(&data.join("qrels.tsv")).unwrap();
    let engine = Engine::open(&index).unwrap();
    let options = BenchOptions {
        runs: 1,
        search: SearchOptions::default(),
    };
    let (report, run) = bench::run(&engine, &queries, Some(&qrels), &options, false).unwrap();
    let quality = report.quality.expect("judgments give a quality report");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(quality.judged_queries, 300);
    assert_eq!(run.map(|r| r.len()), Some(300));
    assert!(
        quality.ndcg_at_10 >= MIN_SCIFACT_NDCG_AT_10,
        "SciFact nDCG@10 fell to {:.4} (minimum {MIN_SCIFACT_NDCG_AT_10})",
        quality.ndcg_at_10
    );
}
