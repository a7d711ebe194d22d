"""The flow of one document through every stage, and of many documents through it in parallel.

    read -> clean (+language, publication date) -> analyse/resolve -> extract  [per document]
    link                                                                        [across documents]

Everything up to ``extract`` is a pure function of one document, so ``process_many`` fans the
documents out to worker processes and yields results in input order: the output does not
depend on ``jobs``.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bilateral.budget import DEFAULT_DOC_TIMEOUT, DocTimeout, bound_sentences, time_budget
from bilateral.languages import has_vocabulary
from bilateral.models import Analysis, Document, Event, RawDocument, ReadError



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


@dataclass
class DocResult:
    """What one document gave: its cleaned form and events, or the reason it failed."""

    source: str
    document: Document | None = None
    events: list[Event] = field(default_factory=list)
    error: str | None = None


def analyse(doc: Document) -> Analysis:
    """Find every mention the extractor needs, each with offsets into ``doc.text``."""
    from bilateral.analyse.dates import find_times
    from bilateral.analyse.figures import find_figures
    from bilateral.analyse.sentences import split_sentences
    from bilateral.extract.triggers import find_triggers
    from bilateral.resolve.geo import find_countries, find_organizations, find_places
    from bilateral.resolve.people import find_people
    from bilateral.resolve.quotes import find_quotes

    lang = doc.language or "en"
    a = Analysis(document=doc)
    a.sentences = bound_sentences(doc.text, split_sentences(doc.text, lang))  # linear cost on unpunctuated text
    a.countries = find_countries(doc.text, lang)
    a.organizations = find_organizations(doc.text, lang)
    a.places = find_places(doc.text, lang)
    a.times = find_times(doc.text, lang, doc.published)
    a.triggers = find_triggers(doc.text, lang)
    a.people = find_people(doc, a.sentences, a.countries)
    a.quotes = find_quotes(doc.text, lang, a.people)
    a.figures = find_figures(doc.text, lang, a.sentences, a.countries, a.times)
    return a


def process(raw: RawDocument, doc_timeout: float | None = DEFAULT_DOC_TIMEOUT) -> DocResult:
    """One document through clean, analyse and extract within ``doc_timeout`` seconds.

    Never raises: failures and documents over their time budget become errors."""
    try:
        from bilateral.clean import clean_document
        from bilateral.extract.events import extract_events

        with time_budget(doc_timeout):
            doc = clean_document(raw)
            if not doc.text.strip():
                return DocResult(raw.source, doc, error="no text left after cleaning")
            if not has_vocabulary(doc.language):
                return DocResult(raw.source, doc)  # no words to read it with: no events (one warning per run)
            return DocResult(raw.source, doc, extract_events(analyse(doc)))
    except DocTimeout as exc:
        return DocResult(raw.source, error=f"skipped: {exc}")
    except Exception as exc:  # a bug on one document must not stop the other 999
        return DocResult(raw.source, error=f"processing failed: {type(exc).__name__}: {exc}")


def read_all(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | ReadError]:
    from bilateral.read import read_paths

    yield from read_paths(list(paths), max_bytes=max_bytes)


ENGINES = ("local", "ray")


def process_many(items: Iterable[RawDocument | ReadError], jobs: int = 1,
                 doc_timeout: float | None = DEFAULT_DOC_TIMEOUT, engine: str = "local",
                 ray_address: str | None = None) -> Iterator[DocResult]:
    """Process documents in input order; read errors pass through as failed results.

    ``engine="ray"`` runs each document as a Ray task (``bilateral.distributed``) on a local Ray
    with ``jobs`` workers, or on the cluster at ``ray_address``; the results are the same."""
    if engine == "ray":
        from bilateral.distributed import process_ray

        yield from process_ray(items, workers=jobs, doc_timeout=doc_timeout, address=ray_address)
        return
    def split(stream: Iterable[RawDocument | ReadError]) -> Iterator[RawDocument | DocResult]:
        for item in stream:
            yield DocResult(item.source, error=item.reason) if isinstance(item, ReadError) else item

    if jobs <= 1:
        for item in split(items):
            yield item if isinstance(item, DocResult) else process(item, doc_timeout)
        return
    warm_up()  # load models once here: forked workers share them instead of each loading its own
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs) as pool:
        pending: list = []
        for item in split(items):
            pending.append(item if isinstance(item, DocResult) else pool.apply_async(process, (item, doc_timeout)))
            while pending and (isinstance(pending[0], DocResult) or pending[0].ready()):
                head = pending.pop(0)
                yield head if isinstance(head, DocResult) else head.get()
            if len(pending) > jobs * 8:  # bounded memory: wait for the oldest
                head = pending.pop(0)
                yield head if isinstance(head, DocResult) else head.get()
        for head in pending:
            yield head if isinstance(head, DocResult) else head.get()


_WARM_UP_TEXTS = {  # one short article per language with an NER model: loads every stage's knowledge
    "en": "Kazakhstan President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Almaty.",
    "ru": "Президент Казахстана Касым-Жомарт Токаев встретился с Шавкатом Мирзиёевым в Алматы.",
    "de": "Der kasachische Präsident Tokajew traf den usbekischen Präsidenten Mirsijojew in Almaty.",
}


def warm_up() -> None:
    """Load every model and knowledge index of the per-document stages."""
    for lang, text in _WARM_UP_TEXTS.items():
        process(RawDocument(doc_id=f"warm-up-{lang}", source="warm-up", text=text, language=lang))


def link(events: list[Event]) -> list[Event]:
    """Merge reports of the same event across documents and languages."""
    from bilateral.link import link_events

    return link_events(events)
