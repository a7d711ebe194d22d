"""Exports read back by the field's own readers: GDELT 2.0 (61 columns, no header), POLECAT
(41 named columns), CSV with codes as text, typed Parquet, and JSON lines valid against the
schemas in the repository. The column lists here are written from the published layouts, not
imported from the exporter, so a shifted or renamed column fails."""
from __future__ import annotations

import json
import re
import subprocess

import jsonschema
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bilateral import schemas
from bilateral.samples import folder as samples_folder

from conftest import CLI_BIN

BIN = CLI_BIN

# GDELT 2.0 Event Database codebook, columns in order
PUBLISHED_GDELT = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode "
    "Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code "
    "Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode "
    "Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code "
    "Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode "
    "Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type "
    "Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat "
    "Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode "
    "ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED "
    "SOURCEURL").split()
GDELT_TYPES = {**{c: str for c in PUBLISHED_GDELT},
               **{c: "Int64" for c in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass",
                                       "NumMentions", "NumSources", "NumArticles", "ActionGeo_Type", "DATEADDED")},
               **{c: "float64" for c in ("FractionDate", "GoldsteinScale", "AvgTone", "ActionGeo_Lat",
                                         "ActionGeo_Long")}}
# POLECAT weekly files: header row
PUBLISHED_POLECAT = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw",
    "Wikipedia Recipient ID", "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude",
    "GeoNames ID", "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version"]


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    out = subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=600)
    if check:
        assert out.returncode == 0, out.stderr
    return out


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("formats") / "demo.sqlite")
    run("ingest", "--quiet", "--db", path, samples_folder())
    return path


@pytest.fixture(scope="module")
def lines(db) -> list[dict]:
    return [json.loads(x) for x in run("export", "-q", "--db", db, "--format", "jsonl").stdout.splitlines()]


def test_jsonl_export_and_extract_lines_are_valid_against_the_schema(db, lines):
    validator = jsonschema.Draft202012Validator(schemas.load("event"))
    assert len(lines) >= 5
    for line in lines:
        validator.validate(line)
        assert set(line["initiator"]) | set(line["recipient"]) <= set(line["countries"])
    assert any(line["initiator"] for line in lines), "no directed event among the samples"
    extracted = run("extract", "--quiet", samples_folder()).stdout.splitlines()
    for text in extracted:
        validator.validate(json.loads(text))


def test_schema_refuses_what_the_contract_forbids(lines):
    validator = jsonschema.Draft202012Validator(schemas.load("event"))
    bad = [dict(lines[0], countries=["kz", "UZ"]), dict(lines[0], cameo=42), dict(lines[0], date="2019-13-1"),
           {k: v for k, v in lines[0].items() if k != "sources"}]
    for line in bad:
        assert not validator.is_valid(line)


def test_figures_and_who_met_json_are_valid(db):
    fig = jsonschema.Draft202012Validator(schemas.load("figure_point"))
    points = [json.loads(x) for x in run("figures", "--db", db, "--json").stdout.splitlines()]
    assert points
    for p in points:
        fig.validate(p)
    met = jsonschema.Draft202012Validator(schemas.load("meeting"))
    for x in run("who-met", "--db", db, "--json").stdout.splitlines():
        met.validate(json.loads(x))


