"""Number, money and percentage parsing (bilateral.analyse.numbers). Sentences are our own."""
from __future__ import annotations

import pytest

from bilateral.analyse.numbers import currency_code, find_amounts, has_number, parse_number, spelled_value


def one(text: str, lang: str):
    found = find_amounts(text, lang)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,lang,value,unit", [
    # scale abbreviations and symbols before the number
    ("Wir hatten $900 Mio. im Handel.", "de", 900e6, "USD"),
    ("Wir nähern uns $1 Mrd.", "de", 1e9, "USD"),
    ("close to the $1bn mark", "en", 1e9, "USD"),
    ("worth $1 billion", "en", 1e9, "USD"),
    ("worth US$ 2.5 billion", "en", 2.5e9, "USD"),
    ("a grant of €3 million", "en", 3e6, "EUR"),
    ("a loan of EUR 3m", "en", 3e6, "EUR"),
    # words after the number
    ("4 Milliarden US-Dollar", "de", 4e9, "USD"),
    ("4,2 Milliarden Euro", "de", 4.2e9, "EUR"),
    ("2,3 Mrd. Euro", "de", 2.3e9, "EUR"),
    ("900 млн долларов", "ru", 900e6, "USD"),
    ("1,5 млрд долл. США", "ru", 1.5e9, "USD"),
    ("3 млрд рублей", "ru", 3e9, "RUB"),
    ("120 млрд тенге", "ru", 120e9, "KZT"),
    ("12 Milliarden Tenge", "de", 12e9, "KZT"),
    ("5 trillion tenge", "en", 5e12, "KZT"),
    ("700 млрд сум", "ru", 700e9, "UZS"),
    ("2 milliards d'euros", "fr", 2e9, "EUR"),
    ("3,5 millions de dollars", "fr", 3.5e6, "USD"),
    ("1 500 тенге", "ru", 1500, "KZT"),
    # spelled numbers
    ("two billion dollars", "en", 2e9, "USD"),
    ("a billion euros", "en", 1e9, "EUR"),
    ("zwei Milliarden Euro", "de", 2e9, "EUR"),
    ("два миллиарда долларов", "ru", 2e9, "USD"),
    ("двадцать пять миллионов рублей", "ru", 25e6, "RUB"),
    ("около миллиарда долларов", "ru", 1e9, "USD"),
    ("deux milliards d'euros", "fr", 2e9, "EUR"),
    # percentages
    ("ein Anstieg von 1.7 %", "de", 1.7, "%"),
    ("um 14 Prozent", "de", 14, "%"),
    ("up 14%", "en", 14, "%"),
    ("grew 3.5 per cent", "en", 3.5, "%"),
    ("на 14%", "ru", 14, "%"),
    ("14 процентов", "ru", 14, "%"),
    ("fünf Prozent", "de", 5, "%"),
    ("12 pour cent", "fr", 12, "%"),
])
def test_amounts(text, lang, value, unit):
    a = one(text, lang)
    assert a.value == pytest.approx(value)
    assert a.unit == unit


def test_decimal_point_in_german_text():
    # machine-translated German writes a decimal POINT: one group of 1-2 digits is a decimal
    assert one("523.7 Millionen US-Dollar", "de").value == pytest.approx(523.7e6)
    assert one("114.3 Millionen US-Dollar", "de").value == pytest.approx(114.3e6)
    # 3 digits after a single separator without a scale word: thousands
    assert one("1.500 Euro", "de").value == 1500
    assert one("1,500 dollars", "en").value == 1500
    # several groups: thousands separators
    assert one("1.234.567 Tenge", "de").value == 1234567
    assert one("1,234,567 dollars", "en").value == 1234567
    # both marks: the last one is the decimal mark
    assert one("1.234,5 Millionen Euro", "de").value == pytest.approx(1234.5e6)
    assert one("$1,234.5 million", "en").value == pytest.approx(1234.5e6)


def test_three_digits_with_scale_follow_the_language():
    assert one("$1,500 million", "en").value == pytest.approx(1.5e9)     # English grouping comma
    assert one("1.500 billion dollars", "en").value == pytest.approx(1.5e9)  # English decimal point
    assert one("1,500 Milliarden Euro", "de").value == pytest.approx(1.5e9)  # German decimal comma


def test_parse_number_rule():
    assert parse_number("523.7", "de", True) == 523.7
    assert parse_number("4,2", "de", True) == 4.2
    assert parse_number("1.500", "de", False) == 1500
    assert parse_number("1.500", "de", True) == 1500  # German grouping mark + scale
    assert parse_number("1.500", "en", True) == 1.5
    assert parse_number("1 500 000", "ru", False) == 1500000
    assert parse_number("", "en", False) is None


def test_garbled_year_between_number_and_scale():
    # "im Jahr 523.7 2023 Millionen US-Dollar": 523.7 million in 2023
    a = one("erreichte der Handel im Jahr 523.7 2023 Millionen US-Dollar", "de")
    assert a.value == pytest.approx(523.7e6)
    assert a.unit == "USD"
    assert a.year == "2023"
    assert a.surface == "523.7 2023 Millionen US-Dollar"


def test_year_before_amount_is_not_part_of_it():
    a = one("в 2018 900 млн долларов", "ru")
    assert a.value == pytest.approx(900e6) and a.year is None


def test_not_money():
    # short scales need a currency: metres are not millions
    assert find_amounts("a wall 300 m long", "en") == []
    # bare numbers and years are not amounts
    assert find_amounts("In 2018 there were 3 meetings and 12 agreements.", "en") == []
    # plural scale words without a number are not a number
    assert [a for a in find_amounts("Milliarden Dollar flossen ab", "de") if a.unit] == []


def test_bare_scaled_number_has_no_unit():
    a = one("5 Millionen Menschen", "de")
    assert a.value == 5e6 and a.unit is None


def test_offsets_are_into_the_text():
    text = "Prefix. Trade was $900 million."
    a = one(text, "en")
    assert text[a.start:a.end] == a.surface == "$900 million"
    found = find_amounts(text, "en", start=8)
    assert found[0].start == a.start


def test_helpers():
    assert currency_code("Tenge", "de") == "KZT"
    assert currency_code("тенге", "ru") == "KZT"
    assert currency_code("рублей", "ru") == "RUB"
    assert currency_code("сум", "ru") == "UZS"
    assert spelled_value("zwei", "de") == 2
    assert spelled_value("двадцать пять", "ru") == 25
    assert spelled_value("handel", "de") is None
    assert has_number("Es gab 5 Treffen", "de")
    assert has_number("zwei Milliarden", "de")
    assert not has_number("Keine Zahl hier.", "de")
