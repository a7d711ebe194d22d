"""The clean stage: RawDocument -> Document (text without page furniture, title, date, language).

    html?  -> trafilatura main text (the Document's ``original``)
    lines  -> boilerplate.analyse_layout: keep title, dateline, paragraphs; drop the rest
    text   -> kept lines joined by "\\n" ("\\n\\n" where the page had a paragraph break), with
              ``segments`` mapping every kept piece back into ``original``
    title, publication date (metadata first, never the page's "today"), language

Public entry: ``clean_document``. Pieces usable alone: ``analyse_layout``, ``detect_language``,
``normalise_date``.
"""
from __future__ import annotations

import re

from bilateral.clean.boilerplate import Layout, analyse_layout
from bilateral.clean.dates import normalise_date
from bilateral.clean.language import detect_language
from bilateral.clean.pubdate import find_published, published_from_metadata
from bilateral.clean.title import clean_title, find_title
from bilateral.models import Document, RawDocument

__all__ = ["clean_document", "analyse_layout", "detect_language", "normalise_date", "assemble"]


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


def clean_document(raw: RawDocument) -> Document:
    """Clean one document. Pure function of ``raw``; never reads the network or the disk."""
    title_meta, published_meta = raw.title, raw.published
    if raw.html:
        from bilateral.clean.html import extract_html

        try:
            main = extract_html(raw.html, raw.url)
        except Exception:  # a page trafilatura cannot parse: fall back to the plain text, if any
            main = None
        original = (main.text if main else "") or raw.text or ""
        if main:
            title_meta = title_meta or main.title
            published_meta = published_meta or main.date
    else:
        original = raw.text or ""
    layout = analyse_layout(original)
    text, segments = assemble(layout)
    language = _lang_code(raw.language) or detect_language(text)
    title = clean_title(title_meta) or find_title(layout)
    published = published_from_metadata(published_meta, language) or find_published(layout, language)
    return Document(doc_id=raw.doc_id, source=raw.source, original=original, text=text,
                    segments=segments, title=title, published=published, language=language,
                    url=raw.url)
