"""Checks of the values a user gives as filters (CLI flags, API query parameters).

A filter that cannot match anything because it is malformed (``--from 2019-13``, ``--pair
XX-KZ``) must be refused with one line saying which value is wrong and why, not silently
answered with nothing: the CLI exits 2 with it, the API answers 422 with it. One definition
here keeps both the same.
"""
from __future__ import annotations

import re
from datetime import date as Date

from bilateral.deadline import loader
from bilateral.kb import load_tsv

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
                "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
                "ASSAULT")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class InvalidFilter(ValueError):
    """A filter value that is malformed; ``str()`` is the one line to show."""

    def __init__(self, option: str, value: object, reason: str) -> None:
        super().__init__(f"{option}: {value!r} {reason}")
        self.option, self.value, self.reason = option, value, reason


@loader(maxsize=1)
def known_countries() -> frozenset[str]:
    """Every state code the extractor can produce (ISO alpha-2, EU, XK)."""
    return frozenset(r["code"] for r in load_tsv("countries_base.tsv")) | {"EU", "XK"}


def date_bound(option: str, value: str | None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real month/day; returned as given."""
    if value is None:
        return None
    m = _DATE.fullmatch(value.strip())
    if not m:
        raise InvalidFilter(option, value, "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    y, mo, d = (int(x) if x else None for x in m.groups())
    try:
        Date(y, mo or 1, d or 1)
    except ValueError:
        raise InvalidFilter(option, value, "is not a date of the calendar") from None
    return value.strip()


def country(option: str, value: str | None) -> str | None:
    """One state code (``KZ``; ``EU`` for the Union, ``XK`` for Kosovo), upper-cased."""
    if value is None:
        return None
    code = value.strip().upper()
    if code not in known_countries():
        raise InvalidFilter(option, value, "is not a state code (ISO 3166-1 alpha-2, e.g. KZ; EU, XK)")
    return code


def pair(option: str, value: str | None) -> list[str]:
    """Two different state codes, ``BY-KZ`` (or ``BY,KZ``)."""
    if value is None:
        return []
    parts = [p for p in re.split(r"[-,]", value.strip()) if p]
    if len(parts) != 2:
        raise InvalidFilter(option, value, "is not a pair of two state codes (e.g. BY-KZ)")
    codes = [country(option, p) for p in parts]
    if codes[0] == codes[1]:
        raise InvalidFilter(option, value, "names the same state twice")
    return [c for c in codes if c]


def event_type(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    t = value.strip().upper()
    if t not in PLOVER_TYPES:
        raise InvalidFilter(option, value, f"is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    return t


def positive(option: str, value: int | None) -> int | None:
    if value is not None and value < 1:
        raise InvalidFilter(option, value, "must be 1 or more")
    return value


def date_range(date_from: str | None, date_to: str | None, names: tuple[str, str] = ("--from", "--to")) -> None:
    """``from`` must not come after ``to`` (compared on the common precision)."""
    if date_from and date_to:
        n = min(len(date_from), len(date_to))
        if date_from[:n] > date_to[:n]:
            raise InvalidFilter(names[0], date_from, f"comes after {names[1]} {date_to!r}")
