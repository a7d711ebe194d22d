"""Cues that tell one occasion from another when a report gives no date: which occasion of a
series it is ("his second trip to China this year"), the weekday its text names ("am
Mittwoch" with no publication date to count from) and the visit's rank ("a working visit").
Texts written for these tests.
"""
from __future__ import annotations

import pytest

from bilateral import pipeline
from bilateral.analyse.ordinals import find_ordinals
from bilateral.analyse.protocol import find_protocols
from bilateral.analyse.sentences import split_sentences
from bilateral.link import link_events
from bilateral.link.evidence import compare
from bilateral.models import Actor, Event, Evidence, Location, Ordinal, RawDocument, Source
from bilateral.store.records import dump_event, load_event

BEIJING = 1816670


def ordinals(text: str, lang: str):
    return [(o.number, o.kind, o.scope, o.deictic, o.background)
            for o in find_ordinals(text, lang, split_sentences(text, lang))]


@pytest.mark.parametrize("lang,text,want", [
    ("en", "It was the president's second trip to Ankara this year.", [(2, "visit", "year", True, False)]),
    ("en", "The 14th meeting of the joint commission opened in Minsk.", [(14, "meeting", "all", False, False)]),
    ("en", "Delegates recalled last year's first summit in Baku.", [(1, "summit", "all", False, True)]),
    ("en", "On the first day of the visit the ministers toured a plant.", []),
    ("en", "For the first time, the two sides met in Riga.", [(1, "*", "all", False, False)]),
    ("de", "Es ist bereits der dritte offizielle Besuch des Ministers in diesem Jahr.", [(3, "visit", "year", True, False)]),
    ("de", "Die 7. Sitzung der Regierungskommission fand in Bonn statt.", [(7, "session", "all", False, False)]),
    ("ru", "Это уже третья встреча лидеров в нынешнем году.", [(3, "meeting", "year", True, False)]),
    ("ru", "В Казани прошло 12-е заседание межправительственной комиссии.", [(12, "session", "all", False, False)]),
    ("fr", "C'est la deuxième visite du ministre à Tachkent.", [(2, "visit", "all", True, False)]),
    ("pt", "Na segunda-feira, os ministros abriram a terceira cimeira bilateral.", [(3, "summit", "all", False, False)]),
    ("de", "Die Außenminister trafen sich erstmals in diesem Format.", [(1, "*", "all", False, False)]),
    ("ru", "Форум впервые прошёл в Алматы.", [(1, "*", "all", False, False)]),
])
def test_ordinal_phrases(lang, text, want):
    assert ordinals(text, lang) == want


def test_a_language_without_occasion_words_finds_none():
    assert ordinals("Second visit this year.", "xx") == []


def _extract(text: str, doc_id: str, lang: str = "en") -> list[Event]:
    result = pipeline.process(RawDocument(doc_id=doc_id, source="test", text=text, language=lang))
    return result.events


def test_the_event_takes_the_ordinal_of_a_sentence_about_itself_with_its_evidence():
    text = ("Karimov meets Tokayev in Astana\n\n"
            "Uzbek Foreign Minister Farid Karimov held talks with Kazakh President Kassym-Jomart Tokayev "
            "in Astana. The two discussed transit and water.\n\n"
            "The ministers also visited an exhibition of Uzbek crafts. This is the minister's second "
            "visit to Kazakhstan this year.")
    events = [e for e in _extract(text, "occ1") if e.type == "CONSULT"]
    assert events and events[0].ordinal is not None
    assert events[0].ordinal.key() == (2, "visit", "year")
    assert "second visit" in events[0].ordinal.evidence[0].text


def test_the_event_takes_the_weekday_it_cannot_date():
    text = ("Scholz empfängt Tokajew\n\n"
            "Bundeskanzler Olaf Scholz hat den kasachischen Präsidenten Kassym-Schomart Tokajew am "
            "Mittwoch in Berlin empfangen. Die beiden sprachen über Energie.")
    events = [e for e in _extract(text, "occ2", "de") if e.type == "CONSULT"]
    assert events and events[0].date is None
    assert events[0].weekday == 2
    assert "Mittwoch" in events[0].weekday_evidence[0].text


def report(doc: str, *, weekday: int | None = None, ordinal: Ordinal | None = None,
           date: str | None = None, protocol: str | None = None) -> Event:
    evidence = [Evidence(doc, "They met.", 0, 9)]
    return Event(type="CONSULT", mode="visit", date=date, countries=["BY", "CN"],
                 location=Location("Beijing", "CN", BEIJING, list(evidence)),
                 actors=[Actor("Alexander Lukashenko", "BY", "President", list(evidence)),
                         Actor("Xi Jinping", "CN", "President", list(evidence))],
                 sources=[Source(doc, "en", None, f"title {doc}", list(evidence))],
                 weekday=weekday, ordinal=ordinal, protocol=protocol)


def test_weekdays_more_than_a_day_apart_are_two_occasions():
    link = compare(report("a", weekday=0), report("b", weekday=2))
    assert link.veto and "Monday and Wednesday" in link.veto
    assert compare(report("a", weekday=0), report("b", weekday=1)).veto is None  # talks over two days


def test_a_weekday_is_checked_against_a_full_date():
    # 2023-03-01 was a Wednesday
    assert compare(report("a", date="2023-03-01"), report("b", weekday=0)).veto
    assert compare(report("a", date="2023-03-01"), report("b", weekday=2)).parts["date"] == 0.5


