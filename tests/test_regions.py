"""Groups of states named as one party: "the five Central Asian states", "C5+1", "Zentralasiens".

A summit of Germany and Central Asia has six parties; "Central Asian gas" names no state.
"""
from __future__ import annotations

import pytest

from bilateral.clean import clean_document
from bilateral.extract.events import extract_events
from bilateral.extract.participants import sentence_participants
from bilateral.models import RawDocument
from bilateral.pipeline import analyse
from bilateral.resolve.geo import find_countries

C5 = {"KZ", "KG", "TJ", "TM", "UZ"}


def codes(text: str, lang: str) -> set[str]:
    return {c.code for c in find_countries(text, lang)}


@pytest.mark.parametrize("lang, text", [
    ("en", "the leaders of the five Central Asian states"),
    ("en", "the heads of state of Central Asia"),
    ("de", "die Präsidenten der fünf zentralasiatischen Staaten"),
    ("de", "die Staatschefs Zentralasiens"),
    ("ru", "лидеры центральноазиатских государств"),
    ("ru", "саммит в формате С5+1"),
    ("fr", "les dirigeants d'Asie centrale"),
])
def test_a_group_of_states_stands_for_each_member(lang: str, text: str) -> None:
    assert codes(text, lang) == C5


@pytest.mark.parametrize("lang, text", [
    ("en", "Central Asian gas flows to the north."),
    ("de", "die zentralasiatische Steppe"),
    ("en", "Baltic Sea shipping"),
])
def test_a_group_adjective_on_anything_else_names_no_state(lang: str, text: str) -> None:
    assert codes(text, lang) == set()


def _participants(text: str, lang: str):
    doc = clean_document(RawDocument(doc_id="t", source="t", text=text, language=lang))
    a = analyse(doc)
    return sentence_participants(a.sentences[0], a)


def test_a_leader_meeting_a_group_gives_every_state_a_party() -> None:
    p = _participants("Chancellor Olaf Scholz met the leaders of the five Central Asian states "
                      "in Berlin on Friday.", "en")
    assert set(p.source) == C5 | {"DE"}


def test_a_summit_article_reports_one_event_of_six_states() -> None:
    text = ("Germany and Central Asia hold their first summit\n\n"
            "BERLIN, 29 September 2023. Chancellor Olaf Scholz received the presidents of the five "
            "Central Asian states in Berlin on Friday for the first Central Asia-Germany summit.\n\n"
            "The leaders discussed energy, trade and regional security.")
    doc = clean_document(RawDocument(doc_id="summit", source="summit", text=text, language="en"))
    events = extract_events(analyse(doc))
    main = events[0]
    assert set(main.countries) == C5 | {"DE"}
    assert (main.type, main.mode) == ("CONSULT", "multilateral")
