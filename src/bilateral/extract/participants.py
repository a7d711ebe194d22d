"""Which states take part in the event a sentence states (the dyad), and on which side.

A country named in a sentence can play several parts: an actor's state ("Kazakh President
Tokayev"), an agent ("Belarus aims to ..."), a metonym ("Minsk und Nur-Sultan"), the host of a
visit ("visit to Kazakhstan"), the object of an act ("expelled two Russian diplomats") - all
of these are *parties*; or only the place ("in Yerevan"), a topic ("talked about Ukraine",
"the situation in Syria") or the origin of a report ("..., the Albanian embassy said") - not
parties. The part is read from the words just before each mention (prepositions per
language in ``data/triggers.yaml`` under ``participants``) and from its position relative to
the sentence's main trigger: parties before the trigger are the source, after it the
target; "by X" after a passive verb is the source. Meetings, agreements and joint acts, and
coordinated subjects ("Israel and Lebanon renewed talks"), are symmetric: every party is both
source and target (PLOVER's SRC/TAR).

Further classes read from ``data/participants.yaml``: modifiers that make a state no party
("pro-Iranian", "Syrian-backed", "Bosnia-style", "the Russian language", "the Thai border",
"its border with Israel"), groups named by where they live ("the Albanians of southern
Serbia"), and later clauses or time adverbials after the trigger ("after", "if", "during").
Armed groups coded with their state (kind "group": Hamas, Hezbollah, Taliban) are parties like
a state's name.

A sentence whose subject is a private person or body ("The husband of ... asked Britain for
asylum", "A Catholic organisation called on Berlin", a person with no role and no office in the
knowledge base) has no state source: ``Participants.private_source`` (cues in
``data/private_subjects.yaml``).

Public: ``Participants``, ``sentence_participants(sentence, analysis)``.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from bilateral.deadline import loader
from bilateral.extract.triggers import best_trigger, ranked_triggers
from bilateral.kb import load_yaml
from bilateral.lang import language
from bilateral.models import Analysis, PersonMention, Sentence, TriggerMatch
from bilateral.resolve.ru_case import morph

# Parts a mention can play. Party parts make the country a party to the event.
ACTOR, AGENT, OBJECT, HOST, COMPOUND = "actor", "agent", "object", "host", "compound"
VENUE, TOPIC, REPORT = "venue", "topic", "report"
PARTY_PARTS = frozenset({ACTOR, AGENT, OBJECT, HOST, COMPOUND})

# Events whose place is only where they were said or held: a country that is only the place
# is no party. For material and hostile acts the place is where the act lands (the target).
VERBAL_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE", "DISAPPROVE", "DEMAND",
                          "REJECT", "THREATEN"})
SYMMETRIC_CODES = frozenset({"040", "041", "044", "046", "030", "036", "057", "060", "061", "062",
                             "064", "0871", "054"})


@dataclass
class Participants:
    """The states taking part in one sentence's event (ISO alpha-2, ``EU``, ``XK``)."""

    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    venue_countries: list[str] = field(default_factory=list)  # only the place, not a party
    people: list[PersonMention] = field(default_factory=list)
    trigger: TriggerMatch | None = None  # the main trigger the sides were read against
    hosts: list[str] = field(default_factory=list)  # the host of a visit ("visit to X"): direction
    # the sentence's subject is a private person or body (a husband, a company, a church): no
    # state acts, so the sentence states no interstate event. ``source`` is then empty and
    # ``target`` keeps the states addressed (PLOVER's "NGO -> Sudan"); the assembler must make
    # no event of such a sentence, nor complete its parties from the document
    private_source: bool = False

    @property
    def countries(self) -> list[str]:
        """Every party, sorted (the contract's ``countries``)."""
        return sorted(set(self.source) | set(self.target))


@dataclass
class _Mention:
    code: str
    start: int  # offsets relative to the sentence
    end: int
    part: str
    kind: str  # name | adjective | demonym | capital | compound | person | place


