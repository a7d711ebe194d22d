"""Russian personal names back to the nominative (Асии Биби -> Асия Биби, Хадимом Хусейном
Ризви -> Хадим Хусейн Ризви, Виктория Журавлева stays).

Why not word by word: a name's words agree in case and gender, and one word alone is often
ambiguous ("Журавлева" is a man's genitive or a woman's nominative, "Биби" is indeclinable,
"Мамнуну" may be a dative or an accusative). Every word proposes readings - (gender, case,
nominative) - from pymorphy3 (only parses tagged Name/Surn/Patr, singular) and from ending
rules for the foreign names the dictionary does not know; the (gender, case) most words support
wins, the nominative on ties, and each word takes its reading for it. An oblique case therefore
needs evidence: a dictionary parse, an unambiguous ending (-ии, -ией, -ом, -ому ...), or a
second word of the span in the same case.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pymorphy3

from bilateral.deadline import loader

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_OBLIQUE = _CASES[1:]
_VOWELS = "аеёиоуыэюя"
_VELAR_SIB = "гкхжшчщ"
_NAME_TAGS = {"Name", "Surn", "Patr"}

# A reading: (gender, case, nominative, weight).
Reading = tuple[str, str, str, float]


@loader(maxsize=1)
def morph() -> pymorphy3.MorphAnalyzer:
    """The pymorphy3 analyser with its Russian dictionary (a package: nothing is downloaded),
    loaded once - only Russian text needs it."""
    return pymorphy3.MorphAnalyzer(lang="ru")


def _cap(word: str, like: str) -> str:
    if "-" in word and word.count("-") == like.count("-"):
        return "-".join(_cap(a, b) for a, b in zip(word.split("-"), like.split("-")))
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


@lru_cache(maxsize=50000)
def dictionary_readings(word: str) -> tuple[Reading, ...]:
    """Readings of a name word from pymorphy3: parses tagged Name/Surn/Patr, singular.

    Known words weigh their parse score; the analyser's guesses for unknown words a quarter of
    it (right for foreign names in -ом/-у, often wrong for -а: "Пауэлла" is no woman).
    """
    low = word.lower()
    out: list[Reading] = []
    for p in morph().parse(low):
        g = p.tag.grammemes
        if not (_NAME_TAGS & g) or "plur" in g or p.tag.case not in _CASES:
            continue
        inf = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
        nom = inf.word if inf else p.normal_form
        if "ё" in nom and "ё" not in low:
            nom = nom.replace("ё", "е")  # keep the article's spelling (Елкин, not Ёлкин)
        w = p.score if p.is_known else p.score * 0.25
        genders = ("masc", "femn") if "ms-f" in g or "Fixd" in g else \
            ("femn",) if "femn" in g else ("masc",)
        cases = _CASES if "Fixd" in g else (p.tag.case,)
        if p.tag.case == "accs" and "anim" in g and "masc" in g:
            cases = ("accs", "gent")
        for gen in genders:
            for c in cases:
                out.append((gen, c, nom, w))
    return tuple(out)


def _soft(stem: str) -> str:
    """Nominative of a masculine stem whose oblique ending was -я/-ю/-ем (Сергея, Игоря)."""
    return stem + ("й" if stem[-1:] in _VOWELS else "ь")


@lru_cache(maxsize=50000)
def ending_readings(word: str) -> tuple[Reading, ...]:
    """Readings of a name word from its ending alone (for names the dictionary lacks)."""
    w = word.lower()
    n = len(w)
    out: list[Reading] = []

    def add(gender: str, cases, nom: str, weight: float) -> None:
        for c in ((cases,) if isinstance(cases, str) else cases):
            out.append((gender, c, nom, weight))

    if n < 3 or not re.fullmatch(r"[а-яё]+", w):
        if n >= 2:
            for g in ("masc", "femn"):
                add(g, _CASES, w, 0.15)
        return tuple(out)
    last = w[-1]
    # adjectival surnames: Зеленский, Вышинская, Лукомской, Зеленского, Зеленскому ...
    m = re.fullmatch(r"(.+(?:ск|цк))(ий|ого|ому|им|ом|ая|ой|ую)", w) or \
        re.fullmatch(r"(.+[^аеёиоуыэюя]н)(ого|ому|ая|ую)", w)  # Навальную, Навального
    if m and len(m.group(1)) >= 5:
        s, e = m.groups()
        masc = {"ий": ("nomn",), "ого": ("gent", "accs"), "ому": ("datv",), "им": ("ablt",),
                "ом": ("loct",)}
        femn = {"ая": ("nomn",), "ой": ("gent", "datv", "ablt", "loct"), "ую": ("accs",)}
        if e in masc:
            add("masc", masc[e], s + ("ий" if s.endswith(("ск", "цк")) else "ый"), 0.6)
        if e in femn:
            add("femn", femn[e], s + "ая", 0.6)
        return tuple(out)
    # -ия names: Асия, Мария (Асии, Асию, Асией, Асие)
    for end, cases in (("ии", ("gent", "datv", "loct")), ("ию", ("accs",)),
                       ("ией", ("ablt",)), ("ие", ("datv", "loct"))):
        if w.endswith(end) and n - len(end) >= 2:
            add("femn", cases, w[:-len(end)] + "ия", 0.8 if end != "ие" else 0.4)
            if end == "ие":
                add("masc", _CASES, w, 0.1)
            return tuple(out)
    if w.endswith("ия"):
        add("femn", "nomn", w, 0.5)
        return tuple(out)
    # -ович/-евич surnames (Абрамович): masculine forms decline, feminine ones do not
    m = re.fullmatch(r"(.+[оеё]вич)(а|у|ем|е)?", w)
    if m and len(m.group(1)) >= 6:
        e = m.group(2) or ""
        cases = {"": ("nomn",), "а": ("gent", "accs"), "у": ("datv",), "ем": ("ablt",),
                 "е": ("loct",)}[e]
        add("masc", cases, m.group(1), 0.5)
        add("femn", _CASES, w, 0.15 if not e else 0.0)
        return tuple(out)
    # -ов/-ев/-ин/-ын surnames and their feminine forms
    m = re.fullmatch(r"(.+(?:ов|ев|ёв|ин|ын))(а|у|ым|ом|е|ой|ы)?", w)
    if m and len(m.group(1)) >= 4:
        s, e = m.group(1), m.group(2) or ""
        fem = s + "а"
        table = {"": [("masc", "nomn", s)], "а": [("masc", ("gent", "accs"), s), ("femn", "nomn", fem)],
                 "у": [("masc", "datv", s), ("femn", "accs", fem)], "ым": [("masc", "ablt", s)],
                 "ом": [("masc", "loct", s)], "е": [("masc", "loct", s)],
                 "ой": [("femn", ("gent", "datv", "ablt", "loct"), fem)]}
        for g, cs, nom in table.get(e, []):
            add(g, cs, nom, 0.5)
        if out:
            add("femn", _CASES, w, 0.1) if e == "" else None
            return tuple(out)
    stem1, stem2 = w[:-1], w[:-2]
    if last not in _VOWELS and last not in "йь":  # consonant: Трамп, Хадим; feminine: indeclinable
        if w.endswith(("ом", "ем", "ём")) and n >= 5:
            nom = stem2 if w.endswith("ом") or stem2[-1:] in "цжшчщ" else _soft(stem2)
            add("masc", "ablt", nom, 0.45)
            add("masc", "nomn", w, 0.2)  # Джером, Шалом
        elif w.endswith("ым") and n >= 5:
            add("masc", "ablt", stem2, 0.3)
            add("masc", "nomn", w, 0.25)  # Касым, Рустам
        else:
            add("masc", "nomn", w, 0.3)
        add("femn", _CASES, w, 0.15)
        return tuple(out)
    if w.endswith("ой") and n >= 5 and stem2[-1:] not in _VOWELS:
        add("femn", ("gent", "datv", "ablt", "loct"), stem2 + "а", 0.35)
        add("masc", "ablt", stem2 + "а", 0.2)  # Соботкой: a man's name in -а
        add("masc", "nomn", w, 0.15)
        return tuple(out)
    if w.endswith("ей") and n >= 5 and stem2[-1:] not in _VOWELS:
        add("femn", "ablt", stem2 + "я", 0.25)
        add("masc", "nomn", w, 0.25)  # Матвей
        return tuple(out)
    if last in "йь":
        add("masc", "nomn", w, 0.3)
        if last == "ь":
            add("femn", _CASES, w, 0.1)  # Николь
        return tuple(out)
    if last == "а":
        add("femn", "nomn", w, 0.3)
        add("masc", "nomn", w, 0.12)  # Раджа, Никита
        if stem1[-1:] not in _VOWELS:  # news names more men than women: a slight edge
            add("masc", ("gent", "accs"), stem1, 0.35)
        return tuple(out)
    if last == "я":
        add("femn", "nomn", w, 0.3)
        add("masc", ("gent", "accs"), _soft(stem1), 0.3)
        return tuple(out)
    if last == "ы" and stem1[-1:] not in _VOWELS:
        add("femn", "gent", stem1 + "а", 0.4)
        return tuple(out)
    if last == "у" and stem1[-1:] not in _VOWELS:
        add("masc", "datv", stem1, 0.3)
        add("femn", "accs", stem1 + "а", 0.25)
        add("masc", "accs", stem1 + "а", 0.2)  # a man's name in -а: Фому, Соботку
    elif last == "ю" and stem1[-1:] not in _VOWELS:
        add("masc", "datv", _soft(stem1), 0.25)
        add("femn", "accs", stem1 + "я", 0.2)
    elif last == "е" and stem1[-1:] not in _VOWELS:
        add("masc", "loct", stem1, 0.2)
        add("femn", ("datv", "loct"), stem1 + "а", 0.2)
        add("masc", ("datv", "loct"), stem1 + "а", 0.22)  # Бандере
    elif last == "и" and stem1[-1:] in _VELAR_SIB:
        add("femn", "gent", stem1 + "а", 0.1)  # Ольги is in the dictionary; Псаки is not
    # any other vowel ending (Биби, Санду, Лукашенко, Барнье): indeclinable; a man's name in
    # consonant + у is rarer than an oblique -у (Ожанну, Фому), so it weighs a little less
    for g in ("masc", "femn"):
        add(g, _CASES, w, 0.15 if g == "masc" and last == "у" and stem1[-1:] not in _VOWELS
            else 0.2)
    return tuple(out)


def _readings(word: str) -> tuple[Reading, ...]:
    if "-" in word:  # Жан-Клоду: the last part inflects; Бушу-младшему: left alone
        head, _, tail = word.rpartition("-")
        if not tail[:1].isupper():
            return ()
        return tuple((g, c, head.lower() + "-" + nom, w) for g, c, nom, w in _readings(tail))
    return dictionary_readings(word) + ending_readings(word)


@lru_cache(maxsize=20000)
def context_votes(word: str, side: str) -> tuple[tuple[str, str, float], ...]:
    """(gender, case, weight) hints from the word next to a name.

    Before it: an adjective, participle or animate noun agreeing with the name ("христианку
    Асию Биби" is a woman in the accusative). After it: a past-tense verb, whose gender is the
    subject's ("Асия Биби заявила").
    """
    if not word or not re.fullmatch(r"[а-яё-]+", word.lower()) or word[:1].isupper():
        return ()
    out: list[tuple[str, str, float]] = []
    for p in morph().parse(word.lower())[:3]:
        g = p.tag.grammemes
        if not p.is_known or "plur" in g or p.score < 0.1:
            continue
        gender = "femn" if "femn" in g else "masc" if "masc" in g else None
        if gender is None:
            continue
        if side == "before" and (p.tag.POS in ("ADJF", "PRTF") or
                                 (p.tag.POS == "NOUN" and "anim" in g)) and p.tag.case in _CASES:
            out.append((gender, p.tag.case, 0.6 * p.score))
        elif side == "after" and p.tag.POS == "VERB" and "past" in g:
            out.append((gender, "nomn", 0.3 * p.score))
    return tuple(out)


def nominative_name(words: list[str], before: str | None = None,
                    after: str | None = None) -> list[str]:
    """The words of one person's name in the nominative, with one gender and case for all;
    ``before``/``after`` are the words around the name in the text (agreement hints)."""
    return nominative_name_scored(words, before, after)[0]


def nominative_name_scored(words: list[str], before: str | None = None,
                           after: str | None = None) -> tuple[list[str], float]:
    """``nominative_name`` and its margin: how much better the chosen reading scored than the
    best reading that gives a different name (0 when two readings tie)."""
    cyr = [bool(re.search(r"[а-яё]", w.lower())) for w in words]
    per_word = [_readings(w) if c else () for w, c in zip(words, cyr)]
    if not any(per_word):
        return list(words), 1.0
    hints = (context_votes(before, "before") if before else ()) + \
        (context_votes(after, "after") if after else ())
    best_key, best_score = ("masc", "nomn"), -1.0
    scores: dict[tuple[str, str], float] = {}
    for g in ("masc", "femn"):
        for c in _CASES:
            score = 0.0
            for rs in per_word:
                if rs:  # a word with no reading for (g, c) speaks against it (Рашида Тлаиб)
                    score += max((r[3] for r in rs if r[0] == g and r[1] == c), default=-0.2)
            score += max((h[2] for h in hints if h[0] == g and h[1] == c), default=0.0)
            if c == "nomn":
                score += 0.03  # ties go to the form the text wrote
            scores[(g, c)] = score
            if score > best_score:
                best_key, best_score = (g, c), score

    def render(key: tuple[str, str]) -> list[str]:
        out = []
        for w, rs in zip(words, per_word):
            cands = [r for r in rs if r[0] == key[0] and r[1] == key[1]]
            out.append(_cap(max(cands, key=lambda r: r[3])[2], w) if cands else w)
        return out

    best = render(best_key)
    rival = max((sc for key, sc in scores.items() if key != best_key and render(key) != best),
                default=best_score - 1.0)
    return best, max(0.0, best_score - rival)
