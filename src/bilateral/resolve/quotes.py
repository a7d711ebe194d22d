"""Direct quotations and who said them.

Quote marks, in order of trust: «…», „…“ / „…”, “…”, »…«, ‚…‘, ‘…’, then straight "…" and
'…'. Paired marks are matched outermost first (a „…“ inside «…» stays part of the outer
quote); a quote may run over paragraphs when each new paragraph reopens it (the print
convention) or when it is simply closed later. Straight and single marks must sit at word
boundaries, so apostrophes (don't, Kazakhstan’s) never open or close a quote.

A speaker is read from the clause right after the quote ("…“, unterstrich Alexander Lukaschenko",
"…», – заявил Лукашенко", "…,” the Belarusian President stressed") or right before it
("Lukashenko said: «…»"), using the verbs of saying in ``data/quote_verbs.yaml`` and the person
mentions ``find_people`` produced (role phrases included: "hob der Präsident hervor"). A pronoun
("sagte er") is the subject of the last sentence before the quote that names a person.
Scare quotes („Brexit“, "brekzit") are dropped: a quote needs four words or an attribution.
"""
from __future__ import annotations

import re

from bilateral.deadline import loader
from bilateral.kb import load_yaml
from bilateral.models import PersonMention, QuoteMention

_PAIRS = [("«", "»"), ("„", "“"), ("„", "”"), ("“", "”"), ("»", "«"), ("‚", "‘"), ("‘", "’")]
_MAX_LEN = 4000
_SENT_END = re.compile(r"[.!?](?=\s)|\n")


@loader
def _lang_data(lang: str) -> dict:
    data = load_yaml("quote_verbs.yaml") or {}
    return data.get(lang) or data.get("en") or {}


@loader
def verb_pattern(lang: str) -> re.Pattern | None:
    """One regex for the verbs of saying of ``lang`` (also used by find_people)."""
    verbs = _lang_data(lang).get("verbs") or []
    if not verbs:
        return None
    alts = sorted((v.replace(" ", r"\s+(?:\w+\s+){0,3}?") for v in verbs), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)


@loader
def _pronoun_pattern(lang: str) -> re.Pattern | None:
    prons = _lang_data(lang).get("pronouns") or []
    if not prons:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(prons) + r")(?![\w-])", re.I)


# ---------------------------------------------------------------- finding quote spans

def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _para_start(text: str, pos: int) -> bool:
    """Is ``pos`` the first non-blank character of a line?"""
    i = pos - 1
    while i >= 0 and text[i] in " \t\u00a0":
        i -= 1
    return i < 0 or text[i] == "\n"


