"""Bounds on the work one document may cost: a longest sentence (and, in ``deadline``, a time budget).

Why from outside the stages: a careful tester's inputs (a 2 MB text without one full stop, a
10 MB JSON Lines field) must never hold a run of thousands of documents hostage, whatever a
stage does inside. Two guards, both invisible on ordinary news:

- ``bound_sentences``: a "sentence" longer than ``MAX_SENTENCE_CHARS`` is no sentence a writer
  wrote (news sentences stay below ~600 characters); it is cut at word boundaries into pieces of
  at most that size, so the stages whose work per sentence grows faster than its length (figure
  topics, people) do bounded work per piece and the whole analysis stays linear in the text.
- ``bilateral.deadline.time_budget``: a per-document deadline (``--doc-timeout``, default 30 s).
  When it passes, ``DocTimeout`` is raised inside the stage that is running (SIGALRM); the
  document is skipped with a warning naming it, and the run goes on with the next one. Its clock
  stops while a model or a knowledge index loads (``deadline.loader``).
"""
from __future__ import annotations

from bilateral.models import Sentence

MAX_SENTENCE_CHARS = 2000


def bound_sentences(text: str, sentences: list[Sentence], limit: int = MAX_SENTENCE_CHARS) -> list[Sentence]:
    """``sentences`` with each one longer than ``limit`` cut at whitespace into pieces <= ``limit``.

    Offsets stay offsets into ``text`` and pieces are renumbered; sentences within the limit
    (all of them, in ordinary news) come back unchanged.
    """
    if all(s.end - s.start <= limit for s in sentences):
        return sentences
    out: list[Sentence] = []
    for s in sentences:
        if s.end - s.start <= limit:
            out.append(Sentence(len(out), s.start, s.end, s.text))
            continue
        start = s.start
        while start < s.end:
            end = min(start + limit, s.end)
            if end < s.end:
                cut = text.rfind(" ", start + limit // 2, end)  # a word boundary in the second half
                end = cut if cut > start else end
            piece_start, piece_end = _strip(text, start, end)
            if piece_end > piece_start:
                out.append(Sentence(len(out), piece_start, piece_end, text[piece_start:piece_end]))
            start = end
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
