"""Event triggers: the words that say *what happened* (PLOVER type, mode, CAMEO code).

The lexicon lives in ``data/triggers.yaml`` (one section per language, CAMEO codes mapped to
PLOVER types by the 2021 conversion table kept in the same file). Per language all patterns
are compiled into one alternation, so a document is scanned once; each top-level alternative
of an entry is its own branch, ordered most specific first, so "lodged a protest" wins over
"protest" and "withdrew its inspectors" over "withdrew" where both start at the same word.

Whether a trigger is announced rather than done (``future``) and whether it is denied
(``negated``) is read from a short window of the same clause around it, with cue lists per
language in the same file.

Public:
    find_triggers(text, lang) -> list[TriggerMatch]   every trigger, in text order
    main_trigger(sentence_text, lang) -> TriggerMatch | None   the sentence's main event
    ranked_triggers(text, lang) -> [(TriggerMatch, priority)]  priority in context
    sentence_triggers(sentences, lang) -> one ranked list per sentence (the ``triggers`` layer)
    best_trigger(ranked) -> TriggerMatch | None      the main one of a ranked list
    as_plover(match) -> (type, cameo)                  CAMEO-style coding of future/negated
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bilateral.deadline import loader
from bilateral.extract.regex_shape import first_chars, min_literals
from bilateral.kb import load_yaml
from bilateral.lang import language
from bilateral.models import Sentence, TriggerMatch

_DATA = "triggers.yaml"
_WINDOW_BEFORE = 50  # characters of the same clause searched for future/negation cues
_WINDOW_AFTER = 45
# A clause ends at . ! ? ; or a line break, but not at the full stop of an initial or an
# abbreviation of single letters ("U.S. officials", "George W. Bush"): inside one sentence
# that stop is no boundary, and ending the window there hid the "after" before it.
_CLAUSE_END = re.compile(r"(?:(?<!\b[^\W\d_])\.|[!?;\n])(?=\s|$)")

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
                         "INVESTIGATE"})


@dataclass(frozen=True)
class _Entry:
    cameo: str
    type: str
    mode: str | None
    prio: int
    future: bool


@dataclass(frozen=True)
class _Lexicon:
    buckets: dict[str, re.Pattern[str]]  # first letter (lower case) -> branches that may start so
    anywhere: re.Pattern[str] | None  # branches whose first letter cannot be known
    entries: tuple[_Entry, ...]  # indexed by the group number g<i>
    future_before: re.Pattern[str] | None
    future_after: re.Pattern[str] | None
    neg_before: re.Pattern[str] | None
    neg_after: re.Pattern[str] | None
    purpose_before: re.Pattern[str] | None
    background_before: re.Pattern[str] | None
    report_must: re.Pattern[str] | None


_WORD_START = re.compile(r"(?<![\w-])\w")


def _split_top(pattern: str) -> list[str]:
    """Top-level alternatives of a regular expression (respecting groups, classes, escapes)."""
    parts, depth, cls, esc, start = [], 0, False, False, 0
    for i, ch in enumerate(pattern):
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif cls:
            cls = ch != "]"
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return [p for p in parts if p.strip()]


@loader
def _table() -> dict[str, tuple[str, str | None]]:
    return {str(k): (v[0], v[1]) for k, v in load_yaml(_DATA)["cameo"].items()}


@loader
def _recalled(lang: str) -> re.Pattern[str] | None:
    return _cue("recalled", lang, re.IGNORECASE)


def recalls_earlier(sentence_text: str, lang: str) -> bool:
    """Does the sentence recall an earlier interaction ("they last met in September 2023")?
    (cues: ``recalled`` in the trigger data)"""
    rx = _recalled(lang)
    return bool(rx and rx.search(sentence_text))


@lru_cache(maxsize=None)
def event_type_of(cameo: str | None, default: str) -> str:
    """The PLOVER type an event of ``cameo`` is reported with (``event_types`` in the data:
    a signed agreement is an AGREE event, though its sentence codes as SUPPORT)."""
    types = load_yaml(_DATA).get("event_types") or {}
    return str(types.get(cameo, default)) if cameo else default


def _cue(section: str, lang: str, flags: int) -> re.Pattern[str] | None:
    pat = (load_yaml(_DATA).get(section) or {}).get(lang)
    return re.compile(pat, flags) if pat else None


@loader
def _lexicon(lang: str) -> _Lexicon | None:
    data = load_yaml(_DATA)
    rows = (data.get("triggers") or {}).get(lang)
    if not rows:
        return None
    table = _table()
    branches: list[tuple[int, int, str, _Entry]] = []
    for order, row in enumerate(rows):
        code = str(row["c"])
        if code not in table:
            raise ValueError(f"{_DATA}: CAMEO code {code} ({lang}) is not in the conversion table")
        ptype, mode = table[code]
        if "m" in row:
            mode = None if row["m"] in (None, "none") else row["m"]
        entry = _Entry(code, ptype, mode, int(row.get("prio", 5)), bool(row.get("f", False)))
        for piece in _split_top(row["p"]):
            branches.append((min_literals(piece), order, piece, entry))
    branches.sort(key=lambda b: (-b[0], b[1]))
    by_letter: dict[str, list[int]] = {}
    unknown: list[int] = []
    for i, (_, _, piece, _) in enumerate(branches):
        chars = first_chars(piece)
        if chars is None:
            unknown.append(i)
        else:
            for ch in chars:
                by_letter.setdefault(ch, []).append(i)

    def compile_(idx: list[int]) -> re.Pattern[str]:
        alts = "|".join(f"(?P<g{i}>{branches[i][2]})" for i in sorted(idx))
        return re.compile(rf"(?<![\w-])(?:{alts})(?!\w)", re.IGNORECASE)

    buckets = {ch: compile_(idx + unknown) for ch, idx in by_letter.items()}
    flags = 0 if language(lang).case_sensitive_cues else re.IGNORECASE  # "May" is no "may"
    return _Lexicon(buckets, compile_(unknown) if unknown else None, tuple(b[3] for b in branches),
                    _cue("future_before", lang, flags), _cue("future_after", lang, re.IGNORECASE),
                    _cue("negation_before", lang, re.IGNORECASE),
                    _cue("negation_after", lang, re.IGNORECASE),
                    _cue("purpose_before", lang, re.IGNORECASE),
                    _cue("background_before", lang, flags),
                    _cue("report_must", lang, re.IGNORECASE))


def _window_before(text: str, pos: int) -> str:
    start = max(0, pos - _WINDOW_BEFORE)
    for m in _CLAUSE_END.finditer(text, start, pos):
        start = m.end()
    if start > 0 and not text[start - 1].isspace():  # do not start inside a word
        nxt = text.find(" ", start, pos)
        start = pos if nxt < 0 else nxt + 1
    return text[start:pos]


def _window_after(text: str, pos: int) -> str:
    return text[pos:pos + _WINDOW_AFTER]


def _matches(lex: _Lexicon, text: str) -> list[re.Match[str]]:
    """Leftmost, non-overlapping matches, trying at each word start only its letter's bucket."""
    out: list[re.Match[str]] = []
    end = 0
    for w in _WORD_START.finditer(text):
        pos = w.start()
        if pos < end:
            continue
        rx = lex.buckets.get(text[pos].lower(), lex.anywhere)
        m = rx.match(text, pos) if rx is not None else None
        if m:
            out.append(m)
            end = m.end()
    return out


