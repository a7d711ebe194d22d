"""The component contract: the flow is checked before any document, components can be swapped
or added without touching the others, and every component of ``FLOW`` reads only the layers it
requires and writes only the layers it assigns."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bilateral import clean, pipeline
from bilateral.components import (Component, FlowError, StopDocument, check_flow, describe_flow, inserted, part,
                                  replaced, run_flow)
from bilateral.models import Analysis, Document, RawDocument

EN = ("Kazakhstan's President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Tashkent "
      "on 14 March 2024. \"We will double our trade,\" Tokayev said. Trade between the two countries "
      "reached $4.2 billion in 2023, up 12 percent.")
PAGE = ("<html><head><title>Tokayev meets Mirziyoyev | Example News</title>"
        '<meta property="article:published_time" content="2024-03-14T09:31:00+05:00"></head>'
        "<body><nav><a href='/'>Home</a></nav><article><h1>Tokayev meets Mirziyoyev</h1>"
        f"<p>TASHKENT, 14 March - {EN}</p></article><footer>Share this article</footer></body></html>")
RAWS = [RawDocument(doc_id="en", source="en.txt", text=EN, language="en"),
        RawDocument(doc_id="page", source="page.html", html=PAGE, fmt="html"),
        RawDocument(doc_id="ru", source="ru.txt",
                    text="Президент Казахстана Касым-Жомарт Токаев провёл переговоры с президентом "
                         "Узбекистана Шавкатом Мирзиёевым в Ташкенте 14 марта 2024 года.")]


def _noop(a: Analysis) -> None:
    pass


def _count_words(a: Analysis) -> None:
    a.layers["title_words"] = len((a.document.title or "").split())


def _no_places(a: Analysis) -> None:
    a.places = []


def _contract(result: pipeline.DocResult) -> list[dict]:
    return [e.to_contract() for e in result.events]


# ---------------------------------------------------------------- checked at start-up

def test_the_flow_fits_together_and_reads_as_a_list():
    check_flow(pipeline.FLOW)
    text = describe_flow(pipeline.FLOW)
    assert text.splitlines()[0].startswith("original")
    assert [c.name for c in pipeline.FLOW][-1] == "events"
    assert "sentences" in text and "-> events" in text


def test_a_requirement_nobody_assigns_earlier_is_refused_with_its_names():
    flow = inserted(pipeline.FLOW, Component("sentiment", _noop, ("tone",), ("sentiment",)), after="quotes")
    with pytest.raises(FlowError, match=r"component 'sentiment' requires 'tone', which no earlier component"):
        check_flow(flow)
    # the order matters: a layer assigned only later is not available yet
    early = inserted(pipeline.FLOW, Component("early", _noop, ("people",), ()), before="people")
    with pytest.raises(FlowError, match=r"'early' requires 'people'"):
        check_flow(early)


def test_a_layer_is_assigned_once_and_names_are_unique():
    with pytest.raises(FlowError, match=r"'again' assigns 'countries', already assigned by 'countries'"):
        check_flow(inserted(pipeline.FLOW, Component("again", _noop, ("text",), ("countries",))))
    with pytest.raises(FlowError, match=r"'people' appears twice"):
        check_flow((*pipeline.FLOW, next(c for c in pipeline.FLOW if c.name == "people")))
    with pytest.raises(FlowError, match="not a Component"):
        check_flow((*pipeline.FLOW, _noop))  # type: ignore[arg-type]
    with pytest.raises(FlowError, match="no component named 'nothing'"):
        replaced(pipeline.FLOW, Component("nothing", _noop))


def test_process_many_checks_a_given_flow_before_the_first_document():
    bad = inserted(pipeline.FLOW, Component("sentiment", _noop, ("tone",), ()))
    results = pipeline.process_many(iter(RAWS[:1]), flow=bad, doc_timeout=None)
    with pytest.raises(FlowError, match="sentiment"):
        next(results)


# ---------------------------------------------------------------- swapped and added

def test_an_added_component_writes_its_own_layer_and_changes_nothing_else():
    flow = inserted(pipeline.FLOW, Component("title_words", _count_words, ("title",), ("title_words",)),
                    after="title")
    check_flow(flow)
    a = run_flow(flow, clean.start(RAWS[1]))
    assert a.layers["title_words"] == 3  # "Tokayev meets Mirziyoyev"
    assert _contract(pipeline.process(RAWS[1], None, flow)) == _contract(pipeline.process(RAWS[1], None))


def test_a_swapped_component_changes_only_what_it_assigns():
    baseline = _contract(pipeline.process(RAWS[0], None))
    assert baseline and baseline[0]["location"]["name"] == "Tashkent"
    blind = replaced(pipeline.FLOW, Component("places", _no_places, ("text", "language"), ("places",)))
    result = pipeline.process(RAWS[0], None, blind)
    assert result.error is None and result.document == pipeline.process(RAWS[0], None).document
    swapped = _contract(result)
    assert [e["location"] for e in swapped] == [None]  # no places found: the meeting has no place
    keep = ("type", "date", "countries", "actors", "figures", "quotes")  # what places do not decide
    assert [[e[k] for k in keep] for e in swapped] == [[e[k] for k in keep] for e in baseline]


def test_a_component_can_stop_a_document():
    def stop(a: Analysis) -> None:
        raise StopDocument("not wanted here")

    result = pipeline.process(RAWS[0], None, inserted(pipeline.FLOW, Component("gate", stop, ("text",)),
                                                      after="layout"))
    assert result.error == "not wanted here" and result.document is not None and not result.events
    empty = pipeline.process(RawDocument(doc_id="e", source="e.txt", text="   \n"), None)
    assert empty.error == "no text left after cleaning"


def test_clean_document_runs_the_clean_components_of_the_flow():
    assert tuple(c.run for c in part(pipeline.FLOW, "original", "pubdate")) == clean.STEPS
    for raw in RAWS:
        assert clean.clean_document(raw) == pipeline.process(raw, None).document


def test_analyse_is_the_flow_between_cleaning_and_events():
    doc = clean.clean_document(RAWS[0])
    a = pipeline.analyse(doc)
    assert a.countries and a.sentences and a.triggers and not a.events


# ---------------------------------------------------------------- the declarations are true

_IDENTITY = {"doc_id": "raw", "source": "raw", "url": "raw"}  # set from the input at start


class _Log:
    def __init__(self) -> None:
        self.reads: set[str] = set()
        self.writes: set[str] = set()
        self.on = False


class _Layers(dict):
    log: _Log

    def __getitem__(self, key):
        if self.log.on:
            self.log.reads.add(key)
        return super().__getitem__(key)

    def __setitem__(self, key, value):
        if self.log.on:
            self.log.writes.add(key)
        super().__setitem__(key, value)


def _recording(log: _Log) -> tuple[type, type]:
    doc_fields = {f.name for f in dataclasses.fields(Document)}
    a_fields = {f.name for f in dataclasses.fields(Analysis)} - {"document", "layers"}

    class RecDocument(Document):
        def __getattribute__(self, name):
            if log.on and name in doc_fields:
                log.reads.add(_IDENTITY.get(name, name))
            return object.__getattribute__(self, name)

        def __setattr__(self, name, value):
            if log.on and name in doc_fields:
                log.writes.add(_IDENTITY.get(name, name))
            object.__setattr__(self, name, value)

    class RecAnalysis(Analysis):
        def __getattribute__(self, name):
            if log.on and name in a_fields:
                log.reads.add(name)
            return object.__getattribute__(self, name)

        def __setattr__(self, name, value):
            if log.on and name in a_fields:
                log.writes.add(name)
            object.__setattr__(self, name, value)

    return RecDocument, RecAnalysis


@contextmanager
def _recorded(log: _Log) -> Iterator[None]:
    log.reads.clear()
    log.writes.clear()
    log.on = True
    try:
        yield
    finally:
        log.on = False


@pytest.mark.parametrize("raw", RAWS, ids=[r.doc_id for r in RAWS])
def test_every_component_reads_what_it_requires_and_writes_what_it_assigns(raw: RawDocument):
    log = _Log()
    RecDocument, RecAnalysis = _recording(log)
    start = clean.start(raw)
    a = RecAnalysis(document=RecDocument(**{f.name: getattr(start.document, f.name)
                                            for f in dataclasses.fields(Document)}), raw=raw)
    layers = _Layers()
    layers.log = log
    a.layers = layers
    for c in pipeline.FLOW:
        with _recorded(log):
            c.run(a)
        assert log.reads <= set(c.requires) | set(c.assigns), (c.name, log.reads - set(c.requires))
        assert log.writes <= set(c.assigns), (c.name, log.writes - set(c.assigns))
        assert set(c.assigns) <= log.writes, (c.name, set(c.assigns) - log.writes)
    assert a.events  # the texts above each report a meeting: every component really ran
