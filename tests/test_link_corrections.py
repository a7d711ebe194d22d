"""Explainable links and an analyst's corrections (split / merge) that survive later links.

Hard cases: a split source must not come back when a third report of the same meeting
arrives (it would link to both); a merge of two meetings the linker keeps apart (different
days) must hold when a new report joins one of them; the API refuses writes without the token.
"""
from __future__ import annotations

import json
import subprocess

import pytest
from fastapi.testclient import TestClient

from bilateral.models import Actor, Document, Event, Evidence, Location, RawDocument, Source
from bilateral.serve.app import create_app
from bilateral.store.corrections import CorrectionError, explain, merge, split
from bilateral.store.db import Store, content_hash

from conftest import CLI_BIN

BIN = CLI_BIN
TOKEN = "t" * 24


def _add(store: Store, doc_id: str, date: str = "2019-10-25", lang: str = "en") -> None:
    text = f"Lukashenko met Tokayev in Astana ({doc_id})."
    ev = Evidence(doc_id, text, 0, len(text))
    event = Event(type="CONSULT", mode="visit", date=date, date_precision="day", countries=["BY", "KZ"],
                  location=Location("Astana", "KZ", 1526273, [ev]),
                  actors=[Actor("Alexander Lukashenko", "BY", "President", [ev]),
                          Actor("Kassym-Jomart Tokayev", "KZ", "President", [ev])],
                  sources=[Source(doc_id, lang, date, f"Talks in Astana {doc_id}", [ev], date=date)], lead=text)
    event.event_id = event.compute_id()
    raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=text)
    doc = Document(doc_id=doc_id, source=raw.source, original=text, text=text, language=lang)
    store.add_document(doc, [event], content_hash(raw))


def _groups(store: Store) -> set[tuple[str, ...]]:
    return {tuple(sorted(s.doc_id for s in e.sources)) for e in store.iter_events()}


def test_explain_gives_each_source_its_score_and_parts(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        _add(store, "a")
        _add(store, "b")
        (event,) = list(store.iter_events())
        why = explain(store, event.event_id)
    assert [s["doc_id"] for s in why["sources"]] == ["a", "b"]
    for s in why["sources"]:
        assert s["score"] >= 2.5
        assert s["link"]["parts"]["date"] == 2.5 and s["link"]["parts"]["place"] == 0.5  # a party's capital: weak
        assert s["link"]["with"] in {"a", "b"} - {s["doc_id"]}
    assert explain(store := Store(tmp_path / "db.sqlite"), "nope") is None
    store.close()


def test_split_survives_a_new_report_and_reingest(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        _add(store, "a")
        _add(store, "b")
        (event,) = list(store.iter_events())
        ids = split(store, event.event_id, ["b"], note="b is about the day before")
        assert len(ids) == 2
        assert _groups(store) == {("a",), ("b",)}
        _add(store, "c")  # the same meeting again: links to a or b, never both
        groups = _groups(store)
        assert not any({"a", "b"} <= set(g) for g in groups)
        assert sorted(d for g in groups for d in g) == ["a", "b", "c"]
        _add(store, "a")  # re-ingest: unchanged
        _add(store, "b")
        assert _groups(store) == groups
        with pytest.raises(CorrectionError, match="no source"):
            split(store, next(store.iter_events()).event_id, ["zzz"])
        with pytest.raises(CorrectionError, match="no event"):
            split(store, "0000", ["a"])


def test_merge_holds_when_a_new_report_joins_one_side(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        _add(store, "a", date="2019-10-25")
        _add(store, "b", date="2019-11-20")  # another month: the linker keeps them apart
        assert _groups(store) == {("a",), ("b",)}
        eids = [e.event_id for e in store.iter_events()]
        merged = merge(store, eids, note="one visit, misdated by b")
        assert _groups(store) == {("a", "b")}
        _add(store, "c", date="2019-11-20")  # links with b: the merge keeps a with them
        assert _groups(store) == {("a", "b", "c")}
        why = explain(store, next(store.iter_events()).event_id)
        assert [c["kind"] for c in why["corrections"]] == ["merge"]
        assert merged


def test_cli_explain_split_merge(tmp_path):
    db = str(tmp_path / "db.sqlite")
    with Store(db) as store:
        _add(store, "a")
        _add(store, "b")
        (event,) = list(store.iter_events())
    run = lambda *args: subprocess.run([str(BIN), *args, "--db", db], capture_output=True, text=True)  # noqa: E731
    out = run("events", "--id", event.event_id, "--explain", "--json")
    assert out.returncode == 0, out.stderr
    why = json.loads(out.stdout)
    assert {s["doc_id"] for s in why["sources"]} == {"a", "b"}
    out = run("split", event.event_id, "--doc", "a")
    assert out.returncode == 0, out.stderr
    ids = json.loads(out.stdout)["events"]
    assert len(ids) == 2
    out = run("merge", *ids)
    assert out.returncode == 0, out.stderr
    assert run("events", "--id", "nope", "--explain").returncode == 1
    assert "no event" in run("merge", "x", "y").stderr


def test_api_explain_and_writes_need_the_token(tmp_path):
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        _add(store, "a")
        _add(store, "b")
        (event,) = list(store.iter_events())
    client = TestClient(create_app(db, hosts=None, write_token=TOKEN))
    why = client.get(f"/api/events/{event.event_id}/explain").json()
    assert {s["doc_id"] for s in why["sources"]} == {"a", "b"}
    assert client.get("/api/events/nope/explain").status_code == 404
    assert client.post(f"/api/events/{event.event_id}/split", json={"docs": ["b"]}).status_code == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post(f"/api/events/{event.event_id}/split", json={"docs": ["b"]}, headers=auth)
    assert r.status_code == 200 and len(r.json()["events"]) == 2
    r = client.post("/api/merge", json={"events": r.json()["events"]}, headers=auth)
    assert r.status_code == 200
    assert client.post("/api/merge", json={"events": ["x"]}, headers=auth).status_code in (400, 422)
    readonly = TestClient(create_app(db, hosts=None))
    assert readonly.post("/api/merge", json={"events": ["x", "y"]}).status_code == 403
