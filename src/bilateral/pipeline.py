"""The flow of one document through every stage, and of many documents through it in parallel.

    read -> clean (+language, publication date) -> analyse/resolve -> extract  [per document]
    link                                                                        [across documents]

``FLOW`` below is the whole per-document flow: a list of named components, each declaring the
layers it requires and assigns (``bilateral.components``; docs/ARCHITECTURE.md). Everything up
to ``extract`` is a pure function of one document, so ``process_many`` fans the documents out
to worker processes (or Ray tasks) that all run ``process`` with the same flow, and yields
results in input order: the output does not depend on ``jobs`` or the engine.
"""
from __future__ import annotations

import importlib.util
import multiprocessing as mp
import os
import sys
from collections.abc import Iterable, Iterator, Sequence

from bilateral import clean
from bilateral.analyse.dates import find_times
from bilateral.analyse.figures import find_figures
from bilateral.analyse.ordinals import find_ordinals
from bilateral.analyse.protocol import find_protocols
from bilateral.analyse.sentences import split_sentences
from bilateral.budget import bound_sentences
from bilateral.components import Component, StopDocument, check_flow, part, run_flow
from bilateral.deadline import DEFAULT_DOC_TIMEOUT, DocTimeout, time_budget
from bilateral.distributed import process_ray
from bilateral.extract.events import extract_events
from bilateral.extract.triggers import sentence_triggers
from bilateral.kb import load_yaml
from bilateral.languages import has_vocabulary
from bilateral.link import link_events
from bilateral.models import Analysis, DocResult, Document, Event, RawDocument, ReadError
from bilateral.read import read_paths
from bilateral.resolve.geo import find_countries, find_organizations, find_places
from bilateral.resolve.people import find_people, load_ner
from bilateral.resolve.quotes import find_quotes


def _max_bytes_from_env(default: int = 20 * 1024 * 1024) -> int:
    """$BILATERAL_MAX_BYTES as a positive integer; a bad value is named once and the default used.

    Why not raise: this runs at import, so a typo in the environment would break every command,
    ``--help`` included, with a traceback instead of a line saying what is wrong.
    """
    value = os.environ.get("BILATERAL_MAX_BYTES")
    if value is None or not value.strip():
        return default
    try:
        parsed = int(value.strip().replace("_", ""))
    except ValueError:
        parsed = 0
    if parsed > 0:
        return parsed
    print(f"bilateral: BILATERAL_MAX_BYTES={value!r} is not a positive number of bytes; using {default}",
          file=sys.stderr, flush=True)
    return default


DEFAULT_MAX_BYTES = _max_bytes_from_env()


# ---------------------------------------------------------------- the per-document flow
# Each component reads the layers it requires and writes the layers it assigns (see
# bilateral.components); the lists below are the whole flow, in order. The adapters are one
# line each: the work is in the packages they call.

def _lang(a: Analysis) -> str:
    return a.document.language or "en"  # analysis reads a language it has no lexicon for as English


def _has_text(a: Analysis) -> None:
    if not a.document.text.strip():
        raise StopDocument("no text left after cleaning")


def _has_vocabulary(a: Analysis) -> None:
    if not has_vocabulary(a.document.language):
        raise StopDocument(None)  # no words to read it with: no events (one warning per run)


def _sentences(a: Analysis) -> None:
    # bounded: linear cost on unpunctuated text
    a.sentences = bound_sentences(a.document.text, split_sentences(a.document.text, _lang(a)))


def _countries(a: Analysis) -> None:
    a.countries = find_countries(a.document.text, _lang(a))


def _organizations(a: Analysis) -> None:
    a.organizations = find_organizations(a.document.text, _lang(a))


def _places(a: Analysis) -> None:
    a.places = find_places(a.document.text, _lang(a))


def _times(a: Analysis) -> None:
    a.times = find_times(a.document.text, _lang(a), a.document.published)


def _triggers(a: Analysis) -> None:
    a.triggers = sentence_triggers(a.sentences, _lang(a))


def _people(a: Analysis) -> None:
    a.people = find_people(a.document, a.sentences, a.countries)


