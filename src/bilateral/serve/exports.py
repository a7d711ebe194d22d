"""Exports as streamed HTTP bodies: rows leave as they are read, so a large store never sits
in memory. Row content comes from ``bilateral.store.export`` so that a download and
``bilateral export`` give the same file."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from bilateral.models import Event
from bilateral.store.export import CSV_COLUMNS, GDELT_COLUMNS, flat_row, gdelt_row, plover_record, spreadsheet_safe

# format -> (media type, file extension)
MEDIA = {"jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
         "csv": ("text/csv; charset=utf-8", "csv"),
         "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
         "plover": ("application/json; charset=utf-8", "json")}

_BATCH = 200  # rows per chunk: few enough syscalls, small enough to stream


def _chunks(lines: Iterable[str]) -> Iterator[bytes]:
    buf: list[str] = []
    for line in lines:
        buf.append(line)
        if len(buf) >= _BATCH:
            yield "".join(buf).encode("utf-8")
            buf = []
    if buf:
        yield "".join(buf).encode("utf-8")


def _csv_line(row: list, delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n" if delimiter == "\t" else "\r\n").writerow(row)
    return out.getvalue()


def _jsonl(events: Iterable[Event]) -> Iterator[str]:
    for e in events:
        yield json.dumps(e.to_contract(), ensure_ascii=False) + "\n"


def _csv(events: Iterable[Event]) -> Iterator[str]:
    yield _csv_line(CSV_COLUMNS)
    for e in events:
        row = flat_row(e)
        yield _csv_line([spreadsheet_safe(row[c]) if row[c] is not None else "" for c in CSV_COLUMNS])


def _gdelt(events: Iterable[Event]) -> Iterator[str]:
    yield _csv_line(GDELT_COLUMNS, "\t")
    for n, e in enumerate(events, 1):
        yield _csv_line([spreadsheet_safe(v) for v in gdelt_row(e, n)], "\t")


def _plover(events: Iterable[Event]) -> Iterator[str]:
    """One JSON array, written element by element."""
    yield "["
    for n, e in enumerate(events):
        yield ("," if n else "") + "\n" + json.dumps(plover_record(e), ensure_ascii=False)
    yield "\n]\n"


_WRITERS = {"jsonl": _jsonl, "csv": _csv, "gdelt": _gdelt, "plover": _plover}


def stream(events: Iterable[Event], fmt: str) -> Iterator[bytes]:
    """The export of ``events`` as ``fmt`` in UTF-8 chunks."""
    return _chunks(_WRITERS[fmt](events))
