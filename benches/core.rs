//! Parsing, indexing and searching: `cargo bench --bench core`.
//!
//! Query classes run on the shipped corpus and on a generated 100,000-article index, built
//! once into `target/bench-100k/` (about a minute; set `ANNALS_BENCH_100K=0` to skip it).
//! Compare figures side by side within one run; the machines are noisy.

use std::hint::black_box;
use std::path::Path;

use annals::corpus::{parse_bytes, Format};
use annals::index::{update, UpdateOptions};
use annals::search::{Engine, KindFilter, SearchOptions};
use criterion::{criterion_group, criterion_main, Criterion};

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod gen_corpus;

const SAMPLE: &[u8] = include_bytes!("../corpus/000_d5788bac9f20a018.txt");

/// A folder in RAM when the machine has one, so that indexing is not timed against a disk.
fn scratch() -> tempfile::TempDir {
    match Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm").unwrap(),
        false => tempfile::tempdir().unwrap(),
    }
}

fn index(c: &mut Criterion) {
    let corpus = scratch();
    gen_corpus::generate(corpus.path(), 1000, 1).unwrap();
    let mut group = c.benchmark_group("index");
    group.sample_size(10);
    group.bench_function("1000 generated articles, full build in RAM", |b| {
        b.iter_with_large_drop(|| {
            let index = scratch();
            update(
                index.path(),
                &UpdateOptions::new(corpus.path()),
                &mut |_| {},
            )
            .unwrap();
            index
        })
    });
    group.finish();
}

/// Query classes on a generated 100,000-article index, built on first use.
fn search_100k(c: &mut Criterion) {
    if std::env::var("ANNALS_BENCH_100K").is_ok_and(|v| v == "0") {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-100k");
    let (corpus, index) = (root.join("corpus"), root.join("index"));
    if !corpus.join("099").is_dir() {
        gen_corpus::generate(&corpus, 100_000, 1).unwrap();
    }
    update(&index, &UpdateOptions::new(&corpus), &mut |_| {}).unwrap();
    let engine = Engine::open(&index).unwrap();
    let default = SearchOptions::default();
    let reading = SearchOptions {
        kind: KindFilter::Reading,
        ..SearchOptions::default()
    };
    let mut group = c.benchmark_group("search 100k");
    for (name, query, options) in [
        ("single common word", "city", &default),
        ("rare word", "gallipoli", &default),
        ("two words", "railway station", &default),
        ("phrase", "\"the city\"", &default),
        ("typo", "goverment", &default),
        ("year filter", "church year:[1800 TO 1900]", &default),
        ("kind reading", "church", &reading),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| engine.search(black_box(query), options).unwrap())
        });
    }
    group.finish();
}

fn parse(c: &mut Criterion) {
    let md = std::fs::read("corpus/essays/revolutions_of_1848.md").unwrap();
    let html = std::fs::read("corpus/web/russo_japanese_war.html").unwrap();
    let jsonl = std::fs::read("corpus/collections/asia.jsonl").unwrap();
    let mut group = c.benchmark_group("parse");
    group.bench_function("txt", |b| {
        b.iter(|| parse_bytes("a.txt", Format::Text, black_box(SAMPLE)))
    });
    group.bench_function("md", |b| {
        b.iter(|| parse_bytes("a.md", Format::Markdown, black_box(&md)))
    });
    group.bench_function("html", |b| {
        b.iter(|| parse_bytes("a.html", Format::Html, black_box(&html)))
    });
    group.bench_function("jsonl", |b| {
        b.iter(|| parse_bytes("a.jsonl", Format::JsonLines, black_box(&jsonl)))
    });
    group.finish();
}

fn search(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    update(
        dir.path(),
        &UpdateOptions::new(Path::new("corpus")),
        &mut |_| {},
    )
    .unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    let default = SearchOptions::default();
    let reading = SearchOptions {
        kind: KindFilter::Reading,
        ..SearchOptions::default()
    };
    let mut group = c.benchmark_group("search");
    for (name, query, options) in [
        ("single word", "treaty", &default),
        ("two words", "diplomatic relations", &default),
        ("phrase", "\"treaty of rapallo\"", &default),
        ("prefix", "diplom*", &default),
        ("relaxed", "sevastopol rapallo", &default),
        ("year range", "war year:[1850 TO 1910]", &default),
        ("kind reading", "war", &reading),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| engine.search(black_box(query), options).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, parse, index, search, search_100k);
criterion_main!(benches);
