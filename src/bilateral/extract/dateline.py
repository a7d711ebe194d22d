"""Datelines: "NUR-SULTAN, 25. Oktober (BelTA) -", "NUR-SULTAN. KAZINFORM", "MOSCOW, Oct 3 (Reuters) -".

A dateline names where the report was filed, which for a meeting report is usually where the
meeting took place: the event's place when the sentences themselves name none.
"""
from __future__ import annotations

import re

from bilateral.models import Analysis, PlaceMention

# An all-capital place name (letters, spaces, hyphens) at the start of a line, followed by a
# comma, a full stop or an opening parenthesis: the shape of a wire-agency dateline.
_DATELINE = re.compile(r"(?m)^[ \t]*(?P<place>[A-ZÄÖÜÀ-ÝА-ЯЁ][A-ZÄÖÜÀ-ÝА-ЯЁ\-' ]{2,40}?)\s*(?:,|\.|\(|—|–| - )")
_MAX_LINES = 8  # a dateline opens the body: look only near the top


def find_dateline_place(a: Analysis) -> PlaceMention | None:
    """The place of the article's dateline, resolved in the gazetteer, or None."""
    from bilateral.resolve.geo import find_places

    text = a.document.text
    head_end = _offset_after_lines(text, _MAX_LINES)
    for m in _DATELINE.finditer(text, 0, head_end):
        raw = m.group("place").strip()
        if len(raw) < 3 or not any(c.isalpha() for c in raw):
            continue
        words = re.split(r"([\- ])", raw.lower())
        titled = "".join(w.capitalize() if w not in "- " else w for w in words)
        for place in find_places(titled, a.document.language or "en"):
            if place.start == 0 and place.end == len(titled):
                start = m.start("place")
                return PlaceMention(start=start, end=start + len(raw), surface=raw, name=place.name,
                                    country=place.country, geonameid=place.geonameid,
                                    population=place.population, is_capital=place.is_capital)
    return None


def _offset_after_lines(text: str, n: int) -> int:
    pos = 0
    for _ in range(n):
        nxt = text.find("\n", pos)
        if nxt < 0:
            return len(text)
        pos = nxt + 1
        while pos < len(text) and text[pos] == "\n":  # blank lines do not count
            pos += 1
    return pos
