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
from dataclasses import dataclass, field
from datetime import datetime, timezone

import numpy as np

from bilateral.link import Corrections, index_keys, link_reports, lookup_keys, report_id
from bilateral.link.evidence import compare
from bilateral.link.linker import lead_code, text_evidence
from bilateral.models import Event
from bilateral.store.backend import pipeline
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


def _reports_of_stories(conn: sqlite3.Connection, stories: set[str],
                        decoded: dict[str, Event] | None = None) -> dict[str, tuple[Event, str]]:
    """Every stored report of these stories with its event id; records already decoded
    (``decoded``, by report id) are not decoded again."""
    decoded = decoded or {}
    out: dict[str, tuple[Event, str]] = {}
    ids = sorted(stories)
    for k in range(0, len(ids), 500):
        chunk = ids[k:k + 500]
        for rid, record, event_id in conn.execute(
                f"SELECT report_id, record, event_id FROM reports WHERE story_id IN ({_marks(chunk)})", chunk):
            out[rid] = (decoded[rid] if rid in decoded else load_event(record), event_id)
    return out


def _corrections(conn: sqlite3.Connection, report_ids: list[str]) -> tuple[Corrections, set[str]]:
    """The corrections touching these reports, and the reports they name outside the set."""
    rows: list[tuple[str, str, str]] = []
    for k in range(0, len(report_ids), 400):
        chunk = report_ids[k:k + 400]
        m = _marks(chunk)
        rows += [tuple(r) for r in conn.execute(
            f"SELECT report_a, report_b, kind FROM corrections WHERE report_a IN ({m}) OR report_b IN ({m})",
            chunk + chunk)]
    return _as_corrections(rows, set(report_ids))


def _as_corrections(rows: Iterable[tuple[str, str, str]], known: set[str]) -> tuple[Corrections, set[str]]:
    corr = Corrections()
    others: set[str] = set()
    for a, b, kind in rows:
        (corr.merge if kind == "merge" else corr.split).add(frozenset((a, b)))
        if kind == "merge":
            others.update({a, b} - known)
    return corr, others


KEYS_PER_STATEMENT = 100  # capped key lookups sent as one statement (SQLite allows 500 terms)


def _key_lookup(report: Event) -> list[tuple[str, list]]:
    """The capped key lookups of ``report`` as statements of at most ``KEYS_PER_STATEMENT``
    ``UNION ALL``-ed ``LIMIT`` queries (SQL selecting ``report_id``, parameters)."""
    keys = lookup_keys(report)
    out: list[tuple[str, list]] = []
    for k in range(0, len(keys), KEYS_PER_STATEMENT):
        chunk = keys[k:k + KEYS_PER_STATEMENT]
        sql = " UNION ALL ".join(
            f"SELECT report_id FROM (SELECT report_id FROM link_keys WHERE key = ? "
            f"ORDER BY report_id DESC LIMIT ?) AS k{i}" for i in range(len(chunk)))
        params: list = []
        for key in chunk:
            params += [key, MAX_TIMELESS if key.endswith(TIMELESS_KEYS) else MAX_CANDIDATES]
        out.append((sql, params))
    return out


def candidates(conn: sqlite3.Connection, report: Event) -> list[str]:
    """Stored reports sharing a blocking key with ``report`` (each key capped).

    Why one statement: a dated report asks for about 25 keys per pair of states; one query per
    key was as many round trips (and, on PostgreSQL, network waits). Each key keeps its own
    ``LIMIT`` inside the ``UNION ALL``, so the set is exactly what the per-key queries gave."""
    found: set[str] = set()
    for sql, params in _key_lookup(report):
        found.update(r[0] for r in conn.execute(sql, params))
    return sorted(found)


def _candidate_rows(conn: sqlite3.Connection, report: Event) -> dict[str, tuple[bytes, str, bytes | None]]:
    """``candidates`` with what linking reads of each (record, story id, lead vector), in the
    same statement: one round trip from the new report's keys to its candidates' data."""
    out: dict[str, tuple[bytes, str, bytes | None]] = {}
    for sql, params in _key_lookup(report):
        for cid, record, story, vec in conn.execute(
                "SELECT r.report_id, r.record, r.story_id, v.lead_vec FROM reports r "
                "LEFT JOIN report_vectors v ON v.report_id = r.report_id "
                f"WHERE r.report_id IN ({sql})", params):
            out[cid] = (record, story, vec)
    return out


@dataclass
class Loaded:
    """What an attach already read or computed of the stored reports, so that re-deciding
    their stories does not read or decode them again: records, story ids, vectors (``stored``:
    the ids whose vector is already in the store) and the corrections naming the new report."""

    records: dict[str, Event] = field(default_factory=dict)
    stories: dict[str, str] = field(default_factory=dict)
    codes: dict[str, np.ndarray] = field(default_factory=dict)
    stored: set[str] = field(default_factory=set)
    own_id: str | None = None  # the new report's id
    own_corrections: list[tuple[str, str, str]] | None = None  # the rows of corrections naming it


