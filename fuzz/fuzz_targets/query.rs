#![no_main]
//! Any query text with any options gives hits or an error, never a panic or a hang. The
//! index is the shipped corpus, built once.

use std::sync::OnceLock;

use annals::index::{update, UpdateOptions};
use annals::search::{Engine, KindFilter, SearchOptions, YearRange};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("annals-fuzz-{}", std::process::id()));
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
        update(&dir, &UpdateOptions::new(corpus), &mut |_| {}).expect("index the corpus");
        Engine::open(&dir).expect("open the index")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let options = SearchOptions {
        limit: 1 + usize::from(flags & 0x0f),
        offset: usize::from(flags >> 6),
        kind: match flags & 0x30 {
            0x10 => KindFilter::Section,
            0x20 => KindFilter::Reading,
            _ => KindFilter::All,
        },
        years: YearRange {
            from: (flags & 1 == 1).then_some(1900),
            to: None,
        },
        group: flags & 2 == 2,
        exact: flags & 4 == 4,
    };
    let _ = engine().search(text, &options);
});
