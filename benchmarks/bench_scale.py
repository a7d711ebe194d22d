"""The store at scale on both back ends, in one run (issue 12, section 7):

1. bytes per event and the first page of each filter (count + 50 events) at 100,000 and
   1,000,000 synthetic events, on SQLite and on PostgreSQL (``bench_store_scale``'s store,
   loaded into PostgreSQL with COPY), and a pair's every event streamed (time, memory);
2. the linking issue's ingest latency (``bench_link_cost``: attach one article to a store of N
   one-report events) on PostgreSQL at the same sizes;
3. 4 ``ingest`` processes into one PostgreSQL store (``bench_pg_ingest``): documents/s and
   whether anything is duplicated.

    python benchmarks/bench_scale.py [--sizes 100000,1000000] [--dir DIR] [--articles 200]
                                     [--ingest-docs 200] [--parts stores,attach,ingest]

Stores are built once into ``--dir`` (default /tmp/bilateral-bench-scale) and reused by later
runs (a 1M-event SQLite store takes minutes to build on a loaded 2-core machine); PostgreSQL
databases ``bench_scale_*`` are loaded from them. Uses $BILATERAL_TEST_PG, or starts a
throwaway cluster with scripts/start-test-postgres (and stops it). Not a test: CI never builds
these stores.
"""
from __future__ import annotations

import argparse
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import bench_link_cost
import bench_store_scale
from bilateral.models import Event
from bilateral.store.db import Store
from bilateral.store.migrate import _search_indexes
from bilateral.store.records import load_event
from bilateral.store.schema import DDL

REPO = Path(__file__).resolve().parents[1]
SKIP = ("meta", "schema_versions")  # written by the PostgreSQL store itself when it is created


def pg_server() -> tuple[str, bool]:
    url = os.environ.get("BILATERAL_TEST_PG")
    if url:
        return url, False
    out = subprocess.run([str(REPO / "scripts" / "start-test-postgres")], capture_output=True, text=True, check=True)
    return out.stdout.strip(), True


def pg_database(server: str, name: str, fresh: bool) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and fresh:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
        if not exists or fresh:
            admin.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + "/" + name


def events_in(target: str) -> int:
    if not target.startswith("postgresql") and not Path(target).exists():
        return -1
    try:
        with Store(target, read_only=True) as store:
            return store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    except Exception as exc:  # noqa: BLE001 - an empty or half-loaded database: load it again
        print(f"  ({target}: {exc}; made again)")
        return -1


def remove(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def copy_to_pg(sqlite_path: Path, url: str) -> float:
    """Load a SQLite store's tables into an empty PostgreSQL store (indexes made after the rows)."""
    t0 = time.perf_counter()
    with Store(url) as store:
        pg = store.conn._conn
        for (name,) in pg.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                                  "AND indexname NOT LIKE '%%_pkey'").fetchall():
            pg.execute(f"DROP INDEX {name}")
        src = sqlite3.connect(sqlite_path)
        tables = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
                                            "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE "
                                            "'source_text%'")]
        for table in tables:
            if table in SKIP:
                continue
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            with pg.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table}"):
                    copy.write_row(row)
        src.close()
        for statement in DDL:
            store.conn.execute(statement)
        store.conn.execute("BEGIN")
        _search_indexes(store.conn, "postgresql")
        store.conn.execute("COMMIT")
        pg.execute("VACUUM ANALYZE")
    return time.perf_counter() - t0


def pg_bytes(url: str) -> int:
    with Store(url, read_only=True) as store:
        return store.conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]


