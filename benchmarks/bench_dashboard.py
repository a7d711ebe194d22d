"""How long the dashboard's view API takes on a large store (synthetic events, 2 cores).

Prints the median time of each view request (map, network of states and of people, an edge,
trends for a pair, an event's context) on stores of 10,000 and 50,000 events, unfiltered and
with a pair filter. The events are random but shaped like real ones (40 states, a few hundred
people, 12 places, CAMEO codes of several kinds, ten years of dates); they are written straight
into the store's tables (no extraction, no linking) so building the store is not what is timed.

    .venv/bin/python benchmarks/bench_dashboard.py [N ...]
"""
from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from bilateral.models import Actor, Event, Evidence, Location, Source
from bilateral.serve.app import create_app
from bilateral.store.db import Store

STATES = ["AM", "AT", "AZ", "BE", "BY", "CH", "CN", "CZ", "DE", "EE", "ES", "FI", "FR", "GB", "GE", "HU", "IN",
          "IR", "IT", "JP", "KG", "KR", "KZ", "LT", "LV", "MD", "MN", "NL", "NO", "PL", "RO", "RS", "RU", "SE",
          "TJ", "TM", "TR", "UA", "US", "UZ"]
TYPES = [("CONSULT", "042"), ("CONSULT", "043"), ("CONSULT", "040"), ("AGREE", "057"), ("COOPERATE", "061"),
         ("DISAPPROVE", "112"), ("DEMAND", "102"), ("SANCTION", "163"), ("AID", "070"), ("THREATEN", "138")]
PLACES = [("Astana", "KZ", 1526273), ("Tashkent", "UZ", 1512569), ("Minsk", "BY", 625144), ("Moscow", "RU", 524901),
          ("Berlin", "DE", 2950159), ("Paris", "FR", 2988507), ("Beijing", "CN", 1816670), ("Ankara", "TR", 323786),
          ("Baku", "AZ", 587084), ("Tbilisi", "GE", 611717), ("Vilnius", "LT", 593116), ("Kyiv", "UA", 703448)]


def build(path: Path, n: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    people = {c: [f"Person {c}{i}" for i in range(8)] for c in STATES}
    with Store(path) as store:
        store.conn.execute("BEGIN")
        for i in range(n):
            a, b = rnd.sample(STATES, 2)
            type_, cameo = rnd.choice(TYPES)
            doc = f"d{i}"
            ev = Evidence(doc, f"Sentence {i} about {a} and {b}.", 0, 30)
            place = rnd.choice(PLACES) if rnd.random() < 0.6 else None
            date = f"{rnd.randint(2015, 2024)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            e = Event(type=type_, cameo=cameo, date=date, date_precision="day", countries=[a, b],
                      location=Location(place[0], place[1], place[2], [ev]) if place else None,
                      actors=[Actor(rnd.choice(people[a]), a, "Minister", [ev]), Actor(rnd.choice(people[b]), b, "Minister", [ev])],
                      sources=[Source(doc, "en", date, f"Title {i}", [ev], url=f"https://example.org/{i}")])
            e.event_id = e.compute_id() + f"{i:06d}"
            store._insert_event(e)
        store.conn.execute("COMMIT")


def timed(client: TestClient, url: str, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = client.get(url)
        times.append(time.perf_counter() - t0)
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
    return statistics.median(times) * 1000


def main(sizes: list[int]) -> None:
    print(f"{'events':>8}  {'request':<44} {'median ms':>9}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.sqlite"
            t0 = time.perf_counter()
            build(db, n)
            print(f"{n:>8}  (store built in {time.perf_counter() - t0:.1f} s, {db.stat().st_size / 1e6:.1f} MB)")
            client = TestClient(create_app(db), base_url="http://127.0.0.1")
            some = client.get("/api/events?limit=1").json()["events"][0]["event_id"]
            for url in ["/api/map", "/api/map?pair=KZ-UZ", "/api/map?type=CONSULT&from=2020",
                        "/api/map/place?geonameid=1526273", "/api/network", "/api/network?edges=all",
                        "/api/network?level=person", "/api/network?level=person&country=KZ",
                        "/api/network/edge?a=KZ&b=UZ&edges=all", "/api/trends?pair=KZ-UZ", "/api/trends",
                        f"/api/events/{some}/context"]:
                print(f"{n:>8}  {url:<44} {timed(client, url):>9.1f}")


if __name__ == "__main__":
    main([int(x) for x in sys.argv[1:]] or [10_000, 50_000])
