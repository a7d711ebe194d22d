"""The one linker: which reports, from many documents and languages, are one event.

Used by ``bilateral extract`` (all reports at once), by the store's ingest (a new report with the
stored reports it could belong to) and by any parallel path (reports are extracted in parallel,
linked here). Its result depends only on the *set* of reports and corrections it is given, never
on their order, so ingesting articles one at a time gives the clusters of one batch (tested).

Two levels:
  story  reports of one occasion, linked when ``evidence.compare`` finds enough evidence
         (states, type family, dates, place, people, figures, title+lead similarity), no
         report of one group contradicts a report of the other (complete linkage on vetoes)
         and the two groups' reports agree on average (``MEAN_LINK``: no chaining through one
         pair);
  event  inside a story, the reports of one type: the talks and the agreement signed at them
         are one story and two events; two reports of the talks are one event.

Corrections (an analyst's ``split`` / ``merge``) are constraints: a split pair never shares a
story; a merged pair always shares an event. Every report gets the best link to another report
of its event (score and parts), which the store keeps for ``--explain``.
"""
from __future__ import annotations

import copy
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from bilateral.link import blocking
from bilateral.link.evidence import THRESHOLD, Link, compare
from bilateral.link.merge import merge_events, sort_events
from bilateral.models import Event
from bilateral.similarity.model import LEAD, Profile, judge, lead_profile, log_odds, profile_code
from bilateral.similarity.model import quantize  # noqa: F401  (benchmarks round synthetic vectors with it)


MEAN_LINK = THRESHOLD - 1.0  # two groups join only if their reports agree this much on average


@dataclass
class Corrections:
    """Analyst decisions between reports (by report id)."""

    split: set[frozenset[str]] = field(default_factory=set)
    merge: set[frozenset[str]] = field(default_factory=set)


@dataclass
class Assignment:
    """Where one report went, and why."""

    report_id: str
    doc_id: str
    event_id: str
    story_id: str
    score: float | None  # the best link to another report of its event (None: alone)
    parts: dict  # that link's parts, the other report, or the correction that forced it


@dataclass
class Linked:
    events: list[Event]
    assignments: list[tuple[Event, Assignment]]  # every input report (deduplicated), in order
    vectors: dict[str, np.ndarray] = field(default_factory=dict)  # rounded lead vectors by report id


def report_id(report: Event) -> str:
    """A report's id: the id of the one-source event the extractor made (stable per input)."""
    return report.compute_id()


def _doc(report: Event) -> str:
    return min((s.doc_id for s in report.sources), default="")


def lead_text(e: Event) -> str:
    """Title + lead of the source, else titles and evidence: what the text part compares. The
    title stands on a line of its own, as in an article, so the judgment sees it apart."""
    if e.lead.strip():
        lead = e.lead.strip()
        for s in e.sources:
            title = (s.title or "").strip()
            if title and lead.startswith(title) and len(lead) > len(title):
                return title + "\n" + lead[len(title):].strip()
        return lead
    parts: list[str] = []
    for s in sorted(e.sources, key=lambda s: s.doc_id):
        if s.title:
            parts.append(s.title)
        parts.extend(ev.text for ev in s.evidence[:2])
    return " ".join(parts)


@lru_cache(maxsize=4096)
def _profile(text: str, code: bytes | None) -> Profile:
    return lead_profile(text, None if code is None else np.frombuffer(code, dtype=np.int8))


def text_profile(e: Event, code: np.ndarray | None = None) -> Profile:
    """The similarity judgment's view of a report (``bilateral.similarity.lead_profile``);
    ``code`` is what the store kept of it (``lead_code``)."""
    return _profile(lead_text(e).strip(), None if code is None else code.astype(np.int8).tobytes())


def lead_code(e: Event) -> np.ndarray:
    """The rounded vectors of a report's title and lead (2 x 512 signed bytes): what the store
    keeps so that it never embeds a stored report again."""
    return profile_code(text_profile(e))


