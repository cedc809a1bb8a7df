#!/usr/bin/env bash
# In-process latency of each query class (benches/queries/*.txt, 50 queries each) with
# `annals bench`, plus single common words restricted to reading entries (--kind reading).
#
#   benches/classes.sh INDEX_DIR [RUNS]
set -euo pipefail
index=${1:?usage: benches/classes.sh INDEX_DIR [RUNS]}
runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/release.sh"
bin="${ANNALS_BIN:-$release/annals}"
printf '| class | p50 | p95 | p99 | max | queries/s |\n| --- | --- | --- | --- | --- | --- |\n'
row() {
    local name=$1
    shift
    "$bin" --index "$index" bench --runs "$runs" --json "$@" | python3 -c "
import json, sys
r = json.load(sys.stdin); t = r['latency_ms']['total']
print(f\"| $name | {t['p50']:.3f} ms | {t['p95']:.3f} ms | {t['p99']:.3f} ms | {t['max']:.3f} ms | {r['queries_per_second']:.0f} |\")"
}
for class in single-common single-rare two-words phrase typo year-filter; do
    row "$class" --queries "$here/queries/$class.txt"
done
row "single-common --kind reading" --queries "$here/queries/single-common.txt" --kind reading