@dataclass(frozen=True)
class _Cues:
    locative: re.Pattern[str]
    topic: re.Pattern[str]
    by: re.Pattern[str]
    report: re.Pattern[str]
    coord: re.Pattern[str]
    to_host: re.Pattern[str]
    passive: re.Pattern[str]
    clause_break: re.Pattern[str]
    appositive: re.Pattern[str]
    subject_by_case: bool  # Language.subject_by_case: a nominative state right after the verb is its subject


_NEVER = re.compile(r"(?!x)x")
# Between two items of an enumeration whose items carry an apposition and are split by
# semicolons ("the presidents of Kazakhstan, Kassym-Jomart Tokayev; of Kyrgyzstan, Sadyr
# Japarov; ..."): the states are coordinated, as with "and". Any language: only punctuation
# and at most a short preposition or article after the semicolon.
_LIST_ITEM_GAP = re.compile(r"^\s*(?:,[^,;.:]{2,50})?;\s*(?:[^\W\d_]{1,3}\s+)?$")


@dataclass(frozen=True)
class _Extra:
    """Cues of ``data/participants.yaml`` (see there)."""

    not_party_before: re.Pattern[str]
    not_party_after: re.Pattern[str]
    group_of: re.Pattern[str]
    clause_break: re.Pattern[str]
    subordinate: re.Pattern[str]
    venue_clause: re.Pattern[str]


@loader
def _extra(lang: str) -> _Extra:
    sec = (load_yaml("participants.yaml") or {}).get(lang) or {}
    return _Extra(*(re.compile(sec[k], re.IGNORECASE) if sec.get(k) else _NEVER for k in
                    ("not_party_before", "not_party_after", "group_of", "clause_break",
                     "subordinate", "venue_clause")))


@loader
def _cues(lang: str) -> _Cues:
    data = load_yaml("triggers.yaml")["participants"]
    sec = data.get(lang) or data["en"]
    return _Cues(*(re.compile(sec[k], re.IGNORECASE) for k in
                   ("locative", "topic", "by", "report", "coord", "to_host", "passive",
                                                             "clause_break", "appositive")),
                 subject_by_case=language(lang).subject_by_case)


def in_later_clause(sentence_text: str, trigger_end: int, pos: int, lang: str) -> bool:
    """Is ``pos`` in a clause that opens after the trigger ("..., which", "after Turkey hosted
    a summit in Istanbul")? What is named there is background, not the event's."""
    between = sentence_text[trigger_end:pos]
    return bool(_cues(lang).clause_break.search(between) or _extra(lang).clause_break.search(between))


def names_venue(sentence_text: str, trigger_end: int, pos: int, lang: str) -> bool:
    """Does the clause before ``pos`` only say where the gathering named after the trigger is
    held ("talks on the sidelines of the SCO summit, which is being held in Samarkand")? Then
    a place at ``pos`` is the event's own, though it stands in a later clause."""
    return bool(_extra(lang).venue_clause.search(sentence_text[trigger_end:pos]))


@loader
def _officials(lang: str) -> re.Pattern[str]:
    data = load_yaml("private_subjects.yaml") or {}
    words = list((data.get(lang) or {}).get("state") or []) + list((data.get("officials") or {}).get(lang) or [])
    return _alternatives(words)


def names_official(text: str, lang: str) -> bool:
    """Does ``text`` name an official or a state body ("the presidents", "delegations", "МИД")?"""
    return _officials(lang).search(text) is not None


@loader
def _host_verb(lang: str) -> re.Pattern[str] | None:
    """Verbs whose subject hosts the other side ("принял", "hosted"; data/direction.yaml),
    anchored to end right before a mention."""
    pattern = ((load_yaml("direction.yaml") or {}).get(lang) or {}).get("host_verb")
    return re.compile(f"(?:{pattern})\\s+$", re.IGNORECASE) if pattern else None


def locative_before(text_before: str, lang: str) -> bool:
    """Does ``text_before`` end with a locative ("in the Turkmen capital", "in der kasachischen
    Hauptstadt", "в столице")? Then what follows is a place where something happens."""
    return bool(_cues(lang).locative.search(text_before))


