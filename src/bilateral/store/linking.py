"""The store's side of linking: attach a new report, apply an analyst's split or merge.

Why the store keeps reports: a stored event is a merge of reports, and the linker decides on
reports (one document's account each). When a new report arrives, the stored reports sharing a
blocking key with it (``link_keys``, every lookup capped at ``MAX_CANDIDATES`` so an attach
costs the same at any archive size) are scored against it; the stories of those it links to
(on its own, or through a correction) come along whole; the one linker
(``bilateral.link.link_reports``) re-decides that small set with the corrections that concern
it, and the events whose membership changed are rewritten. Stories the new report does not
link to cannot change, so they are not re-decided. The same set always gives the same
clusters, which is why ingesting one article at a time gives the clusters of one batch.
"""
from __future__ import annotations

import base64
import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime, timezone

import numpy as np

from bilateral.link import Corrections, index_keys, link_reports, lookup_keys, report_id
from bilateral.link.evidence import compare
from bilateral.link.linker import lead_code, text_evidence
from bilateral.models import Event
from bilateral.store.records import dump_event, load_event

MAX_CANDIDATES = 20  # reports per lookup key (a fixed subset beyond it): bounds the cost of an attach
MAX_TIMELESS = 10  # reports per key of reports with no date and no publication date (weak candidates)
TIMELESS_KEYS = ("|u:?", "|*")
MAX_CLOSURE_ROUNDS = 3  # merged stories pulled in through corrections, at most this deep


def encode_vector(code: np.ndarray) -> bytes:
    """A report's rounded title + lead vectors (``lead_code``: 2 x 512 signed bytes; one vector
    of 512 in stores written before, which then serves as both) as raw bytes (schema 4; BYTEA)."""
    return code.astype(np.int8).tobytes()


def decode_vector(data: bytes | memoryview | str) -> np.ndarray:
    """A stored vector: raw bytes, or base64 text as SQLite stores before schema 4 kept it."""
    if isinstance(data, str):
        return np.frombuffer(base64.b64decode(data), dtype=np.int8)
    return np.frombuffer(bytes(data), dtype=np.int8)


def _vectors(conn: sqlite3.Connection, report_ids: list[str]) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for k in range(0, len(report_ids), 500):
        chunk = report_ids[k:k + 500]
        for rid, vec in conn.execute(
                f"SELECT report_id, lead_vec FROM report_vectors WHERE report_id IN ({_marks(chunk)})", chunk):
            out[rid] = decode_vector(vec)
    return out


def _marks(items: list) -> str:
    return ",".join("?" * len(items))


def _stories_of(conn: sqlite3.Connection, report_ids: list[str]) -> set[str]:
    out: set[str] = set()
    for k in range(0, len(report_ids), 500):
        chunk = report_ids[k:k + 500]
        out.update(r[0] for r in conn.execute(
            f"SELECT DISTINCT story_id FROM reports WHERE report_id IN ({_marks(chunk)})", chunk))
    return out


def _reports_of_stories(conn: sqlite3.Connection, stories: set[str]) -> dict[str, tuple[Event, str]]:
    out: dict[str, tuple[Event, str]] = {}
    ids = sorted(stories)
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for rid, record, event_id in conn.execute(
                f"SELECT report_id, record, event_id FROM reports WHERE story_id IN ({_marks(chunk)})", chunk):
            out[rid] = (load_event(record), event_id)
    return out


def _corrections(conn: sqlite3.Connection, report_ids: list[str]) -> tuple[Corrections, set[str]]:
    """The corrections touching these reports, and the reports they name outside the set."""
    corr = Corrections()
    others: set[str] = set()
    known = set(report_ids)
    for k in range(0, len(report_ids), 400):
        chunk = report_ids[k:k + 400]
        m = _marks(chunk)
        for a, b, kind in conn.execute(
                f"SELECT report_a, report_b, kind FROM corrections WHERE report_a IN ({m}) OR report_b IN ({m})",
                chunk + chunk):
            (corr.merge if kind == "merge" else corr.split).add(frozenset((a, b)))
            if kind == "merge":
                others.update({a, b} - known)
    return corr, others


KEYS_PER_STATEMENT = 100  # capped key lookups sent as one statement (SQLite allows 500 terms)


def candidates(conn: sqlite3.Connection, report: Event) -> list[str]:
    """Stored reports sharing a blocking key with ``report`` (each key capped).

    Why one statement: a dated report asks for about 25 keys per pair of states; one query per
    key was as many round trips (and, on PostgreSQL, network waits). Each key keeps its own
    ``LIMIT`` inside the ``UNION ALL``, so the set is exactly what the per-key queries gave."""
    found: set[str] = set()
    keys = lookup_keys(report)
    for k in range(0, len(keys), KEYS_PER_STATEMENT):
        chunk = keys[k:k + KEYS_PER_STATEMENT]
        sql = " UNION ALL ".join(
            f"SELECT report_id FROM (SELECT report_id FROM link_keys WHERE key = ? "
            f"ORDER BY report_id DESC LIMIT ?) AS k{i}" for i in range(len(chunk)))
        params: list = []
        for key in chunk:
            params += [key, MAX_TIMELESS if key.endswith(TIMELESS_KEYS) else MAX_CANDIDATES]
        found.update(r[0] for r in conn.execute(sql, params))
    return sorted(found)


