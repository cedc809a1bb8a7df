# Sourced by the benchmark scripts: sets `release` to the folder where `cargo build
# --release` puts the binaries. .cargo/config.toml names the host's target tuple, so that
# is target/<tuple>/release, not target/release.
release="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/$(rustc -vV | sed -n 's/^host: //p')/release"
