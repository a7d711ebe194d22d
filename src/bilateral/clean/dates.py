"""Find and normalise calendar dates in page furniture (timestamps, markers, datelines).

This is deliberately narrow: it recognises the handful of shapes news pages use for their own
dates ("25 Oktober 2019, 09:31", "25.10.2019", "October 25, 2019 at 9:31 AM", "2019-10-25",
"25 октября 2019 г.", "2019 жылғы 25 қазан", RFC 2822) with the month and weekday names of every
language in ``months.yaml`` (all forms: names and abbreviations, via ``bilateral.calendar_words``).
Event dates in running text are the analyse stage's job, not this module's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate as parsedate_tuple
from typing import Iterable

from bilateral import calendar_words
from bilateral.dates import PartialDate
from bilateral.deadline import loader


@dataclass(frozen=True)
class DateHit:
    """One date found in a string: its span and the date (month and day may be unknown)."""

    start: int
    end: int
    date: PartialDate

    @property
    def year(self) -> int | None:
        return self.date.year

    @property
    def month(self) -> int | None:
        return self.date.month

    @property
    def day(self) -> int | None:
        return self.date.day

    @property
    def value(self) -> str | None:
        """The contract's value; None without a year (a dateline's "25. Oktober")."""
        return self.date.format() if self.date.year is not None else None


@dataclass(frozen=True)
class _Tables:
    month_of: dict[str, int]
    month_re: str
    weekday_re: re.Pattern[str]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    time_re: re.Pattern[str]
    month_word: re.Pattern[str]


_YEAR = r"(?P<y>(?:19|20)\d\d)"
_YEARISH = re.compile(r"(?:19|20)\d\d")
_DAY = r"(?P<d>[0-3]?\d)"


def trie_regex(words: Iterable[str]) -> str:
    """One regex group matching any of ``words``, written as a trie.

    Why: a flat alternation of ~300 month names is tried name by name at every position, which
    made date search the slowest part of cleaning; the trie shares prefixes and is several
    times faster. Longer words win (a word is followed by its longer extensions first).
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if end else body

    return "(?:" + build(trie) + ")"


@loader(maxsize=1)
def _tables() -> _Tables:
    # page furniture may be in any language: every form of every language (no form names two
    # different months: tests/test_calendar_words.py checks it)
    month_of: dict[str, int] = {}
    for lang in calendar_words.languages():
        for i, forms in enumerate(calendar_words.month_forms(lang), start=1):
            for form in forms:
                month_of.setdefault(form.lower(), i)
    month_re = "(?P<mon>" + trie_regex(month_of) + r")\.?"
    # a month name may carry a case ending (kk "қазанда", uz "oktabrda") but must end a word
    mon = month_re + r"(?:\w{0,3})(?!\w)"
    days = {d.lower() for lang in calendar_words.languages()
            for ds in calendar_words.weekday_forms(lang) for d in ds}
    weekday_re = re.compile(r"(?<!\w)" + trie_regex(days) + r"(?!\w)\.?", re.I)
    ordinal = r"(?:st|nd|rd|th|er|e|го|-го|-е)?"
    patterns = (
        ("ymd", re.compile(r"(?<![\d.])" + _YEAR + r"(?P<s>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=s)"
                           r"(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)")),
        ("cjk", re.compile(_YEAR + r"\s*年\s*(?P<m>\d{1,2})\s*月\s*(?:(?P<d>\d{1,2})\s*日)?")),
        ("num", re.compile(r"(?<![\d.,/])(?P<a>[0-3]?\d)(?P<s>[./-])(?P<b>[0-3]?\d)(?P=s)"
                           r"(?P<y>(?:19|20)\d\d|\d\d)(?![\d]|[.,]\d)")),
        ("ydm", re.compile(r"(?<!\d)" + _YEAR + r"(?:\s*(?:жылғы|жыл|ж\.|yil|yilning|y\.|г\.|года|год|m\.))?"
                           r"[\s,-]*" + _DAY + r"[\s-]+" + mon, re.I)),
        ("dmy", re.compile(r"(?<![\d.,])" + _DAY + ordinal + r"(?:\.|-)?[\s\u00a0]*(?:de\s+|of\s+)?" + mon
                           + r"(?:[\s\u00a0,]*(?:de\s+|del\s+|,\s*)?" + _YEAR + r"(?!\d))?", re.I)),
        ("mdy", re.compile(r"(?<!\w)" + mon + r"[\s\u00a0]+" + _DAY + ordinal + r"(?!\d)"
                           r"(?:,?[\s\u00a0]+" + _YEAR + r"(?!\d))?", re.I)),
        ("ymon", re.compile(r"(?<!\d)" + _YEAR + r"(?:\s*(?:жылғы|yil|г\.|года))?[\s,-]+" + mon, re.I)),
        ("mony", re.compile(r"(?<![\w\d])" + mon + r"[\s\u00a0,]+" + _YEAR + r"(?!\d)", re.I)),
    )
    time_re = re.compile(
        r"(?<![\d:.])(?:[01]?\d|2[0-3])(?:[:h]\s?[0-5]\d(?::[0-5]\d)?|\.[0-5]\d(?=\s*(?:uhr|ч)))"
        r"(?!\d)(?:\s*(?:am|pm|a\.m\.|p\.m\.|uhr|ч\.?))?", re.I)
    # any month word (with a case ending of up to 3 letters), as a quick pre-check
    month_word = re.compile(r"(?<![^\W\d_])" + trie_regex(month_of) + r"[^\W\d_]{0,3}(?![^\W\d_])", re.I)
    return _Tables(month_of, month_re, weekday_re, patterns, time_re, month_word)