@loader
def _locative_suffix(lang: str) -> re.Pattern[str] | None:
    sec = (load_yaml("triggers.yaml")["participants"].get(lang) or {})
    return re.compile(sec["locative_suffix"], re.IGNORECASE) if sec.get("locative_suffix") else None


def locative_suffix(place_and_after: str, lang: str) -> bool:
    """Is a place name in the locative case by its own ending ("Мәскеуде", "Moskvada",
    "Moskova'da")? Kazakh, Uzbek and Turkish mark "in" on the name, not before it."""
    rx = _locative_suffix(lang)
    return bool(rx and rx.search(place_and_after))


@dataclass(frozen=True)
class _Subjects:
    """Cues of ``data/private_subjects.yaml`` (see there)."""

    private: re.Pattern[str]
    state: re.Pattern[str]
    restart: re.Pattern[str]
    np_gap: re.Pattern[str]
    passive: re.Pattern[str]
    types: frozenset[str]


def _alternatives(words: list[str] | None) -> re.Pattern[str]:
    if not words:
        return _NEVER
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + ")", re.IGNORECASE)


@loader
def _subjects(lang: str) -> _Subjects:
    data = load_yaml("private_subjects.yaml") or {}
    sec = data.get(lang) or {}
    return _Subjects(_alternatives(sec.get("private")), _alternatives(sec.get("state")),
                     *(re.compile(sec[k], re.IGNORECASE) if sec.get(k) else _NEVER
                       for k in ("restart", "np_gap", "passive")),
                     frozenset(data.get("types") or ()))


# a sentence that opens with its trigger noun, perhaps after an article and adjectives
_NOUN_SUBJECT_START = re.compile(r"\s*(?:(?:the|a|an|some|several|hundreds\s+of|thousands\s+of|"
                                 r"[\w-]+(?:ing|al|ive|ent|ant|ful|ed|side)|angry|armed|"
                                 r"\d[\d,]*)\s+){0,3}", re.IGNORECASE)
_VERB_BETWEEN = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says)\b", re.IGNORECASE)
_ETHNIC = re.compile(r"\b(?:ethnic|ethnische\w*|этническ\w*)\s+$", re.IGNORECASE)


def _in(sentence: Sentence, start: int, end: int) -> bool:
    return sentence.start <= start and end <= sentence.end


_SPAN_INDEX: dict[str, tuple[list, list[int], list[int]]] = {}


def _inside(items: list, sentence: Sentence, slot: str) -> list:
    """The mentions of ``items`` inside ``sentence``, in list order, found by bisection.

    Why: this runs once per sentence, and scanning every mention of the document each time
    made long documents cost the square of their length. The index of the last list seen per
    ``slot`` is kept (by identity), so each document's lists are sorted once.
    """
    cached = _SPAN_INDEX.get(slot)
    if cached is None or cached[0] is not items:
        order = sorted(range(len(items)), key=lambda i: items[i].start)
        cached = (items, [items[i].start for i in order], order)
        _SPAN_INDEX[slot] = cached
    _, starts, order = cached
    hits = sorted(order[bisect_left(starts, sentence.start):bisect_right(starts, sentence.end)])
    return [items[i] for i in hits if _in(sentence, items[i].start, items[i].end)]


def _report_start(text: str, trig: TriggerMatch | None, cues: _Cues) -> int:
    """Where a trailing attribution clause (", the X news agency said") begins, else len."""
    best = len(text)
    for m in cues.report.finditer(text):
        if trig is None or m.start() >= trig.end:
            best = min(best, m.start())
            break
    return best


