//! Start-up costs of the `annals` binary on Linux with glibc.
//!
//! `annals search` is one short process per query, so what a process pays before `main`
//! counts:
//!
//! - The binary is linked as a position-dependent executable: a position-independent one
//!   spends a good part of its start-up applying relocations to its own vtables and
//!   tables (a few hundred page faults for this binary). The library and tests are
//!   unaffected.
//! - The unwinder comes from GCC's static `libgcc_eh` rather than the shared `libgcc_s`,
//!   as with `+crt-static`: loading `libgcc_s` means one more library to map and relocate,
//!   and its constructor probes the CPU with `cpuid`, which traps to the hypervisor on a
//!   virtual machine. Listed before the standard library's `-lgcc_s`, it provides the
//!   unwinding symbols, and `--as-needed` then leaves `libgcc_s` out.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=annals=-no-pie");
        println!("cargo:rustc-link-lib=static:-bundle=gcc_eh");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
