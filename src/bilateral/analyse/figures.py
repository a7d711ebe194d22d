"""Figures about a relationship: trade turnover, exports, imports, investment, growth (de, en, ru, fr).

A number becomes a figure only when its clause talks about trade, investment, aid, loans or the
trade balance (word lists in ``data/figures.yaml``): population, casualties or budgets without
such a word are left alone. The steps, per sentence (split further at sentence ends the sentence
splitter kept together, e.g. "$900 Mio. „Wir ..."):

1. amounts: ``numbers.find_amounts`` (money with a currency, percentages);
2. topic: the nearest preceding topic keyword, ignoring keywords inside a parenthesis that closed
   before the number ("(Exporte: ..., Importe: ...) ... gegenüber 2022 (514.9 ...)" -> Handelsumsatz);
   else the nearest following one in the same clause ("the $1bn threshold in trade"); else, for a
   short sentence without any keyword, the topic of the immediately preceding sentence
   ("... der Warenumsatz ... 2018 hatten wir $900 Mio.");
3. a percentage is a figure only as a change: kind "growth" needs a growth/decline word or
   "by/um/на" before it; a decline gives a negative value; money right after "by" in a sentence
   about change is a difference and is skipped;
4. period: a year inside a garbled amount; else a period phrase right after the amount ("$400m in
   2022"); else the nearest one before it since the previous amount; else the period of the figure
   a parenthesis breaks down, or of the previous figure in the sentence; else the only period of
   the sentence; else None. A growth ignores comparison years ("gegenüber 2022") and takes the
   period of its figure;
5. qualifier from the words right before the number; countries from the sentence;
6. arithmetic checks over the document: export + import = total ("sum_mismatch"), growth against
   both years' totals ("growth_mismatch"); figures are flagged, never dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from bilateral import calendar_words
from bilateral.analyse.numbers import Amount, currency_code, find_amounts, has_number, lower_same_length
from bilateral.dates import PartialDate, parse
from bilateral.deadline import loader
from bilateral.kb import load_yaml
from bilateral.models import CountryMention, FigureMention, Sentence, TimeMention

DATA = "figures.yaml"
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_TOPIC_KIND = {
    "trade_total": ("trade", "total"),
    "export": ("trade", "export"),
    "import": ("trade", "import"),
    "investment": ("investment", None),
    "aid": ("aid", None),
    "loan": ("loan", None),
    "balance": ("balance", None),
    "contracts": ("contracts", None),  # construction contracts won abroad
}
_BETWEEN = re.compile(r"(?<!\w)(?:between|zwischen|между|entre)(?!\w)", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s")
_MAX_CARRY_WORDS = 14
_MAX_TOPIC_WORDS = 20
_PARENS = re.compile(r"\([^()]*\)")


# ------------------------------------------------------------------ lexicon

@dataclass
class _Lex:
    topic_re: re.Pattern
    topic_of: dict[str, tuple[str, str | None]]
    blocker_in: re.Pattern
    blocker_at: re.Pattern
    blocker_before: re.Pattern
    min_money: float
    growth_re: re.Pattern
    decline_re: re.Pattern
    by_re: re.Pattern
    by_any_re: re.Pattern
    qual_re: re.Pattern
    periods: list[tuple[str, re.Pattern]]
    year_re: re.Pattern
    any_year_re: re.Pattern
    relative_re: re.Pattern
    comparison_re: re.Pattern
    months: dict[str, int]  # lower-cased full month name -> 1..12
    counts: dict[str, int]
    split_re: re.Pattern
    abbrev: set[str]
    scale_abbrev: re.Pattern
    same_period_re: re.Pattern | None = None  # "in the same year": the period just stated


def _alt(items) -> str:
    return "|".join(sorted(set(items), key=len, reverse=True))


def _stems_re(stems: list[str], mode: str) -> str:
    """Keyword alternation: "word" whole words, "prefix" word-initial stems, "compound" anywhere in
    a word (German compounds). Stems of up to 3 letters are always whole words ("aid", "up")."""
    parts = []
    for s in sorted(set(stems), key=len, reverse=True):
        e = re.escape(s)
        if len(s) <= 3 or mode == "word":
            parts.append(rf"(?<!\w){e}(?!\w)")
        elif mode == "compound":
            parts.append(e)
        else:
            parts.append(rf"(?<!\w){e}")
    return "|".join(parts)


@loader
def _lex(lang: str) -> _Lex:
    d = load_yaml(DATA)
    lg = lang if lang in d["keywords"] else "en"
    mode = d["keyword_mode"].get(lg, "prefix")
    topic_of: dict[str, tuple[str, str | None]] = {}
    for group, stems in d["keywords"][lg].items():
        for s in stems:
            topic_of.setdefault(s.lower(), _TOPIC_KIND[group])
    extra = (d.get("topic_res") or {}).get(lg, [])
    # keyword regexes are case-sensitive over the lower-cased text: several times faster than re.I
    topic_re = re.compile("|".join([_stems_re(list(topic_of), mode)] + list(extra)))  # never lower() a regex: \W -> \w
    blockers = [b.lower() for b in d["keyword_blockers"].get(lg, [])]
    gmode = "compound" if mode == "compound" else "prefix"
    growth_re = re.compile(_stems_re([w.lower() for w in d["growth_words"][lg]], gmode))
    decline_re = re.compile(_stems_re([w.lower() for w in d["decline_words"][lg]], gmode))
    by_alt = _alt(re.escape(w) for w in d["by_words"][lg]) or "(?!)"
    by_re = re.compile(rf"(?<!\w)(?:{by_alt})\s*\Z", re.I)
    by_any_re = re.compile(rf"(?<!\w)(?:{by_alt})(?!\w)", re.I)
    q = d["qualifiers"][lg]
    fill = _alt(re.escape(w) for w in d["qualifier_fillers"][lg])
    qual_re = re.compile(
        rf"(?<!\w)(?:(?P<about>{_alt(q['about'])})|(?P<more_than>{_alt(q['more_than'])})"
        rf"|(?P<less_than>{_alt(q['less_than'])}))(?:\s+(?:{fill})){{0,2}}\s*\Z", re.I)
    # full names only (all cases: "январь", "января", "январе"); "Jan-Aug 2024" is not matched
    # abbreviations too: statistics write periods as "Jan-Aug 2024"; the period regexes need a year
    months = {f.lower(): i for i, forms in enumerate(calendar_words.month_forms(lg), 1) for f in forms}
    month_alt = _alt(re.escape(f) for f in months)
    counts = {k.lower(): v for k, v in d["month_counts"][lg].items()}
    n_alt = rf"\d{{1,2}}|{_alt(re.escape(k) for k in counts)}"
    year = rf"(?P<y>{_YEAR})(?:\s*(?:{_alt(d['year_words'])}))?(?!\w)"
    periods = []
    for p in d["periods"].get(lg, []):
        rx = (p["re"].replace("{N}", rf"(?P<n>{n_alt})").replace("{M1}", rf"(?P<m1>{month_alt})")
              .replace("{M2}", rf"(?P<m2>{month_alt})").replace("{Y}", year))
        periods.append((p["kind"], re.compile(rf"(?<!\w)(?:{rx})", re.I)))
    year_re = re.compile(rf"(?<![\w.,\-/]){year}(?![.,/\-]\d)", re.I)
    relative_re = re.compile(rf"(?<!\w)(?:{_alt(re.escape(w) for w in d['relative_years'][lg])})(?!\w)", re.I)
    cfill = _alt(re.escape(w) for w in d["comparison_fillers"])
    comparison_re = re.compile(
        rf"(?<!\w)(?:{_alt(d['comparison_before'][lg])})\s+(?:(?:{cfill})\s+)?\Z", re.I)
    abbrev = {a.lower() for a in d["abbreviations"]}
    scale_abbrev = re.compile(r"(?:mio|mrd|bio|tsd|mill|млн|млрд|трлн|тыс|mln|bln|mn|md|mds)\Z", re.I)
    split_re = re.compile(r"(?<=[.!?…])[\"“”»’]?\s+(?=[\"„“«‚]?[A-ZÄÖÜА-ЯЁ0-9$€£])|\n+")
    blocker_alt = _alt(re.escape(b) for b in blockers) or "(?!)"
    before_alt = _alt(re.escape(b.lower()) for b in d["keyword_blockers_before"].get(lg, [])) or "(?!)"
    return _Lex(topic_re, topic_of, re.compile(blocker_alt), re.compile(blocker_alt),
                re.compile(rf"(?<![^\W\d_])(?:{before_alt})"), float(d["min_money"]),
                growth_re, decline_re, by_re, by_any_re, qual_re, periods, year_re, re.compile(_YEAR),
                relative_re, comparison_re, months, counts, split_re, abbrev, scale_abbrev,
                _phrases_re((d.get("same_period") or {}).get(lang)))


def _phrases_re(phrases: list[str] | None) -> re.Pattern | None:
    """Lower-cased phrases as one regex on the lower-cased text, or None."""
    if not phrases:
        return None
    return re.compile(rf"(?<![^\W\d_])(?:{_alt(re.escape(p.lower()) for p in phrases)})(?![^\W\d_])")


# ------------------------------------------------------------------ units (sentences, refined)

def _units(text: str, lang: str, sentences: list[Sentence]) -> list[tuple[int, int, int]]:
    """(start, end, sentence number) of each unit: a sentence, split again at missed sentence ends."""
    lx = _lex(lang)
    spans = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    units = []
    for si, (s0, s1) in enumerate(spans):
        cur = s0
        for m in lx.split_re.finditer(text, s0, s1):
            if "\n" not in m.group(0) and not _real_end(text, s0, m, lang, lx):
                continue
            if m.start() > cur:
                units.append((cur, m.start(), si))
            cur = m.end()
        if s1 > cur:
            units.append((cur, s1, si))
    return _merge_cut_amounts(text, lang, units)


def _real_end(text: str, s0: int, m: re.Match, lang: str, lx: _Lex) -> bool:
    """Whether a "." before ``m`` ends a sentence: not after an abbreviation ("ca.", "Nr."), nor after
    a scale abbreviation followed by its currency ("Mio. Euro"), unless a quotation opens next."""
    w = re.search(r"([^\W\d_][\w.]*)\.[\"“”»’]?\Z", text[max(s0, m.start() - 12):m.start()])
    nxt = text[m.end():m.end() + 20]
    if not w or nxt[:1] in "\"„“«‚":
        return True
    word = w.group(1).lower()
    if lx.scale_abbrev.search(word):
        words = re.findall(r"[\w$€£\-]+\.?", nxt)[:2]
        cands = [" ".join(words[:k]).rstrip(".") for k in (2, 1)] + words[:1]
        return not any(c and currency_code(c, lang) for c in cands)
    return not (word in lx.abbrev or len(word) == 1)


def _merge_cut_amounts(text: str, lang: str, units: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Join units a splitter cut inside an amount: "... 1,4 Mrd." + "Euro." is one sentence."""
    lx = _lex(lang)
    out: list[tuple[int, int, int]] = []
    for u in units:
        if out:
            p0, p1, psi = out[-1]
            tail = re.search(r"\d\s*([^\W\d_]+)\.\s*\Z", text[max(p0, p1 - 12):p1])
            if tail and lx.scale_abbrev.search(tail.group(1).lower()):
                head = re.match(r"\s*([\w$€£\-]+(?:\.\s*\w+)?)", text[u[0]:u[0] + 20])
                if head and (currency_code(head.group(1), lang)
                             or currency_code(head.group(1).split(".")[0], lang)):
                    out[-1] = (p0, u[1], psi)
                    continue
        out.append(u)
    return out


