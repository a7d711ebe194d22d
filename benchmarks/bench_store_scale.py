"""The store at scale: bytes per event, the first page of each filter, and a whole-pair listing
(time and memory), on synthetic SQLite stores of 100,000 and 1,000,000 events.

    python benchmarks/bench_store_scale.py [SIZES...]      # default: 100000 1000000

How a store is built (fast, and still the store's own rows): 1,000 documents are written through
``Store.add_document`` (records, evidence, sources, actors, figures, reports, as ingest writes
them), over 40 country pairs, 12 types and ten years; the store is then doubled in SQL until it
holds the size asked for, each copy with new event and document ids and dates moved by a year.
Bytes per event are measured on the events of the 1,000 real documents (file size / events
after VACUUM) and on the whole store (the copies include their documents, linking reports and
blocking keys).

The queries are the API's (``store.query.page_events``: count + first page of 50), the dashboard's
pictures (timeline, map, networks: every match counted) and the CLI's streamed listing
(``query.iter_events``) for the most frequent pair. BENCH_NO_SCAN=1 leaves out the slow
schema-3 scans (the "before" of the indexed actor and text filters), BENCH_NO_STREAM=1 the
streamed listing.
"""
from __future__ import annotations

import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from bilateral.models import Actor, Document, Event, Evidence, Figure, Location, Source
from bilateral.store.db import Store
from bilateral.store.query import EventFilter, ReadOnlyStore, iter_events, page_events

STATES = ["BY", "KZ", "UZ", "RU", "CN", "DE", "FR", "TR", "AZ", "AM", "GE", "KG", "TJ", "TM", "PL", "US"]
TYPES = ["CONSULT", "AGREE", "COOPERATE", "SUPPORT", "AID", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "MOBILIZE"]
PEOPLE = ["Alexander Lukashenko", "Kassym-Jomart Tokayev", "Shavkat Mirziyoyev", "Vladimir Putin", "Xi Jinping",
          "Olaf Scholz", "Emmanuel Macron", "Recep Tayyip Erdogan", "Ilham Aliyev", "Nikol Pashinyan"]


def _event(i: int, rng: random.Random) -> tuple[Document, Event]:
    doc_id = f"doc{i:06d}"
    a, b = rng.sample(STATES[:8], 2) if rng.random() < 0.6 else rng.sample(STATES, 2)
    date = f"{rng.randint(2014, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentence = (f"The foreign ministers of {a} and {b} met on {date} to discuss trade, energy and transport "
                f"links, officials said after talks number {i}.")
    text = sentence + " " + "Further paragraphs of the article follow here with more detail. " * 20
    ev = Evidence(doc_id, sentence, 0, len(sentence))
    p1, p2 = rng.sample(PEOPLE, 2)
    event = Event(type=rng.choice(TYPES), mode="visit", cameo="042", date=date, date_precision="day",
                  countries=[a, b], location=Location("Astana", "KZ", 1526273, [ev]),
                  actors=[Actor(p1, a, "President", [ev]), Actor(p2, b, "President", [ev])],
                  figures=[Figure("trade", "total", rng.randint(1, 90) * 1e8, "USD", date[:4], sorted([a, b]),
                                  None, [], [ev])],
                  sources=[Source(doc_id, "en", date, f"Talks between {a} and {b} ({i})", [ev], date=date)],
                  lead=sentence)
    doc = Document(doc_id=doc_id, source=f"{doc_id}.txt", original=text, text=text, language="en", published=date)
    return doc, event


