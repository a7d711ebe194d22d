"""Sentence-level participants: parties vs venue vs topic, source vs target, in de, en, ru.

Analyses are built by hand (the resolvers are tested on their own), so these tests pin the
participant rules only.
"""
from __future__ import annotations

from bilateral.extract.participants import Participants, sentence_participants
from bilateral.models import (Analysis, CountryMention, Document, PersonMention, PlaceMention,
                              Sentence)


def _at(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return start, start + len(surface)


def run(text: str, lang: str, countries=(), people=(), places=()) -> Participants:
    """countries: (surface, code, kind); people: (surface, country); places: (surface, country)."""
    doc = Document(doc_id="t", source="t", original=text, text=text, language=lang)
    a = Analysis(document=doc, sentences=[Sentence(0, 0, len(text), text)])
    for surface, code, kind in countries:
        s, e = _at(text, surface)
        a.countries.append(CountryMention(s, e, surface, code=code, kind=kind))
    for surface, country in people:
        s, e = _at(text, surface)
        a.people.append(PersonMention(s, e, surface, name=surface, country=country))
    for surface, country in places:
        s, e = _at(text, surface)
        a.places.append(PlaceMention(s, e, surface, name=surface, country=country))
    return sentence_participants(a.sentences[0], a)


def test_meeting_actors_are_both_sides_and_venue_is_not_a_party() -> None:
    text = ("Belarus President Aleksandr Lukashenko met with Kazakhstan President "
            "Kassym-Jomart Tokayev in Yerevan on 1 October.")
    p = run(text, "en",
            countries=[("Belarus", "BY", "name"), ("Kazakhstan", "KZ", "name"),
                       ("Yerevan", "AM", "capital")],
            people=[("Aleksandr Lukashenko", "BY"), ("Kassym-Jomart Tokayev", "KZ")])
    assert p.countries == ["BY", "KZ"]
    assert sorted(p.source) == sorted(p.target) == ["BY", "KZ"]  # symmetric (SRC/TAR)
    assert p.venue_countries == ["AM"]
    assert len(p.people) == 2


def test_host_of_a_visit_is_a_party() -> None:
    text = "The Belarusian head of state hopes that his upcoming visit to Kazakhstan will succeed."
    p = run(text, "en", countries=[("Belarusian", "BY", "adjective"), ("Kazakhstan", "KZ", "name")])
    assert p.countries == ["BY", "KZ"]
    assert p.source == ["BY"] and p.target == ["KZ"]
    assert p.trigger is not None and p.trigger.future


def test_host_city_of_a_visit_is_a_party_de() -> None:
    text = "Lukaschenko traf am Freitag zu einem Besuch in Nur-Sultan ein."
    p = run(text, "de", people=[("Lukaschenko", "BY")], countries=[("Nur-Sultan", "KZ", "capital")])
    assert p.countries == ["BY", "KZ"] and p.venue_countries == []


def test_venue_that_is_also_a_party_stays_a_party() -> None:
    text = ("Am 29. März fand in Almaty ein informelles Treffen zwischen dem Präsidenten "
            "Shavkat Mirziyoyev und dem Präsidenten Kassym-Jomart Tokayev statt.")
    p = run(text, "de", places=[("Almaty", "KZ")],
            people=[("Shavkat Mirziyoyev", "UZ"), ("Kassym-Jomart Tokayev", "KZ")])
    assert p.countries == ["KZ", "UZ"]
    assert p.venue_countries == []  # KZ is the place *and* a party


def test_third_country_venue_de() -> None:
    text = ("Der stellvertretende Außenminister Kasachstans und der belgische Generaldirektor "
            "nahmen in Genf an politischen Konsultationen teil.")
    p = run(text, "de", countries=[("Kasachstans", "KZ", "name"), ("belgische", "BE", "adjective")],
            places=[("Genf", "CH")])
    assert p.countries == ["BE", "KZ"] and p.venue_countries == ["CH"]


def test_capitals_as_metonyms_de() -> None:
    text = "Er betonte, dass Minsk und Nur-Sultan positive Kontakte pflegen und Gespräche führen."
    p = run(text, "de", countries=[("Minsk", "BY", "capital"), ("Nur-Sultan", "KZ", "capital")])
    assert p.countries == ["BY", "KZ"]


def test_compound_adjective_gives_both_parties_de() -> None:
    text = "Die Delegationen erörterten die Vertiefung der usbekisch-kasachischen Beziehungen."
    p = run(text, "de", countries=[("usbekisch", "UZ", "compound"), ("kasachischen", "KZ", "compound")])
    assert p.countries == ["KZ", "UZ"]
    assert sorted(p.source) == sorted(p.target) == ["KZ", "UZ"]


def test_agent_and_object_en() -> None:
    text = "Belarus aims to strengthen relations with Kazakhstan, Lukashenko said as he met Tokayev."
    p = run(text, "en", countries=[("Belarus", "BY", "name"), ("Kazakhstan", "KZ", "name")],
            people=[("Lukashenko", "BY"), ("Tokayev", "KZ")])
    assert p.countries == ["BY", "KZ"]


def test_directed_event_source_and_target() -> None:
    text = "Switzerland expelled two Russian diplomats based in Geneva for spying."
    p = run(text, "en", countries=[("Switzerland", "CH", "name"), ("Russian", "RU", "adjective")],
            places=[("Geneva", "CH")])
    assert p.source == ["CH"] and p.target == ["RU"]


def test_passive_by_is_the_source() -> None:
    text = "A refugee camp for Congolese families was attacked by Burundian militiamen."
    p = run(text, "en", countries=[("Congolese", "CD", "adjective"), ("Burundian", "BI", "adjective")])
    assert p.source == ["BI"] and p.target == ["CD"]


def test_topic_country_is_not_a_party() -> None:
    text = "Putin and Lukashenko talked about Ukraine during talks in Sochi."
    p = run(text, "en", countries=[("Ukraine", "UA", "name")], places=[("Sochi", "RU")],
            people=[("Putin", "RU"), ("Lukashenko", "BY")])
    assert p.countries == ["BY", "RU"]


def test_report_clause_country_is_not_a_party() -> None:
    text = "Jordan and Britain agreed to hold joint exercises, a Jordanian official said."
    p = run(text, "en", countries=[("Jordan", "JO", "name"), ("Britain", "GB", "name"),
                                   ("Jordanian", "JO", "adjective")])
    assert p.countries == ["GB", "JO"]
    text = "Warsaw expelled the ambassador, the Itar-Tass agency of Russia reported."
    p = run(text, "en", countries=[("Warsaw", "PL", "capital"), ("Russia", "RU", "name")])
    assert p.countries == ["PL"]


def test_object_modifiers_beyond_the_first_object_are_dropped() -> None:
    text = "Pakistan threatened to break off relations with Congo and Costa Rica over their ties with Israel."
    p = run(text, "en", countries=[("Pakistan", "PK", "name"), ("Congo", "CG", "name"),
                                   ("Costa Rica", "CR", "name"), ("Israel", "IL", "name")])
    assert p.source == ["PK"] and sorted(p.target) == ["CG", "CR"]


def test_place_qualifying_the_subject_is_the_source() -> None:
    text = "Opposition groups in Zimbabwe rejected the plan of the government."
    p = run(text, "en", countries=[("Zimbabwe", "ZW", "name")])
    assert p.source == ["ZW"]


def test_ethnic_group_is_coded_by_where_it_lives() -> None:
    text = "Ethnic Albanians in southern Serbia demanded autonomy."
    p = run(text, "en", countries=[("Albanians", "AL", "demonym"), ("Serbia", "RS", "name")])
    assert p.countries == ["RS"]


def test_ru_meeting_and_venue() -> None:
    text = "Лукашенко и Токаев провели переговоры в Ереване."
    p = run(text, "ru", people=[("Лукашенко", "BY"), ("Токаев", "KZ")],
            countries=[("Ереване", "AM", "capital")])
    assert p.countries == ["BY", "KZ"] and p.venue_countries == ["AM"]


def test_ru_visit_host() -> None:
    text = "Президент Белоруссии посетит Казахстан в ноябре."
    p = run(text, "ru", countries=[("Белоруссии", "BY", "name"), ("Казахстан", "KZ", "name")])
    assert p.countries == ["BY", "KZ"] and p.target == ["KZ"]


def test_no_countries_no_parties() -> None:
    p = run("The ministers held talks on Friday.", "en")
    assert p.countries == [] and p.venue_countries == []
