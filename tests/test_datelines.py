"""Datelines are found once, in the clean stage (bilateral.clean.datelines), and kept on the
document: the publication date reads their days, the extractor their places."""
from __future__ import annotations

from bilateral.clean import assign_datelines, assign_language, assign_original, assign_text, clean_document, start
from bilateral.clean.datelines import head_places, is_dateline, line_date
from bilateral.dates import PartialDate
from bilateral.models import RawDocument


def test_dateline_shapes() -> None:
    assert is_dateline("NUR-SULTAN, 25. Oktober (BelTA) -")
    assert is_dateline("Baku, 17. Mai, AZERTAC")
    assert not is_dateline("Lukashenko met Xi in Beijing.")


def test_the_day_a_line_was_filed() -> None:
    assert line_date("MINSK, 25 October 2019 (BelTA) - The talks", False) == PartialDate(2019, 10, 25)
    assert line_date("YEREVAN, April 13. /TASS/.", True) == PartialDate(None, 4, 13)
    assert line_date("date 2022-03 Moscou, 19 mars", False) == PartialDate(None, 3, 19)
    assert line_date("Talks in Minsk on 25 October 2019", False) is None  # not at a place and comma
    assert line_date("MINSK, Friday, 25 October 2019", False) is None  # a weekday: the site's today


def test_places_at_the_head_of_the_text() -> None:
    text = "Talks in the capital\nASTANA, 3 March (Kazinform) - The ministers met.\nLater lines"
    assert head_places(text) == ((text.index("ASTANA"), "ASTANA"),)
    assert head_places("\n".join(["x"] * 9) + "\nMINSK, 4 May -") == ()  # past the first lines


def test_clean_keeps_the_datelines_on_the_document() -> None:
    a = start(RawDocument(doc_id="d", source="d.txt", fmt="txt", language="en",
                          text="Ministers meet\n\nMINSK, 25 October 2019 (BelTA) - The ministers of Belarus "
                               "and Kazakhstan met in Minsk on Friday to discuss trade."))
    for step in (assign_original, assign_text, assign_language, assign_datelines):
        step(a)
    datelines = a.layers["datelines"]
    assert [date for _, date in datelines.dates] == [PartialDate(2019, 10, 25)]
    assert [raw for _, raw in datelines.places] == ["MINSK"]
    doc = clean_document(RawDocument(doc_id="d", source="d.txt", fmt="txt", language="en",
                                     text="Ministers meet\n\nMINSK, 25 October 2019 (BelTA) - The ministers met."))
    assert doc.published == "2019-10-25"
