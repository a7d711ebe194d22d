"""The clean stage: RawDocument -> Document (text without page furniture, title, date, language).

    html?  -> trafilatura main text (the Document's ``original``)
    lines  -> boilerplate.analyse_layout: keep title, dateline, paragraphs; drop the rest
    text   -> kept lines joined by "\\n" ("\\n\\n" where the page had a paragraph break), with
              ``segments`` mapping every kept piece back into ``original``
    datelines (found once: the days filed, the places) as the ``datelines`` layer
    title, publication date (metadata first, never the page's "today"), language

Public entry: ``clean_document``. Its steps (``STEPS``, each reading and writing layers of an
``Analysis``) are also the clean components of ``pipeline.FLOW``. Pieces usable alone:
``analyse_layout``, ``detect_language``, ``normalise_date``.
"""
from __future__ import annotations

import re

from bilateral.clean.boilerplate import Layout, analyse_layout
from bilateral.clean.datelines import find_datelines
from bilateral.clean.dates import normalise_date
from bilateral.clean.html import extract_html
from bilateral.clean.language import detect_language
from bilateral.clean.pubdate import find_published, month_first, published_from_metadata, top_lines
from bilateral.clean.title import clean_title, find_title
from bilateral.models import Analysis, Document, RawDocument
from bilateral.read.html import html_metadata

__all__ = ["clean_document", "analyse_layout", "detect_language", "normalise_date", "assemble", "start",
           "assign_original", "assign_text", "assign_language", "assign_title", "assign_published",
           "STEPS"]


def assemble(layout: Layout) -> tuple[str, list[tuple[int, int, int]]]:
    """Cleaned text and its segments ``(text_start, original_start, length)``."""
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    pos = 0
    prev: int | None = None
    for i in sorted(layout.kept):
        ln = layout.kept[i]
        if prev is not None:
            gap = any(layout.lines[k].blank for k in range(prev + 1, i))
            sep = "\n\n" if gap else "\n"
            parts.append(sep)
            pos += len(sep)
        segments.append((pos, ln.start, len(ln.text)))
        parts.append(ln.text)
        pos += len(ln.text)
        prev = i
    return "".join(parts), segments


def _lang_code(value: str | None) -> str | None:
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower())[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def start(raw: RawDocument) -> Analysis:
    """The ``Analysis`` a flow starts from: the input and an empty document of its identity."""
    return Analysis(document=Document(doc_id=raw.doc_id, source=raw.source, original="", text="",
                                      url=raw.url), raw=raw)


def _raw(a: Analysis) -> RawDocument:
    if a.raw is None:
        raise ValueError("the clean components need the input (Analysis.raw)")
    return a.raw


def assign_original(a: Analysis) -> None:
    """``original``: the page's main text (trafilatura) or the plain text as read; and
    ``metadata``: the title and date the input declares, completed from the page's own when no
    reader has read the page's metadata (``RawDocument.page_metadata``: it is read once)."""
    raw = _raw(a)
    title_meta, published_meta = raw.title, raw.published
    if raw.html:
        try:
            main = extract_html(raw.html, raw.url)
        except Exception:  # a page trafilatura cannot parse: fall back to the plain text, if any
            main = None
        original = (main.text if main else "") or raw.text or ""
        if main is not None and not raw.page_metadata and not (title_meta and published_meta):
            meta = html_metadata(raw.html, raw.url)
            title_meta = title_meta or meta["title"]
            published_meta = published_meta or meta["published"]
    else:
        original = raw.text or ""
    a.document.original = original
    a.layers["metadata"] = {"title": title_meta, "published": published_meta}


def assign_text(a: Analysis) -> None:
    """``layout`` of the lines of ``original`` (title, dateline, paragraphs, furniture), and the
    cleaned ``text`` with its ``segments`` back into ``original``."""
    a.layers["layout"] = page = analyse_layout(a.document.original)
    a.document.text, a.document.segments = assemble(page)


def assign_language(a: Analysis) -> None:
    """``language``: as the input declares it, else detected from the cleaned text."""
    a.document.language = _lang_code(_raw(a).language) or detect_language(a.document.text)


def assign_title(a: Analysis) -> None:
    """``title``: the declared one without its site name, else the page's title line."""
    a.document.title = clean_title(a.layers["metadata"]["title"]) or find_title(a.layers["layout"])


def assign_datelines(a: Analysis) -> None:
    """``datelines``: found once, kept for the publication date (their days) and the event
    extractor (their places)."""
    layout = a.layers["layout"]
    a.layers["datelines"] = find_datelines([ln.text for ln in layout.lines], top_lines(layout),
                                           a.document.text, month_first(a.document.language))


def assign_published(a: Analysis) -> None:
    """``published``: the declared date, else the dateline's (never the page's "today")."""
    lang = a.document.language
    a.document.published = (published_from_metadata(a.layers["metadata"]["published"], lang)
                            or find_published(a.layers["layout"], lang, a.layers["datelines"]))


STEPS = (assign_original, assign_text, assign_language, assign_datelines, assign_title, assign_published)  # the clean part of ``pipeline.FLOW``


def clean_document(raw: RawDocument) -> Document:
    """Clean one document. Pure function of ``raw``; never reads the network or the disk.

    The same steps, in the same order, as the clean components of ``pipeline.FLOW``."""
    a = start(raw)
    for step in STEPS:
        step(a)
    return a.document
