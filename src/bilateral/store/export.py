"""Export events in the formats the field reads, each to the letter of its published layout.

- ``jsonl``: the contract's lines (docs/FORMAT.md, schema ``schemas/event.schema.json``).
- ``csv``: one flat row per event; codes (CAMEO, GeoNames id) are text columns, lists are
  ``;``-joined. Read with ``dtype=str`` for the code columns (``CSV_TEXT_COLUMNS``).
- ``parquet``: the contract's nested record with an explicit Arrow schema (``parquet_schema()``).
- ``polecat``: POLECAT's tab-separated layout with its 40 named columns (``plover`` is an alias):
  actor and recipient with their country (ISO alpha-3), title and name, event type, mode,
  intensity, quad code, place with coordinates, the story's people, organisations, language.
- ``gdelt``: GDELT 2.0's event table: 61 tab-separated columns in the published order, no
  header, CAMEO actor country codes, FIPS 10-4 geography codes, Goldstein scale, QuadClass,
  coordinates, DATEADDED and SOURCEURL; one row per (initiator, recipient) dyad, with a
  GLOBALEVENTID derived from the event id, so ids are stable across exports.

Each format is registered once (``register(ExportFormat(...))`` at the end of this module) with
its name, media type, file extension and a streaming writer; ``bilateral export --format``, the
API's ``/api/export?format=`` and ``bilateral.Store.export`` all take their choices from the
registry, so adding a format is one registration (Datasette's output renderers are the model).

Where a column holds something we do not know (tone, COW codes, sectors), it is left empty:
unknown values are never invented. ``source``/``target`` in every export are the event's
initiator and recipient; a symmetric event lists every party on both sides (PLOVER's
convention for joint acts).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import IO
from urllib.parse import urlparse

from bilateral import dates
from bilateral.cameo import cameo_scale, quad_label
from bilateral.geo_coords import admin1, alpha3, coordinates, country_name, fips_country
from bilateral.kb import load_tsv
from bilateral.models import Event

CSV_COLUMNS = ["event_id", "type", "mode", "cameo", "goldstein", "quad_class", "date", "countries",
               "source", "target", "organizations", "location", "location_country", "geonameid", "lat", "lon",
               "actors", "n_figures", "n_quotes", "n_sources", "doc_ids", "urls", "languages", "conflicts",
               "evidence"]
# columns a reader must keep as text: "042" is a CAMEO code, not the number 42
CSV_TEXT_COLUMNS = ["event_id", "cameo", "date", "geonameid"]

# GDELT 2.0 event table, in the published order (61 columns)
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
# pandas dtypes of the GDELT columns (codes stay text; counts and dates are nullable integers)
GDELT_DTYPES = {c: "string" for c in GDELT_COLUMNS}
GDELT_DTYPES.update({c: "Int64" for c in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent",
                                          "QuadClass", "NumMentions", "NumSources", "NumArticles",
                                          "Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type", "DATEADDED")})
GDELT_DTYPES.update({c: "Float64" for c in ("FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat",
                                            "Actor1Geo_Long", "Actor2Geo_Lat", "Actor2Geo_Long",
                                            "ActionGeo_Lat", "ActionGeo_Long")})

# POLECAT's weekly files: tab-separated with this header row (40 columns)
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
]
POLECAT_DTYPES = {c: "string" for c in POLECAT_COLUMNS}
POLECAT_DTYPES.update({"Event Intensity": "Float64", "Latitude": "Float64", "Longitude": "Float64",
                       "GeoNames ID": "Int64"})


# ---------------------------------------------------------------- shared pieces

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(...)`` in a title)
    gets a leading apostrophe, so it shows as the text it is; numbers and other cells pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def sides(e: Event) -> tuple[list[str], list[str]]:
    """``(source, target)`` states: initiator -> recipient, or every party on both sides."""
    if e.initiator and e.recipient:
        return sorted(set(e.initiator)), sorted(set(e.recipient))
    parties = sorted(set(e.countries))
    return parties, parties


def _coords(e: Event) -> tuple[float | None, float | None]:
    loc = e.location
    if loc is None:
        return None, None
    if loc.lat is not None and loc.lon is not None:
        return loc.lat, loc.lon
    return coordinates(loc.geonameid)  # events stored before coordinates were kept


def _urls(e: Event) -> list[str]:
    return [s.url for s in e.sources if s.url]


def _cell(v: object) -> object:
    return "" if v is None else v


# ---------------------------------------------------------------- jsonl / csv / parquet

def flat_row(e: Event) -> dict:
    c = e.to_contract()
    src, tar = sides(e)
    lat, lon = _coords(e)
    return {
        "event_id": c["event_id"], "type": e.type, "mode": e.mode, "cameo": e.cameo,
        "goldstein": c["goldstein"], "quad_class": c["quad_class"], "date": e.date,
        "countries": ";".join(c["countries"]), "source": ";".join(src), "target": ";".join(tar),
        "organizations": ";".join(c["organizations"]),
        "location": e.location.name if e.location else None,
        "location_country": e.location.country if e.location else None,
        "geonameid": e.location.geonameid if e.location else None, "lat": lat, "lon": lon,
        "actors": ";".join(f"{a.name} ({a.country or '?'}, {a.role or '?'})" for a in e.actors),
        "n_figures": len(e.figures), "n_quotes": len(e.quotes), "n_sources": len(e.sources),
        "doc_ids": ";".join(s.doc_id for s in e.sources), "urls": ";".join(_urls(e)),
        "languages": ";".join(sorted({s.language or "?" for s in e.sources})),
        "conflicts": " | ".join(e.conflicts),
        "evidence": " | ".join(s["evidence"] for s in c["sources"]),
    }


def _line(row: list, delimiter: str, quoting: int = csv.QUOTE_MINIMAL) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n", quoting=quoting,
               **({"escapechar": "\\"} if quoting == csv.QUOTE_NONE else {})).writerow(row)
    return buf.getvalue()


def jsonl_lines(events: Iterable[Event], context: ExportContext | None = None) -> Iterator[str]:
    """The contract's lines (what ``bilateral extract`` prints)."""
    for e in events:
        yield json.dumps(e.to_contract(), ensure_ascii=False) + "\n"


