"""What the watcher has seen, fetched and ingested: a small SQLite file that survives restarts.

Why a file of its own (not tables in the event store): the store is the analysts' database
(SQLite today, PostgreSQL for teams) and holds what was *extracted*; this file holds crawl
bookkeeping (validators, retry times, pages waiting for ingest) that no query needs.

An item moves  new -> fetched -> ingested,  or ends  refused  (will never be fetched again: a
404, robots.txt, an unsupported language) or  failed  (gave up after ``MAX_ATTEMPTS``); a
transient failure (timeout, 5xx) puts it in  retry  with a time before which it is not tried.
Every change is committed at once, and a fetched page is kept (``record``) until the store has
it, so a watcher killed at any point neither fetches an article twice nor loses one.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bilateral.store.backend import is_url
from bilateral.watch.feeds import FeedItem

MAX_ATTEMPTS = 5
RETRY_BASE = 600.0  # seconds before the first retry; doubles with each failed attempt (max a day)


def default_state_path(db: str) -> Path:
    """The watcher's state sits beside the database it feeds (one state per database); for a
    PostgreSQL database, in the user's data folder under a name made from its URL."""
    if is_url(db):
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "bilateral"
        return base / f"watch-{hashlib.sha1(db.encode('utf-8')).hexdigest()[:12]}.sqlite"
    return Path(db + ".watch")


_DDL = [
    """CREATE TABLE IF NOT EXISTS feeds (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at REAL, error TEXT)""",
    """CREATE TABLE IF NOT EXISTS items (
        url TEXT PRIMARY KEY, feed TEXT NOT NULL, entry_key TEXT, title TEXT, published TEXT,
        status TEXT NOT NULL, reason TEXT, attempts INTEGER NOT NULL DEFAULT 0, retry_after REAL,
        doc_id TEXT, record TEXT, first_seen REAL NOT NULL, updated REAL NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS items_status ON items (status)",
]


@dataclass
class Pending:
    """An item waiting to be fetched."""

    item: FeedItem
    feed: str
    attempts: int


class WatchState:
    def __init__(self, path: str | Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        for statement in _DDL:
            self.conn.execute(statement)
        self._clock = clock

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "WatchState":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ feeds

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        row = self.conn.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (feed,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def feed_checked(self, feed: str, etag: str | None = None, last_modified: str | None = None,
                     error: str | None = None, keep_validators: bool = False) -> None:
        old = self.validators(feed)
        if keep_validators:
            etag, last_modified = old
        self.conn.execute(
            """INSERT INTO feeds VALUES (?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET
               etag=excluded.etag, last_modified=excluded.last_modified,
               checked_at=excluded.checked_at, error=excluded.error""",
            (feed, etag, last_modified, self._clock(), error))

    # ------------------------------------------------------------ items

    def add_items(self, feed: str, items: list[FeedItem]) -> int:
        """Remember the feed's items; returns how many were never seen before (by URL)."""
        now = self._clock()
        added = 0
        for it in items:
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO items (url, feed, entry_key, title, published, status, first_seen, updated) "
                "VALUES (?,?,?,?,?,'new',?,?)", (it.url, feed, it.key, it.title, it.published, now, now))
            added += cur.rowcount
        return added

    def due(self) -> list[Pending]:
        """Items to fetch now: new ones, and retries whose waiting time is over (oldest first)."""
        rows = self.conn.execute(
            """SELECT url, feed, entry_key, title, published, attempts FROM items
               WHERE status = 'new' OR (status = 'retry' AND retry_after <= ?)
               ORDER BY first_seen, url""", (self._clock(),)).fetchall()
        return [Pending(FeedItem(r[2] or r[0], r[0], r[3], r[4]), r[1], r[5]) for r in rows]

    def fetched(self, url: str, record: dict) -> None:
        self._set(url, "fetched", None, doc_id=record["id"], record=json.dumps(record, ensure_ascii=False),
                  attempt=True)

    def refused(self, url: str, reason: str) -> None:
        self._set(url, "refused", reason, attempt=True)

    def failed_transient(self, url: str, reason: str, attempts_before: int) -> str:
        """Record a transient failure; returns the new status (``retry`` or ``failed``)."""
        attempts = attempts_before + 1
        if attempts >= MAX_ATTEMPTS:
            self._set(url, "failed", f"{reason} (gave up after {attempts} attempts)", attempt=True)
            return "failed"
        wait = min(RETRY_BASE * 2 ** (attempts - 1), 86400.0)
        self._set(url, "retry", reason, attempt=True, retry_after=self._clock() + wait)
        return "retry"

    def waiting_for_ingest(self) -> list[dict]:
        """Fetched pages the store does not have yet (kept across a crash between fetch and ingest)."""
        return [json.loads(r[0]) for r in self.conn.execute(
            "SELECT record FROM items WHERE status = 'fetched' ORDER BY first_seen, url")]

    def ingested(self, doc_id: str) -> None:
        self.conn.execute("UPDATE items SET status='ingested', record=NULL, reason=NULL, updated=? WHERE doc_id=?",
                          (self._clock(), doc_id))

    def ingest_failed(self, doc_id: str, reason: str) -> None:
        self.conn.execute("UPDATE items SET status='failed', record=NULL, reason=?, updated=? WHERE doc_id=?",
                          (reason, self._clock(), doc_id))

    def counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT status, COUNT(*) FROM items GROUP BY status").fetchall())

    def _set(self, url: str, status: str, reason: str | None, *, doc_id: str | None = None,
             record: str | None = None, attempt: bool = False, retry_after: float | None = None) -> None:
        self.conn.execute(
            """UPDATE items SET status=?, reason=?, doc_id=COALESCE(?, doc_id), record=?,
               attempts=attempts + ?, retry_after=?, updated=? WHERE url=?""",
            (status, reason, doc_id, record, 1 if attempt else 0, retry_after, self._clock(), url))
