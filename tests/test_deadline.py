"""The per-document time budget does not count loading (bilateral.deadline).

Why: with ``--jobs 1`` the first document used to pay for loading spaCy, natasha, the encoder
and every knowledge index (seconds; far more on a loaded machine), so under load a run of one
document could skip it. Loaders (``deadline.loader``) run with the clock stopped.

Not timing-flaky: the slow "load" is a sleep several times longer than the budget, so the same
sleep outside a loader always runs over it, and what runs under the clock is a few Python steps.
"""
from __future__ import annotations

import time

import pytest

from bilateral import deadline, kb, pipeline
from bilateral.components import Component
from bilateral.deadline import DocTimeout, clock_stopped, loader, time_budget
from bilateral.extract import direction
from bilateral.models import Analysis, RawDocument
from bilateral.resolve import people, ru_case
from bilateral.similarity import embed

BUDGET = 0.5  # seconds of the document's own time
SLOW = 2.0  # a load that takes four budgets


def _flow(step) -> tuple[Component, ...]:
    return (Component("step", step, ("raw",), ("step",)),)


def test_a_slow_model_load_does_not_use_up_the_first_documents_budget() -> None:
    loads: list[str] = []

    @loader(maxsize=1)
    def slow_model() -> str:
        time.sleep(SLOW)
        loads.append("loaded")
        return "model"

    def step(a: Analysis) -> None:
        a.layers["step"] = slow_model()

    raw = RawDocument(doc_id="one", source="one.txt", text="Some text.", language="en")
    result = pipeline.process(raw, doc_timeout=BUDGET, flow=_flow(step))
    assert result.error is None
    assert loads == ["loaded"]
    assert pipeline.process(raw, doc_timeout=BUDGET, flow=_flow(step)).error is None  # cached
    assert loads == ["loaded"]


def test_the_same_wait_outside_a_loader_is_over_budget() -> None:
    """The counterpart that shows the test above can fail: the budget does apply."""
    def step(a: Analysis) -> None:
        time.sleep(SLOW)

    raw = RawDocument(doc_id="one", source="one.txt", text="Some text.", language="en")
    result = pipeline.process(raw, doc_timeout=BUDGET, flow=_flow(step))
    assert result.error == f"skipped: over the time budget of {BUDGET:g} s per document (--doc-timeout)"


def test_the_clock_goes_on_after_a_load_with_the_time_that_was_left() -> None:
    with pytest.raises(DocTimeout):
        with time_budget(BUDGET):
            with clock_stopped():
                time.sleep(SLOW)
            time.sleep(SLOW)  # the budget still holds after the load


def test_a_loader_inside_a_loader_keeps_the_clock_stopped() -> None:
    @loader
    def inner() -> int:
        time.sleep(SLOW / 2)
        return 1

    @loader
    def outer() -> int:
        value = inner()
        time.sleep(SLOW / 2)
        return value + 1

    with time_budget(BUDGET):
        assert outer() == 2


def test_without_a_budget_a_loader_is_a_plain_cache() -> None:
    calls: list[int] = []

    @loader
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    assert not deadline._running
    assert [square(3), square(3), square(4)] == [9, 9, 16] and calls == [3, 4]
    square.cache_clear()
    assert square(3) == 9 and calls == [3, 4, 3]


@pytest.mark.parametrize("load", [people._spacy, people._natasha, direction._parser, embed._model, ru_case.morph,
                                  kb.load_yaml, kb.load_tsv])
def test_the_models_and_knowledge_files_load_outside_the_budget(load) -> None:
    assert getattr(load, "outside_budget", False), f"{load.__qualname__} is no deadline.loader"
