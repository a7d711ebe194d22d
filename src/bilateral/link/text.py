"""Language-independent text pieces the similarity judgment compares.

Why not a language's tokenizer: the similarity must work on any pair of languages (the SemEval
pairs include Arabic, Turkish, Polish), so everything here is script-level: a sentence split on
terminal punctuation, tokens folded to ASCII-ish lower case (``Lukaschenko`` and
``Lukashenko`` share a 5-letter stem ``lukas``), digit runs, capitalised words.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

_SENT_END = re.compile(r"(?<=[.!?؟。…»\"“”])\s+(?=[^\s])|(?<=[.!?؟])(?=[A-ZÄÖÜА-ЯЁ\u0600-\u06FF][a-zäöüа-яё\u0600-\u06FF])|\n+")
_TITLE_BREAK = re.compile(r"\s{2,}|\n")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

MAX_SENTENCES = 16  # enough for a lead and body gist; bounds cost on long articles
MIN_SENTENCE_CHARS = 12
STEM = 5


@dataclass
class Article:
    """An article cut into what the judgment looks at."""

    title: str
    sentences: list[str]
    lead: str  # title + first sentences: what a news article says first is what it is about
    opening: str = ""  # the text's first characters as one piece (the embedder clips it)
    names: set[str] = field(default_factory=set)  # folded stems of capitalised words
    words: set[str] = field(default_factory=set)  # folded stems of longer words
    numbers: set[str] = field(default_factory=set)  # digit runs (years, amounts, dates)
    years: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def _to_latin():
    """The project's Cyrillic transliteration (so Лукашенко meets Lukashenko), if present."""
    try:
        from bilateral.resolve.translit import to_latin
    except ImportError:
        return None
    return to_latin


@lru_cache(maxsize=50000)
def fold(word: str) -> str:
    """Lower case, Latin script (for Cyrillic), without diacritics."""
    if _CYRILLIC.search(word) and (translit := _to_latin()) is not None:
        word = translit(word)
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    return out.replace("ß", "ss")


def split_sentences(text: str) -> list[str]:
    """Sentences on terminal punctuation or line breaks; fragments too short to mean much drop."""
    parts = [p.strip() for p in _SENT_END.split(text) if p and p.strip()]
    out: list[str] = []
    carry = ""
    for p in parts:
        p = (carry + " " + p).strip() if carry else p
        if len(p) < MIN_SENTENCE_CHARS:
            carry = p
            continue
        carry = ""
        out.append(p)
    if carry:
        if out:
            out[-1] = out[-1] + " " + carry
        else:
            out.append(carry)
    return out


def parse_article(text: str) -> Article:
    """Title, sentences, lead and the token sets of one article's text."""
    text = (text or "").strip()
    if not text:
        return Article("", [], "")
    m = _TITLE_BREAK.search(text)
    if m and 8 <= m.start() <= 250:
        title, body = text[: m.start()].strip(), text[m.end():].strip()
    else:
        title, body = "", text
    sentences = split_sentences(body)
    if not title and sentences:
        title = sentences[0]
        sentences = sentences[1:] or sentences
    lead = " ".join([title] + sentences[:2])
    sentences = sentences[:MAX_SENTENCES]
    art = Article(title=title, sentences=sentences, lead=lead, opening=text[:1000])
    _fill_tokens(art, text)
    return art


def _fill_tokens(art: Article, text: str) -> None:
    words = _WORD.findall(text)
    for w in words:
        f = fold(w)
        if len(f) >= 4:
            art.words.add(f[:STEM + 1])
        capitalised = w[:1].isupper() and len(w) >= 3 and not w.isupper()
        acronym = w.isupper() and 2 <= len(w) <= 6
        if capitalised or acronym:
            art.names.add(f[:STEM])
    for n in _NUMBER.findall(text):
        digits = re.sub(r"[.,]", "", n)
        if len(digits) >= 2 or n != digits:
            art.numbers.add(digits.lstrip("0") or "0")
        if len(n) == 4 and n[:2] in ("19", "20"):
            art.years.add(n)


def overlap(a: set[str], b: set[str]) -> float:
    """|A & B| / min(|A|, |B|): how much of the shorter list the other shares (0 when empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