def _part(text: str, m_start: int, m_end: int, trig: TriggerMatch | None, cues: _Cues,
          report_at: int, visits: list[TriggerMatch], extra: _Extra) -> str:
    """The part a mention plays, from the words before it and the trigger's position."""
    if m_start >= report_at:
        return REPORT
    before = text[max(0, m_start - 40):m_start]
    for v in visits:  # "visit to X", "arrived in X", "Besuch in X", "визит в X": the host
        if v.end <= m_start and len(text) and m_start - v.end <= 40 \
                and cues.to_host.fullmatch(text[v.end:m_start]):
            return HOST
    if _ETHNIC.search(before):
        return TOPIC  # "ethnic Albanians": a group, coded by where it lives, not a state
    if extra.not_party_before.search(before) or extra.not_party_after.match(text[m_end:m_end + 60]):
        return TOPIC  # "pro-Iranian", "Syrian-backed", "the Russian language", "Thai border"
    if cues.topic.search(before):
        return TOPIC
    if cues.locative.search(before):
        return VENUE
    if trig is None:
        return AGENT
    return AGENT if m_start < trig.start else OBJECT


def sentence_participants(sentence: Sentence, analysis: Analysis,
                          ranked: list[tuple[TriggerMatch, int]] | None = None) -> Participants:
    """Parties (source, target), venue-only countries and people of one sentence's event.

    ``ranked``: the sentence's triggers as analysis found them (read from its text when None)."""
    lang = analysis.document.language or "en"
    cues = _cues(lang)
    extra = _extra(lang)
    text = sentence.text
    off = sentence.start
    if ranked is None:
        ranked = ranked_triggers(text, lang)
    trig = best_trigger(ranked)  # offsets relative to the sentence
    visits = [t for t, _ in ranked if t.mode == "visit" and t.cameo == "042"]
    report_at = _report_start(text, trig, cues)

    mentions: list[_Mention] = []
    people = _inside(analysis.people, sentence, "people")
    for p in people:
        if p.country:
            s, e = p.start - off, p.end - off
            part = _part(text, s, e, trig, cues, report_at, visits, extra)
            # an actor is a party wherever he stands, unless only the source of a report
            mentions.append(_Mention(p.country, s, e, REPORT if part == REPORT else ACTOR, "person"))
    person_spans = [(p.start - off, p.end - off) for p in people]

    def in_name(s: int, e: int) -> bool:
        """Inside a person's name ("Jordan Henderson", "Judge Alejandro Rivera")."""
        return any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in person_spans)

    for c in _inside(analysis.countries, sentence, "countries"):
        if not c.code:
            continue
        s, e = c.start - off, c.end - off
        if c.kind in ("name", "capital") and in_name(s, e):
            continue
        part = _part(text, s, e, trig, cues, report_at, visits, extra)
        if c.kind == "compound" and part == VENUE:
            part = TOPIC  # "progress in U.S.-Soviet talks": the talks are the topic
        prev = mentions[-1] if mentions else None
        if c.kind == "compound" and prev is not None and prev.kind == "compound" \
                and 0 <= s - prev.end <= 1 and text[prev.end:s] in ("", "-"):
            part = prev.part  # later parts of "U.S.-Soviet" play the part of the first
        elif c.kind == "compound" and part not in (REPORT, TOPIC):
            part = COMPOUND
        # an adjective inside or just before a person's name ("Kazakh President Tokayev")
        # is that person's state: already counted as an actor
        if c.kind in ("adjective", "demonym") and any(ps - 60 <= s and e <= pe + 1
                                                       for ps, pe in person_spans):
            if any(m.part == ACTOR and m.code == c.code for m in mentions):
                continue
        mentions.append(_Mention(c.code, s, e, part, c.kind))
    host_verb = _host_verb(lang)
    for m in mentions:
        # "Саммит ... впервые принял Берлин": a state right after a host verb hosts the event
        if m.kind in ("name", "capital") and host_verb is not None \
                and host_verb.search(text[max(0, m.start - 30):m.start]):
            m.part = HOST
    for pl in analysis.places:
        if not pl.country or not _in(sentence, pl.start, pl.end):
            continue
        s, e = pl.start - off, pl.end - off
        if any(m.start <= s < m.end for m in mentions) or in_name(s, e):
            continue  # already a country mention (capital), or part of a person's name
        part = _part(text, s, e, trig, cues, report_at, visits, extra)
        if part in (AGENT, OBJECT):
            # a city is a party only as the host of a visit or as a metonym of its state
            # (capitals come as country mentions); otherwise it names the place
            part = VENUE if trig is None or trig.type in VERBAL_TYPES else OBJECT
        mentions.append(_Mention(pl.country, s, e, part, "place"))
    mentions.sort(key=lambda m: m.start)
    # "Bosnian Serbs", "Croatian Serb refugees": the first adjective says where the group lives
    for a, b in zip(mentions, mentions[1:]):
        if a.kind in ("adjective", "demonym") and b.kind in ("adjective", "demonym") \
                and a.code != b.code and a.start != b.start and text[a.end:b.start].strip() == "" \
                and b.part in PARTY_PARTS:
            b.part = TOPIC
    # "the Albanians of southern Serbia", "Serbs in Croatia": a group named by where it lives;
    # the state it lives in is the party, the demonym's state is not
    for a, b in zip(mentions, mentions[1:]):
        if a.kind == "demonym" and b.kind in ("name", "capital", "place") and a.code != b.code \
                and extra.group_of.fullmatch(text[a.end:b.start]):
            a.part = TOPIC
            if b.part == VENUE:
                b.part = AGENT if trig is None or b.start < trig.start else OBJECT
    # "the situation in Ukraine and Syria": a state joined to a topic by a bare "and" or comma
    # is a topic too (the cue before the first names the subject of both)
    for a, b in zip(mentions, mentions[1:]):
        gap = text[a.end:b.start]
        if a.part == TOPIC and b.part in PARTY_PARTS and b.kind in ("name", "capital") \
                and len(gap.strip()) <= 5 and cues.coord.search(gap):
            b.part = TOPIC
    orgs = [(o.start - off, o.end - off) for o in analysis.organizations if _in(sentence, o.start, o.end)]
    private = _private_source(text, trig, mentions, people, off, orgs, cues, _subjects(lang))
    p = _decide(mentions, trig, text, cues, people, extra, orgs)
    if private:
        # no state acts: no source; the states the act is addressed to stay as its targets
        # (PLOVER's dyad "NGO -> Sudan"), but they alone make no interstate event
        p.target = _dedupe(p.target + p.source)
        p.source = []
        p.private_source = True
    return p


