"""How much two reports say they are one story: a score made of named parts.

Why a sum of parts and not a chain of rules: real reports disagree on details (one names the
six summit states, another two; one dates the talks, another does not), so no single field may
decide alone. Each part is a rough log-odds of "same occasion" given that piece of evidence; the
parts add up, and a story link needs ``THRESHOLD``. A few facts are vetoes, because they cannot
both be true of one occasion: two days more than a day apart, two different GeoNames places, a
phone call and a meeting in person, the same document twice with the same type, types of
different families (a protest note is not the talks), states in common fewer than two, or a
state represented by different people on each side (presidents' talks vs ministers' talks).

The weights are set by reasoning about how often each clue is shared by *different* occasions
(the same two presidents meet several times a year, so shared people or states are weak, and so
is a party's capital as the place; the same day and a city that is no party's capital are strong), never fitted on the dev texts; the text part is the
similarity model fitted on the SemEval 2022 task 8 training pairs (``bilateral similarity``), on
the reports' titles and leads. The text part is computed only when it can change the decision.
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from bilateral import dates
from bilateral.analyse.ordinals import ANY_KIND
from bilateral.kb import load_tsv, load_yaml
from bilateral.models import Event

THRESHOLD = 2.5  # a story link needs this much evidence
TEXT_RANGE = (-2.0, 2.0)  # what the text part (log-odds of the leads' similarity) can add
PHONE = "phone"
VETO = -math.inf


@dataclass
class Link:
    """The score of one pair of reports and the parts it is made of (for ``--explain``)."""

    score: float
    parts: dict[str, float] = field(default_factory=dict)
    veto: str | None = None  # why the two can never be one occasion

    @property
    def linked(self) -> bool:
        return self.veto is None and self.score >= THRESHOLD

    def as_dict(self) -> dict:
        out: dict = {"score": None if self.veto else round(self.score, 3),
                     "parts": {k: round(v, 3) for k, v in self.parts.items()}}
        if self.veto:
            out["veto"] = self.veto
        return out


@lru_cache(maxsize=1)
def type_family() -> dict[str, str]:
    """PLOVER type -> family name (data/link_types.yaml)."""
    fams = load_yaml("link_types.yaml")["families"]
    return {t: fam for fam, types in fams.items() for t in types}


def _docs(e: Event) -> set[str]:
    return {s.doc_id for s in e.sources}


def _people_by_state(e: Event) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a in e.actors:
        if a.country:
            out[a.country].add(a.name)
    return out


def _published(e: Event) -> dt.date | None:
    """The earliest publication of the report's sources, as its latest possible day (a month
    given alone counts as its last day, so it never bounds more than the text says)."""
    out: list[dt.date] = []
    for p in (dates.parse(s.published) for s in e.sources):
        if p.year is None or p.month is None:
            continue
        if p.day is not None:
            out.append(dt.date(p.year, p.month, p.day))
        else:
            nxt = dt.date(p.year + p.month // 12, p.month % 12 + 1, 1)
            out.append(nxt - dt.timedelta(days=1))
    return min(out) if out else None


def _day(p: dates.PartialDate) -> dt.date | None:
    if p.is_day and p.year is not None:
        return dt.date(p.year, p.month, p.day)  # type: ignore[arg-type]
    return None


# ---------------------------------------------------------------- the parts


def _states(a: Event, b: Event) -> tuple[float, str | None]:
    ca, cb = set(a.countries), set(b.countries)
    if not ca or not cb:
        return VETO, "no states"
    shared = ca & cb
    if ca == cb:
        # the same two states meet often; the same three or more (a summit's exact composition)
        # far less: each further state in common makes a coincidence rarer
        return min(0.5 + 0.25 * (len(ca) - 2), 1.5), None
    if len(shared) < 2:
        return VETO, "fewer than two states in common"
    small, large = sorted((ca, cb), key=len)
    if small <= large and len(large) >= 3:
        return 0.0, None  # a summit named in full by one report, in part by another
    return -1.0, None


def _types(a: Event, b: Event) -> tuple[float, str | None]:
    if a.type == b.type:
        return 0.5, None
    fam = type_family()
    if fam.get(a.type) is not None and fam.get(a.type) == fam.get(b.type):
        return -0.5, None  # one story, two events (talks and the agreement signed at them)
    return VETO, f"types {a.type} and {b.type} are never one story"


def _modes(a: Event, b: Event) -> tuple[float, str | None]:
    if a.mode and b.mode:
        if a.mode != b.mode and PHONE in (a.mode, b.mode):
            return VETO, "a phone call is not a meeting in person"
        if a.mode == b.mode:
            return 0.2, None
    return 0.0, None


def with_year(e: Event) -> dates.PartialDate:
    """The report's date; a day without a year takes the year that puts it last on or before
    the report's publication date (a report tells what happened, not what happens next year).
    Used only to compare: the event keeps the date as the text gives it."""
    p = dates.parse(e.date)
    pub = _published(e)
    if not p.is_day or p.year is not None or pub is None:
        return p
    for year in (pub.year, pub.year - 1):
        try:
            day = dt.date(year, p.month, p.day)  # type: ignore[arg-type]
        except ValueError:  # 29 February
            continue
        if day <= pub + dt.timedelta(days=1) or e.future:
            return dates.PartialDate(year, p.month, p.day)
    return p


def _weekday_of(e: Event, p: dates.PartialDate) -> int | None:
    """The day of the week of a report: its date's, else the one its text names."""
    day = _day(p)
    return day.weekday() if day is not None else (e.weekday if p == dates.NONE else None)