def csv_lines(events: Iterable[Event], context: ExportContext | None = None) -> Iterator[str]:
    """Header, then one row per event; codes are quoted text ("042") that a reader keeps as text
    with dtype=str (``CSV_TEXT_COLUMNS``); formula-like text is neutralised."""
    yield _line(CSV_COLUMNS, ",", csv.QUOTE_NONNUMERIC)
    for e in events:
        row = flat_row(e)
        for k in CSV_TEXT_COLUMNS:
            row[k] = "" if row[k] is None else str(row[k])
        yield _line([spreadsheet_safe(_cell(row[k])) for k in CSV_COLUMNS], ",", csv.QUOTE_NONNUMERIC)


def parquet_schema():
    """The Arrow schema of the Parquet export: the contract line, typed."""
    import pyarrow as pa  # lazy: ~0.3 s; only when exporting Parquet

    s = pa.string()
    lst = pa.list_(s)
    return pa.schema([
        ("event_id", s), ("type", s), ("mode", s), ("cameo", s), ("goldstein", pa.float64()),
        ("quad_class", pa.int8()), ("date", s), ("countries", lst), ("initiator", lst), ("recipient", lst),
        ("organizations", lst),
        ("location", pa.struct([("name", s), ("country", s), ("geonameid", pa.int64()),
                                ("lat", pa.float64()), ("lon", pa.float64())])),
        ("actors", pa.list_(pa.struct([("name", s), ("country", s), ("role", s)]))),
        ("figures", pa.list_(pa.struct([("kind", s), ("flow", s), ("value", pa.float64()), ("unit", s),
                                        ("period", s), ("countries", lst), ("qualifier", s)]))),
        ("quotes", pa.list_(pa.struct([("speaker", s), ("text", s), ("doc_id", s)]))),
        ("sources", pa.list_(pa.struct([("doc_id", s), ("language", s), ("published", s), ("title", s),
                                        ("evidence", s), ("url", s)]))),
    ])


PARQUET_ROW_GROUP = 2_000  # events per row group: what is held in memory while a Parquet export streams


def parquet_row(e: Event, names: list[str]) -> dict:
    """The contract line of ``e`` shaped for ``parquet_schema()`` (coordinates filled in, figures as floats)."""
    r = e.to_contract()
    if r["location"] is not None:
        lat, lon = _coords(e)
        r["location"] = {**r["location"], "lat": lat, "lon": lon}
    for f in r["figures"]:
        f["value"] = float(f["value"])
    r["sources"] = [{**s, "url": s.get("url")} for s in r["sources"]]
    return {k: r.get(k) for k in names}


