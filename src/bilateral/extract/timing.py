"""When an event happened: the date stated near its trigger, and a year the text itself fixes.

A yearless date ("am 18. Oktober") in an article without a publication date stays ``--MM-DD``
unless the text fixes the year. One general way it does: figures for a part of a year
("the first eight months of 2024") show the text was written after that part of that year
(and, reporting it as the latest figure, within it); a yearless date later in the year than
the period's end can then only be in that year.
"""
from __future__ import annotations

import re
from dataclasses import replace

from bilateral.analyse.ordinals import ANY_KIND
from bilateral.dates import PartialDate, parse
from bilateral.models import Analysis, OrdinalMention, ProtocolMention, Sentence, TimeMention

_PARTIAL_YEAR = re.compile(r"^(\d{4})-01/(\d{4})-(\d{2})$")
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def times_in(a: Analysis, sentence: Sentence) -> list[TimeMention]:
    return [t for t in a.times if sentence.start <= t.start < sentence.end and t.value]


def event_time(a: Analysis, sentences: list[Sentence], anchor: int | None = None) -> TimeMention | None:
    """The most precise date stated in the event's sentences, nearest the trigger first.

    Years alone are not event dates here ("2018 hatten wir $900 Mio." dates a figure, not the
    meeting), and neither are ranges; months are, when nothing more precise is stated.
    """
    for k, sentence in enumerate(sentences):
        found = [t for t in times_in(a, sentence) if t.precision in ("day", "month") and "/" not in t.value]
        if found:
            key_anchor = anchor if anchor is not None and sentence.start <= anchor < sentence.end else sentence.start
            found.sort(key=lambda t: (_PRECISION_RANK.get(t.precision, 3), abs(t.start - key_anchor)))
            return _day_within(a, found[0], sentences[k + 1:]) or found[0]
    return None


def event_weekday(a: Analysis, sentences: list[Sentence]) -> TimeMention | None:
    """The weekday a sentence of the event names when it cannot be put on the calendar (no
    publication date to count back from): "am Mittwoch" still tells a Wednesday's talks from a
    Monday's. The first such mention, in the order of ``sentences``."""
    for sentence in sentences:
        for t in a.times:
            if sentence.start <= t.start < sentence.end and t.value is None and t.weekday is not None:
                return t
    return None


def event_ordinal(a: Analysis, sentences: list[Sentence], anywhere_deictic: bool) -> OrdinalMention | None:
    """Which occasion of a series the event is ("his second trip to China this year"): the
    ordinal phrases of the event's sentences, and with ``anywhere_deictic`` those of any
    sentence that speaks of the reported occasion itself ("this is his second visit"). Phrases
    put in the past ("last year's first meeting") never count; two different ones: unknown."""
    found = [o for o in a.ordinals if not o.background
             and (any(s.start <= o.start < s.end for s in sentences) or (anywhere_deictic and o.deictic))]
    specific = {(o.number, o.scope) for o in found if o.kind != ANY_KIND}
    found = [o for o in found if o.kind != ANY_KIND or (o.number, o.scope) not in specific]  # "first meeting" says more
    keys = {(o.number, o.kind, o.scope) for o in found}
    return found[0] if len(keys) == 1 else None


def event_protocol(a: Analysis, sentences: list[Sentence]) -> ProtocolMention | None:
    """The rank of the visit the event is ("a state visit", "с рабочим визитом"): the phrases of
    the event's sentences, in their order; two different ranks among them: unknown (one of
    them is another visit, recalled or announced)."""
    found = [p for s in sentences for p in a.protocols if s.start <= p.start < s.end]
    return found[0] if len({p.rank for p in found}) == 1 else None


_DAY_RANGE = re.compile(r"(\d{1,2})\.?\s*(?:[-–]|bis|to|по|au)\s*(\d{1,2})\b")


def _day_within(a: Analysis, when: TimeMention, later: list[Sentence]) -> TimeMention | None:
    """A visit "on 12-14 September" whose talks another sentence dates "on Saturday" (the
    13th): the single day inside the range is the event's day."""
    m = _DAY_RANGE.search(when.surface)
    stated = parse(when.value)
    if not m or stated.year is None or stated.day is None:
        return None
    first, last = int(m.group(1)), int(m.group(2))
    if not first < last <= 31:
        return None
    for sentence in later:
        for t in times_in(a, sentence):
            if t.precision != "day" or not t.value or _DAY_RANGE.search(t.surface):
                continue
            day = parse(t.value)  # "2014-09-13" or "--09-13"
            same_month = day.month == stated.month and day.year in (stated.year, None)
            if same_month and day.day is not None and first <= day.day <= last and day.day != stated.day:
                return replace(t, value=PartialDate(stated.year, stated.month, day.day).format())  # the range's year
    return None


def fix_open_year(value: str, a: Analysis) -> str:
    """``--MM-DD`` -> ``YYYY-MM-DD`` when a partial-year period in the text fixes the year."""
    date = parse(value)
    if date.year is not None or date.day is None:
        return value
    best: tuple[int, int] | None = None
    for period in _periods(a):
        m = _PARTIAL_YEAR.match(period)
        if m and m.group(1) == m.group(2):
            year, end_month = int(m.group(1)), int(m.group(3))
            if best is None or (year, end_month) > best:
                best = (year, end_month)
    if best and date.month > best[1] and best[1] < 12:
        return date._replace(year=best[0]).format()
    return value


def _periods(a: Analysis) -> list[str]:
    found = [f.period for f in a.figures if f.period]
    found += [t.value for t in a.times if t.value and "/" in t.value]
    return found


def precision_of(value: str | None) -> str | None:
    return parse(value).precision
