"""The store (a SQLite file or PostgreSQL, see ``backend``): documents and linked events,
written incrementally.

Each document is added in one transaction together with the events it changes, so an ingest
killed midway leaves a consistent database, and re-running it adds exactly what is missing. A
document already stored with the same content is skipped: ingesting twice changes nothing.
A new report is compared only with stored reports that share a blocking key (pair of states and
a dated window, see ``bilateral.link.blocking``), so the cost per document does not grow with the
store; ``bilateral.store.linking`` does the linking with the one linker of ``bilateral.link``.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from bilateral.models import Document, Event, RawDocument
from bilateral.store import migrate
from bilateral.store.backend import StoreError, _sqlite_reason, begin_write, connect, describe, is_url, rollback
from bilateral.store.linking import attach
from bilateral.store.records import dump_event, load_event
from bilateral.store.schema import EVENT_TABLES


def default_db_path() -> Path | str:
    """$BILATERAL_DB (a file, or a ``postgresql://`` URL kept as text), else
    $XDG_DATA_HOME/bilateral/bilateral.sqlite (~/.local/share/...)."""
    if os.environ.get("BILATERAL_DB"):
        value = os.environ["BILATERAL_DB"]
        return value if is_url(value) else Path(value)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "bilateral" / "bilateral.sqlite"


def content_hash(raw: RawDocument) -> str:
    """Hash of the input as read: an unchanged article is recognised before any processing."""
    body = raw.text if raw.text is not None else (raw.html or "")
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


ANALYSIS_ROWS = 1000  # rows of each index the planner statistics sample (PRAGMA analysis_limit)


class Store:
    """A store in a SQLite file or a PostgreSQL database (``postgresql://...``), at the current
    schema version (created or migrated on open, see ``bilateral.store.migrate``).

    Opening fails with one ``StoreError`` line for a folder, a file that is no database, a store
    of another schema version or a server that refuses. ``read_only`` never writes, not even the
    schema (``serve``)."""

    def __init__(self, target: str | Path, *, read_only: bool = False) -> None:
        self.target = str(target)
        self.path: Path | str = describe(target) if is_url(target) else Path(target)
        self.read_only = read_only
        self._wrote = False  # documents added: statistics are refreshed on close
        self.conn, self.dialect = connect(target, read_only=read_only)
        try:
            migrate.prepare(self.conn, self.dialect, read_only=read_only)
        except StoreError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: {_sqlite_reason(exc)}") from None

    def close(self) -> None:
        if self._wrote and self.dialect == "sqlite":
            self._refresh_statistics()
        self.conn.close()

    def _refresh_statistics(self) -> None:
        """Planner statistics for what this connection wrote. Why: SQLite has none until
        ANALYZE runs, and without them it can walk the wrong index for a filter on a large
        store (a state with a type: 3.4 s instead of 26 ms at 1,000,000 events). A sampled
        ANALYZE (about 1,000 rows of each index) costs milliseconds at any size; PostgreSQL's
        autovacuum keeps its own. Statistics are an optimisation: a failure is ignored."""
        try:
            self.conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_ROWS}")
            self.conn.execute("ANALYZE")
            self.conn.commit()
        except sqlite3.Error:
            pass

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ documents

    def document_state(self, doc_id: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return None if row is None else row[0]

    def add_document(self, doc: Document, events: list[Event], digest: str) -> str:
        """Store a document and link its events into the store. Returns added|unchanged|conflict."""
        known = self.document_state(doc.doc_id)
        if known == digest:
            return "unchanged"
        if known is not None:
            return "conflict"  # same id, other content: never silently rewrite what others cite
        begin_write(self.conn, self.dialect)
        self._wrote = True
        try:
            known = self.document_state(doc.doc_id)  # again under the lock: a concurrent ingest may have added it
            if known is not None:
                self.conn.execute("ROLLBACK")
                return "unchanged" if known == digest else "conflict"
            for event in events:
                self._link_and_store(event, doc.doc_id)
            self.conn.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.source, doc.url, doc.title, doc.language, doc.published, digest,
                 len(events), datetime.now(timezone.utc).isoformat(timespec="seconds")))
            self.conn.execute("COMMIT")
        except BaseException:
            rollback(self.conn)
            raise
        return "added"

    # ------------------------------------------------------------ events

    def _link_and_store(self, event: Event, doc_id: str) -> None:
        """Link one report of ``doc_id`` into the store (see ``bilateral.store.linking``)."""
        attach(self.conn, event, self._insert_event, self._delete_event)

    def _delete_event(self, event_id: str) -> None:
        self.conn.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
        for table in EVENT_TABLES:
            self.conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))

    def _insert_event(self, e: Event) -> None:
        if self.conn.execute("SELECT 1 FROM events WHERE event_id = ?", (e.event_id,)).fetchone():
            self._delete_event(e.event_id)  # the same id can only mean the same content
        loc = e.location
        self.conn.execute(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (e.event_id, e.type, e.mode, e.cameo, e.date, e.date_precision, ",".join(sorted(set(e.countries))),
             json.dumps(sorted(set(e.organizations))), loc.name if loc else None, loc.country if loc else None,
             loc.geonameid if loc else None, int(e.future), json.dumps(e.conflicts, ensure_ascii=False),
             len(e.sources), dump_event(e)))
        ex = self.conn.executemany
        states = sorted(set(e.countries))
        ex("INSERT INTO event_countries VALUES (?,?)", [(e.event_id, c) for c in states])
        # each pair of its states (a < b) with its type and date: the pair + type filter's index (schema 5)
        ex("INSERT INTO event_pairs VALUES (?,?,?,?,?)",
           [(e.event_id, a, b, e.type, e.date) for i, a in enumerate(states) for b in states[i + 1:]])
        ex("INSERT INTO event_direction VALUES (?,?,?)",
           [(e.event_id, side, c) for side, codes in (("initiator", e.initiator), ("recipient", e.recipient))
            for c in sorted(set(codes))])
        ex("INSERT INTO event_sources VALUES (?,?,?,?,?,?,?)",
           [(e.event_id, s.doc_id, s.language, s.published, s.title, s.date,
             " ".join(dict.fromkeys(x.text for x in s.evidence))) for s in e.sources])
        ex("INSERT OR IGNORE INTO actors VALUES (?,?,?,?)", [(e.event_id, a.name, a.country, a.role) for a in e.actors])
        ex("INSERT OR IGNORE INTO actor_names VALUES (?)", [(name,) for name in sorted({a.name for a in e.actors})])
        if loc and loc.geonameid:
            self.conn.execute("INSERT OR IGNORE INTO places VALUES (?,?,?)", (loc.geonameid, loc.name, loc.country))
        ex("INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?)",
           [(e.event_id, i, f.kind, f.flow, f.value, f.unit, f.period, ",".join(f.countries), f.qualifier,
             ",".join(f.flags)) for i, f in enumerate(e.figures)])
        ex("INSERT INTO quotes VALUES (?,?,?,?,?)",
           [(e.event_id, i, q.speaker, q.text, q.doc_id) for i, q in enumerate(e.quotes)])
        # where each piece of evidence is; its text is in the event's record (schema 4: no copy here)
        ex("INSERT INTO evidence (event_id, seq, field, ref, doc_id, start_offset, end_offset) VALUES (?,?,?,?,?,?,?)",
           [(e.event_id, i, fld, ref, ev.doc_id, ev.start, ev.end)
            for i, (fld, ref, ev) in enumerate(_evidence_rows(e))])

    # ------------------------------------------------------------ reading

    def iter_events(self, where: str = "", params: Iterable = (), order: str = "date, event_id") -> Iterator[Event]:
        sql = f"SELECT record FROM events e {where} ORDER BY {order}"
        for row in self.conn.execute(sql, tuple(params)):
            yield load_event(row[0])

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "event_sources", "actors", "figures", "quotes")}


def _evidence_rows(e: Event):
    for s in e.sources:
        for ev in s.evidence:
            yield "event", s.doc_id, ev
    for ev in e.date_evidence:
        yield "date", e.date, ev
    for ev in e.direction_evidence:
        yield "direction", "+".join(e.initiator) + "->" + "+".join(e.recipient), ev
    if e.location:
        for ev in e.location.evidence:
            yield "location", e.location.name, ev
    for a in e.actors:
        for ev in a.evidence:
            yield "actor", a.name, ev
    for f in e.figures:
        for ev in f.evidence:
            yield "figure", f"{f.kind}/{f.flow}/{f.period}", ev
    for q in e.quotes:
        for ev in q.evidence:
            yield "quote", q.speaker, ev
