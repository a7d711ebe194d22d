#!/usr/bin/env python3
"""Regenerate the babel-derived block of ``src/bilateral/data/months.yaml``.

``months.yaml`` is the one source of month and weekday names (read through
``bilateral.calendar_words``). Its first part, between the BEGIN/END GENERATED markers, comes from
babel's CLDR data: wide month names in the format and stand-alone contexts (so Russian genitive
"октября" and nominative "октябрь", Polish "października"/"październik"), abbreviated month forms
and wide weekday names. Forms CLDR does not have (Austrian "Jänner", Russian prepositional
"октябре", accusative "среду", "Sept", weekday abbreviations for page furniture) are in the
hand-written ``extra`` section after the END marker, which this script never touches.

Run at build time (the package never imports babel for this at run time):

    .venv/bin/python scripts/build_calendar_words.py          # rewrite the generated block
    .venv/bin/python scripts/build_calendar_words.py --check  # exit 1 if it is out of date

Why one subprocess per language: babel 2.18 resolves CLDR aliases into a cache shared by all
locales, so reading Azerbaijani stand-alone months first makes Romanian stand-alone months come
out Azerbaijani ("yanvar"). A fresh interpreter per locale cannot be contaminated.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

# the languages whose names are generated, in the order consumers merge them (first wins on a clash)
LANGS = ("de", "en", "ru", "fr", "es", "it", "pt", "nl", "pl", "cs", "tr", "uk", "be", "kk", "ky",
         "uz", "az", "ro")
TARGET = Path(__file__).resolve().parents[1] / "src" / "bilateral" / "data" / "months.yaml"
BEGIN = "# BEGIN GENERATED"
END = "# END GENERATED"
MIN_ABBR = 3  # shorter CLDR abbreviations ("V", "t") are noise in running text


def _uniq(items: list[str]) -> list[str]:
    """Forms without trailing dots, duplicates dropped case-insensitively (first spelling kept)."""
    out: list[str] = []
    seen: set[str] = set()
    for it in items:
        it = it.strip().rstrip(".")
        if it and it.lower() not in seen:
            seen.add(it.lower())
            out.append(it)
    return out


def _one_language(lang: str) -> dict[str, list[list[str]]]:
    """CLDR names of one locale (call in a fresh interpreter: see the module docstring)."""
    from babel import Locale

    loc = Locale.parse(lang)
    ctxs = ("format", "stand-alone")
    months, abbr = [], []
    for m in range(1, 13):
        wide = _uniq([loc.months[c]["wide"][m] for c in ctxs])
        months.append(wide)
        low = {w.lower() for w in wide}
        abbr.append([f for f in _uniq([loc.months[c]["abbreviated"][m] for c in ctxs])
                     if f.lower() not in low and len(f) >= MIN_ABBR])
    weekdays = [_uniq([loc.days[c]["wide"][d] for c in ctxs]) for d in range(7)]  # 0 = Monday
    return {"months": months, "month_abbr": abbr, "weekdays": weekdays}


def generated_data() -> dict[str, dict[str, list[list[str]]]]:
    """section -> language -> lists of forms, each language read in its own interpreter."""
    out: dict[str, dict[str, list[list[str]]]] = {"months": {}, "month_abbr": {}, "weekdays": {}}
    for lang in LANGS:
        proc = subprocess.run([sys.executable, __file__, "--dump", lang], capture_output=True,
                              text=True, check=True)
        got = json.loads(proc.stdout)
        for section in out:
            out[section][lang] = got[section]
    return out


def _q(s: str) -> str:
    """A YAML flow scalar for ``s``: plain when YAML reads it back as the same string."""
    if re.fullmatch(r"[^\s,\[\]{}#:'\"&*!|>%@`?-][^,\[\]{}#:]*", s) and s == s.strip():
        try:
            if yaml.safe_load(f"[{s}]") == [s]:
                return s
        except yaml.YAMLError:
            pass
    return json.dumps(s, ensure_ascii=False)


def block(data: dict[str, dict[str, list[list[str]]]]) -> str:
    import babel

    notes = {
        "months": "language -> 12 lists (index 0 = January): wide names, format (genitive) + stand-alone",
        "month_abbr": f"language -> 12 lists: abbreviated forms of {MIN_ABBR}+ letters that are not a wide name",
        "weekdays": "language -> 7 lists (index 0 = Monday): wide names, format + stand-alone",
    }
    lines = [f"{BEGIN} by scripts/build_calendar_words.py from babel {babel.__version__} (CLDR); "
             "do not edit by hand"]
    for section, by_lang in data.items():
        lines.append(f"{section}:{' ' * max(1, 12 - len(section))}# {notes[section]}")
        for lang, lists in by_lang.items():
            lines.append(f"  {lang}:")
            lines.extend(f"    - [{', '.join(_q(f) for f in forms)}]" for forms in lists)
    lines.append(END)
    return "\n".join(lines) + "\n"


def render(text: str, data: dict) -> str:
    """``text`` with its generated block replaced; the hand-written rest is kept byte for byte."""
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{TARGET}: no {BEGIN!r} / {END!r} markers; refusing to rewrite the file")
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    tail = tail[1:] if tail.startswith("\n") else tail
    new = head + block(data) + tail
    loaded = yaml.safe_load(new)  # the block must read back as exactly what babel gave
    for section, by_lang in data.items():
        if loaded.get(section) != by_lang:
            raise SystemExit(f"generated {section!r} does not read back identically; not written")
    return new


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--dump":
        json.dump(_one_language(argv[1]), sys.stdout, ensure_ascii=False)
        return 0
    text = TARGET.read_text(encoding="utf-8")
    new = render(text, generated_data())
    if argv == ["--check"]:
        if new != text:
            print(f"{TARGET}: generated block is out of date; run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    if new != text:
        TARGET.write_text(new, encoding="utf-8")
    print(f"calendar block for {len(LANGS)} languages {'rewritten' if new != text else 'unchanged'} "
          f"in {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
