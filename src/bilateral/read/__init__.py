"""The ``read`` stage: files, folders and stdin -> ``RawDocument`` (or ``ReadError``).

    read_paths(["articles/", "feed.jsonl", "crawl.warc.gz", "-"], max_bytes=20_000_000)

Supported: ``.txt`` (any encoding), ``.html``/``.htm``, ``.jsonl``/``.ndjson`` (one article
per line), ``.warc``/``.warc.gz``, and ``.gz`` of txt/html/jsonl; ``-`` reads JSON Lines
from stdin. A folder contributes every file below it, recursively, in sorted order; hidden
files (``.DS_Store``) and OS droppings are ignored silently, other unsupported files give a
ReadError "unsupported file type ..., skipped" so that a typo'd extension is not lost
without a word.

Nothing here raises on bad input: every problem is a ``ReadError(source, reason)`` in the
stream, in place of the document, and reading goes on with the next file.

Size limit: a plain file (txt, html) above ``max_bytes`` is refused before it is read.
Containers (JSON Lines, WARC) are streamed, so the limit applies to each line or record
instead: a 2 GB crawl of ordinary pages is fine, a single 50 MB line is refused.

Duplicate ids: the contract makes the doc_id the file stem (or the record id), so two files
``a/x.txt`` and ``b/x.txt`` in one run would collide. Both are kept: the first keeps its id,
later ones become ``x__2``, ``x__3`` ... in reading order (deterministic, since folders are
read sorted), with a warning on stderr (logger ``bilateral.read``). The same file reached
twice (named twice, or a file inside a folder also named) is read once.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator

from bilateral.models import RawDocument, ReadError
from bilateral.read.files import Entry, classify, describe_os_error, walk_folder
from bilateral.read.html import read_html_file
from bilateral.read.jsonl import read_jsonl_file, read_jsonl_stream
from bilateral.read.text import read_text_file
from bilateral.read.warc import read_warc_file

__all__ = ["read_paths", "read_path", "SUPPORTED"]

log = logging.getLogger("bilateral.read")

SUPPORTED = ".txt .html .htm .jsonl .ndjson .warc .warc.gz (.gz of txt/html/jsonl)"

_READERS = {
    "txt": read_text_file,
    "html": read_html_file,
    "jsonl": read_jsonl_file,
    "warc": read_warc_file,
}


def read_paths(paths: list[str], *, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """Every document below ``paths`` in order, with unique doc_ids; errors in the stream."""
    ids = _UniqueIds()
    seen_files: set[str] = set()
    for item in _read_all(paths, max_bytes, seen_files):
        if isinstance(item, RawDocument):
            item.doc_id = ids.claim(item.doc_id, item.source)
        yield item


def read_path(path: str, *, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """One path (file, folder or ``-``); doc_ids are not de-duplicated across calls."""
    yield from _read_all([path], max_bytes, set())


def _read_all(paths: Iterable[str], max_bytes: int, seen: set[str]) -> Iterator[RawDocument | ReadError]:
    for path in paths:
        if path == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>", max_bytes)
            continue
        if os.path.isdir(path):
            problems: list[tuple[str, str]] = []
            files = walk_folder(path, problems)
            for where, reason in problems:
                yield ReadError(where, reason)
            if not files and not problems:
                yield ReadError(path, "folder contains no files")
            for file in files:
                yield from _read_file(file, max_bytes, seen)
            continue
        if not os.path.lexists(path):
            yield ReadError(path, "no such file or directory")
            continue
        yield from _read_file(path, max_bytes, seen)


def _read_file(path: str, max_bytes: int, seen: set[str]) -> Iterator[RawDocument | ReadError]:
    try:
        key = os.path.realpath(path)
    except OSError as exc:  # pragma: no cover - realpath rarely fails
        yield ReadError(path, describe_os_error(exc))
        return
    if key in seen:
        log.warning("bilateral: %s: already read in this run, not read again", path)
        return
    seen.add(key)
    entry: Entry = classify(path)
    if entry.kind is None:
        yield ReadError(path, f"unsupported file type {entry.suffix}, skipped (supported: {SUPPORTED})")
        return
    try:
        yield from _READERS[entry.kind](entry, max_bytes)
    except Exception as exc:  # a reader bug on one file must not stop the others
        yield ReadError(path, f"could not be read ({type(exc).__name__}: {exc})")


class _UniqueIds:
    """Hands out doc_ids, renaming later duplicates ``id__2``, ``id__3`` ... deterministically."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def claim(self, doc_id: str, source: str) -> str:
        if doc_id not in self.taken:
            self.taken.add(doc_id)
            return doc_id
        n = 2
        while f"{doc_id}__{n}" in self.taken:
            n += 1
        new = f"{doc_id}__{n}"
        self.taken.add(new)
        log.warning("bilateral: %s: doc_id %r already used in this run, renamed %r", source, doc_id, new)
        return new