def build(path: Path, size: int, seed_events: int = 1000) -> float:
    """A store of ``size`` events at ``path`` (from ``seed_events`` documents, which link into
    somewhat fewer events); returns bytes per event of the seed events alone."""
    rng = random.Random(7)
    with Store(path) as store:
        for i in range(seed_events):
            doc, event = _event(i, rng)
            store.add_document(doc, [event], f"h{i}")
        store.conn.execute("VACUUM")
    with Store(path) as store:
        q = store.conn.execute
        # a cache that holds the indexes being written (SQLite's default is 2 MB): each doubling
        # inserts rows at random places in every index, which otherwise re-reads pages from disk
        q("PRAGMA cache_size = -1500000")
        n, k = q("SELECT COUNT(*) FROM events").fetchone()[0], 1  # fewer than the documents: some link
        per_seed = path.stat().st_size / n
        while n < size:
            take = min(n, size - n)
            q("BEGIN")
            # The events to copy and new ids for them, their documents, reports and stories, fixed
            # before the copy (a subquery over events would see the copies as they are written).
            # New ids are as long as ingest's (16 hex digits; documents "doc" + 9): ids appended to
            # would grow with every doubling, in every table and index that repeats them.
            for name, kind, sql in (
                    ("pick", 0, f"SELECT event_id AS old FROM events ORDER BY event_id LIMIT {take}"),
                    ("docmap", 0, "SELECT DISTINCT doc_id AS old FROM event_sources WHERE event_id IN "
                                  "(SELECT old FROM temp.pick)"),
                    ("repmap", 1, "SELECT report_id AS old FROM reports WHERE event_id IN (SELECT old FROM temp.pick)"),
                    ("storymap", 2, "SELECT DISTINCT story_id AS old FROM reports WHERE event_id IN "
                                    "(SELECT old FROM temp.pick)")):
                form = "doc%02x%07x" if name == "docmap" else "%04x%012x"
                q(f"DROP TABLE IF EXISTS temp.{name}")
                q(f"CREATE TEMP TABLE {name} (old TEXT PRIMARY KEY, new TEXT NOT NULL)")
                q(f"INSERT INTO temp.{name} SELECT old, printf('{form}', {k * 4 + kind}, row_number() OVER "
                  f"(ORDER BY old)) FROM ({sql})")
            new = {"event_id": "pick", "doc_id": "docmap", "report_id": "repmap", "story_id": "storymap"}

            def copy(table: str, where: str, also: dict[str, str] | None = None) -> None:
                cols = [r[1] for r in q(f"PRAGMA table_info({table})")]
                mapped = {**new, **(also or {})}
                sel = ", ".join(f"COALESCE((SELECT m.new FROM temp.{mapped[c]} m WHERE m.old = t.{c}), t.{c})"
                                if c in mapped else f"t.{c}" for c in cols)
                q(f"INSERT INTO {table} SELECT {sel} FROM {table} t WHERE {where}")

            picked = "t.event_id IN (SELECT old FROM temp.pick)"
            moved = (f"CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]*' THEN printf('%04d', CAST(substr(date, 1, 4) "
                     f"AS INTEGER) - {k % 9 + 1}) || substr(date, 5) ELSE date END")
            q(f"""INSERT INTO events SELECT p.new, type, mode, cameo, {moved},
                  date_precision, countries, organizations, location_name, location_country, geonameid, future,
                  conflicts, n_sources, record FROM events JOIN temp.pick p ON p.old = events.event_id""")
            # the pairs of its states carry the event's date: moved with it
            q(f"INSERT INTO event_pairs SELECT p.new, a, b, type, {moved} FROM event_pairs "
              "JOIN temp.pick p ON p.old = event_pairs.event_id")
            for table in ("event_countries", "event_direction", "event_sources", "actors", "figures", "quotes"):
                copy(table, picked)
            copy("evidence", picked, {"ref": "docmap"})  # an event's evidence names its document in ref
            # the linking tables too: every event has its report and blocking keys, as ingest leaves them
            copy("reports", picked)
            copy("link_keys", "t.report_id IN (SELECT old FROM temp.repmap)")
            copy("documents", "t.doc_id IN (SELECT old FROM temp.docmap)")
            q("COMMIT")
            n += take
            k += 1
        q("ANALYZE")
    return per_seed


# the CPU time of the last ``timed`` call's best run, in this process: SQLite's work, or on PostgreSQL
# only the client's (the server's own CPU is not in it)
CPU: list[float] = []


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, cpu, out = float("inf"), float("inf"), None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        best, cpu = min(best, time.perf_counter() - t0), min(cpu, time.process_time() - c0)
    CPU[:] = [cpu]
    return best, out


def measure(path: Path, size: int, per_seed: float) -> None:
    print(f"\n== {size:,} events: {path.stat().st_size / 1e6:,.0f} MB, {path.stat().st_size / size:,.0f} bytes/event "
          f"(the events of the 1,000 real documents alone, with their documents and linking reports: {per_seed:,.0f} bytes/event)")
    measure_queries(str(path), size)


def scan_page(store, f: EventFilter, limit: int = 50) -> tuple[int, list]:
    """The first page of an actor or text filter as schema 3 ran it (LIKE over every actor or
    source, no index): the same-machine "before" for the indexed filters."""
    pattern = f"%{(f.actor or f.text).lower()}%"
    if f.actor:
        clause = "EXISTS (SELECT 1 FROM actors a WHERE a.event_id = e.event_id AND lower(a.name) LIKE ?)"
        params: tuple = (pattern,)
    else:
        clause = ("EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id AND "
                  "(lower(s.evidence) LIKE ? OR lower(s.title) LIKE ?))")
        params = (pattern, pattern)
    total = store.conn.execute(f"SELECT COUNT(*) FROM events e WHERE {clause}", params).fetchone()[0]
    page = store.conn.execute(f"SELECT e.event_id FROM events e WHERE {clause} ORDER BY e.date IS NULL, e.date, "
                              "e.event_id LIMIT ?", (*params, limit)).fetchall()
    return total, page


