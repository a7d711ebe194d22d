"""Datelines: "NUR-SULTAN, 25. Oktober (BelTA) -", "NUR-SULTAN. KAZINFORM", "MOSCOW, Oct 3 (Reuters) -".

A dateline names where the report was filed, which for a meeting report is usually where the
meeting took place: the event's place when the sentences themselves name none.
"""
from __future__ import annotations

import re

from bilateral.clean.datelines import head_places
from bilateral.models import Analysis, PlaceMention
from bilateral.resolve.geo import find_places


def find_dateline_place(a: Analysis) -> PlaceMention | None:
    """The place of the article's dateline, resolved in the gazetteer, or None.

    The candidates are the document's ``datelines`` layer (found once while cleaning); an
    analysis made without the clean stage finds them in its text here."""
    datelines = a.layers.get("datelines")
    candidates = datelines.places if datelines is not None else head_places(a.document.text)
    for start, raw in candidates:
        words = re.split(r"([\- ])", raw.lower())
        titled = "".join(w.capitalize() if w not in "- " else w for w in words)
        for place in find_places(titled, a.document.language or "en"):
            if place.start == 0 and place.end == len(titled):
                return PlaceMention(start=start, end=start + len(raw), surface=raw, name=place.name,
                                    country=place.country, geonameid=place.geonameid,
                                    population=place.population, is_capital=place.is_capital)
    return None
