"""Merge reports of one event into one ``Event``, keeping every source's evidence.

Why merging records disagreements instead of resolving them silently: two sources that give
different days or different trade figures are themselves information for the user (and for a
reviewer checking the extractor), so ``Event.conflicts`` lists them, with the documents.
The result depends only on the set of events merged, never on their order.
"""
from __future__ import annotations

import copy
import json
from collections import Counter, OrderedDict
from dataclasses import asdict

from bilateral import dates
from bilateral.extract.direction import merge_direction
from bilateral.models import Actor, Event, Evidence, Figure, Location, Quote, Source


_RECOMPUTED = ("date: ", "figure ", "location: ", "type: ", "direction: ")


def _quick_key(e: Event) -> tuple:
    loc = e.location
    return (min((s.doc_id for s in e.sources), default=""), e.type, e.mode or "", e.date or "",
            tuple(sorted(e.countries)), (loc.geonameid or 0, loc.name) if loc else (0, ""),
            tuple(a.name for a in e.actors),
            tuple((ev.start, ev.end, ev.text) for s in e.sources for ev in s.evidence), e.lead)


def _full_key(e: Event) -> str:
    return json.dumps(asdict(e), sort_keys=True, ensure_ascii=False, default=str)


def sort_events(events: list[Event]) -> list[Event]:
    """Events in an order that does not depend on the input order.

    A cheap key sorts; only events that tie on it are ordered by their full serialisation
    (an exact duplicate may keep either place: they are interchangeable)."""
    keyed = sorted(((_quick_key(e), i) for i, e in enumerate(events)), key=lambda t: t[0])
    out: list[Event] = []
    k = 0
    while k < len(keyed):
        m = k + 1
        while m < len(keyed) and keyed[m][0] == keyed[k][0]:
            m += 1
        group = [events[i] for _, i in keyed[k:m]]
        out.extend(group if len(group) == 1 else sorted(group, key=_full_key))
        k = m
    return out


def _evidence_union(*lists: list[Evidence]) -> list[Evidence]:
    seen: OrderedDict[tuple, Evidence] = OrderedDict()
    for lst in lists:
        for ev in lst:
            seen.setdefault((ev.doc_id, ev.start, ev.end, ev.text), ev)
    return sorted(seen.values(), key=lambda ev: (ev.doc_id, ev.start, ev.end, ev.text))


def _doc_ids(e: Event) -> list[str]:
    return sorted({s.doc_id for s in e.sources})


def _fmt_number(v: float) -> str:
    """9e8, 9.5e8, 523.7: short and unambiguous in a conflict note."""
    s = f"{v:g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{int(exp)}"
    return s


def _vote(values: list, default=None):
    """The most frequent non-null value; ties go to the smallest (deterministic)."""
    values = [v for v in values if v is not None]
    if not values:
        return default
    counts = Counter(values)
    top = max(counts.values())
    return sorted(v for v, c in counts.items() if c == top)[0]


def _merge_sources(events: list[Event]) -> list[Source]:
    by_doc: dict[str, Source] = {}
    for e in events:
        for s in e.sources:
            date = s.date if s.date is not None else e.date
            if s.doc_id not in by_doc:
                src = copy.copy(s)
                src.evidence = list(s.evidence)
                src.date = date
                by_doc[s.doc_id] = src
            else:
                cur = by_doc[s.doc_id]
                cur.evidence = _evidence_union(cur.evidence, s.evidence)
                for attr in ("language", "published", "title", "url", "source_path", "date"):
                    if getattr(cur, attr) is None:
                        setattr(cur, attr, date if attr == "date" else getattr(s, attr))
    out = [by_doc[k] for k in sorted(by_doc)]
    for s in out:
        s.evidence = _evidence_union(s.evidence)
    return out


def _merge_date(events: list[Event], conflicts: list[str]) -> tuple[str | None, str | None]:
    per_doc: list[tuple[str, str | None]] = []
    for e in events:
        for s in e.sources:
            per_doc.append((s.doc_id, s.date if s.date is not None else e.date))
    best = dates.best_date([v for _, v in per_doc])
    if best == dates.NONE:
        return None, None
    disagree: dict[str, list[str]] = {}
    for doc, v in per_doc:
        p = dates.parse(v)
        if p == dates.NONE or dates.compatible(p, best, 0):
            continue
        disagree.setdefault(p.format() or str(v), []).append(doc)
    if disagree:
        agreeing = sorted({doc for doc, v in per_doc
                           if dates.parse(v) != dates.NONE and dates.compatible(dates.parse(v), best, 0)})
        parts = [f"{best.format()} ({', '.join(agreeing)})"]
        parts += [f"{v} ({', '.join(sorted(set(docs)))})" for v, docs in sorted(disagree.items())]
        conflicts.append("date: " + " vs ".join(parts))
    return best.format(), best.precision


def _merge_actors(events: list[Event]) -> list[Actor]:
    by_name: OrderedDict[str, Actor] = OrderedDict()
    for e in events:
        for a in e.actors:
            cur = by_name.get(a.name)
            if cur is None:
                by_name[a.name] = Actor(a.name, a.country, a.role, _evidence_union(a.evidence))
            else:
                cur.country = cur.country or a.country
                cur.role = cur.role or a.role
                cur.evidence = _evidence_union(cur.evidence, a.evidence)
    return list(by_name.values())


