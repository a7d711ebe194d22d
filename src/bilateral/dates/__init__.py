"""Dates of every kind in one place: the partial-date type and the code that reads and compares it.

``from bilateral import dates``: ``dates.parse("--10-25")`` -> ``PartialDate(None, 10, 25)``,
``PartialDate.format()`` writes the contract's value back, ``dates.compatible`` and
``dates.best_date`` compare and merge the dates of reports (``partial.py``);
``dates.parse_anchor`` reads a publication date as the anchor against which ``anchor.py``
resolves yearless and relative dates ("am 18. Oktober", "on Thursday").

It sits below every stage (it imports nothing of the project's but ``kb`` and
``calendar_words``), since cleaning, analysis, extraction, linking and the store all handle dates.
"""
from bilateral.dates.anchor import parse_anchor
from bilateral.dates.partial import (
    NONE,
    TOLERANCE_DAYS,
    PartialDate,
    best_date,
    compatible,
    day_distance,
    neighbours,
    parse,
    same_day,
)

__all__ = ["NONE", "TOLERANCE_DAYS", "PartialDate", "best_date", "compatible", "day_distance",
           "neighbours", "parse", "parse_anchor", "same_day"]
