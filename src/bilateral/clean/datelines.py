"""Datelines: "NUR-SULTAN, 25. Oktober (BelTA) -", "MINSK (Reuters) -", "YEREVAN, April 13. /TASS/.".

A dateline names where a wire report was filed (for a meeting report usually where the meeting
took place) and often the day it was filed. Every dateline shape the project knows is here, and
a document's datelines are found once, by ``find_datelines`` in the clean stage, and kept on the
document as the ``datelines`` layer: the publication date reads its dates, the event extractor
its places. The boilerplate cleaner asks ``is_dateline`` to keep such a line above the body.

The shapes differ on purpose, each serves its reader:

* ``is_dateline`` (keep the line): a place in capitals followed by a comma, dot, bracket or dash,
  or a place name, a comma and the day of the month ("Baku, 17. Mai, AZERTAC");
* ``line_date`` (the day filed): one to four capitalised words and a comma before the line's
  first date, with a day ("MINSK, 25 October 2019", "Moscou, 19 mars"), no weekday before it;
* ``head_places`` (where filed): an all-capital name at the start of one of the first lines,
  followed by a comma, full stop, bracket or dash; the extractor keeps the first that the
  gazetteer knows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from bilateral.clean.date_lines import ISO_PARTIAL, date_markers
from bilateral.clean.dates import find_dates, weekday_spans
from bilateral.dates import PartialDate

# "NUR-SULTAN, 25. Oktober (BelTA) -", "MINSK (Reuters) -", "NUR-SULTAN. KAZINFORM", "МИНСК, 25 окт -"
_CAPS_PLACE = re.compile(r"^[A-ZÄÖÜÀ-ÝА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZÄÖÜÀ-ÝА-ЯЁӘҒҚҢӨҰҮҺІ'’ .-]{2,40}(?:,|\.|\s*\(|\s+[-–—])")
# "Baku, 17. Mai, AZERTAC" / "Minsk, 25 October (BelTA)": a place, a comma, then the day
_PLACE_DAY = re.compile(r"^[A-ZÄÖÜÀ-ÝА-ЯЁӘҒҚҢӨҰҮҺІ][\w'’.-]+(?:[ -][A-ZÄÖÜÀ-ÝА-ЯЁ][\w'’.-]+)?,\s*\d{1,2}\b")
# a dated dateline's place: one to four capitalised words, then a comma ("BERLIN,", "Moscou,", "Nur-Sultan,")
_PLACE_COMMA = re.compile(r"^\s*(?:[A-ZÄÖÜÀ-ÝА-ЯЁ][\w'’.-]*\s*){1,4},\s*$")
# an all-capital place name (letters, spaces, hyphens) at the start of a line, followed by a
# comma, a full stop or an opening parenthesis: the shape of a wire-agency dateline's place
_HEAD_PLACE = re.compile(r"(?m)^[ \t]*(?P<place>[A-ZÄÖÜÀ-ÝА-ЯЁ][A-ZÄÖÜÀ-ÝА-ЯЁ\-' ]{2,40}?)\s*(?:,|\.|\(|—|–| - )")
HEAD_LINES = 8  # a dateline opens the body: places are looked for only in the first lines


@dataclass(frozen=True)
class Datelines:
    """A document's datelines: the dates of its top lines (layout line index, date) and the
    candidate places at the head of its text (offset in ``Document.text``, the name as written)."""

    dates: tuple[tuple[int, PartialDate], ...] = ()
    places: tuple[tuple[int, str], ...] = ()


def is_dateline(text: str) -> bool:
    """Does the line open as a dateline (see the module docstring)?"""
    return bool(_CAPS_PLACE.match(text) or _PLACE_DAY.match(text))


def line_date(text: str, prefer_mdy: bool) -> PartialDate | None:
    """The day a line's dateline gives ("YEREVAN, April 13. /TASS/.", "MINSK, 5. Januar (BelTA) -",
    also after a metadata prefix: "date 2022-03 Moscou, 19 mars"); without a year, day and month."""
    m = date_markers()[0].match(text.lstrip())
    if m:  # skip a metadata prefix ("date 2022-03 ")
        rest = text.lstrip()[m.end():]
        iso = ISO_PARTIAL.match(rest)
        text = rest[iso.end():] if iso else rest
    head = text[:120]
    for h in find_dates(head, prefer_mdy=prefer_mdy):
        before = re.sub(r"\([^)]*\)", "", head[:h.start])
        if h.day is not None and _PLACE_COMMA.match(before) and not weekday_spans(before):
            return h.date
        return None
    return None


def head_places(text: str) -> tuple[tuple[int, str], ...]:
    """Candidate dateline places in the first ``HEAD_LINES`` lines: (offset, name as written)."""
    head_end = _offset_after_lines(text, HEAD_LINES)
    out = []
    for m in _HEAD_PLACE.finditer(text, 0, head_end):
        raw = m.group("place").strip()
        if len(raw) < 3 or not any(c.isalpha() for c in raw):
            continue
        out.append((m.start("place"), raw))
    return tuple(out)


def find_datelines(lines: Sequence[str], top: Sequence[int], text: str, prefer_mdy: bool) -> Datelines:
    """The datelines of a document: dates from the ``top`` lines of its page layout (indexes
    into ``lines``), places from the head of its cleaned ``text``."""
    dates = []
    for i in top:
        date = line_date(lines[i], prefer_mdy)
        if date is not None:
            dates.append((i, date))
    return Datelines(tuple(dates), head_places(text))


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