def _ordinals(a: Analysis) -> None:
    a.ordinals = find_ordinals(a.document.text, _lang(a), a.sentences)


def _protocols(a: Analysis) -> None:
    a.protocols = find_protocols(a.document.text, _lang(a), a.sentences)


def _quotes(a: Analysis) -> None:
    a.quotes = find_quotes(a.document.text, _lang(a), a.people)


def _figures(a: Analysis) -> None:
    a.figures = find_figures(a.document.text, _lang(a), a.sentences, a.countries, a.times)


def _events(a: Analysis) -> None:
    a.events = extract_events(a)


_DOC = ("text", "language")  # what nearly every analysis component reads

FLOW: tuple[Component, ...] = (
    # clean: RawDocument -> Document (bilateral.clean.STEPS, in the same order)
    Component("original", clean.assign_original, ("raw",), ("original", "metadata"),
              "main text of an HTML page (trafilatura) or the text as read; declared title and date"),
    Component("layout", clean.assign_text, ("original",), ("layout", "text", "segments"),
              "keep title, dateline and paragraphs, drop page furniture; offsets back to the original"),
    Component("language", clean.assign_language, ("raw", "text"), ("language",),
              "declared language, else detected"),
    Component("datelines", clean.assign_datelines, ("layout", "text", "language"), ("datelines",),
              "a wire report's datelines, found once: the days filed (top lines), the places (text head)"),
    Component("title", clean.assign_title, ("metadata", "layout"), ("title",),
              "declared title without the site name, else the page's title line"),
    Component("pubdate", clean.assign_published, ("metadata", "layout", "language", "datelines"), ("published",),
              "declared publication date, else the dateline's"),
    Component("has_text", _has_text, ("text",), (), "stop: nothing left after cleaning (an error)"),
    Component("vocabulary", _has_vocabulary, ("language",), (),
              "stop: a language without vocabulary has no events (no error)"),
    # analyse and resolve: mentions with offsets into Document.text
    Component("sentences", _sentences, _DOC, ("sentences",), "sentences, overlong ones cut"),
    Component("countries", _countries, _DOC, ("countries",), "states: names, adjectives, capitals"),
    Component("organizations", _organizations, _DOC, ("organizations",), "international organisations"),
    Component("places", _places, _DOC, ("places",), "places (GeoNames)"),
    Component("times", _times, (*_DOC, "published"), ("times",),
              "dates and times, resolved against the publication date"),
    Component("triggers", _triggers, ("language", "sentences"), ("triggers",),
              "words naming an event (PLOVER/CAMEO), ranked in each sentence"),
    Component("ordinals", _ordinals, (*_DOC, "sentences"), ("ordinals",),
              "which occasion of a series a phrase names: 'the second visit this year'"),
    Component("protocols", _protocols, (*_DOC, "sentences"), ("protocols",),
              "the rank of a visit a phrase names: 'state visit', 'Arbeitsbesuch'"),
    Component("people", _people, (*_DOC, "published", "sentences", "countries"), ("people",),
              "people with name, state and role"),
    Component("quotes", _quotes, (*_DOC, "people"), ("quotes",), "quotations and their speakers"),
    Component("figures", _figures, (*_DOC, "sentences", "countries", "times"), ("figures",),
              "trade, investment and growth figures"),
    # extract: the document's events, with evidence offsets into the original
    Component("events", _events,
              ("raw", "original", "segments", "title", "published", "datelines", *_DOC, "sentences", "countries",
               "organizations", "places", "times", "triggers", "ordinals", "protocols", "people", "quotes",
               "figures"),
              ("events",), "interstate events: type, states, direction, date, place, actors, figures"),
)
check_flow(FLOW)  # at import: a flow that does not fit together fails before any document


def analyse(doc: Document) -> Analysis:
    """Find every mention the extractor needs, each with offsets into ``doc.text``: the flow's
    components after the gates and before ``events``, on an already cleaned document."""
    return run_flow(part(FLOW, "sentences", "figures"), Analysis(document=doc))


