"""The Python API: the same pipeline and store the CLI uses, with typed results.

    import bilateral
    events = bilateral.extract(["Kazakh President Tokayev received ...", "articles/"])
    with bilateral.Store("events.sqlite") as store:
        store.add(["articles/"])
        for e in store.events(pair="BY-KZ", date_from="2019"):
            print(e.event_id, e.type, e.initiator, e.recipient)

A string that names an existing file or folder is read as one; any other string is an
article's text. Filters are checked as the CLI checks them (``InvalidFilter`` on a bad value).
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from bilateral import pipeline, validate
from bilateral.models import Event, RawDocument
from bilateral.store import query
from bilateral.store.db import Store as _Db
from bilateral.store.export import export, export_format, format_names
from bilateral.store.ingest import ingest
from bilateral.validate import InvalidFilter

__all__ = ["extract", "Store", "Event", "InvalidFilter"]


def _documents(items: Iterable[str | Path], language: str | None, max_bytes: int):
    paths: list[str] = []
    n = 0
    for item in items:
        if isinstance(item, Path) or (isinstance(item, str) and "\n" not in item and len(item) < 4096
                                      and os.path.exists(item)):
            paths.append(str(item))
            continue
        n += 1
        yield RawDocument(doc_id=f"text{n}", source=f"<text {n}>", text=str(item), language=language)
    if paths:
        yield from pipeline.read_all(paths, max_bytes)


def extract(texts_or_paths: str | Path | Iterable[str | Path], *, language: str | None = None,
            link: bool = True, jobs: int = 1, max_bytes: int = pipeline.DEFAULT_MAX_BYTES,
            errors: list[str] | None = None) -> list[Event]:
    """Interstate events of articles given as texts, files or folders (``bilateral extract``).

    Events of several documents that report the same event are linked into one (``link``).
    A document that cannot be read or processed is skipped; its reason is appended to
    ``errors`` when a list is given."""
    items = [texts_or_paths] if isinstance(texts_or_paths, (str, Path)) else list(texts_or_paths)
    events: list[Event] = []
    for result in pipeline.process_many(_documents(items, language, max_bytes), jobs=jobs or os.cpu_count() or 1):
        if result.error:
            if errors is not None:
                errors.append(f"{result.source}: {result.error}")
            continue
        events.extend(result.events)
    return pipeline.link(events) if link else events


class Store:
    """An event database (SQLite file): add articles, query events, figures, meetings, export."""

    def __init__(self, path: str | Path) -> None:
        self._db = _Db(path)
        self.path = Path(path)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def add(self, paths: Iterable[str | Path], *, jobs: int = 1):
        """Extract and link articles (files or folders) into the store; returns the ingest report."""
        return ingest([str(p) for p in paths], self._db, jobs=jobs, quiet=True)

    def events(self, *, pair: str | None = None, country: str | None = None, from_country: str | None = None,
               to_country: str | None = None, date_from: str | None = None, date_to: str | None = None,
               type: str | None = None, actor: str | None = None, text: str | None = None,
               limit: int | None = None) -> list[Event]:
        """Stored events matching every filter given (the CLI's `events` filters)."""
        codes = validate.pair("pair", pair)
        if country:
            codes.append(validate.country("country", country))
        validate.date_range(validate.date_bound("date_from", date_from), validate.date_bound("date_to", date_to),
                            ("date_from", "date_to"))
        f = query.EventFilter(countries=codes, date_from=date_from, date_to=date_to,
                        type=validate.event_type("type", type), actor=actor, text=text,
                        limit=validate.positive("limit", limit),
                        from_country=validate.country("from_country", from_country),
                        to_country=validate.country("to_country", to_country))
        return query.find_events(self._db, f)

    def figures(self, *, pair: str | None = None, country: str | None = None, kind: str | None = None) -> list:
        """Figures stated about a state or pair, ordered by period."""
        codes = validate.pair("pair", pair) + ([validate.country("country", country)] if country else [])
        return query.figure_series(self._db, codes, kind)

    def who_met(self, actor: str | None = None) -> list[tuple[str, str, int, str | None]]:
        return query.who_met(self._db, actor)

    def export(self, fmt: str, path: str | Path, **filters) -> int:
        """Write the (filtered) events as ``fmt`` (a registered export format: jsonl, csv, parquet,
        polecat, gdelt, ...) to ``path``; returns the number of events written."""
        spec = export_format(fmt)
        if spec is None:
            raise InvalidFilter("fmt", fmt, f"is not a format ({', '.join(format_names())})")
        found = self.events(**filters)
        added = query.date_added(self._db, [e.event_id for e in found]) if spec.uses_date_added else None
        return export(found, fmt, str(path), sys.stdout, added=added)