def test_two_numbers_of_one_series_are_two_occasions_and_one_number_ties_reports():
    first, second = Ordinal(1, "visit", "year"), Ordinal(2, "visit", "year")
    assert "occasion 1 and occasion 2" in compare(report("a", ordinal=first), report("b", ordinal=second)).veto
    same = compare(report("a", ordinal=second), report("b", ordinal=Ordinal(2, "visit", "year")))
    assert same.parts["ordinal"] == 1.0
    # another series (meetings, or counted overall) says nothing
    assert "ordinal" not in compare(report("a", ordinal=second), report("b", ordinal=Ordinal(1, "meeting", "year"))).parts
    assert compare(report("a", ordinal=second), report("b", ordinal=Ordinal(1, "visit", "all"))).veto is None


def test_for_the_first_time_is_the_first_of_any_series():
    first_time = Ordinal(1, "*", "all")
    assert compare(report("a", ordinal=first_time), report("b", ordinal=Ordinal(1, "summit", "all"))).parts["ordinal"] == 1.0
    assert compare(report("a", ordinal=first_time), report("b", ordinal=Ordinal(2, "summit", "all"))).veto
    assert compare(report("a", ordinal=first_time), report("b", ordinal=Ordinal(2, "visit", "year"))).veto is None


def test_a_report_saying_first_meeting_and_for_the_first_time_keeps_the_meeting():
    text = ("Ministers meet in Riga\n\n"
            "Latvian Foreign Minister Baiba Braže held talks with Kazakh Foreign Minister "
            "Murat Nurtleu in Riga. It was their first meeting; they met for the first time.")
    events = [e for e in _extract(text, "occ3") if e.type == "CONSULT"]
    assert events and events[0].ordinal is not None and events[0].ordinal.key() == (1, "meeting", "all")


def test_undated_visits_of_the_same_leaders_split_by_weekday_and_ordinal():
    """Four undated reports of two visits to Beijing: the cues put each with its own visit."""
    spring = [report("s1", weekday=2), report("s2", weekday=2, ordinal=Ordinal(1, "visit", "year"))]
    winter = [report("w1", weekday=0, ordinal=Ordinal(2, "visit", "year")), report("w2", weekday=0)]
    events = link_events(spring + winter)
    groups = sorted(sorted(s.doc_id for s in e.sources) for e in events)
    assert groups == [["s1", "s2"], ["w1", "w2"]]


def test_the_cues_survive_the_store_record():
    e = report("a", weekday=4, ordinal=Ordinal(3, "summit", "all", [Evidence("a", "the third summit", 5, 21)]))
    e.weekday_evidence = [Evidence("a", "on Friday", 30, 39)]
    back = load_event(dump_event(e))
    assert back.weekday == 4 and back.weekday_evidence == e.weekday_evidence
    assert back.ordinal == e.ordinal
    e.protocol, e.protocol_evidence = "working", [Evidence("a", "working visit", 40, 53)]
    back = load_event(dump_event(e))
    assert back.protocol == "working" and back.protocol_evidence == e.protocol_evidence


@pytest.mark.parametrize("lang,text,want", [
    ("en", "Lukashenko arrived in Beijing on a working visit.", ["working"]),
    ("en", "The emir's state visit to Ankara begins on Monday.", ["state"]),
    ("en", "He is in Paris on an official working visit.", ["working"]),
    ("de", "Der Präsident kam zu einem Arbeitsbesuch nach Berlin.", ["working"]),
    ("de", "Es ist der erste Staatsbesuch seit 2019.", ["state"]),
    ("ru", "Президент прибыл в Пекин с рабочим визитом.", ["working"]),
    ("ru", "Это государственный визит, он продлится три дня.", ["state"]),
    ("fr", "Le président effectue une visite officielle de travail à Paris.", ["working"]),
    ("fr", "Une visite d'État en Ouzbékistan.", ["state"]),
    ("en", "The ministers visited a factory.", []),
])
def test_visit_ranks(lang, text, want):
    assert [p.rank for p in find_protocols(text, lang, split_sentences(text, lang))] == want


def test_a_working_visit_is_not_the_state_visit_of_the_same_leaders():
    link = compare(report("a", protocol="working"), report("b", protocol="state"))
    assert link.veto and "working visit" in link.veto
    same = compare(report("a", protocol="working"), report("b", protocol="working"))
    assert same.veto is None and "protocol" not in same.parts  # most visits are working visits
    assert compare(report("a", protocol="state"), report("b")).veto is None  # one rank unknown
    reports = [report("s1", protocol="state"), report("w1", protocol="working"), report("w2", protocol="working")]
    groups = sorted(sorted(s.doc_id for s in e.sources) for e in link_events(reports))
    assert groups == [["s1"], ["w1", "w2"]]


def test_the_event_takes_the_rank_of_its_visit_with_its_evidence():
    text = ("Lukashenko in Beijing\n\n"
            "Belarusian President Alexander Lukashenko held talks with Chinese President Xi Jinping "
            "in Beijing. Lukashenko arrived in China on a working visit on Sunday evening.")
    events = [e for e in _extract(text, "occ4") if e.type == "CONSULT"]
    assert events and events[0].protocol == "working"
    assert "working visit" in events[0].protocol_evidence[0].text


def test_an_agreement_signed_during_a_visit_keeps_the_visits_rank():
    """Its own sentence names no rank; the visit it was signed at does."""
    text = ("Lukashenko in Beijing\n\n"
            "Belarusian President Alexander Lukashenko held talks with Chinese President Xi Jinping "
            "in Beijing on a working visit. After the talks the two presidents signed a joint "
            "statement on cooperation in industry.")
    by_type = {e.type: e for e in _extract(text, "occ5")}
    assert by_type["CONSULT"].protocol == "working"
    assert by_type["AGREE"].protocol == "working"
