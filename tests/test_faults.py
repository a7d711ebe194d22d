"""Faults and hostile input: each gives one clear line naming what was wrong, and nothing else is lost.

Hard cases: a JSON line whose text holds a lone surrogate escape (``"\\ud800"``: valid JSON, but a
str that can never be written as UTF-8), a text of tens of thousands of words without one full
stop, a document that hangs, ``BILATERAL_MAX_BYTES=abc`` (read at import: it must not break
``--help``), and pairs for ``similarity`` with surrogates and non-string texts.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from bilateral import pipeline
from bilateral.budget import bound_sentences
from bilateral.components import Component, inserted
from bilateral.deadline import DocTimeout, time_budget
from bilateral.models import Analysis, RawDocument, ReadError, Sentence
from bilateral.read import read_paths

from conftest import CLI_BIN

CLI = CLI_BIN

GOOD_EN = ("ASTANA, March 3 - The foreign ministers of Kazakhstan and Uzbekistan met in Tashkent on "
           "Tuesday to discuss trade and water. Trade between the two countries reached $4.2 billion.")


def _run(*args: str, env: dict | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=300, input=stdin,
                          env={**os.environ, **(env or {})})


def _lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# ---------------------------------------------------------------- lone surrogates

def _surrogate_file(tmp_path: Path) -> Path:
    path = tmp_path / "feed.jsonl"
    # json.dumps escapes the lone surrogate as \ud800: exactly what a broken exporter writes
    rows = [{"id": "bad", "text": GOOD_EN.replace("Tuesday", "Tuesday \ud800"), "title": "x\udfff"},
            {"id": "good", "text": GOOD_EN}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="ascii")
    return path


def test_reader_replaces_lone_surrogates_and_keeps_the_record(tmp_path, caplog):
    path = _surrogate_file(tmp_path)
    items = list(read_paths([str(path)], max_bytes=1 << 20))
    docs = {i.doc_id: i for i in items if isinstance(i, RawDocument)}
    assert set(docs) == {"bad", "good"} and not [i for i in items if isinstance(i, ReadError)]
    assert "\ufffd" in docs["bad"].text and docs["bad"].title == "x\ufffd"
    docs["bad"].text.encode("utf-8")  # writable now
    warned = [r.getMessage() for r in caplog.records if "surrogate" in r.getMessage()]
    assert len(warned) == 1 and f"{path}:line 1" in warned[0]


def test_extract_with_a_lone_surrogate_names_the_line_and_loses_nothing(tmp_path):
    path = _surrogate_file(tmp_path)
    res = _run("extract", "--no-link", "--quiet", str(path))
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    assert _lines(res.stderr) == [f"bilateral: {path}:line 1: 2 lone surrogate escape(s) (invalid UTF-16) "
                                  "replaced by U+FFFD"]
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert {s["doc_id"] for e in events for s in e["sources"]} == {"bad", "good"}


def test_similarity_with_a_surrogate_or_a_bad_row_scores_the_others(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    rows = [{"id": "s", "text1": "Talks in Astana \ud800", "text2": "Talks in Astana"},
            {"id": "n", "text1": 5, "text2": "text"},
            {"id": "ok", "text1": "Trade talks in Minsk", "text2": "Trade talks in Minsk"}]
    pairs.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="ascii")
    res = _run("similarity", str(pairs))
    assert res.returncode == 0 and "Traceback" not in res.stderr
    scored = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert scored == ["s", "ok"]
    errs = _lines(res.stderr)
    assert len(errs) == 2 and "line 1" in errs[0] and "surrogate" in errs[0] and "line 2" in errs[1]


# ---------------------------------------------------------------- environment

def test_bad_max_bytes_in_the_environment_is_one_line_and_help_still_works():
    res = _run("--help", env={"BILATERAL_MAX_BYTES": "abc"})
    assert res.returncode == 0 and "Usage" in res.stdout
    assert _lines(res.stderr) == ["bilateral: BILATERAL_MAX_BYTES='abc' is not a positive number of bytes; "
                                  "using 20971520"]


# ---------------------------------------------------------------- long texts and the time budget

def test_overlong_sentences_are_cut_at_word_boundaries_with_true_offsets():
    text = "Intro sentence here. " + " ".join(f"word{i}" for i in range(3000)) + ". End."
    first = Sentence(0, 0, 20, text[:20])
    long = Sentence(1, 21, len(text) - 5, text[21:len(text) - 5])
    last = Sentence(2, len(text) - 4, len(text), text[-4:])
    out = bound_sentences(text, [first, long, last], limit=500)
    assert out[0] == first and out[-1].text == "End."
    assert [s.index for s in out] == list(range(len(out)))
    for s in out:
        assert text[s.start:s.end] == s.text and len(s.text) <= 500
        assert not s.text[0].isspace() and not s.text[-1].isspace()
    pieces = out[1:-1]
    assert len(pieces) >= len(long.text) // 500
    assert " ".join(p.text for p in pieces) == long.text  # nothing lost, no word split
    assert bound_sentences(text, [first, last]) == [first, last]  # ordinary sentences untouched


def test_time_budget_interrupts_a_hanging_stage():
    # a budget that did not interrupt would let the sleep finish and raise nothing
    with pytest.raises(DocTimeout):
        with time_budget(0.2):
            time.sleep(30)
    with time_budget(0):  # 0 = no limit
        time.sleep(0.01)


def _hang_on_one(a: Analysis) -> None:
    if a.document.doc_id == "hangs":
        time.sleep(60)


def test_a_document_over_its_budget_is_skipped_and_the_rest_go_on(monkeypatch):
    pipeline.warm_up()  # models load once, outside any document's budget
    # a component that hangs on one document, run where analysis starts
    monkeypatch.setattr(pipeline, "FLOW", inserted(pipeline.FLOW, Component("hang", _hang_on_one, ("raw",)),
                                                   before="sentences"))
    docs = [RawDocument(doc_id=i, source=f"{i}.txt", text=GOOD_EN, language="en") for i in ("a", "hangs", "b")]
    results = list(pipeline.process_many(docs, jobs=1, doc_timeout=3))
    assert [r.source for r in results] == ["a.txt", "hangs.txt", "b.txt"]
    assert results[1].error == "skipped: over the time budget of 3 s per document (--doc-timeout)"
    assert results[0].events and results[2].events
    assert results[0].events[0].countries == results[2].events[0].countries


def test_an_unpunctuated_text_is_processed_whole():
    words = ("the president of Kazakhstan met the foreign minister of Uzbekistan in Tashkent to discuss "
             "trade worth 4 billion dollars").split()
    text = " ".join(words[i % len(words)] for i in range(20000))
    result = pipeline.process(RawDocument(doc_id="long", source="long.txt", text=text, language="en"))
    assert result.error is None and result.events