def _paired(text: str, o: str, c: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    i = 0
    while True:
        a = text.find(o, i)
        if a < 0:
            break
        i = a + 1
        if _inside(a, taken) or _inside(a, out):
            continue
        if c == "’" and not (a == 0 or not text[a - 1].isalnum()):
            continue
        depth = 1
        j = a + 1
        end = None
        limit = min(len(text), a + _MAX_LEN)
        while j < limit:
            ch = text[j]
            if ch == c and (c != "’" or j + 1 >= len(text) or not text[j + 1].isalpha()):
                depth -= 1
                if depth == 0:
                    end = j + 1
                    break
            elif ch == o and o != c:
                if not _para_start(text, j):
                    depth += 1  # a nested quote of the same kind
            elif ch == "\n" and j + 1 < len(text):
                # a paragraph break inside a quote: fine only if the quote reopens or closes in
                # the next paragraph (no other quote mark opens there first)
                k = j + 1
                while k < len(text) and text[k] in " \t\u00a0\n":
                    k += 1
                nxt_c = text.find(c, k)
                if nxt_c < 0:
                    break
            j += 1
        if end is not None:
            out.append((a, end))
            i = end
    return out


def _symmetric(text: str, q: str, taken: list[tuple[int, int]], max_len: int) -> list[tuple[int, int]]:
    """Straight quotes: open at a word start, close at a word end."""
    out = []
    opens = [m.start() for m in re.finditer(
        rf"(?:(?<=^)|(?<=[\s(\[—–:-])){re.escape(q)}(?=[^\s{re.escape(q)}])", text, re.M)]
    closes = [m.start() for m in re.finditer(
        rf"(?<=[^\s{re.escape(q)}]){re.escape(q)}(?=$|[\s.,;:!?)\]—–-])", text, re.M)]
    ci = 0
    last_end = -1
    for a in opens:
        if a < last_end or _inside(a, taken):
            continue
        while ci < len(closes) and closes[ci] <= a:
            ci += 1
        if ci >= len(closes):
            break
        b = closes[ci]
        if b - a > max_len or (q == "'" and "\n" in text[a:b]) or _inside(b, taken):
            continue
        out.append((a, b + 1))
        last_end = b + 1
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Every quotation (marks included), outermost, sorted."""
    taken: list[tuple[int, int]] = []
    for o, c in _PAIRS:
        if o in text:
            taken.extend(_paired(text, o, c, taken))
    if '"' in text:
        taken.extend(_symmetric(text, '"', taken, _MAX_LEN))
    if "'" in text:
        taken.extend(_symmetric(text, "'", taken, 400))
    taken.sort()
    outer: list[tuple[int, int]] = []
    for s, e in taken:
        if outer and s < outer[-1][1]:
            continue
        outer.append((s, e))
    return outer


def _inner_text(text: str, s: int, e: int) -> str:
    inner = text[s + 1:e - 1]
    # drop the reopening marks at paragraph starts of a multi-paragraph quote
    inner = re.sub(r"\n[ \t]*[«„“»‚‘\"']", "\n", inner)
    inner = " ".join(inner.split())
    return inner.strip().rstrip(",").strip()


# ---------------------------------------------------------------- speakers

def _after_window(text: str, e: int, inner: str) -> tuple[int, int] | None:
    """The attribution clause right after a quote, if the text continues the sentence."""
    m = re.match(r"[ \t\u00a0]*", text[e:])
    i = e + m.end()
    if i >= len(text):
        return None
    ch = text[i]
    continues = ch in ",–—-" or ch.islower() or inner.endswith(",") or \
        (ch.isupper() and not inner.endswith((".", "!", "?", "…")))
    if not continues:
        return None
    stop = re.search(r"[.!?](?=\s|$)|\n|[«„“\"]", text[i:i + 160])
    j = i + (stop.start() if stop else min(160, len(text) - i))
    return i, j


def _before_window(text: str, s: int) -> tuple[int, int] | None:
    """The clause introducing a quote ("Lukashenko said: «…»"), if the quote follows a colon."""
    head = text[max(0, s - 200):s]
    if not re.search(r"[:,]\s*$", head):
        return None
    cut = max((m.end() for m in _SENT_END.finditer(head)), default=0)
    for m in re.finditer(r"[»“”\"]", head):
        cut = max(cut, m.end())
    return s - len(head) + cut, s


def _mentions_in(people: list[PersonMention], a: int, b: int, quotes: list[tuple[int, int]]):
    return [p for p in people if a <= p.start < b and not _inside(p.start, quotes)]


def _subject_before(text: str, pos: int, people: list[PersonMention],
                    quotes: list[tuple[int, int]], lang: str) -> PersonMention | None:
    """The first person named in the nearest sentence before ``pos`` that names one."""
    pron = _pronoun_pattern(lang)
    end = pos
    for _ in range(4):
        head = text[max(0, end - 600):end]
        bounds = [m.end() for m in _SENT_END.finditer(head.rstrip())]
        start = end - len(head) + (bounds[-1] if bounds else 0)
        # skip quoted text: we want the narrative sentence
        ms = _mentions_in(people, start, end, quotes)
        if ms:
            return ms[0]
        sent = text[start:end].strip()
        if start <= 0 or (sent and not (pron and pron.match(sent)) and len(sent) > 200):
            break
        end = start - 1 if start > 0 else 0
        if end <= 0:
            break
    return None


def find_quotes(text: str, lang: str, people: list[PersonMention]) -> list[QuoteMention]:
    """Direct quotations in ``text`` with their speakers (canonical names) where the text says."""
    lang = (lang or "en").lower()
    verbs = verb_pattern(lang)
    pron = _pronoun_pattern(lang)
    spans = quote_spans(text)
    people = sorted(people, key=lambda p: p.start)
    out: list[QuoteMention] = []
    prev_speaker: str | None = None
    for s, e in spans:
        inner = _inner_text(text, s, e)
        if not inner:
            continue
        speaker: str | None = None
        attributed = False
        for win in (_after_window(text, e, inner), _before_window(text, s)):
            if win is None:
                continue
            a, b = win
            clause = text[a:b]
            if not (verbs and verbs.search(clause)):
                continue
            attributed = True
            ms = _mentions_in(people, a, b, spans)
            if ms:
                speaker = ms[0].name
            elif pron and pron.search(clause):
                subj = _subject_before(text, s, people, spans, lang)
                speaker = subj.name if subj else prev_speaker
            break
        if len(inner.split()) < 4 and not attributed:
            continue  # a scare quote or a quoted term
        if speaker:
            prev_speaker = speaker
        out.append(QuoteMention(s, e, text[s:e], text=inner, speaker=speaker))
    return out
