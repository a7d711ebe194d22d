"""Sentence splitting: hard cases per language, exact offsets, and speed."""
from __future__ import annotations


import pytest

from bilateral.analyse.sentences import split_sentences


def _texts(text: str, lang: str) -> list[str]:
    sents = split_sentences(text, lang)
    for i, s in enumerate(sents):
        assert s.index == i
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
    return [s.text for s in sents]


@pytest.mark.parametrize("lang,text,expected", [
    ("de", "Am 25. Oktober trafen sich die Präsidenten. Am 1. März folgt das nächste Treffen.",
     ["Am 25. Oktober trafen sich die Präsidenten.", "Am 1. März folgt das nächste Treffen."]),
    ("de", "Dr. Müller sprach z.B. über Nr. 5 der Liste, u.a. mit St. Petersburg. Das Wachstum lag bei 1.7 Prozent.",
     ["Dr. Müller sprach z.B. über Nr. 5 der Liste, u.a. mit St. Petersburg.", "Das Wachstum lag bei 1.7 Prozent."]),
    ("de", "Zum 5. Mal fand das Forum statt. Es kamen 300 Gäste.",
     ["Zum 5. Mal fand das Forum statt.", "Es kamen 300 Gäste."]),
    ("de", "2018 waren es $900 Mio. „Wir nähern uns $1 Mrd.“, sagte er. Der Umsatz betrug 900 Mio. Euro.",
     ["2018 waren es $900 Mio.", "„Wir nähern uns $1 Mrd.“, sagte er.", "Der Umsatz betrug 900 Mio. Euro."]),
    ("de", "„Wir sind bereit.“ Danach reiste er ab.", ["„Wir sind bereit.“", "Danach reiste er ab."]),
    ("en", "Mr. Smith met U.S. officials in Washington. The talks, e.g. on trade, went well! Did they agree? Yes.",
     ["Mr. Smith met U.S. officials in Washington.", "The talks, e.g. on trade, went well!", "Did they agree?", "Yes."]),
    ("en", "“We are ready,” he said. “Trade reached $1.7 bn.” A. Lukashenko left on Oct. 25.",
     ["“We are ready,” he said.", "“Trade reached $1.7 bn.”", "A. Lukashenko left on Oct. 25."]),
    ("en", "See No. 5 on the list. It was signed in 2019. Then it lapsed.",
     ["See No. 5 on the list.", "It was signed in 2019.", "Then it lapsed."]),
    ("ru", "В 2019 г. товарооборот вырос на 5 млн. долларов, т.е. вдвое. «Мы готовы», — сказал он. Встреча прошла в г. Минске.",
     ["В 2019 г. товарооборот вырос на 5 млн. долларов, т.е. вдвое.", "«Мы готовы», — сказал он.", "Встреча прошла в г. Минске."]),
    ("ru", "Он сказал: «Мы готовы». Затем уехал. «Они правда приедут?» — спросил журналист.",
     ["Он сказал: «Мы готовы».", "Затем уехал.", "«Они правда приедут?» — спросил журналист."]),
    ("ru", "Объем составил 5 млн. Президент отметил рост.", ["Объем составил 5 млн.", "Президент отметил рост."]),
    ("fr", "M. Macron a rencontré Mme Merkel. « Nous sommes prêts », a-t-il déclaré. Le 1er octobre, ils signent.",
     ["M. Macron a rencontré Mme Merkel.", "« Nous sommes prêts », a-t-il déclaré.", "Le 1er octobre, ils signent."]),
])
def test_hard_cases(lang: str, text: str, expected: list[str]) -> None:
    assert _texts(text, lang) == expected


def test_lines_are_boundaries() -> None:
    text = "Ministers agree on a road map\n\nMINSK, 25 October (BelTA) - The talks began. They ended late.\nA new line"
    assert _texts(text, "en") == ["Ministers agree on a road map", "MINSK, 25 October (BelTA) - The talks began.",
                                  "They ended late.", "A new line"]


def test_empty_and_blank() -> None:
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\n ", "de") == []
