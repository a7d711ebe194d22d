"""Which event an article is about: the meeting or call of its lead, stated in full.

Praise and agreement words around a call are its rhetoric; a dateline split into fragments does
not push the lead out; a summit stated in part and in full has all of its states.
"""
from __future__ import annotations

import pytest

from bilateral.clean import clean_document
from bilateral.extract.events import extract_events
from bilateral.extract.triggers import main_trigger, recalls_earlier
from bilateral.models import RawDocument
from bilateral.pipeline import analyse


def events_of(text: str, lang: str):
    doc = clean_document(RawDocument(doc_id="t", source="t", text=text, language=lang))
    return extract_events(analyse(doc))


def main_event(text: str, lang: str):
    events = events_of(text, lang)
    assert events, "no event found"
    return events[0]


def test_a_call_with_birthday_greetings_is_a_phone_call() -> None:
    text = ("Президенты провели телефонный разговор\n\n"
            "12 мая состоялась телефонная беседа Президента Узбекистана Шавката Мирзиёева с "
            "Президентом Казахстана Касым-Жомартом Токаевым.\n\n"
            "Мирзиёев поздравил Токаева с днём рождения и пожелал ему здоровья.")
    e = main_event(text, "ru")
    assert (e.type, e.mode) == ("CONSULT", "phone")
    assert e.countries == ["KZ", "UZ"]


def test_a_headline_noun_does_not_outrank_the_calls_sentence_behind_a_dateline() -> None:
    text = ("Foreign ministers discuss a peace treaty\n"
            "ASTANA, May 12. /Agency/. Kazakh Foreign Minister Murat Nurtleu and Uzbek Foreign "
            "Minister Bakhtiyor Saidov discussed border questions during a phone call on Monday.")
    e = main_event(text, "en")
    assert (e.type, e.mode) == ("CONSULT", "phone")


def test_a_summit_stated_in_part_and_in_full_has_all_of_its_states() -> None:
    text = ("Leaders meet in Berlin\n\n"
            "The visit of the leaders of the five Central Asian states to Berlin was a special event, "
            "the chancellor said on Friday.\n\n"
            "Chancellor Olaf Scholz met the presidents of Kazakhstan, Kyrgyzstan, Tajikistan, "
            "Turkmenistan and Uzbekistan at the chancellery.")
    e = main_event(text, "en")
    assert e.countries == ["DE", "KG", "KZ", "TJ", "TM", "UZ"]


def test_a_recalled_earlier_meeting_neither_dates_nor_mentions_the_news() -> None:
    text = ("Presidents hold talks in Astana\n\n"
            "ASTANA, July 3. Russian President Vladimir Putin and Turkish President Recep Tayyip "
            "Erdogan held talks in Astana on July 3, 2024.\n\n"
            "Putin and Erdogan last met in Sochi in September 2023.")
    e = main_event(text, "en")
    assert e.date == "2024-07-03"
    assert not any("last met" in ev.text for ev in e.sources[0].evidence)  # no evidence of this one


@pytest.mark.parametrize("lang, text, countries, kind", [
    # a visit naming one state takes the place visited as host
    ("ru", "Переговоры прошли в Пекине\n\nПереговоры на высшем уровне прошли в Пекине, куда Президент "
           "Беларуси прибыл с рабочим визитом в воскресенье вечером, сообщили в пресс-службе.",
     ["BY", "CN"], ("CONSULT", "visit")),
    # EU bodies act as the EU; sanctions are SANCTION events
    ("en", "EU adopts new sanctions\n\nThe European Council approved a new package of sanctions against "
           "the Belarusian regime on Wednesday.", ["BY", "EU"], ("SANCTION", None)),
    # a protest note handed to an envoy is disapproval
    ("ru", "МИД вызвал поверенного\n\nМинистерство иностранных дел Литвы вызвало временного поверенного в "
           "делах Беларуси для вручения ноты протеста.\n\nБелорусскому дипломату был заявлен решительный "
           "протест.", ["BY", "LT"], ("DISAPPROVE", None)),
])
def test_parties_and_type_of_the_main_event(lang: str, text: str, countries: list[str], kind: tuple) -> None:
    e = main_event(text, lang)
    assert e.countries == countries
    assert e.type == kind[0]
    if kind[1] is not None:
        assert e.mode == kind[1]


def test_the_place_after_a_described_capital_is_the_events_place() -> None:
    text = ("Presidents meet\n\n"
            "Turkish President Recep Tayyip Erdogan held talks with his Turkmen counterpart on "
            "Saturday in the Turkmen capital Ashgabat.\n\n"
            "The visit came weeks after Turkey hosted a summit in Istanbul.")
    e = main_event(text, "en")
    assert e.location is not None and e.location.name == "Ashgabat"


def test_people_named_only_in_a_recalled_interaction_are_not_actors() -> None:
    text = ("Foreign ministers talk by phone\n\n"
            "Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister Jeyhun "
            "Bayramov held a phone call on Wednesday.\n\n"
            "Previously, Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev "
            "in Prague.")
    names = {x.name for x in main_event(text, "en").actors}
    assert "Nikol Pashinyan" not in names and "Ilham Aliyev" not in names
    assert {"Ararat Mirzoyan", "Jeyhun Bayramov"} <= names


def test_an_intention_named_as_a_noun_is_not_a_future_meeting() -> None:
    t = main_trigger("Об этом намерении стало известно в ходе встречи президентов Узбекистана и Турции.", "ru")
    assert t is not None and t.type == "CONSULT" and not t.future