@loader
def _kb_without_office() -> frozenset[str]:
    """Knowledge-base people who never held a state office (opposition figures)."""
    people = (load_yaml("leaders.yaml") or {}).get("people") or []
    return frozenset(p["id"] for p in people if not p.get("roles"))


def _is_private(p: PersonMention) -> bool:
    """A person acting for nobody but himself: no role in the text, and not a knowledge-base
    office holder. (A person the resolvers gave a state without either counts as the state's.)"""
    if p.role or p.from_role_only:
        return False
    if p.person_id:
        return p.person_id in _kb_without_office()
    return p.country is None


def _inverted_subject(text: str, trig: TriggerMatch, mentions: list[_Mention]) -> bool:
    """Russian puts the subject after the verb in headlines and with a fronted object
    ("Убежище Биби предложили Франция и Испания"): a state name in the nominative right after
    the trigger is the subject, and what precedes the verb is an object."""
    for m in mentions:
        if m.kind in ("name", "capital") and 0 <= m.start - trig.end <= 2:
            cases = {p.tag.case for p in morph().parse(text[m.start:m.end].split()[0].lower())}
            return "nomn" in cases and "accs" not in cases
    return False


# between a private word used as an adjective and the place it qualifies ("Christian east Beirut")
_ADJ_USE = re.compile(r"\s+(?:(?:north|south|east|west|central|nord|süd|ost|zentral|север|юг|восто|запад|централ)"
                      r"[\w-]*\s+)?", re.IGNORECASE)
_POSSESSOR = re.compile(r"(?:['’]s)?\s*")


