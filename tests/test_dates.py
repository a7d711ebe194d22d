"""Temporal expressions: finding spans and normalising them (bilateral.analyse.dates).

Sentences are written for these tests. Publication date 2019-10-25 is a Friday.
"""
from __future__ import annotations

import importlib.util
import sys

import pytest

from bilateral.analyse.dates import find_times, find_timexes, parse_period
from conftest import REPO, shared_path

PUB = "2019-10-25"  # a Friday


def values(text: str, lang: str, published: str | None = PUB) -> list[str | None]:
    return [m.value for m in find_times(text, lang, published)]


def one(text: str, lang: str, published: str | None = PUB):
    found = find_times(text, lang, published)
    assert len(found) == 1, [(m.surface, m.value) for m in found]
    return found[0]


# ---------------------------------------------------------------- absolute dates

@pytest.mark.parametrize("text,lang,value", [
    ("Das Treffen fand am 25. Oktober 2019 statt.", "de", "2019-10-25"),
    ("Das Treffen fand am 25 Oktober 2019 statt.", "de", "2019-10-25"),
    ("Vertrag vom 25.10.2019 unterzeichnet.", "de", "2019-10-25"),
    ("The summit opened on October 25, 2019 in Astana.", "en", "2019-10-25"),
    ("The summit opened on 25th of October 2019.", "en", "2019-10-25"),
    ("Released 2019-10-25 by the ministry.", "en", "2019-10-25"),
    ("Встреча прошла 25 октября 2019 года в Астане.", "ru", "2019-10-25"),
    ("La rencontre a eu lieu le 1er octobre 2019 à Paris.", "fr", "2019-10-01"),
    ("Im Oktober 2019 reiste er nach Minsk.", "de", "2019-10"),
    ("В октябре 2019 года он посетил Минск.", "ru", "2019-10"),
    ("Erdogan sought an apology for the raid in May 2010.", "en", "2010-05"),
])
def test_absolute_dates(text: str, lang: str, value: str) -> None:
    m = one(text, lang)
    assert m.value == value and m.year_explicit and not m.relative


def test_am_18_oktober_is_a_date_not_am() -> None:
    """dateparser reads "am" as a.m.; the span is the date, without the preposition."""
    m = one("Am 18. Oktober trafen sich die Außenminister in Minsk.", "de")
    assert (m.surface, m.value, m.year_explicit, m.relative) == ("18. Oktober", "2019-10-18", False, True)


def test_weekday_with_date_and_full_stop() -> None:
    m = one("Sie trafen sich am Freitag, den 18. Oktober.", "de")
    assert m.value == "2019-10-18" and not m.surface.endswith(".")


# ---------------------------------------------------------------- yearless dates

def test_yearless_date_without_publication_date_keeps_month_day() -> None:
    assert values("Am 18. Oktober trafen sie sich.", "de", None) == ["--10-18"]
    assert values("The ministers met on 18 October.", "en", None) == ["--10-18"]
    assert values("Министры встретились 18 октября.", "ru", None) == ["--10-18"]
    assert not find_times("Am 18. Oktober trafen sie sich.", "de", None)[0].year_explicit


def test_yearless_date_after_publication_is_last_year_unless_future() -> None:
    # written on 3 January: "28 December" is the December just past
    assert values("Am 28. Dezember trafen sie sich.", "de", "2019-01-03") == ["2018-12-28"]
    # written on 28 December about a plan: "5 January" is next January
    assert values("Er wird am 5. Januar nach Minsk reisen.", "de", "2019-12-28") == ["2020-01-05"]
    assert values("The closures will begin on April 7, the agency said.", "en", "2013-03-22") == ["2013-04-07"]
    # a past-tense report a few days ahead of publication stays in the same year (clock skew)
    assert values("The ministers met on 27 October.", "en", PUB) == ["2019-10-27"]


def test_german_numeric_day_month_needs_a_preposition() -> None:
    assert values("Am 18.10. trafen sie sich.", "de") == ["2019-10-18"]
    assert values("Der Wert stieg um 1.7 Prozent.", "de") == []


# ---------------------------------------------------------------- relative expressions

@pytest.mark.parametrize("text,lang,value", [
    ("Heute trafen sich die Minister.", "de", "2019-10-25"),
    ("Gestern trafen sich die Minister.", "de", "2019-10-24"),
    ("Er reist morgen nach Astana.", "de", "2019-10-26"),
    ("The ministers met yesterday.", "en", "2019-10-24"),
    ("Министры встретились вчера.", "ru", "2019-10-24"),
    ("Завтра министры встретятся.", "ru", "2019-10-26"),
    ("Les ministres se sont rencontrés hier.", "fr", "2019-10-24"),
])
def test_relative_days(text: str, lang: str, value: str) -> None:
    m = one(text, lang)
    assert m.value == value and m.relative and not m.year_explicit


def test_heutigen_as_adjective_means_today() -> None:
    m = one("Bei den heutigen Gesprächen in Minsk ging es um Handel.", "de")
    assert (m.surface, m.value) == ("heutigen", "2019-10-25")
    assert values("На сегодняшних переговорах обсуждали торговлю.", "ru") == ["2019-10-25"]


