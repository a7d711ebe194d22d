"""Read-only access to the store for the API: pages of events, a monthly timeline, counts.

Why not just ``find_events``: it loads every matching event, which the dashboard cannot afford
on every page turn of a large store. The API takes the same WHERE clause (``filter_sql``, so the
API and ``bilateral events`` always agree on what a filter means) and counts, pages and groups in
SQL, parsing only the events it returns.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bilateral.models import Event
from bilateral.store.db import Store
from bilateral.store.query import EventFilter, filter_sql
from bilateral.store.records import load_event


class ReadOnlyStore(Store):
    """A ``Store`` on a read-only connection: the server can never change the database.

    SQLite: opened with ``mode=ro`` (``immutable`` in a folder nobody can write to, where the
    WAL's shared-memory file cannot be made); PostgreSQL: every transaction is read-only. The
    SQLite connection may be used from several threads of the server's pool (a streamed
    response), one request at a time.
    """

    def __init__(self, target: str | Path) -> None:
        super().__init__(target, read_only=True)


ORDERS = {"asc": "e.date IS NULL, e.date, e.event_id",
          "desc": "e.date IS NULL, e.date DESC, e.event_id"}


def page_events(store: Store, f: EventFilter, limit: int, offset: int, order: str = "asc") -> tuple[int, list[Event]]:
    """The total number of matching events and one page of them."""
    where, params = filter_sql(f, whole=True)
    total = store.conn.execute(f"SELECT COUNT(*) FROM events e {where}", params).fetchone()[0]
    where, params = filter_sql(f)
    # Sort and skip on ids only (sorting whole records is slow deep into a large store), then read the page.
    page = [r[0] for r in store.conn.execute(
        f"SELECT e.event_id FROM events e {where} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?", params + (limit, offset))]
    if not page:
        return total, []
    records = dict(store.conn.execute(
        f"SELECT event_id, record FROM events WHERE event_id IN ({','.join('?' * len(page))})", page).fetchall())
    return total, [load_event(records[i]) for i in page]


def iter_filtered(store: Store, f: EventFilter) -> Iterator[Event]:
    """Every matching event, one at a time (for streamed exports), in ``find_events``'s order."""
    where, params = filter_sql(f)
    for row in store.conn.execute(f"SELECT record FROM events e {where} ORDER BY {ORDERS['asc']}", params):
        yield load_event(row[0])


def get_event(store: Store, event_id: str) -> Event | None:
    row = store.conn.execute("SELECT record FROM events WHERE event_id = ?", (event_id,)).fetchone()
    return None if row is None else load_event(row[0])


def timeline(store: Store, f: EventFilter) -> dict:
    """Events per month for a filter; events dated only to a year, or not at all, counted apart."""
    where, params = filter_sql(f, whole=True)
    rows = store.conn.execute(
        f"""SELECT CASE WHEN e.date IS NULL THEN 'undated'
                        WHEN e.date LIKE '--%' THEN 'open_year'
                        WHEN length(e.date) >= 7 THEN substr(e.date, 1, 7)
                        ELSE 'y' || e.date END AS bucket, COUNT(*) FROM events e {where}
            GROUP BY bucket ORDER BY bucket""", params).fetchall()
    months, years, other = [], {}, {"open_year": 0, "undated": 0}
    for bucket, n in rows:
        if bucket in other:
            other[bucket] = n
        elif bucket.startswith("y"):
            years[bucket[1:]] = n
        else:
            months.append({"month": bucket, "events": n})
    return {"months": months, "year_only": years, **other}


def stats(store: Store) -> dict:
    """What the store holds: documents, events by type, top country pairs, languages."""
    q = store.conn.execute

    def pairs(sql: str, *params) -> list[dict]:
        return [{"key": k, "count": n} for k, n in q(sql, params).fetchall()]

    dates = q("SELECT MIN(date), MAX(date) FROM events WHERE date NOT LIKE '--%'").fetchone()
    return {
        "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
        "events": q("SELECT COUNT(*) FROM events").fetchone()[0],
        "sources": q("SELECT COUNT(*) FROM event_sources").fetchone()[0],
        "figures": q("SELECT COUNT(*) FROM figures").fetchone()[0],
        "quotes": q("SELECT COUNT(*) FROM quotes").fetchone()[0],
        "actors": q("SELECT COUNT(DISTINCT name) FROM actors").fetchone()[0],
        "events_with_conflicts": q("SELECT COUNT(*) FROM events WHERE conflicts IS NOT NULL AND conflicts != '[]'")
        .fetchone()[0],
        "date_range": {"from": dates[0], "to": dates[1]},
        "events_by_type": pairs("SELECT type, COUNT(*) n FROM events GROUP BY type ORDER BY n DESC, type"),
        "events_by_pair": [{"pair": d["key"], "count": d["count"]} for d in pairs(
            """SELECT c1.country || '-' || c2.country AS pair, COUNT(*) n FROM event_countries c1
               JOIN event_countries c2 ON c1.event_id = c2.event_id AND c1.country < c2.country
               GROUP BY pair ORDER BY n DESC, pair LIMIT 20""")],
        "events_by_country": [{"country": d["key"], "count": d["count"]} for d in pairs(
            "SELECT country, COUNT(*) n FROM event_countries GROUP BY country ORDER BY n DESC, country LIMIT 30")],
        "languages": [{"language": d["key"], "documents": d["count"]} for d in pairs(
            "SELECT COALESCE(language, '?') lang, COUNT(*) n FROM documents GROUP BY lang ORDER BY n DESC, lang")],
    }


def meetings(store: Store, actor: str | None, countries: list[str]) -> list[tuple[str, str, int, str | None]]:
    """``who_met`` narrowed to people of the given states: one state = either person is from it,
    a pair = one person from each. A person's states are those the store gives their name."""
    from bilateral.store.query import who_met

    rows = who_met(store, actor)
    if not countries:
        return rows
    marks = ",".join("?" * len(countries))
    people: dict[str, set[str]] = {c: set() for c in countries}
    for name, country in store.conn.execute(
            f"SELECT DISTINCT name, country FROM actors WHERE country IN ({marks})", countries):
        people[country].add(name)
    if len(countries) == 1:
        (only,) = people.values()
        return [r for r in rows if r[0] in only or r[1] in only]
    x, y = people[countries[0]], people[countries[1]]
    return [r for r in rows if (r[0] in x and r[1] in y) or (r[0] in y and r[1] in x)]
