"""The export registry: each format is registered once and the CLI, the API and the Python API
offer exactly what is registered; a new format is one registration; Parquet leaves row group by
row group (memory flat), and the streamed file is the file ``bilateral export`` writes."""
from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from bilateral.cli import app as cli_app
from bilateral.models import Actor, Document, Event, Evidence, RawDocument, Source
from bilateral.serve.app import create_app
from bilateral.store import export as registry
from bilateral.store.db import Store, content_hash
from bilateral.store.export import ExportContext, ExportFormat, export, export_format, format_names, register, stream


def _event(n: int) -> Event:
    sentence = f"Meeting number {n} of the two presidents in Minsk."
    ev = Evidence(f"d{n}", sentence, 0, len(sentence))
    date = f"2019-01-{1 + n % 28:02d}"
    return Event(type="CONSULT", mode="visit", cameo="042", date=date, date_precision="day", countries=["BY", "KZ"],
                 actors=[Actor("Alexander Lukashenko", "BY", "President", [ev])],
                 sources=[Source(f"d{n}", "en", date, f"Talks {n}", [ev], date=date)], lead=sentence)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("registry") / "store.sqlite"
    with Store(path) as store:
        for n in range(3):
            text = f"Meeting number {n}."
            raw = RawDocument(doc_id=f"d{n}", source=f"d{n}.txt", text=text)
            doc = Document(doc_id=f"d{n}", source=raw.source, original=text, text=text, language="en")
            assert store.add_document(doc, [_event(n)], content_hash(raw)) == "added"
    return path


def test_every_format_has_a_name_media_type_extension_and_writer():
    names = format_names()
    assert {"jsonl", "csv", "parquet", "polecat", "plover", "gdelt"} <= set(names)
    assert export_format("plover") is export_format("polecat")  # an alias, not a second format
    assert export_format("xlsx") is None
    for fmt in registry.export_formats():
        assert fmt.media_type and "/" in fmt.media_type and fmt.extension and callable(fmt.stream)
        assert fmt.content_type().startswith(fmt.media_type)
    with pytest.raises(ValueError):
        register(ExportFormat("csv", "text/csv", "csv", registry.csv_lines, "again"))


def test_cli_and_api_offer_what_is_registered(db):
    help_text = CliRunner().invoke(cli_app, ["export", "--help"], env={"COLUMNS": "200"}).output
    spec = TestClient(create_app(db, hosts=None)).get("/openapi.json").json()
    op = spec["paths"]["/api/export"]["get"]
    (param,) = [p for p in op["parameters"] if p["name"] == "format"]
    content = op["responses"]["200"]["content"]
    for fmt in registry.export_formats():
        assert fmt.name in help_text and fmt.name in param["description"]
        assert fmt.media_type in content


def test_api_download_is_the_cli_file_for_every_text_format(db, tmp_path):
    client = TestClient(create_app(db, hosts=None))
    for fmt in registry.export_formats():
        out = tmp_path / f"events.{fmt.extension}"
        result = CliRunner().invoke(cli_app, ["export", "-q", "--db", str(db), "--format", fmt.name, "--out", str(out)])
        assert result.exit_code == 0, result.output
        r = client.get(f"/api/export?format={fmt.name}")
        assert r.status_code == 200 and r.headers["content-type"] == fmt.content_type()
        assert f'filename="bilateral-events.{fmt.extension}"' in r.headers["content-disposition"]
        if fmt.binary:
            assert pq.read_table(io.BytesIO(r.content)).equals(pq.read_table(out))
        else:
            assert r.content == out.read_bytes(), fmt.name


def _ids(events: Iterable[Event], context: ExportContext | None = None) -> Iterator[str]:
    for e in events:
        yield e.to_contract()["event_id"] + "\n"


@pytest.fixture
def ids_format():
    fmt = register(ExportFormat("ids", "text/plain", "txt", _ids, "one event id per line"))
    yield fmt
    registry._REGISTRY.pop("ids")


def test_a_new_format_is_one_registration(db, ids_format, tmp_path):
    events = [_event(n) for n in range(3)]
    out = io.StringIO()
    assert export(events, "ids", None, out) == 3
    assert out.getvalue().splitlines() == [e.to_contract()["event_id"] for e in events]
    r = TestClient(create_app(db, hosts=None)).get("/api/export?format=ids")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert r.text.splitlines()
    result = CliRunner().invoke(cli_app, ["export", "-q", "--db", str(db), "--format", "ids"])
    assert result.exit_code == 0 and sorted(result.stdout.splitlines()) == sorted(r.text.splitlines())


def test_parquet_streams_row_groups(monkeypatch, tmp_path):
    monkeypatch.setattr(registry, "PARQUET_ROW_GROUP", 2)
    events = [_event(n) for n in range(5)]
    pulled = []

    def source() -> Iterator[Event]:
        for e in events:
            pulled.append(e)
            yield e

    chunks = stream(source(), "parquet")
    first = next(chunks)
    assert first.startswith(b"PAR1") and len(pulled) == 2  # the first row group left before the rest was read
    data = first + b"".join(chunks)
    table = pq.read_table(io.BytesIO(data))
    assert table.num_rows == 5 and pq.ParquetFile(io.BytesIO(data)).num_row_groups == 3
    assert table.column("event_id").to_pylist() == [e.to_contract()["event_id"] for e in events]
    path = tmp_path / "x.parquet"
    assert export(iter(events), "parquet", str(path), io.StringIO()) == 5
    assert pq.read_table(path).equals(table)
    empty = pq.read_table(io.BytesIO(b"".join(stream([], "parquet"))))
    assert empty.num_rows == 0 and empty.schema.equals(registry.parquet_schema())


def test_text_exports_are_streamed_in_chunks():
    events = [_event(n) for n in range(450)]
    chunks = list(stream(events, "jsonl"))
    assert len(chunks) == 3  # 200 lines a chunk
    lines = b"".join(chunks).decode().splitlines()
    assert [json.loads(x)["event_id"] for x in lines] == [e.to_contract()["event_id"] for e in events]
    with pytest.raises(ValueError):
        next(stream(events, "xlsx"))
