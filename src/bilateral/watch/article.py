"""A fetched page -> the JSON Lines record ``bilateral ingest`` reads, or the reason it is refused.

Why a record and not our own extraction: the project's ingest path (read -> clean -> extract ->
link -> store) already turns HTML into events with evidence offsets into the page; the watcher
only adds what the feed knows and the page may not say (its date, its link) and refuses what the
pipeline cannot use: a page with no article text, or one in a language the extractor has no
vocabulary for (it would be stored with no events, silently).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from bilateral.clean.html import extract_html
from bilateral.clean.language import detect_language
from bilateral.languages import vocabulary_languages
from bilateral.read.html import decode_html, html_metadata
from bilateral.read.decode import NotText
from bilateral.watch.feeds import FeedItem


@lru_cache(maxsize=1)
def supported_languages() -> tuple[str, ...]:
    """The languages the event extractor has vocabulary for (data/languages.yaml, the list the
    pipeline and its warning read)."""
    return tuple(sorted(vocabulary_languages()))


class Refused(ValueError):
    """A page that will not be ingested, with the reason (shown to the user, stored in the state)."""


@dataclass
class Article:
    record: dict  # {"id", "html", "url", "title", "published", "language"}
    language: str


_SLUG = re.compile(r"[^A-Za-z0-9]+")


def doc_id_for(url: str) -> str:
    """A readable, stable id for an article URL: host, last path words, and a short hash.

    The hash keeps two articles whose paths end alike apart; the words let a person recognise
    the article in ``bilateral events`` output.
    """
    parts = urlsplit(url)
    path = [p for p in parts.path.split("/") if p]
    tail = _SLUG.sub("-", path[-1] if path else "index").strip("-")[:48] or "page"
    host = parts.hostname or "host"
    return f"{host}-{tail}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"


def prepare(item: FeedItem, body: bytes, final_url: str, charset: str | None) -> Article:
    """The ingest record for a fetched article page; raises ``Refused`` with the reason."""
    try:
        html = decode_html(body, charset)
    except NotText as exc:
        raise Refused(f"not a text page ({exc})") from None
    if not html.strip():
        raise Refused("empty page")
    main = extract_html(html, final_url)
    if len(main.text.strip()) < 80:
        raise Refused("no article text found on the page")
    language = detect_language(main.text)
    if language not in supported_languages():
        raise Refused(f"language {language or 'unknown'!r} is not supported "
                      f"(events are extracted from {', '.join(supported_languages())})")
    meta = html_metadata(html, final_url)
    record = {  # the URL after redirects names the article: two feed links to one page are one document
        "id": doc_id_for(final_url or item.url),
        "html": html,
        "url": final_url or item.url,
        "title": meta["title"] or item.title,
        "published": meta["published"] or item.published,  # the page's own date first, then the feed's
        "language": language,
    }
    return Article(record, language)
