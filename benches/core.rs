//! Parsing and searching on the shipped corpus: `cargo bench --bench core`.
//!
//! Compare figures side by side within one run; the machines are noisy.

use std::hint::black_box;
use std::path::Path;

use annals::corpus::{parse_bytes, Format};
use annals::index::{update, UpdateOptions};
use annals::search::{Engine, KindFilter, SearchOptions};
use criterion::{criterion_group, criterion_main, Criterion};

const SAMPLE: &[u8] = include_bytes!("../corpus/000_d5788bac9f20a018.txt");

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

criterion_group!(benches, parse, search);
criterion_main!(benches);
