"""Cyrillic -> Latin transliteration for names the knowledge base does not know.

English-language spelling follows one documented standard, applied by a maintained library:
the English Wikipedia romanisation of Russian (a simplified BGN/PCGN: no apostrophes for the
soft and hard signs, "ye" for е at a word's start and after a vowel, the adjectival endings
-ий/-ый as "-y"), as implemented by ``iuliia`` (its ``WIKIPEDIA`` schema): Дмитрий Васильев ->
Dmitry Vasilyev, Зеленский -> Zelensky, Ельцин -> Yeltsin. One project rule on top, in the
scheme's own spirit: ё counts as a vowel for the е that follows it (Мирзиёев -> Mirziyoyev, the
spelling Uzbekistan itself uses). Letters of Ukrainian, Belarusian, Kazakh and Uzbek Cyrillic
that the Russian scheme lacks are first mapped by ``data/translit.yaml`` (``extra``).

German spelling (Лукашенко -> Lukaschenko, Токаев -> Tokajew) and French press spelling
(Loukachenko, Tokaïev) have no library scheme here; they are the tables ``german`` and ``french``
in ``data/translit.yaml`` with a few context rules, and are only used to generate the German and
French name variants of knowledge-base people, never to name an unknown person (one canonical
name).
"""
from __future__ import annotations

import re
from functools import lru_cache

import iuliia

from bilateral.deadline import loader
from bilateral.kb import load_yaml

_CYR = re.compile(r"[\u0400-\u04FF]")
_WORD = re.compile(r"[\u0400-\u04FF]+")
_SCHEME = iuliia.WIKIPEDIA  # the English-language standard (see the module docstring)


@loader
def _tables() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """(letters outside Russian, German letters, vowels) from data/translit.yaml."""
    d = load_yaml("translit.yaml")
    return d["extra"], d["german"], frozenset(d["vowels"])


def has_cyrillic(text: str) -> bool:
    return bool(_CYR.search(text))


def _recase(latin: str, word: str) -> str:
    if word.isupper() and len(word) > 1:
        return latin.upper()
    if word[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


@lru_cache(maxsize=50000)
def _word(word: str) -> str:
    """One Cyrillic word in the standard scheme (case as in the source word)."""
    extra, _, _ = _tables()
    low = word.lower().replace("ёе", "ёйе")  # ё is a vowel: the е after it is "ye"
    low = "".join(extra.get(ch, ch) for ch in low)
    return _recase(_SCHEME.translate(low), word)


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


_FR_AFTER_VOWEL_E = set("аоуёэюяеы")


def _french_word(word: str) -> str:
    """French press transcription (Лукашенко -> Loukachenko, Токаев -> Tokaïev, Мирзиёев ->
    Mirzioïev, Пашинян -> Pachinian, Сергей -> Sergueï): a name-variant generator only."""
    _, _, vowels = _tables()
    letters = _french_letters()
    low = word.lower()
    out: list[str] = []
    n = len(low)
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < n else ""
        if ch == "е" and prev in _FR_AFTER_VOWEL_E:
            out.append("ïe")  # Tokaïev, Mirzioïev (after и it stays e: Aliev)
        elif ch == "й":
            out.append("ï" if prev in vowels and prev != "и" else "i")  # Sergueï, Nikolaï
        elif ch in "ёяю" and prev == "и":
            out.append(letters[ch][1:])  # Мирзиёев -> Mirzioïev, Мария -> Maria
        elif ch == "и" and prev in "аоуэ":
            out.append("ï")  # Михаил -> Mikhaïl
        elif ch == "г" and nxt in ("е", "и", "ы", "э"):
            out.append("gu")  # Sergueï, Guennadi
        elif ch == "с" and prev in vowels - {"ъ", "ь"} and nxt in vowels - {"ъ", "ь"}:
            out.append("ss")  # Vassili
        else:
            out.append(letters.get(ch, ch))
    latin = "".join(out)
    if latin.endswith("ii"):
        latin = latin[:-1]  # Дмитрий -> Dmitri
    if word[:1].isupper():
        return latin[:1].upper() + latin[1:]
    return latin


@loader
def _french_letters() -> dict[str, str]:
    return load_yaml("translit.yaml")["french"]


def to_french(text: str) -> str:
    """French transcription of every Cyrillic word of ``text`` (a name variant generator)."""
    return _WORD.sub(lambda m: _french_word(m.group(0)), text)


def to_german(text: str) -> str:
    """German transliteration of every Cyrillic word of ``text`` (a name variant generator)."""
    return _WORD.sub(lambda m: _german_word(m.group(0)), text)


def to_latin(text: str) -> str:
    """Transliterate every Cyrillic word of ``text`` by the standard scheme; everything else is
    kept as it is."""
    return _WORD.sub(lambda m: _word(m.group(0)), text)