def _month_number(name: str) -> int | None:
    return _tables().month_of.get(name.lower().rstrip("."))


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and not 1 <= d <= 31:
        return False
    if y is not None and not 1900 <= y <= 2100:
        return False
    if y is not None and m is not None and d is not None:
        try:
            datetime(y, m, d)
        except ValueError:
            return False
    return True


def find_dates(s: str, prefer_mdy: bool = False) -> list[DateHit]:
    """Every date in ``s``, left to right, without overlaps (earlier, longer shapes win).

    ``prefer_mdy`` decides "10/11/2019" (both parts <= 12) the US way; otherwise day first.
    """
    t = _tables()
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    # the month-name shapes are costly regexes: try them only when a month word is present
    with_names = _has_month_word(s, t.month_of)

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    with_year = _YEARISH.search(s) is not None
    for kind, rx in t.patterns:
        if kind not in ("ymd", "cjk", "num") and not with_names:
            continue
        if kind in ("ymd", "cjk", "ydm", "ymon", "mony") and not with_year:
            continue
        for m in rx.finditer(s):
            a, b = m.span()
            if not free(a, b):
                continue
            g = m.groupdict()
            y = int(g["y"]) if g.get("y") else None
            if kind in ("ymd", "cjk"):
                mo = int(g["m"])
                d = int(g["d"]) if g.get("d") else None
            elif kind == "num":
                first, second = int(g["a"]), int(g["b"])
                if y is not None and y < 100:
                    if g["s"] != ".":
                        continue  # "10-11-19" is too ambiguous for furniture
                    y += 2000 if y < 70 else 1900
                if g["s"] == "/" and (first <= 12 < second or (prefer_mdy and second <= 12 and first <= 12)):
                    mo, d = first, second
                else:
                    d, mo = first, second
            else:
                mo = _month_number(g["mon"])
                d = int(g["d"]) if g.get("d") else None
                if kind == "mdy" and y is None and d is not None and d > 31:
                    continue
            if not _valid(y, mo, d):
                continue
            if y is None and d is None:
                continue
            taken.append((a, b))
            hits.append(DateHit(a, b, PartialDate(y, mo, d)))
    hits.sort(key=lambda h: h.start)
    return hits


def _has_month_word(s: str, month_of: dict[str, int]) -> bool:
    return _tables().month_word.search(s) is not None


def find_times(s: str) -> list[tuple[int, int]]:
    """Spans of clock times ("09:31", "9:31 AM", "14.30 Uhr", "9h31")."""
    return [m.span() for m in _tables().time_re.finditer(s)]


def weekday_spans(s: str) -> list[tuple[int, int]]:
    """Spans of weekday names ("Samstag", "Fri", "пятница")."""
    return [m.span() for m in _tables().weekday_re.finditer(s)]


_ISO_RX = re.compile(r"^\s*(?P<y>(?:19|20)\d\d)(?:-(?P<m>\d\d)(?:-(?P<d>\d\d)(?:[T ]\d\d?:\d\d.*)?)?)?\s*$")


def normalise_date(value: str | int | float | None, prefer_mdy: bool = False) -> str | None:
    """Any metadata date ("2019-10-25T09:31:00+03:00", RFC 2822, "25 October 2019",
    "25.10.2019", a Unix timestamp) as ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``; None if unknown."""
    if value is None:
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\s*\d{9,13}(\.\d+)?\s*", value)):
        ts = float(value)
        if ts > 1e11:  # milliseconds
            ts /= 1000
        try:
            return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%d")
        except (OverflowError, OSError, ValueError):
            return None
    s = str(value).strip()
    if not s:
        return None
    m = _ISO_RX.match(s)
    if m:
        y, mo, d = int(m["y"]), m["m"] and int(m["m"]), m["d"] and int(m["d"])
        if _valid(y, mo or None, d or None):
            return PartialDate(y, mo or None, d or None).format()
    if re.match(r"^[A-Za-z]{3},\s", s) or re.search(r"[+-]\d{4}$|\bGMT$", s):
        tup = parsedate_tuple(s)
        if tup and _valid(tup[0], tup[1], tup[2]):
            return f"{tup[0]:04d}-{tup[1]:02d}-{tup[2]:02d}"
    hits = [h for h in find_dates(s, prefer_mdy=prefer_mdy) if h.year is not None]
    if hits:
        best = max(hits, key=lambda h: (h.day is not None, h.month is not None, -h.start))
        return best.value
    m = re.fullmatch(r"\s*((?:19|20)\d\d)\s*", s)
    return m.group(1) if m else None
