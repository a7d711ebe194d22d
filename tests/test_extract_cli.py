"""`bilateral extract` end to end: contract-valid lines, the seed scores, parallel == serial."""
from __future__ import annotations

import importlib.util
import json
import re
import subprocess

import pytest

from bilateral.samples import folder as samples_folder

from conftest import CLI_BIN, shared_path

BIN = CLI_BIN
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND",
                "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"}
DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}-\d{2})$")


def run_extract(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), "extract", "--quiet", *args], capture_output=True, text=True, timeout=600)


def check_contract(event: dict) -> None:
    """Every rule of ../shared/CONTRACT.md that a line can be checked against on its own."""
    assert event["event_id"] and event["type"] in PLOVER_TYPES
    assert event["date"] is None or DATE.match(event["date"])
    assert event["countries"] == sorted(event["countries"]) and len(event["countries"]) >= 2
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in event["countries"])
    if event["location"] is not None:  # lat/lon are optional, both or neither
        assert set(event["location"]) in ({"name", "country", "geonameid"},
                                          {"name", "country", "geonameid", "lat", "lon"})
    # optional direction: subsets of the parties, both empty or both filled
    assert set(event.get("initiator", [])) | set(event.get("recipient", [])) <= set(event["countries"])
    assert bool(event.get("initiator")) == bool(event.get("recipient"))
    assert not set(event.get("initiator", [])) & set(event.get("recipient", []))
    assert event.get("quad_class") in (None, 1, 2, 3, 4)
    for a in event["actors"]:
        assert set(a) == {"name", "country", "role"}
        assert not re.search(r"[А-яЁё]", a["name"])  # canonical names are in Latin script
    for f in event["figures"]:
        assert f["kind"] == f["kind"].lower() and f["flow"] in (None, "total", "export", "import")
        assert isinstance(f["value"], (int, float)) and (f["unit"] == "%" or re.fullmatch(r"[A-Z]{3}", f["unit"]))
        assert f["qualifier"] in (None, "more_than", "less_than", "about")
    for q in event["quotes"]:
        assert q["speaker"] and q["text"] and q["doc_id"]
    assert event["sources"]
    for s in event["sources"]:
        assert set(s) >= {"doc_id", "language", "published", "title", "evidence"} and s["evidence"]


@pytest.fixture(scope="module")
def sample_lines() -> list[dict]:
    out = run_extract(samples_folder())
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_samples_give_contract_lines_and_link_three_languages(sample_lines):
    for event in sample_lines:
        check_contract(event)
    langs = [sorted(s["language"] for s in e["sources"]) for e in sample_lines]
    assert ["de", "en", "ru"] in langs  # the Tashkent meeting reported in three languages is one event
    assert len({e["event_id"] for e in sample_lines}) == len(sample_lines)


def test_domestic_article_gives_no_event(sample_lines):
    docs = {s["doc_id"] for e in sample_lines for s in e["sources"]}
    assert "de_kasachstan_ki_gesetz" not in docs  # a law passed by one parliament is domestic
    assert "en_tokayev_aliyev_phone_call" in docs


def test_parallel_output_equals_serial():
    serial, parallel = run_extract(samples_folder()), run_extract("--jobs", "2", samples_folder())
    assert serial.returncode == parallel.returncode == 0
    assert serial.stdout == parallel.stdout and serial.stdout


def test_same_input_same_ids():
    assert run_extract(samples_folder()).stdout == run_extract(samples_folder()).stdout


def test_seed_scores_meet_the_targets():
    seeds, gold = shared_path("seeds"), shared_path("eval", "gold_seeds.json")
    spec = importlib.util.spec_from_file_location("score", gold.parent / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = run_extract(str(seeds))
    assert out.returncode == 0, out.stderr
    preds = [json.loads(line) for line in out.stdout.splitlines()]
    for p in preds:
        check_contract(p)
    r = score.score(json.loads(gold.read_text(encoding="utf-8")), preds)
    assert r["events"]["f1"] >= 0.95 and r["type_acc"] >= 0.95 and r["mode_acc"] >= 0.8
    assert r["date_acc"] >= 0.9 and r["location_acc"] >= 0.95
    assert r["actors_f1"] >= 0.9 and r["figures_f1"] >= 0.9
    assert r["language_acc"] == 1.0 and r["published_acc"] == 1.0
    assert r["linking"]["f1"] == 1.0
