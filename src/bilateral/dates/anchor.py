"""Resolution against an anchor: the year of "am 18. Oktober", the day of "on Thursday".

The anchor is the publication date, a ``PartialDate`` as far as it is known.

The rules, chosen for news (which mostly reports the past):

* A day and month without a year, published date P known: take P's year; if that date falls more
  than ``FUTURE_SLACK_DAYS`` after P and the clause is not future tense, take the previous year;
  if the clause is future tense and the date falls more than ``PAST_SLACK_DAYS`` before P, take
  the next year ("will meet on 5 January" written on 28 December).
* A month without a year: same idea at month granularity (a month after P's month is last year's
  unless the clause is future tense; a month before P's month is next year's only when future).
* A weekday ("on Thursday"): the most recent such day on or before P; in a future-tense clause the
  next such day on or after P; "last"/"vergangenen"/"прошлый" strictly before, "next"/"nächsten"/
  "следующий"/"coming" strictly after.
* Without a publication date nothing relative is resolved (value None); a yearless day and month
  becomes "--MM-DD".
"""
from __future__ import annotations

import datetime as dt
import re

from bilateral.dates.partial import PartialDate

FUTURE_SLACK_DAYS = 14  # a yearless past-tense date may lie this far after publication
PAST_SLACK_DAYS = 7  # a yearless future-tense date may lie this far before publication

_PUB_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_anchor(published: str | None) -> PartialDate | None:
    """"2019-10-25" / "2019-10" / "2019" (a longer ISO timestamp is cut) -> the anchor, else None."""
    if not published:
        return None
    m = _PUB_RE.match(published)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    try:
        if mo and d:
            dt.date(y, mo, d)
        elif mo and not 1 <= mo <= 12:
            return None
    except ValueError:
        return None
    return PartialDate(y, mo, d)


def valid_date(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
        return True
    except ValueError:
        return False


def iso(d: dt.date) -> str:
    return d.isoformat()


def infer_year_day(month: int, day: int, anchor: PartialDate | None, future: bool) -> int | None:
    """Year of a yearless day+month (rules in the module docstring); None when unanchored."""
    if anchor is None:
        return None
    if anchor.date is None:
        if anchor.month is None:
            return anchor.year
        return infer_year_month(month, anchor, future)
    pub = anchor.date
    y = pub.year
    if not valid_date(y, month, day):  # 29 February
        return y if future else y - 1 if valid_date(y - 1, month, day) else None
    cand = dt.date(y, month, day)
    if future:
        if (pub - cand).days > PAST_SLACK_DAYS:
            return y + 1
        return y
    if (cand - pub).days > FUTURE_SLACK_DAYS:
        return y - 1
    return y


def infer_year_month(month: int, anchor: PartialDate | None, future: bool) -> int | None:
    """Year of a yearless month name."""
    if anchor is None:
        return None
    if anchor.month is None:
        return anchor.year
    if future:
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def resolve_weekday(weekday: int, anchor: PartialDate | None, direction: str) -> dt.date | None:
    """``direction``: "past" (on or before), "future" (on or after), "last" (<), "next" (>)."""
    if anchor is None or anchor.date is None:
        return None
    pub = anchor.date
    back = (pub.weekday() - weekday) % 7
    fwd = (weekday - pub.weekday()) % 7
    if direction == "past":
        return pub - dt.timedelta(days=back)
    if direction == "last":
        return pub - dt.timedelta(days=back or 7)
    if direction == "next":
        return pub + dt.timedelta(days=fwd or 7)
    return pub + dt.timedelta(days=fwd)


def shift_day(anchor: PartialDate | None, days: int) -> dt.date | None:
    if anchor is None or anchor.date is None:
        return None
    return anchor.date + dt.timedelta(days=days)


def shift_month(anchor: PartialDate | None, months: int) -> tuple[int, int] | None:
    if anchor is None or anchor.month is None:
        return None
    idx = anchor.year * 12 + (anchor.month - 1) + months
    return idx // 12, idx % 12 + 1


def shift_week(anchor: PartialDate | None, weeks: int) -> tuple[str, str | None] | None:
    """(ISO week "YYYY-Www", "YYYY-MM" when the whole week lies in one month, else None)."""
    if anchor is None or anchor.date is None:
        return None
    d = anchor.date + dt.timedelta(weeks=weeks)
    iy, iw, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.weekday())
    sunday = monday + dt.timedelta(days=6)
    month = f"{monday.year:04d}-{monday.month:02d}" if (monday.year, monday.month) == (sunday.year, sunday.month) else None
    return f"{iy:04d}-W{iw:02d}", month
