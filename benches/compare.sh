#!/usr/bin/env bash
# annals side by side with the tools a shell user would pick instead, on one corpus folder,
# in one run: full build (annals vs SQLite FTS5 with the porter tokenizer, built from the
# same files with fsdir()/readfile()), 200 mixed queries each as its own process (annals vs
# sqlite3 vs rg -i -l), peak memory and index size. Prints the figures and the ratios.
#
#   [BUILDS=3] benches/compare.sh CORPUS_DIR [WORK_DIR]
#
# Builds alternate between annals and FTS5, BUILDS times each; the build ratio is the median
# of the ratios of each pair.
#
# Needs a release build (cargo build --release), sqlite3, python3 and GNU time; rg (ripgrep)
# where installed (its column reads "–" otherwise).
set -euo pipefail
corpus=$(cd "${1:?usage: benches/compare.sh CORPUS_DIR [WORK_DIR]}" && pwd)
work=${2:-$(mktemp -d)}
mkdir -p "$work"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/release.sh"
built="$release/annals"
[ -x "$built" ] || { echo "build first: cargo build --release" >&2; exit 2; }
# Run a copy, as `cargo install` would install it (sqlite3 and rg are installed files too):
# on the benchmark machine the file the linker has just written started 0.24 ms slower
# per process than the same bytes copied into the same folder (1.98 vs 1.74 ms, hyperfine),
# presumably because of how the linker's writes left its pages in the page cache.
export ANNALS_BIN="$work/annals"
cp "$built" "$ANNALS_BIN"
export VOCABULARY="$here/../examples/data/vocabulary.txt"
export CORPUS="$corpus" WORK="$work"
for tool in sqlite3 python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done

python3 - <<'PY'
import os, random, shutil, statistics, subprocess, time

corpus, work, annals = os.environ["CORPUS"], os.environ["WORK"], os.environ["ANNALS_BIN"]
index, db = os.path.join(work, "annals-index"), os.path.join(work, "fts5.db")

def timed(cmd, **kw):
    """Wall time and peak RSS (KB) of one command, via GNU time."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True, **kw)
    took = time.perf_counter() - start
    if p.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{p.stderr}")
    return took, int(p.stderr.strip().splitlines()[-1])

def size(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)

files = sum(len([f for f in fs if f.endswith(".txt")]) for _, _, fs in os.walk(corpus))
corpus_bytes = size(corpus)
print(f"corpus: {corpus} ({files} files, {corpus_bytes / 1e6:.1f} MB)")

# Full builds, from nothing, alternating between the tools: one build of each moved by
# 20-40% from one run to the next on the benchmark machine.
rounds = int(os.environ.get("BUILDS", "3"))
sql = (
    "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, tokenize='porter unicode61');"
    f"INSERT INTO docs SELECT name, data FROM fsdir('{corpus}') WHERE name LIKE '%.txt';"
)
builds = []
for _ in range(rounds):
    subprocess.run(["rm", "-rf", index, db])
    a = timed([annals, "--index", index, "--corpus", corpus, "index", "--full", "--quiet"])
    s = timed(["sqlite3", db, sql])
    builds.append((a, s))
a_build = statistics.median(a[0] for a, _ in builds)
s_build = statistics.median(s[0] for _, s in builds)
build_ratio = statistics.median(a[0] / s[0] for a, s in builds)
a_rss = max(a[1] for a, _ in builds)
s_rss = max(s[1] for _, s in builds)

# 200 mixed queries from the vocabulary's content words (ranks 200-3000), fixed seed.
words = [w for w in open(os.environ["VOCABULARY"]).read().split() if w.isalpha()][200:3000]
rng = random.Random(7)
queries = []
for i in range(200):
    kind = ("one", "two", "phrase")[i % 3]
    if kind == "one":
        queries.append((kind, [rng.choice(words)]))
    else:
        queries.append((kind, [rng.choice(words), rng.choice(words)]))

def annals_cmd(kind, ws):
    q = f'"{" ".join(ws)}"' if kind == "phrase" else " ".join(ws)
    return [annals, "--index", index, "search", "--color", "never", "-n", "10", q]

def sqlite_cmd(kind, ws):
    q = f'"{" ".join(ws)}"' if kind == "phrase" else " ".join(ws)
    return ["sqlite3", db, f"SELECT path, snippet(docs, 1, '[', ']', '…', 30) FROM docs "
            f"WHERE docs MATCH '{q}' ORDER BY rank LIMIT 10;"]

def rg_cmd(kind, ws):
    # rg has no AND: two words look for the first only, which favours rg.
    pattern = " ".join(ws) if kind == "phrase" else ws[0]
    return ["rg", "-i", "-l", "--", pattern, corpus]

def run_all(make):
    times = []
    for kind, ws in queries:
        start = time.perf_counter()
        subprocess.run(make(kind, ws), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times

for make in (annals_cmd, sqlite_cmd):  # warm the page cache once
    run_all(make)
a_q, s_q = run_all(annals_cmd), run_all(sqlite_cmd)
r_q = run_all(rg_cmd) if shutil.which("rg") else None
med = lambda xs: statistics.median(xs) * 1000
p95 = lambda xs: sorted(xs)[int(len(xs) * 0.95) - 1] * 1000
rg_med = f"{med(r_q):.1f} ms" if r_q else "–"
rg_p95 = f"{p95(r_q):.1f} ms" if r_q else "–"
rg_ratio = f", {med(r_q) / med(a_q):.0f}× faster than rg" if r_q else ""

a_size, s_size = size(index), size(db)
print()
print("| figure | annals | sqlite3 FTS5 | rg -i -l | annals ratio |")
print("| --- | --- | --- | --- | --- |")
print(f"| full build, median of {rounds} | {a_build:.2f} s | {s_build:.2f} s | – | {build_ratio:.2f}× FTS5 (paired) |")
print(f"| peak RSS while building | {a_rss / 1024:.0f} MB | {s_rss / 1024:.0f} MB | – | {a_rss / s_rss:.2f}× FTS5 |")
print(f"| index size | {a_size / 1e6:.1f} MB ({a_size / corpus_bytes:.2f}× corpus) | {s_size / 1e6:.1f} MB ({s_size / corpus_bytes:.2f}× corpus) | – | {a_size / s_size:.2f}× FTS5 |")
print(f"| one query per process, median of 200 | {med(a_q):.1f} ms | {med(s_q):.1f} ms | {rg_med} | {med(a_q) / med(s_q):.2f}× FTS5{rg_ratio} |")
print(f"| one query per process, p95 | {p95(a_q):.1f} ms | {p95(s_q):.1f} ms | {rg_p95} | |")
PY
