#!/usr/bin/env bash
# Load test of `annals serve` with wrk: single-word, then two-word queries, rotating
# through a list, 64 connections for 30 s each; prints requests/s, latency percentiles and
# the server's memory before and after.
#
#   [ANNALS_BIN=BINARY] benches/load.sh INDEX_DIR [SECONDS]
#
# Needs a release build (`cargo build --release`), and wrk (Debian package `wrk`) or,
# where wrk is not installed, the example load generator
# (`cargo build --release --example load`), which keeps the same 64 connections open.
set -euo pipefail
index=${1:?usage: benches/load.sh INDEX_DIR [SECONDS]}
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/release.sh"
bin=${ANNALS_BIN:-"$release/annals"}
addr=127.0.0.1:7790

"$bin" --index "$index" serve --addr "$addr" --quiet 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://$addr/health" >/dev/null && break; sleep 0.1; done

memory() { grep -E 'VmHWM|RssAnon|RssFile' "/proc/$server/status" | tr -s ' \t\n' ' '; echo; }
echo "memory at start: $(memory)"
run() {
    echo "== $1"
    shift
    if command -v wrk >/dev/null; then
        wrk -t2 -c64 -d"${seconds}s" --latency -s "$here/wrk-queries.lua" "http://$addr" -- "$@"
    else
        "$release/examples/load" "$addr" "$seconds" 64 "$@"
    fi | grep -E 'requests in|Requests/sec|50%|99%|Non-2xx|Socket errors'
    echo "memory after: $(memory)"
}
run "single word" war treaty empire army revolution king battle church emperor parliament
run "two words" civil+war peace+treaty roman+empire red+army french+revolution holy+king \
    naval+battle catholic+church emperor+napoleon british+parliament
