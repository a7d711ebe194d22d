"""Parallel ingest into one PostgreSQL store: N ``bilateral ingest`` processes on the same corpus
texts at once (each sees every document; the store's unique keys and write lock decide who stores
it), and N processes each on its share of the texts, against one process into SQLite. Prints documents/s and checks that nothing is duplicated
or lost (the same documents, events and sources as the one-process store).

    python benchmarks/bench_pg_ingest.py [DOCS] [PROCESSES]     # default 400 documents, 4 processes

Uses $BILATERAL_TEST_PG, or starts a throwaway cluster with scripts/start-test-postgres.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from corpus import CorpusMissing, write_corpus_folder

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin" / "bilateral"


def content(target: str) -> dict:
    from bilateral.store.db import Store

    with Store(target, read_only=True) as store:
        q = store.conn.execute
        return {"documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
                "distinct documents": q("SELECT COUNT(DISTINCT doc_id) FROM documents").fetchone()[0],
                "events": sorted(r[0] for r in q("SELECT event_id FROM events")),
                "sources": q("SELECT COUNT(*) FROM event_sources").fetchone()[0]}


def main() -> None:
    docs = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    procs = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    import psycopg

    started = False
    url = os.environ.get("BILATERAL_TEST_PG")
    if not url:
        url = subprocess.run([str(REPO / "scripts" / "start-test-postgres")], capture_output=True, text=True,
                             check=True).stdout.strip()
        started = True
    name = "bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    target = url.rsplit("/", 1)[0] + "/" + name
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "corpus"
            try:
                n = write_corpus_folder(folder, limit=docs)
            except CorpusMissing as exc:
                print(f"skipped: {exc}")
                return
            one = str(Path(tmp) / "one.sqlite")
            t0 = time.perf_counter()
            subprocess.run([str(BIN), "ingest", "--quiet", "--db", one, str(folder)], check=True)
            single = time.perf_counter() - t0
            print(f"1 process into SQLite     : {n} docs in {single:6.1f} s = {n / single:5.1f} docs/s")
            t0 = time.perf_counter()
            running = [subprocess.Popen([str(BIN), "ingest", "--quiet", "--db", target, str(folder)],
                                        stderr=subprocess.PIPE, text=True) for _ in range(procs)]
            errors = [p.communicate()[1] for p in running]
            took = time.perf_counter() - t0
            print(f"{procs} processes into PostgreSQL: {n} docs in {took:6.1f} s = {n / took:5.1f} docs/s "
                  f"(each process reads every document; exit codes {[p.returncode for p in running]})")
            if any("Traceback" in e for e in errors):
                print("tracebacks:", [e[-300:] for e in errors if "Traceback" in e])
            shards = [Path(tmp) / f"shard{k}" for k in range(procs)]
            for k, path in enumerate(sorted(folder.iterdir())):
                shards[k % procs].mkdir(exist_ok=True)
                path.rename(shards[k % procs] / path.name)
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {name}_s")
            sharded = url.rsplit("/", 1)[0] + "/" + name + "_s"
            t0 = time.perf_counter()
            running = [subprocess.Popen([str(BIN), "ingest", "--quiet", "--db", sharded, str(shard)],
                                        stderr=subprocess.DEVNULL) for shard in shards if shard.exists()]
            for p in running:
                p.wait()
            took = time.perf_counter() - t0
            print(f"{procs} processes into PostgreSQL, a quarter each: {n} docs in {took:6.1f} s = {n / took:5.1f} docs/s")
            sh = content(sharded)
            print(f"  sharded store: documents {sh['documents']}, events {len(sh['events'])}, sources {sh['sources']}; "
                  f"same events as one process: {sh['events'] == content(one)['events']}")
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {name}_s WITH (FORCE)")
            pg, lite = content(target), content(one)
            print(f"documents {pg['documents']} (distinct {pg['distinct documents']}), events {len(pg['events'])}, "
                  f"sources {pg['sources']}; one-process store: {lite['documents']} / {len(lite['events'])} / "
                  f"{lite['sources']}; same events: {pg['events'] == lite['events']}")
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if started:
            subprocess.run([str(REPO / "scripts" / "stop-test-postgres"), url], check=False)


if __name__ == "__main__":
    main()