class _Chunks:
    """A write-only file for pyarrow that hands out what was written since the last ``take``:
    the Parquet file leaves row group by row group instead of being built whole in memory."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._pos = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._pos += len(data)
        return len(data)

    def tell(self) -> int:
        return self._pos

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True

    def take(self) -> bytes:
        out, self._parts = b"".join(self._parts), []
        return out


def parquet_chunks(events: Iterable[Event], context: ExportContext | None = None) -> Iterator[bytes]:
    """The Parquet file in pieces, one row group of ``PARQUET_ROW_GROUP`` events at a time, with
    the explicit schema above (an empty export keeps the schema)."""
    import pyarrow as pa  # lazy: ~0.3 s; only when exporting Parquet
    import pyarrow.parquet as pq

    schema = parquet_schema()
    sink = _Chunks()
    with pq.ParquetWriter(sink, schema) as writer:
        rows: list[dict] = []
        for e in events:
            rows.append(parquet_row(e, schema.names))
            if len(rows) >= PARQUET_ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
                yield sink.take()
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    yield sink.take()


# ---------------------------------------------------------------- POLECAT

def _package_version() -> str:
    try:
        return version("bilateral")
    except PackageNotFoundError:  # running from a source tree without installing
        return "0"


def polecat_row(e: Event) -> dict:
    c = e.to_contract()
    src, tar = sides(e)
    lat, lon = _coords(e)
    loc = e.location

    def side(codes: list[str]) -> dict:
        people = [a for a in e.actors if a.country in codes]
        return {"Name": ";".join(a.name for a in people) or ";".join(codes),
                "Country": ";".join(alpha3(x) or x for x in codes),
                "Title": ";".join(a.role or "" for a in people),
                "Name Raw": ";".join(a.name for a in people)}

    a, r = side(src), side(tar)
    row = {
        "Event ID": c["event_id"], "Event Date": e.date, "Event Type": e.type, "Event Mode": e.mode,
        "Event Intensity": c["goldstein"], "Quad Code": (quad_label(c["quad_class"]) or "").upper() or None,
        "Actor Name": a["Name"], "Actor Country": a["Country"], "Actor Title": a["Title"],
        "Actor Name Raw": a["Name Raw"],
        "Recipient Name": r["Name"], "Recipient Country": r["Country"], "Recipient Title": r["Title"],
        "Recipient Name Raw": r["Name Raw"],
        "Placename": loc.name if loc else None, "City": loc.name if loc else None,
        "Country": alpha3(loc.country) if loc else None, "Latitude": lat, "Longitude": lon,
        "GeoNames ID": loc.geonameid if loc else None, "Raw Placename": loc.name if loc else None,
        "Source": ";".join(_urls(e) or [s.doc_id for s in e.sources]),
        "Publication Date": min((s.published for s in e.sources if s.published), default=None),
        "Story People": ";".join(x.name for x in e.actors), "Story Organizations": ";".join(c["organizations"]),
        "Story Locations": loc.name if loc else None,
        "Language": ";".join(sorted({s.language for s in e.sources if s.language})),
        "Version": f"bilateral {_package_version()}",
    }
    return {k: _cell(row.get(k)) for k in POLECAT_COLUMNS}


def polecat_lines(events: Iterable[Event], context: ExportContext | None = None) -> Iterator[str]:
    """POLECAT's header row, then one tab-separated row per event."""
    yield _line(POLECAT_COLUMNS, "\t")
    for e in events:
        row = polecat_row(e)
        yield _line([str(spreadsheet_safe(row[k])).replace("\t", " ").replace("\n", " ") for k in POLECAT_COLUMNS],
                    "\t")


# ---------------------------------------------------------------- GDELT 2.0

@lru_cache(maxsize=1)
def _cameo_country_exceptions() -> dict[str, str]:
    return {r["alpha2"]: r["cameo"] for r in load_tsv("cameo_countries.tsv")}


def cameo_country(alpha2: str | None) -> str:
    """CAMEO actor country code: ISO alpha-3 except where CAMEO differs (data/cameo_countries.tsv)."""
    if not alpha2:
        return ""
    return _cameo_country_exceptions().get(alpha2) or alpha3(alpha2) or ""


def global_event_id(event_id: str, dyad: str = "") -> int:
    """A positive 60-bit integer from the event id (and dyad): the same on every export."""
    return int(hashlib.sha1(f"{event_id}|{dyad}".encode()).hexdigest()[:15], 16)


