"""What the commands share beyond their options: one-line errors, opening the store, checking
filters and engines. Every failure the user can fix is one line on stderr and an exit status
(2 for a usage error), never a traceback."""
from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, Optional, TypeVar

import typer

from bilateral import pipeline, validate
from bilateral.progress import warn
from bilateral.store.backend import StoreError, is_url
from bilateral.store.db import Store, default_db_path
from bilateral.store.query import EventFilter

T = TypeVar("T")


def die(message: str, code: int = 2) -> NoReturn:
    """One line naming the store and the reason on stderr, then exit ``code``."""
    print(f"bilateral: {message}", file=sys.stderr, flush=True)
    raise typer.Exit(code)


def fail(message: str) -> NoReturn:
    """One line on stderr, exit status 2 (a usage error)."""
    print(f"bilateral: {message}", file=sys.stderr)
    raise typer.Exit(2)


def open_store(db: Optional[str], must_exist: bool = True, read_only: bool = False) -> Store:
    """The store at ``db`` (default: $BILATERAL_DB or the user's data folder); a missing, damaged
    or foreign store ends the command with one line (pointing to the demo database if there is one)."""
    path = db or str(default_db_path())
    if must_exist and not is_url(path) and not os.path.exists(path):
        demo = Path(path).with_name("demo.sqlite")
        hint = (f"; `make demo` wrote {demo}: give --db {demo} or set BILATERAL_DB"
                if db is None and demo.exists() and str(demo) != path else "")
        die(f"{path}: no database here yet (run `bilateral ingest` first{hint})")
    try:
        return Store(path, read_only=read_only)
    except StoreError as exc:
        die(str(exc))


def as_json(force: bool) -> bool:
    """JSON Lines when asked or when stdout is not a terminal; a table otherwise."""
    return force or not sys.stdout.isatty()


def checked(check: Callable[[], T]) -> T:
    """``check()``, with a bad filter value ending the command (exit 2) with its message."""
    try:
        return check()
    except validate.InvalidFilter as exc:
        fail(str(exc))


def event_filter(pair: Optional[str], country: Optional[str], from_country: Optional[str],
                 to_country: Optional[str], date_from: Optional[str], date_to: Optional[str],
                 type_: Optional[str], actor: Optional[str], text: Optional[str], limit: Optional[int]) -> EventFilter:
    """The validated filter of ``events`` and ``export``; a bad value ends the command (exit 2)."""

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

    return checked(build)


def check_engine(engine: str, ray_address: str | None) -> None:
    """``--engine`` is known and Ray is installed when asked for: one line and exit 2 otherwise."""
    if engine not in pipeline.ENGINES:
        warn(f"--engine: {engine!r} is not an engine ({', '.join(pipeline.ENGINES)})")
        raise typer.Exit(2)
    if ray_address and engine != "ray":
        warn("--ray-address needs --engine ray")
        raise typer.Exit(2)
    if engine == "ray" and importlib.util.find_spec("ray") is None:
        warn("--engine ray needs Ray (pip install 'ray==2.60.0')")
        raise typer.Exit(2)