def _private_source(text: str, trig: TriggerMatch | None, mentions: list[_Mention],
                    people: list[PersonMention], off: int, orgs: list[tuple[int, int]],
                    cues: _Cues, subj: _Subjects) -> bool:
    """Whether the sentence's subject (its source side) is a private person or body.

    The subject is the stretch before the trigger (after the last "said"/"that" that opens a
    new clause), or the "by" phrase of a passive. Its first head decides: a private noun
    ("husband", "company", "Kirche", "семья") or a person with no role and no KB entry makes
    the source private, a state mention, an official or a state body ("authorities", "МИД")
    makes it a state. A state adjective qualifying a private noun ("a Pakistani Christian",
    "российская компания") belongs to it and is no state cue. A passive without "by" has its
    target as subject ("a Russian man was arrested in Kyiv"): never private.
    """
    if trig is None or trig.type not in subj.types:
        return False
    if cues.subject_by_case and _inverted_subject(text, trig, mentions):
        return False
    passive = bool(cues.passive.search(text[max(0, trig.start - 30):trig.start]))
    bm = cues.by.match(text, trig.end)
    if passive and not bm:
        return False
    if not bm and subj.passive.search(text, 0, trig.start):
        return False  # "a journalist was killed by a car bomb": the subject is the target
    if passive and bm:
        lo = bm.end()
        cb = cues.clause_break.search(text, lo)
        hi = min(len(text), lo + 100, cb.start() if cb else len(text))
    else:
        lo, hi = 0, trig.start
        for r in subj.restart.finditer(text, 0, hi):
            lo = r.end()
    if lo >= hi:
        return False
    person_spans = [(p.start - off, p.end - off, p) for p in people]
    inside = lambda s, e, spans: any(a <= s and e <= b for a, b in spans)  # noqa: E731
    heads: list[tuple[int, int, bool]] = []  # (start, end, private)
    for m in subj.private.finditer(text, lo, hi):
        if inside(m.start(), m.end(), orgs) or inside(m.start(), m.end(),
                                                      [(a, b) for a, b, _ in person_spans]):
            continue  # "World Health Organization", "Christian Lindner"
        if any(0 <= x.start - m.end() <= 14 and _ADJ_USE.fullmatch(text[m.end():x.start])
               for x in mentions if x.kind != "person"):
            continue  # an adjective of a place: "in Christian east Beirut"
        heads.append((m.start(), m.end(), True))
    for a, b, p in person_spans:
        if lo <= a < hi:
            heads.append((a, b, _is_private(p)))
    for m in subj.state.finditer(text, lo, hi):
        heads.append((m.start(), m.end(), False))
    for m in mentions:
        if lo <= m.start < hi and m.kind != "person" and m.part in PARTY_PARTS:
            # a state adjective on a private noun describes it ("a Pakistani Christian")
            if m.kind in ("adjective", "demonym") and any(
                    h[2] and h[0] >= m.end and subj.np_gap.match(text[m.end:h[0]] or " ")
                    for h in heads):
                continue
            heads.append((m.start, m.end, False))
    if not heads:
        return False
    heads.sort()
    last = heads[-1]
    if not last[2] and _POSSESSOR.fullmatch(text[last[1]:trig.start]):
        return False  # a noun trigger with its state possessor: "the Russian government's refusal"
    first = heads[0]
    if not first[2]:
        return False
    for h in heads[1:]:
        if h[2]:
            continue
        gap = text[first[1]:h[0]]
        # an apposition ("the organisation Hamas") or a coordinated state ("the church and the
        # German government") makes the subject a state's
        if len(gap.strip()) <= 3 or (len(gap) <= 40 and cues.coord.search(gap)):
            return False
        break
    return True


