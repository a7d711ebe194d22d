"""Token n-gram lookup shared by the country, organisation and place finders.

Why one dictionary lookup per n-gram instead of regexes: the gazetteers hold tens of thousands
of surface forms; a token index answers "which names start here?" in O(tokens) per document, and
matching on tokens guarantees word boundaries ("China" never matches inside "Chinatown").

Text is first normalised character-for-character (same length, so offsets stay valid):
ё -> е, typographic apostrophes -> ', hyphen look-alikes (en dash, non-breaking hyphen) -> -.
Tokens are runs of word characters, or dotted abbreviations ("U.S.", "U.K."). Two tokens belong
to one n-gram when only spaces, one hyphen or one apostrophe separate them: "Nur-Sultan",
"Côte d'Ivoire", "Bosnia and Herzegovina"; any other separator (comma, full stop, newline)
ends a phrase.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

V = TypeVar("V")

_NORMALISE = {
    "ё": "е", "Ё": "Е",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u00ad": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}
_NORMALISE_RE = re.compile("[" + "".join(_NORMALISE) + "]")
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|\w+")
_SPACES = re.compile(r"[ \t]+")


def normalise(text: str) -> str:
    """Same-length normalisation, so offsets into the result are offsets into ``text``."""
    # re.sub touches only the few characters to replace; str.translate walks every character
    return _NORMALISE_RE.sub(lambda m: _NORMALISE[m.group(0)], text)


def _sep(gap: str) -> str | None:
    """The canonical separator between two tokens of one phrase, or None when the gap ends it."""
    if gap == " " or gap == "-" or gap == "'":
        return gap
    if _SPACES.fullmatch(gap):
        return " "
    return None


@dataclass
class Tokens:
    """A normalised text cut into tokens, with the separators that may join neighbours."""

    text: str
    spans: list[tuple[int, int]]
    seps: list[str | None]  # seps[i]: between token i and i+1
    words: list[str]
    _lower: list[str] | None = None

    @property
    def lower(self) -> list[str]:
        """Lower-cased words, computed once per text."""
        if self._lower is None:
            self._lower = [w.lower() for w in self.words]
        return self._lower

    _titled: list[str] | None = None

    @property
    def titled(self) -> list[str]:
        """Words with ALL-CAPS words of 3+ letters title-cased ("МОСКВА, 5 марта" and
        "MOSCOW (Reuters)" datelines, headlines), computed once per text."""
        if self._titled is None:
            self._titled = [w[0] + w[1:].lower() if len(w) > 2 and w.isupper() else w
                            for w in self.words]
        return self._titled

    @classmethod
    def of(cls, text: str) -> "Tokens":
        """Tokens of ``text``; the last few texts are cached because the country, organisation
        and place finders all tokenise the same document one after the other."""
        return _tokens_cached(text)

    def word(self, i: int) -> str:
        return self.words[i]


@lru_cache(maxsize=4)
def _tokens_cached(text: str) -> Tokens:
    norm = normalise(text)
    found = list(TOKEN_RE.finditer(norm))
    spans = [m.span() for m in found]
    words = [m.group(0) for m in found]
    seps = [_sep(norm[spans[i][1]:spans[i + 1][0]]) for i in range(len(spans) - 1)]
    return Tokens(norm, spans, seps, words)


_TOK = r"(?:(?:[^\W\d_]\.){2,}|\w+)"
_PHRASE_RE = re.compile(_TOK + r"(?:(?:[ \t]+|-|')" + _TOK + r")*")
_MULTISPACE = re.compile(r"[ \t]+")


def phrase_key(phrase: str) -> tuple[str, int] | None:
    """The lookup key of a gazetteer phrase and its length in tokens, or None if it cannot
    occur as one phrase (it contains a comma, a full stop between words, ...)."""
    norm = normalise(phrase.strip())
    if not _PHRASE_RE.fullmatch(norm):
        return None
    if " " in norm or "\t" in norm:
        norm = _MULTISPACE.sub(" ", norm)
    return norm, len(TOKEN_RE.findall(norm))





@dataclass
class Match(Generic[V]):
    start: int
    end: int
    value: V
    first: int  # index of the first token
    n: int  # number of tokens


@dataclass
class PhraseIndex(Generic[V]):
    """Exact (case-sensitive) and case-folded phrase dictionaries with a first-token index.

    Proper names go in ``exact`` (case matters: "US" is not "us"); words that may be lower-case
    or sentence-initial capitalised (German/Russian/French adjectives) go in ``folded``.
    The first value stored for a key wins, so callers add their most trusted forms first.
    """

    exact: dict[str, V] = field(default_factory=dict)
    folded: dict[str, V] = field(default_factory=dict)
    _first_exact: dict[str, int] = field(default_factory=dict)
    _first_folded: dict[str, int] = field(default_factory=dict)

    def add(self, phrase: str, value: V, folded: bool = False) -> bool:
        got = phrase_key(phrase)
        if got is None:
            return False
        key, n = got
        first = TOKEN_RE.match(key).group(0)
        if folded:
            key, first = key.lower(), first.lower()
            table, firsts = self.folded, self._first_folded
        else:
            table, firsts = self.exact, self._first_exact
        if key in table:
            return False
        table[key] = value
        if firsts.get(first, 0) < n:
            firsts[first] = n
        return True

    def add_key(self, key: str, value: V) -> None:
        """Add an already normalised exact key (bulk loading of generated tables)."""
        if key in self.exact:
            return
        self.exact[key] = value
        if " " in key or "-" in key or "'" in key or "." in key:
            toks = TOKEN_RE.findall(key)
            first, n = toks[0], len(toks)
        else:
            first, n = key, 1
        if self._first_exact.get(first, 0) < n:
            self._first_exact[first] = n

    def __contains__(self, phrase: str) -> bool:
        got = phrase_key(phrase)
        return got is not None and (got[0] in self.exact or got[0].lower() in self.folded)

    def get(self, phrase: str) -> V | None:
        got = phrase_key(phrase)
        if got is None:
            return None
        return self.exact.get(got[0], self.folded.get(got[0].lower()))

    def keys(self) -> Iterable[str]:
        return list(self.exact) + list(self.folded)

    def find(self, toks: Tokens, caps: bool = False) -> Iterator[Match[V]]:
        """Longest match first at each token, left to right, matches never overlap. With
        ``caps``, ALL-CAPS words are also looked up title-cased ("МОСКВА" -> "Москва")."""
        spans, words, seps, n_tok = toks.spans, toks.words, toks.seps, len(toks.spans)
        fe, ff = self._first_exact, self._first_folded
        exact, folded = self.exact, self.folded
        # set intersections run in C: only tokens that start some phrase are visited below
        starts = set(words) & fe.keys()
        titled = toks.titled if caps else words
        starts_t = (set(titled) & fe.keys()) - starts if caps else set()
        lower = toks.lower if ff else words
        starts_low = set(lower) & ff.keys() if ff else set()
        if not starts and not starts_low and not starts_t:
            return
        i = 0
        while i < n_tok:
            word = words[i]
            hit = None
            if word in starts or lower[i] in starts_low:
                max_n = fe.get(word, 0)
                if lower[i] in starts_low:
                    max_n = max(max_n, ff[lower[i]])
                hit = self._longest(words, seps, spans, i, max_n, exact, folded)
            if hit is None and titled[i] in starts_t:
                hit = self._longest(titled, seps, spans, i, fe[titled[i]], exact, {})
            if hit is None:
                i += 1
                continue
            yield hit
            i += hit.n

    @staticmethod
    def _longest(words: list[str], seps: list[str | None], spans: list[tuple[int, int]], i: int,
                 max_n: int, exact: dict, folded: dict) -> Match[V] | None:
        n_tok = len(words)
        keys = [words[i]]
        for k in range(i, min(i + max_n, n_tok) - 1):
            sep = seps[k]
            if sep is None:
                break
            keys.append(keys[-1] + sep + words[k + 1])
        for n in range(len(keys), 0, -1):
            key = keys[n - 1]
            value = exact.get(key)
            if value is None and folded:
                value = folded.get(key.lower())
            if value is not None:
                return Match(spans[i][0], spans[i + n - 1][1], value, i, n)
        return None
