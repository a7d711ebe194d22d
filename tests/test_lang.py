"""Languages in one place (bilateral/lang): each language's traits come from data/languages.yaml,
and the generic code asks them instead of testing language codes."""
from __future__ import annotations

import pytest

import bilateral.lang as lang_module
from bilateral.analyse.numbers import spelled_value
from bilateral.analyse.sentences import split_sentences
from bilateral.clean.pubdate import published_from_metadata
from bilateral.extract.triggers import ranked_triggers
from bilateral.lang import Language, language
from bilateral.languages import vocabulary_languages
from bilateral.resolve.countries import find_countries
from bilateral.resolve.geo_inflect import MORPHOLOGIES, place_morphology


def test_every_vocabulary_language_has_its_traits() -> None:
    for code in vocabulary_languages():
        assert language(code).code == code
    assert language("en").ner == "spacy" and language("ru").ner == "natasha"
    assert language("de").ner is None and language("de").capitalised_nouns


def test_a_language_without_a_profile_gets_the_default() -> None:
    assert language("sw") == Language(code="sw")
    assert language(None).code == "en"


def test_an_unknown_trait_in_the_data_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang_module, "load_yaml",
                        lambda _: {"profiles": {"default": {}, "xx": {"nerr": "spacy"}}})
    language.cache_clear()
    try:
        with pytest.raises(ValueError, match="nerr"):
            language("xx")
    finally:
        language.cache_clear()


def test_modifier_participle_lowers_an_english_speech_act() -> None:
    # "demanding" modifies "criticised": lower than the same act as a main verb
    (_, low), = [(t, p) for t, p in ranked_triggers("Poland criticised Minsk, demanding the release.",
                                                    "en") if t.surface.startswith("demand")]
    (_, high), = [(t, p) for t, p in ranked_triggers("Poland is demanding the release.", "en")
                  if t.surface.startswith("demand")]
    assert low < high


def test_capitalised_nouns_keep_a_capital_after_an_abbreviation_in_the_sentence() -> None:
    # "usw." may end a sentence; before a capital it does so only where nouns are not capitalised
    text = "Sie sprachen über Handel, Energie usw. Vertreter beider Regierungen waren dabei."
    assert len(split_sentences(text, "de")) == 1
    assert len(split_sentences(text, "fr")) == 2


def test_dates_in_digits_read_month_first_only_where_the_language_says_so() -> None:
    assert language("en").month_first_dates and not language("de").month_first_dates
    assert published_from_metadata("5/3/2019", "en") == "2019-05-03"
    assert published_from_metadata("5/3/2019", "de") == "2019-03-05"
    assert published_from_metadata("5/3/2019", None) == "2019-03-05"  # unknown language: day first


def test_a_language_declines_state_names_by_its_place_morphology() -> None:
    # German declines names in its own texts (genitive -s); English leaves them as written
    assert [m.code for m in find_countries("Der Präsident Kasachstans kam.", "de")] == ["KZ"]
    assert [m.code for m in find_countries("The president of Kasachstans came.", "en")] == []
    assert "Kasachstans" in place_morphology("de").name("Kasachstan")
    assert place_morphology("kk") is place_morphology("*") is MORPHOLOGIES["english"]


def test_a_new_language_takes_a_morphology_from_its_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a language is data: a profile naming a morphology is all the generic code needs."""
    real = lang_module.load_yaml
    monkeypatch.setattr(lang_module, "load_yaml", lambda name: {
        **real(name), "profiles": {**real(name)["profiles"], "xx": {"place_morphology": "german",
                                                                     "month_first_dates": True}}})
    language.cache_clear()
    try:
        assert "Kasachstans" in place_morphology("xx").name("Kasachstan")
        assert published_from_metadata("5/3/2019", "xx") == "2019-05-03"
    finally:
        language.cache_clear()


def test_spelled_numbers_are_read_as_the_knowledge_file_says() -> None:
    assert spelled_value("двадцать пять", "ru") == 25.0  # a summed table of number words
    assert spelled_value("twenty five", "en") == 25.0  # the text_to_num library
    assert spelled_value("yirmi", "tr") is None  # not listed: none
