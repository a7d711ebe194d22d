"""Assemble a document's interstate events from its analysis (the ``extract`` stage).

An article usually reports one main event, mentioned in its title and lead and again further
down; those mentions are one event, not several. Other events are kept apart only when the text
marks them as different: a formal agreement signed at the meeting, an announced (future) meeting,
or an interaction of another kind (criticism, sanctions, ...) between states named in its own
sentence. Each event gets its participants (states, then people), date, place, figures, quotes and
the sentences that state it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bilateral import dates
from bilateral.extract.dateline import find_dateline_place
from bilateral.extract.direction import Sides, event_direction
from bilateral.extract.participants import (in_later_clause, locative_before, locative_suffix, names_official, names_venue,
                                            sentence_participants)
from bilateral.extract.evidence import sentence_evidence, span_evidence
from bilateral.extract.timing import (event_ordinal, event_protocol, event_time, event_weekday, fix_open_year,
                                      precision_of)
from bilateral.extract.triggers import best_trigger, event_type_of, recalls_earlier
from bilateral.geo_coords import coordinates
from bilateral.models import (Actor, Analysis, Event, Figure, Location, Ordinal, PersonMention, PlaceMention,
                              Quote, Sentence, Source, TriggerMatch)

LEAD_SENTENCES = 4  # title + the first sentences of the body: where the main event is stated
# Types that meeting reports use as rhetoric ("we aim to strengthen cooperation"): part of the
# meeting, never events of their own inside a report of one.
_RHETORIC = {"SUPPORT", "COOPERATE", "AGREE", "CONSULT"}
_SIGNING_CAMEO = "057"
_INTENT_TO_MEET = "036"
_LOCATIVE = re.compile(r"(?:\b(?:in|im|at|nach|near|bei|à|en|au|aux)|(?<!\w)(?:в|во|на))\s+(?:der\s+|the\s+)?$",
                       re.IGNORECASE)
_MODE_CAMEO = {"phone": "041", "visit": "042", "third-party": "044"}


@dataclass
class Candidate:
    """A sentence stating an interaction: its main trigger and who takes part in it."""

    sentence: Sentence
    trigger: TriggerMatch
    parties: list[str]
    venues: list[str]
    people: list[PersonMention] = field(default_factory=list)
    sides: Sides = field(default_factory=Sides)  # who acts on whom in this sentence (direction)
    recalled: bool = False  # the sentence recalls an earlier interaction: background

    @property
    def usable(self) -> bool:
        return not self.trigger.negated


def extract_events(a: Analysis) -> list[Event]:
    """Every interstate event the document reports (possibly none)."""
    candidates = find_candidates(a)
    if not candidates:
        return []
    events: list[Event] = []
    signed: list[Candidate] = []
    main = None
    for option in main_options(candidates, a):  # the likeliest story whose states are known
        parties = main_parties(option, candidates, a)
        if len(parties) >= 2:
            mentions = [c for c in candidates if c is option or _same_story(c, option, parties)]
            event = build_event(a, option, parties, mentions, with_document_context=True,
                                background=background_sentences(candidates, option))
            if not _officials_take_part(a, event, mentions):
                continue  # "the best places to visit in Germany": nobody of a state meets
            main = option
            events.append(event)
            signing, signed = signed_at_meeting(a, candidates, main, events[0])
            events.extend(signing)
            break
    events.extend(secondary_events(a, [c for c in candidates if c not in signed], main, events))
    for event in events:
        event.event_id = event.compute_id()
    return events


# ---------------------------------------------------------------- candidates

def find_candidates(a: Analysis) -> list[Candidate]:
    """A candidate for each sentence with a trigger, from the sentence's triggers as analysis
    found them (``a.triggers``: ranked, one list per sentence; never scanned again here)."""
    lang = a.document.language or "en"
    out = []
    for sentence, ranked in zip(a.sentences, a.triggers):
        trigger = best_trigger(ranked)
        if trigger is None:
            continue
        talks = [t for t, _ in ranked if t.type == "CONSULT" and not t.future and not t.negated]
        if trigger.type in _RHETORIC and trigger.type != "CONSULT" and trigger.cameo != _SIGNING_CAMEO:
            # "X praised the cooperation during talks with Y" reports the talks
            trigger = talks[0] if talks else trigger
        # "The meeting ... resulted in the adoption of a joint declaration": the meeting and the
        # signing, two candidates of one sentence (the meeting first)
        meeting = None
        if trigger.cameo == _SIGNING_CAMEO and not trigger.future:
            meeting = talks[0] if talks else None
        # "... agreed to expand ties, noting that they had signed a joint declaration": a signing
        # outranked in its sentence is still a candidate of its own, after the main trigger (the
        # meeting's AGREE event is built from it, see ``signed_at_meeting``)
        signing = None
        if trigger.cameo != _SIGNING_CAMEO:
            signing = next((t for t, _ in ranked
                            if t.cameo == _SIGNING_CAMEO and not t.future and not t.negated), None)
        p = sentence_participants(sentence, a, ranked)
        if p.private_source:
            continue  # a private person or body acts: no interstate event (CONTRACT.md)
        parties = sorted(set(p.source) | set(p.target))
        for t in ([meeting] if meeting is not None else []) + [trigger] + ([signing] if signing else []):
            # a copy in document offsets: the layer keeps the sentence's own
            t = replace(t, start=t.start + sentence.start, end=t.end + sentence.start)
            out.append(Candidate(sentence, t, parties, sorted(set(p.venue_countries)), list(p.people),
                                 Sides(p.source, p.target, p.hosts), recalls_earlier(sentence.text, lang)))
    return out


def _officials_take_part(a: Analysis, event: Event, mentions: list[Candidate]) -> bool:
    """A meeting, visit or call is between states only through their people: a named person
    of one of its states, or an official or state body in its sentences ("the delegations",
    "the foreign ministry")."""
    if event.type != "CONSULT" and event.cameo != _INTENT_TO_MEET:
        return True
    if any(x.country in event.countries for x in event.actors):
        return True
    lang = a.document.language or "en"
    return any(names_official(m.sentence.text, lang) for m in mentions)


def main_options(candidates: list[Candidate], a: Analysis) -> list[Candidate]:
    """Candidates for the main event, likeliest first (``choose_main``, then the others in its
    order): when the first one's states cannot be completed, the next one is the story."""
    first = choose_main(candidates, a)
    rest = [c for c in candidates if c is not first and c.usable and not c.trigger.future
            and not c.recalled and c.parties]
    rest.sort(key=lambda c: (len(c.parties) < 2, _rhetoric(c.trigger), c.sentence.start))
    return ([first] if first is not None else []) + rest