def process(raw: RawDocument, doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
            flow: Sequence[Component] | None = None) -> DocResult:
    """One document through the flow (``FLOW`` unless another is given) within ``doc_timeout``
    seconds.

    Never raises: failures and documents over their time budget become errors."""
    try:
        with time_budget(doc_timeout):
            a = clean.start(raw)
            try:
                run_flow(FLOW if flow is None else flow, a)
            except StopDocument as stop:
                return DocResult(raw.source, a.document, error=stop.error)
            return DocResult(raw.source, a.document, a.events)
    except DocTimeout as exc:
        return DocResult(raw.source, error=f"skipped: {exc}")
    except Exception as exc:  # a bug on one document must not stop the other 999
        return DocResult(raw.source, error=f"processing failed: {type(exc).__name__}: {exc}")


def read_all(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | ReadError]:
    yield from read_paths(list(paths), max_bytes=max_bytes)


ENGINES = ("local", "ray")


def engine_problem(engine: str, ray_address: str | None) -> str | None:
    """Why ``engine`` (with ``ray_address``) cannot run here, in one line; None when it can.

    Checked before any document is read: a known engine, an address only for Ray, and Ray
    installed when asked for (it is an optional dependency)."""
    if engine not in ENGINES:
        return f"--engine: {engine!r} is not an engine ({', '.join(ENGINES)})"
    if ray_address and engine != "ray":
        return "--ray-address needs --engine ray"
    if engine == "ray" and importlib.util.find_spec("ray") is None:
        return "--engine ray needs Ray (pip install 'ray==2.60.0')"
    return None


def process_many(items: Iterable[RawDocument | ReadError], jobs: int = 1,
                 doc_timeout: float | None = DEFAULT_DOC_TIMEOUT, engine: str = "local",
                 ray_address: str | None = None, flow: Sequence[Component] | None = None) -> Iterator[DocResult]:
    """Process documents in input order; read errors pass through as failed results.

    Every engine runs the same ``process`` with the same flow (``FLOW`` unless another is
    given; a given one is checked before the first document). ``engine="ray"`` runs each
    document as a Ray task (``bilateral.distributed``) on a local Ray with ``jobs`` workers,
    or on the cluster at ``ray_address``; the results are the same."""
    if flow is not None:
        flow = tuple(flow)
        check_flow(flow)
    if engine == "ray":
        yield from process_ray(items, process, workers=jobs, doc_timeout=doc_timeout, address=ray_address, flow=flow)
        return
    def split(stream: Iterable[RawDocument | ReadError]) -> Iterator[RawDocument | DocResult]:
        for item in stream:
            yield DocResult(item.source, error=item.reason) if isinstance(item, ReadError) else item

    if jobs <= 1:
        for item in split(items):
            yield item if isinstance(item, DocResult) else process(item, doc_timeout, flow)
        return
    warm_up()  # load models once here: forked workers share them instead of each loading its own
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs) as pool:
        pending: list = []
        for item in split(items):
            pending.append(item if isinstance(item, DocResult) else pool.apply_async(process, (item, doc_timeout, flow)))
            while pending and (isinstance(pending[0], DocResult) or pending[0].ready()):
                head = pending.pop(0)
                yield head if isinstance(head, DocResult) else head.get()
            if len(pending) > jobs * 8:  # bounded memory: wait for the oldest
                head = pending.pop(0)
                yield head if isinstance(head, DocResult) else head.get()
        for head in pending:
            yield head if isinstance(head, DocResult) else head.get()


def warm_up() -> None:
    """Load every model and knowledge index of the per-document stages: one short article per
    language in ``warm_up`` of data/languages.yaml."""
    for lang, text in (load_yaml("languages.yaml").get("warm_up") or {}).items():
        process(RawDocument(doc_id=f"warm-up-{lang}", source="warm-up", text=text, language=lang))
        load_ner(lang)  # its article may not need the language's NER model: load it anyway


def link(events: list[Event]) -> list[Event]:
    """Merge reports of the same event across documents and languages."""
    return link_events(events)