def test_gdelt_export_has_the_61_published_columns_in_order(db, lines, tmp_path):
    path = tmp_path / "events.gdelt.tsv"
    run("export", "-q", "--db", db, "--format", "gdelt", "--out", str(path))
    raw = path.read_text(encoding="utf-8").splitlines()
    assert raw and all(len(r.split("\t")) == 61 for r in raw)
    assert not raw[0].startswith("GLOBALEVENTID")  # GDELT files have no header row
    df = pd.read_csv(path, sep="\t", header=None, names=PUBLISHED_GDELT, dtype=GDELT_TYPES,
                     keep_default_na=False, na_values=[""], quoting=3)
    assert list(df.columns) == PUBLISHED_GDELT and len(df) == len(raw)
    assert df["GLOBALEVENTID"].is_unique and (df["GLOBALEVENTID"] > 0).all()
    code = df["EventCode"]
    assert code.str.fullmatch(r"\d{2,4}").all()  # "042" stays a code
    assert (df["EventBaseCode"] == code.str[:3]).all() and (df["EventRootCode"] == code.str[:2]).all()
    assert df["QuadClass"].isin([1, 2, 3, 4]).all() and df["GoldsteinScale"].between(-10, 10).all()
    assert df["Actor1CountryCode"].str.fullmatch(r"[A-Z]{3}").all()
    assert df["Actor2CountryCode"].str.fullmatch(r"[A-Z]{3}").all()
    assert (df["Actor1Code"].str[:3] == df["Actor1CountryCode"]).all()
    days = df["SQLDATE"].dropna().astype(str)
    assert days.str.fullmatch(r"(19|20)\d{6}").all()
    assert (df.dropna(subset=["SQLDATE"])["Year"] == df.dropna(subset=["SQLDATE"])["SQLDATE"] // 10000).all()
    located = df.dropna(subset=["ActionGeo_Lat"])
    assert len(located) >= 1
    assert located["ActionGeo_Lat"].between(-90, 90).all() and located["ActionGeo_Long"].between(-180, 180).all()
    assert located["ActionGeo_CountryCode"].str.fullmatch(r"[A-Z]{2}").all()  # FIPS 10-4
    assert located["ActionGeo_Type"].isin([3, 4]).all()
    assert df["DATEADDED"].astype(str).str.fullmatch(r"20\d{12}").all()
    assert df["SOURCEURL"].str.len().gt(0).all()
    # a directed event: Actor1 is its initiator
    directed = [x for x in lines if x["initiator"] and len(x["countries"]) == 2]
    if directed:
        from bilateral.store.export import cameo_country, global_event_id
        e = directed[0]
        row = df[df["GLOBALEVENTID"] == global_event_id(e["event_id"], f"{e['initiator'][0]}>{e['recipient'][0]}")]
        assert len(row) == 1 and row.iloc[0]["Actor1CountryCode"] == cameo_country(e["initiator"][0])
    # ids are stable across exports
    again = tmp_path / "again.tsv"
    run("export", "-q", "--db", db, "--format", "gdelt", "--out", str(again))
    assert [r.split("\t")[0] for r in again.read_text().splitlines()] == [r.split("\t")[0] for r in raw]


def test_polecat_export_has_the_published_header_and_types(db, lines, tmp_path):
    path = tmp_path / "events.polecat.tsv"
    run("export", "-q", "--db", db, "--format", "polecat", "--out", str(path))
    df = pd.read_csv(path, sep="\t", dtype={c: str for c in PUBLISHED_POLECAT} | {
        "Event Intensity": "float64", "Latitude": "float64", "Longitude": "float64", "GeoNames ID": "Int64"},
                     keep_default_na=False, na_values=[""])
    assert list(df.columns) == PUBLISHED_POLECAT and len(df) == len(lines)
    assert set(df["Event Type"]) <= {line["type"] for line in lines}
    assert df["Actor Country"].str.fullmatch(r"[A-Z]{3}(;[A-Z]{3})*").all()
    assert df["Recipient Country"].str.fullmatch(r"[A-Z]{3}(;[A-Z]{3})*").all()
    assert df["Quad Code"].isin(["VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT",
                                 "MATERIAL CONFLICT"]).all()
    by_id = {x["event_id"]: x for x in lines}
    for _, r in df.iterrows():
        e = by_id[r["Event ID"]]
        if e["initiator"]:  # a directed event: actor = initiator, recipient = recipient
            assert len(r["Actor Country"].split(";")) == len(e["initiator"])
            assert len(r["Recipient Country"].split(";")) == len(e["recipient"])
        if e["location"] and e["location"].get("geonameid"):
            assert r["GeoNames ID"] == e["location"]["geonameid"]
    assert run("export", "-q", "--db", db, "--format", "plover").stdout == path.read_text(encoding="utf-8")


def test_csv_keeps_codes_as_text_and_has_source_and_target(db, lines, tmp_path):
    from bilateral.store.export import CSV_TEXT_COLUMNS

    path = tmp_path / "events.csv"
    run("export", "-q", "--db", db, "--format", "csv", "--out", str(path))
    df = pd.read_csv(path, dtype={c: str for c in CSV_TEXT_COLUMNS}, keep_default_na=False)
    assert {"source", "target", "goldstein", "quad_class", "lat", "lon", "urls"} <= set(df.columns)
    assert df["cameo"].str.fullmatch(r"\d{2,4}").all()
    assert (df["cameo"].str.len() >= 3).all()  # "042" keeps its leading zero
    assert '"042"' in path.read_text(encoding="utf-8")  # quoted in the file


def test_parquet_has_a_typed_schema(db, lines, tmp_path):
    path = tmp_path / "events.parquet"
    run("export", "-q", "--db", db, "--format", "parquet", "--out", str(path))
    table = pq.read_table(path)
    schema = table.schema
    assert schema.field("cameo").type == pa.string() and schema.field("goldstein").type == pa.float64()
    assert schema.field("initiator").type == pa.list_(pa.string())
    assert schema.field("location").type.field("geonameid").type == pa.int64()
    assert table.num_rows == len(lines)
    assert sorted(table.column("event_id").to_pylist()) == sorted(x["event_id"] for x in lines)


def test_empty_export_keeps_parquet_schema(db, tmp_path):
    path = tmp_path / "none.parquet"
    run("export", "-q", "--db", db, "--format", "parquet", "--pair", "FR-JP", "--out", str(path))
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.field("cameo").type == pa.string()


@pytest.mark.parametrize("args, needle", [
    (["--from", "2019-13"], "--from"), (["--to", "2019-02-30"], "--to"), (["--from", "yesterday"], "--from"),
    (["--pair", "XX-KZ"], "--pair"), (["--pair", "KZ"], "--pair"), (["--country", "Kazakhstan"], "--country"),
    (["--type", "MEETING"], "--type"), (["--from-country", "ZZ"], "--from-country"),
    (["--to-country", "K"], "--to-country"), (["--limit", "0"], "--limit"),
    (["--from", "2020", "--to", "2019"], "--from"),
])
def test_bad_filter_is_one_line_and_exit_2(db, args, needle):
    for command in ("events", "export"):
        out = run(command, "--db", db, *args, check=False)
        assert out.returncode == 2, (command, args, out.stderr)
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and needle in lines[0] and lines[0].startswith("bilateral: "), out.stderr
        assert out.stdout == ""


def test_direction_filters(db, lines):
    directed = [x for x in lines if x["initiator"]]
    assert directed
    e = directed[0]
    got = [json.loads(x)["event_id"] for x in run("events", "--db", db, "--json", "--from-country",
                                                  e["initiator"][0]).stdout.splitlines()]
    assert e["event_id"] in got
    assert all(e["initiator"][0] in x["initiator"] for x in lines if x["event_id"] in got)
    wrong_way = [json.loads(x)["event_id"] for x in run("events", "--db", db, "--json", "--from-country",
                                                        e["recipient"][0], "--to-country",
                                                        e["initiator"][0]).stdout.splitlines()]
    assert e["event_id"] not in wrong_way