def part_stores(sizes: list[int], folder: Path, server: str | None) -> None:
    print("\n# 1. bytes per event and first pages (bench_store_scale stores)")
    for size in sizes:
        path = folder / f"store{size}.sqlite"
        if events_in(str(path)) != size:
            remove(path)
            t0 = time.perf_counter()
            per_seed = bench_store_scale.build(path, size)
            print(f"built SQLite {size:,} events in {time.perf_counter() - t0:.0f} s")
            (folder / f"store{size}.seed").write_text(str(per_seed))
        per_seed = float((folder / f"store{size}.seed").read_text())
        print(f"\n## SQLite, {size:,} events")
        bench_store_scale.measure(path, size, per_seed)
        if server is None:
            continue
        url = pg_database(server, f"bench_scale_store_{size}", fresh=False)
        if events_in(url) != size:
            url = pg_database(server, f"bench_scale_store_{size}", fresh=True)
            print(f"loaded PostgreSQL from it in {copy_to_pg(path, url):.0f} s")
        size_b = pg_bytes(url)
        print(f"\n## PostgreSQL, {size:,} events: {size_b / 1e6:,.0f} MB, {size_b / size:,.0f} bytes/event "
              "(database size / events, indexes included)")
        bench_store_scale.measure_queries(url, size)


def sample_reports(target: str, n: int = 2000, seed: int = 3) -> list[Event]:
    """Stored reports to write other reports of (a third of the new articles), as the build's sample."""
    with Store(target, read_only=True) as store:
        total = store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        rng = random.Random(seed)
        step = max(1, total // n)
        offset = rng.randrange(step)
        return [load_event(r[0]) for r in store.conn.execute(
            "SELECT record FROM reports ORDER BY report_id LIMIT ? OFFSET ?", (n, offset))]


def part_attach(sizes: list[int], folder: Path, server: str, articles: int) -> None:
    print("\n# 2. ingest latency on PostgreSQL (bench_link_cost: attach one article to a store of N events)")
    bench_link_cost.warm_up()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for size in sizes:
        path = folder / f"links{size}.sqlite"
        if events_in(str(path)) != size:
            remove(path)
            t0 = time.perf_counter()
            bench_link_cost.build(path, size)
            print(f"built SQLite {size:,} one-report events in {time.perf_counter() - t0:.0f} s")
        url = pg_database(server, f"bench_scale_links_{size}", fresh=True)  # attach writes: load afresh
        loaded = copy_to_pg(path, url)
        arts = bench_link_cost.new_articles(sample_reports(url), articles, seed=size)
        r = bench_link_cost.measure(url, arts)
        print(f"PostgreSQL {size:>9,} events: attach median {r['median_ms']:.2f} ms, mean {r['mean_ms']:.2f} ms, "
              f"p95 {r['p95_ms']:.2f} ms per article (CPU of this process median {r['cpu_median_ms']:.2f} ms, "
              f"mean {r['cpu_mean_ms']:.2f}); load {os.getloadavg()[0]:.1f}; candidates median {r['candidates_median']:.0f}, "
              f"max {r['candidates_max']}; + encoder {r['encoder_median_ms']:.1f} ms per lead (loaded in {loaded:.0f} s)",
              flush=True)


def part_ingest(server: str, docs: int) -> None:
    print(f"\n# 3. 4 ingest processes into one PostgreSQL store ({docs} corpus texts, bench_pg_ingest)", flush=True)
    env = dict(os.environ, BILATERAL_TEST_PG=server)
    subprocess.run([sys.executable, str(Path(__file__).with_name("bench_pg_ingest.py")), str(docs), "4"],
                   env=env, check=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--dir", type=Path, default=Path("/tmp/bilateral-bench-scale"))
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--ingest-docs", type=int, default=200)
    ap.add_argument("--parts", default="stores,attach,ingest")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    parts = set(args.parts.split(","))
    args.dir.mkdir(parents=True, exist_ok=True)
    server, started = pg_server()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; stores in {args.dir}")
    try:
        if "stores" in parts:
            part_stores(sizes, args.dir, server)
        if "attach" in parts:
            part_attach(sizes, args.dir, server, args.articles)
        if "ingest" in parts:
            part_ingest(server, args.ingest_docs)
    finally:
        if started:
            subprocess.run([str(REPO / "scripts" / "stop-test-postgres"), server], check=False)


if __name__ == "__main__":
    main()
