"""Web archives (``.warc``, ``.warc.gz``): every HTML page fetched successfully is an article.

A record counts when it is a ``response`` with an HTTP 2xx status and an HTML content type
(or a ``resource`` record of type text/html, as ``wget --warc-file`` writes for local files).
The doc_id is the WARC-Record-ID without ``<urn:uuid:`` and ``>``; the URL is
WARC-Target-URI. WARC-Date is when the crawler fetched the page, not when it was published,
so ``published`` comes only from the page's own metadata.

A truncated or corrupt archive yields the records before the damage and one ``ReadError``
for the rest. ``max_bytes`` limits each record, not the archive (archives are streamed).
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import zlib
from collections.abc import Iterator

from bilateral.models import RawDocument, ReadError
from bilateral.read.decode import NotText
from bilateral.read.files import Entry, ReadFailure, open_for_streaming, too_big
from bilateral.read.html import decode_html, html_metadata

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)


def record_doc_id(record_id: str) -> str:
    """``<urn:uuid:1f0e...>`` -> ``1f0e...``; other URN forms keep everything after ``<``."""
    rid = record_id.strip().strip("<>")
    return rid[len("urn:uuid:"):] if rid.lower().startswith("urn:uuid:") else rid


def _charset(content_type: str) -> str | None:
    m = _CHARSET.search(content_type or "")
    return m.group(1) if m else None


def _check_head(path: str, gzipped_name: bool) -> str | None:
    """Why the file is not a WARC at all (checked on its first bytes), or None."""
    with open(path, "rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error as exc:
            return f"corrupt gzip data ({exc})"
    elif gzipped_name and not head.lstrip().startswith(b"WARC/"):
        return "not a gzip file (the .gz name does not match its content)"
    if not head.lstrip().startswith(b"WARC/"):
        return "not a WARC file (it does not start with a 'WARC/1.x' record header)"
    return None


def read_warc_file(entry: Entry, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """HTML pages of a WARC file (gzipped or not: warcio detects it from the bytes)."""
    from warcio.archiveiterator import ArchiveIterator  # lazy: only WARC input needs it

    fh = open_for_streaming(entry, check=lambda e: _check_head(e.path, e.gzipped or e.path.lower().endswith(".gz")))
    if isinstance(fh, ReadFailure):
        yield ReadError(entry.path, str(fh))
        return
    size = os.fstat(fh.fileno()).st_size
    seen = pages = 0
    damage: str | None = None
    noise = io.StringIO()  # warcio prints its own warnings to stderr; we report once, ourselves
    with fh:
        records = ArchiveIterator(fh)
        while True:
            try:
                with contextlib.redirect_stderr(noise):
                    record = next(records, None)
                    if record is None:
                        if _leftover(fh, records.offset, size):
                            damage = "data after the last complete record"
                        break
                    if record.rec_type is None:
                        damage = f"unreadable record header after record {seen}"
                        break
                    item = _page(record, entry.path, max_bytes)
                    records.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0) > 0:
                    damage = f"record {seen + 1} is cut short"
                    break
            except Exception as exc:  # warcio raises many kinds on damaged data
                detail = ("unreadable data" if isinstance(exc, (AttributeError, TypeError, IndexError))
                          else f"{type(exc).__name__}: {str(exc)[:100]}")
                damage = f"damaged data after record {seen} ({detail})"
                break
            seen += 1
            if item is not None:
                pages += isinstance(item, RawDocument)
                yield item
    if damage is None and "Record not followed by newline" in noise.getvalue():
        damage = "a record's Content-Length does not match its data"
    if damage:
        yield ReadError(entry.path, f"truncated or corrupt archive: {damage}; "
                                    f"the {seen} record(s) before it were read")
    elif seen == 0:
        yield ReadError(entry.path, "no WARC records found")
    elif pages == 0:
        yield ReadError(entry.path, f"no HTML response among {seen} WARC records")


def _leftover(fh, offset: int, size: int) -> bool:
    """Bytes (other than blank lines) after where the last record ended: a cut-off record."""
    if offset >= size:
        return False
    fh.seek(offset)
    return bool(fh.read(1 << 16).strip())


def _page(record, path: str, max_bytes: int) -> RawDocument | ReadError | None:
    """The article in one record, a ReadError when it should be one but is damaged, else None."""
    rid = record_doc_id(record.rec_headers.get_header("WARC-Record-ID") or "")
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    if not ctype.lower().split(";")[0].strip() in _HTML_TYPES:
        return None
    where = f"{path}#{rid}"
    if not rid:
        return ReadError(f"{path}#{url}", "HTML record without WARC-Record-ID, skipped")
    length = record.length or 0
    if length > max_bytes:
        return ReadError(where, f"record skipped: {too_big(length, max_bytes)}")
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:  # decompressed (Content-Encoding) beyond the limit
        return ReadError(where, f"record skipped: {too_big('more than that decoded', max_bytes)}")
    if not data.strip():
        return ReadError(where, "empty HTML response")
    try:
        html = decode_html(data, _charset(ctype))
    except NotText as exc:
        return ReadError(where, str(exc))
    meta = html_metadata(html, url)
    return RawDocument(doc_id=rid, source=where, html=html, url=url, title=meta["title"],
                       published=meta["published"], fmt="warc", page_metadata=True)