def choose_main(candidates: list[Candidate], a: Analysis) -> Candidate | None:
    """The event the article is about: stated in the title or lead, by two states if possible."""
    lead_end = lead_end_of(a)
    happened = [c for c in candidates if c.usable and not c.trigger.future and not c.recalled] \
        or [c for c in candidates if c.usable and not c.trigger.future]
    lead = [c for c in happened if c.sentence.start < lead_end]
    # the meeting or call the lead states is the story even when its sentence names one state
    # ("A phone call of the Uzbek president with ... took place"; the other is completed from
    # the lead): praise or agreement words around it are its rhetoric, not the event
    for pool in ([c for c in lead if len(c.parties) >= 2 and not _rhetoric(c.trigger)],
                 [c for c in lead if c.parties and c.trigger.type == "CONSULT"],
                 [c for c in lead if len(c.parties) >= 2],
                 [c for c in happened if len(c.parties) >= 2],
                 [c for c in lead if c.parties]):
        if pool:
            # a meeting stated in the lead is the story; rhetoric types only when nothing else is
            pool.sort(key=lambda c: (c.trigger.type not in ("CONSULT",) and c.trigger.type in _RHETORIC,
                                     c.sentence.start))
            return pool[0]
    return None


def _rhetoric(t: TriggerMatch) -> bool:
    """Praise, cooperation and agreement words: rhetoric around a meeting, not its event."""
    return t.type in _RHETORIC and t.type != "CONSULT" and t.cameo != _SIGNING_CAMEO


