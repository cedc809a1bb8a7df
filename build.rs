//! Link the `annals` binary as a position-dependent executable on Linux.
//!
//! `annals search` is one short process per query, and a position-independent executable
//! spends a good part of its start-up applying relocations to its own vtables and tables
//! (a few hundred page faults for this binary). Linked without PIE, those are resolved at
//! link time. The library and tests are unaffected.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=annals=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