def _date_parts(d: str | None) -> tuple[str, str, str, str]:
    """SQLDATE, MonthYear, Year, FractionDate as far as the date is known (never padded)."""
    p = dates.parse(d)
    if p.year is None:
        return "", "", "", ""
    year = f"{p.year:04d}"
    month = f"{year}{p.month:02d}" if p.month is not None else ""
    if p.day is None:
        return "", month, year, ""
    day = Date(p.year, p.month, p.day)
    days = 366 if (day.year % 4 == 0 and (day.year % 100 != 0 or day.year % 400 == 0)) else 365
    frac = f"{day.year + (day.timetuple().tm_yday - 1) / days:.4f}"
    return day.strftime("%Y%m%d"), month, year, frac


def _actor_cells(e: Event, code: str) -> list[object]:
    """Actor{1,2}Code .. Type3Code for one state: its CAMEO code, its one named person (or the
    state), GOV when a named official of it takes part."""
    people = [a for a in e.actors if a.country == code]
    cc = cameo_country(code)
    name = people[0].name.upper() if len(people) == 1 else cc
    gov = "GOV" if any(a.role for a in people) else ""
    return [cc + gov, name, cc, "", "", "", "", gov, "", ""]


def gdelt_rows(e: Event, added: str | None = None) -> list[list[object]]:
    """One GDELT row per directed dyad (symmetric events: per unordered pair of parties)."""
    src, tar = sides(e)
    if src == tar:
        dyads = [(x, y) for i, x in enumerate(src) for y in src[i + 1:]]
    else:
        dyads = [(x, y) for x in src for y in tar if x != y]
    c = e.to_contract()
    code = e.cameo or ""
    sqldate, month, year, frac = _date_parts(e.date)
    mentions = sum(len(s.evidence) for s in e.sources) or len(e.sources)
    hosts = {urlparse(u).netloc or u for u in _urls(e)} | {s.doc_id for s in e.sources if not s.url}
    lead = e.lead or ""
    root_event = int(any(ev.text and ev.text[:60] in lead for s in e.sources for ev in s.evidence))
    loc = e.location
    lat, lon = _coords(e)
    if loc is not None:
        fips = fips_country(loc.country) or ""
        adm1 = admin1(loc.geonameid)
        full_name = ", ".join(x for x in (loc.name, country_name(loc.country)) if x)
        geo = [3 if loc.country == "US" else 4, full_name, fips,
               fips + adm1 if fips and adm1 else fips, "", _cell(lat), _cell(lon), _cell(loc.geonameid)]
    else:
        geo = [""] * 8
    rows = []
    for a1, a2 in dyads:
        rows.append([global_event_id(c["event_id"], f"{a1}>{a2}"), sqldate, month, year, frac,
                     *_actor_cells(e, a1), *_actor_cells(e, a2),
                     root_event, code, code[:3], code[:2], _cell(c["quad_class"]), _cell(c["goldstein"]),
                     mentions, len(hosts), len(e.sources), "",
                     *[""] * 8, *[""] * 8, *geo,
                     added or "", next(iter(_urls(e)), e.sources[0].doc_id if e.sources else "")])
    return rows


def gdelt_lines(events: Iterable[Event], context: ExportContext | None = None) -> Iterator[str]:
    """Tab-separated rows, no header (as GDELT publishes them); ``context.added`` maps event ids
    to DATEADDED. Text cells are neutralised for spreadsheets; numbers are written as numbers."""
    added = (context.added if context else None) or {}
    for e in events:
        for row in gdelt_rows(e, added.get(e.event_id)):
            yield _line([str(spreadsheet_safe(v)).replace("\t", " ").replace("\n", " ") for v in row], "\t",
                        csv.QUOTE_NONE)


# ---------------------------------------------------------------- the registry

@dataclass(frozen=True)
class ExportContext:
    """What a format may need beyond the events, supplied by the surface that exports
    (``bilateral export``, ``/api/export``, ``bilateral.Store.export``) from the store."""

    added: dict[str, str] | None = None  # event id -> DATEADDED (YYYYMMDDHHMMSS), for GDELT


