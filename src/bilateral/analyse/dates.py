"""Temporal expressions: find them in running text and normalise them to ISO values.

Public entry points:

* ``find_times(text, lang, published)`` -> ``list[TimeMention]`` (the pipeline's stage): dates,
  months, years, relative days/weeks/months/years and periods, with contract values
  ("YYYY-MM-DD", "YYYY-MM", "YYYY", "--MM-DD", "YYYY-01/YYYY-08" for a period, or None).
* ``find_timexes(text, lang, published)`` -> ``list[TimeExpr]``: the same plus present/past
  references ("now", "damals"), centuries and decades, each with a TimeML-style value as well
  (``timex``: "2013-W12", "PRESENT_REF", "2012-SU", "19"...). The benchmark scores it.
* ``parse_period(text, lang, published=None)`` -> "2024-01/2024-08" | "2024-03" | "2018" | None:
  the reporting period named in a phrase, for the figures module.

Why our own finder: dateparser's ``search_dates`` on running text is unusable ("die", "1.7",
"523.7 2023" become dates, "am 18. Oktober" is read as a.m.), so spans come from regexes built
from the month/weekday names in ``months.yaml`` and the words and patterns in ``time_words.yaml``
(assembled by time_lexicon.py), and values from our own calendar code (``bilateral.dates``).
Overlapping candidates are settled longest-first.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bilateral.analyse.time_lexicon import Lexicon, Pattern, lexicon
from bilateral.dates import PartialDate
from bilateral.dates.anchor import (
    infer_year_day,
    infer_year_month,
    iso,
    parse_anchor,
    resolve_weekday,
    shift_day,
    shift_month,
    shift_week,
    valid_date,
)
from bilateral.models import TimeMention

__all__ = ["TimeExpr", "find_times", "find_timexes", "parse_period"]

# kinds that find_times leaves out: they do not place anything on the calendar
_NOT_CALENDAR = {"ref", "century", "decade"}

# language-independent numeric forms; order -1: preferred over word patterns of equal length
_ISO_RE = re.compile(r"(?<![\w.,/-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w]|[-.,/]\d)")
_DMY_DOT_RE = re.compile(r"(?<![\w.,/-])(?P<d>[0-3]?\d)\.\s?(?P<m>[01]?\d)\.\s?(?P<y>(?:19|20)\d\d)(?![\w]|[.,/-]\d)")
_SLASH_RE = re.compile(r"(?<![\w.,/-])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)(?![\w]|[.,/-]\d)")
_YEAR_RE = re.compile(r"(?P<y>1[89]\d\d|20\d\d|2100)(?!\w|[.,]\d)")  # left edge checked in code
_NUMDATE_FAST_RE = re.compile(r"\d{1,4}[-./]\s?\d{1,2}[-./]\s?\d{2,4}")  # cheap gate for the three above
_RANGE_TAIL_RE = re.compile(r"[-–/](?P<yy>\d{2})(?![\w]|[.,]\d)")
_NUMBER_BEFORE_RE = re.compile(r"\d[\d.,]*\s*$")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'»”)]?\s+|\n")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@dataclass
class TimeExpr:
    """A found expression with both its contract value and a TimeML-style value."""

    start: int
    end: int
    surface: str
    value: str | None
    precision: str  # day | month | year | week | range | ref | century | decade
    relative: bool = False
    year_explicit: bool = True
    timex: str | None = None  # TimeML TIMEX3 value ("2013-W12", "PRESENT_REF", ...)
    kind: str = ""
    weekday: int | None = None  # 0 = Monday, when the expression names a day of the week

    def to_mention(self) -> TimeMention:
        return TimeMention(start=self.start, end=self.end, surface=self.surface, value=self.value,
                           precision=self.precision, relative=self.relative,
                           year_explicit=self.year_explicit, weekday=self.weekday)


# ---------------------------------------------------------------- context helpers

class _Ctx:
    """What every handler needs: text, lexicon, anchor, and a cached tense probe."""

    def __init__(self, text: str, lex: Lexicon, anchor: PartialDate | None) -> None:
        self.text = text
        self.lex = lex
        self.anchor = anchor

    def clause_before(self, pos: int) -> str:
        """The clause the expression sits in, up to the expression ("... will begin on ")."""
        window = self.text[max(0, pos - 250):pos]
        cut = 0
        for m in _SENTENCE_END_RE.finditer(window):
            cut = m.end()
        window = window[cut:]
        if self.lex.clause_breaks is not None:
            cut = 0
            for m in self.lex.clause_breaks.finditer(window):
                cut = m.end()
            window = window[cut:]
        return window

    def future(self, pos: int) -> bool:
        """Is the clause before ``pos`` future tense or a plan ("will", "wird", "будет")?"""
        rx = self.lex.future_cues
        return bool(rx and rx.search(self.clause_before(pos)))

    def capitalised_ok(self, word: str | None) -> bool:
        return not word or not self.lex.capitalised_names or word[:1].isupper()

    def year_from(self, m: re.Match[str]) -> tuple[int | None, bool, bool]:
        """(year, stated explicitly, relative) from the {Y} groups of a match."""
        gd = m.groupdict()
        if gd.get("year"):
            return int(gd["year"]), True, False
        if gd.get("yref"):
            shift = self.lex.year_ref_shift(gd["yref"])
            if shift is None or self.anchor is None:
                return None, False, True
            return self.anchor.year + shift, False, True
        return None, False, False


def _month_end(ctx: _Ctx, m: re.Match[str]) -> int:
    """End of a match, without the sentence's full stop after a full month name ("5 ноября.")."""
    end = m.end()
    if end == m.end("month") + 1 and ctx.text[end - 1] == "." \
            and m.group("month").lower() not in ctx.lex.month_abbr:
        return end - 1
    return end


