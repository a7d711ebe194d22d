"""The numbers behind the dashboard's pictures: a map, a network, a pair's trends, an event's links.

Why grouped rows and small Python loops, not by loading events: a map or a network of a large
store must not parse every matching record. The counts are grouped in SQL by the query layer
(``bilateral.store.dashboard``, over the same filter as ``/api/events``); this module holds no
SQL and only shapes the grouped rows.

Intensity (Goldstein scale, QuadClass) comes from ``bilateral.cameo`` (the published CAMEO
tables) and coordinates from ``bilateral.geo_coords`` (GeoNames), both pure functions of what the
events table stores (the CAMEO code, the GeoNames id). An event without a code has no intensity,
a place without known coordinates no point: they are counted apart, never guessed.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from functools import lru_cache

from bilateral.store import dashboard as rows_of
from bilateral.store.db import Store
from bilateral.store.query import EventFilter

from bilateral.cameo import goldstein, quad_class, quad_label  # noqa: F401 - quad_label: for views.py
from bilateral.geo_coords import coordinates


@lru_cache(maxsize=512)
def numeric_code(alpha2: str) -> str | None:
    """ISO 3166-1 numeric code (what world maps key countries by), or None (EU, Kosovo)."""
    import pycountry  # lazy: its import is a noticeable part of `bilateral --help`; only the map needs it

    c = pycountry.countries.get(alpha_2=alpha2)
    return c.numeric if c is not None else None


class _Mean:
    """A running mean that stays None when nothing was added (unknown is not zero)."""

    def __init__(self) -> None:
        self.total, self.n = 0.0, 0

    def add(self, value: float | None, weight: int = 1) -> None:
        if value is not None:
            self.total += value * weight
            self.n += weight

    @property
    def value(self) -> float | None:
        return round(self.total / self.n, 2) if self.n else None


# ---------------------------------------------------------------- map

def world_map(store: Store, f: EventFilter) -> dict:
    """Events per state (with the mean Goldstein value of their CAMEO codes) and per place."""
    per: dict[str, list] = {}
    total = 0
    for states, cameo, n in rows_of.counts_by_states_and_cameo(store, f):
        total += n
        g = goldstein(cameo)
        for code in filter(None, (states or "").split(",")):
            entry = per.setdefault(code, [0, _Mean()])
            entry[0] += n
            entry[1].add(g, n)
    # a second scan for places: grouping by states and places together makes far more groups
    places: dict[int, dict] = {}
    for gid, name, country, cameo, n in rows_of.counts_by_place(store, f):
        p = places.setdefault(gid, {"geonameid": gid, "name": name, "country": country, "events": 0, "_m": _Mean()})
        p["events"] += n
        p["_m"].add(goldstein(cameo), n)
    countries = [{"country": c, "numeric": numeric_code(c), "events": n, "goldstein": mean.value,
                  "scored_events": mean.n} for c, (n, mean) in per.items()]
    countries.sort(key=lambda d: (-d["events"], d["country"]))
    located, unplaced = [], 0
    for p in places.values():
        lat, lon = coordinates(p["geonameid"])
        mean = p.pop("_m")
        if lat is None or lon is None:
            unplaced += p["events"]
            continue
        located.append({**p, "lat": lat, "lon": lon, "goldstein": mean.value})
    located.sort(key=lambda d: (-d["events"], d["name"] or ""))
    return {"countries": countries, "places": located, "events": total,
            "located_events": sum(p["events"] for p in located),
            "unplaced_events": unplaced,  # a place is known but not its coordinates
            "intensity_available": any(c["scored_events"] for c in countries)}


def place_event_ids(store: Store, f: EventFilter, geonameid: int, limit: int = 100) -> tuple[int, list[str]]:
    """The events at one GeoNames place (same filter), newest first."""
    return rows_of.newest_event_ids(store, f, limit, geonameid=geonameid)


# ---------------------------------------------------------------- network

def network(store: Store, f: EventFilter, level: str = "country", meetings_only: bool = True,
            max_edges: int = 300) -> dict:
    """Who met whom as nodes and weighted edges: states (or people) taking part in one event."""
    if level == "person":  # the matching events first, once; then their people in pairs
        rows = rows_of.person_pairs(store, f, meetings_only)
    else:  # one scan grouped by state list and initiators; the pairs of each list counted in Python
        pairs: dict[tuple[str, str], list] = {}
        for states, initiators, n, last in rows_of.counts_by_states_and_initiators(store, f, meetings_only):
            acting = set((initiators or "").split(","))
            for a, b in combinations(sorted(set(filter(None, (states or "").split(",")))), 2):
                entry = pairs.setdefault((a, b), [0, None, 0, 0])
                entry[0] += n
                if last is not None and (entry[1] is None or last > entry[1]):
                    entry[1] = last
                if a in acting and b not in acting:
                    entry[2] += n  # a acted on b (visited, called, sanctioned, ...)
                elif b in acting and a not in acting:
                    entry[3] += n
        rows = sorted(((a, b, n, last, a, b, ab, ba) for (a, b), (n, last, ab, ba) in pairs.items()),
                      key=lambda r: (-r[2], _neg_date(r[3]), r[0], r[1]))
    edges = [{"source": r[0], "target": r[1], "events": r[2], "last": r[3],
              # who acted on whom among the edge's events (states only; the rest are symmetric or undirected)
              "source_to_target": r[6] if len(r) > 6 else None, "target_to_source": r[7] if len(r) > 6 else None}
             for r in rows[:max_edges]]
    nodes: dict[str, dict] = {}
    for a, b, n, _, ca, cb, *_ in rows[:max_edges]:
        for key, country in ((a, ca), (b, cb)):
            node = nodes.setdefault(key, {"id": key, "country": country, "events": 0, "partners": 0})
            node["events"] += n
            node["partners"] += 1
    return {"level": level, "meetings_only": meetings_only, "nodes": sorted(nodes.values(), key=lambda d: -d["events"]),
            "edges": edges, "edges_total": len(rows)}


def _neg_date(date: str | None) -> tuple:
    """Sort key for "newest first" on ISO date strings (None last)."""
    return (date is None, [-ord(ch) for ch in date] if date else [])


def edge_event_ids(store: Store, f: EventFilter, level: str, a: str, b: str, meetings_only: bool = True,
                   limit: int = 200) -> tuple[int, list[str]]:
    """The events behind one edge of ``network`` (same filter), newest first."""
    return rows_of.newest_event_ids(store, f, limit, edge=(level, a, b), meetings_only=meetings_only)


# ---------------------------------------------------------------- trends

def trends(store: Store, f: EventFilter) -> dict:
    """Events per month and type, with the month's mean Goldstein value, for a filter (a pair)."""
    rows = rows_of.counts_by_month_type_cameo(store, f)
    months: dict[str, dict] = {}
    year_only: dict[str, int] = defaultdict(int)
    other = {"open_year": 0, "undated": 0}
    types: dict[str, int] = defaultdict(int)
    quads: dict[str, int] = defaultdict(int)
    for bucket, type_, cameo, n in rows:
        types[type_] += n
        q = quad_class(cameo)
        if q is not None:
            quads[str(q)] += n
        if bucket in other:
            other[bucket] += n
        elif bucket.startswith("y"):
            year_only[bucket[1:]] += n
        else:
            m = months.setdefault(bucket, {"month": bucket, "events": 0, "by_type": defaultdict(int), "_m": _Mean()})
            m["events"] += n
            m["by_type"][type_] += n
            m["_m"].add(goldstein(cameo), n)
    out_months = []
    for m in months.values():
        mean = m.pop("_m")
        out_months.append({**m, "by_type": dict(m["by_type"]), "goldstein": mean.value, "scored_events": mean.n})
    return {"months": out_months, "year_only": dict(year_only), **other,
            "types": sorted(types, key=lambda t: (-types[t], t)), "quad_classes": dict(quads),
            "intensity_available": any(m["scored_events"] for m in out_months),
            "direction": direction(store, f) if f.countries and len(f.countries) == 2 else None}


def direction(store: Store, f: EventFilter) -> list[dict]:
    """Who acts on whom within a pair: events initiated by each side (the linker-merged
    ``initiator``/``recipient`` of issue 11, table ``event_direction``) and symmetric or
    undirected ones, each with its mean Goldstein value. A warming or cooling relationship often
    shows in one direction first (who sanctions, who protests, who visits)."""
    a, b = f.countries
    rows = rows_of.counts_by_initiator(store, f, a, b)
    sides = {(a, b): [0, _Mean()], (b, a): [0, _Mean()], (None, None): [0, _Mean()]}
    for a_acts, b_acts, cameo, n in rows:
        key = (a, b) if a_acts and not b_acts else (b, a) if b_acts and not a_acts else (None, None)
        sides[key][0] += n
        sides[key][1].add(goldstein(cameo), n)
    return [{"from": k[0], "to": k[1], "events": n, "goldstein": m.value} for k, (n, m) in sides.items()]
