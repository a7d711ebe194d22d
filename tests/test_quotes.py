"""Quotes and speakers: after / before the quote, pronouns, role phrases, scare quotes,
apostrophes, multi-paragraph quotes. Sentences are written for these tests."""
from __future__ import annotations

from bilateral.models import CountryMention, Document, Sentence
from bilateral.resolve.people import find_people
from bilateral.resolve.quotes import find_quotes, quote_spans


def run(text: str, lang: str, countries=(), published: str | None = "2019-10-25"):
    doc = Document("t", "t", text, text, language=lang, published=published)
    ps = find_people(doc, [Sentence(0, 0, len(text), text)], list(countries))
    return find_quotes(text, lang, ps)


def cm(text: str, surface: str, code: str, kind: str) -> CountryMention:
    s = text.index(surface)
    return CountryMention(s, s + len(surface), surface, code=code, kind=kind)


def test_german_speaker_after_quote_by_name():
    text = ("„Unsere Länder arbeiten seit Jahren eng und vertrauensvoll zusammen“, "
            "unterstrich Alexander Lukaschenko.")
    qs = run(text, "de")
    assert len(qs) == 1
    assert qs[0].speaker == "Alexander Lukashenko"
    assert qs[0].text == "Unsere Länder arbeiten seit Jahren eng und vertrauensvoll zusammen"
    assert qs[0].surface.startswith("„") and qs[0].surface.endswith("“")


def test_russian_guillemets_dash_and_indeclinable_name():
    text = "«Мы готовы расширять торговлю между нашими странами», – заявил Лукашенко."
    qs = run(text, "ru")
    assert [(q.speaker, q.text) for q in qs] == [
        ("Alexander Lukashenko", "Мы готовы расширять торговлю между нашими странами")]


def test_english_guillemets_comma_inside_and_said_name():
    text = "«We are close to a new level of trade between our states,» said Aleksandr Lukashenko."
    qs = run(text, "en")
    assert qs[0].speaker == "Alexander Lukashenko"
    assert qs[0].text == "We are close to a new level of trade between our states"


def test_english_speaker_is_a_role_phrase():
    text = ("Aleksandr Lukashenko met Kassym-Jomart Tokayev in Astana. "
            "“Our positions on the key issues mostly coincide,” the Belarusian President stressed.")
    qs = run(text, "en", [cm(text, "Belarusian", "BY", "adjective")])
    assert qs[0].speaker == "Alexander Lukashenko"


def test_german_bare_role_after_quote():
    text = ("Das erklärte der belarussische Präsident, Alexander Lukaschenko, in Astana. "
            "„Wir haben nahezu keine Problemfragen in der Politik“, hob der Präsident hervor.")
    qs = run(text, "de", [cm(text, "belarussische", "BY", "adjective")])
    assert qs[0].speaker == "Alexander Lukashenko"


def test_pronoun_speaker_is_subject_of_previous_sentence():
    text = ("Der stellvertretende Außenminister Georgiens, Lewan Dadiani, traf Jan Peeters. "
            "Dadiani sagte, die Zusammenarbeit mit Belgien sei wichtig. „Wir wollen die "
            "gemeinsamen Projekte weiter voranbringen“, sagte er.")
    qs = run(text, "de", [cm(text, "Georgiens", "GE", "name")])
    assert [q.speaker for q in qs] == ["Lewan Dadiani"]


def test_english_pronoun_after_quote():
    text = ("Aleksandr Lukashenko said that Belarus follows the work of Kassym-Jomart Tokayev "
            "closely. “It is valuable that we do not have to start anew,” he noted.")
    assert run(text, "en")[0].speaker == "Alexander Lukashenko"


def test_speaker_before_quote_with_colon():
    text = "Lukashenko said: «Agreements have been reached on all issues of the agenda.»"
    qs = run(text, "en")
    assert qs[0].speaker == "Alexander Lukashenko"
    text = "Лукашенко подчеркнул: «Мы договорились по всем вопросам двусторонней повестки»."
    assert run(text, "ru")[0].speaker == "Alexander Lukashenko"


def test_scare_quotes_are_not_quotes():
    text = ("Die Debatte über den „Brexit“ und das sogenannte „Abkommen“ ging weiter. "
            "В Лондоне обсуждали «брекзит».")
    assert run(text, "de") == []
    assert run("The so-called \"Brexit\" deal was debated.", "en") == []


def test_apostrophes_do_not_open_quotes():
    text = ("Kazakhstan’s president didn't attend the summit; the ministers' meeting "
            "went ahead in Astana's new hall without him.")
    assert quote_spans(text) == []


def test_multi_paragraph_quote_reopened_each_paragraph():
    text = ("“The first part of the statement is about trade and investment.\n\n"
            "“The second part is about security in the region,” said Tokayev.")
    qs = run(text, "en")
    assert len(qs) == 1
    assert qs[0].speaker == "Kassym-Jomart Tokayev"
    assert "first part" in qs[0].text and "second part" in qs[0].text


def test_nested_quote_stays_inside_outer():
    text = ("«Мы называем это „новой главой“ наших отношений и ждем результатов», – сказал "
            "Токаев.")
    qs = run(text, "ru")
    assert len(qs) == 1 and "„новой главой“" in qs[0].text
    assert qs[0].speaker == "Kassym-Jomart Tokayev"


def test_long_unattributed_quote_kept_without_speaker():
    text = "„Die Zusammenarbeit wird in allen Bereichen weiter ausgebaut werden.“ Das ist klar."
    qs = run(text, "de")
    assert len(qs) == 1 and qs[0].speaker is None