_AUX_BEFORE = re.compile(r"\b(?:is|are|was|were|been|be|am|has|have|had)\s+(?:\w+\s+)?$", re.I)


def _scan(text: str, lang: str) -> list[tuple[TriggerMatch, int]]:
    """Every trigger with its priority in context (see ``main_trigger``)."""
    lex = _lexicon(lang) or _lexicon("en")
    assert lex is not None
    out: list[tuple[TriggerMatch, int]] = []
    participle = language(lang).modifier_participle
    for m in _matches(lex, text):
        entry = lex.entries[int(m.lastgroup[1:])]  # type: ignore[index]
        before = _window_before(text, m.start())
        after = _window_after(text, m.end())
        cues = list(lex.future_before.finditer(before)) if lex.future_before else []
        future = entry.future or bool(cues) \
            or bool(lex.future_after and lex.future_after.search(after))
        # "is ready to contribute", "plans to visit": the infinitive is what is announced, the
        # sentence's event in intent form, not the purpose of another verb
        announced = bool(cues) and not before[cues[-1].end():].strip()
        negated = bool(lex.neg_before and lex.neg_before.search(before)) \
            or bool(lex.neg_after and lex.neg_after.search(after))
        prio = entry.prio
        # "to demand", "in protest", "must agree": the act is the purpose or the demand of
        # another verb, which names the event
        if lex.purpose_before and lex.purpose_before.search(before) and not announced:
            prio = min(prio, 4)
        # English participles of speech acts ("..., demanding that") modify the main verb
        elif participle and prio >= 7 and m.group(0).split()[0].lower().endswith(participle) \
                and not _AUX_BEFORE.search(before):
            prio = min(prio, 4)
        # "after the attack", "unless he agrees", "who has vowed": background, not the news
        if lex.background_before and lex.background_before.search(before):
            prio -= 3
        out.append((TriggerMatch(start=m.start(), end=m.end(), surface=m.group(0), type=entry.type,
                                 mode=entry.mode, cameo=entry.cameo, future=future,
                                 negated=negated), prio))
    return out


