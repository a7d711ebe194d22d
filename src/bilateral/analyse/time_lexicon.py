"""Per-language temporal vocabulary and compiled patterns, built once from ``time_words.yaml``.

Why a lexicon of our own: dateparser's ``search_dates`` on running text finds dates in "die",
"1.7" and "523.7 2023" and reads "am 18. Oktober" as a.m., so spans are found with regexes built
from the month and weekday lists, and normalised by our own code (dates.py, ``bilateral.dates.anchor``).
All knowledge is in data files: month and weekday names in ``months.yaml`` (through
``bilateral.calendar_words``: names and abbreviations; weekday abbreviations such as "So" or "Sun"
are left out, they are words in running text), every other word and pattern in
``time_words.yaml``. This module only assembles and compiles them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from bilateral import calendar_words
from bilateral.deadline import loader
from bilateral.kb import load_yaml

DATA_FILE = "time_words.yaml"
FLAGS = re.IGNORECASE | re.UNICODE
YEAR_RE = r"(?:1[89]\d\d|20\d\d|2100)"  # 1800-2100; callers narrow to 1900-2100 for bare years


@dataclass
class Pattern:
    """One compiled template with its handler name and arguments."""

    kind: str
    regex: re.Pattern[str]
    args: dict
    order: int  # position in the file: earlier wins among equally long spans
    key: str = "misc"  # which trigger opens its search windows: month | weekday | digit | misc | ref


# the trigger a pattern kind needs nearby (a pattern may name another with `key:`)
KIND_KEY = {"dmy": "month", "month": "month", "numeric_dm": "digit", "weekday": "weekday",
            "ref": "ref", "century": "ref", "decade": "ref"}


@dataclass
class Lexicon:
    """Everything the finder needs for one language."""

    lang: str
    capitalised_names: bool
    months: dict[str, int]  # lower-cased form (no trailing dot) -> 1..12
    month_abbr: set[str]  # lower-cased forms that are abbreviations
    weekdays: dict[str, int]  # lower-cased form -> 0 (Monday) .. 6
    numbers: dict[str, int]
    ordinals: dict[str, int]  # prefix -> ordinal (-1 = last)
    units: dict[str, re.Pattern[str]]  # unit -> full-match regex over any form
    year_refs: list[tuple[re.Pattern[str], int]]
    seasons: dict[str, str]  # prefix -> TimeML season code
    patterns: list[Pattern] = field(default_factory=list)
    future_cues: re.Pattern[str] | None = None
    clause_breaks: re.Pattern[str] | None = None
    year_strong_before: re.Pattern[str] | None = None  # matched against text ending at the year
    year_strong_after: re.Pattern[str] | None = None  # matched against text starting after it
    year_block_before: re.Pattern[str] | None = None
    year_block_after: re.Pattern[str] | None = None
    triggers: dict[str, re.Pattern[str]] = field(default_factory=dict)  # key -> where windows open
    slash_order: str = "dmy"  # how to read 10/11/2019
    weak_bare_months: frozenset[str] = frozenset()
    weak_month_context: re.Pattern[str] | None = None

    def month_of(self, word: str) -> int | None:
        return self.months.get(word.lower().rstrip("."))

    def weekday_of(self, word: str) -> int | None:
        w = word.lower()
        for suffix in ("", "s", "'s", "’s"):  # "Friday's", German genitive "Freitags"
            if suffix and not w.endswith(suffix):
                continue
            got = self.weekdays.get(w[: len(w) - len(suffix)] if suffix else w)
            if got is not None:
                return got
        return None

    def number_of(self, word: str) -> int | None:
        if word.isdigit():
            return int(word)
        return self.numbers.get(word.lower())

    def ordinal_of(self, word: str) -> int | None:
        w = word.lower()
        for prefix, value in sorted(self.ordinals.items(), key=lambda kv: -len(kv[0])):
            if w.startswith(prefix):
                return value
        return None

    def unit_of(self, word: str) -> str | None:
        for unit, rx in self.units.items():
            if rx.fullmatch(word):
                return unit
        w = word.lower()  # compounds: "Vorjahr", "Jahresbeginn", "Vormonat"
        for stem, unit in (("jahr", "year"), ("monat", "month"), ("woche", "week"), ("год", "year")):
            if stem in w:
                return unit
        return None

    def year_ref_shift(self, text: str) -> int | None:
        for rx, shift in self.year_refs:
            if rx.fullmatch(text.strip()):
                return shift
        return None

    def season_of(self, word: str) -> str | None:
        w = word.lower()
        for prefix, code in self.seasons.items():
            if w.startswith(prefix):
                return code
        return None


def _alternation(words: list[str]) -> str:
    """A regex matching any of ``words`` (lower-cased), built as a trie.

    Why a trie: Python's regex engine tries alternatives one by one at every position; a trie
    ("ma(?:i|y|r(?:ch|s))") decides on the first letter, which makes the month/weekday patterns
    several times faster. Longer words win over their prefixes ("Sept" before "Sep").
    """
    trie: dict = {}
    for w in {w.lower() for w in words if w}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_re(trie) if trie else "(?!)"


def _trie_to_re(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(re.escape(ch) + _trie_to_re(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body  # a word may stop here: the longer one is tried first


def _build(lang: str, conf: dict) -> Lexicon:
    months: dict[str, int] = {}
    abbr: set[str] = set()
    for i, forms in enumerate(calendar_words.month_names(lang), 1):
        for f in forms:
            months.setdefault(f.lower(), i)
    for i, forms in enumerate(calendar_words.month_abbreviations(lang), 1):
        for f in forms:
            if f.lower() not in months:
                months[f.lower()] = i
                abbr.add(f.lower())
    weekdays: dict[str, int] = {}
    for i, forms in enumerate(calendar_words.weekday_names(lang)):
        for f in forms:
            weekdays.setdefault(f.lower(), i)

    units_any = conf["units_any"]
    year_refs = [(re.compile(r["re"], FLAGS), int(r["shift"])) for r in conf.get("year_refs", [])]
    yref_alt = "|".join(f"(?:{r['re']})" for r in conf.get("year_refs", []))
    number_alt = _alternation(list(conf.get("numbers", {})))
    month_alt = _alternation(list(months))
    wd_alt = _alternation(list(weekdays))
    y_explicit = (f"{conf.get('y_prefix', '')}(?P<year>{YEAR_RE})(?![\\d.,]\\d)"
                  f"{conf.get('y_suffix', '')}")
    subst = {
        "{MON}": f"(?P<month>{month_alt})",
        "{MON2}": f"(?P<month2>{month_alt})",
        "{WD}": f"(?P<wd>{wd_alt})",
        "{D}": r"(?P<day>[0-3]?\d)(?!\d)",
        "{D2}": r"(?P<day2>[0-3]?\d)(?!\d)",
        "{YEAR}": f"(?P<year>{YEAR_RE})(?!\\d)",
        "{Y}": f"(?:{y_explicit}|(?P<yref>{yref_alt}))" if yref_alt else y_explicit,
        "{N}": f"(?P<n>\\d{{1,2}}|{number_alt})" if number_alt else r"(?P<n>\d{1,2})",
        "{UNIT}": "(?P<unit>" + "|".join(f"(?:{v})" for v in conf["units"].values()) + ")",
        "{UNITS}": "(?P<unit>" + "|".join(f"(?:{v})" for v in units_any.values()) + ")",
        "{month_context}": f"(?:{conf.get('month_context', 'in')})",
    }
    patterns: list[Pattern] = []
    for order, spec in enumerate(conf.get("patterns", [])):
        body = spec["re"]
        for key, val in subst.items():
            body = body.replace(key, val)
        try:
            rx = re.compile(rf"(?<!\w)(?:{body})(?!\w)", FLAGS)
        except re.error as exc:  # a broken data file must say which pattern
            raise ValueError(f"{DATA_FILE}: {lang} pattern {order} ({spec['re']!r}): {exc}") from exc
        args = {k: v for k, v in spec.items() if k not in ("kind", "re", "key")}
        key = spec.get("key") or KIND_KEY.get(spec["kind"], "misc")
        if spec["kind"] == "period" and spec.get("sub") == "months":
            key = "month"
        patterns.append(Pattern(spec["kind"], rx, args, order, key))

    def opt(key: str, template: str) -> re.Pattern[str] | None:
        val = conf.get(key)
        return re.compile(template.replace("X", val), FLAGS) if val else None

    return Lexicon(
        lang=lang,
        capitalised_names=bool(conf.get("capitalised_names")),
        months=months,
        month_abbr=abbr,
        weekdays=weekdays,
        numbers={k.lower(): int(v) for k, v in (conf.get("numbers") or {}).items()},
        ordinals={k.lower(): int(v) for k, v in (conf.get("ordinals") or {}).items()},
        units={u: re.compile(f"(?:{v})", FLAGS) for u, v in units_any.items()},
        year_refs=year_refs,
        seasons={k.lower(): v for k, v in (conf.get("seasons") or {}).items()},
        patterns=patterns,
        future_cues=opt("future_cues", r"(?<!\w)(?:X)(?!\w)"),
        clause_breaks=opt("clause_breaks", r"(?:X)"),
        # before: the context must end right where the year starts (one stray number may sit between)
        year_strong_before=opt("year_strong_before", r"(?<!\w)(?:X)\s+(?:[\d.,]+\s+)?$"),
        year_strong_after=opt("year_strong_after", r"^\s*(?:X)(?!\w)"),
        year_block_before=opt("year_block_before", r"(?:(?<!\w)(?:X)|(?<=[$€£¥]))\s*$"),
        year_block_after=opt("year_block_after", r"^\s*(?:X)(?!\w)"),
        triggers=_triggers(months, weekdays, conf.get("triggers") or {}),
        slash_order=conf.get("slash_order", "dmy"),
        weak_bare_months=frozenset(w.lower() for w in conf.get("weak_bare_months", [])),
        weak_month_context=opt("weak_month_context", r"^(?:X)$"),
    )


def _triggers(months: dict, weekdays: dict, words: dict) -> dict[str, re.Pattern[str]]:
    # Matched case-sensitively against the lower-cased text: an IGNORECASE alternation is ten times
    # slower. No leading (?<!\w) either (it stops the engine from skipping ahead on the first
    # letter); dates.py checks the word boundary itself.
    def word_start(ws: list) -> re.Pattern[str]:
        return re.compile("(?:" + _alternation([str(w) for w in ws]) + ")")

    out = {"month": word_start(list(months)), "weekday": word_start(list(weekdays)),
           "digit": re.compile(r"\d+")}
    for key, ws in words.items():
        out[key] = word_start(ws)
    return out


@loader
def lexicon(lang: str) -> Lexicon:
    """The lexicon for ``lang``; languages without data fall back to English."""
    langs = load_yaml(DATA_FILE)["languages"]
    if lang not in langs or lang not in calendar_words.languages():
        lang = "en"
    return _build(lang, langs[lang])


def languages() -> list[str]:
    return [lang for lang in load_yaml(DATA_FILE)["languages"] if lang in calendar_words.languages()]
