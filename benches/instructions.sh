#!/usr/bin/env bash
# Instructions per query of one query class, without and with `--timeline`, counted by
# callgrind (which, unlike wall time on a shared VM, does not move between runs): `annals
# bench --runs 3` minus `--runs 1`, over two runs and the class's queries.
#
#   benches/instructions.sh INDEX_DIR CLASS [BINARY...]
set -euo pipefail
index=${1:?usage: benches/instructions.sh INDEX_DIR CLASS [BINARY...]}
class=${2:?usage: benches/instructions.sh INDEX_DIR CLASS [BINARY...]}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
queries="$here/queries/$class.txt"
n=$(grep -c . "$queries")
. "$here/release.sh"
[ $# -gt 0 ] || set -- "$release/annals"
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
        awk '/Collected/ {print $4}'
}
for bin in "$@"; do
    plain1=$(count "$bin" --index "$index" bench --runs 1 --queries "$queries")
    plain3=$(count "$bin" --index "$index" bench --runs 3 --queries "$queries")
    with1=$(count "$bin" --index "$index" bench --runs 1 --queries "$queries" --timeline)
    with3=$(count "$bin" --index "$index" bench --runs 3 --queries "$queries" --timeline)
    python3 -c "
plain = ($plain3 - $plain1) / 2 / $n
with_timeline = ($with3 - $with1) / 2 / $n
print(f'| $class | {plain / 1e6:.2f}M | {with_timeline / 1e6:.2f}M | {with_timeline / plain:.2f}× |')"
done
