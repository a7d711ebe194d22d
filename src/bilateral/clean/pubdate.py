"""The publication date of a page: from metadata, else from the page's own timestamp lines.

Why the scoring: a page usually shows several dates near the top. The one we want is the
article's timestamp ("25 Oktober 2019, 09:31", "Published: ...", "date 2019-10-25") next to
the title; the one we must never take is the site's "today" in the header ("flag Samstag,
20 April 2024"), which is the crawl date. General cues separate them: an explicit marker, a
clock time and closeness to the title raise a candidate; a weekday without time, far from the
title among menu lines, rules it out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from bilateral.clean.dates import DateHit, find_dates, find_times, normalise_date, trie_regex, weekday_spans
from bilateral.kb import load_yaml

if TYPE_CHECKING:
    from bilateral.clean.boilerplate import Layout

_WORD = re.compile(r"[^\W\d_]+|\d+", re.U)


@dataclass(frozen=True)
class DateLine:
    """What a line says about dates: is it (or does it start with) page furniture giving one?"""

    hits: tuple[DateHit, ...]
    has_time: bool
    has_weekday: bool
    marker: str | None  # "published" | "updated" | None
    leftover: int  # words that are neither date, time, weekday, marker nor glue
    whole: bool  # the entire line is a date/time line
    prefix_end: int | None  # the line starts with marker+date(+time): offset where the rest begins

    @property
    def value(self) -> str | None:
        full = [h for h in self.hits if h.value]
        if not full:
            return None
        return max(full, key=lambda h: (len(h.value or ""), -h.start)).value


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    data = load_yaml("pubdate.yaml")
    kind_of: dict[str, str] = {}
    for kind in ("published", "updated"):
        for w in data[kind]:
            kind_of.setdefault(w.lower(), kind)
    rx = re.compile(r"(?<!\w)(" + trie_regex(kind_of) + r")(?!\w)\s*[:.\-–—|]?", re.I)
    glue = frozenset(g.lower().rstrip(".") for g in data["glue"])
    return rx, kind_of, glue


def date_marker_at_start(text: str) -> bool:
    """Does ``text`` open with a publication/update marker ("Published", "date", "Опубликовано")?"""
    return _markers()[0].match(text) is not None


def scan_date_line(text: str, prefer_mdy: bool = False) -> DateLine | None:
    """Describe ``text`` as a date line, or None when it holds no date at all."""
    hits = find_dates(text, prefer_mdy=prefer_mdy)
    if not hits:
        return None
    times = find_times(text)
    days = weekday_spans(text)
    rx, kind_of, glue = _markers()
    marks = [(m.span(), kind_of[m.group(1).lower()]) for m in rx.finditer(text)]
    spans = [(h.start, h.end) for h in hits] + times + days + [s for s, _ in marks]
    mask = list(text)
    for a, b in spans:
        for i in range(a, b):
            mask[i] = " "
    rest = "".join(mask)
    leftover = sum(1 for w in _WORD.findall(rest) if w.lower() not in glue)
    marker = None
    first = hits[0]
    for (a, _b), kind in marks:
        if a <= first.start:  # a marker counts only before its date
            marker = kind if marker is None or kind == "published" else marker
    whole = leftover <= 2 and len(rest.split()) <= 4
    prefix_end = None
    if not whole:
        # "date 2019-10-25 Lukashenko: ..." / "25.10.2019 09:31 Title ..." - metadata glued to a title
        head_end = first.end
        for a, b in times:
            if a >= head_end and not text[head_end:a].strip(" ,|-–—") :
                head_end = b
        head = rest[:first.start]
        head_words = [w for w in _WORD.findall(head) if w.lower() not in glue]
        starts_clean = not head_words
        has_meta = marker is not None or any(a >= first.end and b <= head_end for a, b in times)
        if starts_clean and has_meta and len(text[head_end:].split()) >= 2:
            prefix_end = head_end
    return DateLine(tuple(hits), bool(times), bool(days), marker, leftover, whole, prefix_end)


_DATELINE_PREFIX = re.compile(r"^[^a-zа-яёäöüß]{2,60}$")


def _dateline_date(text: str, prefer_mdy: bool) -> str | None:
    """A full date in a dateline ("MINSK, 25 October 2019 (BelTA) -"): caps place, then date."""
    head = text[:160]
    for h in find_dates(head, prefer_mdy=prefer_mdy):
        if h.value is None or h.day is None:
            continue
        before = re.sub(r"\([^)]*\)", "", head[:h.start]).strip()
        if before and _DATELINE_PREFIX.match(before) and any(c.isalpha() for c in before):
            return h.value
        return None
    return None


def find_published(layout: Layout, lang: str | None = None) -> str | None:
    """Best publication date visible on the page (see module docstring), or None."""
    prefer_mdy = lang == "en"
    anchor = layout.title_index if layout.title_index is not None else layout.first_content
    if anchor is None:
        anchor = 0
    nonblank = [ln.index for ln in layout.lines if not ln.blank]
    candidates: list[tuple[float, int, str]] = []
    for i, dl in layout.date_lines.items():
        if not (dl.whole or dl.prefix_end is not None):
            continue
        text = layout.lines[i].text
        if prefer_mdy and "/" in text:  # "03/04/2019" reads differently on an English page
            dl = scan_date_line(text, prefer_mdy) or dl
        value = dl.value
        if value is None:
            continue
        lo, hi = sorted((i, anchor))
        dist = sum(1 for j in nonblank if lo < j < hi)
        if dl.marker == "published":
            score = 100.0
        elif dl.marker == "updated":
            score = 40.0
        elif dl.has_time:
            score = 80.0
        else:
            score = 60.0
        if layout.first_content is not None and i > layout.first_content:
            in_tail = layout.last_content is not None and i > layout.last_content
            if dl.marker != "published":
                score -= 40 if in_tail else 30
            else:
                score -= 10
        else:
            score -= 5 * min(dist, 6)
        if dl.has_weekday and not dl.has_time and dl.marker is None:
            # a weekday date in the header without a clock time is the site's "today"
            # unless it sits right at the title
            if i > anchor or dist > 1 or dl.leftover > 0:
                continue
            score -= 15
        if dl.leftover > 0 and not dl.has_time and dl.marker is None:
            score -= 20
        if len(value) == 10:
            score += 5
        candidates.append((score, -i, value))
    if layout.first_content is not None:
        v = _dateline_date(layout.lines[layout.first_content].text, prefer_mdy)
        if v:
            candidates.append((50.0, -layout.first_content, v))
    if not candidates:
        return None
    return max(candidates)[2]


def published_from_metadata(value: str | None, lang: str | None = None) -> str | None:
    """The input's own publication date, normalised; None when it cannot be read."""
    return normalise_date(value, prefer_mdy=lang == "en") if value else None