def _span_start(m: re.Match[str], groups: tuple[str, ...]) -> int:
    starts = [m.start(g) for g in groups if g in m.re.groupindex and m.group(g)]
    return min(starts) if starts else m.start()


def _expr(ctx: _Ctx, start: int, end: int, value: str | None, precision: str, kind: str, *,
          relative: bool = False, year_explicit: bool = True, timex: str | None = None,
          weekday: int | None = None) -> TimeExpr:
    return TimeExpr(start, end, ctx.text[start:end], value, precision, relative, year_explicit,
                    timex if timex is not None else value, kind, weekday)


# ---------------------------------------------------------------- handlers (one per kind)

def _dmy(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    if not ctx.capitalised_ok(m.group("month")) or not ctx.capitalised_ok(m.groupdict().get("wd")):
        return None
    month = ctx.lex.month_of(m.group("month"))
    day = int(m.group("day"))
    if month is None or not 1 <= day <= 31:
        return None
    return _day_month(ctx, m.start(), _month_end(ctx, m), day, month, m, "dmy",
                      weekday_word=m.groupdict().get("wd"))


def _day_month(ctx: _Ctx, start: int, end: int, day: int, month: int, m: re.Match[str] | None,
               kind: str, weekday_word: str | None = None) -> TimeExpr | None:
    year, explicit, rel = ctx.year_from(m) if m is not None else (None, False, False)
    if explicit or rel:
        if year is None:
            return _expr(ctx, start, end, None, "day", kind, relative=True, year_explicit=False)
        if not valid_date(year, month, day):
            return None
        v = PartialDate(year, month, day).format()
        return _expr(ctx, start, end, v, "day", kind, relative=rel, year_explicit=explicit)
    if not valid_date(2000, month, day):  # 2000 is a leap year: accepts 29 February
        return None
    gd = m.groupdict() if m is not None else {}
    # "le 22 novembre dernier" / "le 5 janvier prochain": the modifier says past or future
    future = bool(gd.get("nmod")) or (not gd.get("pmod") and ctx.future(start))
    year = infer_year_day(month, day, ctx.anchor, future)
    if year is None:
        v = PartialDate(None, month, day).format()
        return _expr(ctx, start, end, v, "day", kind, relative=False, year_explicit=False,
                     timex=f"XXXX-{month:02d}-{day:02d}")
    wd = ctx.lex.weekday_of(weekday_word) if weekday_word else None
    if wd is not None:  # "Donnerstag, 25. Oktober": the year in which that day is a Thursday
        for y in (year, year - 1, year + 1):
            if valid_date(y, month, day) and _weekday(y, month, day) == wd:
                year = y
                break
    if not valid_date(year, month, day):
        return None
    return _expr(ctx, start, end, PartialDate(year, month, day).format(), "day", kind,
                 relative=True, year_explicit=False)


def _weekday(y: int, m: int, d: int) -> int:
    return dt.date(y, m, d).weekday()


def _numeric_dm(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    day, month = int(m.group("d")), int(m.group("m"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    start = _span_start(m, ("wd", "d"))
    return _day_month(ctx, start, m.end(), day, month, None, "numeric",
                      weekday_word=m.groupdict().get("wd"))


def _month(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    word = m.group("month")
    if not ctx.capitalised_ok(word):
        return None
    month = ctx.lex.month_of(word)
    if month is None:
        return None
    gd = m.groupdict()
    start = _span_start(m, ("mod", "pmod", "tmod", "nmod", "month"))
    end = _month_end(ctx, m)
    year, explicit, rel = ctx.year_from(m)
    if explicit or rel:
        v = PartialDate(year, month, None).format()
        return _expr(ctx, start, end, v, "month", "month", relative=rel, year_explicit=explicit)
    if word.lower().rstrip(".") in ctx.lex.month_abbr:
        return None  # "Jan", "Mar" alone are names or words, not months
    anchor = ctx.anchor
    if gd.get("pmod") or gd.get("nmod") or gd.get("tmod"):
        if anchor is None or anchor.month is None:
            return _expr(ctx, start, end, None, "month", "month", relative=True, year_explicit=False,
                         timex=f"XXXX-{month:02d}")
        if gd.get("pmod"):
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif gd.get("nmod"):
            year = anchor.year if month > anchor.month else anchor.year + 1
        else:
            year = anchor.year
    else:
        ctx_word = gd.get("ctx")
        if not ctx_word and not gd.get("mod"):
            return None  # a bare month name needs a preposition or "early/Anfang/в начале"
        weak = word.lower() in ctx.lex.weak_bare_months
        if weak and not gd.get("mod") and ctx.lex.weak_month_context is not None \
                and ctx.lex.weak_month_context.match(re.sub(r"\s+", " ", ctx_word or "")):
            return None
        year = infer_year_month(month, anchor, ctx.future(start))
        if year is None:
            return _expr(ctx, start, end, None, "month", "month", relative=True, year_explicit=False,
                         timex=f"XXXX-{month:02d}")
    return _expr(ctx, start, end, PartialDate(year, month, None).format(), "month", "month", relative=True,
                 year_explicit=False)


def _weekday_h(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    word = m.group("wd")
    if not ctx.capitalised_ok(word):
        return None
    wd = ctx.lex.weekday_of(word)
    if wd is None:
        return None
    gd = m.groupdict()
    if gd.get("pmod") or gd.get("pmod2"):
        direction = "last"
    elif gd.get("nmod") or gd.get("nmod2"):
        direction = "next"
    elif gd.get("tmod"):
        direction = "future"
    else:
        direction = "future" if ctx.future(m.start()) else "past"
    start = _span_start(m, ("pmod", "nmod", "tmod", "wd"))
    d = resolve_weekday(wd, ctx.anchor, direction)
    return _expr(ctx, start, m.end(), iso(d) if d else None, "day", "weekday", relative=True,
                 year_explicit=False, weekday=wd, timex=None if d else f"XXXX-WXX-{wd + 1}")


def _relday(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    d = shift_day(ctx.anchor, int(p.args.get("offset", 0)))
    return _expr(ctx, m.start(), m.end(), iso(d) if d else None, "day", "relday", relative=True,
                 year_explicit=False)


def _relunit(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    unit = ctx.lex.unit_of(m.group("unit"))
    if unit is None:
        return None
    shift = p.args.get("shift", 0)
    if shift == "-n":
        n = ctx.lex.number_of(m.group("n")) if m.groupdict().get("n") else 1
        if n is None:
            return None
        shift = -n
    shift = int(shift)
    s, e, a = m.start(), m.end(), ctx.anchor
    if unit == "year":
        v = None if a is None else PartialDate(a.year + shift, None, None).format()
        return _expr(ctx, s, e, v, "year", "relunit", relative=True, year_explicit=False)
    if unit == "month":
        ym = shift_month(a, shift)
        v = None if ym is None else PartialDate(ym[0], ym[1], None).format()
        return _expr(ctx, s, e, v, "month", "relunit", relative=True, year_explicit=False)
    if unit == "week":
        wk = shift_week(a, shift)
        if wk is None:
            return _expr(ctx, s, e, None, "week", "relunit", relative=True, year_explicit=False)
        week, month = wk
        return _expr(ctx, s, e, month, "month" if month else "week", "relunit", relative=True,
                     year_explicit=False, timex=week)
    d = shift_day(a, shift)
    return _expr(ctx, s, e, iso(d) if d else None, "day", "relunit", relative=True, year_explicit=False)


def _period(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    gd = m.groupdict()
    sub = p.args.get("sub")
    if sub == "first_n":
        n = ctx.lex.number_of(gd["n"])
        if not n or not 1 <= n <= 12:
            return None
        first, last = 1, n
    elif sub == "half":
        o = ctx.lex.ordinal_of(gd["ord"])
        if o not in (1, 2):
            return None
        first, last = (1, 6) if o == 1 else (7, 12)
    elif sub == "quarter":
        q = int(gd["q"]) if gd.get("q") else ctx.lex.ordinal_of(gd["ord"])
        q = 4 if q == -1 else q
        if q not in (1, 2, 3, 4):
            return None
        first, last = 3 * q - 2, 3 * q
    else:  # months: "January-August 2024", "январь-август 2024 года"
        if not ctx.capitalised_ok(gd["month"]) or not ctx.capitalised_ok(gd["month2"]):
            return None
        first, last = ctx.lex.month_of(gd["month"]), ctx.lex.month_of(gd["month2"])
        if not first or not last or last <= first:
            return None
    year, explicit, rel = ctx.year_from(m)
    v = None if year is None else (f"{year:04d}-{first:02d}/{year:04d}-{last:02d}" if first != last
                                   else PartialDate(year, first, None).format())
    return _expr(ctx, m.start(), m.end(), v, "range" if first != last else "month", "period",
                 relative=rel, year_explicit=explicit)


_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    gd = m.groupdict()
    code = ctx.lex.season_of(gd["season"])
    if code is None:
        return None
    year, explicit, rel = ctx.year_from(m)
    a = ctx.anchor
    start_m = _SEASON_START[code]
    if not (explicit or rel):
        if not (gd.get("pmod") or gd.get("tmod") or gd.get("nmod")):
            return None  # "in summer" alone: which one is a guess
        rel = True
        if a is None or a.month is None:
            year = None
        elif gd.get("pmod"):  # the latest season of that name that has ended
            year = a.year if (a.year * 12 + start_m + 2) <= (a.year * 12 + a.month) else a.year - 1
        elif gd.get("nmod"):
            year = a.year if start_m > a.month else a.year + 1
        else:
            year = a.year
    v = PartialDate(year, None, None).format()
    return _expr(ctx, _span_start(m, ("mod", "pmod", "tmod", "nmod", "season")), m.end(), v, "year",
                 "season", relative=rel, year_explicit=explicit,
                 timex=None if year is None else f"{year:04d}-{code}")


def _ref(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    return _expr(ctx, m.start(), m.end(), None, "ref", "ref", relative=True, year_explicit=False,
                 timex=str(p.args.get("value")))


def _roman(s: str) -> int | None:
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


def _century(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    raw = m.group("n")
    n = int(raw) if raw.isdigit() else _roman(raw)
    if not n or not 1 <= n <= 22:
        return None
    return _expr(ctx, m.start(), m.end(), None, "century", "century", timex=f"{n - 1:02d}")


def _decade(ctx: _Ctx, m: re.Match[str], p: Pattern) -> TimeExpr | None:
    return _expr(ctx, m.start(), m.end(), None, "decade", "decade", timex=m.group("dec"))


_HANDLERS = {
    "dmy": _dmy, "numeric_dm": _numeric_dm, "month": _month, "weekday": _weekday_h,
    "relday": _relday, "relunit": _relunit, "period": _period, "season": _season, "ref": _ref,
    "century": _century, "decade": _decade,
}


# ---------------------------------------------------------------- numbers and bare years

def _numeric_dates(ctx: _Ctx) -> list[tuple[TimeExpr, int]]:
    out: list[tuple[TimeExpr, int]] = []
    text = ctx.text
    for fast in _NUMDATE_FAST_RE.finditer(text):
        for rx in (_ISO_RE, _DMY_DOT_RE, _SLASH_RE):
            m = rx.match(text, fast.start())
            if m is None:
                continue
            y = int(m.group("y"))
            if rx is _SLASH_RE:
                a, b = int(m.group("a")), int(m.group("b"))
                mo, d = (a, b) if ctx.lex.slash_order == "mdy" else (b, a)
                if not 1 <= mo <= 12:  # "25/10/2019" in English text: only one reading exists
                    mo, d = d, mo
            else:
                mo, d = int(m.group("m")), int(m.group("d"))
            if valid_date(y, mo, d):
                out.append((_expr(ctx, m.start(), m.end(), PartialDate(y, mo, d).format(), "day", "numeric"), -1))
                break
    return out


def _years(ctx: _Ctx) -> list[tuple[TimeExpr, int]]:
    """Bare four-digit years, unless the context makes them amounts ("2000 Menschen", "$2010")."""
    lex, text = ctx.lex, ctx.text
    out: list[tuple[TimeExpr, int]] = []
    for m in _YEAR_RE.finditer(text):
        s, e = m.span()
        y = int(m.group("y"))
        prev = text[s - 1] if s else ""
        if prev and (prev.isalnum() or prev in "_$€£¥"):
            continue
        if prev in "-–/" and s >= 2 and not text[s - 2].isdigit():
            continue  # "COVID-2019", "A-2000"; "2009-2010" passes (a digit before the dash)
        if prev in ".," and s >= 2 and text[s - 2].isdigit():
            continue  # "1.2019": part of a number
        before = text[max(0, s - 40):s]
        after = text[e:e + 40]
        sb = lex.year_strong_before.search(before) if lex.year_strong_before else None
        sa = lex.year_strong_after.match(after) if lex.year_strong_after else None
        if not (sb or sa):
            if y < 1900:
                continue
            if lex.year_block_before and lex.year_block_before.search(before):
                continue
            if lex.year_block_after and lex.year_block_after.match(after):
                continue
            if _NUMBER_BEFORE_RE.search(before) and prev not in "-–/":
                continue  # "523.7 2023": one number after another is a table or a garble
            if after[:1] in "-–" and after[1:2].isalpha():
                continue  # "2000-Jährige", "2019-nCoV"
        start = s
        if sb and not any(ch.isdigit() for ch in sb.group(0)):
            start = s - len(sb.group(0))
        end = e + (len(sa.group(0).rstrip()) if sa else 0)
        out.append((_expr(ctx, start, end, PartialDate(y, None, None).format(), "year", "year"), 1000))
        tail = _RANGE_TAIL_RE.match(text, e)
        if tail:  # "1957-58": the second year of the range
            yy = int(tail.group("yy"))
            y2 = (y // 100) * 100 + yy
            if y2 > y:
                out.append((_expr(ctx, tail.start("yy"), tail.end("yy"), PartialDate(y2, None, None).format(), "year", "year"), 1000))
    return out


# ---------------------------------------------------------------- search windows

WINDOW_BEFORE = 45  # a pattern may start this far before its key word ("in den ersten acht Monaten")
WINDOW_AFTER = 45  # and end this far after it ("Oktober des vergangenen Jahres")
_SPACE_RE = re.compile(r"\s")


def _windows(text: str, low: str, trigger: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """Stretches of text around a pattern kind's trigger words (month names, "heute", "year"...).

    Why: the word patterns are costly to try at every position of a long article, and
    temporal expressions are sparse; every pattern needs its trigger nearby, so running it only
    there finds the same spans at a fraction of the cost. Window edges are moved to whitespace
    so the patterns' word-boundary checks stay true. ``low`` is ``text.lower()`` (same length),
    which the lower-case triggers are matched against.
    """
    if trigger is None or len(low) != len(text):  # "İ".lower() is longer: offsets would drift
        return [(0, len(text))]
    spans: list[list[int]] = []
    for m in trigger.finditer(low):
        if m.start() and text[m.start() - 1].isalnum() and not text[m.start()].isdigit():
            continue  # inside a word
        s, e = max(0, m.start() - WINDOW_BEFORE), min(len(text), m.end() + WINDOW_AFTER)
        if spans and s <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], e)
        else:
            spans.append([s, e])
    out: list[tuple[int, int]] = []
    for s, e in spans:
        ws = text.rfind(" ", 0, s) + 1 if s else 0
        sp = _SPACE_RE.search(text, e)
        we = sp.start() if sp else len(text)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], we)
        else:
            out.append((ws, we))
    return out


# ---------------------------------------------------------------- public API

def find_timexes(text: str, lang: str, published: str | None, *, refs: bool = True) -> list[TimeExpr]:
    """Every temporal expression in ``text`` (non-overlapping, in text order), with values.

    ``refs=False`` skips "now"/"damals", centuries and decades (find_times does not need them).
    """
    lex = lexicon(lang)
    ctx = _Ctx(text, lex, parse_anchor(published))
    cands: list[tuple[TimeExpr, int]] = []
    windows: dict[str, list[tuple[int, int]]] = {}
    low = text.lower()
    for p in lex.patterns:
        handler = _HANDLERS.get(p.kind)
        if handler is None or (not refs and p.kind in _NOT_CALENDAR):
            continue
        if p.key not in windows:
            windows[p.key] = _windows(text, low, lex.triggers.get(p.key))
        for ws, we in windows[p.key]:
            for m in p.regex.finditer(text, ws, we):
                got = handler(ctx, m, p)
                if got is not None and got.end > got.start:
                    cands.append((got, p.order))
    cands.extend(_numeric_dates(ctx))
    cands.extend(_years(ctx))
    cands.sort(key=lambda c: (-(c[0].end - c[0].start), c[1], c[0].start))
    taken: list[TimeExpr] = []
    occupied = bytearray(len(text) + 1)
    for expr, _ in cands:
        if any(occupied[expr.start:expr.end]):
            continue
        occupied[expr.start:expr.end] = b"\x01" * (expr.end - expr.start)
        taken.append(expr)
    taken.sort(key=lambda x: x.start)
    return taken


def find_times(text: str, lang: str, published: str | None) -> list[TimeMention]:
    """Dates, months, years, relative expressions and periods, normalised (see module doc).

    ``published`` ("YYYY-MM-DD", "YYYY-MM", "YYYY" or None) anchors relative expressions; without
    it they get value None, and a day+month without a year becomes "--MM-DD".
    """
    return [x.to_mention() for x in find_timexes(text, lang, published, refs=False)
            if x.kind not in _NOT_CALENDAR]


def parse_period(text: str, lang: str, published: str | None = None) -> str | None:
    """The reporting period a phrase names: a range ("2024-01/2024-08") first, else the first
    month or year ("2024-03", "2018"); None when there is none (or it needs ``published``).

    "in den ersten acht Monaten 2024" -> "2024-01/2024-08"; "за январь-август 2024 года" ->
    "2024-01/2024-08"; "im Jahr 2018" -> "2018"; "в прошлом году" + published 2019-.. -> "2018".
    """
    found = [x for x in find_timexes(text, lang, published, refs=False) if x.value]
    for x in found:
        if x.precision == "range":
            return x.value
    for x in found:
        if x.precision in ("month", "year"):
            return x.value
    return None