def relink(conn: sqlite3.Connection, new: list[Event], seed_reports: Iterable[str],
           write_event: Callable[[Event], None], delete_event: Callable[[str], None]) -> None:
    """Re-decide the stories of ``seed_reports`` together with the ``new`` reports; rewrite
    what changed. Runs inside the caller's transaction."""
    stories = _stories_of(conn, sorted(set(seed_reports)))
    local = _reports_of_stories(conn, stories)
    new_ids = {report_id(r): r for r in new}
    corr, outside = _corrections(conn, sorted(set(local) | set(new_ids)))
    for _ in range(MAX_CLOSURE_ROUNDS):  # merged reports drag their stories in
        if not outside:
            break
        more = _stories_of(conn, sorted(outside)) - stories
        stories |= more
        local.update(_reports_of_stories(conn, more))
        corr, outside = _corrections(conn, sorted(set(local) | set(new_ids)))
        outside -= set(local)
    reports = [r for r, _ in local.values()] + [r for rid, r in new_ids.items() if rid not in local]
    known = _vectors(conn, sorted(set(local) | set(new_ids)))
    result = link_reports(reports, corr, known)
    conn.executemany("INSERT INTO report_vectors VALUES (?,?) ON CONFLICT DO NOTHING",
                     [(rid, encode_vector(v)) for rid, v in sorted(result.vectors.items()) if rid not in known])

    old_events = {eid for _, eid in local.values()}
    new_events = {e.event_id: e for e in result.events}
    for eid in sorted(old_events - set(new_events)):
        delete_event(eid)
    for eid in sorted(set(new_events) - old_events):
        write_event(new_events[eid])
    for rep, a in result.assignments:
        parts = json.dumps(a.parts, ensure_ascii=False, sort_keys=True)
        if a.report_id in local:
            conn.execute("UPDATE reports SET event_id = ?, story_id = ?, link_score = ?, link_parts = ? "
                         "WHERE report_id = ?", (a.event_id, a.story_id, a.score, parts, a.report_id))
        else:
            conn.execute("INSERT INTO reports VALUES (?,?,?,?,?,?,?)",
                         (a.report_id, a.doc_id, a.event_id, a.story_id, a.score, parts, dump_event(rep)))
            conn.executemany("INSERT INTO link_keys VALUES (?,?) ON CONFLICT DO NOTHING",
                             [(k, a.report_id) for k in index_keys(rep)])


def _linked_candidates(conn: sqlite3.Connection, report: Event, rid: str, found: list[str]) -> list[str]:
    """The candidates the new report links to on its own (or through a correction): only
    their stories can change, so only they are re-decided."""
    if not found:
        return []
    records: dict[str, Event] = {}
    codes: dict[str, np.ndarray] = {}
    for k in range(0, len(found), 500):  # records and lead vectors in one query
        chunk = found[k:k + 500]
        for cid, record, vec in conn.execute(
                "SELECT r.report_id, r.record, v.lead_vec FROM reports r LEFT JOIN report_vectors v "
                f"ON v.report_id = r.report_id WHERE r.report_id IN ({_marks(chunk)})", chunk):
            records[cid] = load_event(record)
            if vec is not None:
                codes[cid] = decode_vector(vec)
    corr, _ = _corrections(conn, [rid])
    forced = {x for pair in corr.merge for x in pair} - {rid}
    own: list[np.ndarray] = []
    fresh: dict[str, np.ndarray] = {}

    def text(cid: str, cand: Event) -> float:
        if not own:
            own.append(lead_code(report))
        if cid not in codes:
            codes[cid] = fresh[cid] = lead_code(cand)
        return text_evidence(report, cand, own[0], codes[cid])

    keep = [cid for cid, cand in sorted(records.items())
            if cid in forced or compare(report, cand, lambda c=cid, e=cand: text(c, e)).linked]
    if own:
        fresh[rid] = own[0]
    conn.executemany("INSERT INTO report_vectors VALUES (?,?) ON CONFLICT DO NOTHING",
                     [(k, encode_vector(v)) for k, v in sorted(fresh.items())])
    return keep


def attach(conn: sqlite3.Connection, report: Event, write_event: Callable[[Event], None],
           delete_event: Callable[[str], None]) -> None:
    """Link one new report into the store (inside the caller's transaction)."""
    rid = report_id(report)
    if conn.execute("SELECT 1 FROM reports WHERE report_id = ?", (rid,)).fetchone():
        return  # the same report is already linked
    seeds = _linked_candidates(conn, report, rid, candidates(conn, report))
    relink(conn, [report], seeds, write_event, delete_event)


def record_correction(conn: sqlite3.Connection, kind: str, a: tuple[str, str], b: tuple[str, str],
                      note: str | None = None) -> None:
    """Keep an analyst's decision between two reports ((report_id, doc_id) each); the latest wins."""
    (ra, da), (rb, db) = sorted((a, b))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.execute("INSERT INTO corrections VALUES (?,?,?,?,?,?,?) ON CONFLICT (report_a, report_b) DO UPDATE "
                 "SET kind = excluded.kind, note = excluded.note, created_at = excluded.created_at",
                 (ra, rb, kind, da, db, note, now))
