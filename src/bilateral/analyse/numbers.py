"""Numbers, money and percentages in running text (de, en, ru, fr; others fall back to en rules).

``find_amounts`` returns every number expression that carries a currency, a percent sign/word or a
scale word, with its value as a plain float ("523.7 Millionen US-Dollar" -> 523700000.0, "USD").
It knows nothing about trade: deciding which amounts are figures is ``figures.py``'s job.

The decimal separator is decided per number, because machine-translated German writes "523.7"
(``parse_number``):

* no separator: an integer;
* both "." and ",": the last one is the decimal mark, the other groups thousands;
* one kind of separator, several times ("1.234.567"): thousands separators;
* one separator followed by 1-2 or 4+ digits ("523.7", "4,2", "1.75"): a decimal mark, whatever
  the language;
* one separator followed by exactly 3 digits: without a scale word or percent ("1.500 Euro",
  "1,500 dollars") it groups thousands; with one it is a decimal mark when it is the language's
  decimal mark ("1,500 Mrd." in German, "1.500 billion" in English -> 1.5) and groups thousands
  otherwise ("$1,500 million" in English -> 1500 million).

Garbled order from machine translation ("im Jahr 523.7 2023 Millionen US-Dollar") is read as the
number, a skipped year token (returned as ``Amount.year``), then the scale and currency.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from bilateral.deadline import loader
from bilateral.kb import load_yaml

DATA = "figures.yaml"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"[^\W\d_]+")
_SYMBOLS = "$€£¥₸₽₴₹%"


@dataclass(frozen=True)
class Amount:
    """One number expression. ``unit`` is an ISO 4217 code, "%" or None (a bare scaled number)."""

    start: int
    end: int
    surface: str
    value: float
    unit: str | None
    year: str | None = None  # a year token found between the number and its scale/currency
    num_start: int = 0  # where the number itself starts (after a prefix currency)
    scaled: bool = False


def _alt(patterns: list[str]) -> str:
    """An alternation, longest pattern first so "долл. США" is tried before "долл."."""
    return "|".join(sorted(set(patterns), key=len, reverse=True))


def decimal_mark(lang: str) -> str:
    marks = load_yaml(DATA)["decimal_mark"]
    return marks.get(lang, marks["default"])


def parse_number(s: str, lang: str, scaled: bool) -> float | None:
    """The value of a digit string with separators, by the rule in the module docstring."""
    s = re.sub(r"[\s\u00a0\u202f']", "", s)
    if not s:
        return None
    dots, commas = s.count("."), s.count(",")
    try:
        if not dots and not commas:
            return float(s)
        if dots and commas:
            dec = "." if s.rfind(".") > s.rfind(",") else ","
            grp = "," if dec == "." else "."
            return float(s.replace(grp, "").replace(dec, "."))
        sep = "." if dots else ","
        if dots + commas > 1:
            return float(s.replace(sep, ""))
        after = len(s) - s.index(sep) - 1
        if after != 3:
            return float(s.replace(sep, "."))
        if scaled and sep == decimal_mark(lang):
            return float(s.replace(sep, "."))
        return float(s.replace(sep, ""))
    except ValueError:
        return None


@dataclass
class _Lex:
    amount_re: re.Pattern
    scale_values: list[tuple[re.Pattern, float]]
    short_values: list[tuple[re.Pattern, float]]
    currency_of: list[tuple[re.Pattern, str]]
    percent_re: re.Pattern
    spelled_re: re.Pattern
    word_re: re.Pattern
    unit_symbols: frozenset
    unit_starts: tuple[str, ...]
    one_words: set[str]
    half_words: list[str]


def _literal_starts(patterns: list[str]) -> tuple[str, ...]:
    """The literal first word of each top-level alternative ("dollars?" -> "dollar"), 2+ letters."""
    out = set()
    for p in patterns:
        depth, cur, alts = 0, "", []
        for ch in p.lower():
            depth += ch == "("
            depth -= ch == ")"
            if ch == "|" and depth == 0:
                alts.append(cur)
                cur = ""
            else:
                cur += ch
        alts.append(cur)
        for a in alts:
            m = re.match(r"[^\W\d_]+", a)
            if m:
                w = m.group(0)
                if a[len(w):len(w) + 1] == "?":
                    w = w[:-1]
                if len(w) >= 2:
                    out.add(w)
    return tuple(sorted(out))


def _langs(lang: str) -> list[str]:
    d = load_yaml(DATA)["scales"]
    return [lang] if lang in d else ["en", "ru"]  # kk, uz, ...: English and Russian scale words


@loader
def _lex(lang: str) -> _Lex:
    """Compile the amount grammar of one language once per process."""
    d = load_yaml(DATA)
    langs = _langs(lang)
    scales = [(s["re"], float(s["value"])) for lg in langs for s in d["scales"][lg]]
    shorts = [(s["re"], float(s["value"])) for s in d["short_scales"]]
    prefixes, suffixes, cur_of = [], [], []
    for code, c in d["currencies"].items():
        prefixes += c["prefix"]
        suffixes += c["suffix"]
        for p in c["prefix"] + c["suffix"]:
            cur_of.append((re.compile(rf"(?:{p})\Z", re.I), code, len(p)))
    cur_of.sort(key=lambda t: -t[2])
    pct = _alt(d["percent"])
    links = _alt([re.escape(x) for x in d["scale_currency_links"]])
    scale_alt = _alt([s for s, _ in scales])
    short_alt = _alt([s for s, _ in shorts])
    num = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)*"
    # Letters-only lookahead: "Mio." may be followed by anything, "bn" not by a letter.
    end = r"(?![^\W\d_])"
    amount = (
        rf"(?<![\w.,])(?:(?P<pre>{_alt(prefixes)})\s?)?"
        rf"(?P<num>{num})"
        rf"(?:\s+(?P<year>{_YEAR})(?=\s+(?:{scale_alt}|{_alt(suffixes)}){end}))?"
        rf"(?:(?:\s*(?P<scale>{scale_alt}){end})|(?:\s?(?P<short>{short_alt}){end}))?"
        rf"(?:\s*(?P<pct>{pct})(?!\w)|\s*(?:{links})?\s*(?P<suf>{_alt(suffixes)}){end})?"
    )
    spelled = (
        rf"(?<!\w)(?P<words>(?:[^\W\d_]+[\s-]+){{0,4}})(?P<scale>{scale_alt}){end}"
        rf"(?:\s*(?:{links})?\s*(?P<suf>{_alt(suffixes)}){end})?"
        rf"|(?<!\w)(?P<pwords>(?:[^\W\d_]+[\s-]+){{1,3}})(?P<pct>{pct})(?!\w)"
    )
    return _Lex(
        amount_re=re.compile(amount, re.I),
        scale_values=[(re.compile(rf"(?:{s})\Z", re.I), v) for s, v in scales],
        short_values=[(re.compile(rf"(?:{s})\Z", re.I), v) for s, v in shorts],
        currency_of=[(r, c) for r, c, _ in cur_of],
        percent_re=re.compile(pct, re.I),
        spelled_re=re.compile(spelled, re.I),
        word_re=re.compile(rf"(?:{scale_alt.lower()}|{pct.lower()})"),
        unit_symbols=frozenset(_SYMBOLS),
        unit_starts=_literal_starts([s for s, _ in scales] + d["percent"] + prefixes + suffixes),
        one_words={w.lower() for lg in langs for w in d["one_words"].get(lg, [])},
        half_words=[w.lower() for lg in langs for w in d["half_words"].get(lg, [])],
    )


def has_number(text: str, lang: str) -> bool:
    """Cheap test: a digit, a scale word or a percent word somewhere in ``text``."""
    lx = _lex(lang)
    return _DIGITS.search(text) is not None or lx.word_re.search(lower_same_length(text)) is not None


def _lookup(table: list[tuple[re.Pattern, object]], word: str):
    for rx, v in table:
        if rx.match(word):
            return v
    return None


def currency_code(word: str, lang: str) -> str | None:
    """ISO 4217 code of a currency symbol, code or word ("Tenge" -> "KZT")."""
    return _lookup(_lex(lang).currency_of, word.strip())


def spelled_value(words: str, lang: str) -> float | None:
    """Value of a spelled number ("two", "zwei", "двадцать пять"); None when it is not one."""
    w = " ".join(words.lower().replace("-", " ").split())
    if not w:
        return None
    lx = _lex(lang)
    if w in lx.half_words:
        return 1.5
    if w in lx.one_words:
        return 1.0
    how = load_yaml(DATA)["spelled_numbers"].get(lang)  # a language not listed reads none
    if how is None:
        return None
    if how != "text2num":  # a table of number words, summed ("двадцать пять" = 20 + 5)
        table = load_yaml(DATA)[how]
        parts = w.split()
        if all(p in table for p in parts):
            return float(sum(table[p] for p in parts))
        return None
    try:
        return float(text2num(w, lang))
    except (ValueError, TypeError, IndexError, KeyError):
        return None


def _spelled_prefix(words: str, lang: str) -> tuple[float, int] | None:
    """The longest tail of ``words`` that is a spelled number: (value, offset of the tail)."""
    toks = list(re.finditer(r"[^\W\d_]+", words))
    lx = _lex(lang)
    for i in range(len(toks)):
        first = toks[i].group(0).lower()
        # the tail must start with a number word ("und drei" is "drei")
        if first not in lx.one_words and not any(h.startswith(first) for h in lx.half_words) \
                and spelled_value(first, lang) is None:
            continue
        v = spelled_value(words[toks[i].start():], lang)
        if v is not None and v > 0:
            return v, toks[i].start()
    return None


def _clean(v: float) -> float:
    """Drop float noise from scaling: 523.7 * 1e6 -> 523700000.0."""
    return float(f"{v:.12g}")


def _unit_near(window: str, lx: _Lex) -> bool:
    """A currency/percent symbol in ``window``, or a word starting like a scale, currency or percent word."""
    if not lx.unit_symbols.isdisjoint(window):
        return True
    return any(w.startswith(lx.unit_starts) for w in _WORDS.findall(window))


def lower_same_length(text: str) -> str:
    """``text.lower()`` with the same offsets (the rare characters that grow, like "İ", kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def find_amounts(text: str, lang: str, start: int = 0, end: int | None = None,
                 low: str | None = None) -> list[Amount]:
    """Every number with a currency, percent or scale word in ``text[start:end]`` (offsets into ``text``).

    ``low`` is ``lower_same_length(text)`` when the caller has it already."""
    end = len(text) if end is None else end
    lx = _lex(lang)
    seg = text[start:end]
    lseg = low[start:end] if low is not None else lower_same_length(seg)
    # a digit amount needs a currency, percent or scale word next to a digit: check small windows
    # (the full grammar costs ~50 us per sentence; most digits are dates and counts)
    near = any(_unit_near(lseg[max(0, d.start() - 8):d.end() + 30], lx) for d in _DIGITS.finditer(lseg))
    if not near:
        return _spelled(text, lang, start, end, []) if lx.word_re.search(lseg) else []
    out: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for m in lx.amount_re.finditer(seg):
        pre, suf, pct = m.group("pre"), m.group("suf"), m.group("pct")
        scale_w, short_w = m.group("scale"), m.group("short")
        if not (pre or suf or pct or scale_w or short_w):
            continue
        if pre and pct:
            continue
        cur = currency_code(pre, lang) if pre else None
        if suf:
            cur = currency_code(suf, lang) or cur
        mult = 1.0
        if scale_w:
            mult = _lookup(lx.scale_values, scale_w) or 1.0
        elif short_w:
            if not cur:
                continue  # "300 m" is metres, "5 k" nothing we know
            mult = _lookup(lx.short_values, short_w) or 1.0
        scaled = bool(scale_w or short_w or pct)
        v = parse_number(m.group("num"), lang, scaled)
        if v is None:
            continue
        unit = "%" if pct else cur
        if m.group("year") and not (scale_w or suf):
            continue
        s, e = start + m.start(), start + m.end()
        # trailing spaces matched before an absent suffix
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(Amount(s, e, text[s:e], _clean(v * mult), unit, m.group("year"), start + m.start("num"), scaled))
        taken.append((s, e))
    # spelled numbers only where a scale or percent word is not already part of a digit amount
    if any(not any(a <= start + w.start() < b for a, b in taken) for w in lx.word_re.finditer(lseg)):
        out += _spelled(text, lang, start, end, taken)
    out.sort(key=lambda a: a.start)
    return out


@loader
def _bare_scale(lang: str) -> re.Pattern[str] | None:
    """The scale words of ``lang`` that mean one of them without a number (``bare_scale_is_one``)."""
    pattern = (load_yaml(DATA).get("bare_scale_is_one") or {}).get(lang)
    return re.compile(pattern, re.I) if pattern else None


def _spelled(text: str, lang: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Amount]:
    """Spelled numbers before a scale or percent word ("two billion dollars", "два миллиарда")."""
    lx = _lex(lang)
    seg = text[start:end]
    out = []
    for m in lx.spelled_re.finditer(seg):
        s0, e0 = start + m.start(), start + m.end()
        if any(a < e0 and s0 < b for a, b in taken):
            continue
        words = m.group("words") if m.group("words") is not None else m.group("pwords")
        got = _spelled_prefix(words, lang)
        scale_w = m.group("scale")
        if got is None:
            # A bare singular scale word means one in some languages: "миллиард долларов".
            bare = _bare_scale(lang)
            if bare is not None and scale_w and bare.fullmatch(scale_w) and m.group("suf"):
                got = (1.0, len(words))
            else:
                continue
        value, off = got
        if scale_w:
            value *= _lookup(lx.scale_values, scale_w) or 1.0
            unit = currency_code(m.group("suf"), lang) if m.group("suf") else None
        else:
            unit = "%"
        s = s0 + off
        e = e0
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append(Amount(s, e, text[s:e], _clean(value), unit, None, s, True))
    return out
