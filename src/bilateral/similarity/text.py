"""Language-independent text pieces the similarity judgment compares.

Why not a language's tokenizer: the similarity must work on any pair of languages (the SemEval
pairs include Arabic, Turkish, Polish), so everything here is script-level: a sentence split on
terminal punctuation, tokens folded to ASCII-ish lower case, digit runs, capitalised words.
Names are keyed with the resolver's ``translit_key`` so that the spellings of one name in
German, English and Russian meet (Lukaschenko/Lukashenko/Лукашенко -> ``lukash``,
Tokajew/Tokayev -> ``tokaye``).

Why chunks: a whole-text piece of a few hundred characters, embedded directly, says more about
"same story" than the average of its sentence vectors (measured on the SemEval training pairs:
Pearson 0.69 vs 0.59 for the best chunk-to-chunk match), and embedding each character once (in
chunks) instead of sentences plus lead plus opening cuts the encoder's work by ~40%.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from bilateral.resolve.names import translit_key
from bilateral.resolve.translit import to_latin

_SENT_END = re.compile(r"(?<=[.!?؟。…»\"“”])\s+(?=[^\s])|(?<=[.!?؟])(?=[A-ZÄÖÜА-ЯЁ\u0600-\u06FF][a-zäöüа-яё\u0600-\u06FF])|\n+")
_TITLE_BREAK = re.compile(r"\s{2,}|\n")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

MAX_SENTENCES = 16  # enough for a lead and body gist; bounds cost on long articles
MIN_SENTENCE_CHARS = 12
NAME_KEY = 6  # characters of a name's transliteration key compared (inflection endings drop)
CHUNK_CHARS = 450  # a chunk: consecutive sentences up to this length (the encoder clips at 600)
HEAD_CHUNKS, TAIL_CHUNKS = 5, 2  # a long article: its first and last chunks (bounds the cost)
GRAM = 4  # characters per gram of the lexical comparison (inside words, with word boundaries)
GRAM_BUCKETS = 1 << 18  # grams are hashed into this many buckets (the document-frequency table's size)
SHINGLE = 8  # words per verbatim shingle: runs this long are shared by copying, rarely by chance
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass
class Article:
    """An article cut into what the judgment looks at."""

    title: str
    sentences: list[str]
    lead: str  # title + first sentences: what a news article says first is what it is about
    opening: str = ""  # the text's first characters as one piece (the embedder clips it)
    chunks: list[str] = field(default_factory=list)  # the whole text in sentence-bounded pieces
    names: set[str] = field(default_factory=set)  # transliteration keys of capitalised words
    words: set[str] = field(default_factory=set)  # folded words of 4+ letters
    numbers: set[str] = field(default_factory=set)  # digit runs (years, amounts, dates)
    years: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def _to_latin():
    """The project's Cyrillic transliteration (so Лукашенко meets Lukashenko)."""
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


def chunk_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Consecutive sentences joined into pieces of at most ``size`` characters (a longer
    sentence is a piece of its own); a long text keeps its first and last pieces only."""
    out: list[str] = []
    cur = ""
    for s in split_sentences(text):
        if cur and len(cur) + 1 + len(s) > size:
            out.append(cur)
            cur = s
        else:
            cur = f"{cur} {s}" if cur else s
    if cur:
        out.append(cur)
    if len(out) > HEAD_CHUNKS + TAIL_CHUNKS:
        out = out[:HEAD_CHUNKS] + out[-TAIL_CHUNKS:]
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
    art = Article(title=title, sentences=sentences, lead=lead, opening=text[:1000],
                  chunks=chunk_text(text))
    _fill_tokens(art, text)
    return art


@lru_cache(maxsize=1)
def _translit_key():
    """The resolver's transliteration-insensitive key (Saidow/Saidov)."""
    return translit_key


@lru_cache(maxsize=50000)
def name_key(word: str) -> str:
    """A capitalised word's key: folded to Latin, transliteration variants merged, cut to
    ``NAME_KEY`` characters so case endings (Lukaschenkos, Токаева) fall away."""
    f = fold(word)
    key = _translit_key()
    return (key(f) if key is not None else f)[:NAME_KEY]


def _fill_tokens(art: Article, text: str) -> None:
    words = _WORD.findall(text)
    for w in words:
        if len(w) >= 4:
            art.words.add(fold(w))
        if w[:1].isupper() and len(w) >= 3 and not w.isupper():
            art.names.add(name_key(w))
    for n in _NUMBER.findall(text):
        digits = re.sub(r"[.,]", "", n)
        if len(digits) >= 2 or n != digits:
            art.numbers.add(digits.lstrip("0") or "0")
        if len(n) == 4 and n[:2] in ("19", "20"):
            art.years.add(n)


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    """Hashed runs of ``size`` consecutive folded words (digits included).

    Why: two different articles that share such runs verbatim mostly share an outlet's template
    (a police press office's header, a cookie notice, a ticker's standard sentences), and the
    vector and gram features already count that text as similarity. On the SemEval training
    pairs the model without it over-rated the pairs sharing such runs (cross-validated residual
    r = -0.2); the share of shared runs lets it discount them. Whole articles only (the
    linker's lead view does not use it, so ``parse_article`` does not pay for it)."""
    toks = [fold(t) for t in _TOKEN.findall(text)]
    return {zlib.crc32(" ".join(toks[i:i + size]).encode("utf-8")) for i in range(len(toks) - size + 1)}


def overlap(a: set[str], b: set[str]) -> float:
    """|A & B| / min(|A|, |B|): how much of the shorter list the other shares (0 when empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def gram_counts(text: str) -> Counter[int]:
    """Hashed character 4-grams of the folded words, word boundaries included: a lexical
    fingerprint that needs no tokenizer of the language and tolerates inflection
    (Präsidenten/Präsident share most grams) and transliteration (folded to Latin)."""
    out: Counter[int] = Counter()
    for w in _WORD.findall(text):
        out.update(word_grams(w))
    return out


@lru_cache(maxsize=50000)
def word_grams(word: str) -> tuple[int, ...]:
    """One word's gram buckets, remembered: the linker profiles every candidate report it
    judges by text, and news repeats its words, so hashing each word's grams once per process
    took most of a profile's cost (a third of an attach at 100,000 events)."""
    f = f" {fold(word)} "
    return tuple(zlib.crc32(f[i:i + GRAM].encode("utf-8")) % GRAM_BUCKETS for i in range(max(1, len(f) - GRAM + 1)))
