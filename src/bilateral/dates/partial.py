"""The partial date: year, month and day, each known or not, and how two of them compare.

Why one type: dates reach the pipeline at every stage (page metadata, a dateline, "am 18.
Oktober" in the text, a publication date to anchor "yesterday", the dates of reports being
linked) and each knows a different part. Written out they are the contract's values
``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, ``--MM-DD`` (day known, year not) or None; in code they
are a ``PartialDate``, parsed and formatted here only.

Linking needs the comparisons: reports of one event differ by a day (time zones, "yesterday"
resolved against different publication dates). ``--10-01`` and ``2019-10-25`` can never be the
same day; ``--10-25`` and ``2019-10-25`` can, and the merged event keeps ``2019-10-25``.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_NOYEAR = re.compile(r"^--(\d{2})-(\d{2})$")
_LEAP = 2000  # stands in for an unknown year, so --02-29 stays a valid day
TOLERANCE_DAYS = 1


class PartialDate(NamedTuple):
    """A date with its unknown parts None (a day always has its month)."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def is_day(self) -> bool:
        return self.day is not None

    @property
    def precision(self) -> str | None:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        if self.year is not None:
            return "year"
        return None

    @property
    def date(self) -> dt.date | None:
        """The calendar day, when year, month and day are all known."""
        if self.year is not None and self.month and self.day:
            return dt.date(self.year, self.month, self.day)
        return None

    def span(self) -> tuple[dt.date, dt.date] | None:
        """The first and the last day the date may mean ("2019-02" -> 1 and 28 February);
        None without a year."""
        if self.year is None:
            return None
        try:
            if self.day is not None:
                day = dt.date(self.year, self.month or 1, self.day)
                return day, day
            if self.month is not None:
                first = dt.date(self.year, self.month, 1)
                after = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
                return first, after - dt.timedelta(days=1)
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        except ValueError:
            return None

    def format(self) -> str | None:
        if self.day is not None:
            return (f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year is not None
                    else f"--{self.month:02d}-{self.day:02d}")
        if self.month is not None and self.year is not None:
            return f"{self.year:04d}-{self.month:02d}"
        if self.year is not None:
            return f"{self.year:04d}"
        return None


NONE = PartialDate(None, None, None)


@lru_cache(maxsize=8192)
def parse(value: str | None) -> PartialDate:
    """The parts of a contract date; anything unreadable counts as unknown."""
    if not value:
        return NONE
    value = value.strip()
    for rx, kind in ((_FULL, "ymd"), (_NOYEAR, "md"), (_MONTH, "ym"), (_YEAR, "y")):
        m = rx.match(value)
        if not m:
            continue
        g = [int(x) for x in m.groups()]
        if kind == "ymd":
            parts = PartialDate(g[0], g[1], g[2])
        elif kind == "md":
            parts = PartialDate(None, g[0], g[1])
        elif kind == "ym":
            parts = PartialDate(g[0], g[1], None)
        else:
            parts = PartialDate(g[0], None, None)
        if parts.month is not None and not 1 <= parts.month <= 12:
            return NONE
        if parts.day is not None and _as_date(parts.year or _LEAP, parts.month, parts.day) is None:
            return NONE
        return parts
    return NONE


def _as_date(year: int, month: int | None, day: int | None) -> dt.date | None:
    try:
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        return None


def day_distance(a: PartialDate, b: PartialDate) -> int | None:
    """Days between two day-level dates (an unknown year takes the other's, or wraps the year)."""
    if not (a.is_day and b.is_day):
        return None
    if a.year is not None and b.year is not None:
        da, db = _as_date(a.year, a.month, a.day), _as_date(b.year, b.month, b.day)
        return None if da is None or db is None else abs((da - db).days)
    year = a.year if a.year is not None else b.year
    best = None
    for y in ((year - 1, year, year + 1) if year is not None else (_LEAP - 1, _LEAP, _LEAP + 1)):
        # the yearless side may sit in the neighbouring year (--12-31 vs 2020-01-01)
        known = a if a.year is not None else (b if b.year is not None else None)
        if known is not None:
            other = b if known is a else a
            d1 = _as_date(known.year, known.month, known.day)
            d2 = _as_date(y, other.month, other.day)
        else:
            d1 = _as_date(_LEAP, a.month, a.day)
            d2 = _as_date(y, b.month, b.day)
        if d1 is None or d2 is None:
            continue
        dist = abs((d1 - d2).days)
        best = dist if best is None else min(best, dist)
    return best


def compatible(a: PartialDate, b: PartialDate, tolerance: int = TOLERANCE_DAYS) -> bool:
    """Could the two dates name the same event day? Unknown parts never contradict."""
    if a == NONE or b == NONE:
        return True
    if a.is_day and b.is_day:
        dist = day_distance(a, b)
        return dist is not None and dist <= tolerance
    # at least one side is coarser than a day: compare what both know
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.month is not None and b.month is not None and a.month != b.month:
        return False
    return True


def same_day(a: PartialDate, b: PartialDate) -> bool:
    """Both name a day, and it is the same one (an unknown year does not contradict)."""
    return a.is_day and b.is_day and day_distance(a, b) == 0


def neighbours(p: PartialDate, tolerance: int = TOLERANCE_DAYS) -> list[tuple[int, int]]:
    """(month, day) of the days within ``tolerance`` of a day-level date, itself first."""
    if not p.is_day:
        return []
    base = _as_date(p.year if p.year is not None else _LEAP, p.month, p.day)
    if base is None:
        return [(p.month, p.day)]  # type: ignore[list-item]
    out = [(p.month, p.day)]
    for k in range(1, tolerance + 1):
        for d in (base - dt.timedelta(days=k), base + dt.timedelta(days=k)):
            out.append((d.month, d.day))
    return out  # type: ignore[return-value]


def best_date(values: list[str | None]) -> PartialDate:
    """The most precise date the values agree on.

    Day-level dates win (the most frequent; ties go to the earliest, so the choice is
    deterministic); a yearless day borrows the year of a coarser date that agrees with it
    (``--10-25`` + ``2019-10`` -> ``2019-10-25``); otherwise the most precise coarse date.
    """
    parts = [p for p in (parse(v) for v in values) if p != NONE]
    if not parts:
        return NONE

    def rank(p: PartialDate) -> tuple:
        count = sum(1 for q in parts if q == p)
        agree = sum(1 for q in parts if compatible(p, q, 0))
        precision = (p.day is not None) * 4 + (p.year is not None) * 2 + (p.month is not None)
        return (-precision, -agree, -count, p.year or 0, p.month or 0, p.day or 0)

    best = sorted(set(parts), key=rank)[0]
    if best.is_day and best.year is None:
        years = sorted({q.year for q in parts if q.year is not None and compatible(best, q, 0)})
        if len(years) == 1:
            best = PartialDate(years[0], best.month, best.day)
    return best
