"""Attach time per article against stores of 1k, 10k, 100k and 1M events (linking + storing).

    python benchmarks/bench_link_cost.py [--sizes 1000,10000,100000,1000000] [--articles 300]

For each size, builds a SQLite store of that many one-report events (written in bulk, the way
ingest would leave them: events, reports and blocking keys), then attaches ``--articles`` new
reports one at a time through the store's own path (``Store._link_and_store`` in a transaction,
as ``add_document`` does) and prints the median, mean and 95th percentile per article, and the
candidates compared. Start-up (the sentence encoder) is paid before timing, and the encoder's
one vector per new article (title + lead) is timed apart: it does not depend on the store's
size, and on a loaded machine it dominates everything else. The load average is printed.

The synthetic archive: 60 states with a Zipf-like weight (a few pairs are very busy), dates
over 2000-2025 (72% day, 8% month, 4% year, 6% a day without year, 10% undated, of these half
with a publication date), types CONSULT/AGREE/SUPPORT/DISAPPROVE, places from 40 cities, two
leaders per state, a short lead. A third of the new articles report an event already stored
(another report of it, another language's wording), the rest new events; undated ones included.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import pickle
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from bilateral.link import index_keys, report_id
from bilateral.link.linker import lead_code, quantize
from bilateral.models import Actor, Event, Evidence, Location, Source
from bilateral.store.db import Store
from bilateral.store.linking import candidates, encode_vector
from bilateral.store.records import dump_event

STATES = [f"S{chr(65 + i // 26)}{chr(65 + i % 26)}"[1:] for i in range(60)]
WEIGHTS = [1.0 / (1 + i) ** 0.8 for i in range(60)]
TYPES = ["CONSULT"] * 6 + ["AGREE"] * 2 + ["SUPPORT", "DISAPPROVE"]
CITIES = [(f"City{i}", 100000 + i) for i in range(40)]
WORDS = ("talks trade energy security visit cooperation agreement investment transport border "
         "gas grain sanctions summit minister president delegation railway water education").split()


def _date(rng: random.Random) -> tuple[str | None, str | None]:
    """(event date, publication date)."""
    y, m, d = rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28)
    pub = f"{y:04d}-{m:02d}-{min(28, d + rng.randint(0, 2)):02d}"
    r = rng.random()
    if r < 0.72:
        return f"{y:04d}-{m:02d}-{d:02d}", pub
    if r < 0.80:
        return f"{y:04d}-{m:02d}", pub
    if r < 0.84:
        return f"{y:04d}", pub
    if r < 0.90:
        return f"--{m:02d}-{d:02d}", pub if rng.random() < 0.5 else None
    return None, pub if rng.random() < 0.5 else None


def synthetic_report(rng: random.Random, k: int, like: Event | None = None) -> Event:
    """One document's report; ``like``: another report of that stored event."""
    if like is not None:
        countries, typ, date, pub = like.countries, like.type, like.date, like.sources[0].published
        loc = like.location
    else:
        countries = sorted(set(rng.choices(STATES, WEIGHTS, k=2)))
        while len(countries) < 2:
            countries = sorted(set(rng.choices(STATES, WEIGHTS, k=2)))
        typ = rng.choice(TYPES)
        date, pub = _date(rng)
        city = rng.choice(CITIES) if rng.random() < 0.6 else None
        loc = Location(city[0], countries[0], city[1]) if city else None
    doc = f"doc{k:08d}"
    text = " ".join(rng.choice(WORDS) for _ in range(25))
    ev = Evidence(doc, text[:80], 0, 80)
    actors = [Actor(f"Leader {c}{rng.randint(0, 1)}", c, "President", [ev]) for c in countries]
    e = Event(type=typ, mode="visit" if typ == "CONSULT" else None, date=date,
              countries=list(countries), location=loc, actors=actors,
              sources=[Source(doc, rng.choice(["en", "de", "ru"]), pub, f"{' '.join(countries)} {typ}", [ev])],
              lead=f"{' '.join(countries)} {typ}. {text}")
    e.event_id = e.compute_id()
    return e


def build(path: Path, n: int, seed: int = 7) -> list[Event]:
    """A store of ``n`` one-report events, written in bulk; returns a sample of them."""
    rng = random.Random(seed)
    sample: list[Event] = []
    with Store(path) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous=OFF")
        # the whole store in the page cache while it is built: at 1M events the indexes
        # (link keys, reports, events) no longer fit the default 2 MB, and every random-key
        # insert went to the file
        conn.execute("PRAGMA cache_size=-4000000")
        batch_e, batch_r, batch_k, batch_v = [], [], [], []
        nprng = np.random.default_rng(seed)
        block = np.empty((0, 512))
        for k in range(n):
            if k % 20000 == 0:  # random vectors drawn a block at a time (the same stream as one by one)
                block = nprng.standard_normal((min(20000, n - k), 512))
                block = quantize(block / np.linalg.norm(block, axis=1, keepdims=True))
            e = synthetic_report(rng, k)
            rid = report_id(e)
            rec = dump_event(e)
            batch_e.append((rid, e.type, e.mode, None, e.date, None, ",".join(e.countries), "[]",
                            e.location.name if e.location else None, None,
                            e.location.geonameid if e.location else None, 0, "[]", 1, rec))
            batch_r.append((rid, e.sources[0].doc_id, rid, rid, None, "{}", rec))
            batch_k.extend((key, rid) for key in index_keys(e))
            # a stored report's lead vector (random: embedding a million synthetic leads would
            # measure the encoder, not the store; new articles below are embedded for real)
            batch_v.append((rid, encode_vector(block[k % 20000])))
            if len(sample) < 2000 and rng.random() < 2000 / n:
                sample.append(e)
            if len(batch_e) >= 20000 or k == n - 1:
                conn.execute("BEGIN")
                conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch_e)
                conn.executemany("INSERT INTO reports VALUES (?,?,?,?,?,?,?)", batch_r)
                conn.executemany("INSERT INTO link_keys VALUES (?,?) ON CONFLICT DO NOTHING", batch_k)
                conn.executemany("INSERT INTO report_vectors VALUES (?,?)", batch_v)
                conn.execute("COMMIT")
                batch_e, batch_r, batch_k, batch_v = [], [], [], []
        conn.execute("ANALYZE")
    return sample