@dataclass(frozen=True)
class ExportFormat:
    """One export format, registered once: the CLI's ``--format`` choices, the API's
    ``/api/export?format=`` values, the download's media type and file name all come from here.

    ``stream(events, context)`` yields the file in order (text lines, or bytes when ``binary``)
    while reading the events one at a time, so an export of any size keeps memory flat."""

    name: str
    media_type: str  # without charset: text formats are sent as UTF-8
    extension: str
    stream: Callable[[Iterable[Event], ExportContext | None], Iterator[str] | Iterator[bytes]]
    description: str
    binary: bool = False  # bytes, not text: needs a file on the command line
    aliases: tuple[str, ...] = ()
    uses_date_added: bool = False  # the surface passes ``ExportContext.added`` (a query over the store)

    def content_type(self) -> str:
        """The HTTP Content-Type of the download."""
        return self.media_type if self.binary else f"{self.media_type}; charset=utf-8"


_REGISTRY: dict[str, ExportFormat] = {}  # every name and alias -> its format, in registration order


def register(fmt: ExportFormat) -> ExportFormat:
    """Add an export format (its name and aliases must be new); the CLI and the API offer it at once."""
    for name in (fmt.name, *fmt.aliases):
        if name in _REGISTRY:
            raise ValueError(f"export format {name!r} is already registered")
    for name in (fmt.name, *fmt.aliases):
        _REGISTRY[name] = fmt
    return fmt


def export_format(name: str) -> ExportFormat | None:
    """The format registered under ``name`` (or one of its aliases), None when there is none."""
    return _REGISTRY.get(name)


def format_names() -> tuple[str, ...]:
    """Every name a format is asked for by (aliases included), in registration order."""
    return tuple(_REGISTRY)


def export_formats() -> tuple[ExportFormat, ...]:
    """Each registered format once."""
    return tuple(dict.fromkeys(_REGISTRY.values()))


register(ExportFormat("jsonl", "application/x-ndjson", "jsonl", jsonl_lines,
                      "the contract's JSON Lines (schemas/event.schema.json)"))
register(ExportFormat("csv", "text/csv", "csv", csv_lines, "one flat row per event, codes as text"))
register(ExportFormat("parquet", "application/vnd.apache.parquet", "parquet", parquet_chunks,
                      "the contract's nested record with a typed Arrow schema", binary=True))
register(ExportFormat("polecat", "text/tab-separated-values", "tsv", polecat_lines,
                      "POLECAT's 40 tab-separated columns", aliases=("plover",)))
register(ExportFormat("gdelt", "text/tab-separated-values", "tsv", gdelt_lines,
                      "GDELT 2.0's 61-column event table, one row per dyad", uses_date_added=True))


# ---------------------------------------------------------------- writing

_BATCH = 200  # text lines per chunk: few enough writes, small enough to stream


def _counted(events: Iterable[Event], count: list[int]) -> Iterator[Event]:
    for e in events:
        count[0] += 1
        yield e


def _known(fmt: str) -> ExportFormat:
    spec = export_format(fmt)
    if spec is None:
        raise ValueError(f"{fmt!r} is not an export format ({', '.join(format_names())})")
    return spec


def stream(events: Iterable[Event], fmt: str, added: dict[str, str] | None = None) -> Iterator[bytes]:
    """The export of ``events`` as ``fmt`` in UTF-8 chunks of a few hundred lines (Parquet: a row
    group per chunk): what the API's download sends while it reads the store."""
    spec = _known(fmt)
    pieces = spec.stream(events, ExportContext(added))
    if spec.binary:
        yield from pieces  # type: ignore[misc]
        return
    buf: list[str] = []
    for line in pieces:
        buf.append(line)  # type: ignore[arg-type]
        if len(buf) >= _BATCH:
            yield "".join(buf).encode("utf-8")
            buf = []
    if buf:
        yield "".join(buf).encode("utf-8")


def export(events: Iterable[Event], fmt: str, out_path: str | None, stdout: IO[str],
           added: dict[str, str] | None = None) -> int:
    """Write ``events`` as ``fmt`` to ``out_path`` (or ``stdout``; a binary format needs a file)
    as they are read; returns the number of events written."""
    spec = _known(fmt)
    if spec.binary and not out_path:
        raise ValueError(f"{spec.name} is binary: give --out FILE")
    count = [0]
    pieces = spec.stream(_counted(events, count), ExportContext(added))
    if spec.binary:
        with open(out_path, "wb") as fh:  # type: ignore[arg-type]
            for chunk in pieces:
                fh.write(chunk)  # type: ignore[arg-type]
    elif out_path:
        with open(out_path, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(pieces)  # type: ignore[arg-type]
    else:
        stdout.writelines(pieces)  # type: ignore[arg-type]
    return count[0]
