"""Cleaning a found name span down to the name itself.

NER models and capitalisation rules hand over spans with more than a name in them: titles and
honorifics ("Papst Franziskus", "Mr Johnson", "ксёндз Вальдемар Цисло"), a title with a place
adjective and no name at all ("Папа Римский", "Патриарх Московский"), brackets and quotes
("Асии Биби (", "Ульрих Делиус (Ulrich Delius)"), numbers ("House Bill 481" -> "Bill 481"),
datelines ("Philippe Coutinho MUNICH") and, in Russian, a sentence-initial common noun
("Христианка Асия Биби") or a word of the next clause ("Мухаммед. Если вы"). Titles are data
(``data/person_titles.tsv``); a title becomes the person's role, never part of the name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bilateral.deadline import loader
from bilateral.kb import load_tsv
from bilateral.lang import language
from bilateral.resolve.ru_case import morph

_WORD = re.compile(r"\S+")
# Characters a name never contains: brackets, quotes, slashes, sentence punctuation.
_CUT = re.compile(r"[()\[\]{}«»„“”\"/|:;!?…]|(?<![A-ZА-ЯЁ])\.(?=\s|$)|,")
_STRIP = " \t\n\u00a0.,;:!?-–—'’‘"
_RU_ADJ = re.compile(r"(?i)[а-яё]+(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ое)$")
_NON_NOMINAL = {"CONJ", "PREP", "PRCL", "NPRO", "INTJ", "ADVB", "VERB", "INFN", "PRED", "COMP",
                "GRND", "PRTS", "NUMR"}


@dataclass(frozen=True)
class CleanSpan:
    start: int
    end: int
    role: str | None  # from a title ("Pope"), else None


@loader
def _title_patterns(lang: str) -> tuple[tuple[re.Pattern, str | None], ...]:
    out = []
    for r in load_tsv("person_titles.tsv"):
        if r["lang"] not in (lang, "*"):
            continue
        role = r["role"].strip() or None
        out.append((re.compile(r"(?:" + r["pattern"] + r")\.?", re.I), role))
    # multi-word titles first ("crown prince" before "prince")
    out.sort(key=lambda t: -t[0].pattern.count(" "))
    return tuple(out)


def title_at(words: list[tuple[int, int, str]], i: int, lang: str) -> tuple[int, str | None] | None:
    """(number of words, role) of a title starting at word ``i``, if one does."""
    for pat, role in _title_patterns(lang):
        k = pat.pattern.count(" ") + 1
        if i + k > len(words):
            continue
        phrase = " ".join(w[2] for w in words[i:i + k])
        if pat.fullmatch(phrase):
            return k, role
    return None


@lru_cache(maxsize=20000)
def is_ru_common_word(word: str) -> bool:
    """A Russian word the dictionary knows only as something other than a name."""
    parses = morph().parse(word.lower())
    if not parses or not all(p.is_known for p in parses):
        return False
    for p in parses:
        g = p.tag.grammemes
        if {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Init"} & g:
            return False
    return True


@lru_cache(maxsize=20000)
def _ru_place(word: str) -> bool:
    """A Russian word whose best reading is a place name (Руси, Москвы)."""
    if not re.search(r"[а-яё]", word.lower()):
        return False
    parses = morph().parse(word.lower())
    return bool(parses) and "Geox" in parses[0].tag.grammemes


@lru_cache(maxsize=20000)
def _ru_function_word(word: str) -> bool:
    parses = morph().parse(word.lower())
    return bool(parses) and parses[0].is_known and parses[0].tag.POS in _NON_NOMINAL and \
        not ({"Name", "Surn", "Patr"} & parses[0].tag.grammemes)


def clean_span(text: str, start: int, end: int, lang: str) -> CleanSpan | None:
    """The part of ``text[start:end]`` that is a person's name, with a title's role; None
    when no name is left (a title alone, a title and a place adjective, punctuation)."""
    words = [(start + m.start(), start + m.end(), m.group(0))
             for m in _WORD.finditer(text[start:end])]
    # opening quotes and brackets before the name («Навальный)
    while words and not words[0][2][:1].isalnum():
        s0, e0, w = words[0]
        core = w.lstrip("".join(ch for ch in w if not ch.isalnum()) or " ")
        words = ([(e0 - len(core), e0, core)] if core else []) + words[1:]
    role = None
    # a place adjective before a title (Римский папа Бенедикт XVI)
    if len(words) > 1 and _RU_ADJ.fullmatch(words[0][2]) and title_at(words, 1, lang):
        words = words[1:]
    # leading titles and honorifics, each perhaps followed by a place adjective (Папа Римский)
    while words:
        t = title_at(words, 0, lang)
        if t is None:
            break
        k, r = t
        role = role or r
        words = words[k:]
        while words and _RU_ADJ.fullmatch(words[0][2].strip(_STRIP)):
            words = words[1:]
        # the rest of a long title: "Патриарх Московский и всея Руси Кирилл"
        if words and not words[0][2][:1].isupper():
            while words and not words[0][2][:1].isupper():
                words = words[1:]
            while words and _ru_place(words[0][2].strip(_STRIP)):
                words = words[1:]
    if not words:
        return None
    # the name ends at a bracket, a quote, sentence punctuation or a comma
    a, b = words[0][0], words[-1][1]
    cut = _CUT.search(text, a, b)
    if cut:
        words = [w for w in words if w[0] < cut.start()]
        if words and words[-1][1] > cut.start():
            w = words[-1]
            words[-1] = (w[0], cut.start(), text[w[0]:cut.start()])
    # a word with a digit ends the name ("Bill 481"); Roman numerals are letters (Benedikt XVI)
    for i, w in enumerate(words):
        if any(ch.isdigit() for ch in w[2]):
            words = words[:i]
            break
    if language(lang).dictionary_morphology or any(re.search(r"[а-яё]", w[2].lower()) for w in words):
        # a sentence-initial common noun before the name (Христианка Асия Биби)
        while len(words) > 1 and is_ru_common_word(words[0][2].strip(_STRIP)):
            words = words[1:]
        # a place adjective right after the name words is no part of it (... Московский)
        for i, w in enumerate(words):
            if i and _ru_function_word(w[2].strip(_STRIP)):
                words = words[:i]
                break
        if len(words) == 1 and _RU_ADJ.fullmatch(words[0][2].strip(_STRIP)) and role:
            words = []
    else:
        # a dateline or heading word in capitals after a name (Philippe Coutinho MUNICH)
        if len(words) > 1 and not all(w[2].isupper() for w in words):
            while len(words) > 1 and words[-1][2].isupper() and len(words[-1][2]) > 3:
                words = words[:-1]
    # a possessive is no part of the name (Merkel's)
    if words and re.search(r"['’]s$", words[-1][2]):
        s0, e0, w = words[-1]
        words[-1] = (s0, e0 - 2, w[:-2])
    # trailing and leading punctuation
    while words:
        s0, e0, w = words[-1]
        core = w.rstrip(_STRIP)
        if core:
            # keep the full stop of an initial (George W.) only inside the name, never at its end
            words[-1] = (s0, s0 + len(core), core)
            break
        words.pop()
    while words:
        s0, e0, w = words[0]
        core = w.lstrip(_STRIP)
        if core:
            words[0] = (e0 - len(core), e0, core)
            break
        words.pop(0)
    if not words or not any(ch.isalpha() for w in words for ch in w[2]):
        return None
    return CleanSpan(words[0][0], words[-1][1], role)


def title_before(text: str, pos: int, lang: str) -> str | None:
    """The role of a title standing right before ``pos`` ("Патриарх Московский Кирилл",
    "Papst Franziskus"), allowing a place adjective or "и всея Руси" between; else None."""
    words = [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, max(0, pos - 60), pos)]
    for k in range(1, min(5, len(words)) + 1):
        tail = words[-k:]
        t = title_at(tail, 0, lang)
        if t is None:
            continue
        rest = tail[t[0]:]
        if all(_RU_ADJ.fullmatch(w[2]) or not w[2][:1].isupper() or _ru_place(w[2])
               for w in rest):
            return t[1]
    return None


def clean_name(name: str) -> str:
    """A canonical name with nothing a name never holds: brackets, quotes, trailing punctuation
    (the last guard before a name leaves this package)."""
    name = name.strip().lstrip(_STRIP + "([{«„“”\"")
    cut = _CUT.search(name)
    if cut:
        name = name[:cut.start()]
    return " ".join(name.split()).strip(_STRIP)
