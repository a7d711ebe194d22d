"""The publication date of a page: from metadata, else from the page's own timestamp lines.

Why the scoring: a page usually shows several dates near the top. The one we want is the
article's timestamp ("25 Oktober 2019, 09:31", "Published: ...", "date 2019-10-25") next to
the title; the one we must never take is the site's "today" in the header ("flag Samstag,
20 April 2024"), which is the crawl date. General cues separate them: an explicit marker, a
clock time and closeness to the title raise a candidate; a weekday without time, far from the
title among menu lines, rules it out.
"""
from __future__ import annotations

from bilateral.clean.boilerplate import Layout
from bilateral.clean.date_lines import ISO_PARTIAL, date_markers, iso_partial_date, scan_date_line
from bilateral.clean.datelines import Datelines, find_datelines
from bilateral.clean.dates import find_dates, normalise_date
from bilateral.dates import PartialDate, parse
from bilateral.lang import language


def month_first(lang: str | None) -> bool:
    """Are dates in digits of a text in ``lang`` read month first ("5/3/2019" = May 3)? A text
    whose language is unknown reads them day first, as most of the world writes them."""
    return lang is not None and language(lang).month_first_dates


def find_published(layout: Layout, lang: str | None = None, datelines: Datelines | None = None) -> str | None:
    """Best publication date visible on the page (see module docstring), or None.

    ``datelines``: the document's, as the clean stage found them (else found here)."""
    prefer_mdy = month_first(lang)
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
            # a weekday date without a clock time or marker is the site's "today": above the
            # title (the page header) never the article's; below it only right at the title
            if i < anchor or i > anchor + 1 or dist > 1 or dl.leftover > 0:
                continue
            score -= 15
        if dl.leftover > 0 and not dl.has_time and dl.marker is None:
            score -= 20
        if len(value) == 10:
            score += 5
        candidates.append((score, -i, parse(value)))
    candidates += _marked_candidates(layout, prefer_mdy)
    if datelines is None:
        datelines = find_datelines([ln.text for ln in layout.lines], top_lines(layout), "", prefer_mdy)
    # the day a wire report was filed, from its dateline (a year, or day and month only)
    candidates += [(50.0 if date.year is not None else 45.0, -i, date) for i, date in datelines.dates]
    if not candidates:
        return None
    return _refined(candidates).format()


def _refined(candidates: list[tuple[float, int, PartialDate]]) -> PartialDate:
    """The best-scored date, made more precise by the others that agree with it: a crawler's
    "date 2023-09" and the page's "Stand: 04.09.2023" are one date; a yearless dateline
    ("BERLIN, 29. September") takes the year of the metadata line."""
    ranked = sorted(candidates, key=lambda c: (c[0], c[1]), reverse=True)
    best = list(ranked[0][2])
    for _, _, other in ranked[1:]:
        if all(a is None or b is None or a == b for a, b in zip(best, other)):
            merged = [a if a is not None else b for a, b in zip(best, other)]
            if merged[1] is None and merged[2] is not None:
                continue  # a day needs its month
            best = merged
    return PartialDate(*best)


_TOP_LINES = 6  # metadata and datelines sit in the first lines of the article


def top_lines(layout: Layout) -> list[int]:
    """The first nonblank lines from the title on: where metadata and datelines sit."""
    start = layout.title_index if layout.title_index is not None else layout.first_content
    start = 0 if start is None else start
    nonblank = [ln.index for ln in layout.lines if not ln.blank and ln.index >= min(start, 2)]
    return nonblank[:_TOP_LINES]


def _marked_candidates(layout: Layout, prefer_mdy: bool) -> list[tuple[float, int, PartialDate]]:
    """Dates right after a publication marker anywhere in the top lines: "date 2023-09" at the
    head of a crawled page, "Stand: 04.09.2023 14:27 Uhr" inside a headline line."""
    rx, kind_of, _ = date_markers()
    out: list[tuple[float, int, PartialDate]] = []
    for i in top_lines(layout):
        text = layout.lines[i].text
        for m in rx.finditer(text):
            kind = kind_of[m.group(1).lower()]
            head = text[m.end():m.end() + 48]
            iso = ISO_PARTIAL.match(head)
            if iso:
                parts = iso_partial_date(iso)
            else:
                hits = [h for h in find_dates(head, prefer_mdy=prefer_mdy) if h.start <= 3]
                if not hits or hits[0].year is None:
                    continue
                parts = hits[0].date
            out.append((95.0 if kind == "published" else 35.0, -i, parts))
    return out


def published_from_metadata(value: str | None, lang: str | None = None) -> str | None:
    """The input's own publication date, normalised; None when it cannot be read."""
    return normalise_date(value, prefer_mdy=month_first(lang)) if value else None
