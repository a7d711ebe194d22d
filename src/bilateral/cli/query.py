"""Questions to the store: ``events`` (filtered, or one by ``--id``), ``figures``, ``who-met``.

Readable tables on a terminal; JSON Lines when piped or with ``--json``.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Optional

import typer

from bilateral import validate
from bilateral.cli import tables
from bilateral.cli.common import as_json, checked, event_filter, open_store
from bilateral.cli.corrections import show_event
from bilateral.cli.options import (Actor, AsJson, Country, DateFrom, DateTo, Db, EventType, FromCountry, Limit, Pair,
                                   Text, ToCountry)
from bilateral.store.query import figure_series, iter_events, page_events, who_met as who_met_rows

TABLE_ROWS = 50  # events a table shows without --limit


def events(
    db: Db = None,
    pair: Pair = None,
    country: Country = None,
    from_country: FromCountry = None,
    to_country: ToCountry = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    type_: EventType = None,
    actor: Actor = None,
    text: Text = None,
    limit: Limit = None,
    json_: AsJson = False,
    event_id: Optional[str] = typer.Option(None, "--id", help="One event by its id."),
    explain: bool = typer.Option(False, "--explain", help="With --id: why its sources were merged."),
) -> None:
    """List stored events, filtered by states, direction, dates, type, actor or text.

    A table shows the first 50 (--limit N for more) and how many match; --json streams them all."""
    if event_id is not None or explain:
        if event_id is None:
            print("bilateral: --explain needs --id EVENT_ID", file=sys.stderr)
            raise typer.Exit(2)
        with open_store(db, read_only=True) as store:
            show_event(store, event_id, explain, as_json(json_))
        return
    f = event_filter(pair, country, from_country, to_country, date_from, date_to, type_, actor, text, limit)
    with open_store(db, read_only=True) as store:
        if as_json(json_):  # streamed: memory stays flat whatever the number of events
            for e in iter_events(store, f):
                sys.stdout.write(json.dumps(e.to_contract(), ensure_ascii=False) + "\n")
            return
        # a table is read on a screen: the first page, as the API serves it (count up to 10,000+)
        page = page_events(store, f, f.limit or TABLE_ROWS, 0)
    tables.print_events(page.events, page.total, page.exact)


def figures(
    db: Db = None,
    pair: Pair = None,
    country: Optional[str] = typer.Option(None, "--country", help="A state the figures are about, e.g. KZ."),
    kind: Optional[str] = typer.Option(None, "--kind", help="trade, investment, growth, target, ..."),
    json_: AsJson = False,
) -> None:
    """Figures stated about a country pair (trade, investment, growth) as a time series."""
    codes = checked(lambda: validate.pair("--pair", pair) + ([validate.country("--country", country)]
                                                              if country else []))
    with open_store(db, read_only=True) as store:
        points = figure_series(store, codes, kind)
    if as_json(json_):
        for p in points:
            sys.stdout.write(json.dumps(asdict(p), ensure_ascii=False) + "\n")
    else:
        tables.print_figures(points)


def who_met(
    db: Db = None,
    actor: Actor = None,
    json_: AsJson = False,
) -> None:
    """Who met whom: pairs of people from different states at the same meeting."""
    with open_store(db, read_only=True) as store:
        rows = who_met_rows(store, actor)
    if as_json(json_):
        for a, b, n, last in rows:
            sys.stdout.write(json.dumps({"a": a, "b": b, "meetings": n, "last": last}, ensure_ascii=False) + "\n")
    else:
        tables.print_meetings(rows)
