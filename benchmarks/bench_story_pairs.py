"""Linking on general world news: do two reports of one story become one event, and do two
unrelated stories stay apart?

The SemEval-2022 task 8 pairs (../shared/corpora/semeval2022_task8/pairs.jsonl) are news
articles in several languages that annotators scored from 1 (the same story) to 4 (unrelated).
Each article goes through `bilateral extract`'s flow; the reports of the two articles are then
linked as `extract` links them. A pair counts as linked when one event has sources in both
articles.

    .venv/bin/python benchmarks/bench_story_pairs.py [--split train|test|all] [--limit N] [--show N]

Prints, for "one story" pairs (Overall <= 1.5) and for unrelated pairs (Overall >= 3.5) where
both articles gave an interstate event: how many were linked; the pair-level precision, recall
and F1 of the linker on those pairs; and how many pairs had no event in one of the articles (the
extractor's share of the misses). The texts are cut (head + tail) and carry no title, URL or
publication date, so the linker sees less than it does on a crawled page.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from bilateral import pipeline
from bilateral.link.linker import link_reports
from bilateral.models import RawDocument

PAIRS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "semeval2022_task8" / "pairs.jsonl"
SAME, UNRELATED = 1.5, 3.5
SPLITS = {"train": "training_set.csv", "test": "testing_set.csv"}


def load(split: str, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in PAIRS.open(encoding="utf-8")]
    if split != "all":
        rows = [r for r in rows if r["source_file"] == SPLITS[split]]
    rows = [r for r in rows if float(r["Overall"]) <= SAME or float(r["Overall"]) >= UNRELATED]
    return rows[:limit] if limit else rows


def reports_of(doc_id: str, text: str, lang: str) -> list:
    result = pipeline.process(RawDocument(doc_id=doc_id, source=f"{doc_id}.txt", text=text or "", language=lang))
    return result.events if result.error is None else []


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["train", "test", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many missed and false links")
    args = ap.parse_args()
    if not PAIRS.exists():
        sys.exit(f"{PAIRS} not found (../shared/corpora is needed)")
    rows = load(args.split, args.limit)
    counts: Counter = Counter()
    by_lang: Counter = Counter()
    shown: list[str] = []
    for r in rows:
        same = float(r["Overall"]) <= SAME
        a = reports_of(r["pair_id"] + "-1", r["text1"], r["lang1"])
        b = reports_of(r["pair_id"] + "-2", r["text2"], r["lang2"])
        kind = "same" if same else "unrelated"
        if not a or not b:
            counts[f"{kind}: an article without event"] += 1
            continue
        events = link_reports(a + b).events
        linked = any(len({s.doc_id.rsplit("-", 1)[1] for s in e.sources}) == 2 for e in events)
        counts[f"{kind}: both with events"] += 1
        counts[f"{kind}: linked"] += linked
        langs = "-".join(sorted((r["lang1"], r["lang2"])))
        by_lang[(langs, kind, "n")] += 1
        by_lang[(langs, kind, "linked")] += linked
        if linked != same and len(shown) < args.show:
            what = "MISSED" if same else "FALSE LINK"
            shown.append(f"{what} {r['pair_id']} {langs} Overall {r['Overall']}: "
                         f"{[(e.type, e.countries, e.date) for e in a][:3]} | {[(e.type, e.countries, e.date) for e in b][:3]}")
    tp = counts["same: linked"]
    fp = counts["unrelated: linked"]
    fn = counts["same: both with events"] - tp
    p = tp / (tp + fp) if tp + fp else 0.0
    rcl = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rcl / (p + rcl) if p + rcl else 0.0
    print(f"SemEval pairs ({args.split}): {len(rows)} with Overall <= {SAME} or >= {UNRELATED}")
    for k in sorted(counts):
        print(f"  {k:40s} {counts[k]}")
    print(f"linking on pairs where both articles gave an event: P {p:.3f} R {rcl:.3f} F1 {f1:.3f}"
          f" (tp {tp}, fp {fp}, fn {fn})")
    print("by language pair (linked / pairs with events):")
    for langs in sorted({k[0] for k in by_lang}):
        cells = [f"{kind} {by_lang[(langs, kind, 'linked')]}/{by_lang[(langs, kind, 'n')]}"
                 for kind in ("same", "unrelated") if by_lang[(langs, kind, 'n')]]
        print(f"  {langs:6s} " + ", ".join(cells))
    for line in shown:
        print(line)


if __name__ == "__main__":
    main()
