"""JSON Lines (``.jsonl``, ``.ndjson``, ``.jsonl.gz``, stdin): one article per line.

A record is ``{"id", "text" | "html", "url"?, "title"?, "published"?, "language"?}``. The
file is streamed line by line in binary with a bounded ``readline``, so neither a huge file
nor a single huge line is ever held in memory whole: a line above ``max_bytes`` is refused
and skipped in chunks. Each bad line is one ``ReadError`` naming ``path:line N``; the other
lines are still read.
"""
from __future__ import annotations

import codecs
import gzip
import json
import logging
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from bilateral.models import RawDocument, ReadError
from bilateral.read.decode import NotText, decode_bytes
from bilateral.read.files import Entry, ReadFailure, describe_gzip_error, open_for_streaming, too_big
from bilateral.read.html import html_metadata
from bilateral.read.meta import clean_str, normalise_date, normalise_language, scrub_surrogates

log = logging.getLogger("bilateral.read")

_CHUNK = 1 << 20
_FIELDS = ("id", "text", "html", "url", "title", "published", "language", "lang")


def read_jsonl_file(entry: Entry, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """Every record of a JSON Lines file; ``max_bytes`` limits each line, not the file."""
    fh = open_for_streaming(entry, gunzip=entry.gzipped)
    if isinstance(fh, ReadFailure):
        yield ReadError(entry.path, str(fh))
        return
    with fh:
        yield from read_jsonl_stream(fh, entry.path, max_bytes)


def read_jsonl_stream(fh: BinaryIO, source: str, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """Records from a binary stream (a file, gzip, ``sys.stdin.buffer``); ``source`` names it."""
    n = 0
    yielded = 0
    utf16: str | None = None
    try:
        head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(codecs.BOM_UTF32_LE):
            utf16 = "utf-16"  # a Windows "Unicode" export: decode the stream, lines still bounded
        lines = _text_lines(fh, utf16, max_bytes) if utf16 else _byte_lines(fh, max_bytes)
        for n, line, oversize in lines:
            if oversize:
                yielded += 1
                yield ReadError(f"{source}:line {n}", f"line skipped: {too_big(oversize, max_bytes)}")
                continue
            if not line.strip():
                continue
            yielded += 1
            yield _record(line, source, n)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield ReadError(source, f"{describe_gzip_error(exc)} after line {n}")
        return
    except OSError as exc:
        yield ReadError(source, f"{describe_gzip_error(exc)} after line {n}")
        return
    except UnicodeDecodeError as exc:
        yield ReadError(source, f"undecodable text after line {n} ({exc.reason})")
        return
    if n == 0 or (yielded == 0):
        yield ReadError(source, "empty file (no records)")


def _byte_lines(fh: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | str, int]]:
    """``(line number, line, 0)``, or ``(n, b"", size)`` for a line above the limit (skipped)."""
    n = 0
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the line without keeping it
                chunk = fh.readline(_CHUNK)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, b"", size
            continue
        yield n, line, 0


def _text_lines(fh: BinaryIO, codec: str, max_bytes: int) -> Iterator[tuple[int, bytes | str, int]]:
    reader = codecs.getreader(codec)(fh)
    n = 0
    while True:
        line = reader.readline(max_bytes + 1, keepends=True)  # type: ignore[call-arg]
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith("\n"):
            size = len(line)
            while True:
                chunk = reader.readline(_CHUNK, keepends=True)  # type: ignore[call-arg]
                size += len(chunk)
                if not chunk or chunk.endswith("\n"):
                    break
            yield n, "", size
            continue
        yield n, line, 0


def _record(line: bytes | str, source: str, n: int) -> RawDocument | ReadError:
    where = f"{source}:line {n}"
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError:
            try:  # JSON must be UTF-8, but exports from old tools are not always
                line = decode_bytes(line)[0]
            except NotText as exc:
                return ReadError(where, str(exc))
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return ReadError(where, "not valid JSON (nested too deeply)")
    if not isinstance(row, dict):
        return ReadError(where, f"not a JSON object (found a {type(row).__name__})")
    _scrub_fields(row, where)
    doc_id = row.get("id")
    if isinstance(doc_id, (int, str)) and not isinstance(doc_id, bool):
        doc_id = str(doc_id).strip()
    else:
        doc_id = ""
    if not doc_id:
        return ReadError(where, 'record has no "id"')
    text, html = row.get("text"), row.get("html")
    text = text if isinstance(text, str) and text.strip() else None
    html = html if isinstance(html, str) and html.strip() else None
    if text is None and html is None:
        return ReadError(where, f'record "{doc_id}" has neither "text" nor "html" (or they are empty)')
    url = clean_str(row.get("url"))
    title = clean_str(row.get("title"))
    published = normalise_date(row.get("published"))
    page_metadata = html is not None and text is None and (title is None or published is None or url is None)
    if page_metadata:
        meta = html_metadata(html, url)
        title, published, url = title or meta["title"], published or meta["published"], meta["url"]
    return RawDocument(doc_id=doc_id, source=f"{source}#line-{n}", text=text, html=html, url=url,
                       title=title, published=published,
                       language=normalise_language(row.get("language") or row.get("lang")),
                       fmt="jsonl", page_metadata=page_metadata)


def _scrub_fields(row: dict, where: str) -> None:
    """Replace lone surrogates in the fields we use, with one warning naming the line."""
    replaced = 0
    for key in _FIELDS:
        value = row.get(key)
        if isinstance(value, str):
            row[key], n = scrub_surrogates(value)
            replaced += n
    if replaced:
        log.warning("bilateral: %s: %d lone surrogate escape(s) (invalid UTF-16) replaced by U+FFFD",
                    where, replaced)
