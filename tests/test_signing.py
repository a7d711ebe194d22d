"""Documents signed at a meeting are an AGREE event of their own (CONTRACT.md), with the
meeting's states, date and place; a signing with its own, other date is background."""
from __future__ import annotations

import pytest

from bilateral.clean import clean_document
from bilateral.extract.events import extract_events
from bilateral.models import RawDocument
from bilateral.pipeline import analyse


def events(text: str, lang: str):
    doc = clean_document(RawDocument(doc_id="t", source="t", text=text, language=lang))
    return extract_events(analyse(doc))


@pytest.mark.parametrize("lang, text", [
    ("en", "Presidents meet in Tashkent\n\nTASHKENT, 12 May 2023. Uzbek President Shavkat Mirziyoyev "
           "held talks with Kazakh President Kassym-Jomart Tokayev in Tashkent on Friday.\n\n"
           "Following the talks, the sides signed seven documents on trade and energy."),
    ("de", "Präsidenten treffen sich in Taschkent\n\nTASCHKENT, 12. Mai 2023. Der usbekische Präsident "
           "Schawkat Mirsijojew hat den kasachischen Präsidenten Kassym-Schomart Tokajew in Taschkent "
           "empfangen.\n\nNach den Gesprächen wurden sieben Abkommen unterzeichnet."),
    ("ru", "Президенты встретились в Ташкенте\n\nТАШКЕНТ, 12 мая 2023 года. Президент Узбекистана Шавкат "
           "Мирзиёев провел переговоры с президентом Казахстана Касым-Жомартом Токаевым в Ташкенте.\n\n"
           "По итогам переговоров подписаны семь документов."),
    ("en", "Leaders meet in Tashkent\n\nTASHKENT, 12 May 2023. Uzbek President Shavkat Mirziyoyev held "
           "talks with Kazakh President Kassym-Jomart Tokayev in Tashkent.\n\n"
           "The meeting resulted in the adoption of a joint declaration."),
    # the signing is outranked in its sentence by an agreement of intent
    ("en", "Leaders meet in Tashkent\n\nTASHKENT, 12 May 2023. Uzbek President Shavkat Mirziyoyev held "
           "talks with Kazakh President Kassym-Jomart Tokayev in Tashkent.\n\n"
           "The two countries agreed to expand their cooperation in energy, Mirziyoyev said, noting that "
           "he and Tokayev had signed a joint declaration of twelve articles."),
])
def test_a_signing_at_the_meeting_is_an_agree_event_of_the_meetings_states(lang: str, text: str) -> None:
    found = events(text, lang)
    meeting = [e for e in found if e.type == "CONSULT"]
    agree = [e for e in found if e.type == "AGREE"]
    assert meeting and len(agree) == 1
    assert agree[0].countries == meeting[0].countries == ["KZ", "UZ"]
    assert agree[0].date == meeting[0].date
    assert agree[0].location is not None and agree[0].location.name == "Tashkent"
    assert agree[0].cameo == "057"


def test_a_signing_recalled_with_its_own_date_is_not_dated_like_the_meeting() -> None:
    text = ("Presidents meet in Tashkent\n\nTASHKENT, 12 May 2023. Uzbek President Shavkat Mirziyoyev "
            "held talks with Kazakh President Kassym-Jomart Tokayev in Tashkent on 12 May.\n\n"
            "Uzbekistan and Kazakhstan signed a treaty on their border on 3 September 2022.")
    agree = [e for e in events(text, "en") if e.type == "AGREE"]
    assert all(e.date != "2023-05-12" for e in agree)


def test_a_phone_call_has_no_signing_event() -> None:
    text = ("Presidents talk by phone\n\nUzbek President Shavkat Mirziyoyev held a telephone "
            "conversation with Kazakh President Kassym-Jomart Tokayev on 12 May 2023. They discussed "
            "the agreements signed earlier.")
    assert not [e for e in events(text, "en") if e.type == "AGREE" and e.cameo == "057"
                and e.date == "2023-05-12"]


@pytest.mark.parametrize("lang, text, countries", [
    # a passive's agents after "by", listed with their leaders' names and split by semicolons
    ("pt", "A declaração foi assinada, para além de Scholz, pelos presidentes do Cazaquistão, "
           "Kassym-Jomart Tokayev; do Quirguistão, Sadyr Japarov; e do Uzbequistão, Shavkat Mirziyoyev.",
     ["DE", "KG", "KZ", "UZ"]),
    ("pt", "O acordo foi assinado pelos presidentes do Cazaquistão e do Uzbequistão.", ["KZ", "UZ"]),
    ("en", "The declaration was signed by the presidents of Kazakhstan, Kassym-Jomart Tokayev; of "
           "Kyrgyzstan, Sadyr Japarov; and of Uzbekistan, Shavkat Mirziyoyev.", ["KG", "KZ", "UZ"]),
])
def test_a_signing_in_the_passive_has_every_listed_state(lang: str, text: str, countries: list[str]) -> None:
    agree = [e for e in events(text, lang) if e.type == "AGREE"]
    assert agree and agree[0].countries == countries
