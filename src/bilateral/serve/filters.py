"""Query-string parameters -> a validated ``EventFilter``.

Why a module of its own: every endpoint that takes the event filters (events, timeline,
export) must accept and reject exactly the same inputs, with messages an analyst can act on.
"""
from __future__ import annotations

import re
from datetime import date

from bilateral.store.query import EventFilter

# The PLOVER event types of the contract (shared/CONTRACT.md, field `type`).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
                "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
                "ASSAULT")

_CODE = re.compile(r"^[A-Za-z]{2}$")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class BadParameter(ValueError):
    """A query parameter the API cannot use; its message is shown to the caller (HTTP 400)."""


def parse_codes(pair: str | None, country: str | None) -> list[str]:
    """``pair=BY-KZ`` (or ``BY,KZ``) and ``country=KZ`` -> upper-case ISO codes, all required."""
    codes: list[str] = []
    if pair:
        parts = [p.strip() for p in re.split(r"[-,\s]+", pair.strip()) if p.strip()]
        if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
            raise BadParameter(f"pair must be two ISO 3166-1 alpha-2 codes like BY-KZ, got {pair!r}")
        codes += [p.upper() for p in parts]
    if country:
        if not _CODE.match(country.strip()):
            raise BadParameter(f"country must be an ISO 3166-1 alpha-2 code like KZ, got {country!r}")
        codes.append(country.strip().upper())
    return list(dict.fromkeys(codes))


def parse_date(value: str | None, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a real calendar date), else ``BadParameter``."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    m = _DATE.match(value)
    if not m:
        raise BadParameter(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        date(year, month, day)
    except ValueError:
        raise BadParameter(f"{name} is not a calendar date: {value!r}") from None
    return value


def parse_type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    t = value.strip().upper()
    if t not in PLOVER_TYPES:
        raise BadParameter(f"type must be a PLOVER type ({', '.join(PLOVER_TYPES)}), got {value!r}")
    return t


def event_filter(country: str | None = None, pair: str | None = None, date_from: str | None = None,
                 date_to: str | None = None, type_: str | None = None, actor: str | None = None,
                 text: str | None = None, from_country: str | None = None,
                 to_country: str | None = None) -> EventFilter:
    """The store's filter from raw query values; raises ``BadParameter`` with a clear message."""
    f = EventFilter(countries=parse_codes(pair, country) or None,
                    date_from=parse_date(date_from, "from"), date_to=parse_date(date_to, "to"),
                    type=parse_type(type_), actor=(actor or "").strip() or None,
                    text=(text or "").strip() or None,
                    from_country=(parse_codes(None, from_country) or [None])[0],
                    to_country=(parse_codes(None, to_country) or [None])[0])
    if f.date_from and f.date_to and f.date_from[:len(f.date_to)] > f.date_to:
        raise BadParameter(f"from ({f.date_from}) is after to ({f.date_to})")
    return f
