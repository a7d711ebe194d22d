"""Split a page into lines with their offsets and the few features the cleaners look at.

Offsets always point into the original string, so whatever the cleaners keep can be mapped
back exactly (``Document.segments``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE_RX = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85]*")
_STRIP = " \t\u00a0\u200b\u200c\u200d\u2060\ufeff\u3000\u2002\u2003\u2009\u202f"
_CLOSERS = "\"'»«“”„‘’‚)]}*_ "
_SENTENCE_END = ".!?…。！？؟"
_LETTERS_RX = re.compile(r"[^\W\d_]+")


@dataclass
class Line:
    """One line of the page: ``text`` is ``original[start:end]`` with edge blanks removed."""

    index: int
    start: int
    end: int
    text: str

    # features, computed once (cleaning looks at each of them several times per line)
    blank: bool = field(init=False, repr=False)
    words: int = field(init=False, repr=False)
    letters: int = field(init=False, repr=False)
    sentence_end: bool = field(init=False, repr=False)
    is_content: bool = field(init=False, repr=False)
    headline_like: bool = field(init=False, repr=False)

    def __post_init__(self) -> None:
        t = self.text
        self.blank = not t
        self.words = w = len(t.split())
        self.letters = letters = len(t) - len(_LETTERS_RX.sub("", t)) if t else 0
        r = t.rstrip(_CLOSERS)
        # ends like a sentence ("." "!" "?" "…"), also before closing quotes or brackets
        self.sentence_end = end = bool(r) and r[-1] in _SENTENCE_END
        # article prose: a sentence of five words or more, a long lead-in ending in ":", or
        # simply a long line. Menu items, share buttons and captions are short.
        self.is_content = letters >= 10 and ((end and w >= 5) or (t.endswith(":") and w >= 8) or w >= 20)
        # could be a title: a few words of text that do not end like a label ("SHARE:")
        self.headline_like = 3 <= w <= 30 and letters >= 15 and not t.endswith(":")


def split_lines(text: str) -> list[Line]:
    """Every line of ``text`` (blank ones included) with stripped offsets."""
    out: list[Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        m = _LINE_RX.match(text, pos)
        a, b = m.span()
        raw = text[a:b]
        left = len(raw) - len(raw.lstrip(_STRIP))
        right = len(raw.rstrip(_STRIP))
        if right <= left:
            out.append(Line(len(out), a, a, ""))
        else:
            out.append(Line(len(out), a + left, a + right, raw[left:right]))
        if b >= n:
            break
        # step over one line break ("\r\n" counts as one)
        pos = b + (2 if text.startswith("\r\n", b) else 1)
    return out


def trimmed(line: Line, new_start: int) -> Line:
    """The same line with its beginning moved to ``new_start`` (an offset in the original)."""
    cut = new_start - line.start
    rest = line.text[cut:]
    lead = len(rest) - len(rest.lstrip(_STRIP + "|–—-:,;"))
    rest = rest[lead:]
    return Line(line.index, new_start + lead, line.end, rest)
