"""``bilateral watch``: poll feeds once (``--once``, for cron) or every ``--interval``."""
from __future__ import annotations

import sys
import time
from typing import Optional

import typer

from bilateral.cli.options import Db
from bilateral.store.backend import describe
from bilateral.store.db import default_db_path
from bilateral.watch.fetch import Fetcher
from bilateral.watch.run import Watcher, read_feed_list
from bilateral.watch.state import WatchState, default_state_path


def watch(
    feeds: list[str] = typer.Argument(None, help="RSS or Atom feed URLs."),
    feeds_file: Optional[str] = typer.Option(None, "--feeds", help="A file of feed URLs, one per line (# comments)."),
    once: bool = typer.Option(False, "--once", help="One polling round, then exit (for cron)."),
    db: Db = None,
    state: Optional[str] = typer.Option(None, "--state", help="State file (default: the database path + '.watch')."),
    interval: float = typer.Option(900.0, "--interval", min=1.0, help="Seconds between rounds without --once."),
    delay: float = typer.Option(1.0, "--delay", min=0.0, help="Minimum seconds between two requests to one host."),
    timeout: float = typer.Option(15.0, "--timeout", min=0.1, help="Seconds before a request is given up."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line (failures are still reported)."),
) -> None:
    """Poll news feeds; fetch each new article once, politely, and ingest it into the database."""
    urls = list(feeds or [])
    if feeds_file:
        try:
            urls += read_feed_list(feeds_file)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"bilateral: {feeds_file}: cannot read the feeds file ({exc})", file=sys.stderr)
            raise typer.Exit(2)
    urls = list(dict.fromkeys(urls))
    if not urls:
        print("bilateral: watch: no feeds given (FEED... or --feeds FILE)", file=sys.stderr)
        raise typer.Exit(2)
    db_path = db or str(default_db_path())
    with WatchState(state or default_state_path(db_path)) as st:
        watcher = Watcher(st, db_path, Fetcher(delay=delay, timeout=timeout))
        try:
            while True:
                report = watcher.round(urls)
                if not quiet:
                    print(f"bilateral: watch: {report.summary()} -> {describe(db_path)}", file=sys.stderr, flush=True)
                if once:
                    if report.feeds_read + report.feeds_unchanged == 0:
                        raise typer.Exit(1)  # no feed could be read at all: cron should notice
                    return
                time.sleep(interval)
        except KeyboardInterrupt:  # every step is committed as it happens: nothing to undo
            print("bilateral: watch: stopped; the next run goes on where this one stopped", file=sys.stderr)
            raise typer.Exit(130) from None
