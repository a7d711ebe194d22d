"""Development-set benchmark: `bilateral extract` on ../shared/eval/dev, scored by its scorer.

    python benchmarks/bench_dev.py [--docs] [--out FILE] [--set dev|seeds]

Prints the scorer's fields for all documents and by language, then (with --docs) for every
document the gold events beside the predicted ones: missed (gold without a prediction), spurious
(prediction without gold) and matched-but-wrong fields. The dev texts measure; rules are never
fitted to them (see ../shared/eval/dev/SOURCES.md).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "dev": (SHARED / "eval" / "dev" / "texts", SHARED / "eval" / "dev" / "gold.json"),
    "seeds": (SHARED / "seeds", SHARED / "eval" / "gold_seeds.json"),
}
FIELDS = ("events", "type_acc", "mode_acc", "date_acc", "location_acc", "direction_acc",
          "actors_f1", "figures_f1", "linking", "language_acc", "published_acc")


def load_scorer():
    """The shared scorer, imported from its file (it is not a package)."""
    spec = importlib.util.spec_from_file_location("bilateral_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_extract(texts: Path, out: Path) -> float:
    """Run the CLI; documents it could not process are listed (a crash must not pass as a
    low score)."""
    exe = ROOT / ".venv" / "bin" / "bilateral"
    cmd = [str(exe) if exe.exists() else "bilateral", "extract", str(texts)]
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as fh:
        done = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=True, check=True)
    failed = [line for line in done.stderr.splitlines() if "processing failed" in line]
    for line in failed[:5]:
        print(f"FAILED: {line[:300]}")
    if failed:
        print(f"{len(failed)} documents failed to process")
    return time.perf_counter() - start


def subset(gold: dict, keep) -> dict:
    """The gold restricted to the documents `keep` accepts (events keep their other documents out)."""
    docs = {d: v for d, v in gold["documents"].items() if keep(d, v)}
    events = []
    for g in gold["events"]:
        ds = [d for d in g["docs"] if d in docs]
        if ds:
            events.append({**g, "docs": ds})
    return {"documents": docs, "events": events}


def cell(value) -> str:
    if isinstance(value, dict):
        return f"{value.get('f1')}" + (f" ({value.get('precision')}/{value.get('recall')})"
                                       if "precision" in value else "")
    return "-" if value is None else str(value)


def print_table(scorer, gold: dict, preds: list[dict]) -> None:
    langs = sorted({v.get("language") or "?" for v in gold["documents"].values()})
    columns = [("all", gold)] + [(lang, subset(gold, lambda d, v, lang=lang: v.get("language") == lang))
                                 for lang in langs]
    results = [(name, scorer.score(g, preds)) for name, g in columns]
    print(f"{'field':15}" + "".join(f"{name:>20}" for name, _ in results))
    for field in FIELDS:
        print(f"{field:15}" + "".join(f"{cell(r.get(field)):>20}" for _, r in results))
    counts = [str(len(g['documents'])) for _, g in columns]
    print(f"{'documents':15}" + "".join(f"{c:>20}" for c in counts))


def brief(e: dict) -> str:
    loc = (e.get("location") or {}).get("name") if isinstance(e.get("location"), dict) else None
    if loc is None and isinstance(e.get("location"), dict):
        loc = (e["location"].get("names") or [None])[0]
    actors = [a.get("name") or (a.get("names") or ["?"])[0] for a in e.get("actors") or []]
    direction = ""
    if "initiator" in e:
        direction = f" {''.join(e.get('initiator') or [])}->{''.join(e.get('recipient') or [])}"
    return (f"{e.get('type')}/{e.get('mode')} {e.get('date')} {'-'.join(sorted(e.get('countries') or []))}"
            f"{direction} @{loc} actors={actors} figures={len(e.get('figures') or [])}")


def print_documents(scorer, gold: dict, preds: list[dict]) -> None:
    by_doc: dict[str, list[dict]] = {d: [] for d in gold["documents"]}
    for p in preds:
        for s in p.get("sources", []):
            if s.get("doc_id") in by_doc:
                by_doc[s["doc_id"]].append(p)
    for doc, meta in sorted(gold["documents"].items()):
        golds = [g for g in gold["events"] if doc in g["docs"]]
        cands = by_doc[doc]
        lines, used = [], set()
        pub = next((s.get("published") for p in cands for s in p["sources"] if s["doc_id"] == doc), None)
        for g in golds:
            fits = [i for i, p in enumerate(cands) if i not in used
                    and sorted(p.get("countries") or []) == sorted(g["countries"])
                    and scorer.dates_compatible(p.get("date"), g.get("date"))]
            # the scorer's preference: the same type, then the closest date
            fits.sort(key=lambda i: (cands[i].get("type") != g["type"],
                                     -(scorer.date_score(cands[i].get("date"), g.get("date")) or 0)))
            tag = "opt " if g.get("optional") else "gold"
            if fits:
                used.add(fits[0])
                lines.append(f"  ok   {tag} {brief(g)}\n            pred {brief(cands[fits[0]])}")
            elif not g.get("optional"):
                lines.append(f"  MISS {tag} {brief(g)}")
        for i, p in enumerate(cands):
            if i not in used:
                lines.append(f"  SPUR      pred {brief(p)}")
        pub_mark = "" if pub == meta.get("published") else f"  (published: gold {meta.get('published')}, pred {pub})"
        print(f"{doc}{pub_mark}")
        print("\n".join(lines) if lines else "  (no events, none predicted)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="dev")
    ap.add_argument("--docs", action="store_true", help="per-document missed/spurious/matched events")
    ap.add_argument("--out", type=Path, help="keep the extract output here")
    args = ap.parse_args()
    texts, gold_path = SETS[args.set]
    if not texts.exists():
        print(f"bench_dev: {texts} not found (../shared absent); nothing to measure", file=sys.stderr)
        return 0
    scorer = load_scorer()
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    out = args.out or Path(tempfile.mkstemp(suffix=".jsonl")[1])
    seconds = run_extract(texts, out)
    preds = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"{args.set}: {len(gold['documents'])} documents, {len(preds)} events predicted, extract {seconds:.1f} s")
    print_table(scorer, gold, preds)
    if args.docs:
        print()
        print_documents(scorer, gold, preds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
