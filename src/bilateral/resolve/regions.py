"""Groups of states named as one party ("the five Central Asian states", "C5+1").

A summit of Germany and "the leaders of Central Asia" has six parties, not one: a group mention
stands for each of its members (``data/regions.yaml``). Group names enter the country index under
a code of their own ("@C5"); ``find_countries`` expands each match into one mention per member,
at the group's span, so every later stage sees ordinary states. An adjective ("Central Asian")
is the group only before a word for states or their leaders, so "Central Asian gas" names no
state.
"""
from __future__ import annotations


from bilateral.deadline import loader
from bilateral.kb import load_yaml
from bilateral.resolve.geo_match import Tokens

PREFIX = "@"


@loader(maxsize=1)
def _data() -> dict:
    return load_yaml("regions.yaml")


def is_region(code: str) -> bool:
    return code.startswith(PREFIX)


def region_members(code: str) -> tuple[str, ...]:
    """Member states of a group code ("@C5" -> KZ, KG, TJ, TM, UZ)."""
    return tuple(_data()["regions"][code[len(PREFIX):]]["members"])


def region_forms() -> list[tuple[str, str, str, str]]:
    """(code, language, kind, form) for every listed form of every group."""
    out = []
    for name, region in _data()["regions"].items():
        for lang, kinds in region["forms"].items():
            for kind, forms in kinds.items():
                out += [(PREFIX + name, lang, kind, form) for form in forms]
    return out


@loader
def _state_nouns(lang: str) -> frozenset[str]:
    nouns = _data()["state_nouns"]
    words = nouns.get(lang) or nouns["en"]
    return frozenset(w.lower() for w in words)


def names_states(toks: Tokens, after: int, lang: str) -> bool:
    """Is the token at ``after`` (or the one after it: "Central Asian partner states") a word
    for states or their leaders?"""
    nouns = _state_nouns(lang)
    for i in (after, after + 1):
        if i < len(toks.words) and toks.lower[i] in nouns:
            return True
    return False
