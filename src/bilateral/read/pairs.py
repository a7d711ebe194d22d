"""One line of ``bilateral similarity``'s input -> a pair of texts to score, or why it cannot be.

A line is ``{"id", "text1", "text2", "lang1"?, "lang2"?}``. Why a module: every way a line can
be wrong (not JSON, not an object, no id, texts that are not strings, lone surrogates that could
never be written out) must give one warning for that line and let the others be scored; the
fuzz tests drive this function directly.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from bilateral.read.meta import scrub_surrogates


@dataclass
class Pair:
    id: object
    text1: str
    text2: str
    lang1: str | None
    lang2: str | None
    note: str | None = None  # a warning about the line that did not stop it (surrogates replaced)


def parse_pair(line: str) -> Pair | str:
    """The pair on ``line``, or the reason it is skipped."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return "not valid JSON (nested too deeply)"
    if not isinstance(row, dict):
        return f"not a JSON object (found a {type(row).__name__})"
    missing = [k for k in ("id", "text1", "text2") if k not in row]
    if missing:
        return f"no {', '.join(repr(k) for k in missing)}"
    pid = row["id"]
    if isinstance(pid, str):
        pid, _ = scrub_surrogates(pid)
    elif not isinstance(pid, (int, float)) or isinstance(pid, bool):
        return "id must be a string or a number"
    texts = [row["text1"], row["text2"]]
    if not all(isinstance(t, (str, type(None))) for t in texts):
        return "text1 and text2 must be strings"
    (t1, r1), (t2, r2) = scrub_surrogates(texts[0] or ""), scrub_surrogates(texts[1] or "")
    langs = [row.get("lang1"), row.get("lang2")]
    lang1, lang2 = (v if isinstance(v, str) and v.isascii() else None for v in langs)
    note = f"{r1 + r2} lone surrogate escape(s) (invalid UTF-16) replaced by U+FFFD" if r1 + r2 else None
    return Pair(pid, t1, t2, lang1, lang2, note)