def new_articles(sample: list[Event], articles: int, seed: int) -> list[Event]:
    """The articles a run attaches: a third report an event of ``sample`` again."""
    rng = random.Random(seed)
    out = []
    for k in range(articles):
        like = rng.choice(sample) if rng.random() < 1 / 3 and sample else None
        out.append(synthetic_report(rng, 10**8 + k, like))
    return out


def measure(path: Path | str, arts: list[Event]) -> dict:
    times, cpu, cands, encode = [], [], [], []
    with Store(path) as store:
        for e in arts:
            t0 = time.perf_counter()
            lead_code(e)  # the encoder's share, timed apart (it runs once per article at any size)
            encode.append(time.perf_counter() - t0)
            cands.append(len(candidates(store.conn, e)))  # counted apart: not part of the attach time
            t0, c0 = time.perf_counter(), time.process_time()
            store.conn.execute("BEGIN IMMEDIATE")
            store._link_and_store(e, e.sources[0].doc_id)
            store.conn.execute("COMMIT")
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    times.sort()
    cpu.sort()
    return {"median_ms": 1000 * statistics.median(times), "mean_ms": 1000 * statistics.mean(times),
            "p95_ms": 1000 * times[int(0.95 * (len(times) - 1))], "cpu_median_ms": 1000 * statistics.median(cpu),
            "cpu_mean_ms": 1000 * statistics.mean(cpu), "cpu_p95_ms": 1000 * cpu[int(0.95 * (len(cpu) - 1))],
            "candidates_median": statistics.median(cands),
            "candidates_max": max(cands), "encoder_median_ms": 1000 * statistics.median(encode)}


def built_store(path: Path, n: int, keep: Path | None) -> list[Event]:
    """Build the store of ``n`` events at ``path``, or copy the one kept from an earlier run."""
    if keep is None:
        return build(path, n)
    kept, sample_file = keep / f"store{n}.sqlite", keep / f"store{n}.sample.pickle"
    if not (kept.exists() and sample_file.exists()):
        keep.mkdir(parents=True, exist_ok=True)
        sample = build(kept, n)
        with Store(kept) as store:  # fold the WAL into the file, so the copy is whole
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        sample_file.write_bytes(pickle.dumps(sample))
    shutil.copyfile(kept, path)
    return pickle.loads(sample_file.read_bytes())


def warm_up() -> None:
    """Pay start-up before timing: the sentence encoder, the similarity model, the linker's
    tables (one text judgment between two synthetic reports loads them all)."""
    from bilateral.link import evidence
    from bilateral.link.linker import text_evidence

    rng = random.Random(0)
    a, b = synthetic_report(rng, 0), synthetic_report(rng, 1)
    evidence.capitals(), evidence.type_family()
    text_evidence(a, b)
    evidence.compare(a, b, lambda: text_evidence(a, b))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument("--dir", type=Path, default=None, help="where to build the stores (default: a temp dir)")
    ap.add_argument("--keep", type=Path, default=None,
                    help="keep the built stores in this folder and reuse them on later runs (each run "
                         "attaches to a copy, so the kept store stays as built)")
    args = ap.parse_args(argv)
    warm_up()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"store{n}.sqlite"
            t0 = time.perf_counter()
            sample = built_store(path, n, args.keep)
            built = time.perf_counter() - t0
            arts = new_articles(sample, args.articles, seed=n)
            r = measure(path, arts)
            print(f"{n:>9,} events: attach median {r['median_ms']:.2f} ms, mean {r['mean_ms']:.2f} ms, "
                  f"p95 {r['p95_ms']:.2f} ms per article (CPU median {r['cpu_median_ms']:.2f} ms, mean {r['cpu_mean_ms']:.2f}, "
                  f"p95 {r['cpu_p95_ms']:.2f}); load {os.getloadavg()[0]:.1f}; candidates median {r['candidates_median']:.0f}, "
                  f"max {r['candidates_max']}; + encoder {r['encoder_median_ms']:.1f} ms per lead "
                  f"(store ready in {built:.0f} s)", flush=True)
            print(json.dumps({"events": n, **{k: round(v, 3) for k, v in r.items()}}), file=sys.stderr)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
