"""The one query layer: the questions analysts ask of the store (events of a country or pair
over time, figures as a series, who met whom), for the CLI and, read-only, for ``serve``.

Why one module: a filter means the same in ``bilateral events``, the API and the exports
(``filter_sql``), and the HTTP server holds no SQL of its own; it opens a ``ReadOnlyStore`` and
calls these functions (the dashboard's grouped numbers are in ``store/dashboard.py``). Listings
page in SQL and parse only the events they return, so a first page costs the same at any store
size and a streamed listing keeps memory flat.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from bilateral.models import Event
from bilateral.store.db import Store
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


@dataclass
class EventFilter:
    countries: list[str] | None = None  # every one must take part (one = a country, two = a pair)
    date_from: str | None = None  # inclusive, compared as text on ISO dates
    date_to: str | None = None
    type: str | None = None
    actor: str | None = None  # substring of a canonical actor name, case-insensitive
    text: str | None = None  # substring of the evidence or a title
    limit: int | None = None
    from_country: str | None = None  # the initiator of a directed event
    to_country: str | None = None  # its recipient


def like_pattern(value: str) -> str:
    """``%value%`` for ``LIKE lower(?) ESCAPE '\\'`` with ``%``, ``_`` and ``\\`` in ``value`` taken literally.

    Why: a filter for "50%" or "state_visit" must find those characters, not use them as
    wildcards (``_`` matches any one character, ``%`` any run). The value is lowered by the
    database, with the same ``lower`` as the column it is compared with: text written exactly
    as stored always matches (Python's ``str.lower`` lowered "Астане" where SQLite's ASCII-only
    ``lower`` kept the stored word, so it never matched), and case is ignored as far as the
    engine's ``lower`` goes (ASCII in SQLite; every letter in PostgreSQL with a UTF-8 locale)."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


LIKE = "LIKE lower(?) ESCAPE '\\'"


def find_events(store: Store, f: EventFilter) -> list[Event]:
    return list(iter_events(store, f))


def iter_events(store: Store, f: EventFilter) -> Iterator[Event]:
    """The matching events one at a time, by date: memory stays flat whatever the result size
    (``bilateral events`` and exports stream from it), and ``limit`` is applied in SQL."""
    where, params = filter_sql(f, dialect=store.dialect, match=rare_trigrams(store, f.text))
    sql = f"SELECT record FROM events e {where} ORDER BY e.date IS NULL, e.date, e.event_id"
    if f.limit:
        sql, params = sql + " LIMIT ?", (*params, int(f.limit))
    rows = store.conn.stream(sql, params) if store.dialect == "postgresql" else store.conn.execute(sql, params)
    for row in rows:
        yield load_event(row[0])


def filter_sql(f: EventFilter, whole: bool = False, dialect: str = "sqlite", dense: bool = False,
               match: str | None = None) -> tuple[str, tuple]:
    """``(WHERE ..., params)`` over ``events e`` for a filter: the one definition of what a filter
    means, shared by the CLI and the HTTP API (which counts and pages in SQL).

    ``whole``: the query reads every match (a count, a timeline), not the first page in date
    order. The states are then written as ``IN`` lists, which the database reads from the
    country index (a count of one state's events at 200k events: 393 -> 71 ms), where the
    page's ``EXISTS`` lets it walk the date index and stop after one page (1-2 ms).

    ``actor`` and ``text`` are substrings, matched through indexes (schema 4) instead of reading
    every actor or source: the actor's names are found in ``actor_names`` (each name once), then
    their events through the actors' name index; the text's candidate sources come from the
    trigram index of the store's engine (``text_clause``) and are checked with the same LIKE as
    before, so what matches does not change, only how fast. Read through the index they give a
    set of events; ``dense`` (a first page of a filter that matches many events, see
    ``page_events``) tests each event in date order instead, which stops after one page. ``match``:
    the FTS5 query of the text's rare trigrams (``rare_trigrams``), which then drives the search."""
    clauses, params = [], []
    pair = _pair(f)
    if pair:  # two states read together from event_pairs (schema 5), the pair and the type in one index range
        a, b, others = pair
        typed = " AND p.type = ?" if f.type else ""
        clauses.append("EXISTS (SELECT 1 FROM event_pairs p WHERE p.event_id = e.event_id AND p.a = ? AND p.b = ?)"
                       if dense else
                       f"e.event_id IN (SELECT p.event_id FROM event_pairs p WHERE p.a = ? AND p.b = ?{typed})")
        params += [a, b] + ([f.type.upper()] if f.type and not dense else [])
    for code in others if pair else dict.fromkeys(c.upper() for c in f.countries or []):
        clauses.append("e.event_id IN (SELECT c.event_id FROM event_countries c WHERE c.country = ?)" if whole else
                       "EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.event_id AND c.country = ?)")
        params.append(code)
    for side, code in (("initiator", f.from_country), ("recipient", f.to_country)):
        if code:
            clauses.append("EXISTS (SELECT 1 FROM event_direction d WHERE d.event_id = e.event_id "
                           "AND d.side = ? AND d.country = ?)")
            params += [side, code.upper()]
    if f.date_from:
        clauses.append("e.date >= ?")  # open-year dates (--MM-DD) sort before any year: excluded
        params.append(f.date_from)
    if f.date_to:
        clauses.append("e.date <= ? AND e.date NOT LIKE '--%'")
        params.append(f.date_to + "\uffff")  # "2019-10" includes every day of October
    if f.type:
        clauses.append("e.type = ?")
        params.append(f.type.upper())
    if f.actor:
        names = f"SELECT n.name FROM actor_names n WHERE lower(n.name) {LIKE}"
        # the few matching names first, then their actors by the name index (CROSS JOIN keeps that
        # order in SQLite, whose planner would otherwise scan every actor for an IN list)
        clauses.append(f"EXISTS (SELECT 1 FROM actors a WHERE a.event_id = e.event_id AND a.name IN ({names}))"
                       if dense else f"e.event_id IN (SELECT a.event_id FROM actor_names n CROSS JOIN actors a "
                                     f"WHERE a.name = n.name AND lower(n.name) {LIKE})")
        params.append(like_pattern(f.actor))
    if f.text:
        clause, more = text_clause(f.text, dialect, dense, match)
        clauses.append(clause)
        params += more
    return (("WHERE " + " AND ".join(clauses)) if clauses else ""), tuple(params)


