#!/bin/sh
# Sample a full build's memory every 50 ms: wall time, peak RSS, peak anonymous memory, and
# the anonymous memory while the last tenth of the build runs (the final merge).
#
# usage: benches/peak_rss.sh BIN CORPUS INDEX [LOG]
# LOG (default peak_rss.log) gets one line per sample: seconds, RssAnon MB, RssFile MB, VmHWM MB.
set -eu
bin=$1 corpus=$2 index=$3 log=${4:-peak_rss.log}
rm -rf "$index"
start=$(date +%s.%N)
"$bin" --corpus "$corpus" --index "$index" index -q --full &
pid=$!
: >"$log"
while kill -0 $pid 2>/dev/null; do
    status=$(cat /proc/$pid/status 2>/dev/null) || break
    echo "$status" | awk -v t="$(echo "$(date +%s.%N) - $start" | bc)" '
        /RssAnon/ {a = $2} /RssFile/ {f = $2} /VmHWM/ {h = $2}
        END {if (a != "") printf "%s %d %d %d\n", t, a / 1024, f / 1024, h / 1024}' >>"$log"
    sleep 0.05
done
wait $pid
awk '{t[NR] = $1; a[NR] = $2; h = $4; if ($2 > ma) ma = $2}
    END {
        for (i = int(NR * 0.9); i <= NR; i++) if (a[i] < low || !low) low = a[i]
        printf "wall %.1f s, peak RSS %d MB, peak RssAnon %d MB, lowest RssAnon in the last tenth %d MB\n",
            t[NR], h, ma, low
    }' "$log"
