"""The rank protocol gives a visit, as the text names it: "a state visit", "zu einem
Arbeitsbesuch", "с рабочим визитом", "visite officielle".

Why: the same two leaders visit each other several times a year, and many reports give no
date; a working visit and a state visit are two occasions, so the rank tells such visits
apart (``link.evidence``) where nothing else in an undated report does. Words live in
``data/occasions.yaml`` (``protocol``); a phrase that falls inside a longer one of an earlier
rank ("official working visit") counts once, as the earlier rank.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bilateral.kb import load_yaml
from bilateral.models import ProtocolMention, Sentence


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(rank, pattern) per rank the language has words for, in the data file's order."""
    out = []
    for rank, by_lang in (load_yaml("occasions.yaml").get("protocol") or {}).items():
        phrases = (by_lang or {}).get(lang) or []
        if phrases:
            alts = "|".join(p.replace(" ", r"\s+") for p in phrases)
            out.append((rank, re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)))
    return tuple(out)


def find_protocols(text: str, lang: str, sentences: list[Sentence]) -> list[ProtocolMention]:
    """Every visit-rank phrase of the text, in text order."""
    patterns = _patterns(lang)
    out: list[ProtocolMention] = []
    for s in sentences:
        taken: list[tuple[int, int]] = []
        for rank, pattern in patterns:
            for m in pattern.finditer(s.text):
                if any(m.start() < e and b < m.end() for b, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                start, end = s.start + m.start(), s.start + m.end()
                out.append(ProtocolMention(start, end, text[start:end], rank=rank))
    out.sort(key=lambda p: p.start)
    return out