def _weekdays(a: Event, b: Event, pa: dates.PartialDate, pb: dates.PartialDate) -> tuple[float, str | None]:
    """Two days of the week, at least one named without a date ("am Mittwoch" in a report
    with no publication date to count from): more than a day apart they cannot be one day (as
    two dates cannot); the same weekday is a weak sign (one day in seven shares it)."""
    wa, wb = _weekday_of(a, pa), _weekday_of(b, pb)
    if wa is None or wb is None or (pa != dates.NONE and pb != dates.NONE):
        return 0.0, None
    apart = min((wa - wb) % 7, (wb - wa) % 7)
    if apart > 1:
        return VETO, f"{_WEEKDAYS[wa]} and {_WEEKDAYS[wb]} cannot be one day"
    return (0.5 if apart == 0 else 0.0), None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _dates(a: Event, b: Event) -> tuple[float, str | None]:
    pa, pb = with_year(a), with_year(b)
    weekday, veto = _weekdays(a, b, pa, pb)
    if veto:
        return VETO, veto
    value, veto = _calendar(a, b, pa, pb)
    return (VETO, veto) if veto else (value + weekday, None)


def _calendar(a: Event, b: Event, pa: dates.PartialDate, pb: dates.PartialDate) -> tuple[float, str | None]:
    """The dates' part: the same day, compatible or not, or what publication dates allow."""
    if pa != dates.NONE and pb != dates.NONE:
        if not dates.compatible(pa, pb):
            return VETO, f"dates {a.date} and {b.date} cannot be one day"
        if pa.is_day and pb.is_day:
            dist = dates.day_distance(pa, pb)
            if dist == 0:
                return (2.5 if dates.parse(a.date).year is not None and dates.parse(b.date).year is not None
                        else 2.0), None
            return 1.0, None
        if pa.month is not None and pb.month is not None:
            return 0.3, None
        return 0.0, None
    # one side undated: its publication date bounds when the event can have happened
    dated, undated = (a, b) if pa != dates.NONE else (b, a)
    pd = pa if dated is a else pb
    day = _day(pd)
    pub = _published(undated)
    if pub is not None and pd.year is not None and not undated.future:
        earliest = dt.date(pd.year, pd.month or 1, pd.day or 1)
        if earliest > pub + dt.timedelta(days=1):
            return VETO, f"{dated.date} is after {undated.sources[0].doc_id} was published ({pub})"
    if pub is not None and pd.year is not None:
        # a report that gives no date tells recent news: published more than a month after
        # the other's event (by calendar month; a year: more than a year after), it is not it
        stale = (pub.year * 12 + pub.month) - (pd.year * 12 + pd.month) > 1 if pd.month is not None \
            else pub.year - pd.year > 1
        if stale:
            return VETO, f"{undated.sources[0].doc_id} is undated and published {pub}, long after {dated.date}"
    if pub is not None and pd.year is None and pd.month is not None and (pub.month - pd.month) % 12 > 1:
        return VETO, f"{undated.sources[0].doc_id} is undated and published {pub}, not near {dated.date}"
    if day is not None and pub is not None:
        return (0.3 if (pub - day).days <= 7 else 0.0), None
    if pa == dates.NONE and pb == dates.NONE:
        qa, qb = _published(a), _published(b)
        if qa is not None and qb is not None:
            if abs((qa.year * 12 + qa.month) - (qb.year * 12 + qb.month)) > 1:
                return VETO, f"both undated, published {qa} and {qb}"
            if abs((qa - qb).days) <= 3:
                return 0.5, None
    return 0.0, None