def _decide(mentions: list[_Mention], trig: TriggerMatch | None, text: str, cues: _Cues,
            people: list[PersonMention], extra: _Extra | None = None,
            orgs: list[tuple[int, int]] = ()) -> Participants:
    verbal = trig is None or trig.type in VERBAL_TYPES
    if trig is not None:
        # a subordinate clause after the trigger ("..., which", "because", "after") and an
        # apposition before it (", a key U.S. ally in ...,") hold background, not parties
        cb = cues.clause_break.search(text, trig.end)
        for m in mentions:
            if m.part in (OBJECT, VENUE, HOST) and cb and m.start >= cb.start():
                m.part = TOPIC
        # time adverbials and conditions ("after U.S. officials alleged", "if Hamas ran"); the
        # host of a visit stays ("during his visit to Turkey")
        xb = extra.clause_break.search(text, trig.end) if extra is not None else None
        for m in mentions:
            if m.part in (OBJECT, VENUE) and xb and m.start >= xb.start():
                m.part = TOPIC
        for ap in cues.appositive.finditer(text, 0, trig.start):
            for m in mentions:
                if ap.start() < m.start < ap.end() and m.part != ACTOR:
                    m.part = TOPIC
        # "Rebels in the Ivory Coast rejected ...": with no state in subject position, the
        # place that qualifies the subject is the subject's state - unless the subject is an
        # international organisation working there ("The Red Cross operating in Iraq said")
        if not any(m.part in PARTY_PARTS and m.start < trig.start for m in mentions):
            for m in mentions:
                if m.part == VENUE and m.start < trig.start \
                        and not any(oe <= m.start for _, oe in orgs):
                    m.part = AGENT
        # "Demonstrators in Baghdad blocked ...", "A roadside bombing near Samarra killed ...":
        # a noun trigger that opens the sentence is its subject; the place right after it is
        # the subject's state
        if _NOUN_SUBJECT_START.fullmatch(text[:trig.start]):
            for m in mentions:
                if m.part == VENUE and 0 <= m.start - trig.end <= 40 \
                        and not _VERB_BETWEEN.search(text[trig.end:m.start]):
                    m.part = AGENT
                    break
        # the object is the first state (or person: "ordered Carlos Menem to appear ... sales
        # to Croatia") after the trigger and those coordinated with it ("with Iran and
        # Turkey"); states further on sit in modifiers ("ties with Israel")
        objs = [m for m in mentions if m.part == OBJECT
                or (m.part == ACTOR and m.kind == "person" and m.start >= trig.end)]
        by_at = None
        bm = cues.by.match(text, trig.end)
        if bm and cues.passive.search(text[max(0, trig.start - 30):trig.start]):
            by_at = bm.start()
        # a passive's agents after "by" start a list of their own ("was signed, besides
        # Scholz, by the presidents of Kazakhstan, ...")
        by_first = next((m for m in objs if m.start >= bm.end()), None) if by_at is not None else None
        keep = objs[:1]
        for prev, m in zip(objs, objs[1:]):
            gap = text[prev.end:m.start]
            if m is by_first:
                keep.append(m)
                continue
            if m.kind == "person" and len(gap) > 30:
                continue  # a person far on is in a modifier ("about contacts ... of Saddam")
            # members of a group share its span ("the Central Asian states"): coordinated
            same_span = m.start == prev.start and m.end == prev.end
            if keep[-1] is prev and (prev.code == m.code or same_span or cues.coord.search(gap)
                                     or _LIST_ITEM_GAP.match(gap)):
                keep.append(m)
        for m in objs:
            if m not in keep and m.code not in {k.code for k in keep} \
                    and (m.part == OBJECT or by_at is None or m.start < by_at):
                m.part = TOPIC  # a state or person in a modifier of the object
        # "refused to deploy peacekeepers in Iraq", "agreed to set up a centre in Tokyo": a
        # stance or commitment about a place is about that place's state, when the sentence
        # has no other target (meetings keep their venue: "talks in Geneva")
        if verbal and trig.type != "CONSULT" \
                and not any(m.part in (OBJECT, HOST) or (m.part == ACTOR and m.start >= trig.end)
                            for m in mentions):
            subject = {m.code for m in mentions if m.part in PARTY_PARTS and m.start < trig.start}
            sub = extra.subordinate.search(text, trig.end) if extra is not None else None
            for m in mentions:
                if m.part == VENUE and m.start >= trig.end and m.code not in subject \
                        and not (sub and sub.start() < m.start):
                    m.part = OBJECT
                    break
    parties = {m.code for m in mentions if m.part in PARTY_PARTS}
    # for material and hostile acts the place where the act lands is its target
    if not verbal:
        # (a place before the trigger is the subject's: "a missionary from Calgary was arrested")
        has_target = any(m.part in (OBJECT, HOST) and (trig is None or m.start > trig.start)
                         for m in mentions)
        for m in mentions:
            if m.part == VENUE and not has_target and (trig is None or m.start > trig.start):
                m.part = OBJECT
                parties.add(m.code)
    # with three or more states, keep those tied to people, the subject or the host (a group
    # of states named as one, "the five Central Asian states", counts once)
    if _units(mentions, parties) >= 3:
        strong = {m.code for m in mentions if m.part in (ACTOR, AGENT, HOST, COMPOUND)}
        # ... and those coordinated with them ("visit Mauritania and Senegal")
        in_party = [m for m in mentions if m.part in PARTY_PARTS]
        for a, b in zip(in_party, in_party[1:]):
            if a.code in strong and (cues.coord.search(text[a.end:b.start])
                                     or _LIST_ITEM_GAP.match(text[a.end:b.start])):
                strong.add(b.code)
        if len(strong) >= 2:
            parties = strong if len(strong) >= 2 else parties
    venue = sorted({m.code for m in mentions if m.part == VENUE} - parties)

    source: list[str] = []
    target: list[str] = []
    if trig is None:
        source = target = _ordered(mentions, parties)
    else:
        passive_by = None
        bm = cues.by.match(text, trig.end)
        passive = bool(cues.passive.search(text[max(0, trig.start - 30):trig.start]))
        if bm and passive:
            passive_by = bm.end()
        for m in mentions:
            if m.code not in parties or m.part not in PARTY_PARTS:
                continue
            side = "src" if m.start < trig.start or m.part == AGENT else "tar"
            if passive_by is not None:
                side = "src" if m.start >= passive_by else "tar"
            elif passive and not verbal and m.start < trig.start and m.part != ACTOR:
                side = "tar"  # "A missionary from Calgary was arrested in Lebanon": the
                # subject of a passive act is its target
            (source if side == "src" else target).append(m.code)
        source, target = _dedupe(source), _dedupe(target)
        symmetric = trig.cameo in SYMMETRIC_CODES and not trig.future
        coordinated = len(set(source)) >= 2 and not target and _coordinated(mentions, trig, text, cues)
        if symmetric or coordinated or (not source and not target):
            source = target = _ordered(mentions, parties)
        elif not target and len(set(source)) >= 2 and trig.cameo in SYMMETRIC_CODES:
            target = list(source)
        # a party that is only on both sides via a compound goes everywhere
        for m in mentions:
            if m.part == COMPOUND:
                for side in (source, target):
                    if m.code not in side:
                        side.append(m.code)
    hosts = _dedupe([m.code for m in mentions if m.part == HOST and m.code in parties])
    return Participants(source=list(source), target=list(target), venue_countries=venue,
                        people=people, trigger=trig, hosts=hosts)


def _units(mentions: list[_Mention], parties: set[str]) -> int:
    """Parties counted as the text names them: the members of one group mention are one."""
    spans: dict[tuple[int, int], set[str]] = {}
    for m in mentions:
        if m.code in parties and m.part in PARTY_PARTS:
            spans.setdefault((m.start, m.end), set()).add(m.code)
    groups = [codes for codes in spans.values() if len(codes) > 1]
    grouped = set().union(*groups) if groups else set()
    return len(parties - grouped) + len(groups)


def _ordered(mentions: list[_Mention], parties: set[str]) -> list[str]:
    return _dedupe([m.code for m in mentions if m.code in parties])


def _dedupe(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(codes))


def _coordinated(mentions: list[_Mention], trig: TriggerMatch, text: str, cues: _Cues) -> bool:
    """Two subject parties joined by "and"/"und"/"и" ("Israel and Lebanon renewed talks")."""
    subj = [m for m in mentions if m.start < trig.start and m.part in PARTY_PARTS]
    for a, b in zip(subj, subj[1:]):
        if a.code != b.code and cues.coord.search(text[a.end:b.start]):
            return True
    return False
