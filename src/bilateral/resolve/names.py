"""The people knowledge base (``data/leaders.yaml``) and matching its names in running text.

Why an own matcher instead of NER: German has no NER model here, and the small English model
tags Tokayev as ORG; the knowledge base knows the names in every language we read, so matching
them directly is both faster and more exact. Names are matched token by token on a folded form
(lower case, Latin diacritics dropped, ё -> е), and every token may appear inflected:
Russian case endings are generated from the nominative (Токаев -> Токаева/Токаеву/Токаевым/
Токаеве, Путин -> Путина/Путиным; Лукашенко stays), German adds a genitive -s (Putins).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from bilateral import dates
from bilateral.deadline import loader
from bilateral.kb import load_yaml
from bilateral.resolve.ru_case import morph, nominative_name
from bilateral.resolve.translit import has_cyrillic, to_french, to_german, to_latin

# A word: letters, joined by inner hyphens (Kassym-Jomart) or an apostrophe before a capital
# (O'Rourke); "Putin's" stays "Putin" + "'s".
TOKEN = re.compile(r"[^\W\d_]+(?:(?:-|['’](?=[A-Z]))[^\W\d_]+)*")

_MIN_DATE = dt.date(1, 1, 1)
_MAX_DATE = dt.date(9999, 12, 31)


# ---------------------------------------------------------------- folding and inflection

@lru_cache(maxsize=200000)
def fold(word: str) -> str:
    """Case- and accent-free key of a word. Only Latin accents go: й must stay й."""
    w = word.lower().replace("ё", "е").replace("’", "'").replace("ı", "i").replace("ß", "ss")
    if w.isascii():
        return w
    out = []
    for ch in w:
        if "\u0400" <= ch <= "\u04ff":
            out.append(ch)
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch)
                               if not unicodedata.combining(c)))
    return "".join(out)


# German, French and English spell the same Cyrillic name differently (Сайдов: Saidow/Saidov,
# Токаев: Tokajew/Tokayev, Мирзиёев: Mirsijojew/Mirziyoyev, Бахтиёр: Bachtijor/Bakhtiyor).
# The key folds those transliteration choices together; ordered longest first.
_TRANSLIT_FOLDS = (("dsch", "j"), ("tsch", "ch"), ("sch", "sh"), ("zh", "sh"), ("kh", "ch"),
                   ("ou", "u"), ("w", "v"), ("j", "y"), ("z", "s"), ("ck", "k"), ("ph", "f"))


_Y_BETWEEN_VOWELS = re.compile(r"(?<=[aeiou])y(?=[aeiou])")


SKELETON_MIN = 6  # consonants: a shorter skeleton is shared by too many names and words


def skeleton(word: str) -> str:
    """The consonants of a word's transliteration key, in order.

    Why: Turkic and Persian names reach Latin script through Russian with their unstressed
    vowels written as each outlet hears them (Berdimuhamedov, Berdimuhammadov, Berdymukhamedov;
    Nazarbayev, Nazarbaev); the consonants stay. Used only for long words that no spelling of
    the knowledge base matched, where an ordinary word sharing the skeleton is unlikely."""
    return re.sub(r"[aeiouy]", "", translit_key(word))


@lru_cache(maxsize=200000)
def translit_key(word: str) -> str:
    """A folded Latin word with transliteration variants merged; Cyrillic words stay as they are."""
    w = fold(word)
    if not w.isascii():
        return w
    for a, b in _TRANSLIT_FOLDS:
        w = w.replace(a, b)
    # a y between vowels is the standard scheme's way to write е/ё/я after a vowel, which other
    # spellings leave out: Torobayev/Torobaev, Tokayev/Tokaev, Mirziyoyev/Mirzioev
    w = _Y_BETWEEN_VOWELS.sub("", w)
    out = []
    for ch in w:  # doubled letters: Vassilenko/Vasilenko, Selenskyy/Zelensky
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def ru_forms(word: str) -> set[str]:
    """Singular case forms of a Russian name token given in the nominative (folded)."""
    w = word
    forms = {w}
    if len(w) < 2 or not has_cyrillic(w):
        return forms
    last = w[-1]
    if w.endswith(("ий", "ый")) and len(w) > 3:
        s = w[:-2]
        forms |= {s + e for e in ("ого", "ому", "им", "ом", "ия", "ию", "ием", "ии")}
    elif w.endswith("ая") and len(w) > 3:
        s = w[:-2]
        forms |= {s + "ой", s + "ую"}
    elif last == "й":
        s = w[:-1]
        forms |= {s + e for e in ("я", "ю", "ем", "е")}
    elif last == "ь":
        s = w[:-1]
        forms |= {s + e for e in ("я", "ю", "ем", "е", "и", "ью")}
    elif last == "а":
        s = w[:-1]
        forms |= {s + e for e in ("ы", "и", "е", "у", "ой", "ою")}
    elif last == "я":
        s = w[:-1]
        forms |= {s + e for e in ("и", "е", "ю", "ей", "ею")}
    elif last in "оеиуюэыё":
        pass  # Лукашенко, Барнье, Санду: indeclinable
    else:  # consonant: Путин, Токаев, Трамп, Шольц
        forms |= {w + e for e in ("а", "у", "ом", "ым", "ем", "е")}
    return forms


def token_forms(base: str) -> set[str]:
    """Every surface (folded) under which a name token may appear in text."""
    if has_cyrillic(base):
        return ru_forms(base)
    forms = {base}
    if len(base) > 2 and not base.endswith(("s", "z", "x", "ß")):
        forms.add(base + "s")  # German genitive: Putins, Lukaschenkos
    return forms


def tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]


# ---------------------------------------------------------------- dates and tenures

def parse_date_range(value: object) -> tuple[dt.date, dt.date] | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` (or a date) -> the earliest and latest day meant."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value, value
    return dates.parse(str(value).strip()).span()


@dataclass(frozen=True)
class Tenure:
    role: str  # English title: "President", "Foreign Minister"
    office: str  # head_of_state, head_of_government, foreign_minister, ...
    country: str | None
    start: tuple[dt.date, dt.date]  # earliest and latest possible first day
    end: tuple[dt.date, dt.date]  # earliest and latest possible last day (open: MAX)

    def certain_over(self, lo: dt.date, hi: dt.date) -> bool:
        """Surely in office on every day of [lo, hi]."""
        return self.start[1] <= lo and hi <= self.end[0]

    def possible_over(self, lo: dt.date, hi: dt.date) -> bool:
        """Perhaps in office on some day of [lo, hi]."""
        return self.start[0] <= hi and lo <= self.end[1]


@dataclass
class Person:
    id: str
    name: str
    country: str | None
    tenures: list[Tenure] = field(default_factory=list)
    weak_short: bool = False

    def tenure_at(self, lo: dt.date, hi: dt.date, office: str | None = None) -> Tenure | None:
        for t in self.tenures:
            if (office is None or t.office == office) and t.certain_over(lo, hi):
                return t
        return None


@dataclass
class KB:
    people: dict[str, Person]
    checked_until: dt.date
    leader_office: dict[str, str]
    # first folded base token -> [(folded base tokens, person id, is_full_name)], longest first
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]]
    # folded surface form -> folded base tokens it may stand for
    forms: dict[str, set[str]]
    # transliteration key of a Latin surface form -> base tokens (when the exact form is unknown)
    translit: dict[str, set[str]]
    # consonant skeleton of a long Latin form -> base tokens (when the key is unknown too)
    skeletons: dict[str, set[str]] = field(default_factory=dict)
    # office -> the office whose holder answers for it where a state has none of its own
    office_fallback: dict[str, str] = field(default_factory=dict)

    def bases(self, folded: str) -> set[str]:
        """Base tokens a folded text token may stand for: exact forms first, else by transliteration."""
        found = self.forms.get(folded)
        if found:
            return found
        if not folded.isascii() or len(folded) < 5:
            return set()  # short words are too often ordinary ones ("Kurs" is no Kurz)
        found = self.translit.get(translit_key(folded))
        if found:
            return found
        key = skeleton(folded)
        return self.skeletons.get(key, set()) if len(key) >= SKELETON_MIN else set()


@loader
def load_kb() -> KB:
    """Parse leaders.yaml once per process and build the name index."""
    raw = load_yaml("leaders.yaml")
    checked = parse_date_range(raw.get("checked_until"))
    cyrillic = set(raw.get("cyrillic_origin") or [])
    people: dict[str, Person] = {}
    index: dict[str, list[tuple[tuple[str, ...], str, bool]]] = {}
    forms: dict[str, set[str]] = {}
    translit: dict[str, set[str]] = {}  # transliteration key -> base tokens (fallback)
    skeletons: dict[str, set[str]] = {}  # consonant skeleton -> base tokens (last fallback)

    def add(variant: str, pid: str, full: bool) -> None:
        toks = tuple(fold(t[2]) for t in tokens(variant))
        if not toks:
            return
        entry = (toks, pid, full)
        lst = index.setdefault(toks[0], [])
        if entry not in lst:
            lst.append(entry)
        for tok in toks:
            for f in token_forms(tok):
                forms.setdefault(f, set()).add(tok)
                if f.isascii():
                    translit.setdefault(translit_key(f), set()).add(tok)
                    if len(skeleton(f)) >= SKELETON_MIN:
                        skeletons.setdefault(skeleton(f), set()).add(tok)

    for row in raw["people"]:
        tenures = []
        for r in row.get("roles") or []:
            role, office, start, end = r[0], r[1], r[2], r[3]
            country = r[4] if len(r) > 4 else row.get("country")
            s = parse_date_range(start) or (_MIN_DATE, _MIN_DATE)
            e = parse_date_range(end) or (_MAX_DATE, _MAX_DATE)
            tenures.append(Tenure(role, office, country, s, e))
        p = Person(row["id"], row["name"], row.get("country"), tenures, bool(row.get("weak_short")))
        people[p.id] = p
        variants = [p.name]
        for names in (row.get("names") or {}).values():
            variants.extend(names)
        if p.country in cyrillic or any(t[4] in cyrillic for t in row.get("roles") or []
                                        if len(t) > 4):
            # German, English and French spellings of Cyrillic names follow from the Russian ones
            for v in (row.get("names") or {}).get("ru") or []:
                variants.extend((to_german(v), to_latin(v), to_french(v)))
        variants = list(dict.fromkeys(variants))
        for v in variants:
            if len(tokens(v)) > 1:
                add(v, p.id, True)
        shorts = row.get("short")
        if shorts is None:
            shorts = sorted({tokens(v)[-1][2] for v in variants if len(tokens(v)) > 1})
        for s in shorts:
            add(s, p.id, False)
    for lst in index.values():
        lst.sort(key=lambda e: -len(e[0]))
    return KB(people, checked[1] if checked else _MAX_DATE,
              dict(raw.get("leader_office") or {}), index, forms, translit,
              office_fallback=dict(raw.get("office_fallback") or {}), skeletons=skeletons)


# ---------------------------------------------------------------- matching

@dataclass
class NameMatch:
    start: int
    end: int
    person_id: str
    full: bool  # the whole name (not a bare surname)
    alts: tuple[str, ...] = ()  # every person a bare surname may stand for


def _gap_ok(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return len(gap) <= 3 and all(c in " .\u00a0\t" for c in gap)


def match_names(text: str, toks: list[tuple[int, int, str]] | None = None) -> list[NameMatch]:
    """Every knowledge-base name in ``text`` (longest match first, no overlaps)."""
    kb = load_kb()
    toks = toks if toks is not None else tokens(text)
    folded = [fold(t[2]) for t in toks]
    out: list[NameMatch] = []
    i = 0
    n = len(toks)
    while i < n:
        best: tuple[int, str, bool] | None = None
        for base in kb.bases(folded[i]):
            for btoks, pid, full in kb.index.get(base, ()):
                k = len(btoks)
                if i + k > n or (best and k <= best[0]):
                    continue
                ok = True
                for j in range(1, k):
                    if btoks[j] not in kb.bases(folded[i + j]) or \
                            not _gap_ok(text, toks[i + j - 1][1], toks[i + j][0]):
                        ok = False
                        break
                if not ok:
                    continue
                # a name needs a capital somewhere ("may" is no Theresa May)
                if not any(toks[i + j][2][:1].isupper() for j in range(k)):
                    continue
                if k == 1 and not toks[i][2][:1].isupper():
                    continue
                if k == 1 and toks[i][2].isupper() and len(toks[i][2]) <= 4:
                    continue  # an acronym (SARS, AR) is no surname
                best = (k, pid, full)
        if best:
            k, pid, full = best
            alts: tuple[str, ...] = (pid,)
            if k == 1:
                alts = tuple(dict.fromkeys(
                    p for base in kb.bases(folded[i])
                    for bt, p, _ in kb.index.get(base, ()) if len(bt) == 1))
            out.append(NameMatch(toks[i][0], toks[i + k - 1][1], pid, full, alts))
            i += k
        else:
            i += 1
    return out


# ---------------------------------------------------------------- canonical names

def _morph():
    return morph()


@lru_cache(maxsize=20000)
def _name_parses(word: str) -> tuple[tuple[str, str], ...]:
    """(gender, nominative) readings of a Russian name token the dictionary knows."""
    out = []
    for p in _morph().parse(word):
        g = set(p.tag.grammemes)
        if not ({"Name", "Surn", "Patr"} & g) or not p.is_known or "plur" in g:
            continue  # a plural reading (Джен -> "Джена") names no one person
        gender = "femn" if "femn" in g else "masc" if "masc" in g else "ms-f"
        inf = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
        nom = inf.word if inf else p.normal_form
        if "ё" in nom and "ё" not in word.lower():
            nom = nom.replace("ё", "е")  # keep the article's spelling (Елкин, not Ёлкин)
        out.append((gender, nom))
    return tuple(out)


def _cap(nom: str, like: str) -> str:
    return nom[:1].upper() + nom[1:] if like[:1].isupper() else nom


def ru_nominative(word: str, gender: str | None = None) -> str:
    """Nominative of a Russian name token (Захаровой -> Захарова, Сергея -> Сергей).

    Only dictionary readings count: for foreign names the analyser guesses (Мамнуну ->
    "Мамнуна"), and then the surface form is the safer choice.
    """
    if not has_cyrillic(word) or "-" in word:
        return word
    parses = _name_parses(word)
    for g, nom in parses:
        if gender is None or g in (gender, "ms-f"):
            return _cap(nom, word)
    return word


def ru_name_nominative(words: list[str], before: str | None = None,
                       after: str | None = None) -> list[str]:
    """A Russian full name in the nominative, one gender and case for all its words
    (Асии Биби -> Асия Биби; see ``ru_case``); ``before``/``after``: the neighbouring words."""
    return nominative_name(words, before, after)


def canonical_person(name: str, lang: str = "en") -> str:
    """The canonical Latin name of a person named ``name`` in language ``lang``.

    Knowledge-base people get their canonical name (Лукашенко, Lukaschenko and Aleksandr
    Lukashenko all give "Alexander Lukashenko"); an unknown Cyrillic name is put in the
    nominative and transliterated (Василенко -> Vasilenko); other unknown names are returned
    with normalised spacing. This is what the linker compares.
    """
    clean = " ".join(name.split())
    if not clean:
        return clean
    kb = load_kb()
    toks = tokens(clean)
    ms = match_names(clean, toks)
    if len(ms) == 1 and ms[0].start == toks[0][0] and ms[0].end == toks[-1][1]:
        return kb.people[ms[0].person_id].name
    if has_cyrillic(clean):
        return to_latin(" ".join(ru_name_nominative([t[2] for t in toks])))
    return clean
