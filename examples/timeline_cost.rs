//! What `--timeline` adds to a search's in-process time, measured so that a shared
//! machine's drifts cancel: each query is searched without and with the timeline back to
//! back (which first alternating), ROUNDS times, after one warm-up pass. Prints the time
//! with the timeline over the time without, for the sums over all queries and rounds and
//! as the median of the per-query ratios.
//!
//!   cargo run --release --example timeline_cost -- INDEX QUERIES_FILE [ROUNDS]
//!
//! QUERIES_FILE holds a query per line, as `benches/queries/*.txt` do.
use std::path::Path;
use std::time::Instant;

use annals::search::{Bucket, Engine, SearchOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: timeline_cost INDEX QUERIES_FILE [ROUNDS]");
        std::process::exit(2);
    }
    let rounds: usize = match args.get(2) {
        Some(n) => n.parse().expect("ROUNDS is a number"),
        None => 20,
    };
    let queries: Vec<String> = std::fs::read_to_string(&args[1])
        .expect("the queries file is readable")
        .lines()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(String::from)
        .collect();
    let engine = Engine::open(Path::new(&args[0])).expect("the index opens");
    let plain = SearchOptions::default();
    let with = SearchOptions {
        timeline: Some(Bucket::Auto),
        ..SearchOptions::default()
    };
    let time = |query: &str, options: &SearchOptions| {
        let started = Instant::now();
        engine.search(query, options).expect("the query runs");
        started.elapsed().as_secs_f64()
    };
    for query in &queries {
        time(query, &plain);
        time(query, &with);
    }
    // Per query: seconds without and with the timeline, over all rounds.
    let mut sums = vec![(0.0, 0.0); queries.len()];
    for round in 0..rounds {
        for (query, sum) in queries.iter().zip(&mut sums) {
            if round % 2 == 0 {
                sum.0 += time(query, &plain);
                sum.1 += time(query, &with);
            } else {
                sum.1 += time(query, &with);
                sum.0 += time(query, &plain);
            }
        }
    }
    let (without, with): (f64, f64) = sums.iter().fold((0.0, 0.0), |(a, b), s| (a + s.0, b + s.1));
    let mut ratios: Vec<f64> = sums.iter().map(|s| s.1 / s.0).collect();
    ratios.sort_by(f64::total_cmp);
    let searches = (queries.len() * rounds) as f64;
    println!(
        "{} queries x {rounds} rounds: mean {:.3} ms without, {:.3} ms with; \
         ratio of sums {:.3}, median per-query ratio {:.3}",
        queries.len(),
        without / searches * 1e3,
        with / searches * 1e3,
        with / without,
        ratios[ratios.len() / 2],
    );
}
