#!/usr/bin/env python3
"""SQLite FTS5 filled from one JSON Lines dump: the yardstick for `annals index` on a dump.

    python3 benches/fts5_jsonl.py DUMP.jsonl OUT.sqlite

One row per record (id, title, the text of its sections), in one transaction.
"""
import json, sqlite3, sys

db = sqlite3.connect(sys.argv[2])
db.execute("CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body)")
with open(sys.argv[1], encoding="utf-8") as dump, db:
    for line in dump:
        if line.strip():
            r = json.loads(line)
            body = r.get("text") or "\n".join(
                f"{s.get('heading', '')}\n{s.get('text', '')}" for s in r.get("sections", []))
            db.execute("INSERT INTO articles VALUES (?, ?, ?)", (str(r.get("id")), r.get("title", ""), body))
db.close()
