"""Cyrillic -> Latin transliteration for names the knowledge base does not know.

BGN/PCGN-like, simplified the way English-language news writes Russian names: no apostrophes
for the soft/hard signs, "ye"/"yo" after vowels and at word start, and the adjectival endings
-ий/-ый as "-y" (Дмитрий -> Dmitry, Зеленский -> Zelensky). Василенко -> Vasilenko,
Мирзиёев -> Mirziyoyev. Ukrainian і/ї/є/ґ are covered so Ukrainian spellings do not break it.
"""
from __future__ import annotations

import re
from functools import lru_cache

from bilateral.kb import load_yaml

_CYR = re.compile(r"[\u0400-\u04FF]")


@lru_cache(maxsize=None)
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(English BGN/PCGN letters, German letters, vowels) from data/translit.yaml."""
    d = load_yaml("translit.yaml")
    return d["bgn"], d["german"], frozenset(d["vowels"])
_WORD = re.compile(r"[\u0400-\u04FF]+")


def has_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text))


def _word(word: str) -> str:
    letters, _, vowels = _tables()
    low = word.lower()
    out: list[str] = []
    n = len(low)
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        if ch == "й" and i == n - 1 and prev in ("и", "ы") and n > 3:
            continue  # the "й" of a final -ий/-ый: rendered by the vowel below
        if ch in ("и", "ы") and i == n - 2 and low[-1] == "й" and n > 3:
            out.append("y")
            continue
        if ch == "е" and (i == 0 or prev in vowels):
            out.append("ye")
            continue
        if ch == "ё" and prev in ("ж", "ч", "ш", "щ"):
            out.append("o")
            continue
        out.append(letters.get(ch, ch))
    latin = "".join(out)
    if word.isupper() and len(word) > 1:
        return latin.upper()
    if word[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


def _german_word(word: str) -> str:
    """German (Duden-style) transliteration, the way German news spells Russian and Central Asian
    names: Лукашенко -> Lukaschenko, Токаев -> Tokajew, Жапаров -> Schaparow."""
    _, letters, vowels = _tables()
    low = word.lower()
    out: list[str] = []
    n = len(low)
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < n else ""
        if ch == "е" and (i == 0 or prev in vowels):
            out.append("je")
        elif ch == "й" and (prev in "ии" or prev == "ы") and i == n - 1:
            continue  # Дмитрий -> Dmitri, Зеленский -> Selenski
        elif ch == "й":
            out.append("i" if nxt and nxt not in vowels else "j")  # Schoigu, Sergej
        elif ch == "с" and prev in vowels - {"ъ", "ь"} and nxt in vowels - {"ъ", "ь"}:
            out.append("ss")  # Vassilenko: a single s between vowels would be voiced
        elif ch == "к" and nxt == "с":
            out.append("x")  # Алексей -> Alexej
        elif ch == "с" and prev == "к":
            continue
        else:
            out.append(letters.get(ch, ch))
    latin = "".join(out)
    if word[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


def to_german(text: str) -> str:
    """German transliteration of every Cyrillic word of ``text`` (a name variant generator)."""
    return _WORD.sub(lambda m: _german_word(m.group(0)), text)


def to_latin(text: str) -> str:
    """Transliterate every Cyrillic word of ``text``; everything else is kept as it is."""
    return _WORD.sub(lambda m: _word(m.group(0)), text)
