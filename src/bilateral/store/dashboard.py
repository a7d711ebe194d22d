"""The grouped rows behind the dashboard's pictures (map, network, a pair's trends), read-only.

Part of the one query layer (with ``store/query.py``): ``serve/views_data.py`` turns these rows
into the map, the network and the trends and holds no SQL. Every function takes the same
``EventFilter`` as ``/api/events`` (``filter_sql``: a filter means the same everywhere) and
groups in SQL, so a picture of a large store never parses the matching records.
"""
from __future__ import annotations

from bilateral.store.db import Store
from bilateral.store.query import EventFilter, filter_sql

MEETING_TYPES = ("CONSULT",)  # PLOVER: meetings, visits, calls: what "who met whom" counts


def _joined(store: Store, column: str) -> str:
    """SQL aggregating ``column`` into one comma-separated text, in the store's dialect."""
    if getattr(store, "dialect", "sqlite") == "postgresql":
        return f"string_agg({column}, ',' ORDER BY {column})"
    return f"group_concat({column})"


def _where(store: Store, f: EventFilter, extra: str = "", params: tuple = ()) -> tuple[str, tuple]:
    where, p = filter_sql(f, dialect=store.dialect)
    if extra:
        where = (where + " AND " if where else "WHERE ") + extra
        p = p + params
    return where, p


def _types(meetings_only: bool) -> tuple[str, tuple]:
    if not meetings_only:
        return "", ()
    return f"e.type IN ({','.join('?' * len(MEETING_TYPES))})", MEETING_TYPES


def counts_by_states_and_cameo(store: Store, f: EventFilter) -> list[tuple[str, str | None, int]]:
    """``(state list "BY,KZ", CAMEO code, events)`` over the matching events: one scan grouped by
    ``events.countries``; states are split by the caller instead of joining ``event_countries``,
    whose row-by-row lookups into the wide events table cost ten times more (bench_dashboard.py)."""
    where, params = _where(store, f)
    return [tuple(r) for r in store.conn.execute(
        f"SELECT e.countries, e.cameo, COUNT(*) FROM events e {where} GROUP BY e.countries, e.cameo", params)]


def counts_by_place(store: Store, f: EventFilter) -> list[tuple[int, str | None, str | None, str | None, int]]:
    """``(geonameid, place name, its state, CAMEO code, events)`` for the matching events with a place."""
    where, params = _where(store, f, "e.geonameid IS NOT NULL")
    return [tuple(r) for r in store.conn.execute(
        f"""SELECT e.geonameid, e.location_name, e.location_country, e.cameo, COUNT(*) FROM events e {where}
            GROUP BY e.geonameid, e.location_name, e.location_country, e.cameo""", params)]


def newest_event_ids(store: Store, f: EventFilter, limit: int, *, geonameid: int | None = None,
                     edge: tuple[str, str, str] | None = None,
                     meetings_only: bool = False) -> tuple[int, list[str]]:
    """``(total, ids)``: the matching events, newest first, narrowed to one place
    (``geonameid``) or to the events of both ends of a network edge (``edge``: level
    "country" | "person", then the two states or people), optionally meetings only."""
    clauses, params = [], []
    types, tparams = _types(meetings_only)
    if types:
        clauses.append(types)
        params += list(tparams)
    if geonameid is not None:
        clauses.append("e.geonameid = ?")
        params.append(geonameid)
    if edge is not None:
        level, a, b = edge
        table, col = ("actors", "name") if level == "person" else ("event_countries", "country")
        for value in (a, b):
            clauses.append(f"EXISTS (SELECT 1 FROM {table} x WHERE x.event_id = e.event_id AND x.{col} = ?)")
            params.append(value)
    where, p = _where(store, f, " AND ".join(clauses), tuple(params))
    total = store.conn.execute(f"SELECT COUNT(*) FROM events e {where}", p).fetchone()[0]
    ids = [r[0] for r in store.conn.execute(
        f"SELECT e.event_id FROM events e {where} ORDER BY e.date IS NULL, e.date DESC, e.event_id LIMIT ?",
        p + (limit,))]
    return total, ids


def person_pairs(store: Store, f: EventFilter, meetings_only: bool) -> list[tuple]:
    """``(person a, person b, events, last date, a's state, b's state)`` for people of different
    (or unknown) states in the same matching event, most frequent first. The matching events are
    selected once, then their people paired."""
    where, params = _where(store, f, *_types(meetings_only))
    return [tuple(r) for r in store.conn.execute(
        f"""WITH m AS MATERIALIZED (SELECT e.event_id, e.date FROM events e {where})
            SELECT a1.name, a2.name, COUNT(*), MAX(m.date), MAX(a1.country), MAX(a2.country) FROM m
            JOIN actors a1 ON a1.event_id = m.event_id
            JOIN actors a2 ON a2.event_id = m.event_id AND a1.name < a2.name
            WHERE a1.country IS NULL OR a2.country IS NULL OR a1.country != a2.country
            GROUP BY a1.name, a2.name ORDER BY COUNT(*) DESC, MAX(m.date) DESC, a1.name, a2.name""", params)]


def counts_by_states_and_initiators(store: Store, f: EventFilter, meetings_only: bool) -> list[tuple]:
    """``(state list, initiating states "BY,KZ" or None, events, last date)``: one scan of the
    matching events grouped by their states and who initiated them."""
    where, params = _where(store, f, *_types(meetings_only))
    return [tuple(r) for r in store.conn.execute(
        f"""SELECT e.countries, (SELECT {_joined(store, "d.country")} FROM event_direction d
                                 WHERE d.event_id = e.event_id AND d.side = 'initiator') AS init,
                   COUNT(*), MAX(e.date) FROM events e {where} GROUP BY e.countries, init""", params)]


def counts_by_month_type_cameo(store: Store, f: EventFilter) -> list[tuple[str, str, str | None, int]]:
    """``(bucket, type, CAMEO code, events)``; bucket: ``YYYY-MM``, ``y`` + year for a year-only
    date, ``open_year`` (a day without its year) or ``undated``."""
    where, params = _where(store, f)
    return [tuple(r) for r in store.conn.execute(
        f"""SELECT CASE WHEN e.date IS NULL THEN 'undated' WHEN e.date LIKE '--%' THEN 'open_year'
                        WHEN length(e.date) >= 7 THEN substr(e.date, 1, 7) ELSE 'y' || e.date END AS bucket,
                   e.type, e.cameo, COUNT(*) FROM events e {where}
            GROUP BY bucket, e.type, e.cameo ORDER BY bucket""", params)]


def counts_by_initiator(store: Store, f: EventFilter, a: str, b: str) -> list[tuple[bool, bool, str | None, int]]:
    """``(a initiated, b initiated, CAMEO code, events)`` over the matching events
    (``event_direction``: the linker-merged initiator of directed events)."""
    where, params = _where(store, f)
    init = ("EXISTS (SELECT 1 FROM event_direction d WHERE d.event_id = e.event_id AND d.side = 'initiator' "
            "AND d.country = ?)")
    return [tuple(r) for r in store.conn.execute(
        f"SELECT {init} AS a_acts, {init} AS b_acts, e.cameo, COUNT(*) FROM events e {where} "
        "GROUP BY a_acts, b_acts, e.cameo", (a, b) + params)]
