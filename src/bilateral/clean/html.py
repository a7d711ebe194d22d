"""Main text and metadata of an HTML page via trafilatura (no network, no downloads)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class HtmlMain:
    text: str
    title: str | None
    date: str | None
    language: str | None


def extract_html(html: str, url: str | None = None) -> HtmlMain:
    """The article text of ``html`` (paragraphs as lines), with title/date when the page has them.

    Comments are left out; tables stay (trade figures live in them). When trafilatura finds
    nothing (a page that is all navigation), the text is empty: the pipeline reports the
    document as having no text, which is the truth.
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None:
        return HtmlMain("", None, None, None)
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    return HtmlMain(get("text") or "", get("title"), get("date"), get("language"))