def test_morgen_noun_is_not_tomorrow() -> None:
    assert values("Am Morgen trafen sich die Minister.", "de") == []


@pytest.mark.parametrize("text,lang,value", [
    ("Die Minister trafen sich am Donnerstag.", "de", "2019-10-24"),
    ("Die Minister trafen sich am Freitag.", "de", "2019-10-25"),  # the publication day itself
    ("The ministers met on Thursday.", "en", "2019-10-24"),
    ("The ministers met last Friday.", "en", "2019-10-18"),  # "last": strictly before
    ("The ministers will meet on Monday.", "en", "2019-10-28"),  # future tense
    ("The ministers meet next Friday.", "en", "2019-11-01"),
    ("Die Minister treffen sich am nächsten Montag.", "de", "2019-10-28"),
    ("Министры встретились в четверг.", "ru", "2019-10-24"),
    ("Министры встретятся в следующий четверг.", "ru", "2019-10-31"),
    ("Министры встретились в прошлую пятницу.", "ru", "2019-10-18"),
])
def test_weekday_resolution(text: str, lang: str, value: str) -> None:
    assert values(text, lang) == [value]


def test_reported_speech_future_after_weekday_does_not_flip_it() -> None:
    """ "said on Thursday that it will ...": the weekday belongs to "said", the past."""
    assert values("The ministry said on Thursday that the talks will resume.", "en")[0] == "2019-10-24"


@pytest.mark.parametrize("text,lang", [
    ("Last year trade grew.", "en"),
    ("Im vergangenen Jahr wuchs der Handel.", "de"),
    ("Der Handel wuchs gegenüber dem Vorjahr.", "de"),
    ("В прошлом году товарооборот вырос.", "ru"),
    ("L'année dernière, le commerce a augmenté.", "fr"),
])
def test_last_year(text: str, lang: str) -> None:
    m = one(text, lang)
    assert (m.value, m.precision, m.relative) == ("2018", "year", True)


@pytest.mark.parametrize("text,lang", [
    ("This year trade grew.", "en"),
    ("In diesem Jahr wuchs der Handel.", "de"),
    ("Seit Beginn des Jahres wuchs der Handel.", "de"),
    ("В этом году товарооборот вырос.", "ru"),
])
def test_this_year(text: str, lang: str) -> None:
    assert values(text, lang) == ["2019"]


def test_weeks_give_a_month_only_when_the_week_lies_in_one() -> None:
    m = one("Die Gespräche finden nächste Woche statt.", "de", "2019-10-09")  # 14-20 October
    assert (m.value, m.precision) == ("2019-10", "month")
    m = one("The talks take place next week.", "en", PUB)  # 28 Oct - 3 Nov
    assert (m.value, m.precision) == (None, "week")
    assert one("Переговоры пройдут на следующей неделе.", "ru", "2019-10-09").value == "2019-10"


def test_relative_without_publication_date_is_none() -> None:
    for text, lang in (("Gestern trafen sie sich.", "de"), ("Last year trade grew.", "en"),
                       ("Министры встретились в четверг.", "ru")):
        m = one(text, lang, None)
        assert m.value is None and m.relative


def test_ago() -> None:
    assert values("Two years ago the border was closed.", "en") == ["2017"]
    assert values("Vor zwei Jahren wurde die Grenze geschlossen.", "de") == ["2017"]
    assert values("Два года назад граница была закрыта.", "ru") == ["2017"]


# ---------------------------------------------------------------- months

def test_russian_case_forms_of_months() -> None:
    assert values("25 октября министры встретились.", "ru") == ["2019-10-25"]  # genitive
    assert values("В октябре министры встретились.", "ru") == ["2019-10"]  # prepositional
    assert values("В конце октября министры встретились.", "ru") == ["2019-10"]
    assert values("Октябрь 2019 года был богат на встречи.", "ru") == ["2019-10"]  # nominative


def test_bare_month_past_unless_future() -> None:
    assert values("He was fired in July.", "en", "2013-03-22") == ["2012-07"]
    assert values("The book is due to be published in May.", "en", "2013-03-22") == ["2013-05"]
    assert values("Im Oktober trafen sie sich.", "de") == ["2019-10"]


def test_may_the_verb_and_may_the_name_are_not_months() -> None:
    assert values("The talks may resume soon.", "en") == []
    assert values("The plan was rejected by May and her cabinet.", "en") == []
    assert values("Trade grew in May.", "en") == ["2019-05"]


# ---------------------------------------------------------------- years

@pytest.mark.parametrize("text,lang,value", [
    ("2018 hatten wir ein Plus.", "de", "2018"),
    ("Seit 2015 wächst der Handel.", "de", "2015"),
    ("Der Umsatz (2022) lag höher.", "de", "2022"),
    ("Der Handel wuchs gegenüber 2022.", "de", "2022"),
    ("Im Jahr 2023 wuchs der Handel.", "de", "2023"),
    ("In 2018 trade grew.", "en", "2018"),
    ("Netanyahu apologized for a 2010 commando raid.", "en", "2010"),
    ("В 2018 году товарооборот вырос.", "ru", "2018"),
])
def test_years_in_year_context(text: str, lang: str, value: str) -> None:
    assert values(text, lang, None) == [value]


