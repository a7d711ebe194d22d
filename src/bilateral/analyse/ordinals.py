"""Which occasion of a series a text names: "his second trip to China this year", "the 19th
meeting of the intergovernmental commission", "der zweite Gipfel", "второй визит в этом году".

Why: the same leaders meet several times a year in the same capital and many reports give no
date; the number a report gives its occasion tells such meetings apart (the second visit this
year is not the first) and ties the reports of one occasion together (``link.evidence``).

An ordinal (a word, or digits with the language's ordinal suffix) counts when an occasion noun
follows within ``max_gap`` words, none of them a function word ("the first day of the visit" is
no first visit). Its sentence says whether it counts within the year ("this year") and whether
it speaks of the reported occasion itself ("this is his second visit"); a phrase before it may
put it in the past ("last year's first meeting"). All words live in ``data/occasions.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bilateral.kb import load_yaml
from bilateral.models import OrdinalMention, Sentence

ANY_KIND = "*"  # "for the first time": the first occasion of whatever series the event belongs to
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+[^\s,;:!?()\"«»“”]*", re.UNICODE)


@dataclass(frozen=True)
class _Lexicon:
    ordinal: re.Pattern[str]  # one word: an ordinal word or digits with an ordinal suffix
    numbers: tuple[tuple[str, int], ...]  # stem -> number, longest stems first
    kinds: tuple[tuple[str, str], ...]  # noun stem -> kind, longest first
    gap_stop: frozenset[str]
    max_gap: int
    year_scope: tuple[str, ...]
    deictic: tuple[str, ...]
    background: tuple[str, ...]
    first_time: re.Pattern[str] | None  # "for the first time": ordinal 1 of any kind


@lru_cache(maxsize=None)
def _lexicon(lang: str) -> _Lexicon | None:
    data = load_yaml("occasions.yaml")
    words = (data.get("ordinals") or {}).get(lang)
    if not words:
        return None
    ending = (data.get("endings") or {}).get(lang) or ""
    numeric = (data.get("numeric") or {}).get(lang)
    stems = sorted(words, key=len, reverse=True)
    alts = "|".join(re.escape(s) for s in stems)
    forms = [rf"(?:{alts}){ending}"]
    if numeric:
        forms.append(rf"\d{{1,3}}{numeric}")
    ordinal = re.compile(rf"^(?:{'|'.join(forms)})$", re.IGNORECASE)
    kinds = sorted(((noun.casefold(), kind) for kind, by_lang in (data.get("kinds") or {}).items()
                    for noun in (by_lang.get(lang) or [])), key=lambda kv: len(kv[0]), reverse=True)
    return _Lexicon(
        ordinal=ordinal,
        numbers=tuple((s.casefold(), int(n)) for s, n in sorted(words.items(), key=lambda kv: len(kv[0]), reverse=True)),
        kinds=tuple(kinds),
        gap_stop=frozenset(w.casefold() for w in (data.get("gap_stop") or {}).get(lang) or []),
        max_gap=int(data.get("max_gap") or 3),
        year_scope=tuple(p.casefold() for p in (data.get("year_scope") or {}).get(lang) or []),
        deictic=tuple(p.casefold() for p in (data.get("deictic") or {}).get(lang) or []),
        background=tuple(p.casefold() for p in (data.get("background") or {}).get(lang) or []),
        first_time=_phrases((data.get("first_time") or {}).get(lang) or []),
    )


def _phrases(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


def _number(word: str, lex: _Lexicon) -> int | None:
    digits = re.match(r"\d+", word)
    if digits:
        n = int(digits.group())
        return n if 0 < n < 1000 else None
    w = word.casefold()
    return next((n for stem, n in lex.numbers if w.startswith(stem)), None)


def _kind(word: str, lex: _Lexicon) -> str | None:
    w = word.casefold()
    return next((kind for stem, kind in lex.kinds if w.startswith(stem)), None)


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    """A phrase as whole words of ``text`` (already case-folded)."""
    return any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text) for p in phrases)


def find_ordinals(text: str, lang: str, sentences: list[Sentence]) -> list[OrdinalMention]:
    """Every "<ordinal> ... <occasion>" phrase of the text, sentence by sentence."""
    lex = _lexicon(lang)
    if lex is None:
        return []
    out: list[OrdinalMention] = []
    for s in sentences:
        words = list(_WORD.finditer(s.text))
        folded = s.text.casefold()
        for i, w in enumerate(words):
            if not lex.ordinal.match(w.group()):
                continue
            number = _number(w.group(), lex)
            if number is None:
                continue
            noun = _occasion_noun(s.text, words, i, lex)
            if noun is None:
                continue
            j, kind = noun
            start, end = s.start + w.start(), s.start + words[j].end()
            before = folded[:w.start()]
            out.append(OrdinalMention(
                start=start, end=end, surface=text[start:end], number=number, kind=kind,
                scope="year" if _has_phrase(folded, lex.year_scope) else "all",
                deictic=_has_phrase(before, lex.deictic),
                background=_has_phrase(before[-40:], lex.background)))
        if lex.first_time is not None:
            for m in lex.first_time.finditer(s.text):
                start, end = s.start + m.start(), s.start + m.end()
                before = folded[:m.start()]
                out.append(OrdinalMention(start=start, end=end, surface=text[start:end], number=1, kind=ANY_KIND,
                                          scope="all", deictic=_has_phrase(before, lex.deictic),
                                          background=_has_phrase(before[-40:], lex.background)))
    out.sort(key=lambda o: o.start)
    return out


def _occasion_noun(sentence: str, words: list[re.Match[str]], i: int, lex: _Lexicon) -> tuple[int, str] | None:
    """The occasion noun the ordinal ``words[i]`` counts (its index and kind), if any."""
    for j in range(i + 1, min(len(words), i + 2 + lex.max_gap)):
        if _gap_broken(sentence, words[j - 1].end(), words[j].start()):
            return None
        kind = _kind(words[j].group(), lex)
        if kind is not None:
            return j, kind
        if words[j].group().casefold() in lex.gap_stop:
            return None
    return None


def _gap_broken(text: str, a: int, b: int) -> bool:
    """Punctuation between two words ends the phrase (a hyphen inside a name does not)."""
    return bool(re.search(r"[,;:.!?()\"«»“”]", text[a:b]))