def calibration() -> float:
    """Milliseconds for a fixed pure-Python loop: how slow this machine is right now (about 15 ms
    on an idle core), to read the timings below against."""
    t0 = time.perf_counter()
    x = 0
    for i in range(200_000):
        x += i * i
    return (time.perf_counter() - t0) * 1000


def measure_queries(target: str, size: int) -> None:
    """First pages of each filter and a pair streamed, on a SQLite file or a PostgreSQL URL."""
    print(f"  (machine now: a 200,000-step Python loop takes {calibration():.0f} ms; load {os.getloadavg()[0]:.1f})")
    with ReadOnlyStore(target) as store:
        top = store.conn.execute("""SELECT c1.country, c2.country, COUNT(*) n FROM event_countries c1
            JOIN event_countries c2 ON c1.event_id = c2.event_id AND c1.country < c2.country
            WHERE c1.event_id IN (SELECT event_id FROM events ORDER BY event_id LIMIT 20000)
            GROUP BY 1, 2 ORDER BY n DESC LIMIT 1""").fetchone()
        pair = [top[0], top[1]]
        filters = {"no filter": EventFilter(), "country KZ": EventFilter(countries=["KZ"]),
                   f"pair {'-'.join(pair)}": EventFilter(countries=pair),
                   "pair + type": EventFilter(countries=pair, type="CONSULT"),
                   "state + type": EventFilter(countries=["KZ"], type="CONSULT"),
                   "year 2019": EventFilter(date_from="2019", date_to="2019"),
                   "actor tokayev": EventFilter(actor="tokayev"), "actor lukashenko+KZ": EventFilter(
                       actor="lukashenko", countries=["KZ"]), "text 'number 77'": EventFilter(text="number 77"),
                   "text 'talks'": EventFilter(text="talks")}
        for name, f in filters.items():
            for order in ("asc", "desc"):
                took, page = timed(lambda: page_events(store, f, 50, 0, order))
                print(f"  first page, {name:<18} {order:<4}: {took * 1000:8.1f} ms (CPU {CPU[0] * 1000:5.1f} ms)  "
                      f"({page.total:,}{'' if page.exact else '+'} matching, {len(page.events)} shown)", flush=True)
            if name in ("actor tokayev", "text 'number 77'", "text 'talks'") and not os.environ.get("BENCH_NO_SCAN"):
                took, (total, _) = timed(lambda: scan_page(store, f), repeat=1)
                print(f"  first page, {name:<18} as schema 3 (scan): {took * 1000:8.1f} ms  ({total:,} matching)")
        measure_dashboard(store, pair)
        if os.environ.get("BENCH_NO_STREAM"):
            return
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        n = sum(1 for _ in iter_events(store, EventFilter(countries=pair)))
        took = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"  every event of the pair, streamed: {n:,} events in {took:.2f} s, "
              f"peak memory +{max(0, rss - rss0) / 1024:.0f} MB")


def measure_dashboard(store, pair: list[str]) -> None:
    """The dashboard's pictures (``/api/timeline``, ``/api/map``, ``/api/network``), which count
    every matching event: unfiltered and for the pair; wall and CPU time, once each."""
    from bilateral.serve import views_data
    from bilateral.store.query import timeline

    views = {"timeline": lambda f: timeline(store, f), "map": lambda f: views_data.world_map(store, f),
             "network of states": lambda f: views_data.network(store, f, "country", True),
             "network of people": lambda f: views_data.network(store, f, "person", True)}
    for label, f in (("unfiltered", EventFilter()), (f"pair {'-'.join(pair)}", EventFilter(countries=pair))):
        for name, view in views.items():
            t0, c0 = time.perf_counter(), time.process_time()
            view(f)
            print(f"  dashboard {name:<18} {label:<12}: {(time.perf_counter() - t0) * 1000:8.1f} ms "
                  f"(CPU {(time.process_time() - c0) * 1000:.0f} ms)", flush=True)


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [100_000, 1_000_000]
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        for size in sizes:
            path = Path(tmp) / f"store{size}.sqlite"
            t0 = time.perf_counter()
            per_seed = build(path, size)
            print(f"built {size:,} events in {time.perf_counter() - t0:.0f} s")
            measure(path, size, per_seed)
            path.unlink()


if __name__ == "__main__":
    main()