def _merge_figures(events: list[Event], conflicts: list[str]) -> list[Figure]:
    by_key: OrderedDict[tuple, Figure] = OrderedDict()
    docs_of: dict[tuple, set[str]] = {}
    for e in events:
        for f in e.figures:
            k = f.key()
            docs = {ev.doc_id for ev in f.evidence} or set(_doc_ids(e))
            docs_of.setdefault(k, set()).update(docs)
            cur = by_key.get(k)
            if cur is None:
                by_key[k] = Figure(f.kind, f.flow, f.value, f.unit, f.period, sorted(set(f.countries)),
                                   f.qualifier, sorted(set(f.flags)), _evidence_union(f.evidence))
            else:
                cur.countries = sorted(set(cur.countries) | set(f.countries))
                cur.qualifier = cur.qualifier or f.qualifier
                cur.flags = sorted(set(cur.flags) | set(f.flags))
                cur.evidence = _evidence_union(cur.evidence, f.evidence)
    groups: dict[tuple, list[tuple]] = {}
    for k in by_key:
        kind, flow, value, unit, period = k
        groups.setdefault((kind, flow, unit, period), []).append(k)
    for (kind, flow, unit, period), keys in sorted(groups.items(), key=lambda kv: str(kv[0])):
        if len(keys) > 1:
            parts = [f"{_fmt_number(k[2])} ({', '.join(sorted(docs_of[k]))})"
                     for k in sorted(keys, key=lambda k: k[2])]
            conflicts.append(f"figure {kind}/{flow}/{period}: " + " vs ".join(parts))
    return list(by_key.values())


def _quote_key(q: Quote) -> tuple:
    text = " ".join(q.text.casefold().split()).strip(" \"'«»„“”‚‘’")
    return (q.speaker, text)


def _merge_quotes(events: list[Event]) -> list[Quote]:
    by_key: OrderedDict[tuple, Quote] = OrderedDict()
    for e in events:
        for q in e.quotes:
            k = _quote_key(q)
            cur = by_key.get(k)
            if cur is None:
                by_key[k] = Quote(q.speaker, q.text, q.doc_id, _evidence_union(q.evidence))
            else:
                if q.doc_id < cur.doc_id:
                    cur.doc_id, cur.text = q.doc_id, q.text
                cur.evidence = _evidence_union(cur.evidence, q.evidence)
    return list(by_key.values())


def _merge_location(events: list[Event], conflicts: list[str]) -> Location | None:
    locs = [(e, e.location) for e in events if e.location is not None]
    if not locs:
        return None
    with_id = [(e, l) for e, l in locs if l.geonameid is not None]
    pool = with_id or locs
    chosen_key = _vote([(l.geonameid or 0, l.name) for _, l in pool])
    chosen = next(l for _, l in pool if (l.geonameid or 0, l.name) == chosen_key)
    ids = sorted({l.geonameid for _, l in with_id})
    if len(ids) > 1:
        parts = []
        for gid in ids:
            name = next(l.name for _, l in with_id if l.geonameid == gid)
            docs = sorted({d for e, l in with_id if l.geonameid == gid for d in _doc_ids(e)})
            parts.append(f"{name} {gid} ({', '.join(docs)})")
        conflicts.append("location: " + " vs ".join(parts))
    evidence = _evidence_union(*[l.evidence for _, l in locs
                                 if (l.geonameid is not None and l.geonameid == chosen.geonameid)
                                 or l.name == chosen.name])
    return Location(chosen.name, chosen.country, chosen.geonameid, evidence, chosen.lat, chosen.lon)


def merge_events(events: list[Event]) -> Event:
    """One event from several reports of it (or a normalised copy of a single one).

    Sources are the union ordered by doc_id; actors dedupe by canonical name, figures by
    kind/flow/value/unit/period, quotes by speaker + text, all keeping every evidence; the date
    is the most precise agreeing one; the location the one with a GeoNames id; disagreements
    go to ``conflicts``; ``event_id`` is ``compute_id()`` of the result. Inputs are not changed.
    """
    if not events:
        raise ValueError("merge_events needs at least one event")
    members = sort_events(events)
    first = members[0]
    conflicts: list[str] = []
    for e in members:  # notes this merge recomputes from the sources are not carried twice
        conflicts.extend(c for c in e.conflicts if not c.startswith(_RECOMPUTED))

    date, precision = _merge_date(members, conflicts)
    types = [e.type for e in members]
    merged = Event(
        type=_vote(types, first.type),
        mode=_vote([e.mode for e in members]),
        cameo=_vote([e.cameo for e in members]),
        date=date,
        date_precision=precision,
        countries=sorted({c for e in members for c in e.countries}),
        organizations=sorted({o for e in members for o in e.organizations}),
        location=_merge_location(members, conflicts),
        actors=_merge_actors(members),
        figures=_merge_figures(members, conflicts),
        quotes=_merge_quotes(members),
        sources=_merge_sources(members),
        date_evidence=_evidence_union(*[e.date_evidence for e in members]),
        future=all(e.future for e in members),
        lead=next((e.lead for e in members if e.lead), ""),
    )
    if merged.date is None:
        named = next((e for e in members if e.weekday is not None), None)
        if named is not None:
            merged.weekday, merged.weekday_evidence = named.weekday, list(named.weekday_evidence)
    merged.ordinal = next((e.ordinal for e in members if e.ordinal is not None), None)
    ranked = next((e for e in members if e.protocol is not None), None)
    if ranked is not None:
        merged.protocol, merged.protocol_evidence = ranked.protocol, list(ranked.protocol_evidence)
    if len(set(types)) > 1:
        conflicts.append("type: " + " vs ".join(sorted(set(types))))
    direction, notes = merge_direction(members, merged)
    merged.initiator, merged.recipient, merged.direction_evidence = (direction.initiator, direction.recipient,
                                                                     direction.evidence)
    conflicts.extend(notes)
    merged.conflicts = list(dict.fromkeys(conflicts))
    merged.event_id = merged.compute_id()
    return merged
