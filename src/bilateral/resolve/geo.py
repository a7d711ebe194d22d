"""The geographic knowledge base: states, international organisations, places.

One import for the rest of the pipeline; the work is done in
``countries`` (states, the EU as a party), ``organizations`` (EU, UN, OSCE, EAEU, ...) and
``places`` (GeoNames cities), which share the token matcher ``geo_match`` and the word-form
rules ``geo_inflect``. Every index is built once per process (about 0.5 s in all, CPU time).
"""
from __future__ import annotations

from bilateral.languages import vocabulary_languages
from bilateral.resolve.countries import country_code, country_index, country_name, find_countries
from bilateral.resolve.organizations import find_organizations, org_codes, org_index
from bilateral.resolve.places import (Place, capital_of, country_of_place, find_places, lookup_place,
                                      place_by_id, place_index)


def warm_up(langs: tuple[str, ...] | None = None) -> None:
    """Build every index now (e.g. before forking workers), not on the first document; by
    default for every language with vocabulary (data/languages.yaml)."""
    for lang in langs or vocabulary_languages():
        country_index(lang)
        org_index(lang)
    place_index()


__all__ = ["find_countries", "find_organizations", "find_places", "country_name", "country_code",
           "capital_of", "country_of_place", "lookup_place", "place_by_id", "org_codes", "Place",
           "warm_up"]