def main_parties(main: Candidate, candidates: list[Candidate], a: Analysis) -> list[str]:
    """The main event's states: its sentence's, completed from the title and lead, else from the
    states whose officials the document names. A sentence naming no state of its own is no
    interstate event: what a document mentions most is not who acted ("Die Medien blieben
    ausgeschlossen" in an article about Ethiopia and France)."""
    parties = list(main.parties)
    if parties and main.trigger.mode == "visit" and main.venues and not _names_organization(a, main):
        # "arrived in Beijing on a working visit", "the visit of the Central Asian leaders to
        # Berlin": the place visited is the host's (not at a summit of an organisation)
        parties = sorted(set(parties) | {main.venues[0]})
    if len(parties) >= 2:
        return sorted(_fullest_statement(main, candidates, a, parties))
    if not parties:
        return []
    lead_end = lead_end_of(a)
    for c in candidates:
        if c.sentence.start < lead_end and c.usable and not c.trigger.future:
            parties.extend(x for x in c.parties if x not in parties)
    if len(parties) < 2:
        venues = {v for c in candidates for v in c.venues}
        for code in official_states(a):
            if code not in parties and code not in venues:
                parties.append(code)
                break
    return sorted(parties[:2])  # completed from context: the sentence's own state and the likeliest other


def _fullest_statement(main: Candidate, candidates: list[Candidate], a: Analysis,
                       parties: list[str]) -> list[str]:
    """A meeting of several states is often stated in part ("the visit of the Central Asian
    leaders to Berlin") and in full ("Scholz received the five presidents"): the lead's fullest
    statement of the same kind of meeting gives its states."""
    if main.trigger.type != "CONSULT":
        return parties
    lead_end = lead_end_of(a)
    best = set(parties)
    for c in candidates:
        if (c.sentence.start < lead_end and c.usable and not c.trigger.future and not c.recalled
                and c.trigger.type == "CONSULT" and c.trigger.mode != "phone" and set(c.parties) > best):
            best = set(c.parties)
    return sorted(best)


def _names_organization(a: Analysis, c: Candidate) -> bool:
    return any(c.sentence.start <= o.start < c.sentence.end for o in a.organizations)


def official_states(a: Analysis) -> list[str]:
    """States of the people the document names (officials and leaders), most named first."""
    count: dict[str, int] = {}
    for p in a.people:
        if p.country and (p.role or p.person_id):
            count[p.country] = count.get(p.country, 0) + 1
    return [code for code, _ in sorted(count.items(), key=lambda kv: (-kv[1], kv[0]))]


def _same_story(c: Candidate, main: Candidate, parties: list[str]) -> bool:
    """Another mention of the main event: same kind, no new state, not announced for later."""
    if not c.usable or c.trigger.future or c.recalled:
        return False
    if c.trigger.type != main.trigger.type and not (c.trigger.type in _RHETORIC and main.trigger.type in _RHETORIC):
        return False
    return set(c.parties) <= set(parties)


# ---------------------------------------------------------------- documents signed at the meeting

