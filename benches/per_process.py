"""One process per query: the annals binary before a change ("base"), after it ("new") and
sqlite3 FTS5, interleaved, on the corpus folder /tmp/wiki (see BENCHMARKS.md). Needs no rg.
Edit `bins` to name the two binaries.  Usage: python3 benches/per_process.py"""
import os, random, statistics, subprocess, time, sys
corpus="/tmp/wiki"; w="/tmp/ppwork"; os.makedirs(w,exist_ok=True)
bins={"base":"/tmp/eval/annals-base","new":"/tmp/eval/annals-new2"}
for k,b in bins.items():
    idx=f"{w}/{k}"
    if not os.path.exists(idx):
        t=time.perf_counter(); subprocess.run([b,"--index",idx,"--corpus",corpus,"index","--full","--quiet"],check=True); print(k,"build %.2f s"%(time.perf_counter()-t))
db=f"{w}/fts5.db"
if not os.path.exists(db):
    t=time.perf_counter()
    subprocess.run(["sqlite3",db,"CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, tokenize='porter unicode61');"
      f"INSERT INTO docs SELECT name, data FROM fsdir('{corpus}') WHERE name LIKE '%.txt';"],check=True); print("fts5 build %.2f s"%(time.perf_counter()-t))
words=[x for x in open("examples/data/vocabulary.txt").read().split() if x.isalpha()][200:3000]
rng=random.Random(7); qs=[]
for i in range(200):
    kind=("one","two","phrase")[i%3]
    qs.append((kind,[rng.choice(words)] if kind=="one" else [rng.choice(words),rng.choice(words)]))
def q(kind,ws): return f'"{" ".join(ws)}"' if kind=="phrase" else " ".join(ws)
def run(cmd):
    t=time.perf_counter(); subprocess.run(cmd,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL); return time.perf_counter()-t
res={"base":[],"new":[],"fts5":[]}
for rep in range(3):
    for kind,ws in qs:
        for k,b in bins.items():
            res[k].append(run([b,"--index",f"{w}/{k}","search","--color","never","-n","10",q(kind,ws)]))
        res["fts5"].append(run(["sqlite3",db,f"SELECT path, snippet(docs, 1, '[', ']', '…', 30) FROM docs WHERE docs MATCH '{q(kind,ws)}' ORDER BY rank LIMIT 10;"]))
m={k:statistics.median(v[200:])*1000 for k,v in res.items()}
print({k:round(v,2) for k,v in m.items()}, "new/fts5 %.2f base/fts5 %.2f new/base %.3f"%(m["new"]/m["fts5"],m["base"]/m["fts5"],m["new"]/m["base"]))
for kind in ("one","two","phrase"):
    idx=[i for i,(k,_) in enumerate(qs) if k==kind]
    mm={k:statistics.median([v[200*r+i] for r in (1,2) for i in idx])*1000 for k,v in res.items()}
    print(kind,{k:round(v,2) for k,v in mm.items()})
