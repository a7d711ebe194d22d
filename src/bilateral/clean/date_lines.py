"""Date lines: what one line of a page says about dates (a timestamp, a marker, the rest).

Why a module of its own: the boilerplate cleaner needs it to recognise timestamp lines, and the
publication date (``pubdate``) needs the cleaner's layout; both build on this, below them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bilateral.clean.dates import DateHit, find_dates, find_times, trie_regex, weekday_spans
from bilateral.dates import PartialDate
from bilateral.deadline import loader
from bilateral.kb import load_yaml

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


@loader(maxsize=1)
def date_markers() -> tuple[re.Pattern[str], dict[str, str], frozenset[str]]:
    """The publication/update markers of ``pubdate.yaml`` as one pattern, the kind of each
    marker ("published" or "updated") and the glue words a date line may also hold."""
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
    return date_markers()[0].match(text) is not None


def metadata_prefix_end(text: str) -> int | None:
    """Where the text after a leading marker and ISO date ("date 2023-09-29 ", "Published:
    2024-03 ") begins, or None when the line does not open so."""
    stripped = text.lstrip()
    m = date_markers()[0].match(stripped)
    if not m:
        return None
    iso = ISO_PARTIAL.match(stripped, m.end())
    if not iso:
        return None
    end = len(text) - len(stripped) + iso.end()
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def scan_date_line(text: str, prefer_mdy: bool = False) -> DateLine | None:
    """Describe ``text`` as a date line, or None when it holds no date at all."""
    hits = find_dates(text, prefer_mdy=prefer_mdy)
    if not hits:
        return None
    times = find_times(text)
    days = weekday_spans(text)
    rx, kind_of, glue = date_markers()
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


# A leading ISO date, whole or partial ("2019", "2019-10", "2019-10-25"), not a clock time.
ISO_PARTIAL = re.compile(r"\s*((?:19|20)\d\d)(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?(?![\d:])")


def iso_partial_date(m: re.Match[str]) -> PartialDate:
    """The date an ``ISO_PARTIAL`` match states."""
    year, month, day = m.group(1, 2, 3)
    return PartialDate(int(year), int(month) if month else None, int(day) if day else None)