@pytest.mark.parametrize("text,lang", [
    ("Der Handel betrug 523.7 Millionen Euro.", "de"),
    ("Der Handel betrug 4 Milliarden Euro.", "de"),
    ("Der Wert stieg um 1.7 Prozent.", "de"),
    ("Die Welle COVID-2019 ebbte ab.", "de"),
    ("Rund 2000 Menschen demonstrierten.", "de"),
    ("The deal is worth $2010 per unit.", "en"),
    ("About 2000 soldiers were deployed.", "en"),
    ("UN Security Council resolution 2231 was cited.", "en"),
    ("Около 2000 человек вышли на улицы.", "ru"),
])
def test_numbers_that_are_not_years(text: str, lang: str) -> None:
    assert values(text, lang, None) == []


def test_garbled_im_jahr_number_year_millionen() -> None:
    """Text extraction garbles "im Jahr 2023 ... 523.7 Millionen": 2023 is the year, 523.7 is not."""
    found = find_times("Der Handel erreichte im Jahr 523.7 2023 Millionen US-Dollar.", "de", None)
    assert [m.value for m in found] == ["2023"]
    assert "523" not in found[0].surface


def test_year_ranges_give_both_years() -> None:
    assert values("the pandemic of 2009-2010", "en", None) == ["2009", "2010"]
    assert values("the expedition of 1957-58", "en", None) == ["1957", "1958"]


# ---------------------------------------------------------------- periods

@pytest.mark.parametrize("text,lang", [
    ("Trade grew in the first eight months of 2024.", "en"),
    ("In den ersten acht Monaten des Jahres 2024 wuchs der Handel.", "de"),
    ("За восемь месяцев 2024 года товарооборот вырос.", "ru"),
    ("В январе-августе 2024 года товарооборот вырос.", "ru"),
    ("Von Januar bis August 2024 wuchs der Handel.", "de"),
])
def test_first_eight_months_is_a_range(text: str, lang: str) -> None:
    m = one(text, lang, None)
    assert (m.value, m.precision) == ("2024-01/2024-08", "range")


def test_parse_period_for_figures() -> None:
    assert parse_period("in den ersten acht Monaten 2024", "de") == "2024-01/2024-08"
    assert parse_period("im ersten Halbjahr 2023", "de") == "2023-01/2023-06"
    assert parse_period("in Q3 2023", "en") == "2023-07/2023-09"
    assert parse_period("im Jahr 2018", "de") == "2018"
    assert parse_period("в прошлом году", "ru", "2019-05-01") == "2018"
    assert parse_period("в прошлом году", "ru") is None
    assert parse_period("ohne Zeitangabe", "de") is None


# ---------------------------------------------------------------- TimeML layer, speed, benchmark

def test_timexes_carry_timeml_values() -> None:
    got = {x.surface: x.timex for x in find_timexes(
        "Now the ministers meet this week; in the 20th century they met last summer.", "en", "2013-03-22")}
    assert got["Now"] == "PRESENT_REF" and got["this week"] == "2013-W12"
    assert got["the 20th century"] == "19" and got["last summer"] == "2012-SU"
    # find_times leaves out what has no calendar value
    assert "Now" not in {m.surface for m in find_times("Now they meet.", "en", "2013-03-22")}



def test_tempeval_benchmark_reaches_target() -> None:
    corpus = shared_path("corpora", "tempeval3_platinum")
    spec = importlib.util.spec_from_file_location("bench_tempeval", REPO / "benchmarks" / "bench_tempeval.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_tempeval", bench)  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    n = ok = 0
    for path in sorted(corpus.glob("*.tml")):
        text, dct, golds = bench.load(str(path))
        found = find_timexes(text, "en", dct)
        for g in golds:
            if g.type != "DATE" or g.dct:
                continue
            n += 1
            best = bench.best_overlap(g, found)
            ok += best is not None and best.timex == g.value
    assert n > 50 and ok / n >= 0.85


def test_french_day_and_month_with_dernier_or_prochain() -> None:
    past = find_times("Le 22 novembre dernier, les présidents se sont entretenus.", "fr", "2023-12-03")
    assert [t.value for t in past] == ["2023-11-22"]
    coming = find_times("Le 5 janvier prochain, ils se rencontreront.", "fr", "2023-12-03")
    assert [t.value for t in coming] == ["2024-01-05"]
    assert [t.value for t in find_times("Le 22 novembre dernier, ils ont parlé.", "fr", None)] == ["--11-22"]


def test_russian_nakanune_alone_is_the_day_before_publication_not_the_eve_of_a_visit() -> None:
    assert [t.value for t in find_times("Накануне президенты провели переговоры в Сочи.", "ru",
                                        "2023-09-05")] == ["2023-09-04"]
    assert [t.value for t in find_times("Переговоры прошли накануне.", "ru", "2023-09-05")] == ["2023-09-04"]
    assert find_times("Накануне визита министр дал интервью.", "ru", "2023-09-05") == []
