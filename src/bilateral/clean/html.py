"""Main text of an HTML page via trafilatura (no network, no downloads).

The page's metadata (title, publication date, canonical URL) is read by
``bilateral.read.html.html_metadata``, once: by the reader, or by ``clean`` for a page no reader
has looked at. Asking trafilatura for it here as well would read it a second time (about as
long as the main-text extraction itself); without it the text is the same.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HtmlMain:
    text: str


def extract_html(html: str, url: str | None = None) -> HtmlMain:
    """The article text of ``html`` (paragraphs as lines).

    Comments are left out; tables stay (trade figures live in them). When trafilatura finds
    nothing (a page that is all navigation), the text is empty: the pipeline reports the
    document as having no text, which is the truth.
    """
    import trafilatura  # lazy: ~0.5 s to import (lxml, htmldate); only HTML input needs it

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=False, include_comments=False,
                                      include_tables=True)
    if doc is None:
        return HtmlMain("")
    text = doc.get("text") if isinstance(doc, dict) else getattr(doc, "text", None)
    return HtmlMain(text or "")
