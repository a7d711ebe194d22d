"""HTML pages (``.html``, ``.htm``, ``.html.gz``) and the metadata a page states about itself.

The reader keeps the raw HTML (``clean`` extracts the main text with trafilatura) and fills
title, URL and publication date from the page's own metadata (meta tags, JSON-LD,
``<time>``), never from a search through the running text: a date in the text is usually
the event's, not the article's.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator

from bilateral.models import RawDocument, ReadError
from bilateral.read.decode import NotText, declared_html_charset, decode_bytes
from bilateral.read.files import Entry, ReadFailure, read_limited
from bilateral.read.meta import clean_str, normalise_date

# trafilatura/htmldate log at WARNING on odd pages; they are not our users' problem.
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def decode_html(data: bytes, http_charset: str | None = None) -> str:
    """HTML bytes -> str, trusting (in order) a BOM, UTF-8, the declared charset, a guess."""
    return decode_bytes(data, hint=http_charset or declared_html_charset(data))[0]


def html_metadata(html: str, url: str | None = None) -> dict[str, str | None]:
    """``{"title", "published", "url"}`` from the page's metadata; values None when absent.

    trafilatura's metadata extraction with htmldate in its non-extensive mode (meta tags,
    structured data, ``<time>`` elements, the URL) so the date is the publisher's, not one
    found in the text.
    """
    from trafilatura.metadata import extract_metadata  # lazy: trafilatura ~0.5 s; only HTML input needs it

    out: dict[str, str | None] = {"title": None, "published": None, "url": url}
    try:
        meta = extract_metadata(html, default_url=url, extensive=False)
    except Exception:  # a metadata bug on one odd page must not lose the page
        return out
    out["title"] = clean_str(getattr(meta, "title", None))
    out["published"] = normalise_date(getattr(meta, "date", None))
    out["url"] = url or clean_str(getattr(meta, "url", None))
    return out


def read_html_file(entry: Entry, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """The page as one ``RawDocument`` with ``html`` set (doc_id = file stem)."""
    try:
        data = read_limited(entry, max_bytes)
        html = decode_html(data)
    except (ReadFailure, NotText) as exc:
        yield ReadError(entry.path, str(exc))
        return
    if not html.strip():
        yield ReadError(entry.path, "empty file (only whitespace)")
        return
    meta = html_metadata(html)
    yield RawDocument(doc_id=entry.stem, source=entry.path, html=html, url=meta["url"],
                      title=meta["title"], published=meta["published"], fmt="html", page_metadata=True)
