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
        if ch == "й" and i == n - 1 and prev in ("и", "ы") and n > 3:
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


# German (Duden-style) transliteration, the way German news spells Russian and Central Asian
# names: Лукашенко -> Lukaschenko, Токаев -> Tokajew, Жапаров -> Schaparow, Мирзиёев -> Mirsijojew.
_GERMAN = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch", "з": "s",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch",
    "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja",
    "і": "i", "ї": "ji", "є": "je", "ґ": "g", "ў": "w",
}


def _german_word(word: str) -> str:
    low = word.lower()
    out: list[str] = []
    n = len(low)
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < n else ""
        if ch == "е" and (i == 0 or prev in _VOWELS):
            out.append("je")
        elif ch == "й" and (prev in "ии" or prev == "ы") and i == n - 1:
            continue  # Дмитрий -> Dmitri, Зеленский -> Selenski
        elif ch == "й":
            out.append("i" if nxt and nxt not in _VOWELS else "j")  # Schoigu, Sergej
        elif ch == "с" and prev in _VOWELS - {"ъ", "ь"} and nxt in _VOWELS - {"ъ", "ь"}:
            out.append("ss")  # Vassilenko: a single s between vowels would be voiced
        elif ch == "к" and nxt == "с":
            out.append("x")  # Алексей -> Alexej
        elif ch == "с" and prev == "к":
            continue
        else:
            out.append(_GERMAN.get(ch, ch))
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
