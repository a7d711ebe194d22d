"""Blocking: which stored reports a new report is compared with, by keys, never all pairs.

Why these keys: two reports can only be one event when they share at least two states (or
name the same single state) and their dates can meet. So a key is a pair of states plus a date
bucket, and every bucket carries its year: a 2023 report never scans the pair's reports of
other years (year-free keys made the candidates grow with the archive). Dates without a year
(``--09-29``) are the exception they must be: a yearless report looks up the same day in any
year, and dated reports look up the (few) yearless ones of their day.

Undated reports are bucketed by their publication month (an event is reported soon after it
happens); an undated report without any publication date only meets the most recent reports of
its pair (the store caps every lookup at a fixed number of reports, so an attach costs the same
at 1,000 and at 1,000,000 events; beyond the cap such a report is compared with a fixed subset).

``index_keys`` are what a report is stored under, ``lookup_keys`` what a new report asks for.
For any two reports the rules could link, the lookup keys of either one meet the index keys of
the other (tested), so the store, which only looks up from the new side, finds every candidate.
"""
from __future__ import annotations

import datetime as dt
from itertools import combinations

from bilateral import dates
from bilateral.link.evidence import with_year
from bilateral.models import Event

MAX_PAIRS = 28  # a summit of eight states: all its pairs; larger sets use the first 28 (sorted)


def state_keys(event: Event) -> list[str]:
    """The pairs of states of a report ("BY-CN"), or the one state when it names one."""
    cs = sorted(set(event.countries))
    if not cs:
        return []
    if len(cs) == 1:
        return cs
    return ["-".join(p) for p in combinations(cs, 2)][:MAX_PAIRS]


def published_month(event: Event) -> str | None:
    """YYYY-MM of the earliest publication date of the report's sources."""
    months = sorted(p.format()[:7] for p in (dates.parse(s.published) for s in event.sources)
                    if p.year is not None and p.month is not None)
    return months[0] if months else None


def _shift_month(ym: str, k: int) -> str:
    y, m = int(ym[:4]), int(ym[5:7]) - 1 + k
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}"


def _days(p: dates.PartialDate) -> list[dt.date]:
    base = dt.date(p.year if p.year is not None else 2000, p.month, p.day)  # type: ignore[arg-type]
    return [base + dt.timedelta(days=k) for k in range(-dates.TOLERANCE_DAYS, dates.TOLERANCE_DAYS + 1)]


def _date_index(event: Event) -> list[str]:
    p = with_year(event)  # a yearless day with a publication date is compared as that year's day
    if p.is_day and p.year is not None:
        return [f"d:{p.year:04d}-{p.month:02d}-{p.day:02d}", f"m:{p.year:04d}-{p.month:02d}",
                f"md:{p.month:02d}-{p.day:02d}", f"y:{p.year:04d}"]
    if p.is_day:  # yearless day
        return [f"yl:{p.month:02d}-{p.day:02d}", f"ylm:{p.month:02d}", "ylp:?"]  # (no publication date)
    if p.month is not None:
        return [f"m:{p.year:04d}-{p.month:02d}", f"mo:{p.year:04d}-{p.month:02d}", f"mom:{p.month:02d}",
                f"y:{p.year:04d}"]
    if p.year is not None:
        return [f"y:{p.year:04d}", f"yo:{p.year:04d}", "yo:*"]
    pm = published_month(event)
    return [f"u:{pm}", f"up:{pm[:4]}", f"um:{pm[5:]}"] if pm else ["u:?"]


def _date_lookup(event: Event) -> list[str]:
    p = with_year(event)
    if p.is_day and p.year is not None:
        days = _days(p)
        keys = [f"d:{d.isoformat()}" for d in days]
        keys += [f"yl:{d.month:02d}-{d.day:02d}" for d in days]
        for d in days:
            keys += [f"mo:{d.year:04d}-{d.month:02d}", f"yo:{d.year:04d}"]
        ym = f"{p.year:04d}-{p.month:02d}"
        # undated reports published that month or the next (the day before, at a month's edge)
        return keys + [f"u:{ym}", f"u:{_shift_month(ym, 1)}", f"u:{_shift_month(ym, -1)}", "u:?"]
    if p.is_day:
        days = _days(p)
        keys = [f"md:{d.month:02d}-{d.day:02d}" for d in days] + [f"yl:{d.month:02d}-{d.day:02d}" for d in days]
        keys.append(f"mom:{p.month:02d}")
        # (no publication date, else it took a year:) undated reports published in its month or
        # the next, or the month before at the edge, in any year
        keys += ["yo:*"] + [f"um:{_shift_month(f'2000-{p.month:02d}', k)[5:]}" for k in (-1, 0, 1)]
        return keys + ["u:?"]
    if p.month is not None:
        ym = f"{p.year:04d}-{p.month:02d}"
        return [f"m:{ym}", f"yo:{p.year:04d}", f"ylm:{p.month:02d}", f"u:{ym}", f"u:{_shift_month(ym, 1)}",
                f"u:{_shift_month(ym, -1)}", "u:?"]
    if p.year is not None:
        return [f"y:{p.year:04d}", "ylp:?", f"up:{p.year:04d}", f"up:{p.year + 1:04d}", f"up:{p.year - 1:04d}", "u:?"]
    pm = published_month(event)
    if pm is None:
        return ["*"]  # nothing dates it: any report of the pair (the store caps the lookup)
    prev = _shift_month(pm, -1)
    year = int(pm[:4])
    return [f"m:{pm}", f"m:{prev}", f"m:{_shift_month(pm, 1)}", f"ylm:{pm[5:]}", f"ylm:{prev[5:]}", f"ylm:{_shift_month(pm, 1)[5:]}",
            f"u:{pm}", f"u:{prev}", f"u:{_shift_month(pm, 1)}", f"yo:{year:04d}", f"yo:{year - 1:04d}",
            f"yo:{year + 1:04d}", "ylp:?", "u:?"]


def index_keys(event: Event) -> list[str]:
    """Keys to store a report under ("BY-CN|d:2023-12-04", ...); every report also under its
    pairs' ``*`` key, which only reports without any date or publication date look up."""
    return [f"{s}|{d}" for s in state_keys(event) for d in _date_index(event) + ["*"]]


def lookup_keys(event: Event) -> list[str]:
    """Keys whose reports could be the same event as this one."""
    return list(dict.fromkeys(f"{s}|{d}" for s in state_keys(event) for d in _date_lookup(event)))
