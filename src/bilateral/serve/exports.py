"""Exports as streamed HTTP bodies: rows leave as they are read, so a large store never sits
in memory. Row content comes from ``bilateral.store.export`` so that a download and
``bilateral export`` give the same file."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from bilateral.models import Event
from bilateral.store.export import iter_lines

# format -> (media type, file extension)
MEDIA = {"jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
         "csv": ("text/csv; charset=utf-8", "csv"),
         "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
         "polecat": ("text/tab-separated-values; charset=utf-8", "tsv"),
         "plover": ("text/tab-separated-values; charset=utf-8", "tsv")}

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


def stream(events: Iterable[Event], fmt: str, added: dict[str, str] | None = None) -> Iterator[bytes]:
    """The export of ``events`` as ``fmt`` in UTF-8 chunks (``added``: GDELT's DATEADDED per event)."""
    return _chunks(iter_lines(events, fmt, added))