def test_a_place_in_a_later_background_clause_is_not_the_events_place() -> None:
    text = ("Erdogan in Turkmenistan\n\n"
            "Turkey and Turkmenistan will raise trade, the Turkish president said in the Turkmen "
            "capital Ashgabat on Saturday.\n\n"
            "Turkish President Recep Tayyip Erdogan met Turkmen President Serdar Berdimuhamedov weeks "
            "after Turkey hosted a summit in Istanbul.")
    e = main_event(text, "en")
    assert e.location is None or e.location.name != "Istanbul"


def test_french_place_after_an_adjective_and_de() -> None:
    text = ("Macron en Ouzbékistan\n\n"
            "Hier, le président français Emmanuel Macron et le président ouzbek Shavkat Mirziyoyev se "
            "sont entretenus dans l'ancienne ville de Samarcande.")
    e = main_event(text, "fr")
    assert e.location is not None and e.location.name == "Samarkand"


def test_a_visit_to_a_capital_makes_its_state_the_host() -> None:
    text = ("Leaders in Berlin\n\n"
            "He called the visit of the heads of state of the five Central Asian states in Berlin a "
            "special event, the chancellor's office said on Friday.")
    e = main_event(text, "en")
    assert e.countries == ["DE", "KG", "KZ", "TJ", "TM", "UZ"]


def test_since_a_year_opens_background_not_the_meeting() -> None:
    assert recalls_earlier("Since 2015 the five have met the US in this format regularly.", "en")
    assert recalls_earlier("Since September 2022, China and Belarus have had a strategic partnership.", "en")
    assert recalls_earlier("Last time, Lukashenko visited China on February 28-March 2, 2023.", "en")
    assert recalls_earlier("Ещё с 2015 года с «пятёркой» регулярно встречаются представители США.", "ru")
    assert not recalls_earlier("The leaders reviewed cooperation since last year's meeting.", "en")


def test_a_multi_day_visit_is_dated_by_the_day_of_its_talks() -> None:
    text = ("Си Цзиньпин в Душанбе\n\n"
            "Председатель КНР Си Цзиньпин совершил 12-14 сентября 2014 года государственный визит в "
            "Таджикистан.\n\n"
            "В субботу, 13 сентября, Си Цзиньпин провел переговоры с Президентом Таджикистана Эмомали "
            "Рахмоном в Душанбе.")
    e = main_event(text, "ru")
    assert e.date == "2014-09-13"


def test_a_capital_after_a_host_verb_hosts_the_summit() -> None:
    text = ("Саммит в Берлине\n\n"
            "Саммит в формате «С5+1» в пятницу впервые принял Берлин, лидеры обсудили энергетику.")
    e = main_event(text, "ru")
    assert e.countries == ["DE", "KG", "KZ", "TJ", "TM", "UZ"]


@pytest.mark.parametrize("lang, text", [
    # a visit with nobody of a state: tourists
    ("en", "The 20 best places to visit in 2020\n\nWhether you want to relax on an island or ride "
           "Germany's coolest trains, here are the best places to visit in the United States and "
           "Germany this year."),
    # a national team travelling abroad
    ("en", "Wrestlers leave\n\nThe national wrestling team of Turkey went to Italy for the European "
           "championship, the federation said."),
    ("tr", "Güreşçiler yola çıktı\n\nKadın güreş milli takımı, Avrupa şampiyonasında mücadele etmek "
           "için İtalya'ya gitti."),
    # companies' joint venture
    ("en", "Battery plant opens\n\nThe joint venture between Volkswagen Group and the Swedish battery "
           "producer Northvolt will build a plant in Salzgitter, Germany."),
])
def test_private_acts_are_no_interstate_event(lang: str, text: str) -> None:
    assert events_of(text, lang) == []


@pytest.mark.parametrize("lang, text", [
    ("en", "Kazakh President Kassym-Jomart Tokayev held talks with Chinese President Xi Jinping on the "
           "sidelines of the SCO summit, which is being held in Samarkand."),
    ("de", "Der kasachische Präsident Tokajew traf den chinesischen Staatschef Xi Jinping am Rande des "
           "SCO-Gipfels, der derzeit in Samarkand stattfindet."),
    ("ru", "Президент Казахстана Касым-Жомарт Токаев и Председатель КНР Си Цзиньпин провели переговоры "
           "на полях саммита ШОС, который проходит в городе Самарканд."),
    ("fr", "Le président kazakh Tokaïev a rencontré le président chinois Xi Jinping en marge du sommet "
           "de l'OCS, qui se tient à Samarcande."),
])
def test_a_clause_saying_where_the_summit_is_held_gives_the_meetings_place(lang: str, text: str) -> None:
    e = main_event(text, lang)
    assert e.location is not None and e.location.name == "Samarkand"
    assert e.mode == "third-party"  # Samarkand is in neither party's state
    assert sorted(e.countries) == ["CN", "KZ"]


def test_a_later_clause_about_another_place_stays_background() -> None:
    e = main_event("Kazakh President Tokayev met Chinese President Xi Jinping, who visited Samarkand "
                   "last year.", "en")
    assert e.location is None


@pytest.mark.parametrize("lang, text", [
    ("en", "Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan will discuss the "
           "situation in Ukraine and Syria."),
    ("en", "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan to discuss the "
           "crisis in Libya, Sudan."),
])
def test_states_joined_to_a_topic_are_topics_too(lang: str, text: str) -> None:
    assert sorted(main_event(text, lang).countries) == ["RU", "TR"]
