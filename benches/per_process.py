#!/usr/bin/env python3
"""One search per process, binaries side by side: the first 20 queries of each class in
benches/queries/, shuffled, each run by every binary in turn (the order alternating between
rounds), three rounds. Prints each binary's median and p95 wall time.

    benches/per_process.py INDEX_DIR BINARY...
"""
import os
import random
import statistics
import subprocess
import sys
import time

index, binaries = sys.argv[1], sys.argv[2:]
if not binaries:
    sys.exit("usage: benches/per_process.py INDEX_DIR BINARY...")
here = os.path.dirname(os.path.abspath(__file__))
folder = os.path.join(here, "queries")
queries = []
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name)) as f:
        queries += [line.strip() for line in f if line.strip()][:20]
random.seed(3)
random.shuffle(queries)
times = {b: [] for b in binaries}
for round in range(3):
    for query in queries:
        for b in binaries if round % 2 == 0 else binaries[::-1]:
            start = time.perf_counter()
            subprocess.run([b, "--index", index, "search", query],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[b].append(time.perf_counter() - start)
for b in binaries:
    v = sorted(times[b])
    print(f"{b}: median {statistics.median(v) * 1000:.3f} ms, "
          f"p95 {v[int(len(v) * 0.95)] * 1000:.3f} ms")
