"""Normalising the metadata an input states about itself (publication date, language).

Only what the input *declares* is used here (JSON Lines fields, HTML meta tags): reading a
date out of the running text is the ``clean`` stage's job. A value we cannot normalise
safely is dropped (``None``) rather than passed on half-understood: a wrong publication
date would later anchor wrong event dates.
"""
from __future__ import annotations

import re
from datetime import date

_SURROGATE = re.compile("[\ud800-\udfff]")
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")
_DMY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ ,T].*)?\s*$")
_YMD_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T].*)?\s*$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T?\d{6}Z?)?\s*$")  # 20191025, 20191025T093100Z


def _valid(y: int, m: int | None, d: int | None) -> str | None:
    if not 1900 <= y <= 2100:
        return None
    if m is None:
        return f"{y:04d}"
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` from a declared date, or None.

    Accepts ISO dates and timestamps (``2019-10-25T09:31:00+06:00`` -> ``2019-10-25``: the
    date as the publisher wrote it, no time-zone shift), ``25.10.2019``, ``2019/10/25``,
    ``20191025``, and as a last resort free forms with an explicit year ("25 October 2019",
    "Fri, 25 Oct 2019 09:31:00 GMT") via dateparser. A value without a year gives None:
    the year would be invented.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return None  # epoch numbers are too ambiguous (seconds? milliseconds?)
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    for rx, order in ((_ISO, "ymd"), (_COMPACT, "ymd"), (_YMD_SLASH, "ymd"), (_DMY, "dmy")):
        m = rx.match(text)
        if m:
            parts = [int(g) if g else None for g in m.groups()]
            if order == "dmy":
                parts = [parts[2], parts[1], parts[0]]
            return _valid(parts[0], parts[1], parts[2])  # type: ignore[arg-type]
    if not re.search(r"\b(1[89]\d\d|20\d\d)\b", text):
        return None
    try:
        import dateparser  # lazy: slow to import (~0.15 s); only reached for unusual formats

        parsed = dateparser.parse(text, settings={"REQUIRE_PARTS": ["year", "month", "day"],
                                                  "PREFER_DAY_OF_MONTH": "first"})
    except Exception:  # dateparser raises on some odd inputs; a date is optional
        return None
    return parsed.date().isoformat() if parsed else None


def normalise_language(value: object) -> str | None:
    """ISO 639-1 lower case from a declared language (``de``, ``DE``, ``de-DE``, ``de_AT``)."""
    if not isinstance(value, str):
        return None
    m = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", value)
    return m.group(1).lower() if m else None


def clean_str(value: object) -> str | None:
    """A stripped non-empty string, or None (metadata fields may be null, numbers, lists)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(value).strip()
    return text or None


def scrub_surrogates(value: str) -> tuple[str, int]:
    """``value`` with lone UTF-16 surrogates replaced by U+FFFD, and how many there were.

    Why: JSON allows escapes like ``"\\ud800"`` that decode to a lone surrogate, a str that
    can never be encoded as UTF-8; left in, it crashes the first write (stdout, SQLite) long
    after reading and takes the whole run with it. Valid pairs are already joined by ``json``.
    """
    if not _SURROGATE.search(value):
        return value, 0
    return _SURROGATE.subn("\ufffd", value)
