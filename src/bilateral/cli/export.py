"""``bilateral export``: stored events in any registered export format (``bilateral.store.export``)."""
from __future__ import annotations

import sys
from typing import Optional

import typer

from bilateral.cli.common import event_filter, fail, open_store
from bilateral.cli.options import (Actor, Country, DateFrom, DateTo, Db, EventType, Format, FromCountry, Limit, Pair,
                                   Text, ToCountry)
from bilateral.store.export import export as write, export_format, format_names
from bilateral.store.query import date_added, iter_events


def export(
    fmt: Format = "jsonl",
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Output file (stdout when omitted)."),
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
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary on stderr."),
) -> None:
    """Export stored events in the field's formats (docs/FORMAT.md); the same filters as `events`."""
    spec = export_format(fmt)
    if spec is None:
        fail(f"--format: {fmt!r} is not a format ({', '.join(format_names())})")
    f = event_filter(pair, country, from_country, to_country, date_from, date_to, type_, actor, text, limit)
    with open_store(db, read_only=True) as store:
        added = date_added(store) if spec.uses_date_added else None
        try:  # streamed: memory stays flat whatever the number of events
            n = write(iter_events(store, f), fmt, out, sys.stdout, added=added)
        except (ValueError, OSError) as exc:
            fail(f"{out or 'stdout'}: {exc}")
    if not quiet:
        print(f"bilateral: {n} events exported as {fmt}" + (f" to {out}" if out else ""), file=sys.stderr)