def language_of(e: Event) -> str | None:
    return next((s.language for s in e.sources if s.language), None)


def text_evidence(a: Event, b: Event, code_a: np.ndarray | None = None, code_b: np.ndarray | None = None) -> float:
    """The text part: the one similarity judgment (the model behind ``bilateral similarity``,
    its title + lead view) on two reports, as log-odds against a random SemEval pair; 0 when a
    report has no text to compare."""
    if not lead_text(a).strip() or not lead_text(b).strip():
        return 0.0
    score = judge(text_profile(a, code_a), text_profile(b, code_b), language_of(a), language_of(b), LEAD)
    return log_odds(score, LEAD)


def text_similarity(a: Event, b: Event) -> float:
    """The text part for two reports (log-odds, see ``text_evidence``)."""
    return text_evidence(a, b)


def candidate_pairs(reports: list[Event]) -> set[tuple[int, int]]:
    """Pairs of reports sharing a blocking key (the same search the store does in SQL)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        for k in blocking.index_keys(r):
            index[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, r in enumerate(reports):
        for k in blocking.lookup_keys(r):
            for j in index.get(k, ()):
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return
        keep, gone = min(ri, rj), max(ri, rj)
        self.parent[gone] = keep
        self.members[keep].extend(self.members.pop(gone))


def link_reports(reports: Iterable[Event], corrections: Corrections | None = None,
                 vectors: dict[str, np.ndarray] | None = None) -> Linked:
    """Stories and events of a set of reports; see the module docstring.

    ``vectors``: rounded lead vectors (``lead_code``) already known, by report id (the store
    keeps them); ``Linked.vectors`` has them and the ones computed here."""
    corrections = corrections or Corrections()
    unique: dict[str, Event] = {}
    for r in sort_events(list(reports)):
        unique.setdefault(report_id(r), r)
    items = sorted(unique.items())  # by report id: the order cannot depend on the input's
    rids = [rid for rid, _ in items]
    reps = [r for _, r in items]
    pos = {rid: i for i, rid in enumerate(rids)}
    n = len(reps)

    def pair_of(c: frozenset[str]) -> tuple[int, int] | None:
        ids = sorted(c)
        if len(ids) != 2 or ids[0] not in pos or ids[1] not in pos:
            return None
        return pos[ids[0]], pos[ids[1]]

    must = {p for p in map(pair_of, corrections.merge) if p}
    never = {p for p in map(pair_of, corrections.split) if p}

    codes: dict[str, np.ndarray] = dict(vectors or {})

    def code(i: int) -> np.ndarray:
        if rids[i] not in codes:
            codes[rids[i]] = lead_code(reps[i])
        return codes[rids[i]]

    links: dict[tuple[int, int], Link] = {}

    def link(i: int, j: int) -> Link:
        key = (min(i, j), max(i, j))
        if key not in links:
            a, b = key
            links[key] = compare(reps[a], reps[b], lambda: text_evidence(reps[a], reps[b], code(a), code(b)))
        return links[key]

    vetoes: dict[tuple[int, int], bool] = {}

    def vetoed(i: int, j: int) -> bool:
        key = (min(i, j), max(i, j))
        if key in never:
            return True
        if key in must:
            return False
        if key not in vetoes:
            vetoes[key] = links[key].veto is not None if key in links else compare(reps[i], reps[j]).veto is not None
        return vetoes[key]

    stories = _Union(n)
    for i, j in sorted(must):
        stories.union(i, j)
    unit = {x: stories.find(x) for x in range(n)}  # an analyst's merged group speaks as one

    def units_vetoed(xs: list[int], ys: list[int]) -> bool:
        """Two groups contradict when a unit of one contradicts a unit of the other; units
        merged by an analyst contradict only when every pair of their reports does."""
        ux: dict[int, list[int]] = defaultdict(list)
        uy: dict[int, list[int]] = defaultdict(list)
        for x in xs:
            ux[unit[x]].append(x)
        for y in ys:
            uy[unit[y]].append(y)
        return any(all(vetoed(x, y) for x in gx for y in gy) for gx in ux.values() for gy in uy.values())
    scored = [(link(i, j).score, i, j) for i, j in sorted(candidate_pairs(reps))]
    scored = [(s, i, j) for s, i, j in scored if links[(i, j)].linked]
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    for _, i, j in scored:
        ri, rj = stories.find(i), stories.find(j)
        if ri == rj:
            continue
        if units_vetoed(stories.members[ri], stories.members[rj]):
            continue
        cross = [(x, y) for x in stories.members[ri] for y in stories.members[rj]]
        free = [(x, y) for x, y in cross if not vetoed(x, y)]
        # reports of one type are what two groups' agreement is judged on (a meeting and the
        # agreement signed at it score lower by design); of other types only when none is
        free = [(x, y) for x, y in free if reps[x].type == reps[y].type] or free
        if len(free) > 1 and sum(link(x, y).score for x, y in free) / len(free) < MEAN_LINK:
            continue  # one strong pair does not make two groups one story
        stories.union(ri, rj)

    # events: the reports of one type inside a story, and what a correction merged
    events_uf = _Union(n)
    for members in stories.members.values():
        by_type: dict[str, list[int]] = defaultdict(list)
        for x in members:
            by_type[reps[x].type].append(x)
        for group in by_type.values():
            for x in group[1:]:
                events_uf.union(group[0], x)
    for i, j in must:
        events_uf.union(i, j)

    merged_of: dict[int, Event] = {}
    for root, members in events_uf.members.items():
        if len(members) == 1:
            # a report nothing joined is kept as given (with any conflicts it records)
            kept = copy.copy(reps[root])
            kept.event_id = kept.compute_id()
            merged_of[root] = kept
        else:
            merged_of[root] = merge_events([reps[x] for x in sorted(members)])
    story_id = {}
    for members in stories.members.values():
        sid = hashlib.sha1("|".join(sorted(rids[x] for x in members)).encode()).hexdigest()[:16]
        for x in members:
            story_id[x] = sid

    assignments: list[tuple[Event, Assignment]] = []
    for x in range(n):
        root = events_uf.find(x)
        event = merged_of[root]
        best: tuple[float, int] | None = None
        for y in events_uf.members[root]:
            if y == x:
                continue
            key = (min(x, y), max(x, y))
            if key in must:
                best = (float("inf"), y)
                break
            lk = link(x, y)
            if lk.veto is None and (best is None or lk.score > best[0]):
                best = (lk.score, y)
        if best is None:
            score, parts = None, {}
        elif best[0] == float("inf"):
            score, parts = None, {"with": _doc(reps[best[1]]), "correction": "merge"}
        else:
            lk = link(x, best[1])
            score, parts = lk.score, {"with": _doc(reps[best[1]]), **lk.as_dict()}
        assignments.append((reps[x], Assignment(rids[x], _doc(reps[x]), event.event_id, story_id[x],
                                                None if score is None else round(score, 3), parts)))

    events = list(merged_of.values())
    events.sort(key=lambda e: (e.date is None, e.date or "", sorted(set(e.countries)), e.event_id))
    return Linked(events, assignments, codes)


def link_events(events: list[Event]) -> list[Event]:
    """Merge the reports that are one event; every report ends in exactly one event.

    Deterministic (the same for any input order): sorted by date (undated last), then
    countries, then event_id. Input events are not modified.
    """
    if not events:
        return []
    return link_reports(events).events


def is_same_event(a: Event, b: Event) -> bool:
    """Would two reports (of different documents) be linked into one event, on their own?"""
    return a.type == b.type and compare(a, b, lambda: text_similarity(a, b)).linked