# ------------------------------------------------------------------ per-unit pieces

@dataclass
class _Period:
    start: int
    end: int
    value: str | None
    comparison: bool
    used: bool = False


def _period_value(kind: str, m: re.Match, lx: _Lex) -> str | None:
    y = m.group("y")
    gd = m.groupdict()

    def month(name: str | None) -> int | None:
        return lx.months.get(name.lower()) if name else None

    if kind == "first_months":
        n = gd.get("n") or ""
        k = int(n) if n.isdigit() else lx.counts.get(n.lower())
        return f"{y}-01/{y}-{k:02d}" if k and 1 <= k <= 12 else y
    if kind == "month_range":
        a, b = month(gd.get("m1")), month(gd.get("m2"))
        return f"{y}-{a:02d}/{y}-{b:02d}" if a and b and a <= b else y
    if kind == "month":
        a = month(gd.get("m1"))
        return f"{y}-{a:02d}" if a else y
    ranges = {"h1": (1, 6), "h2": (7, 12), "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
    if kind in ranges:
        a, b = ranges[kind]
        return f"{y}-{a:02d}/{y}-{b:02d}"
    return y


def _find_periods(text: str, s0: int, s1: int, lx: _Lex, amounts: list[Amount],
                  times: list[TimeMention]) -> list[_Period]:
    found: list[_Period] = []

    def free(a: int, b: int) -> bool:
        return not any(p.start < b and a < p.end for p in found) and \
            not any(x.start < b and a < x.end for x in amounts)

    has_year = lx.any_year_re.search(text, s0, s1) is not None
    for kind, rx in (lx.periods if has_year else ()):
        for m in rx.finditer(text, s0, s1):
            if free(m.start(), m.end()):
                found.append(_Period(m.start(), m.end(), _period_value(kind, m, lx), False))
    for m in lx.year_re.finditer(text, s0, s1):
        if free(m.start(), m.end()):
            found.append(_Period(m.start(), m.end(), m.group("y"), False))
    for m in lx.relative_re.finditer(text, s0, s1):
        if free(m.start(), m.end()):
            val = None
            for t in times:
                if not (t.start < m.end() and m.start() < t.end and t.value):
                    continue
                if "/" in t.value:  # "the first five months of this year": the whole range
                    val = t.value
                elif t.precision == "year" and (year := parse(t.value).year) is not None:
                    val = PartialDate(year, None, None).format()
            found.append(_Period(m.start(), m.end(), val, False))
    for p in found:
        p.comparison = lx.comparison_re.search(text[max(s0, p.start - 40):p.start]) is not None
    found.sort(key=lambda p: p.start)
    return found


def _paren_pairs(seg: str) -> list[tuple[int, int]]:
    """(open, close) offsets of the parentheses in ``seg``; an unclosed one runs to the end."""
    pairs, stack = [], []
    for m in re.finditer(r"[()]", seg):
        if m.group(0) == "(":
            stack.append(m.start())
        elif stack:
            pairs.append((stack.pop(), m.start()))
    pairs += [(o, len(seg)) for o in stack]
    return sorted(pairs)


@dataclass
class _Topic:
    start: int
    end: int
    kind: str
    flow: str | None


def _topics(low: str, s0: int, s1: int, lx: _Lex) -> list[_Topic]:
    """Topic keywords in ``low[s0:s1]`` (``low`` is the lower-cased text, same offsets)."""
    out = []
    for m in lx.topic_re.finditer(low, s0, s1):
        # the rest of the word after the stem, and the next word: "Import|preise",
        # "Handels|ministerium", "trade minister", "торговый центр"
        key = m.group(0).lower()
        after = re.match(r"([^\W\d_]*)(?:[\s-]+([^\W\d_]+))?", low[m.end():m.end() + 40])
        word = key + after.group(1).lower()
        stem = key if key in lx.topic_of else (re.match(r"handels?", key) or m).group(0).lower()
        word_rest = word[len(stem):]
        next_word = (after.group(2) or "").lower()
        # the next-word blockers ("trade show", "trade minister") qualify a one-word key, not a
        # phrase ("trade turnover shows positive dynamics")
        blocked_next = next_word and not re.search(r"\s", key) and lx.blocker_at.match(next_word)
        if (word_rest and lx.blocker_in.search(word_rest)) or blocked_next:
            continue
        # the start of the compound and the word before: "Haushalts|defizit", "budget deficit"
        before = re.search(r"([^\W\d_]+[\s-]+)?([^\W\d_]*)\Z", low[max(s0, m.start() - 40):m.start()])
        if before and lx.blocker_before.search("".join(g or "" for g in before.groups())):
            continue
        kind, flow = lx.topic_of.get(m.group(0).lower(), ("trade", "total"))
        out.append(_Topic(m.start(), m.end(), kind, flow))
    return out


def _qualifier(before: str, lx: _Lex) -> tuple[str | None, int]:
    """(qualifier, length of the qualifier phrase at the end of ``before``)."""
    m = lx.qual_re.search(before[-60:])
    if not m:
        return None, 0
    for k in ("about", "more_than", "less_than"):
        if m.group(k):
            return k, len(before[-60:]) - m.start()
    return None, 0


def _countries(text: str, s0: int, s1: int, countries: list[CountryMention]) -> list[str]:
    inside = [c for c in countries if s0 <= c.start < s1 and c.code]
    b = _BETWEEN.search(text, s0, s1)
    if b:
        after = [c.code for c in inside if b.end() <= c.start <= b.end() + 80]
        pair = list(dict.fromkeys(after))[:2]
        if len(pair) == 2:
            return sorted(pair)
    codes = list(dict.fromkeys(c.code for c in inside))
    return sorted(codes) if len(codes) == 2 else []


# ------------------------------------------------------------------ main

@dataclass
class _Ctx:
    kind: str
    flow: str | None
    hops: int


@dataclass
class _Fig:
    fig: FigureMention
    compare: str | None = None  # a comparison year stated for a growth
    decimals: int = 0  # decimals of the stated number (the rounding a growth check allows)


def find_figures(text: str, lang: str, sentences: list[Sentence], countries: list[CountryMention],
                 times: list[TimeMention]) -> list[FigureMention]:
    """Figures about the relationship stated in ``text`` (offsets into ``text``), with checks flagged."""
    lang = (lang or "en").lower()
    lx = _lex(lang)
    units = _units(text, lang, sentences)
    low = lower_same_length(text)
    sent_spans = [(s.start, s.end) for s in sentences] or [(0, len(text))]
    figs: list[_Fig] = []
    topic_cache: dict[int, list[_Topic]] = {}
    carried: dict[int, _Ctx] = {}
    unit_periods: dict[int, set[str]] = {}  # unit -> the periods of its figures

    def topics_of(i: int) -> list[_Topic]:
        if i not in topic_cache:
            u0, u1, _ = units[i]
            topic_cache[i] = _topics(low, u0, u1, lx)
        return topic_cache[i]

    def context_of(i: int) -> _Ctx | None:
        """The topic a unit leaves for the next one: its last keyword, or what it carried."""
        if i < 0:
            return None
        ts = [t for t in topics_of(i) if t.kind != "balance"]
        if ts:
            return _Ctx(ts[-1].kind, ts[-1].flow, 0)
        return carried.get(i)

    for ui, (u0, u1, si) in enumerate(units):
        seg = text[u0:u1]
        if not has_number(seg, lang):
            continue
        amounts = [a for a in find_amounts(text, lang, u0, u1, low=low) if a.unit]
        if not amounts:
            continue
        tops = topics_of(ui)
        carry = None
        if not tops and len(seg.split()) <= _MAX_CARRY_WORDS and any(a.unit != "%" for a in amounts):
            prev = context_of(ui - 1)
            if prev is not None and prev.hops < 2:
                carry = _Ctx(prev.kind, prev.flow, prev.hops + 1)
                carried[ui] = carry
        if not tops and carry is None:
            continue
        pairs = _paren_pairs(seg) if "(" in seg else []
        periods = _find_periods(text, u0, u1, lx, amounts, times)
        growth_hits = [(m.start(), m.end(), 1) for m in lx.growth_re.finditer(low, u0, u1)]
        growth_hits += [(m.start(), m.end(), -1) for m in lx.decline_re.finditer(low, u0, u1)]
        growth_hits.sort()
        s_start, s_end = sent_spans[si] if si < len(sent_spans) else (u0, u1)
        codes = _countries(text, s_start, s_end, countries)
        if not codes and si > 0:
            codes = _countries(text, *sent_spans[si - 1], countries)
        prev_end = u0
        last_main: _Fig | None = None
        last_outer_period: str | None = None
        unit_figs: list[_Fig] = []
        topic_marks: list[tuple[int, int, tuple[str, str | None]]] = []

        def path(pos: int) -> tuple[int, ...]:
            """The parentheses enclosing ``pos`` (their offsets), outermost first."""
            r = pos - u0
            return tuple(o for o, c in pairs if o < r <= c) if pairs else ()

        def visible(pos: int, a_path: tuple[int, ...]) -> bool:
            p = path(pos)
            return a_path[:len(p)] == p

        for a in amounts:
            a_path = path(a.start)
            before = text[max(u0, a.start - 80):a.start]
            qual, qlen = _qualifier(before, lx)
            pre_q = before[:len(before) - qlen] if qlen else before
            by_before = bool(lx.by_re.search(pre_q) or lx.by_re.search(before)
                             or (qlen and lx.by_any_re.search(before[-qlen:])))
            # topic: the nearest preceding visible keyword or earlier figure (which passes its topic on),
            # no further than _MAX_TOPIC_WORDS words outside closed parentheses
            topic = None
            hits = [(t.start, t.end, (t.kind, t.flow)) for t in tops if t.end <= a.start]
            hits += [(fs, fe, tp) for fs, fe, tp in topic_marks]
            for hs, he, tp in sorted(hits, key=lambda h: h[1], reverse=True):
                if visible(hs, a_path):
                    gap = _PARENS.sub(" ", text[he:a.start])
                    if len(gap.split()) <= _MAX_TOPIC_WORDS:
                        topic = tp
                    break
            if topic is None:
                for t in tops:
                    if t.start >= a.end and not _CLAUSE_BREAK.search(text, a.end, t.start) \
                            and len(text[a.end:t.start].split()) <= 8:
                        topic = (t.kind, t.flow)
                        break
            if topic is None and carry is not None and a.unit != "%":
                topic = (carry.kind, carry.flow)
            if topic is None:
                prev_end = a.end
                continue
            # change markers near the amount
            marker = 0
            lo = prev_end
            for gs, ge, sign in growth_hits:
                if lo <= gs and ge <= a.start:
                    marker = sign
            if not marker:
                for gs, ge, sign in growth_hits:
                    if a.end <= gs <= a.end + 25 and not _CLAUSE_BREAK.search(text, a.end, gs):
                        marker = sign
                        break
            is_pct = a.unit == "%"
            if is_pct:
                if not marker and not by_before:
                    prev_end = a.end
                    continue
                kind, flow = "growth", (topic[1] if topic[0] == "trade" else None)
                value = -a.value if marker < 0 else a.value
            else:
                if a.value < lx.min_money:
                    prev_end = a.end  # a price, a fee, a donation
                    continue
                if by_before and growth_hits:
                    prev_end = a.end  # "grew by $100 million": a difference, not a figure
                    continue
                kind, flow = topic
                value = a.value
                if _is_target(text, low, u0, u1, a.start, a.end, lang):
                    kind = "target"
            # period
            period, compare, found = None, None, False
            if a.year:
                period, found = a.year, True
            if not found:
                for p in periods:
                    if p.start >= a.end and not p.used:
                        gap = text[a.end:p.start]
                        if len(gap) <= 20 and not re.search(r"[,;:()\d]", gap):  # "by the end of 2023"
                            if p.comparison:  # "+10 % / 550 Mio. gegenüber 2022": the base, not the period
                                compare = p.value if is_pct else compare
                                break
                            period, found, p.used = p.value, True, True
                        break
            if kind == "target":
                found = True  # a goal's period is only one stated right with it ("by 2030")
            if not found:
                for p in reversed(periods):
                    if prev_end <= p.start and p.end <= a.start and not p.used and visible(p.start, a_path):
                        if p.comparison and is_pct:
                            continue
                        period, found, p.used = p.value, True, True
                        break
            if not found:
                if a_path and last_outer_period is not None:
                    period, found = last_outer_period, True
                elif last_main is not None:
                    period, found = last_main.fig.period, True
            if not found:
                cands = {p.value for p in periods if not (p.comparison and is_pct)}
                if len(cands) == 1:
                    period, found = cands.pop(), True
            refers_back = lx.same_period_re is not None and lx.same_period_re.search(low, u0, u1)
            if not found and (is_pct or refers_back) and len(unit_periods.get(ui - 1, ())) == 1:
                # "In 2018 trade rose 26.8 % to EUR 647m. Exports grew even more - by 62 %.": a
                # change without a period continues the previous sentence's one period (an amount
                # does not: "2021 hatten wir $700 Mio. Bald erreichen wir $1 Mrd.")
                period = next(iter(unit_periods[ui - 1]))
            if is_pct and compare is None:
                for p in periods:
                    if p.comparison and p.start >= a.end and not _CLAUSE_BREAK.search(text, a.end, p.start):
                        compare = p.value
                        break
            fm = FigureMention(a.start, a.end, a.surface, kind=kind, flow=flow, value=value, unit=a.unit,
                               period=period, qualifier=qual, countries=list(codes))
            dec = re.search(r"[.,](\d{1,2})(?!\d)", a.surface)
            f = _Fig(fm, compare, len(dec.group(1)) if dec else 0)
            unit_figs.append(f)
            topic_marks.append((a.start, a.end, topic))
            if not a_path:
                last_main = f
                last_outer_period = period
            if period:
                unit_periods.setdefault(ui, set()).add(period)
            prev_end = a.end
        figs += unit_figs
    _check_sums(figs)
    _check_growth(figs)
    return [f.fig for f in figs]


# ------------------------------------------------------------------ targets

@loader
def _target_res(lang: str) -> tuple[re.Pattern, re.Pattern | None]:
    d = load_yaml(DATA)
    lg = lang if lang in d["target_before"] else "en"
    before = re.compile(rf"(?<![^\W\d_])(?:{_alt(re.escape(w) for w in d['target_before'][lg])})")
    after_words = d["target_after"].get(lg) or []
    after = re.compile(rf"(?<![^\W\d_])(?:{_alt(re.escape(w) for w in after_words)})") if after_words else None
    return before, after


def _is_target(text: str, low: str, u0: int, u1: int, start: int, end: int, lang: str) -> bool:
    """Is the amount at start:end stated as a goal (in its own clause), not as a value reached?"""
    before_re, after_re = _target_res(lang)
    clause_start = max([u0] + [m.end() for m in _CLAUSE_BREAK.finditer(text, u0, start)])
    if before_re.search(low, clause_start, start):
        return True
    if after_re is None:
        return False
    brk = _CLAUSE_BREAK.search(text, end, u1)
    return bool(after_re.search(low, end, brk.start() if brk else u1))


# ------------------------------------------------------------------ arithmetic checks

def _unique(vals: list[_Fig]) -> list[_Fig]:
    seen, out = set(), []
    for f in vals:
        k = round(f.fig.value, 2)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


def _flag(fs: list[_Fig], flag: str) -> None:
    for f in fs:
        if flag not in f.fig.flags:
            f.fig.flags.append(flag)


def _check_sums(figs: list[_Fig]) -> None:
    """export + import must equal the total of the same period (1 %; 5 % when any is approximate)."""
    groups: dict[tuple, dict[str, list[_Fig]]] = {}
    for f in figs:
        m = f.fig
        if m.kind == "trade" and m.period and m.flow in ("total", "export", "import"):
            groups.setdefault((m.period, m.unit), {}).setdefault(m.flow, []).append(f)
    for g in groups.values():
        tot, exp, imp = (_unique(g.get(k, [])) for k in ("total", "export", "import"))
        if len(tot) != 1 or len(exp) != 1 or len(imp) != 1:
            continue
        t, e, i = tot[0], exp[0], imp[0]
        approx = any(x.fig.qualifier for x in (t, e, i))
        tol = (0.05 if approx else 0.01) * abs(t.fig.value)
        if abs(e.fig.value + i.fig.value - t.fig.value) > tol:
            _flag(g["total"] + g["export"] + g["import"], "sum_mismatch")


def _previous_period(period: str) -> str | None:
    m = re.fullmatch(r"(\d{4})(-\d\d)?(?:/(\d{4})(-\d\d))?", period)
    if not m:
        return None
    y = int(m.group(1)) - 1
    if m.group(3):
        return f"{y}{m.group(2)}/{int(m.group(3)) - 1}{m.group(4)}"
    return f"{y}{m.group(2) or ''}"


def _check_growth(figs: list[_Fig]) -> None:
    """A stated growth must agree with the two periods' stated figures (to its own rounding)."""
    for g in figs:
        m = g.fig
        if m.kind != "growth" or not m.period or m.flow is None:
            continue
        base = g.compare or _previous_period(m.period)
        if base and g.compare and len(g.compare) == 4 and "/" in m.period:
            base = _previous_period(m.period)
        cur = _unique([f for f in figs if f.fig.kind == "trade" and f.fig.flow == m.flow
                       and f.fig.period == m.period and f.fig.unit != "%"])
        old = _unique([f for f in figs if f.fig.kind == "trade" and f.fig.flow == m.flow
                       and f.fig.period == base and f.fig.unit == (cur[0].fig.unit if cur else None)])
        if len(cur) != 1 or len(old) != 1 or not old[0].fig.value:
            continue
        computed = (cur[0].fig.value - old[0].fig.value) / old[0].fig.value * 100
        tol = 0.5 * 10 ** -g.decimals + 0.1
        if any(x.fig.qualifier for x in (g, cur[0], old[0])):
            tol *= 3
        if abs(computed - m.value) > tol:
            _flag([g, cur[0], old[0]], "growth_mismatch")
