"""Which events from many documents are the same event, in any language.

Why ids first: a German report of "Lukaschenko" in "Nur-Sultan" and an English one of
"Lukashenko" in "Astana" share countries, type, day, GeoNames id and canonical actors; those
decide. The embedding of the two events' title + lead only breaks what the ids leave open
(e.g. neither report gives a day).

Cost: events are only compared inside blocks (same country set and type, and a date window
of +-1 day, or the same month for month-precision dates); an event without a usable date is
compared with the few nearest events of its country set by lead embedding. So the work grows
with the number of events, not its square.

Rules (``is_same_event``):
  never: two events sharing a document (one article reporting two meetings = two events),
         different country sets or types (an AGREE signed at a meeting is not the meeting),
         a phone call vs an in-person meeting, incompatible dates (``--10-01`` vs
         ``2019-10-25``), different GeoNames ids, or a state represented by different people
         on each side with no one in common (presidents' talks vs foreign ministers' talks);
  yes:   the same day;
         one day apart with a shared place or person, or similar leads;
         no shared day (a date unknown or coarse) and leads similar enough.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from bilateral.link import dates
from bilateral.link.merge import merge_events, sort_events
from bilateral.models import Event

LEAD_SIM_NEAR_DAY = 0.40  # one day apart, nothing else shared: leads must agree this much
LEAD_SIM_NO_DAY = 0.60  # no day to compare: leads must agree this much
NEAREST_UNDATED = 8  # candidates of an undated event, by lead embedding, per block
PHONE = "phone"


# ---------------------------------------------------------------- small views of an event


def _docs(e: Event) -> set[str]:
    return {s.doc_id for s in e.sources}


def _country_key(e: Event) -> str:
    return "-".join(sorted(set(e.countries)))


def _block(e: Event) -> str:
    return f"{_country_key(e)}|{e.type}"


def _lead_text(e: Event) -> str:
    """Title + lead of the source, else titles and evidence: what the embedding compares."""
    if e.lead.strip():
        return e.lead
    parts: list[str] = []
    for s in sorted(e.sources, key=lambda s: s.doc_id):
        if s.title:
            parts.append(s.title)
        parts.extend(ev.text for ev in s.evidence[:2])
    return " ".join(parts)


def _actors_by_country(e: Event) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for a in e.actors:
        if a.country:
            out[a.country].add(a.name)
    return out


# ---------------------------------------------------------------- blocking


def blocking_keys(event: Event) -> list[str]:
    """Keys to index an event under, so that later events can find it (see ``candidate_keys``).

    Key = "countries|type|bucket". A day-level date is indexed under its day and the days next
    to it (``D:MM-DD``, year-free so ``--10-25`` meets ``2019-10-25``) and under its month for
    month-precision events (``M:MM``); a month-level date under ``MO:MM``; an undated or
    year-only event under ``U``; every event also under ``A`` (what an undated event scans).
    """
    if len(set(event.countries)) < 1:
        return []
    b = _block(event)
    p = dates.parse(event.date)
    keys: list[str] = []
    if p.is_day:
        keys += [f"{b}|D:{m:02d}-{d:02d}" for m, d in dates.neighbours(p)]
        keys.append(f"{b}|M:{p.month:02d}")
    elif p.month is not None:
        keys.append(f"{b}|MO:{p.month:02d}")
    else:
        keys.append(f"{b}|U")
    keys.append(f"{b}|A")
    return list(dict.fromkeys(keys))


def candidate_keys(event: Event) -> list[str]:
    """Keys to look up to find every indexed event that could be this one."""
    if len(set(event.countries)) < 1:
        return []
    b = _block(event)
    p = dates.parse(event.date)
    if p.is_day:
        return [f"{b}|D:{p.month:02d}-{p.day:02d}", f"{b}|MO:{p.month:02d}", f"{b}|U"]
    if p.month is not None:
        return [f"{b}|M:{p.month:02d}", f"{b}|MO:{p.month:02d}", f"{b}|U"]
    return [f"{b}|A"]


# ---------------------------------------------------------------- the pair decision


def hard_compatible(a: Event, b: Event) -> bool:
    """Nothing language-independent says the two are different events."""
    if _docs(a) & _docs(b):
        return False
    if not a.countries or sorted(set(a.countries)) != sorted(set(b.countries)):
        return False
    if a.type != b.type:
        return False
    if a.mode and b.mode and a.mode != b.mode and PHONE in (a.mode, b.mode):
        return False
    if not dates.compatible(dates.parse(a.date), dates.parse(b.date)):
        return False
    ga = a.location.geonameid if a.location else None
    gb = b.location.geonameid if b.location else None
    if ga is not None and gb is not None and ga != gb:
        return False
    names_a, names_b = {x.name for x in a.actors}, {x.name for x in b.actors}
    if names_a and names_b and not names_a & names_b:
        pa, pb = _actors_by_country(a), _actors_by_country(b)
        if any(pa[c] and pb.get(c) and not pa[c] & pb[c] for c in list(pa)):
            return False
    return True


class _Leads:
    """Lead vectors, embedded lazily and once per event (most pairs never need one)."""

    def __init__(self, events: list[Event]):
        self.events = events
        self.vecs: dict[int, np.ndarray] = {}

    def ensure(self, idx: Iterable[int]) -> None:
        todo = [i for i in dict.fromkeys(idx) if i not in self.vecs]
        if not todo:
            return
        from bilateral.link.embed import embed

        for i, v in zip(todo, embed([_lead_text(self.events[i]) for i in todo])):
            self.vecs[i] = v

    def sim(self, i: int, j: int) -> float:
        self.ensure((i, j))
        vi, vj = self.vecs[i], self.vecs[j]
        if not vi.any() or not vj.any():
            return 0.0
        return float(vi @ vj)


def _pair_score(a: Event, b: Event, lead_sim) -> float | None:
    """A linking score (higher = surer), or None when the two are not the same event."""
    if not hard_compatible(a, b):
        return None
    pa, pb = dates.parse(a.date), dates.parse(b.date)
    ga = a.location.geonameid if a.location else None
    gb = b.location.geonameid if b.location else None
    same_place = ga is not None and ga == gb
    same_people = bool({x.name for x in a.actors} & {x.name for x in b.actors})
    support = 0.5 * same_place + 0.5 * same_people
    if dates.same_day(pa, pb):
        return 3.0 + support
    if pa.is_day and pb.is_day:  # one day apart
        if same_place or same_people:
            return 2.0 + support
        sim = lead_sim()
        return 1.5 + sim if sim >= LEAD_SIM_NEAR_DAY else None
    sim = lead_sim()
    return 1.0 + sim + 0.1 * support if sim >= LEAD_SIM_NO_DAY else None


def is_same_event(a: Event, b: Event) -> bool:
    """Do two events (of different documents) report the same event?"""
    def lead_sim() -> float:
        from bilateral.link.embed import embed

        va, vb = embed([_lead_text(a), _lead_text(b)])
        return float(va @ vb) if va.any() and vb.any() else 0.0

    return _pair_score(a, b, lead_sim) is not None


# ---------------------------------------------------------------- clustering


def _candidate_pairs(events: list[Event], leads: _Leads) -> set[tuple[int, int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        for k in blocking_keys(e):
            index[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, e in enumerate(events):
        by_day: set[int] = set()
        coarse: set[int] = set()
        for k in candidate_keys(e):
            (by_day if "|D:" in k else coarse).update(index.get(k, ()))
        by_day.discard(i)
        coarse.discard(i)
        coarse -= by_day
        if len(coarse) > NEAREST_UNDATED:
            # no shared day to block on: keep the nearest events of the block by lead embedding
            cand = sorted(coarse)
            leads.ensure([i] + cand)
            sims = np.array([leads.vecs[j] for j in cand]) @ leads.vecs[i]
            order = np.argsort(-sims, kind="stable")[:NEAREST_UNDATED]
            coarse = {cand[int(o)] for o in order}
        for j in by_day | coarse:
            pairs.add((min(i, j), max(i, j)))
    return pairs


def link_events(events: list[Event]) -> list[Event]:
    """Merge the events that report the same event; every event comes out once.

    The output is deterministic (the same for any input order): sorted by date (undated last),
    then countries, then event_id. Input events are not modified.
    """
    if not events:
        return []
    events = sort_events(events)  # merge_events builds new events: the inputs stay untouched
    leads = _Leads(events)
    scored: list[tuple[float, int, int]] = []
    for i, j in sorted(_candidate_pairs(events, leads)):
        s = _pair_score(events[i], events[j], lambda i=i, j=j: leads.sim(i, j))
        if s is not None:
            scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))

    cluster_of = list(range(len(events)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    for _, i, j in scored:
        ci, cj = cluster_of[i], cluster_of[j]
        if ci == cj:
            continue
        # complete linkage on the hard rules: no member may contradict a member of the other
        if not all(hard_compatible(events[x], events[y]) for x in members[ci] for y in members[cj]):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for x in members[gone]:
            cluster_of[x] = keep
        members[keep].extend(members.pop(gone))

    merged = [merge_events([events[x] for x in sorted(m)]) for m in members.values()]
    merged.sort(key=lambda e: (e.date is None, e.date or "", sorted(set(e.countries)), e.event_id))
    return merged
