"""CLI commands over the store: ingest, events, figures, who-met, export.

Readable tables on a terminal; JSON Lines when piped or with ``--json``.
"""
from __future__ import annotations

import json
import os
import sys
from typing import Optional

import typer

from bilateral import pipeline
from bilateral.budget import DEFAULT_DOC_TIMEOUT
from bilateral.store.db import Store, default_db_path

DB_HELP = "SQLite database file (default: $BILATERAL_DB or ~/.local/share/bilateral/bilateral.sqlite)."


def _open(db: Optional[str], must_exist: bool = True) -> Store:
    path = db or str(default_db_path())
    if must_exist and not os.path.exists(path):
        print(f"bilateral: {path}: no database here yet (run `bilateral ingest` first)", file=sys.stderr)
        raise typer.Exit(2)
    return Store(path)


def _as_json(force: bool) -> bool:
    return force or not sys.stdout.isatty()


def _pair(value: Optional[str], country: Optional[str]) -> list[str]:
    codes = [c for c in (value or "").replace(",", "-").split("-") if c]
    return [c.upper() for c in codes] + ([country.upper()] if country else [])


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: list[str] = typer.Argument(..., help="Files or folders to read; '-' reads JSON Lines from stdin."),
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes for extraction (0 = all cores)."),
        max_bytes: int = typer.Option(pipeline.DEFAULT_MAX_BYTES, help="Refuse files larger than this many bytes."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
        doc_timeout: float = typer.Option(DEFAULT_DOC_TIMEOUT, "--doc-timeout", min=0,
                                          help="Skip a document still running after this many seconds (0 = no limit)."),
    ) -> None:
        """Extract events from articles and link them into the database (incremental, idempotent)."""
        from bilateral.store.ingest import ingest as run

        with _open(db, must_exist=False) as store:
            report = run(paths, store, jobs=jobs or os.cpu_count() or 1, quiet=quiet, max_bytes=max_bytes,
                         doc_timeout=doc_timeout)
            if not quiet:
                print(f"bilateral: {report.summary()} -> {store.path}", file=sys.stderr)
        if report.added + report.unchanged == 0:
            raise typer.Exit(1)

    @app.command()
    def events(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        pair: Optional[str] = typer.Option(None, "--pair", help="Two states, e.g. BY-KZ."),
        country: Optional[str] = typer.Option(None, "--country", help="A state taking part, e.g. KZ."),
        date_from: Optional[str] = typer.Option(None, "--from", help="From this date (YYYY[-MM[-DD]])."),
        date_to: Optional[str] = typer.Option(None, "--to", help="Up to this date (YYYY[-MM[-DD]])."),
        type_: Optional[str] = typer.Option(None, "--type", help="PLOVER type, e.g. CONSULT."),
        actor: Optional[str] = typer.Option(None, "--actor", help="Part of a person's name."),
        text: Optional[str] = typer.Option(None, "--text", help="Words in the evidence or title."),
        limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events."),
        as_json: bool = typer.Option(False, "--json", help="JSON Lines (the default when piped)."),
    ) -> None:
        """List stored events, filtered by states, dates, type, actor or text."""
        from bilateral.store import tables
        from bilateral.store.query import EventFilter, find_events

        with _open(db) as store:
            found = find_events(store, EventFilter(_pair(pair, country), date_from, date_to, type_, actor, text, limit))
        if _as_json(as_json):
            for e in found:
                sys.stdout.write(json.dumps(e.to_contract(), ensure_ascii=False) + "\n")
        else:
            tables.print_events(found)

    @app.command()
    def figures(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        pair: Optional[str] = typer.Option(None, "--pair", help="Two states, e.g. BE-KZ."),
        country: Optional[str] = typer.Option(None, "--country", help="A state the figures are about."),
        kind: Optional[str] = typer.Option(None, "--kind", help="trade, investment, growth, ..."),
        as_json: bool = typer.Option(False, "--json", help="JSON Lines (the default when piped)."),
    ) -> None:
        """Figures stated about a country pair (trade, investment, growth) as a time series."""
        from dataclasses import asdict

        from bilateral.store import tables
        from bilateral.store.query import figure_series

        with _open(db) as store:
            points = figure_series(store, _pair(pair, country), kind)
        if _as_json(as_json):
            for p in points:
                sys.stdout.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
        else:
            tables.print_figures(points)

    @app.command("who-met")
    def who_met_cmd(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        actor: Optional[str] = typer.Option(None, "--actor", help="Part of a person's name."),
        as_json: bool = typer.Option(False, "--json", help="JSON Lines (the default when piped)."),
    ) -> None:
        """Who met whom: pairs of people from different states at the same meeting."""
        from bilateral.store import tables
        from bilateral.store.query import who_met

        with _open(db) as store:
            rows = who_met(store, actor)
        if _as_json(as_json):
            for a, b, n, last in rows:
                sys.stdout.write(json.dumps({"a": a, "b": b, "meetings": n, "last": last}, ensure_ascii=False) + "\n")
        else:
            tables.print_meetings(rows)

    @app.command()
    def export(
        fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet | plover | gdelt"),
        out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file (stdout when omitted)."),
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        pair: Optional[str] = typer.Option(None, "--pair", help="Only events of these two states."),
        country: Optional[str] = typer.Option(None, "--country", help="Only events with this state."),
    ) -> None:
        """Export stored events (jsonl = the contract's lines)."""
        from bilateral.store.export import FORMATS, export as run
        from bilateral.store.query import EventFilter, find_events

        if fmt not in FORMATS:
            print(f"bilateral: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}", file=sys.stderr)
            raise typer.Exit(2)
        with _open(db) as store:
            found = find_events(store, EventFilter(countries=_pair(pair, country)))
        try:
            n = run(found, fmt, out, sys.stdout)
        except ValueError as exc:
            print(f"bilateral: {exc}", file=sys.stderr)
            raise typer.Exit(2)
        print(f"bilateral: {n} events exported as {fmt}" + (f" to {out}" if out else ""), file=sys.stderr)

    @app.command()
    def serve(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 = every interface)."),
        port: int = typer.Option(8765, "--port", help="TCP port."),
        allow_host: list[str] = typer.Option([], "--allow-host",
                                             help="Also answer requests for this host name (repeatable; '*' = any)."),
    ) -> None:
        """Serve the HTTP API (/api/..., /openapi.json) and the analysts' dashboard (/) over the database, read-only."""
        path = db or str(default_db_path())
        if not os.path.exists(path):
            print(f"bilateral: {path}: no database here yet (run `bilateral ingest` first)", file=sys.stderr)
            raise typer.Exit(2)
        try:
            from bilateral.serve.app import run
        except ImportError as exc:
            print(f"bilateral: serve needs FastAPI and uvicorn ({exc})", file=sys.stderr)
            raise typer.Exit(2)
        token = os.environ.get("BILATERAL_WRITE_TOKEN") or None  # writes stay off without one
        if token is not None and len(token) < 16:
            print("bilateral: BILATERAL_WRITE_TOKEN is too short (16 characters at least); writes stay off",
                  file=sys.stderr)
            token = None
        run(path, host, port, tuple(allow_host), token)