def _pair(f: EventFilter) -> tuple[str, str, list[str]] | None:
    """The filter's first two states (in code order) as a pair of ``event_pairs`` and the states
    left, when it names two or more different states; None otherwise."""
    states = sorted(dict.fromkeys(c.upper() for c in f.countries or []))
    return (states[0], states[1], states[2:]) if len(states) >= 2 else None


def _typed_states(f: EventFilter) -> bool:
    """A type with one state (two or more are a pair, read by ``event_pairs``) and no actor or
    text: read by walking the type's events in date order (``events_by_type``, ``_desc``), which
    finds a page or the capped count sooner than the state's events, of every type, would."""
    return bool(f.type and f.countries and not _pair(f) and not (f.actor or f.text))


def _pair_driver(f: EventFilter) -> tuple[str, tuple, EventFilter]:
    """``(SELECT p.event_id ..., params, the rest of the filter)``: the events of the filter's pair
    (and type) straight from the ``event_pairs_by_pair`` index, one row per event, and what is
    left to test on each of them."""
    a, b, others = _pair(f) or ("", "", [])
    sql, params = "SELECT p.event_id FROM event_pairs p WHERE p.a = ? AND p.b = ?", (a, b)
    if f.type:
        sql, params = sql + " AND p.type = ?", (*params, f.type.upper())
    return sql, params, replace(f, countries=others or None, type=None, limit=None)


def _each_event(rest: EventFilter, dialect: str, key: str) -> tuple[str, tuple]:
    """`` AND EXISTS (the event ``key`` matches ``rest``)``, or nothing when ``rest`` asks nothing:
    the rest of a filter tested on each event a driver yields, by its key."""
    where, params = filter_sql(rest, dialect=dialect, dense=True)
    if not where:
        return "", ()
    return f" AND EXISTS (SELECT 1 FROM events e WHERE e.event_id = {key} AND {where.removeprefix('WHERE ')})", params


MIN_INDEXED = 3  # characters: a trigram index finds nothing shorter


