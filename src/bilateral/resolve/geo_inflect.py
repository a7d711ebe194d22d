"""Word forms of geographic names: the inflections a gazetteer lookup needs.

Why rules and not a morphology library: the knowledge files list one base form per name
("Казахстан", "kasachisch", "américain"); articles use case forms ("Казахстаном"), adjective
endings ("usbekisch-kasachischen") and plurals ("Kasachen"). Country and city names follow a
handful of regular patterns, so a stem + ending table generates every form once, at index-build
time, with no per-document cost and no model to load. Over-generation ("Беларусем") is harmless:
a form that never occurs is never matched. Irregular forms are listed in the data files.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product

from bilateral.deadline import loader
from bilateral.kb import load_yaml
from bilateral.lang import language

# ----------------------------------------------------------------------------- Russian

_VELAR_SIBILANT = set("гкхжшчщ")
_SIBILANT_C = set("жшчщц")
_CONSONANTS = set("бвгджзйклмнпрстфхцчшщ")
_ADJ_ENDINGS = ("ый", "ий", "ой", "ая", "ое", "ые", "ие")
_ALL_ADJ_ENDINGS = _ADJ_ENDINGS + ("яя", "ее")
# one list of alternatives per case: nominative, genitive, dative, accusative, instrumental,
# prepositional
Cases = list[list[str]]


def _is_abbreviation(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def ru_is_adjective(word: str) -> bool:
    """A (capitalised or not) Russian adjective form: the head of a name agrees with it."""
    return len(word) > 3 and word.lower().endswith(_ALL_ADJ_ENDINGS) and not _is_abbreviation(word)


def ru_adjective_cases(word: str) -> Cases | None:
    """Case forms of an adjective in the gender/number its given form shows ("Южная" -> fem.).
    Soft stems ("Нижний" -> "Нижнего") and sibilant stems ("Высший" -> "Высшего", but
    "Большой" -> "Большого") get the soft endings too."""
    low = word.lower()
    end = low[-2:]
    stem = word[:-2]
    if end not in _ADJ_ENDINGS + ("яя", "ее") or not stem:
        return None
    last = stem[-1].lower()
    i = "и" if last in _VELAR_SIBILANT else "ы"
    soft = (last == "н" and end in ("ий", "яя", "ее")) or last in "жшчщ"
    hard = not (last == "н" and end in ("ий", "яя", "ее"))
    cases: Cases = [[] for _ in range(6)]

    def add(forms: list[list[str]]) -> None:
        for k, alts in enumerate(forms):
            for a in alts:
                if a not in cases[k]:
                    cases[k].append(a)

    if end in ("ый", "ий", "ой"):
        if hard:
            add([[word], [stem + "ого"], [stem + "ому"], [word], [stem + i + "м"], [stem + "ом"]])
        if soft:
            add([[word], [stem + "его"], [stem + "ему"], [word], [stem + "им"], [stem + "ем"]])
    elif end in ("ая", "яя"):
        if hard:
            add([[stem + "ая"], [stem + "ой"], [stem + "ой"], [stem + "ую"], [stem + "ой", stem + "ою"],
                 [stem + "ой"]])
        if soft:
            a = "я" if end == "яя" else "а"
            u = "ю" if end == "яя" else "у"
            add([[stem + a + "я"], [stem + "ей"], [stem + "ей"], [stem + u + "ю"],
                 [stem + "ей", stem + "ею"], [stem + "ей"]])
    elif end in ("ое", "ее"):
        if hard:
            add([[word], [stem + "ого"], [stem + "ому"], [word], [stem + i + "м"], [stem + "ом"]])
        if soft:
            add([[word], [stem + "его"], [stem + "ему"], [word], [stem + "им"], [stem + "ем"]])
    else:
        add([[word], [stem + i + "х"], [stem + i + "м"], [word], [stem + i + "ми"], [stem + i + "х"]])
    return cases


def ru_adjective_forms(word: str) -> set[str]:
    """Every case, gender and number of a masculine adjective ("казахстанский" -> 25 forms),
    plus the first element of compounds ("казахстанско-белорусские")."""
    low = word.lower()
    if not low.endswith(("ый", "ий", "ой")):
        return {word}
    stem = word[:-2]
    i = "и" if stem[-1].lower() in _VELAR_SIBILANT else "ы"
    forms: set[str] = set()
    for gender_form in (word, stem + "ая", stem + "ое", stem + i + "е"):
        cases = ru_adjective_cases(gender_form)
        if cases:
            forms.update(f for alts in cases for f in alts)
    if stem.lower().endswith(("ск", "цк")):
        forms.add(stem + "о")
    return forms


def _ru_simple_noun_cases(word: str, plural_i: bool = False) -> Cases | None:
    """Case forms of one hyphen-free noun, or None when it does not decline (Чили, США)."""
    if _is_abbreviation(word) or len(word) < 2:
        return None
    low = word.lower()
    if low.endswith("ия"):
        s = word[:-2]
        return [[word], [s + "ии"], [s + "ии"], [s + "ию"], [s + "ией", s + "иею"], [s + "ии"]]
    if low.endswith(("ане", "яне")):  # россияне, англичане
        s = word[:-1]
        return [[word], [s], [s + "ам"], [word, s], [s + "ами"], [s + "ах"]]
    if low.endswith("я"):
        s = word[:-1]
        return [[word], [s + "и"], [s + "е"], [s + "ю"], [s + "ей", s + "ею"], [s + "е"]]
    if low.endswith("а"):
        s = word[:-1]
        gen = "и" if s[-1:].lower() in _VELAR_SIBILANT else "ы"
        ins = "е" if s[-1:].lower() in _SIBILANT_C else "о"
        return [[word], [s + gen], [s + "е"], [s + "у"], [s + ins + "й", s + ins + "ю"], [s + "е"]]
    if low.endswith("ь"):  # Израиль (m.) and Беларусь (f.): both sets, the wrong one never occurs
        s = word[:-1]
        return [[word], [s + "я", s + "и"], [s + "ю", s + "и"], [word], [s + "ем", s + "ью"],
                [s + "е", s + "и"]]
    if low.endswith("й"):
        s = word[:-1]
        return [[word], [s + "я"], [s + "ю"], [word], [s + "ем"], [s + "е"]]
    if low.endswith("ы") or (plural_i and low.endswith("и")):  # Нидерланды, Штаты, казахи
        s = word[:-1]
        gen = [s + ("ев" if s[-1:].lower() == "ц" else "ов")]  # irregular ones (Афин) are listed
        if s[-1:].lower() in "жшчщ":
            gen.append(s + "ей")
        return [[word], gen, [s + "ам"], [word], [s + "ами"], [s + "ах"]]
    if low.endswith(("ство", "ово", "ево")):  # Королевство, Косово (not Монако, Токио, Осло)
        s = word[:-1]
        return [[word], [s + "а"], [s + "у"], [word], [s + "ом"], [s + "е"]]
    if low[-1] in _CONSONANTS:
        s = word
        if low.endswith("ец") and len(word) > 4:  # казахстанец -> казахстанца
            s = word[:-2] + word[-1]
        ins = "ем" if s[-1].lower() in _SIBILANT_C else "ом"
        return [[word], [s + "а"], [s + "у"], [word, s + "а"], [s + ins], [s + "е"]]
    return None


def ru_noun_cases(word: str, plural_i: bool = False) -> Cases | None:
    """Case forms of a noun; in a hyphenated name the declinable end declines
    ("Нур-Султан" -> "Нур-Султане", "Ростов-на-Дону" -> "Ростове-на-Дону", "Гвинея-Бисау")."""
    if "-" not in word:
        return _ru_simple_noun_cases(word, plural_i)
    parts = word.split("-")
    for idx in (len(parts) - 1, 0):
        cases = _ru_simple_noun_cases(parts[idx], plural_i)
        if cases:
            return [[("-".join(parts[:idx] + [alt] + parts[idx + 1:])) for alt in alts]
                    for alts in cases]
    return None


def ru_phrase_forms(phrase: str, plural_i: bool = False) -> set[str]:
    """Case forms of a (multi-word) name. Adjectives before the head noun agree with it; words
    after the head stay as they are ("Республика Беларусь" -> "Республики Беларусь"), except
    a coordinated second head ("Босния и Герцеговина" -> "Боснии и Герцеговины")."""
    words = phrase.split(" ")
    per_word: list[Cases | None] = []
    inflect = True
    seen_head = False
    for k, word in enumerate(words):
        if not inflect:
            per_word.append(None)
            continue
        if word.lower() == "и" and seen_head:
            per_word.append(None)
            seen_head = False
            continue
        if ru_is_adjective(word) and k < len(words) - 1:
            per_word.append(ru_adjective_cases(word))
            continue
        if ru_is_adjective(word):  # a name that is one adjective ("Поднебесная")
            per_word.append(ru_adjective_cases(word))
        else:
            per_word.append(ru_noun_cases(word, plural_i))
        seen_head = True
        nxt = words[k + 1].lower() if k + 1 < len(words) else ""
        inflect = nxt == "и"
    forms = {phrase}
    for case in range(6):
        options = [cases[case] if cases else [word] for word, cases in zip(words, per_word)]
        for combo in product(*options):
            forms.add(" ".join(combo))
    return forms


# ----------------------------------------------------------------------------- German

_DE_ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")


def de_adjective_forms(stem: str) -> set[str]:
    """"kasachisch" -> kasachisch, kasachische, -en, -er, -es, -em (the bare stem is also the
    first element of compounds: "belarussisch-kasachische")."""
    return {stem + e for e in _DE_ADJ_ENDINGS}


def de_name_forms(name: str) -> set[str]:
    """A name and its genitive ("Kasachstans", "Moskaus"); feminine names (Türkei, Ukraine,
    Schweiz) and names ending in a sibilant take no -s."""
    forms = {name}
    if not name.lower().endswith(("s", "ß", "x", "z", "e", "i")) and not _is_abbreviation(name):
        forms.add(name + "s")
    return forms


def de_phrase_forms(phrase: str) -> set[str]:
    """Multi-word German names: weak adjective endings ("Eurasische Wirtschaftsunion" ->
    "Eurasischen Wirtschaftsunion"; "Oberster Eurasischer Wirtschaftsrat" -> "Obersten
    Eurasischen Wirtschaftsrats")."""
    words = phrase.split(" ")
    if len(words) == 1:
        return de_name_forms(phrase)
    endings = ("e", "en", "er", "es", "em")
    variants: list[list[str]] = []  # per word: its five endings, or the word itself five times
    for word in words[:-1]:
        low = word.lower()
        for ending in ("er", "es", "en", "em", "e"):
            if low.endswith(ending) and len(word) > 4 and word[0].isupper():
                variants.append([word[: -len(ending)] + e for e in endings])
                break
        else:
            variants.append([word] * len(endings))
    forms = {phrase}
    heads = de_name_forms(words[-1]) | {words[-1] + "es"}
    for k in range(len(endings)):  # the same ending on every adjective (they agree)
        for head in heads:
            forms.add(" ".join([v[k] for v in variants] + [head]))
    return forms


def de_demonym_forms(word: str) -> set[str]:
    """"Kasache" -> Kasachen, Kasachin, Kasachinnen; "Amerikaner" -> Amerikanern, -in, -innen."""
    forms = {word}
    low = word.lower()
    if low.endswith("in") and len(word) > 5 and word[-3].lower() not in "aeiou":
        forms.add(word + "nen")
    elif low.endswith("e"):
        forms |= {word + "n", word[:-1] + "in", word[:-1] + "innen"}
    elif low.endswith("er"):
        forms |= {word + "n", word + "s", word + "in", word + "innen"}
    elif low.endswith("i"):
        forms.add(word + "s")
    else:
        forms |= {word + "en", word + "in", word + "innen"}
    return forms


# ----------------------------------------------------------------------------- French / English

def fr_adjective_forms(word: str) -> set[str]:
    """Masculine singular -> the four forms ("américain" -> américaine, américains, américaines)."""
    low = word.lower()
    if low.endswith("e"):
        return {word, word + "s"}
    if low.endswith(("ien", "éen", "on")):
        return {word, word + "ne", word + "s", word + "nes"}
    if low.endswith(("s", "x")):
        return {word, word + "e", word + "es"}
    if low.endswith("c"):
        return {word, word + "s"}
    return {word, word + "e", word + "s", word + "es"}


def en_plural_forms(word: str) -> set[str]:
    """"Kazakh" -> Kazakhs; "Chinese", "Swiss" stay as they are."""
    if word.lower().endswith(("s", "sh", "ese", "x")):  # "Czechs" yes, "Dutchs" never occurs
        return {word}
    return {word, word + "s"}


def capitalised(word: str) -> str:
    return word[:1].upper() + word[1:]


# ----------------------------------------------------------------------------- by language

Form = tuple[str, str, bool]  # (surface, kind, case-folded)


@dataclass(frozen=True)
class PlaceMorphology:
    """How one of the four first languages inflects the names and words of states, written as
    code above (the later languages describe theirs as suffix rules in data/inflection.yaml).
    A language names its morphology in data/languages.yaml (``place_morphology``); generic code
    asks ``place_morphology(lang)`` and never tests the code."""

    name: Callable[[str], set[str]]  # a state's or capital's name: its case forms
    phrase: Callable[[str], set[str]]  # an organisation's (multi-word) name: its case forms
    group: Callable[[str], set[str]]  # a group's proper name ("талибы" declines like a demonym)
    adjective: Callable[[str], list[Form]]  # a state adjective: its forms (and the words they give)
    demonym: Callable[[str], list[Form]]  # a demonym: its forms
    folds_combining: bool  # combining forms ("russisch-", "русско-") are matched case-folded


def _same(form: str) -> set[str]:
    return {form}


def _de_name(form: str) -> set[str]:
    return de_phrase_forms(form) if " " in form else de_name_forms(form)


def _ru_adjective(form: str) -> list[Form]:
    return [(s, "combining" if s.endswith("о") and not s.endswith(("ого", "ое")) else "adjective", True)
            for s in ru_adjective_forms(form)]


def _fr_adjective(form: str) -> list[Form]:
    forms = fr_adjective_forms(form)
    return [(s, "adjective", True) for s in forms] + [(capitalised(s), "demonym", False) for s in forms]


def _en_adjective(form: str) -> list[Form]:
    """"Nigerian" -> also the demonym "Nigerians"."""
    return [(form, "adjective", False)] + [(s, "demonym", False) for s in en_plural_forms(form) if s != form]


MORPHOLOGIES: dict[str, PlaceMorphology] = {
    "russian": PlaceMorphology(
        name=ru_phrase_forms, phrase=ru_phrase_forms, group=lambda f: ru_phrase_forms(f, plural_i=True),
        adjective=_ru_adjective,
        demonym=lambda f: [(s, "demonym", True) for s in ru_phrase_forms(f, plural_i=True)],
        folds_combining=True),
    "german": PlaceMorphology(
        name=_de_name, phrase=de_phrase_forms, group=_de_name,
        adjective=lambda f: [(s, "adjective", True) for s in de_adjective_forms(f)],
        demonym=lambda f: [(s, "demonym", False) for s in de_demonym_forms(f)],
        folds_combining=True),
    "french": PlaceMorphology(
        name=_same, phrase=_same, group=_same, adjective=_fr_adjective,
        demonym=lambda f: [(s, "demonym", False) for s in fr_adjective_forms(f)],
        folds_combining=True),
    "english": PlaceMorphology(
        name=_same, phrase=_same, group=_same, adjective=_en_adjective,
        demonym=lambda f: [(s, "demonym", False) for s in en_plural_forms(f)],
        folds_combining=False),
}


def place_morphology(lang: str) -> PlaceMorphology:
    """The morphology ``lang`` names in its profile (the universal "*" rows and a language
    without one: English, which leaves names as they are)."""
    return MORPHOLOGIES[language(lang).place_morphology]


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def written_morphology(form: str) -> PlaceMorphology | None:
    """The morphology a name's script implies, whatever row lists it: a Cyrillic name declines
    like the language ``cyrillic_names`` names in data/languages.yaml (Kazakh and Uzbek articles
    quote Russian names); None for other scripts."""
    if not _CYRILLIC.search(form):
        return None
    return place_morphology(load_yaml("languages.yaml")["cyrillic_names"])


# ----------------------------------------------------------------------------- suffix rules (data)
# Languages added after the first four describe their inflection in data/inflection.yaml: per
# language and kind, rules of "form ends with X: cut N characters, add these endings". Spanish,
# Italian and Portuguese adjectives agree in gender and number; Polish declines names and
# adjectives; Kazakh and Uzbek glue case suffixes to the name. Over-generation is harmless.

@dataclass(frozen=True)
class SuffixRule:
    end: re.Pattern[str]  # what the (last word of the) form must end with
    cut: int  # characters removed before adding an ending
    add: tuple[str, ...]  # endings ("" keeps the stem)
    combining: tuple[str, ...] = ()  # endings that only count before a hyphen ("polsko-")
    next: bool = False  # the following rules apply as well


@loader(maxsize=1)
def _inflection() -> dict:
    return load_yaml("inflection.yaml") or {}


@loader
def suffix_rules(lang: str, kind: str) -> tuple[SuffixRule, ...] | None:
    """The rules for ``kind`` forms of ``lang``, or None when the language has none in data
    (then its ``PlaceMorphology`` applies)."""
    sec = _inflection().get(lang)
    if sec is None:
        return None
    rows = sec.get(kind) or []
    return tuple(SuffixRule(re.compile(f"(?:{r.get('end', '')})$", re.IGNORECASE),
                            int(r.get("cut", 0)), tuple(str(a) for a in r.get("add") or [""]),
                            tuple(str(a) for a in r.get("combining") or []),
                            bool(r.get("next", False)))
                 for r in rows)


def case_sensitive(lang: str) -> bool:
    """Adjectives of ``lang`` are capitalised proper words (Turkish "Rus", "Kazak"; lower-case
    "kazak" is a sweater), so they are matched as written, not case-folded."""
    return lang in (_inflection().get("case_sensitive") or [])


def _rules_for(word: str, rules: tuple[SuffixRule, ...]) -> list[SuffixRule]:
    """The first rule whose ending matches, and the ones after it while ``next`` is set."""
    out: list[SuffixRule] = []
    for rule in rules:
        if rule.end.search(word):
            out.append(rule)
            if not rule.next:
                break
    return out


def _variants(forms: set[str], lang: str) -> set[str]:
    """Each form also with the other spelling of a character written two ways (Uzbek ʻ and ')."""
    pairs = ((_inflection().get("variants") or {}).get(lang) or {}).items()
    out = set(forms)
    for a, b in pairs:
        out |= {f.replace(a, b) for f in forms if a in f}
    return out


def suffix_forms(form: str, rules: tuple[SuffixRule, ...], lang: str = "") -> set[str]:
    """The form and its inflections: the matching rules for the last word apply (a multi-word
    name inflects its last word: "Америка Құрама Штаттарымен"). Abbreviations stay as listed."""
    head, sep, last = form.rpartition(" ")
    forms = {form}
    if not _is_abbreviation(last):
        for rule in _rules_for(last, rules):
            stem = last[: len(last) - rule.cut] if rule.cut else last
            forms |= {head + sep + stem + a for a in rule.add}
    return _variants(forms, lang)


def combining_forms(form: str, lang: str, kind: str) -> set[str]:
    """First parts of compounds ("polsko-niemiecki", "rosyjsko-ukraińska")."""
    if " " in form:
        return set()
    out: set[str] = set()
    for rule in _rules_for(form, suffix_rules(lang, kind) or ()):
        stem = form[: len(form) - rule.cut] if rule.cut else form
        out |= {stem + c for c in rule.combining}
    return _variants(out, lang)