def signed_at_meeting(a: Analysis, candidates: list[Candidate], main: Candidate,
                      meeting: Event) -> tuple[list[Event], list[Candidate]]:
    """Documents signed, or a joint declaration adopted, at the main meeting: one AGREE event
    of the meeting's states, dated and placed like the meeting unless its sentence says
    otherwise (CONTRACT.md: "a meeting, and an agreement signed at it").

    Signing sentences rarely name both states ("the sides signed three documents", "16
    documents were signed"), so a signing whose own states are among the meeting's belongs to
    it. One with a date of its own that differs from the meeting's is background, left to
    ``secondary_events``. Returns the event (or none) and the candidates it used.
    """
    if meeting.type != "CONSULT" or meeting.mode == "phone" or main.trigger.future:
        return [], []
    states = set(meeting.countries)
    signings = []
    for c in candidates:
        t = c.trigger
        if t.cameo != _SIGNING_CAMEO or not c.usable or t.future or not set(c.parties) <= states:
            continue
        when = event_time(a, [c.sentence], anchor=t.start)
        if when is not None and when.value and meeting.date and not _same_day(when.value, meeting.date):
            continue
        signings.append(c)
    if not signings:
        return [], []
    event = build_event(a, signings[0], meeting.countries, signings[:2], with_document_context=False)
    event.type = event_type_of(_SIGNING_CAMEO, signings[0].trigger.type)
    event.mode, event.cameo = None, _SIGNING_CAMEO
    if event.date is None and meeting.date is not None:
        event.date, event.date_precision = meeting.date, meeting.date_precision
        event.date_evidence = list(meeting.date_evidence)
        event.sources[0].date = meeting.date
    if event.date is None and event.weekday is None and meeting.weekday is not None:
        event.weekday, event.weekday_evidence = meeting.weekday, list(meeting.weekday_evidence)
    if event.ordinal is None:
        event.ordinal = meeting.ordinal
    if event.protocol is None and meeting.protocol is not None:  # signed during that visit
        event.protocol, event.protocol_evidence = meeting.protocol, list(meeting.protocol_evidence)
    if event.location is None:
        event.location = meeting.location
    named = {x.name for x in event.actors}
    event.actors += [x for x in meeting.actors if x.name not in named]
    return [event], signings


def _same_day(a: str, b: str) -> bool:
    """Do two partial dates agree where both are known ("--11-22" and "2022-11-22" do)?"""
    pa, pb = dates.parse(a), dates.parse(b)
    if (pa.year is None) != (pb.year is None):  # a yearless day agrees only with that day
        return (pa.month, pa.day) == (pb.month, pb.day)
    return all(x is None or y is None or x == y for x, y in zip(pa, pb))


# ---------------------------------------------------------------- secondary events

def secondary_events(a: Analysis, candidates: list[Candidate], main: Candidate | None,
                     events: list[Event]) -> list[Event]:
    """Events the text marks as different from the main one."""
    out: list[Event] = []
    seen = {(e.type, tuple(e.countries)) for e in events}
    for c in candidates:
        if c is main or not c.usable or len(c.parties) < 2:
            continue
        t = c.trigger
        if t.future:
            kind = ("AGREE", None, _INTENT_TO_MEET)  # an announced meeting: intent to meet
        elif t.cameo == _SIGNING_CAMEO:
            kind = (event_type_of(t.cameo, t.type), None, t.cameo)  # a formal agreement signed
        elif t.type in _RHETORIC:
            continue
        else:
            kind = (t.type, t.mode, t.cameo)
        key = (kind[0], tuple(c.parties))
        if key in seen:
            continue
        seen.add(key)
        event = build_event(a, c, c.parties, [c], with_document_context=False)
        event.type, event.mode, event.cameo = kind
        event.future = t.future
        _set_direction(a, event, [c])
        out.append(event)
    return out


# ---------------------------------------------------------------- building one event

