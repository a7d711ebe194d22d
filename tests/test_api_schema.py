"""The API answers what its OpenAPI description says: schemathesis generates requests for every
read endpoint from /openapi.json and checks each answer (no server error, a documented status,
the documented content type, a body matching the response model). Bad parameters are 400 with
the one error shape; the description documents no 422."""
from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from bilateral.samples import folder as samples_folder
from bilateral.serve.app import create_app
from bilateral.store.db import Store
from bilateral.store.ingest import ingest


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("api") / "demo.sqlite"
    with Store(db) as store:
        report = ingest([samples_folder()], store, quiet=True)
        assert report.added >= 5
    return create_app(db, hosts=None)


def test_every_answer_matches_the_description(app):
    """Every GET operation, 25 generated requests each (schemathesis' pytest plugin does not run
    under this pytest, so the operations are driven with hypothesis directly)."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(method="GET")
    checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    failures, tested = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            case.call_and_validate(checks=checks)

        try:
            check()
        except BaseException as exc:  # noqa: BLE001 - collect every operation's failure (groups too)
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.append(f"{operation.method.upper()} {operation.path}: {type(exc).__name__}: {str(exc)[:600]}")
        tested += 1
    assert tested >= 10
    assert not failures, "\n\n".join(failures)


def test_description_has_models_errors_and_no_422(app):
    spec = TestClient(app).get("/openapi.json").json()
    ops = [(p, op) for p, item in spec["paths"].items() for op in item.values()]
    assert ops
    for path, op in ops:
        assert "422" not in op["responses"], path
    for path in ("/api/events", "/api/events/{event_id}", "/api/timeline", "/api/figures", "/api/who-met",
                 "/api/stats"):
        op = spec["paths"][path]["get"]
        ok = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok.get("$ref"), path  # a named response model
        assert op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
    assert {"EventPage", "EventLine", "EventRecord", "ErrorBody"} <= set(spec["components"]["schemas"])


def test_bad_parameters_are_400_with_the_error_shape(app):
    client = TestClient(app)
    for url in ("/api/events?from=2019-13", "/api/events?limit=abc", "/api/events?pair=KZ",
                "/api/events?from_country=Kazakhstan", "/api/export?format=xlsx"):
        r = client.get(url)
        assert r.status_code == 400, url
        body = r.json()
        assert set(body) == {"error", "status"} and body["status"] == 400 and body["error"], url
    r = client.get("/api/events/nope")
    assert r.status_code == 404 and r.json()["status"] == 404


def test_direction_filters_in_the_api(app):
    client = TestClient(app)
    every = client.get("/api/events?limit=1000").json()["events"]
    directed = [e for e in every if e["initiator"]]
    assert directed
    e = directed[0]
    got = client.get(f"/api/events?from_country={e['initiator'][0]}&to_country={e['recipient'][0]}").json()
    assert e["event_id"] in [x["event_id"] for x in got["events"]]
    assert all(e["initiator"][0] in x["initiator"] for x in got["events"])
    rev = client.get(f"/api/events?from_country={e['recipient'][0]}&to_country={e['initiator'][0]}").json()
    assert e["event_id"] not in [x["event_id"] for x in rev["events"]]
