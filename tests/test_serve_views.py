"""The dashboard's view API (map, network, trends, event links) over a hand-made store.

Each event is written here, so every count, mean and edge is known. Hard cases named here: a
state in events with and without a CAMEO code (its mean Goldstein uses only the scored ones), a
place whose GeoNames id has no known coordinates (counted, not placed), a three-state event (three
edges), two people of the same state in one meeting (no edge between them), a non-meeting event
(an edge only with edges=all), events dated to a year, without a year and undated (not in the
months), a filter that must change every answer, and the linker's explanation passed through.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bilateral.models import Actor, Document, Event, Evidence, Location, RawDocument, Source
from bilateral.serve.app import create_app
from bilateral.store.db import Store, content_hash

ASTANA, TASHKENT, NOWHERE = ("Astana", "KZ", 1526273), ("Tashkent", "UZ", 1512569), ("Atlantis", "KZ", 99999999)


def _event(doc: str, type_: str, cameo: str | None, countries: list[str], date: str | None, *,
           place=None, actors=(), initiator=(), recipient=()) -> Event:
    ev = Evidence(doc, f"Sentence of {doc}.", 0, 14)
    return Event(type=type_, cameo=cameo, date=date, countries=countries,
                 location=Location(*place, [ev]) if place else None,
                 actors=[Actor(n, c, "Minister", [ev]) for n, c in actors],
                 sources=[Source(doc, "en", "2024-01-01", f"Title {doc}", [ev], url=f"https://example.org/{doc}")],
                 lead=f"{doc} {type_} {countries} {date}", initiator=list(initiator), recipient=list(recipient))


EVENTS = {  # doc id -> one event each (different types/dates/places so nothing links)
    "v1": _event("v1", "CONSULT", "042", ["KZ", "UZ"], "2024-01-10", place=ASTANA,
                 actors=[("Ana Kazakh", "KZ"), ("Ulug Uzbek", "UZ"), ("Kair Second", "KZ")],
                 initiator=["UZ"], recipient=["KZ"]),  # the Uzbek side visits Astana
    "v2": _event("v2", "CONSULT", "043", ["KZ", "UZ"], "2024-03-02", place=TASHKENT,
                 actors=[("Ana Kazakh", "KZ"), ("Ulug Uzbek", "UZ")]),
    "v3": _event("v3", "DISAPPROVE", "112", ["KZ", "RU"], "2024-03-20", place=NOWHERE),
    "v4": _event("v4", "CONSULT", None, ["BY", "KZ", "RU"], "2024", place=ASTANA),
    "v5": _event("v5", "AGREE", "057", ["KZ", "UZ"], None, initiator=["KZ"], recipient=["UZ"]),
    "v6": _event("v6", "CONSULT", "042", ["FR", "KZ"], "--05-04"),
}


@pytest.fixture
def client(store_target) -> TestClient:
    """The hand-made store in SQLite, then in PostgreSQL (conftest's ``store_target``)."""
    path = store_target
    with Store(path) as store:
        for doc_id, event in EVENTS.items():
            raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=doc_id)
            doc = Document(doc_id=doc_id, source=raw.source, original=doc_id, text=doc_id, language="en")
            assert store.add_document(doc, [event], content_hash(raw)) == "added"
    return local(create_app(path))


def local(app) -> TestClient:
    """A client that calls the app as the browser does: on 127.0.0.1 (the host guard's default)."""
    return TestClient(app, base_url="http://127.0.0.1")


def get(client: TestClient, url: str, status: int = 200) -> dict:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    return r.json()


def test_map_counts_states_and_averages_goldstein_over_scored_events_only(client):
    m = get(client, "/api/map")
    states = {c["country"]: c for c in m["countries"]}
    assert {k: v["events"] for k, v in states.items()} == {"KZ": 6, "UZ": 3, "RU": 2, "BY": 1, "FR": 1}
    assert states["KZ"]["numeric"] == "398" and states["BY"]["numeric"] == "112"
    # KZ: 042 (1.9) + 043 (2.8) + 112 (-2.0) + 057 (8.0) + 042 (1.9); v4 has no code: not in the mean
    assert states["KZ"]["scored_events"] == 5 and states["KZ"]["goldstein"] == round((1.9 + 2.8 - 2 + 8 + 1.9) / 5, 2)
    assert states["BY"]["goldstein"] is None and states["BY"]["scored_events"] == 0  # unknown, not 0
    assert m["intensity_available"] is True and m["events"] == 6


def test_map_places_have_coordinates_or_are_counted_apart(client):
    m = get(client, "/api/map")
    places = {p["name"]: p for p in m["places"]}
    assert set(places) == {"Astana", "Tashkent"}  # Atlantis has no known coordinates
    assert places["Astana"]["events"] == 2 and abs(places["Astana"]["lat"] - 51.18) < 0.01 and abs(places["Astana"]["lon"] - 71.45) < 0.01
    assert m["located_events"] == 3 and m["unplaced_events"] == 1
    at = get(client, "/api/map/place?geonameid=1526273")
    assert at["total"] == 2 and {e["sources"][0]["doc_id"] for e in at["events"]} == {"v1", "v4"}


def test_map_follows_the_filters(client):
    m = get(client, "/api/map?type=CONSULT&from=2024-02")
    assert {c["country"]: c["events"] for c in m["countries"]} == {"KZ": 1, "UZ": 1}  # v2 only
    assert [p["name"] for p in m["places"]] == ["Tashkent"]
    assert get(client, "/api/map?pair=KZ", 400)["error"].startswith("pair must be")


