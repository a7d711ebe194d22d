"""Role phrases ("der stellvertretende Außenminister Kasachstans", "the Belarusian leader",
"глава МИД России") and who held an office at a date.

A role phrase is a role word from ``data/roles.tsv`` (longest match at a position), an optional
modifier before it from ``data/role_modifiers.tsv`` (deputy / former), and the state it belongs
to, taken from the country mentions the geo resolver found right before it (an adjective or a
name: "kasachischen Präsidenten", "Kazakhstan President") or right after it (a genitive or an
of-phrase: "Außenminister Kasachstans", "Präsident der Republik Usbekistan", "президент
Казахстана", "Director General ... des belgischen Außenministeriums").
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from bilateral.deadline import loader
from bilateral.kb import load_tsv, load_yaml
from bilateral.models import CountryMention
from bilateral.resolve.names import KB, Person, Tenure, load_kb, parse_date_range


@dataclass(frozen=True)
class RoleRow:
    pattern: re.Pattern
    role: str  # "" = the holder's own title
    office: str  # "-" = never resolved to a holder
    country: str | None
    generic: bool


@dataclass
class RoleMatch:
    start: int  # the whole phrase, modifier and country included
    end: int
    word_start: int  # the role word itself
    word_end: int
    role: str  # English, modifier applied ("Deputy Foreign Minister"); "" for generic words
    office: str  # "-" when not resolvable (deputy, former, ambassador)
    country: str | None
    generic: bool
    plural: bool = False
    counterpart: bool = False


@loader
def _context(section: str, lang: str) -> str | None:
    """A per-language pattern of ``data/role_context.yaml`` (counterpart word, genitive gap)."""
    return ((load_yaml("role_context.yaml") or {}).get(section) or {}).get(lang)


@loader
def _after(lang: str) -> re.Pattern | None:
    """Between a role word and a country that follows it (genitive / of-phrase)."""
    pat = _context("after", lang)
    return re.compile(pat) if pat else None


@loader(maxsize=1)
def _office_noun_any_case() -> frozenset[str]:
    """Languages whose office noun after a state adjective may be lower case (role_context.yaml)."""
    return frozenset((load_yaml("role_context.yaml") or {}).get("office_noun_any_case") or ())


@loader(maxsize=1)
def _adjective_after() -> frozenset[str]:
    """Languages whose state adjective follows the role word ("el presidente ruso")."""
    return frozenset((load_yaml("role_context.yaml") or {}).get("adjective_after") or ())


# Between a country (adjective or name) and the role word that follows it.
_BEFORE_WORDS_OK = re.compile(
    r"^(?:['’]s)?\s+(?:(?:stellvertretende[rnms]?|erste[rnms]?|ehemalige[rnms]?|frühere[rnms]?|"
    r"first|deputy|former|vice|new|then|acting|interim|amtierende[rnms]?|neue[rnms]?|"
    r"перв(?:ый|ого|ому|ым|ом)|бывш(?:ий|его|ему|им|ем)|нов(?:ый|ого|ому|ым|ом)|"
    r"премьер|вице|ancien(?:ne)?|nouveau|nouvelle)\s+){0,2}$", re.I)


@loader
def _rows(lang: str) -> tuple[RoleRow, ...]:
    rows = []
    for r in load_tsv("roles.tsv"):
        if r["lang"] != lang:
            continue
        pat = re.compile(r"(?<![\w-])(?:" + r["pattern"] + r")(?![\w-])", re.I)
        rows.append(RoleRow(pat, r["role"].strip(), r["office"].strip(),
                            (r.get("country") or "").strip() or None, r["generic"].strip() == "1"))
    cp = _context("counterpart", lang)
    if cp:
        rows.append(RoleRow(re.compile(r"(?<![\w-])(?:" + cp + r")(?![\w-])", re.I), "",
                            "counterpart", None, False))
    return tuple(rows)


@loader
def _any_role(lang: str) -> re.Pattern | None:
    """A fast pre-filter: every role pattern, no look-arounds, on lower-cased text."""
    pats = [r["pattern"] for r in load_tsv("roles.tsv") if r["lang"] == lang]
    cp = _context("counterpart", lang)
    if cp:
        pats.append(cp)
    if not pats:
        return None
    return re.compile("|".join(f"(?:{p})" for p in pats))


@loader
def _modifiers(lang: str) -> tuple[tuple[re.Pattern, str], ...]:
    out = []
    for r in load_tsv("role_modifiers.tsv"):
        if r["lang"] == lang:
            out.append((re.compile(r"(?<![\w-])(?:" + r["pattern"] + r")\s*$", re.I), r["kind"]))
    return tuple(out)





def _plural(text: str, lang: str, ws: int, we: int, word: str) -> bool:
    """Hints that the role word names several people (no single person to resolve)."""
    after = text[we:we + 80]
    # "... von Usbekistan und Kasachstan", "of Uzbekistan and Kazakhstan", "России и Китая"
    if re.match(r"\s*(?:von|der|des|of|of the)?\s*[A-ZÄÖÜ][\w-]+\s+(?:und|and)\s+[A-ZÄÖÜ]", after) \
            or re.match(r"\s*[А-Я][\w-]+\s+и\s+[А-Я]", after):
        return True
    word = word.split()[0] if word.split() else word  # the head noun: "Generaldirektor für ..."
    cues = _plural_cues(lang)
    if cues is None or word.lower().endswith(cues.singular_ending):
        return False  # German feminine -in is singular (Präsidentin)
    m = cues.before.search(text[max(0, ws - 60):ws])
    if not m:
        return False
    art = m.group(1).lower()
    adjs = m.group(2).split()
    if art != cues.ambiguous_article:
        return True  # "die Präsidenten", "die Staatschefs", "beiden Außenminister"
    # "der Präsidenten", "der stellvertretenden Premierminister": genitive/dative plural
    end = cues.plural_ending
    return word.lower().endswith(end) or (bool(adjs) and all(a.lower().endswith(end) for a in adjs))


@dataclass(frozen=True)
class _PluralCues:
    before: re.Pattern[str]
    singular_ending: str
    ambiguous_article: str
    plural_ending: str


@loader
def _plural_cues(lang: str) -> _PluralCues | None:
    """How a role word of ``lang`` shows it names several people (``role_context.yaml``, plural)."""
    sec = ((load_yaml("role_context.yaml") or {}).get("plural") or {}).get(lang)
    if not sec:
        return None
    return _PluralCues(re.compile(sec["before"], re.I), sec["singular_ending"], sec["ambiguous_article"],
                       sec["plural_ending"])


def find_roles(text: str, lang: str, countries: list[CountryMention]) -> list[RoleMatch]:
    """Every role phrase in ``text``, with its state where the text attaches one."""
    rows = _rows(lang)
    anyp = _any_role(lang)
    if not rows or anyp is None:
        return []
    found: list[RoleMatch] = []
    taken_until = -1
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lower case is longer (İ): stay exact
        low = text
        anyp = re.compile(anyp.pattern, re.I)
    for m in anyp.finditer(low):
        pos = m.start()
        if pos < taken_until or (pos and (text[pos - 1].isalnum() or text[pos - 1] == "-")):
            continue
        best: tuple[int, RoleRow] | None = None
        for row in rows:
            mm = row.pattern.match(text, pos)
            if mm and (best is None or mm.end() > best[0]):
                best = (mm.end(), row)
        if best is None:
            continue
        we, row = best
        taken_until = we
        word = text[pos:we]
        # an uncapitalised English "president" of a company etc. still counts; a role word
        # inside a longer capitalised name ("President Hotel") cannot be told apart here.
        role, office = row.role, row.office
        start = pos
        before = text[max(0, pos - 60):pos]
        for mp, kind in _modifiers(lang):
            mmod = mp.search(before)
            if mmod:
                start = pos - (len(before) - mmod.start())
                if kind == "deputy" and office != "-":
                    role = "Deputy " + (role or "Head of State")
                    office = "-"
                elif kind == "former":
                    office = "-"
                    role = role and "Former " + role
                break
        rm = RoleMatch(start, we, pos, we, role, office, row.country, row.generic,
                       counterpart=row.office == "counterpart")
        rm.plural = _plural(text, lang, pos, we, word)
        found.append(rm)
    _attach_countries(text, lang, found, countries)
    return found


def _attach_countries(text: str, lang: str, roles: list[RoleMatch],
                      countries: list[CountryMention]) -> None:
    after_re = _after(lang)
    cs = sorted(countries, key=lambda c: c.start)
    starts = [c.start for c in cs]  # bisected: a scan of every country per role was quadratic in long texts
    longest = max((c.end - c.start for c in cs), default=0)
    for r in roles:
        if r.country:
            continue
        near = cs[bisect_left(starts, r.word_start - 40 - longest):bisect_right(starts, r.word_end + 40)]
        # before: "der belarussische Präsident", "Kazakhstan President", "казахстанский лидер"
        prev = [c for c in near if c.end <= r.word_start and r.word_start - c.end <= 40]
        if prev:
            c = prev[-1]
            gap = text[c.end:r.word_start]
            if c.kind in ("adjective", "name", "compound", "demonym") and \
                    (_BEFORE_WORDS_OK.match(gap) or (gap.strip() == "" and "\n" not in gap)):
                if c.kind != "compound":
                    r.country = c.code
                    r.start = min(r.start, c.start)
                    continue
        # after: "Außenminister Kasachstans", "President of Kazakhstan", "глава МИД России"
        nxt = [c for c in near if c.start >= r.word_end and c.start - r.word_end <= 40]
        if nxt and after_re is not None:
            c = nxt[0]
            gap = text[r.word_end:c.start]
            if "\n" in gap:
                continue
            if c.kind == "name" and after_re.match(gap):
                r.country = c.code
                r.end = c.end
                continue
            # "el presidente ruso", "il ministro degli Esteri russo": the adjective follows
            if c.kind == "adjective" and lang in _adjective_after() and not gap.strip():
                r.country = c.code
                r.end = c.end
                continue
            # "des belgischen Außenministeriums", "of the Belarusian Foreign Ministry"
            if c.kind == "adjective" and re.fullmatch(
                    r"\s*(?:des|der|of the|of|du|de la|de l['’])\s+", gap):
                r.country = c.code
                noun = re.match(r"\s+[\w-]+", text[c.end:c.end + 40])
                r.end = c.end + (noun.end() if noun and noun.group(0).strip()[:1].isupper()
                                 or lang in _office_noun_any_case() else 0)


# ---------------------------------------------------------------- holders at a date

def office_for(role: RoleMatch, country: str | None) -> str:
    """The office a role word means for a state: "leader" of Germany is the chancellor."""
    if role.office == "leader":
        return load_kb().leader_office.get(country or "", "head_of_state")
    return role.office


def holders(country: str, office: str) -> list[tuple[Person, Tenure]]:
    kb: KB = load_kb()
    out = []
    for p in kb.people.values():
        for t in p.tenures:
            if t.office == office and t.country == country:
                out.append((p, t))
    return out


def resolve_holder(country: str, office: str, published: str | None,
                   named_ids: set[str]) -> tuple[Person, Tenure] | None:
    """Who held ``office`` of ``country`` when the article appeared.

    With a publication date inside the checked range: the one holder surely in office over the
    whole date (a month-precise date needs the same holder all month), and no other holder
    possibly in office. Without a usable date: a holder named in the same document, if exactly
    one is; else a sole long-serving holder (in office since before the knowledge base's
    window and still there).
    """
    if office in ("-", "counterpart"):
        return None
    kb = load_kb()
    cands = holders(country, office)
    if not cands and office in kb.office_fallback:  # one ministry for both (DE: economy + trade)
        cands = holders(country, kb.office_fallback[office])
    if not cands:
        return None
    rng = parse_date_range(published) if published else None
    if rng and rng[1] <= kb.checked_until:
        lo, hi = rng
        possible = [(p, t) for p, t in cands if t.possible_over(lo, hi)]
        certain = [(p, t) for p, t in possible if t.certain_over(lo, hi)]
        ids = {p.id for p, _ in possible}
        if len(ids) == 1 and certain:
            return certain[0]
        named = [(p, t) for p, t in possible if p.id in named_ids]
        if len({p.id for p, _ in named}) == 1:
            return named[0]
        return None
    named = [(p, t) for p, t in cands if p.id in named_ids]
    if len({p.id for p, _ in named}) == 1:
        # the latest tenure of that person in this office
        return max(named, key=lambda pt: pt[1].start[0])
    ids = {p.id for p, _ in cands}
    if len(ids) == 1:
        p, t = cands[-1]
        if t.start[1] <= dt.date(2010, 1, 1) and t.end[0] == dt.date(9999, 12, 31):
            return p, t
    return None
