"""The article's title: metadata first, else the headline line the layout found.

Rules that generalise: a headline is a line of a few words that does not end like a label;
it is the one closest above the body (the layout walks up from the first paragraph past share
buttons and fragments). With nothing above the body, the first line is the title when it is
short and followed by more text (plain-text dumps that start with the headline).
"""
from __future__ import annotations

import re

from bilateral.clean.boilerplate import Layout
from bilateral.clean.datelines import is_dateline

_SITE_SUFFIX = re.compile(r"\s+[|｜]\s+[^|｜]{1,40}$")


def clean_title(title: str | None) -> str | None:
    """Metadata title without a trailing " | Site name" and surrounding blanks."""
    if not title:
        return None
    t = " ".join(title.split())
    m = _SITE_SUFFIX.search(t)
    if m and len(t[: m.start()].split()) >= 3 and len(m.group(0).split()) <= 5:
        t = t[: m.start()]
    return t or None


def find_title(layout: Layout) -> str | None:
    """Title from the page's own lines, or None when no line looks like one."""
    if layout.heads:
        first = layout.kept[layout.heads[0]]
        if len(layout.heads) > 1 and first.words < 4:
            return layout.kept[layout.heads[1]].text
        return first.text
    kept = layout.kept_lines()
    if len(kept) < 2:
        return None
    first = kept[0]
    if is_dateline(first.text) or not first.headline_like:
        return None
    t = first.text.rstrip()
    if t.endswith("."):
        ok = first.words <= 15 and t.count(". ") == 0
    elif t[-1:] in "!?":
        ok = first.words <= 20
    else:
        ok = first.words <= 30
    return first.text if ok else None