def find_triggers(text: str, lang: str) -> list[TriggerMatch]:
    """Every event trigger in ``text`` (a document or a sentence), in text order.

    Languages without a lexicon fall back to the English one (names of events in English
    are common in any news text; better than nothing).
    """
    return [t for t, _ in _scan(text, lang)]


def ranked_triggers(text: str, lang: str) -> list[tuple[TriggerMatch, int]]:
    """Every trigger with its priority in this context (9 = speech-act frame ... <=2 weak).

    Priority comes from the lexicon, lowered for purpose clauses ("to demand"), English
    participles ("..., demanding") and background clauses ("after the attack").
    """
    return _scan(text, lang)


def main_trigger(sentence_text: str, lang: str) -> TriggerMatch | None:
    """The trigger that names the sentence's main event, or None.

    Highest priority wins (speech-act frames such as threaten/demand/reject/accuse define the
    event whatever act follows them; then commitments; then specific acts; nouns last); ties go
    to the earliest trigger, which in news sentences is usually the main verb.
    """
    return best_trigger(_scan(sentence_text, lang))


def best_trigger(ranked: list[tuple[TriggerMatch, int]]) -> TriggerMatch | None:
    """The main trigger among a sentence's ranked triggers (see ``main_trigger``)."""
    if not ranked:
        return None
    return max(ranked, key=lambda tp: (tp[1], -tp[0].start))[0]


def sentence_triggers(sentences: list[Sentence], lang: str) -> list[list[tuple[TriggerMatch, int]]]:
    """Each sentence's ranked triggers (``ranked_triggers`` of its text, offsets into it), one
    list per sentence: read once for the document and used by every later step.

    Why per sentence, not per document: a trigger's future/negation/background cues are read
    in its own sentence, and the main trigger is chosen among the sentence's triggers.
    """
    return [_scan(s.text, lang) for s in sentences]


def as_plover(match: TriggerMatch) -> tuple[str, str | None]:
    """(type, CAMEO) coded the CAMEO/PLOVER way, which codes intentions, not acts.

    An announced cooperative act ("will visit", "ready to send troops") is an intent, AGREE
    03x; an announced hostile act ("would impose sanctions") a threat, THREATEN 13x; a denied
    cooperative act ("did not meet", "will not accept") a rejection, REJECT 12x. The event
    assembler may keep CONSULT+future instead (the contract's "a call announced for next
    week"); this is the view the PLOVER benchmark scores.
    """
    data = load_yaml(_DATA)
    t = match.type
    if match.negated and t in COOPERATIVE:
        code = data["refusal"].get(t, "120")
        return "REJECT", code
    if match.future and not match.negated:
        if t in COOPERATIVE and t != "AGREE":
            return "AGREE", data["intent"].get(t, "030")
        if t in data["threat"]:
            return "THREATEN", data["threat"][t]
    return t, match.cameo
