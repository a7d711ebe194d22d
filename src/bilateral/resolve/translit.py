"""Cyrillic -> Latin transliteration for names the knowledge base does not know.

BGN/PCGN-like, simplified the way English-language news writes Russian names: no apostrophes
for the soft/hard signs, "ye"/"yo" after vowels and at word start, and the adjectival endings
-ий/-ый as "-y" (Дмитрий -> Dmitry, Зеленский -> Zelensky). Василенко -> Vasilenko,
Мирзиёев -> Mirziyoyev. Ukrainian і/ї/є/ґ are covered so Ukrainian spellings do not break it.
"""
from __future__ import annotations

import re

_BASE = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w",
}
_VOWELS = set("аеёиоуыэюяіїєъь")
_CYR = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[\u0400-\u04FF]+")


def has_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text))


def _word(word: str) -> str:
    low = word.lower()
    out: list[str] = []
    n = len(low)
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        if ch in "ий" and i == n - 1 and prev in ("и", "ы") and n > 3:
            continue  # the "й" of a final -ий/-ый: rendered by the vowel below
        if ch in ("и", "ы") and i == n - 2 and low[-1] == "й" and n > 3:
            out.append("y")
            continue
        if ch == "е" and (i == 0 or prev in _VOWELS):
            out.append("ye")
            continue
        if ch == "ё" and prev in ("ж", "ч", "ш", "щ"):
            out.append("o")
            continue
        out.append(_BASE.get(ch, ch))
    latin = "".join(out)
    if word.isupper() and len(word) > 1:
        return latin.upper()
    if word[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


def to_latin(text: str) -> str:
    """Transliterate every Cyrillic word of ``text``; everything else is kept as it is."""
    return _WORD.sub(lambda m: _word(m.group(0)), text)