@lru_cache(maxsize=1)
def capitals() -> dict[int, str]:
    """GeoNames id of each state's capital -> the state (data/places_cities.tsv)."""
    return {int(r["geonameid"]): r["country"] for r in load_tsv("places_cities.tsv") if r.get("is_capital") == "1"}


def _place(a: Event, b: Event) -> tuple[float, str | None]:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return 0.0, None
    if la.geonameid is not None and lb.geonameid is not None:
        if la.geonameid != lb.geonameid:
            return VETO, f"places {la.name} and {lb.name} differ"
        # a party's capital is where its visits usually happen: weak; any other city is telling
        home = capitals().get(la.geonameid)
        return (0.5 if home is not None and home in set(a.countries) | set(b.countries) else 1.5), None
    if la.name and la.name.casefold() == (lb.name or "").casefold():
        return 0.5, None
    return 0.0, None


def _people(a: Event, b: Event) -> tuple[float, str | None]:
    names_a, names_b = {x.name for x in a.actors}, {x.name for x in b.actors}
    shared = names_a & names_b
    if names_a and names_b and not shared:
        pa, pb = _people_by_state(a), _people_by_state(b)
        if any(pa[c] and pb.get(c) and not pa[c] & pb[c] for c in list(pa)):
            return VETO, "a state is represented by different people"
    if not shared:
        return 0.0, None
    return (0.8 if len(shared) >= 2 else 0.5), None


def _ordinals(a: Event, b: Event) -> tuple[float, str | None]:
    """Which occasion of a series each report says it is ("his second visit this year"): two
    numbers of one series are two occasions; the same number is telling (a coincidence needs
    the same leaders, the same kind of occasion and the same count)."""
    oa, ob = a.ordinal, b.ordinal
    if oa is None or ob is None or oa.scope != ob.scope or (oa.kind != ob.kind and ANY_KIND not in (oa.kind, ob.kind)):
        return 0.0, None
    if oa.number != ob.number:
        return VETO, f"occasion {oa.number} and occasion {ob.number} of a series ({oa.kind}, counted {oa.scope})"
    return 1.0, None


def _protocols(a: Event, b: Event) -> tuple[float, str | None]:
    """The visits' ranks as their texts name them: a working visit is not the state visit of
    the same leaders (two occasions); the same rank says little (most visits are working
    visits), so it adds nothing."""
    if a.protocol and b.protocol and a.protocol != b.protocol:
        return VETO, f"a {a.protocol} visit and a {b.protocol} visit"
    return 0.0, None


def _figures(a: Event, b: Event) -> tuple[float, str | None]:
    ka = {(f.kind, round(f.value, 4), f.unit) for f in a.figures}
    kb = {(f.kind, round(f.value, 4), f.unit) for f in b.figures}
    n = len(ka & kb)
    return min(1.5, 1.0 * n), None


PARTS: tuple[tuple[str, Callable[[Event, Event], tuple[float, str | None]]], ...] = (
    ("states", _states), ("type", _types), ("mode", _modes), ("date", _dates),
    ("place", _place), ("people", _people), ("ordinal", _ordinals), ("protocol", _protocols),
    ("figures", _figures))


def compare(a: Event, b: Event, text: Callable[[], float] | None = None) -> Link:
    """The link between two reports; ``text()`` gives the log-odds their titles + leads tell
    one story and is called only when its part can change the decision."""
    if a.type == b.type and _docs(a) & _docs(b):
        return Link(VETO, {}, "one document reporting two such events")
    parts: dict[str, float] = {}
    for name, fn in PARTS:
        value, veto = fn(a, b)
        if veto:
            return Link(VETO, parts, f"{name}: {veto}")
        if value:
            parts[name] = value
    base = sum(parts.values())
    lo, hi = TEXT_RANGE
    if text is not None and base + lo < THRESHOLD <= base + hi:
        parts["text"] = max(lo, min(hi, text()))
    return Link(sum(parts.values()), parts)