def test_network_of_states_counts_meetings_and_three_state_events_make_three_edges(client):
    n = get(client, "/api/network")
    edges = {(e["source"], e["target"]): e["events"] for e in n["edges"]}
    assert edges == {("KZ", "UZ"): 2, ("BY", "KZ"): 1, ("BY", "RU"): 1, ("KZ", "RU"): 1, ("FR", "KZ"): 1}
    nodes = {x["id"]: x for x in n["nodes"]}
    assert nodes["KZ"]["partners"] == 4 and nodes["UZ"]["partners"] == 1
    kz_uz = [e for e in n["edges"] if (e["source"], e["target"]) == ("KZ", "UZ")][0]
    assert (kz_uz["source_to_target"], kz_uz["target_to_source"]) == (0, 1)  # v1: the Uzbek side visited
    everything = get(client, "/api/network?edges=all")  # DISAPPROVE and AGREE count too
    edges = {(e["source"], e["target"]): e for e in everything["edges"]}
    assert edges[("KZ", "UZ")]["events"] == 3 and edges[("KZ", "RU")]["events"] == 2
    assert (edges[("KZ", "UZ")]["source_to_target"], edges[("KZ", "UZ")]["target_to_source"]) == (1, 1)


def test_network_of_people_links_only_people_of_different_states(client):
    n = get(client, "/api/network?level=person")
    edges = {(e["source"], e["target"]): e["events"] for e in n["edges"]}
    assert edges == {("Ana Kazakh", "Ulug Uzbek"): 2, ("Kair Second", "Ulug Uzbek"): 1}
    assert {x["id"]: x["country"] for x in n["nodes"]}["Kair Second"] == "KZ"


def test_an_edge_lists_its_events_newest_first_under_the_same_filters(client):
    e = get(client, "/api/network/edge?a=uz&b=KZ")
    assert e["total"] == 2 and [x["sources"][0]["doc_id"] for x in e["events"]] == ["v2", "v1"]
    e = get(client, "/api/network/edge?a=KZ&b=UZ&edges=all&to=2024-02")
    assert [x["sources"][0]["doc_id"] for x in e["events"]] == ["v1"]
    e = get(client, "/api/network/edge?a=Ana Kazakh&b=Ulug Uzbek&level=person")
    assert e["total"] == 2
    assert "alpha-2" in get(client, "/api/network/edge?a=Kazakhstan&b=UZ", 400)["error"]
    assert get(client, "/api/network?level=state", 400)["error"].startswith("level")


def test_trends_for_a_pair_by_month_and_type_with_the_months_goldstein(client):
    t = get(client, "/api/trends?pair=KZ-UZ")
    assert t["countries"] == ["KZ", "UZ"]
    assert [(m["month"], m["events"], m["by_type"], m["goldstein"]) for m in t["months"]] == [
        ("2024-01", 1, {"CONSULT": 1}, 1.9), ("2024-03", 1, {"CONSULT": 1}, 2.8)]
    assert t["undated"] == 1 and t["types"] == ["CONSULT", "AGREE"] and t["quad_classes"] == {"1": 3}  # CAMEO 01-05: verbal cooperation
    # who acts on whom, from the stored initiator/recipient: v1 UZ -> KZ, v5 KZ -> UZ, v2 undirected
    sides = {(d["from"], d["to"]): (d["events"], d["goldstein"]) for d in t["direction"]}
    assert sides == {("UZ", "KZ"): (1, 1.9), ("KZ", "UZ"): (1, 8.0), (None, None): (1, 2.8)}
    assert get(client, "/api/trends?country=KZ")["direction"] is None  # only for a pair
    kz = get(client, "/api/trends?country=KZ")
    assert kz["year_only"] == {"2024": 1} and kz["open_year"] == 1
    march = [m for m in kz["months"] if m["month"] == "2024-03"][0]
    assert march["by_type"] == {"CONSULT": 1, "DISAPPROVE": 1} and march["goldstein"] == round((2.8 - 2.0) / 2, 2)


def test_event_context_gives_intensity_and_404_for_unknown(client):
    events = get(client, "/api/events?limit=100")["events"]
    by_doc = {e["sources"][0]["doc_id"]: e["event_id"] for e in events}
    ctx = get(client, f"/api/events/{by_doc['v3']}/context")
    assert (ctx["goldstein"], ctx["quad_class"], ctx["quad_label"]) == (-2.0, 3, "Verbal Conflict")
    ctx = get(client, f"/api/events/{by_doc['v4']}/context")  # no CAMEO code: unknown, not zero
    assert (ctx["goldstein"], ctx["quad_class"]) == (None, None) and ctx["explain"]["sources"][0]["doc_id"] == "v4"
    assert get(client, "/api/events/nope/context", 404)["error"] == "no event 'nope'"


def test_event_context_carries_the_linkers_explanation(tmp_path):
    path = tmp_path / "linked.sqlite"
    with Store(path) as store:
        for doc_id in ("la", "lb"):  # same day, place, states and type: one event
            raw = RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=doc_id)
            event = _event(doc_id, "CONSULT", "042", ["KZ", "UZ"], "2024-01-10", place=ASTANA)
            store.add_document(Document(doc_id=doc_id, source=raw.source, original=doc_id, text=doc_id, language="en"),
                               [event], content_hash(raw))
    client = local(create_app(path))
    (event,) = get(client, "/api/events")["events"]
    ctx = get(client, f"/api/events/{event['event_id']}/context")
    assert ctx["explain"] == get(client, f"/api/events/{event['event_id']}/explain")  # the linker's own answer
    assert [x["doc_id"] for x in ctx["explain"]["sources"]] == ["la", "lb"]
    assert any(x["link"].get("parts") for x in ctx["explain"]["sources"])


def test_views_answer_503_without_a_database(tmp_path):
    r = local(create_app(Path(tmp_path / "none.sqlite"))).get("/api/map")
    assert r.status_code == 503 and "no database" in r.json()["error"]
