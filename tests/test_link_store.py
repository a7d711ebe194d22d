"""One linker: the store's incremental ingest gives the clusters of one batch ``extract``.

Hard cases: the dev and seed articles (real news in several languages, with reports that
link, and same-leader events that must not), ingested one document at a time in shuffled
orders, must give exactly the events ``link_events`` makes of all their reports at once.
"""
from __future__ import annotations

import random

import pytest

from bilateral import pipeline
from bilateral.link import link_events
from bilateral.models import RawDocument
from bilateral.store.db import Store, content_hash

from conftest import shared_path


def _results(*folders):
    raws = [r for f in folders for r in pipeline.read_all([str(f)]) if isinstance(r, RawDocument)]
    return [(r, res) for r, res in zip(raws, pipeline.process_many(iter(raws))) if res.document]


def _clusters(events) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.type, tuple(sorted(s.doc_id for s in e.sources))) for e in events}


@pytest.fixture(scope="module")
def articles():
    return _results(shared_path("eval", "dev", "texts"), shared_path("seeds"))


def test_ingest_one_at_a_time_in_any_order_equals_one_batch(articles, tmp_path):
    batch = link_events([e for _, res in articles for e in res.events])
    expected = _clusters(batch)
    assert any(len(e.sources) > 1 for e in batch)  # the sets really link something
    for seed in range(3):
        order = articles[:]
        random.Random(seed).shuffle(order)
        with Store(tmp_path / f"db{seed}.sqlite") as store:
            for raw, res in order:
                assert store.add_document(res.document, res.events, content_hash(raw)) == "added"
            stored = list(store.iter_events())
            n_reports = store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        assert _clusters(stored) == expected, f"order {seed}"
        assert {e.event_id for e in stored} == {e.event_id for e in batch}
        assert n_reports == sum(len(res.events) for _, res in articles)


def test_ingest_into_postgresql_equals_one_batch(articles, pg_url):
    """The same one attach path on the second back end: one shuffled order, the batch's clusters."""
    batch = link_events([e for _, res in articles for e in res.events])
    order = articles[:]
    random.Random(3).shuffle(order)
    with Store(pg_url) as store:
        for raw, res in order:
            assert store.add_document(res.document, res.events, content_hash(raw)) == "added"
        stored = list(store.iter_events())
    assert _clusters(stored) == _clusters(batch)
    assert {e.event_id for e in stored} == {e.event_id for e in batch}
