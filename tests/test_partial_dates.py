"""The one partial-date type (bilateral.dates): parsing and writing the contract's values, and
the helpers of the stages that used to slice date strings themselves."""
from __future__ import annotations

import datetime as dt

import pytest

from bilateral.dates import NONE, PartialDate, parse, parse_anchor
from bilateral.extract.events import _same_day
from bilateral.extract.timing import precision_of
from bilateral.resolve.names import parse_date_range
from bilateral.store.export import _date_parts


@pytest.mark.parametrize("value, parts, precision", [
    ("2019-10-25", (2019, 10, 25), "day"),
    ("--10-25", (None, 10, 25), "day"),
    ("--02-29", (None, 2, 29), "day"),  # a leap day stays valid without a year
    ("2019-10", (2019, 10, None), "month"),
    ("2019", (2019, None, None), "year"),
    (None, (None, None, None), None),
])
def test_contract_values_round_trip(value: str | None, parts: tuple, precision: str | None) -> None:
    p = parse(value)
    assert tuple(p) == parts and p.precision == precision and p.format() == value
    assert precision_of(value) == precision


@pytest.mark.parametrize("value", ["2019-13", "2019-02-30", "--13-01", "2024-01/2024-08", "soon", ""])
def test_unreadable_values_are_unknown(value: str) -> None:
    assert parse(value) == NONE and parse(value).format() is None


def test_replacing_a_part() -> None:
    assert parse("--10-25")._replace(year=2019).format() == "2019-10-25"
    assert PartialDate(2019, 3, None).format() == "2019-03"


@pytest.mark.parametrize("a, b, same", [
    ("--11-22", "2022-11-22", True),
    ("2022-11-22", "--11-22", True),
    ("2022-11", "2022-11-22", True),
    ("2022", "2022-11-22", True),
    ("--11-22", "2022-11", False),  # a yearless day agrees only with that day
    ("--11-22", "--11-23", False),
    ("2022-11-22", "2021-11-22", False),
    ("2022-12", "2022-11-22", False),
])
def test_same_day_agrees_where_both_are_known(a: str, b: str, same: bool) -> None:
    assert _same_day(a, b) is same


@pytest.mark.parametrize("value, cells", [
    ("2019-10-25", ("20191025", "201910", "2019", "2019.8137")),
    ("2019-10", ("", "201910", "2019", "")),
    ("2019", ("", "", "2019", "")),
    ("--10-25", ("", "", "", "")),
    (None, ("", "", "", "")),
])
def test_gdelt_date_cells(value: str | None, cells: tuple) -> None:
    assert _date_parts(value) == cells


@pytest.mark.parametrize("published, anchor", [
    ("2019-10-25T09:31:00+03:00", (2019, 10, 25)),
    ("2019-10", (2019, 10, None)),
    ("2019", (2019, None, None)),
    ("2019-02-30", None),
    ("", None),
    (None, None),
])
def test_publication_date_as_anchor(published: str | None, anchor: tuple | None) -> None:
    got = parse_anchor(published)
    assert (None if got is None else tuple(got)) == anchor


def test_calendar_day_only_when_every_part_is_known() -> None:
    assert parse("2019-10-25").date == dt.date(2019, 10, 25)
    assert parse("--10-25").date is None and parse("2019-10").date is None


@pytest.mark.parametrize("value, span", [
    ("2019-10-25", (dt.date(2019, 10, 25), dt.date(2019, 10, 25))),
    ("2020-02", (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
    ("2019-12", (dt.date(2019, 12, 1), dt.date(2019, 12, 31))),
    ("2019", (dt.date(2019, 1, 1), dt.date(2019, 12, 31))),
    ("--10-25", None),
    ("2019-13", None),
])
def test_span_is_the_first_and_last_day_meant(value: str, span: tuple | None) -> None:
    assert parse(value).span() == span
    assert parse_date_range(value) == span
