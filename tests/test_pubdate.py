"""Publication dates: metadata formats, timestamp lines, markers, and the page's own "today"."""
from __future__ import annotations

import pytest

from bilateral.clean import analyse_layout, clean_document, normalise_date
from bilateral.clean.dates import find_dates
from bilateral.clean.pubdate import find_published
from bilateral.models import RawDocument


@pytest.mark.parametrize("value,expected", [
    ("2019-10-25T09:31:00+03:00", "2019-10-25"),
    ("2019-10-25 09:31", "2019-10-25"),
    ("Fri, 25 Oct 2019 09:31:00 +0300", "2019-10-25"),
    ("Fri, 25 Oct 2019 06:31:00 GMT", "2019-10-25"),
    ("25 October 2019", "2019-10-25"),
    ("October 25, 2019", "2019-10-25"),
    ("25.10.2019", "2019-10-25"),
    ("10/25/2019", "2019-10-25"),  # only month/day order possible
    ("25 октября 2019 г.", "2019-10-25"),
    ("2019 жылғы 25 қазан", "2019-10-25"),
    ("25-oktabr 2019", "2019-10-25"),
    ("1er octobre 2019", "2019-10-01"),
    ("25 de octubre de 2019", "2019-10-25"),
    ("2019年10月25日", "2019-10-25"),
    ("October 2019", "2019-10"),
    ("2019-10", "2019-10"),
    ("2019", "2019"),
    (1571985060, "2019-10-25"),
    ("1571985060000", "2019-10-25"),
    ("", None),
    ("soon", None),
    ("31.02.2019", None),  # no such day
])
def test_normalise_date(value, expected) -> None:
    assert normalise_date(value) == expected


def test_ambiguous_slash_date_follows_language_hint() -> None:
    assert normalise_date("03/04/2019") == "2019-04-03"
    assert normalise_date("03/04/2019", prefer_mdy=True) == "2019-03-04"


def test_day_month_without_year_has_no_value() -> None:
    hits = find_dates("NUR-SULTAN, 25. Oktober (BelTA) - Die Gespräche")
    assert [(h.month, h.day, h.value) for h in hits] == [(10, 25, None)]


def test_numbers_are_not_dates() -> None:
    assert find_dates("im Jahr 523.7 2023 Millionen US-Dollar, ein Anstieg von 1.7 %") == []


def _published(text: str, lang: str | None = None) -> str | None:
    return find_published(analyse_layout(text), lang)


BODY = ("The foreign ministers met in the capital on Tuesday and agreed on a new road map "
        "for trade, transport and energy cooperation.\n")


@pytest.mark.parametrize("stamp,expected", [
    ("25 Oktober 2019, 09:31", "2019-10-25"),
    ("25.10.2019 09:31", "2019-10-25"),
    ("October 25, 2019 at 9:31 AM", "2019-10-25"),
    ("25 октября 2019, 09:31", "2019-10-25"),
    ("Published: 25 October 2019", "2019-10-25"),
    ("Veröffentlicht am 25.10.2019", "2019-10-25"),
    ("Опубликовано 25.10.2019 в 09:31", "2019-10-25"),
    ("Publié le 25 octobre 2019 à 9h31", "2019-10-25"),
    ("date 2019-10-25", "2019-10-25"),
])
def test_timestamp_line_under_the_title(stamp: str, expected: str) -> None:
    text = f"Ministers agree on a new road map\n{stamp}\n\n{BODY}"
    assert _published(text) == expected


def test_date_marker_glued_to_the_title() -> None:
    doc = clean_document(RawDocument(doc_id="g", source="g",
                                     text=" date 2019-10-25 Ministers agree on a new road map\n\n" + BODY))
    assert doc.published == "2019-10-25"
    assert doc.title == "Ministers agree on a new road map"


def test_page_today_with_weekday_is_ignored() -> None:
    """The header's weekday date among menu items is the crawl date, not the article's."""
    text = "Home\nNews\nSamstag, 20 April 2024\nPolitik\nWorld\n\nMinisters agree on a new road map\n\n" + BODY
    assert _published(text) is None


def test_page_today_loses_to_timestamp_next_to_title() -> None:
    text = ("Projects\nflag Saturday, 20 April 2024\nAll news\n25 October 2019, 09:31\n\n"
            "Ministers agree on a new road map\n\n" + BODY)
    assert _published(text) == "2019-10-25"


def test_published_beats_updated() -> None:
    text = ("Ministers agree on a new road map\nUpdated: 27.10.2019 10:00\nPublished: 25.10.2019 09:31\n\n" + BODY)
    assert _published(text) == "2019-10-25"


def test_dateline_with_year_gives_the_date_without_gives_day_and_month() -> None:
    assert _published("Ministers agree on a new road map\n\nMINSK, 25 October 2019 (BelTA) - " + BODY) == "2019-10-25"
    # the contract's partial date: the day the report was filed, its year unknown
    assert _published("Ministers agree on a new road map\n\nMINSK, 25 October (BelTA) - " + BODY) == "--10-25"
    assert _published("Ministers agree\nYEREVAN, April 13. /TASS/. " + BODY) == "--04-13"


def test_crawler_metadata_line_is_refined_by_the_pages_own_date() -> None:
    text = " date 2023-09 Talks on grain Putin receives Erdogan Stand: 04.09.2023 14:27 Uhr\n\n" + BODY
    assert _published(text) == "2023-09-04"
    assert _published(" date 2022-03 Moscou, 19 mars Le président " + BODY) == "2022-03-19"
    assert _published(" date 2025-07-11 " + BODY) == "2025-07-11"


def test_weekday_date_above_the_title_is_the_sites_today() -> None:
    text = "Thursday, October 3, 2024\nHomeWorldAsia\n\nMinisters agree on a new road map\n\n" + BODY
    assert _published(text) is None


def test_publication_marker_without_date_gives_nothing() -> None:
    text = "Ministers agree on a new road map\nSHARE:\nPublished\non\n\n" + BODY
    assert _published(text) is None


def test_metadata_date_wins_over_text() -> None:
    doc = clean_document(RawDocument(doc_id="m", source="m", published="2019-10-26T00:10:00Z",
                                     text="Ministers agree\n25.10.2019 09:31\n\n" + BODY))
    assert doc.published == "2019-10-26"
