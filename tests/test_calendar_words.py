"""Month and weekday names (bilateral.calendar_words, data/months.yaml) and what the three modules
that build patterns from them do with each kind. Test sentences are our own.

Hard cases named here: Russian prepositional "в мае"/"в июне" are names, not abbreviations (an old
length rule took 3-4 letter extras for abbreviations and dropped "в мае"); weekday abbreviations
("So", "Do", "Sun") exist for page furniture only, never for running text; a form must never
mean two different months in two languages, because publication dates merge every language.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from bilateral import calendar_words as cw
from bilateral.analyse.dates import find_times
from bilateral.analyse.figures import find_figures
from bilateral.analyse.sentences import split_sentences
from bilateral.analyse.time_lexicon import lexicon
from bilateral.clean.dates import find_dates, normalise_date, weekday_spans
from bilateral.kb import data_path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_calendar_words.py"


def _script():
    spec = importlib.util.spec_from_file_location("build_calendar_words", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def values(text: str, lang: str, published: str = "2020-06-15") -> list[tuple[str, str | None]]:
    return [(t.surface, t.value) for t in find_times(text, lang, published)]


# ---------------------------------------------------------------- the accessor and the data

def test_every_language_has_twelve_named_months_and_seven_weekdays() -> None:
    assert {"de", "en", "ru", "fr", "kk", "uz"} <= set(cw.languages())
    for lang in cw.languages():
        names = cw.month_names(lang)
        assert len(names) == 12 and all(names), lang
        assert len(cw.month_abbreviations(lang)) == 12
        assert len(cw.weekday_names(lang)) == 7 and all(cw.weekday_names(lang)), lang
        assert len(cw.weekday_abbreviations(lang)) == 7


def test_generated_and_hand_written_forms_are_merged_by_kind() -> None:
    assert cw.month_names("de")[0] == ("Januar", "Jänner")  # CLDR, then the hand-written Austrian form
    assert cw.month_abbreviations("de")[2] == ("Mär", "Mrz")
    assert cw.month_names("ru")[4] == ("мая", "май", "мае")  # genitive, nominative, prepositional
    assert "Sept" in cw.month_abbreviations("en")[8] and "Sept" not in cw.month_names("en")[8]
    assert cw.weekday_names("de")[5] == ("Samstag", "Sonnabend")  # index 0 = Monday
    assert cw.weekday_abbreviations("en")[3] == ("Thu", "Thur", "Thurs")
    assert cw.month_forms("en")[0] == ("January", "Jan")
    assert cw.weekday_forms("ru")[0] == ("понедельник", "пн")


def test_unknown_language_is_an_error_not_silence() -> None:
    with pytest.raises(KeyError):
        cw.month_names("xx")


def test_no_form_means_two_months_across_languages() -> None:
    seen: dict[str, tuple[str, int]] = {}
    for lang in cw.languages():
        for i, forms in enumerate(cw.month_forms(lang), 1):
            for f in forms:
                first = seen.setdefault(f.lower(), (lang, i))
                assert first[1] == i, f"{f!r}: month {first[1]} in {first[0]}, month {i} in {lang}"


def test_names_and_abbreviations_do_not_overlap() -> None:
    for lang in cw.languages():
        names = {f.lower() for forms in cw.month_names(lang) for f in forms}
        abbr = {f.lower() for forms in cw.month_abbreviations(lang) for f in forms}
        assert not names & abbr, lang


def test_the_old_month_sections_are_gone() -> None:
    import yaml

    for name in ("time_words.yaml", "figures.yaml"):
        data = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))
        assert "calendar" not in data and "months" not in data, name
        for conf in (data.get("languages") or {}).values():
            assert "months_extra" not in conf and "weekdays_extra" not in conf


# ---------------------------------------------------------------- the consumers

def test_russian_prepositional_months_are_names_in_the_time_finder() -> None:
    lex = lexicon("ru")
    assert {"мае", "июне", "июле", "октябре"}.isdisjoint(lex.month_abbr)
    assert values("Он приехал в мае.", "ru") == [("мае", "2020-05")]
    assert values("В июле стороны подписали соглашение.", "ru") == [("июле", "2019-07")]


def test_abbreviations_need_a_day_or_a_year() -> None:
    assert values("Talks resumed in Sept 2019.", "en") == [("Sept 2019", "2019-09")]
    assert values("They met in Sept.", "en") == []
    assert values("МОСКВА, 12 ноя — РИА Новости", "ru") == [("12 ноя", "2019-11-12")]


def test_weekday_abbreviations_stay_out_of_running_text() -> None:
    assert values("Das ist so gut, sagte er am Donnerstag.", "de") == [("Donnerstag", "2020-06-11")]
    assert "so" not in lexicon("de").weekdays and "sun" not in lexicon("en").weekdays
    # ... but page furniture knows them
    assert weekday_spans("Sa, 26.10.2019 | Sonnabend") == [(0, 2), (17, 26)]


def test_publication_dates_read_every_language_and_form() -> None:
    assert normalise_date("25 Jänner 2019") == "2019-01-25"
    assert normalise_date("5 Mär 2019") == "2019-03-05"
    assert normalise_date("25 października 2019") == "2019-10-25"
    assert normalise_date("2019 жылғы 25 қазан") == "2019-10-25"
    assert normalise_date("25 октябр 2019") == "2019-10-25"  # Uzbek in Cyrillic, hand-written
    hit = find_dates("МОСКВА, 12 ноя — РИА")[0]
    assert (hit.month, hit.day, hit.year) == (11, 12, None)


@pytest.mark.parametrize("text,lang,period", [
    ("В январе-августе 2024 года товарооборот между Россией и Казахстаном составил 1,2 млрд долларов.",
     "ru", "2024-01/2024-08"),
    ("Von Jänner bis März 2024 betrug der Handel zwischen beiden Ländern 1,2 Mrd. Euro.", "de", "2024-01/2024-03"),
    ("From January to August 2024 trade between the two countries reached $1.2 billion.", "en", "2024-01/2024-08"),
    # statistics abbreviate: "Jan to Aug 2024" is the same period
    ("From Jan to Aug 2024 trade between the two countries reached $1.2 billion.", "en", "2024-01/2024-08"),
])
def test_figure_periods_from_month_names(text: str, lang: str, period: str) -> None:
    figs = find_figures(text, lang, split_sentences(text, lang), [], [])
    assert [f.period for f in figs] == [period]


# ---------------------------------------------------------------- the generator script

def test_script_rewrites_only_the_generated_block() -> None:
    mod = _script()
    text = data_path("months.yaml").read_text(encoding="utf-8")
    data = {k: {lang: [list(f) for f in v] for lang, v in mod.yaml.safe_load(text)[k].items()}
            for k in ("months", "month_abbr", "weekdays")}
    assert mod.render(text, data) == text  # idempotent on the file as it is
    data["months"]["de"][0] = ["Januar", "Jenner"]
    new = mod.render(text, data)
    assert "[Januar, Jenner]" in new
    assert new.split(mod.END, 1)[1] == text.split(mod.END, 1)[1]  # the hand-written part, byte for byte
    with pytest.raises(SystemExit):
        mod.render("extra: {}\n", data)  # no markers: refuse rather than clobber hand-made data


def test_generated_block_is_what_babel_gives() -> None:
    pytest.importorskip("babel")
    assert _script().main(["--check"]) == 0, "months.yaml was edited by hand inside the generated block"