def text_clause(text: str, dialect: str, dense: bool = False, match: str | None = None) -> tuple[str, list]:
    """The ``text`` filter over ``events e``: a source's evidence or title contains ``text``
    (case-insensitive, ``%`` and ``_`` literal).

    SQLite: the FTS5 trigram index ``source_text`` gives the candidate sources, those holding
    every trigram of ``text`` (an AND of trigram terms: with ``detail=none`` this is a merge of
    posting lists, where FTS5's own LIKE would re-read and re-tokenise every candidate); the
    escaped LIKE then checks them. A text shorter than 3 characters scans. PostgreSQL: the LIKE
    itself, which the pg_trgm indexes on the same expressions serve.

    ``match`` (SQLite: the FTS5 query of the text's rare trigrams, see ``rare_trigrams``) replaces
    the AND of every trigram, and in a ``dense`` walk its few sources are read once and each
    event is tested for being one of them before any LIKE: a text in 1% of 1,000,000 events
    otherwise ran the LIKE on the ~4,400 events walked for a page of 50."""
    pattern = like_pattern(text)
    check = f"(lower(s.evidence) {LIKE} OR lower(s.title) {LIKE})"
    indexed = dialect == "sqlite" and len(text) >= MIN_INDEXED
    if dense and match and indexed:
        # ``+s.rowid``: not an index to drive from, a test of each of the event's sources
        return (f"EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id AND +s.rowid IN "
                f"(SELECT rowid FROM source_text WHERE source_text MATCH ?) AND {check})"), [match, pattern, pattern]
    if dense:
        return f"EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id AND {check})", [pattern, pattern]
    if indexed:
        return (f"e.event_id IN (SELECT s.event_id FROM event_sources s WHERE s.rowid IN "
                f"(SELECT rowid FROM source_text WHERE source_text MATCH ?) AND {check})"), [match or _trigrams(text),
                                                                                          pattern, pattern]
    return f"e.event_id IN (SELECT s.event_id FROM event_sources s WHERE {check})", [pattern, pattern]


def _grams(text: str) -> list[str]:
    low = text.lower()
    return list(dict.fromkeys(low[i:i + 3] for i in range(len(low) - 2)))


def _fts(grams: list[str]) -> str:
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


def _trigrams(text: str) -> str:
    """The FTS5 query for sources holding every trigram of ``text`` (lowered, each quoted)."""
    return _fts(_grams(text))


PROBE = 64  # postings read per trigram to estimate how many sources hold it
RARE, RARE_SHARE = 50_000, 0.1  # a trigram in at most this many sources and this share of them drives a search


def rare_trigrams(store: Store, text: str | None) -> str | None:
    """The FTS5 query of ``text``'s rarest trigrams (at most two) when they are rare, else None
    (another engine, a text shorter than a trigram, or only common trigrams: then every trigram
    is asked for, or the walk in date order finds a page soon anyway).

    Why: FTS5 answers an AND of trigrams by stepping through every term's postings, and a rare
    text's common trigrams ("num", "umb", "ber" of "number 77") are in nearly every source; the
    rare ones alone give a superset of the matches, which the escaped LIKE then checks (100,000
    events: 16 -> 0.3 ms for the candidates of "number 77"). How rare: the first ``PROBE``
    postings of each trigram, in rowid order, span a stretch of the sources; a trigram in one
    source of a hundred spans a hundred times more than one in every source."""
    if not text or getattr(store, "dialect", "sqlite") != "sqlite" or len(text) < MIN_INDEXED:
        return None
    sources = store.conn.execute("SELECT MAX(rowid) FROM event_sources").fetchone()[0] or 0
    estimate = {}
    for gram in _grams(text):
        rows = [r[0] for r in store.conn.execute(
            "SELECT rowid FROM source_text WHERE source_text MATCH ? LIMIT ?", (_fts([gram]), PROBE))]
        estimate[gram] = len(rows) if len(rows) < PROBE else PROBE * sources / max(1, rows[-1] - rows[0] + 1)
    rare = sorted((n, g) for g, n in estimate.items() if n <= min(RARE, sources * RARE_SHARE))[:2]
    return _fts([g for _, g in rare]) if rare else None


@dataclass
class FigurePoint:
    period: str | None
    kind: str
    flow: str | None
    value: float
    unit: str
    qualifier: str | None
    countries: str
    event_id: str
    date: str | None
    sources: int
    flags: str


def figure_series(store: Store, countries: list[str], kind: str | None = None) -> list[FigurePoint]:
    """Every figure stated about a country (pair), ordered by period: the series to chart."""
    clauses, params = [], []
    for code in countries:
        clauses.append("(',' || f.countries || ',') LIKE ?")
        params.append(f"%,{code.upper()},%")
    if kind:
        clauses.append("f.kind = ?")
        params.append(kind.lower())
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (f"SELECT f.*, e.date, e.n_sources FROM figures f JOIN events e ON e.event_id = f.event_id {where} "
           "ORDER BY f.period IS NULL, f.period, f.kind, f.flow, e.date")
    return [FigurePoint(r["period"], r["kind"], r["flow"], r["value"], r["unit"], r["qualifier"], r["countries"],
                        r["event_id"], r["date"], r["n_sources"], r["flags"] or "")
            for r in store.conn.execute(sql, params)]


