"""One polling round: feeds -> new items -> pages fetched once -> the store, through ``ingest``.

Order of work and why:
1. Every feed is asked with its validators (ETag / Last-Modified): an unchanged feed costs one
   304 and nothing else.
2. New items (by URL) are remembered *before* any page is fetched, so an item seen once is never
   lost, whatever happens next.
3. Each due page is fetched once (robots.txt and the per-host rate limit are the fetcher's job),
   turned into an ingest record or refused with a reason, and the record is kept in the state.
4. Kept records are written to a JSON Lines file and given to ``bilateral.store.ingest.ingest``,
   the same path as ``bilateral ingest FILE.jsonl``; an item is marked ingested only when the
   store has its document. A crash between 3 and 4 leaves the records for the next round.
"""
from __future__ import annotations

import contextlib
import io
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bilateral.store.db import Store
from bilateral.store.ingest import ingest
from bilateral.watch.article import Refused, prepare
from bilateral.watch.feeds import NotAFeed, parse_feed
from bilateral.watch.fetch import Fetcher
from bilateral.watch.state import WatchState


# "<spool>#line-3: reason" (a pipeline failure) or "<spool>:line 3: reason" (a reader's refusal)
_SPOOL_LINE = re.compile(r".*?(?:#line-|:line )(\d+): (.*)$", re.S)


@dataclass
class RoundReport:
    feeds_read: int = 0
    feeds_unchanged: int = 0
    feed_errors: int = 0
    new_items: int = 0
    fetched: int = 0
    refused: int = 0
    retry: int = 0
    failed: int = 0
    ingested: int = 0
    events: int = 0
    requests: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.feeds_read} feeds read, {self.feeds_unchanged} unchanged, {self.feed_errors} failed; "
                f"{self.new_items} new items; {self.fetched} pages fetched, {self.ingested} ingested "
                f"({self.events} events), {self.refused} refused, {self.retry} to retry, {self.failed} failed; "
                f"{self.requests} requests")


def read_feed_list(path: str) -> list[str]:
    """Feed URLs from a file: one per line; blank lines and ``#`` comments ignored."""
    lines = (line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


class Watcher:
    def __init__(self, state: WatchState, db_path: str | Path, fetcher: Fetcher, err: TextIO = sys.stderr) -> None:
        # a file path or a PostgreSQL URL: kept as text (a Path would fold the URL's "//")
        self.state, self.db_path, self.fetcher, self.err = state, str(db_path), fetcher, err

    def _problem(self, report: RoundReport, where: str, reason: str) -> None:
        line = f"bilateral: watch: {where}: {reason}"
        report.problems.append(line)
        print(line, file=self.err, flush=True)

    # ------------------------------------------------------------ 1 + 2: feeds

    def read_feeds(self, feeds: list[str], report: RoundReport) -> None:
        for feed in feeds:
            etag, modified = self.state.validators(feed)
            r = self.fetcher.get(feed, etag, modified)
            if r.not_modified:
                report.feeds_unchanged += 1
                self.state.feed_checked(feed, keep_validators=True)
                continue
            if not r.ok:
                report.feed_errors += 1
                self._problem(report, feed, r.error or f"HTTP {r.status}")
                self.state.feed_checked(feed, error=r.error, keep_validators=True)
                continue
            try:
                parsed = parse_feed(r.body, r.url, r.headers.get("content-type"))
            except NotAFeed as exc:
                report.feed_errors += 1
                self._problem(report, feed, f"not a readable RSS/Atom feed ({exc})")
                self.state.feed_checked(feed, error=str(exc))  # validators dropped: ask in full next time
                continue
            if parsed.problem:
                self._problem(report, feed, f"malformed feed ({parsed.problem}); "
                                            f"{len(parsed.items)} items read before the fault")
            report.feeds_read += 1
            report.new_items += self.state.add_items(feed, parsed.items)
            self.state.feed_checked(feed, r.headers.get("etag"), r.headers.get("last-modified"))

    # ------------------------------------------------------------ 3: pages

    def fetch_pages(self, report: RoundReport) -> None:
        for pending in self.state.due():
            url = pending.item.url
            r = self.fetcher.get(url)
            if not r.ok:
                reason = r.error or f"HTTP {r.status}"
                if r.transient:
                    status = self.state.failed_transient(url, reason, pending.attempts)
                    report.retry += status == "retry"
                    report.failed += status == "failed"
                    self._problem(report, url, reason + (" (will retry later)" if status == "retry" else ""))
                else:
                    self.state.refused(url, reason)
                    report.refused += 1
                    self._problem(report, url, reason)
                continue
            try:
                article = prepare(pending.item, r.body, r.url, r.charset())
            except Refused as exc:
                self.state.refused(url, str(exc))
                report.refused += 1
                self._problem(report, url, str(exc))
                continue
            self.state.fetched(url, article.record)
            report.fetched += 1

    # ------------------------------------------------------------ 4: the store

    def ingest_fetched(self, report: RoundReport) -> None:
        records = self.state.waiting_for_ingest()
        if not records:
            return
        with tempfile.TemporaryDirectory(prefix="bilateral-watch-") as tmp:
            spool = Path(tmp) / "fetched.jsonl"
            with spool.open("w", encoding="utf-8") as fh:
                for rec in records:
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            with Store(self.db_path) as store:
                # ingest names the spool file in its messages; the user knows the article by its
                # URL, so its lines are kept here and each failure is told once, below
                with contextlib.redirect_stderr(io.StringIO()) as told:
                    result = ingest([str(spool)], store, quiet=True)
                errors = {m[1]: m[2] for m in map(_SPOOL_LINE.match, result.errors) if m}
                for n, rec in enumerate(records, 1):
                    if store.document_state(rec["id"]) is not None:
                        self.state.ingested(rec["id"])
                        report.ingested += 1
                    else:
                        said = [ln.split(": ", 1)[-1] for ln in told.getvalue().splitlines() if rec["id"] in ln]
                        reason = errors.get(str(n)) or (said[0] if said else "not stored by ingest")
                        self.state.ingest_failed(rec["id"], reason)
                        report.failed += 1
                        self._problem(report, rec.get("url") or rec["id"], f"ingest failed: {reason}")
            report.events += result.events

    def round(self, feeds: list[str]) -> RoundReport:
        report = RoundReport()
        before = self.fetcher.requests
        self.read_feeds(feeds, report)
        self.fetch_pages(report)
        self.ingest_fetched(report)
        report.requests = self.fetcher.requests - before
        return report
