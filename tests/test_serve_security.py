"""`bilateral serve` against a hostile network and hostile data.

Hard cases: DNS rebinding (a foreign Host header reaching 127.0.0.1), a page framing or sniffing
the API, a POST from another site, an offset of 2^63, filters holding ``%`` and ``_``, and
titles that a spreadsheet would run as formulas (``=HYPERLINK(...)``, ``@SUM``, ``-2+3``).
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from bilateral.models import Actor, Document, Event, Evidence, RawDocument, Source  # noqa: E402
from bilateral.serve.app import create_app  # noqa: E402
from bilateral.serve.security import allowed_hosts  # noqa: E402
from bilateral.store.db import Store, content_hash  # noqa: E402
from bilateral.store.export import export, stream  # noqa: E402
from bilateral.store.query import EventFilter, find_events, who_met  # noqa: E402

FORMULA = '=HYPERLINK("http://example.invalid/x","click")'


def _event(doc_id: str, title: str, sentence: str, actor: str, date: str) -> Event:
    ev = Evidence(doc_id, sentence, 0, len(sentence))
    return Event(type="CONSULT", mode="visit", cameo="042", date=date, date_precision="day", countries=["BY", "KZ"],
                 actors=[Actor(actor, "BY", "President", [ev]), Actor("Kassym-Jomart Tokayev", "KZ", "President", [ev])],
                 sources=[Source(doc_id, "en", date, title, [ev], date=date)], lead=sentence)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("security") / "store.sqlite"
    rows = [("pct", "Trade up", "Trade grew by 50% in a year.", "Alexander Lukashenko", "2019-01-01"),
            ("plain", "Talks", "Trade grew by 50 percent in a year.", "Roman_Golovchenko", "2019-02-01"),
            ("formula", FORMULA, "-2+3 is what the minister wrote.", "@SUM(A1)", "2019-03-01")]
    with Store(path) as store:
        for doc_id, title, sentence, actor, date in rows:
            raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=sentence)
            doc = Document(doc_id=doc_id, source=raw.source, original=sentence, text=sentence, language="en")
            assert store.add_document(doc, [_event(doc_id, title, sentence, actor, date)], content_hash(raw)) == "added"
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db), base_url="http://127.0.0.1:8765")


# ---------------------------------------------------------------- hosts and headers

def test_foreign_host_header_is_refused(client):
    r = client.get("/api/events", headers={"Host": "attacker.example:8765"})
    assert r.status_code == 400 and "attacker.example" in r.json()["error"] and "--allow-host" in r.json()["error"]
    for host in ("127.0.0.1:8765", "localhost:8765", "LOCALHOST", "[::1]:8765"):
        assert client.get("/api/stats", headers={"Host": host}).status_code == 200, host


def test_allow_host_adds_names_and_a_wildcard_bind_adds_none(db):
    hosts = allowed_hosts("0.0.0.0", ["events.lan"])
    assert "0.0.0.0" not in hosts and {"events.lan", "localhost", "127.0.0.1", "::1"} <= hosts
    c = TestClient(create_app(db, hosts=hosts), base_url="http://events.lan")
    assert c.get("/api/stats").status_code == 200
    assert c.get("/api/stats", headers={"Host": "other.lan"}).status_code == 400


@pytest.mark.parametrize("path", ["/", "/api/events", "/api/export?format=csv", "/api/events/none", "/api/events?limit=0"])
def test_security_headers_on_every_answer(client, path):
    r = client.get(path)
    assert r.status_code in (200, 400, 404)
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp  # neither scripts nor styles: the dashboard sets styles through CSSOM only
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"


def test_writes_are_off_by_default_and_need_the_token(db, client):
    r = client.post("/api/events", json={})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    token = "t0ken-of-at-least-16-chars"
    guarded = TestClient(create_app(db, write_token=token), base_url="http://127.0.0.1")
    assert guarded.post("/api/events").status_code == 401
    assert guarded.post("/api/events", headers={"Authorization": "Bearer wrong-token-wrong"}).status_code == 401
    # the right token passes the guard; the app then answers for itself (no POST route here yet)
    assert guarded.post("/api/events", headers={"Authorization": f"Bearer {token}"}).status_code == 405
    assert guarded.get("/api/stats").status_code == 200  # reading needs no token


# ---------------------------------------------------------------- limits and filters

@pytest.mark.parametrize("query", ["offset=9223372036854775808", "offset=99999999999999999999999", "offset=-1",
                                   "limit=100000", "limit=abc"])
def test_out_of_range_numbers_are_400_not_500(client, query):
    r = client.get("/api/events?" + query)
    assert r.status_code == 400 and r.json()["error"]


def test_a_deep_but_valid_offset_is_an_empty_page(client):
    body = client.get("/api/events?offset=1000000000").json()
    assert body["events"] == [] and body["total"] == 3


def test_like_wildcards_in_filters_are_literal(db, client):
    with Store(db) as store:
        def docs(**kw) -> list[str]:
            return sorted(s.doc_id for e in find_events(store, EventFilter(**kw)) for s in e.sources)

        assert docs(text="50%") == ["pct"]
        assert docs(text="%") == ["pct"]  # not every event
        assert docs(actor="n_g") == ["plain"]  # '_' is an underscore, not any character
        assert docs(actor="_") == ["plain"]
        assert docs(text="50 p") == ["plain"]
        assert [r[:2] for r in who_met(store, "_")] == [("Kassym-Jomart Tokayev", "Roman_Golovchenko")]
    ids = [e["sources"][0]["doc_id"] for e in client.get("/api/events?text=%25").json()["events"]]
    assert ids == ["pct"]


# ---------------------------------------------------------------- exports

def _cells(text: str, delimiter: str = ",") -> list[str]:
    return [c for row in csv.reader(io.StringIO(text), delimiter=delimiter) for c in row]


def test_csv_and_tsv_exports_neutralise_formulas(db, client, tmp_path):
    with Store(db) as store:
        events = find_events(store, EventFilter())
    for fmt, delim in (("csv", ","), ("gdelt", "\t"), ("polecat", "\t")):
        out = tmp_path / f"x.{fmt}"
        export(events, fmt, str(out), io.StringIO())
        served = client.get(f"/api/export?format={fmt}").text
        streamed = b"".join(stream(events, fmt)).decode()
        for text in (out.read_text(encoding="utf-8"), served, streamed):
            cells = _cells(text, delim)
            risky = [c for c in cells if c[:1] in ("=", "+", "-", "@")]
            assert not risky, (fmt, risky)
            assert any(c.startswith("'@SUM(A1)") for c in cells), fmt  # kept, shown as text
    cells = _cells(client.get("/api/export?format=csv").text)
    assert "'-2+3 is what the minister wrote." in cells
