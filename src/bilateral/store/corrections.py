"""An analyst corrects the linker: why sources were merged, split a source off, merge events.

Why corrections are kept between reports and not applied to events once: event ids change
whenever an event gains a source, and a later article can re-open a story. So a split is kept
as "these two reports are never one story" and a merge as "these two reports are one event"
(table ``corrections``); the linker applies them every time it re-decides a story they touch,
so they survive later links and re-ingests (tested).
"""
from __future__ import annotations

import json
from typing import Any

from bilateral.store.backend import begin_write
from bilateral.store.db import Store
from bilateral.store.linking import record_correction, relink
from bilateral.store.records import load_record


class CorrectionError(ValueError):
    """A correction that names no such event or source; the message says which."""


def _reports_of(store: Store, event_id: str) -> list[tuple[str, str, str]]:
    """(report_id, doc_id, story_id) of the reports merged into an event."""
    return [tuple(r) for r in store.conn.execute(
        "SELECT report_id, doc_id, story_id FROM reports WHERE event_id = ? ORDER BY report_id", (event_id,))]


def _require(store: Store, event_id: str) -> list[tuple[str, str, str]]:
    reports = _reports_of(store, event_id)
    if not reports:
        raise CorrectionError(f"no event {event_id!r}")
    return reports


def explain(store: Store, event_id: str) -> dict[str, Any] | None:
    """Why an event's sources are together: per source its best link (score and parts) to
    another source of the event, the other events of its story, the corrections that apply."""
    reports = store.conn.execute(
        "SELECT report_id, doc_id, story_id, link_score, link_parts, record FROM reports WHERE event_id = ? "
        "ORDER BY doc_id, report_id", (event_id,)).fetchall()
    if not reports:
        return None
    story = reports[0][2]
    sources = []
    for rid, doc, _, score, parts, record in reports:
        rec = load_record(record)
        sources.append({"doc_id": doc, "report_id": rid, "type": rec.get("type"), "date": rec.get("date"),
                        "countries": rec.get("countries"), "score": score,
                        "link": json.loads(parts) if parts else {}})
    by_event: dict[tuple[str, str], set[str]] = {}
    for eid, typ, doc in store.conn.execute(
            "SELECT r.event_id, e.type, r.doc_id FROM reports r JOIN events e ON e.event_id = r.event_id "
            "WHERE r.story_id = ? AND r.event_id <> ?", (story, event_id)):
        by_event.setdefault((eid, typ), set()).add(doc)
    siblings = [{"event_id": eid, "type": typ, "doc_ids": sorted(docs)} for (eid, typ), docs in sorted(by_event.items())]
    ids = [r[0] for r in reports]
    marks = ",".join("?" * len(ids))
    corrections = [{"kind": k, "doc_a": da, "doc_b": db, "note": note, "at": at}
                   for k, da, db, note, at in store.conn.execute(
                       f"SELECT kind, doc_a, doc_b, note, created_at FROM corrections WHERE report_a IN ({marks}) "
                       f"OR report_b IN ({marks}) ORDER BY created_at, doc_a, doc_b", ids + ids)]
    return {"event_id": event_id, "story_id": story, "sources": sources, "story_events": siblings,
            "corrections": corrections}


def _relink(store: Store, report_ids: list[str]) -> None:
    relink(store.conn, [], report_ids, store._insert_event, store._delete_event)


def split(store: Store, event_id: str, doc_ids: list[str], note: str | None = None) -> list[str]:
    """Take the sources ``doc_ids`` out of an event: they never share a story with the event's
    other sources again. Returns the ids of the events that hold the event's reports now."""
    reports = _require(store, event_id)
    docs = set(doc_ids)
    missing = docs - {d for _, d, _ in reports}
    if missing:
        raise CorrectionError(f"event {event_id} has no source {', '.join(sorted(missing))}")
    out = [(r, d) for r, d, _ in reports if d in docs]
    stay = [(r, d) for r, d, _ in reports if d not in docs]
    if not stay:
        raise CorrectionError(f"splitting off every source of event {event_id} leaves nothing to split from")
    begin_write(store.conn, store.dialect)
    try:
        for a in out:
            for b in stay:
                record_correction(store.conn, "split", a, b, note)
        _relink(store, [r for r, _, _ in reports])
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise
    return _events_of(store, [r for r, _, _ in reports])


def merge(store: Store, event_ids: list[str], note: str | None = None) -> str:
    """Make several events one: their reports always share an event from now on."""
    if len(set(event_ids)) < 2:
        raise CorrectionError("merge needs two or more different events")
    groups = [[(r, d) for r, d, _ in _require(store, eid)] for eid in dict.fromkeys(event_ids)]
    begin_write(store.conn, store.dialect)
    try:
        for k in range(1, len(groups)):  # a chain of must-links joins them all
            for a in groups[0]:
                for b in groups[k]:
                    record_correction(store.conn, "merge", a, b, note)
        _relink(store, [r for g in groups for r, _ in g])
        store.conn.execute("COMMIT")
    except BaseException:
        store.conn.execute("ROLLBACK")
        raise
    found = _events_of(store, [groups[0][0][0]])
    return found[0]


def _events_of(store: Store, report_ids: list[str]) -> list[str]:
    marks = ",".join("?" * len(report_ids))
    return [r[0] for r in store.conn.execute(
        f"SELECT DISTINCT event_id FROM reports WHERE report_id IN ({marks}) ORDER BY event_id", report_ids)]
