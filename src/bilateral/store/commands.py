"""CLI commands over the store: ingest, events, figures, who-met, export.

Readable tables on a terminal; JSON Lines when piped or with ``--json``.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer

from bilateral import pipeline, validate
from bilateral.budget import DEFAULT_DOC_TIMEOUT
from bilateral.store import link_commands
from bilateral.store.backend import StoreError, database_errors, is_url
from bilateral.store.db import Store, default_db_path
from bilateral.store.export import export as run, export_format, export_formats, format_names
from bilateral.store.query import date_added, iter_events

DB_HELP = ("SQLite database file or postgresql://user@host/dbname URL "
           "(default: $BILATERAL_DB or ~/.local/share/bilateral/bilateral.sqlite).")


def _die(message: str, code: int = 2) -> NoReturn:
    """One line naming the store and the reason on stderr, then exit ``code``."""
    print(f"bilateral: {message}", file=sys.stderr, flush=True)
    raise typer.Exit(code)


def _open(db: Optional[str], must_exist: bool = True, read_only: bool = False) -> Store:
    path = db or str(default_db_path())
    if must_exist and not is_url(path) and not os.path.exists(path):
        demo = Path(path).with_name("demo.sqlite")
        hint = (f"; `make demo` wrote {demo}: give --db {demo} or set BILATERAL_DB"
                if db is None and demo.exists() and str(demo) != path else "")
        _die(f"{path}: no database here yet (run `bilateral ingest` first{hint})")
    try:
        return Store(path, read_only=read_only)
    except StoreError as exc:
        _die(str(exc))


def _as_json(force: bool) -> bool:
    return force or not sys.stdout.isatty()


PAIR_HELP = "Two states, e.g. BY-KZ."
COUNTRY_HELP = "A state taking part, e.g. KZ (ISO 3166-1 alpha-2; EU, XK)."
FROM_COUNTRY_HELP = "The state that acts (initiator of a directed event), e.g. BY."
TO_COUNTRY_HELP = "The state acted upon (recipient of a directed event), e.g. CN."
FROM_HELP = "From this date on (YYYY, YYYY-MM or YYYY-MM-DD)."
TO_HELP = "Up to this date (YYYY, YYYY-MM or YYYY-MM-DD)."
TYPE_HELP = "PLOVER type, e.g. CONSULT."
ACTOR_HELP = "Part of a person's name."
TEXT_HELP = "Words in the evidence or title."
JSON_HELP = "JSON Lines (the default when piped)."
FORMAT_HELP = " | ".join(f.name + "".join(f" (= {a})" for a in f.aliases) for f in export_formats())


def _fail(message: str) -> NoReturn:
    """One line on stderr, exit status 2 (a usage error)."""
    print(f"bilateral: {message}", file=sys.stderr)
    raise typer.Exit(2)


def _checked(check):
    try:
        return check()
    except validate.InvalidFilter as exc:
        _fail(str(exc))


def _filter(pair, country, from_country, to_country, date_from, date_to, type_, actor, text, limit):
    """The validated filter of ``events`` and ``export``; a bad value ends the command (exit 2)."""
    from bilateral.store.query import EventFilter

    def build() -> EventFilter:
        codes = validate.pair("--pair", pair)
        if country:
            codes.append(validate.country("--country", country))
        validate.date_range(validate.date_bound("--from", date_from), validate.date_bound("--to", date_to))
        return EventFilter(countries=codes, date_from=date_from, date_to=date_to,
                           type=validate.event_type("--type", type_), actor=actor, text=text,
                           limit=validate.positive("--limit", limit),
                           from_country=validate.country("--from-country", from_country),
                           to_country=validate.country("--to-country", to_country))

    return _checked(build)


def register(app: typer.Typer) -> None:
    link_commands.register(app, _open, DB_HELP)

    @app.command()
    def ingest(
        paths: list[str] = typer.Argument(..., help="Files or folders to read; '-' reads JSON Lines from stdin."),
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes for extraction (0 = all cores)."),
        max_bytes: int = typer.Option(pipeline.DEFAULT_MAX_BYTES, help="Refuse files larger than this many bytes."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
        doc_timeout: float = typer.Option(DEFAULT_DOC_TIMEOUT, "--doc-timeout", min=0,
                                          help="Skip a document still running after this many seconds (0 = no limit)."),
        engine: str = typer.Option("local", "--engine", help="local (processes on this machine) or ray (Ray tasks)."),
        ray_address: Optional[str] = typer.Option(None, "--ray-address",
                                                  help="With --engine ray: a Ray cluster (HOST:PORT); default: a local Ray."),
    ) -> None:
        """Extract events from articles and link them into the database (incremental, idempotent)."""
        from bilateral.cli import check_engine
        from bilateral.store.ingest import ingest as run

        check_engine(engine, ray_address)

        with _open(db, must_exist=False) as store:
            try:
                report = run(paths, store, jobs=jobs or os.cpu_count() or 1, quiet=quiet, max_bytes=max_bytes,
                             doc_timeout=doc_timeout, engine=engine, ray_address=ray_address)
            except database_errors() as exc:  # a full disk, a lost server: what was committed stays
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                _die(f"{store.path}: {reason}; the documents stored before this are kept, "
                     "run the same ingest again to go on", 1)
            if not quiet:
                print(f"bilateral: {report.summary()} -> {store.path}", file=sys.stderr)
        if report.added + report.unchanged == 0:
            raise typer.Exit(1)

    @app.command()
    def events(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        pair: Optional[str] = typer.Option(None, "--pair", help=PAIR_HELP),
        country: Optional[str] = typer.Option(None, "--country", help=COUNTRY_HELP),
        from_country: Optional[str] = typer.Option(None, "--from-country", help=FROM_COUNTRY_HELP),
        to_country: Optional[str] = typer.Option(None, "--to-country", help=TO_COUNTRY_HELP),
        date_from: Optional[str] = typer.Option(None, "--from", help=FROM_HELP),
        date_to: Optional[str] = typer.Option(None, "--to", help=TO_HELP),
        type_: Optional[str] = typer.Option(None, "--type", help=TYPE_HELP),
        actor: Optional[str] = typer.Option(None, "--actor", help=ACTOR_HELP),
        text: Optional[str] = typer.Option(None, "--text", help=TEXT_HELP),
        limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events."),
        as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
        event_id: Optional[str] = typer.Option(None, "--id", help="One event by its id."),
        explain: bool = typer.Option(False, "--explain", help="With --id: why its sources were merged."),
    ) -> None:
        """List stored events, filtered by states, direction, dates, type, actor or text."""
        from bilateral.store import tables
        from bilateral.store.query import find_events, iter_events

        if event_id is not None or explain:
            if event_id is None:
                print("bilateral: --explain needs --id EVENT_ID", file=sys.stderr)
                raise typer.Exit(2)
            with _open(db, read_only=True) as store:
                link_commands.show_event(store, event_id, explain, _as_json(as_json))
            return
        f = _filter(pair, country, from_country, to_country, date_from, date_to, type_, actor, text, limit)
        with _open(db, read_only=True) as store:
            if _as_json(as_json):  # streamed: memory stays flat whatever the number of events
                for e in iter_events(store, f):
                    sys.stdout.write(json.dumps(e.to_contract(), ensure_ascii=False) + "\n")
                return
            found = find_events(store, f)
        tables.print_events(found)

    @app.command()
    def figures(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        pair: Optional[str] = typer.Option(None, "--pair", help=PAIR_HELP),
        country: Optional[str] = typer.Option(None, "--country", help="A state the figures are about, e.g. KZ."),
        kind: Optional[str] = typer.Option(None, "--kind", help="trade, investment, growth, target, ..."),
        as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    ) -> None:
        """Figures stated about a country pair (trade, investment, growth) as a time series."""
        from dataclasses import asdict

        from bilateral.store import tables
        from bilateral.store.query import figure_series

        codes = _checked(lambda: validate.pair("--pair", pair) + ([validate.country("--country", country)]
                                                                   if country else []))
        with _open(db, read_only=True) as store:
            points = figure_series(store, codes, kind)
        if _as_json(as_json):
            for p in points:
                sys.stdout.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
        else:
            tables.print_figures(points)

    @app.command("who-met")
    def who_met_cmd(
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        actor: Optional[str] = typer.Option(None, "--actor", help=ACTOR_HELP),
        as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
    ) -> None:
        """Who met whom: pairs of people from different states at the same meeting."""
        from bilateral.store import tables
        from bilateral.store.query import who_met

        with _open(db, read_only=True) as store:
            rows = who_met(store, actor)
        if _as_json(as_json):
            for a, b, n, last in rows:
                sys.stdout.write(json.dumps({"a": a, "b": b, "meetings": n, "last": last}, ensure_ascii=False) + "\n")
        else:
            tables.print_meetings(rows)

    @app.command()
    def export(
        fmt: str = typer.Option("jsonl", "--format", "-f", help=FORMAT_HELP),
        out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file (stdout when omitted)."),
        db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
        pair: Optional[str] = typer.Option(None, "--pair", help=PAIR_HELP),
        country: Optional[str] = typer.Option(None, "--country", help=COUNTRY_HELP),
        from_country: Optional[str] = typer.Option(None, "--from-country", help=FROM_COUNTRY_HELP),
        to_country: Optional[str] = typer.Option(None, "--to-country", help=TO_COUNTRY_HELP),
        date_from: Optional[str] = typer.Option(None, "--from", help=FROM_HELP),
        date_to: Optional[str] = typer.Option(None, "--to", help=TO_HELP),
        type_: Optional[str] = typer.Option(None, "--type", help=TYPE_HELP),
        actor: Optional[str] = typer.Option(None, "--actor", help=ACTOR_HELP),
        text: Optional[str] = typer.Option(None, "--text", help=TEXT_HELP),
        limit: Optional[int] = typer.Option(None, "--limit", help="At most this many events."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on stderr."),
    ) -> None:
        """Export stored events in the field's formats (docs/FORMAT.md); the same filters as `events`."""
        spec = export_format(fmt)
        if spec is None:
            _fail(f"--format: {fmt!r} is not a format ({', '.join(format_names())})")
        f = _filter(pair, country, from_country, to_country, date_from, date_to, type_, actor, text, limit)
        with _open(db, read_only=True) as store:
            added = date_added(store) if spec.uses_date_added else None
            try:  # streamed: memory stays flat whatever the number of events
                n = run(iter_events(store, f), fmt, out, sys.stdout, added=added)
            except (ValueError, OSError) as exc:
                _fail(f"{out or 'stdout'}: {exc}")
        if not quiet:
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
        _open(path, read_only=True).close()  # a missing, damaged or foreign store: one line now, not 503s later
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