def who_met(store: Store, actor: str | None = None) -> list[tuple[str, str, int, str | None]]:
    """Pairs of people who took part in the same CONSULT event: (a, b, times, last date)."""
    sql = """SELECT a1.name, a2.name, COUNT(*) AS n, MAX(e.date) AS last
             FROM actors a1 JOIN actors a2 ON a1.event_id = a2.event_id AND a1.name < a2.name
             JOIN events e ON e.event_id = a1.event_id
             WHERE e.type = 'CONSULT' AND (a1.country IS NULL OR a2.country IS NULL OR a1.country != a2.country)"""
    params: list[str] = []
    if actor:
        sql += f" AND (lower(a1.name) {LIKE} OR lower(a2.name) {LIKE})"
        params += [like_pattern(actor)] * 2
    sql += " GROUP BY a1.name, a2.name ORDER BY n DESC, last DESC"
    return [tuple(r) for r in store.conn.execute(sql, params)]


def date_added(store: Store, event_ids: list[str] | None = None) -> dict[str, str]:
    """When each event was last added to (GDELT's DATEADDED, YYYYMMDDHHMMSS UTC): the latest
    ingestion time of its documents; for ``event_ids``, or every event when None."""
    out: dict[str, str] = {}
    sql = ("SELECT s.event_id, MAX(d.ingested_at) FROM event_sources s JOIN documents d ON d.doc_id = s.doc_id "
           "GROUP BY s.event_id")
    wanted = None if event_ids is None else set(event_ids)
    for event_id, when in store.conn.execute(sql):
        if (wanted is None or event_id in wanted) and when:
            digits = "".join(ch for ch in when[:19] if ch.isdigit())
            if len(digits) == 14:
                out[event_id] = digits
    return out


# ---------------------------------------------------------------- pages, one event, counts (the API)

COUNT_AHEAD = 1000  # a page's count stops this many matches past the page's start ("1,000+")
DENSE = 1000  # matches from which a page walks the date index (50 in 1,000,000 within ~50,000 events)
ORDERS = {"asc": "e.date IS NULL, e.date, e.event_id",
          "desc": "e.date IS NULL, e.date DESC, e.event_id"}


class Page(NamedTuple):
    """One page of a filter's events and how many match: exactly ``total`` when ``exact``, else
    more than ``total`` (the count stopped at ``offset + COUNT_AHEAD``)."""

    total: int
    exact: bool
    events: list[Event]


def page_events(store: Store, f: EventFilter, limit: int, offset: int, order: str = "asc") -> Page:
    """One page of the matching events, and their number counted up to ``COUNT_AHEAD`` past the page.

    Why not ``find_events``: it would parse every match, which a page turn on a large store
    cannot afford; the count and the page are done in SQL and only the page is parsed. Why a
    capped count: counting every match of a filter that matches half of 1,000,000 events reads
    them all, which costs seconds, while its first page reads a few dozen; past ten thousand, the
    exact number says little that "1,000+" does not (``bilateral events --json`` or an export
    gives them all). The cap moves with the page, so there is always a next page to turn to
    while the count is not exact."""
    cap = offset + COUNT_AHEAD
    match = rare_trigrams(store, f.text)
    total = count_events(store, f, cap + 1, match=match)
    if f.type and _pair(f):
        # a pair with a type: its events are one range of the pairs index, in date order (or sorted
        # there, descending: a few thousand index entries), the rest of the filter tested on each
        driver, params, rest = _pair_driver(f)
        more, mparams = _each_event(rest, store.dialect, "p.event_id")
        page = [r[0] for r in store.conn.execute(
            f"{driver}{more} ORDER BY {ORDERS[order].replace('e.', 'p.')} LIMIT ? OFFSET ?",
            (*params, *mparams, limit, offset))]
        return Page(min(total, cap), total <= cap, events_by_id(store, page))
    # many matches: walking the date index finds a page of them soon; few: read them by index
    where, params = filter_sql(f, dialect=store.dialect, dense=total >= DENSE + offset or _typed_states(f), match=match)
    # Sort and skip on ids only (sorting whole records is slow deep into a large store), then read the page.
    page = [r[0] for r in store.conn.execute(
        f"SELECT e.event_id FROM events e {where} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?", params + (limit, offset))]
    return Page(min(total, cap), total <= cap, events_by_id(store, page))


