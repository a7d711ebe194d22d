#!/usr/bin/env python3
"""Regenerate the babel-derived calendar block of ``src/bilateral/data/time_words.yaml``.

Month and weekday names (wide forms in the format and stand-alone contexts, abbreviated month
forms) come from babel's CLDR data, so they are spelled as CLDR spells them (Russian genitive
"октября" and nominative "октябрь"). Case forms CLDR does not have (Russian prepositional
"октябре", accusative "среду") are hand-written in the file's ``languages`` section, which this
script leaves untouched: it only replaces the text between the BEGIN/END GENERATED markers.

Run at build time (the package never imports babel for this at run time):

    .venv/bin/python scripts/build_time_words.py
"""
from __future__ import annotations

import sys
from pathlib import Path

from babel import Locale

LANGS = ("de", "en", "ru", "fr")
TARGET = Path(__file__).resolve().parents[1] / "src" / "bilateral" / "data" / "time_words.yaml"
BEGIN = "# BEGIN GENERATED"
END = "# END GENERATED"


def _uniq(items: list[str]) -> list[str]:
    out: list[str] = []
    for it in items:
        it = it.strip().rstrip(".")
        if it and it not in out:
            out.append(it)
    return out


def calendar_block() -> str:
    lines = [f"{BEGIN} by scripts/build_time_words.py from babel (CLDR); do not edit by hand",
             "calendar:"]
    for lang in LANGS:
        loc = Locale.parse(lang)
        lines.append(f"  {lang}:")
        lines.append("    months:        # index 0 = January; wide forms, format + stand-alone")
        for m in range(1, 13):
            forms = _uniq([loc.months[c]["wide"][m] for c in ("format", "stand-alone")])
            lines.append(f"      - [{', '.join(forms)}]")
        lines.append("    month_abbr:    # need a day or a year next to them")
        for m in range(1, 13):
            wide = {f.lower() for c in ("format", "stand-alone") for f in [loc.months[c]["wide"][m]]}
            forms = [f for f in _uniq([loc.months[c]["abbreviated"][m] for c in ("format", "stand-alone")])
                     if f.lower() not in wide and len(f) >= 3]
            lines.append(f"      - [{', '.join(forms)}]")
        lines.append("    weekdays:      # index 0 = Monday")
        for d in range(7):
            forms = _uniq([loc.days[c]["wide"][d] for c in ("format", "stand-alone")])
            lines.append(f"      - [{', '.join(forms)}]")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main() -> int:
    text = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    block = calendar_block()
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + block + tail
    else:
        text = block + text
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote calendar block for {', '.join(LANGS)} into {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