def build_event(a: Analysis, main: Candidate, parties: list[str], mentions: list[Candidate],
                *, with_document_context: bool, background: list[Sentence] = ()) -> Event:
    doc = a.document
    sentences = [m.sentence for m in mentions]
    t = main.trigger
    event = Event(type=event_type_of(t.cameo, t.type), mode=t.mode, cameo=t.cameo,
                  countries=sorted(set(parties)))

    when = event_time(a, sentences, anchor=t.start)
    if when is None and with_document_context:
        when = event_time(a, lead_sentences(a))
    if when is not None:
        event.date = fix_open_year(when.value, a) if when.value else None
        event.date_precision = precision_of(event.date)
        event.date_evidence = [span_evidence(a, when.start, when.end)]
    else:
        named = event_weekday(a, sentences) or (event_weekday(a, lead_sentences(a)) if with_document_context else None)
        if named is not None:
            event.weekday = named.weekday
            event.weekday_evidence = [span_evidence(a, named.start, named.end)]
    said = event_ordinal(a, sentences + (lead_sentences(a) if with_document_context else []),
                         anywhere_deictic=with_document_context)
    if said is not None:
        event.ordinal = Ordinal(said.number, said.kind, said.scope, [span_evidence(a, said.start, said.end)])
    if t.mode != "phone":  # a call is no visit: a visit's rank in its text is another occasion's
        rank = event_protocol(a, sentences + (lead_sentences(a) if with_document_context else []))
        if rank is not None:
            event.protocol, event.protocol_evidence = rank.rank, [span_evidence(a, rank.start, rank.end)]

    place = None if t.mode == "phone" else event_place(a, mentions, with_dateline=with_document_context,
                                                        main=main)
    if place is not None:  # (a call has two ends: no place)
        lat, lon = coordinates(place.geonameid)
        event.location = Location(name=place.name, country=place.country, geonameid=place.geonameid,
                                  evidence=[span_evidence(a, place.start, place.end)], lat=lat, lon=lon)
    event.mode, event.cameo = decide_mode(event, main, a)
    event.organizations = sorted({o.code for o in a.organizations
                                  if any(s.start <= o.start < s.end for s in sentences)})

    people = (present_people(a, main, background) if with_document_context
              else [p for m in mentions for p in m.people])
    event.actors = actors_of(a, people, event.countries, sentences)
    if with_document_context:
        event.figures = figures_of(a, event.countries)
    event.quotes = quotes_of(a, {x.name for x in event.actors})
    evidence = [sentence_evidence(a, s) for s in sentences[:2]]
    event.sources = [Source(doc_id=doc.doc_id, language=doc.language, published=doc.published,
                            title=doc.title, evidence=evidence, url=doc.url, source_path=doc.source,
                            date=event.date)]
    title = (doc.title or "").strip()
    body = [s.text for s in lead_sentences(a) if not _repeats(s.text.strip(), title)]
    event.lead = " ".join([title] + body[:3]).strip()
    _set_direction(a, event, [main] + [m for m in mentions if m is not main])
    return event


def _set_direction(a: Analysis, event: Event, mentions: list[Candidate]) -> None:
    """Initiator and recipient (extract/direction.py), once type, mode and place are final;
    ``mentions`` start with the event's main sentence."""
    d = event_direction(a, event, [(m.sentence, m.sides) for m in mentions])
    event.initiator, event.recipient, event.direction_evidence = d.initiator, d.recipient, d.evidence


_MIN_LEAD_WORDS = 5  # shorter pieces ("YEREVAN, April 13.", "/TASS/.") are datelines, not the lead


def lead_sentences(a: Analysis) -> list[Sentence]:
    """The title and the first sentences of the body, not counting dateline fragments."""
    out: list[Sentence] = []
    counted = 0
    for s in a.sentences:
        out.append(s)
        counted += len(s.text.split()) >= _MIN_LEAD_WORDS
        if counted >= LEAD_SENTENCES:
            break
    return out


def _repeats(text: str, title: str) -> bool:
    """Is a body line the title again (many pages print it above the text, with or without
    a breadcrumb glued to it)?"""
    return bool(title) and title in text and len(text) < 2 * len(title)


def lead_end_of(a: Analysis) -> int:
    lead = lead_sentences(a)
    return lead[-1].end if lead else 0


def event_place(a: Analysis, mentions: list[Candidate], *, with_dateline: bool,
                main: Candidate | None = None) -> PlaceMention | None:
    """A place the event's sentences put it in ("in Yerevan", "in the Turkmen capital
    Ashgabat"): the main sentence first, then the other mentions, then the lead; else the
    dateline's place. A place in a clause after a sentence's trigger ("... came weeks after
    Turkey hosted a summit in Istanbul") is background, not the event's."""
    text = a.document.text
    lang = a.document.language or "en"
    trigger_end = {id(m.sentence): m.trigger.end for m in mentions}
    if main is not None:
        trigger_end[id(main.sentence)] = main.trigger.end
    first = [main.sentence] if main is not None else []
    lead = lead_sentences(a) if with_dateline else []
    ordered = list(dict.fromkeys(first + [m.sentence for m in mentions] + lead))
    for sentence in ordered:
        here = [p for p in a.places if sentence.start <= p.start < sentence.end]
        end = trigger_end.get(id(sentence))
        if end is not None:
            here = [p for p in here if p.start < end
                    or not in_later_clause(sentence.text, end - sentence.start, p.start - sentence.start, lang)
                    or names_venue(sentence.text, end - sentence.start, p.start - sentence.start, lang)]
        located = [p for p in here if _LOCATIVE.search(text[max(sentence.start, p.start - 12):p.start])
                   or locative_before(text[max(sentence.start, p.start - 60):p.start], lang)
                   or locative_suffix(text[p.start:p.end + 4], lang)]
        if located:
            return located[0]
    return find_dateline_place(a) if with_dateline else None


