#![no_main]
//! Any bytes given to the .html parser give a result, never a panic or a hang.

use annals::corpus::{parse_bytes, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = parse_bytes("fuzz.html", Format::Html, bytes);
});
