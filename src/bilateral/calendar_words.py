"""Month and weekday names per language, from the one file that holds them (``data/months.yaml``).

Why one accessor: publication dates (clean/dates.py), temporal expressions (analyse/time_lexicon.py)
and figure periods (analyse/figures.py) all need the same names; each used to keep its own list
and the lists drifted apart. They now build their patterns from these functions. It sits next to
``kb`` rather than in a stage package because stages both before and after ``analyse`` read it.

The file has a babel-generated part and a hand-written ``extra`` part; this module merges them,
so callers never see where a form came from, only its kind:

* names (``month_names``, ``weekday_names``): may stand alone ("in August", "в мае");
* abbreviations (``month_abbreviations``, ``weekday_abbreviations``): need a day or a year next
  to them ("Aug 5", "Mar 2019"; "Sun" or "Mar" alone are words).

Forms keep the file's spelling (callers lower-case them) and have no trailing dot. Months are
indexed 0 = January, weekdays 0 = Monday.
"""
from __future__ import annotations


from bilateral.deadline import loader
from bilateral.kb import load_yaml

DATA_FILE = "months.yaml"
Forms = tuple[tuple[str, ...], ...]  # one tuple of forms per month (12) or weekday (7)
_SIZE = {"months": 12, "month_abbr": 12, "weekdays": 7, "weekday_abbr": 7}
_FIRST = {"months": 1, "month_abbr": 1, "weekdays": 0, "weekday_abbr": 0}  # numbering of `extra` keys


@loader
def languages() -> tuple[str, ...]:
    """Languages with month names, in file order (the order clean/dates.py merges them in)."""
    data = load_yaml(DATA_FILE)
    langs = list(data["months"])
    langs += [lang for lang in (data.get("extra") or {}) if lang not in langs]
    return tuple(langs)


@loader
def _forms(kind: str, lang: str) -> Forms:
    """Generated forms of ``kind`` for ``lang`` followed by the hand-written ones, de-duplicated."""
    data = load_yaml(DATA_FILE)
    size = _SIZE[kind]
    generated = (data.get(kind) or {}).get(lang) or [[] for _ in range(size)]
    if len(generated) != size:
        raise ValueError(f"{DATA_FILE}: {kind}.{lang} has {len(generated)} entries, not {size}")
    out = [list(forms or []) for forms in generated]
    extra = ((data.get("extra") or {}).get(lang) or {}).get(kind) or {}
    for key, forms in extra.items():
        i = int(key) - _FIRST[kind]
        if not 0 <= i < size:
            raise ValueError(f"{DATA_FILE}: extra.{lang}.{kind} has no entry {key}")
        out[i].extend(forms)
    return tuple(_uniq(str(f) for f in forms) for forms in out)


def _uniq(forms) -> tuple[str, ...]:
    seen: set[str] = set()
    kept: list[str] = []
    for f in forms:
        f = f.strip().rstrip(".")
        if f and f.lower() not in seen:
            seen.add(f.lower())
            kept.append(f)
    return tuple(kept)


def _check(lang: str) -> str:
    if lang not in languages():
        raise KeyError(f"no month names for language {lang!r} in {DATA_FILE}")
    return lang


def month_names(lang: str) -> Forms:
    """Full month names of ``lang`` (all cases and spellings), index 0 = January."""
    return _forms("months", _check(lang))


def month_abbreviations(lang: str) -> Forms:
    """Month abbreviations of ``lang`` ("Jan", "сент", "Sept"), index 0 = January."""
    return _forms("month_abbr", _check(lang))


def month_forms(lang: str) -> Forms:
    """Every form of each month of ``lang``: names first, then abbreviations."""
    return tuple(n + a for n, a in zip(month_names(lang), month_abbreviations(lang)))


def weekday_names(lang: str) -> Forms:
    """Full weekday names of ``lang`` (all cases), index 0 = Monday."""
    return _forms("weekdays", _check(lang))


def weekday_abbreviations(lang: str) -> Forms:
    """Weekday abbreviations of ``lang`` ("Mo", "Thurs", "пн"), index 0 = Monday; often empty."""
    return _forms("weekday_abbr", _check(lang))


def weekday_forms(lang: str) -> Forms:
    """Every form of each weekday of ``lang``: names first, then abbreviations."""
    return tuple(n + a for n, a in zip(weekday_names(lang), weekday_abbreviations(lang)))
