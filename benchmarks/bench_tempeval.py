#!/usr/bin/env python3
"""TempEval-3 platinum benchmark for bilateral.analyse.dates.

Runs the finder on the TimeML documents (tags stripped, offsets kept; the CREATION_TIME TIMEX3
gives ``published``) and scores gold TIMEX3 of type DATE (the DCT itself excluded):

* recall: a predicted span overlaps the gold span;
* contract value accuracy: ``find_times`` value == gold value (it only emits calendar values, so
  gold like PRESENT_REF or 2013-W12 cannot match here);
* TimeML value accuracy: ``find_timexes`` (what find_times is built on) ``timex`` == gold value,
  over all gold DATEs and over gold values that are calendar dates YYYY(-MM(-DD)).

Usage: .venv/bin/python benchmarks/bench_tempeval.py [CORPUS_DIR] [--misses N]
"""
from __future__ import annotations

import argparse
import glob
import html
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bilateral.analyse.dates import find_times, find_timexes

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tempeval3_platinum"
_TAG_RE = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR_RE = re.compile(r'(\w+)="([^"]*)"')
REPEAT = 5  # timing runs per document, averaged
_CAL_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


@dataclass
class Gold:
    start: int
    end: int
    surface: str
    type: str
    value: str
    dct: bool


def load(path: str) -> tuple[str, str | None, list[Gold]]:
    """(plain text of <TEXT>, DCT value, gold TIMEX3) with offsets into the plain text."""
    raw = open(path, encoding="utf-8").read()
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        dct = dict(_ATTR_RE.findall(m.group(0))).get("value")
    body = raw[raw.index("<TEXT>") + len("<TEXT>"): raw.index("</TEXT>")]
    out: list[str] = []
    pos = 0
    golds: list[Gold] = []
    open_timex: tuple[int, dict] | None = None
    last = 0
    for tm in _TAG_RE.finditer(body):
        chunk = html.unescape(body[last:tm.start()])
        out.append(chunk)
        pos += len(chunk)
        last = tm.end()
        closing, name, attrs = tm.group(1), tm.group(2), tm.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (pos, dict(_ATTR_RE.findall(attrs)))
        elif open_timex is not None:
            s, a = open_timex
            golds.append(Gold(s, pos, "", a.get("type", ""), a.get("value", ""),
                              a.get("functionInDocument") == "CREATION_TIME"))
            open_timex = None
    out.append(html.unescape(body[last:]))
    text = "".join(out)
    for g in golds:
        g.surface = text[g.start:g.end]
    return text, dct, golds


def best_overlap(g: Gold, preds: list) -> object | None:
    best, best_len = None, 0
    for p in preds:
        ov = min(g.end, p.end) - max(g.start, p.start)
        if ov > best_len:
            best, best_len = p, ov
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--misses", type=int, default=40, help="how many misses to print")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.corpus, "*.tml")))
    if not files:
        print(f"no .tml files under {args.corpus}", file=sys.stderr)
        return 1
    n = found = ok_contract = ok_timex = 0
    n_cal = ok_cal_contract = ok_cal_timex = 0
    n_pred = spurious = 0
    misses: list[str] = []
    spurious_list: list[str] = []
    elapsed = 0.0
    chars = 0
    find_times("warm-up: builds the lexicon once, as a long run would", "en", None)
    for path in files:
        text, dct, golds = load(path)
        chars += len(text)
        t0 = time.perf_counter()
        for _ in range(REPEAT):
            mentions = find_times(text, "en", dct)
        elapsed += (time.perf_counter() - t0) / REPEAT
        timexes = find_timexes(text, "en", dct)
        name = Path(path).stem
        all_gold = [g for g in golds if not g.dct]
        for p in timexes:
            n_pred += 1
            if not any(min(g.end, p.end) > max(g.start, p.start) for g in all_gold):
                spurious += 1
                spurious_list.append(f"{name}: {p.surface!r} -> {p.timex}")
        for g in all_gold:
            if g.type != "DATE":
                continue
            n += 1
            cal = bool(_CAL_RE.match(g.value))
            n_cal += cal
            pm = best_overlap(g, mentions)
            px = best_overlap(g, timexes)
            found += px is not None or pm is not None
            c_ok = pm is not None and pm.value == g.value
            t_ok = px is not None and px.timex == g.value
            ok_contract += c_ok
            ok_timex += t_ok
            ok_cal_contract += cal and c_ok
            ok_cal_timex += cal and t_ok
            if not t_ok:
                got = "-" if px is None else f"{px.surface!r} -> {px.timex}"
                ctx = text[max(0, g.start - 40):g.end + 25].replace("\n", " ")
                misses.append(f"{name}: gold {g.surface!r}={g.value}  got {got}  | ...{ctx}...")

    def pct(a: int, b: int) -> str:
        return f"{a / b:.3f} ({a}/{b})" if b else "n/a"

    print(f"TempEval-3 platinum: {len(files)} documents, {n} gold DATE TIMEX3 (DCT excluded), "
          f"{n_cal} of them calendar values")
    print(f"  recall (overlap)                      {pct(found, n)}")
    print(f"  TimeML value exact, all DATE          {pct(ok_timex, n)}   [find_timexes]")
    print(f"  TimeML value exact, calendar golds    {pct(ok_cal_timex, n_cal)}")
    print(f"  contract value exact, all DATE        {pct(ok_contract, n)}   [find_times]")
    print(f"  contract value exact, calendar golds  {pct(ok_cal_contract, n_cal)}")
    print(f"  predictions overlapping no gold TIMEX {pct(spurious, n_pred)}")
    print(f"  speed: find_times {1000 * elapsed / len(files):.2f} ms/doc, "
          f"{1000 * elapsed / (chars / 3000):.2f} ms per 3 KB")
    if args.misses and misses:
        print(f"\nmisses ({len(misses)}):")
        for line in misses[: args.misses]:
            print("  " + line)
    if args.misses and spurious_list:
        print(f"\npredictions with no gold ({len(spurious_list)}):")
        for line in spurious_list[: args.misses]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