def relink(conn: sqlite3.Connection, new: list[Event], seed_reports: Iterable[str],
           write_event: Callable[[Event], None], delete_event: Callable[[str], None],
           loaded: Loaded | None = None) -> None:
    """Re-decide the stories of ``seed_reports`` together with the ``new`` reports; rewrite
    what changed. Runs inside the caller's transaction."""
    loaded = loaded or Loaded()
    seeds = sorted(set(seed_reports))
    if all(s in loaded.stories for s in seeds):
        stories = {loaded.stories[s] for s in seeds}
    else:
        stories = _stories_of(conn, seeds)
    local = _reports_of_stories(conn, stories, loaded.records)
    new_ids = {report_id(r): r for r in new}
    if not local and loaded.own_corrections is not None and set(new_ids) <= {loaded.own_id}:
        corr, outside = _as_corrections(loaded.own_corrections, set(new_ids))  # read by the attach
    else:
        corr, outside = _corrections(conn, sorted(set(local) | set(new_ids)))
    for _ in range(MAX_CLOSURE_ROUNDS):  # merged reports drag their stories in
        if not outside:
            break
        more = _stories_of(conn, sorted(outside)) - stories
        stories |= more
        local.update(_reports_of_stories(conn, more, loaded.records))
        corr, outside = _corrections(conn, sorted(set(local) | set(new_ids)))
        outside -= set(local)
    reports = [r for r, _ in local.values()] + [r for rid, r in new_ids.items() if rid not in local]
    wanted = sorted(set(local) | set(new_ids))
    known = {rid: loaded.codes[rid] for rid in wanted if rid in loaded.codes}
    missing = [rid for rid in wanted if rid not in known and rid not in new_ids]
    from_store = _vectors(conn, missing) if missing else {}
    known.update(from_store)
    stored = loaded.stored | set(from_store)
    result = link_reports(reports, corr, known)

    old_events = {eid for _, eid in local.values()}
    new_events = {e.event_id: e for e in result.events}
    with pipeline(conn):  # PostgreSQL: the writes go in one flight, not one round trip each
        # every vector computed here, of the candidates the report did not link to as well:
        # a stored report is never embedded twice
        vectors = {**loaded.codes, **result.vectors}
        conn.executemany("INSERT INTO report_vectors VALUES (?,?) ON CONFLICT DO NOTHING",
                         [(rid, encode_vector(v)) for rid, v in sorted(vectors.items()) if rid not in stored])
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


def _linked_candidates(report: Event, rid: str, rows: dict[str, tuple[bytes, str, bytes | None]],
                       loaded: Loaded) -> list[str]:
    """The candidates the new report links to on its own (or through a correction): only
    their stories can change, so only they are re-decided. What it decodes and computes is
    kept in ``loaded`` for that."""
    corr, _ = _as_corrections(loaded.own_corrections or [], {rid})
    forced = {x for pair in corr.merge for x in pair} - {rid}
    own: list[np.ndarray] = []
    codes = loaded.codes

    def text(cid: str, cand: Event) -> float:
        if not own:
            own.append(lead_code(report))
            codes[rid] = own[0]
        if cid not in codes:
            codes[cid] = lead_code(cand)
        return text_evidence(report, cand, own[0], codes[cid])

    keep: list[str] = []
    for cid in sorted(rows):
        record, story, vec = rows[cid]
        cand = loaded.records[cid] = load_event(record)
        loaded.stories[cid] = story
        if vec is not None:
            codes[cid] = decode_vector(vec)
            loaded.stored.add(cid)
        if cid in forced or compare(report, cand, lambda c=cid, e=cand: text(c, e)).linked:
            keep.append(cid)
    return keep


def attach(conn: sqlite3.Connection, report: Event, write_event: Callable[[Event], None],
           delete_event: Callable[[str], None]) -> None:
    """Link one new report into the store (inside the caller's transaction).

    Round trips (which PostgreSQL pays each, and a loaded machine makes slow): one statement
    for "is it there, and which corrections name it", one from its blocking keys to its
    candidates' records and vectors, one for the stories it joins (when it joins any), and the
    writes in one flight (``pipeline``)."""
    rid = report_id(report)
    rows = [tuple(r) for r in conn.execute(
        "SELECT 'stored', NULL, NULL FROM reports WHERE report_id = ? UNION ALL "
        "SELECT report_a, report_b, kind FROM corrections WHERE report_a = ? OR report_b = ?", (rid, rid, rid))]
    if any(r[0] == "stored" and r[1] is None for r in rows):
        return  # the same report is already linked
    loaded = Loaded(own_id=rid, own_corrections=[r for r in rows if r[1] is not None])
    seeds = _linked_candidates(report, rid, _candidate_rows(conn, report), loaded)
    relink(conn, [report], seeds, write_event, delete_event, loaded)


def record_correction(conn: sqlite3.Connection, kind: str, a: tuple[str, str], b: tuple[str, str],
                      note: str | None = None) -> None:
    """Keep an analyst's decision between two reports ((report_id, doc_id) each); the latest wins."""
    (ra, da), (rb, db) = sorted((a, b))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.execute("INSERT INTO corrections VALUES (?,?,?,?,?,?,?) ON CONFLICT (report_a, report_b) DO UPDATE "
                 "SET kind = excluded.kind, note = excluded.note, created_at = excluded.created_at",
                 (ra, rb, kind, da, db, note, now))
