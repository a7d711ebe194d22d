"""Export events in the formats the field reads: the contract's JSON Lines, CSV, Parquet,
PLOVER-style JSON and a GDELT-like tab-separated event table."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO

from bilateral.models import Event

FORMATS = ("jsonl", "csv", "parquet", "plover", "gdelt")

CSV_COLUMNS = ["event_id", "type", "mode", "cameo", "date", "countries", "organizations", "location",
               "location_country", "geonameid", "actors", "n_figures", "n_quotes", "n_sources", "doc_ids",
               "languages", "conflicts", "evidence"]

GDELT_COLUMNS = ["GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor2Name",
                 "Actor2CountryCode", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode",
                 "QuadClass", "NumMentions", "NumSources", "NumArticles", "ActionGeo_FullName",
                 "ActionGeo_CountryCode", "ActionGeo_FeatureID", "SOURCEURL"]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula (``=HYPERLINK(...)`` in a title)
    gets a leading apostrophe, so it shows as the text it is; numbers and other cells pass."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def flat_row(e: Event) -> dict:
    c = e.to_contract()
    return {
        "event_id": c["event_id"], "type": e.type, "mode": e.mode, "cameo": e.cameo, "date": e.date,
        "countries": ";".join(c["countries"]), "organizations": ";".join(c["organizations"]),
        "location": e.location.name if e.location else None,
        "location_country": e.location.country if e.location else None,
        "geonameid": e.location.geonameid if e.location else None,
        "actors": ";".join(f"{a.name} ({a.country or '?'}, {a.role or '?'})" for a in e.actors),
        "n_figures": len(e.figures), "n_quotes": len(e.quotes), "n_sources": len(e.sources),
        "doc_ids": ";".join(s.doc_id for s in e.sources),
        "languages": ";".join(sorted({s.language or "?" for s in e.sources})),
        "conflicts": " | ".join(e.conflicts),
        "evidence": " | ".join(s["evidence"] for s in c["sources"]),
    }


def write_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(e.to_contract(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    w.writeheader()
    n = 0
    for e in events:
        w.writerow({k: spreadsheet_safe(v) for k, v in flat_row(e).items()})
        n += 1
    return n


def write_parquet(events: Iterable[Event], path: str) -> int:
    """One row per event; actors, figures, quotes and sources as nested lists."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [e.to_contract() for e in events]
    for r in rows:  # a Parquet column has one type: keep figure values as floats
        for f in r["figures"]:
            f["value"] = float(f["value"])
    table = pa.Table.from_pylist(rows) if rows else pa.table({k: [] for k in CSV_COLUMNS})
    pq.write_table(table, path)
    return len(rows)


def plover_record(e: Event) -> dict:
    """An event in the shape of PLOVER's JSON records (source/target actors, event, mode, text)."""
    actors = [{"actorText": a.name, "code": _alpha3(a.country), "role": a.role} for a in e.actors]
    parties = [{"actorText": c, "code": _alpha3(c)} for c in sorted(set(e.countries))]
    c = e.to_contract()
    return {
        "id": c["event_id"], "date": e.date, "event": e.type, "mode": e.mode or "", "cameo": e.cameo,
        "source": actors[:1] or parties[:1], "target": actors[1:] or parties[1:],
        "countries": [_alpha3(x) for x in sorted(set(e.countries))],
        "location": c["location"], "text": " ".join(s["evidence"] for s in c["sources"]),
        "language": sorted({s.language for s in e.sources if s.language}),
        "sources": [s.doc_id for s in e.sources],
    }


def write_plover(events: Iterable[Event], out: IO[str]) -> int:
    records = [plover_record(e) for e in events]
    json.dump(records, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(records)


def gdelt_row(e: Event, numeric_id: int) -> list:
    countries = sorted(set(e.countries))
    a1 = next((a for a in e.actors if a.country == (countries[0] if countries else None)), None)
    a2 = next((a for a in e.actors if len(countries) > 1 and a.country == countries[1]), None)
    code = e.cameo or ""
    root = code[:2] if code else ""
    return [numeric_id, (e.date or "").replace("-", "") if e.date and not e.date.startswith("--") else "",
            a1.name if a1 else "", _alpha3(countries[0]) if countries else "",
            a2.name if a2 else "", _alpha3(countries[1]) if len(countries) > 1 else "",
            1, code, code[:3], root, _quad_class(root), len(e.sources), len(e.sources), len(e.sources),
            e.location.name if e.location else "", e.location.country if e.location else "",
            e.location.geonameid if e.location and e.location.geonameid else "",
            next((s.url for s in e.sources if s.url), e.sources[0].doc_id if e.sources else "")]


def write_gdelt(events: Iterable[Event], out: IO[str]) -> int:
    w = csv.writer(out, delimiter="\t", lineterminator="\n")
    w.writerow(GDELT_COLUMNS)
    n = 0
    for n, e in enumerate(events, 1):
        w.writerow([spreadsheet_safe(v) for v in gdelt_row(e, n)])
    return n


def _quad_class(root: str) -> int | str:
    """GDELT's QuadClass from the CAMEO root: verbal/material cooperation/conflict."""
    if not root.isdigit():
        return ""
    r = int(root)
    return 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4


def _alpha3(code: str | None) -> str:
    if not code:
        return ""
    if code == "EU":
        return "EUR"
    import pycountry

    c = pycountry.countries.get(alpha_2=code)
    return c.alpha_3 if c else code


def export(events: list[Event], fmt: str, out_path: str | None, stdout: IO[str]) -> int:
    """Write ``events`` as ``fmt`` to ``out_path`` (or stdout; Parquet needs a file)."""
    if fmt == "parquet":
        if not out_path:
            raise ValueError("parquet is binary: give --out FILE")
        return write_parquet(events, out_path)
    writer = {"jsonl": write_jsonl, "csv": write_csv, "plover": write_plover, "gdelt": write_gdelt}[fmt]
    if out_path:
        with open(out_path, "w", encoding="utf-8", newline="") as fh:
            return writer(events, fh)
    buf = io.StringIO()
    n = writer(events, buf)
    stdout.write(buf.getvalue())
    return n