def decide_mode(event: Event, main: Candidate, a: Analysis) -> tuple[str | None, str | None]:
    """CONSULT modes: phone from the trigger; multilateral for three or more states; otherwise
    a visit when the place is in one of the states, a third-party meeting when it is elsewhere."""
    t = main.trigger
    if event.type != "CONSULT":
        return event.mode, event.cameo
    if t.mode == "phone":
        return "phone", _MODE_CAMEO["phone"]
    if len(event.countries) >= 3:
        return "multilateral", t.cameo or "040"
    if event.location is not None and event.location.country:
        mode = "visit" if event.location.country in event.countries else "third-party"
        return mode, _MODE_CAMEO[mode]
    return t.mode, t.cameo


def present_people(a: Analysis, main: Candidate, background: list[Sentence]) -> list[PersonMention]:
    """The document's people, less those named only in sentences about another time
    (``background``: an earlier interaction recalled, "Previously, Pashinyan said after talks
    with Aliyev", or one announced for later, "Lukashenko will pay a state visit"), unless the
    event is that one."""
    away = [s for s in background if s is not main.sentence]
    if not away:
        return list(a.people)
    return [p for p in a.people if not any(s.start <= p.start < s.end for s in away)]


def background_sentences(candidates: list[Candidate], main: Candidate) -> list[Sentence]:
    """Sentences of candidates about another time than the main event: recalled, or announced
    when the main event is not."""
    return list(dict.fromkeys(c.sentence for c in candidates
                              if c.recalled or (c.trigger.future and not main.trigger.future)))


def actors_of(a: Analysis, people: list[PersonMention], countries: list[str],
              sentences: list[Sentence]) -> list[Actor]:
    """People of the event's states (and unplaced people in its own sentences), one per name."""
    by_name: dict[str, Actor] = {}
    in_event = lambda p: any(s.start <= p.start < s.end for s in sentences)  # noqa: E731
    for p in people:
        if not p.name or not (p.country in countries or (p.country is None and in_event(p))):
            continue
        actor = by_name.get(p.name)
        if actor is None:
            actor = by_name[p.name] = Actor(name=p.name, country=p.country, role=p.role)
        actor.role = actor.role or p.role
        actor.country = actor.country or p.country
        if len(actor.evidence) < 3:
            ev = span_evidence(a, p.start, p.end)
            if all(e.start != ev.start for e in actor.evidence):
                actor.evidence.append(ev)
    return sorted(by_name.values(), key=lambda x: (x.country or "", x.name))


def figures_of(a: Analysis, countries: list[str]) -> list[Figure]:
    """The document's figures about the relationship, each with its sentence."""
    out: list[Figure] = []
    seen = set()
    for f in a.figures:
        fig = Figure(kind=f.kind, flow=f.flow, value=f.value, unit=f.unit, period=f.period,
                     countries=sorted(f.countries or countries), qualifier=f.qualifier,
                     flags=list(f.flags), evidence=[span_evidence(a, f.start, f.end)])
        if fig.key() not in seen:
            seen.add(fig.key())
            out.append(fig)
    return out


def quotes_of(a: Analysis, actor_names: set[str]) -> list[Quote]:
    doc = a.document
    return [Quote(speaker=q.speaker, text=q.text, doc_id=doc.doc_id, evidence=[span_evidence(a, q.start, q.end)])
            for q in a.quotes if q.speaker and q.speaker in actor_names]