def count_events(store: Store, f: EventFilter, cap: int | None = None, match: str | None = None) -> int:
    """How many events match, or ``cap`` when at least that many do (the count stops there);
    ``match``: the text's rare trigrams when the caller has them (``rare_trigrams``).

    A filter of states alone is counted on the narrow country index (``event_countries``: one
    state at 100,000 events 114 -> 18 ms), without visiting events."""
    states = [c.upper() for c in f.countries or []]
    if states and not any((f.date_from, f.date_to, f.type, f.actor, f.text, f.from_country, f.to_country)):
        joins = "".join(f" JOIN event_countries c{i} ON c{i}.event_id = c0.event_id AND c{i}.country = ?"
                        for i in range(1, len(states)))
        sql, params = f"SELECT 1 FROM event_countries c0{joins} WHERE c0.country = ?", (*states[1:], states[0])
    elif _typed_states(f):
        # a state with a type: the type's events walked by index, each probed for the state, until the
        # cap (an IN list would read every event of the state first: 212,992 of KZ at 1,000,000)
        where, params = filter_sql(f, dialect=store.dialect, dense=True)
        sql = f"SELECT 1 FROM events e {where}"
    elif _pair(f) and (f.type or not (f.actor or f.text)):
        # a pair (with its type) from event_pairs, one index entry per event, the rest tested on each
        driver, params, rest = _pair_driver(f)
        more, mparams = _each_event(rest, store.dialect, "p.event_id")
        sql, params = driver + more, (*params, *mparams)
    elif cap is not None and (f.actor or f.text):
        # Stream the events of the actor's names (or of the text's candidate sources) one by one,
        # each tested for the rest of the filter, until the cap: an IN list would read them all first.
        driver, params = _matching_ids(f, store.dialect, match or rare_trigrams(store, f.text))
        rest, more = filter_sql(replace(f, actor=None) if f.actor else replace(f, text=None),
                                dialect=store.dialect, dense=True)
        # the rest as a lookup of each event by its key (a join would let SQLite first scan every
        # event into a Bloom filter)
        sql = f"SELECT 1 FROM ({driver}) d" + (f" WHERE EXISTS (SELECT 1 FROM events e WHERE e.event_id = d.event_id "
                                              f"AND {rest.removeprefix('WHERE ')})" if rest else "")
        params = (*params, *more)
    else:
        where, params = filter_sql(f, whole=True, dialect=store.dialect, match=match or rare_trigrams(store, f.text))
        sql = f"SELECT 1 FROM events e {where}"
    if cap is None:
        return store.conn.execute(f"SELECT COUNT(*) FROM ({sql}) m", params).fetchone()[0]
    return store.conn.execute(f"SELECT COUNT(*) FROM ({sql} LIMIT ?) m", (*params, cap)).fetchone()[0]


def _matching_ids(f: EventFilter, dialect: str, match: str | None = None) -> tuple[str, tuple]:
    """The distinct ids of the events whose actor (else: whose text) matches, as a query that
    yields them one at a time from the index: the actor's names, then their events by the
    name index; the trigram index's candidate sources, checked with the escaped LIKE."""
    if f.actor:
        return (f"SELECT DISTINCT a.event_id FROM actor_names n CROSS JOIN actors a "
                f"WHERE a.name = n.name AND lower(n.name) {LIKE}"), (like_pattern(f.actor),)
    text = f.text or ""
    pattern = like_pattern(text)
    check = f"(lower(s.evidence) {LIKE} OR lower(s.title) {LIKE})"
    if dialect == "sqlite" and len(text) >= MIN_INDEXED:
        return (f"SELECT DISTINCT s.event_id FROM source_text t CROSS JOIN event_sources s ON s.rowid = t.rowid "
                f"WHERE source_text MATCH ? AND {check}"), (match or _trigrams(text), pattern, pattern)
    return f"SELECT DISTINCT s.event_id FROM event_sources s WHERE {check}", (pattern, pattern)


def events_by_id(store: Store, event_ids: list[str]) -> list[Event]:
    """The stored events of ``event_ids``, in that order (ids not stored are left out)."""
    records: dict[str, bytes] = {}
    for start in range(0, len(event_ids), 500):  # a bounded statement whatever the number of ids
        chunk = event_ids[start:start + 500]
        records.update(store.conn.execute(
            f"SELECT event_id, record FROM events WHERE event_id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return [load_event(records[i]) for i in event_ids if i in records]


def get_event(store: Store, event_id: str) -> Event | None:
    row = store.conn.execute("SELECT record FROM events WHERE event_id = ?", (event_id,)).fetchone()
    return None if row is None else load_event(row[0])


def timeline(store: Store, f: EventFilter) -> dict:
    """Events per month for a filter; events dated only to a year, or not at all, counted apart."""
    where, params = filter_sql(f, whole=True, dialect=store.dialect)
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
