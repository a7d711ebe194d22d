"""Fuzzing the readers and ``similarity`` with hypothesis: whatever the bytes, reading never raises,
every problem is a ReadError naming its place, everything read can be written as UTF-8, and a good
record after the junk is still read.

Inputs drawn: arbitrary bytes, JSON values of any shape, strings with lone surrogates, NULs,
control characters and long runs, JSON Lines mixing them with valid records.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bilateral.models import RawDocument, ReadError  # noqa: E402
from bilateral.read import read_paths  # noqa: E402
from bilateral.read.pairs import Pair, parse_pair  # noqa: E402

FUZZ = settings(max_examples=int(os.environ.get("BILATERAL_FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# every code point, lone surrogates (category Cs) included, NUL and controls too
ANY_CHAR = st.characters(codec=None, exclude_categories=())
NASTY_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.builds(lambda a, b: a + "\ud800" + b, st.text(max_size=50), st.text(max_size=50)),
    st.builds(lambda n: "\x00" * n, st.integers(0, 50)),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", " ", "\u200b", "\ufeff", "é"]), st.integers(1, 20000)),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | NASTY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(NASTY_TEXT, inner, max_size=4),
    max_leaves=12)
RECORD = st.fixed_dictionaries({}, optional={
    "id": st.one_of(NASTY_TEXT, st.integers(), JSON_VALUE), "text": st.one_of(NASTY_TEXT, JSON_VALUE),
    "html": NASTY_TEXT, "title": NASTY_TEXT, "url": NASTY_TEXT, "published": NASTY_TEXT,
    "language": NASTY_TEXT})
GOOD = {"id": "good-one", "text": "The presidents of Belarus and Kazakhstan met in Astana."}


def _check(items: list, good_id: str | None = None) -> dict[str, RawDocument]:
    docs = {}
    for item in items:
        assert isinstance(item, (RawDocument, ReadError))
        if isinstance(item, ReadError):
            assert item.source and item.reason
            item.reason.encode("utf-8")  # printable as one line
            continue
        for value in (item.doc_id, item.text, item.html, item.title, item.url, item.published, item.language):
            if value is not None:
                value.encode("utf-8")  # no lone surrogate survives reading
        docs[item.doc_id] = item
    if good_id is not None:
        assert good_id in docs and docs[good_id].text == GOOD["text"]
    return docs


def _read_bytes(name: str, data: bytes) -> list:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        return list(read_paths([str(path)], max_bytes=1 << 20))


@FUZZ
@given(st.lists(st.one_of(RECORD.map(lambda r: json.dumps(r).encode()), JSON_VALUE.map(lambda v: json.dumps(v).encode()),
                          st.binary(max_size=300)), max_size=8))
def test_jsonl_reader_never_raises_and_keeps_the_good_record(lines):
    data = b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n" + json.dumps(GOOD).encode() + b"\n"
    _check(_read_bytes("feed.jsonl", data), good_id="good-one")


@FUZZ
@given(st.binary(max_size=4000))
def test_text_reader_never_raises_on_any_bytes(data):
    items = _read_bytes("article.txt", data)
    assert len(items) == 1
    _check(items)


@FUZZ
@given(st.one_of(st.binary(max_size=3000), NASTY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_html_and_warc_readers_never_raise(data):
    for name in ("page.html", "crawl.warc", "feed.jsonl.gz", "article.txt.gz"):
        _check(_read_bytes(name, data))


@FUZZ
@given(st.one_of(RECORD.map(json.dumps), JSON_VALUE.map(json.dumps), NASTY_TEXT,
                 st.fixed_dictionaries({"id": st.one_of(NASTY_TEXT, st.integers(), JSON_VALUE),
                                        "text1": st.one_of(NASTY_TEXT, JSON_VALUE),
                                        "text2": st.one_of(NASTY_TEXT, JSON_VALUE),
                                        "lang1": JSON_VALUE}).map(json.dumps)))
def test_similarity_lines_give_a_pair_or_a_reason(line):
    pair = parse_pair(line)
    if isinstance(pair, str):
        assert pair and "\n" not in pair
        return
    assert isinstance(pair, Pair)
    pair.text1.encode("utf-8")
    pair.text2.encode("utf-8")
    json.dumps({"id": pair.id}).encode("utf-8")


@settings(max_examples=int(os.environ.get("BILATERAL_FUZZ_EXAMPLES", "150")) // 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(NASTY_TEXT, NASTY_TEXT, st.sampled_from([None, "en", "de", "ru", "xx", ""]))
def test_similarity_scores_any_text_in_zero_one(text1, text2, lang):
    from bilateral.similarity.model import article_similarity
    from bilateral.read.meta import scrub_surrogates

    a, _ = scrub_surrogates(text1)
    b, _ = scrub_surrogates(text2)
    score = article_similarity(a, b, lang, lang)
    assert 0.0 <= float(score) <= 1.0
