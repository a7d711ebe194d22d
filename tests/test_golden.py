"""Golden test: `bilateral extract` output on the seeds, the dev texts and 500 corpus documents is
unchanged (digests in tests/golden/, made by benchmarks/golden.py; its docstring says how to see
what moved and how to regenerate). Skips per set when ../shared lacks its texts."""
from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import REPO

_spec = importlib.util.spec_from_file_location("bilateral_golden", REPO / "benchmarks" / "golden.py")
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)


@pytest.mark.parametrize("name", golden.SETS)
def test_extract_output_unchanged(name: str) -> None:
    try:
        outputs = golden.extract_set(name)
    except golden.SetMissing as exc:
        pytest.skip(str(exc))
    moved = golden.changed(name, outputs)
    assert not moved, (f"{name}: extract output changed for {len(moved)} documents: {', '.join(moved[:15])}. "
                       "See how: python benchmarks/golden.py --diff main; a behaviour change regenerates with "
                       "--update in the same commit and says why.")


def _event(docs: list[str], date: str | None = "2019-10-25", value: float = 1.0) -> dict:
    return {"event_id": "e" + "".join(docs), "type": "CONSULT", "mode": "visit", "date": date,
            "countries": ["DE", "KZ"], "goldstein": value,
            "sources": [{"doc_id": d, "language": "en", "published": None, "title": "t", "evidence": "x"}
                        for d in docs]}


def test_document_output_is_the_events_citing_it_and_its_error() -> None:
    stdout = "\n".join(json.dumps(e) for e in (_event(["b", "a"]), _event(["a"], date="2019-10")))
    stderr = "bilateral: /in/c.txt: no text left after cleaning\nbilateral: 1 documents in languages without vocabulary\n"
    out = golden.document_outputs(stdout, stderr, {"/in/a.txt": "a", "/in/b.txt": "b", "/in/c.txt": "c"})
    assert [len(out[d]["events"]) for d in "abc"] == [2, 1, 0]
    assert out["c"]["error"] == "no text left after cleaning" and out["a"]["error"] is None
    # the linked event is in both documents' outputs; a change to it moves both digests, not c's
    again = golden.document_outputs(stdout.replace('"visit"', '"phone"', 1), stderr,
                                    {"/in/a.txt": "a", "/in/b.txt": "b", "/in/c.txt": "c"})
    assert [golden.digest(out[d]) != golden.digest(again[d]) for d in "abc"] == [True, True, False]


def test_digest_ignores_float_spelling_and_key_order() -> None:
    a = golden.document_outputs(json.dumps(_event(["a"], value=3.0)), "", {"/a": "a"})
    b = golden.document_outputs(json.dumps(dict(reversed(list(_event(["a"], value=3).items())))), "", {"/a": "a"})
    c = golden.document_outputs(json.dumps(_event(["a"], value=0.1 + 0.2)), "", {"/a": "a"})
    d = golden.document_outputs(json.dumps(_event(["a"], value=0.3)), "", {"/a": "a"})
    assert golden.digest(a["a"]) == golden.digest(b["a"])
    assert golden.digest(c["a"]) == golden.digest(d["a"])
    assert golden.digest(a["a"]) != golden.digest(d["a"])


def test_report_names_the_changed_fields() -> None:
    old = {"dev": {"a": {"events": [_event(["a"])], "error": None}, "b": {"events": [], "error": None}}}
    new = {"dev": {"a": {"events": [_event(["a"], date="2019-10")], "error": None},
                   "b": {"events": [_event(["b"])], "error": None}}}
    text = "\n".join(golden.report(old, new))
    assert "2 of 2 documents changed" in text
    assert 'date: "2019-10-25" -> "2019-10"' in text
    assert "+ added   CONSULT/visit 2019-10-25 DE,KZ docs=b" in text
