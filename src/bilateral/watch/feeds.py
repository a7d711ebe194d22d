"""RSS and Atom feeds -> the items they announce, with feedparser (kept, tolerant of real feeds).

Why feedparser: agency feeds are RSS 0.9x/1.0/2.0 or Atom, often with wrong dates, odd
encodings or a cut-off end. feedparser reads all of them and says when a feed was malformed
(``bozo``); we keep the items it could read before the break and report the rest in one line.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin



@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: what the feed itself says about an article."""

    key: str  # the entry's id (guid) when it has one, else its link: the "seen it" key
    url: str
    title: str | None
    published: str | None  # YYYY-MM-DD from the feed's date, None when absent or unreadable


@dataclass
class ParsedFeed:
    items: list[FeedItem]
    title: str | None = None
    problem: str | None = None  # why the feed is malformed (items may still have been read)


class NotAFeed(ValueError):
    """The body is no RSS or Atom feed at all (an HTML page, an error page, garbage)."""


def _date(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return time.strftime("%Y-%m-%d", value)
            except (TypeError, ValueError):
                continue
    return None


def parse_feed(body: bytes, feed_url: str, content_type: str | None = None) -> ParsedFeed:
    """Items of the feed in ``body`` (links resolved against ``feed_url``).

    Raises ``NotAFeed`` when nothing in it can be read as a feed entry with a link.
    """
    headers = {"content-type": content_type} if content_type else None
    import feedparser  # lazy: only `bilateral watch` reads feeds; the command line starts without it

    parsed = feedparser.parse(body, response_headers=headers)
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"{type(exc).__name__}: {exc}" if exc else "malformed feed"
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.get("entries", []):
        link = (entry.get("link") or "").strip()
        if not link:
            continue  # an entry cut off before its link cannot be fetched
        url = urljoin(feed_url, link)
        key = (entry.get("id") or "").strip() or url
        if key in seen:
            continue
        seen.add(key)
        title = (entry.get("title") or "").strip() or None
        items.append(FeedItem(key, url, title, _date(entry)))
    if not items and (problem or not parsed.get("version")):
        raise NotAFeed(problem or "no RSS or Atom content")
    return ParsedFeed(items, (parsed.get("feed", {}).get("title") or None), problem)
