"""Languages in one place (bilateral/lang): each language's traits come from data/languages.yaml,
and the generic code asks them instead of testing language codes."""
from __future__ import annotations

import pytest

import bilateral.lang as lang_module
from bilateral.analyse.sentences import split_sentences
from bilateral.extract.triggers import ranked_triggers
from bilateral.lang import Language, language
from bilateral.languages import vocabulary_languages


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
