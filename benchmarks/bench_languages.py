"""Events found per language in the SemEval-2022 Task 8 texts (es, pl, tr, ar; general news).

    python benchmarks/bench_languages.py [--show]

Each distinct text of the Spanish, Polish, Turkish and Arabic pairs goes through
`bilateral extract --no-link` once; the script prints, per language, how many texts gave events
and how many events, and the warning line about languages without vocabulary. --show prints
every event (type, states, the start of its evidence) for reading. The texts stay in ../shared.
"""
from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT.parent / "shared" / "corpora" / "semeval2022_task8" / "pairs.jsonl"
LANGS = ("es", "pl", "tr", "ar")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="print every event")
    args = ap.parse_args()
    if not PAIRS.exists():
        print(f"{PAIRS}: not found", file=sys.stderr)
        return 1
    texts: dict[str, tuple[str, str]] = {}
    for line in PAIRS.open(encoding="utf-8"):
        row = json.loads(line)
        for k in "12":
            text, lang = row.get(f"text{k}"), row.get(f"lang{k}")
            if lang in LANGS and text and text not in texts:
                texts[text] = (f"{row['pair_id']}_{k}", lang)
    lang_of = {doc_id: lang for doc_id, lang in texts.values()}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "texts.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for text, (doc_id, _) in texts.items():
                fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        exe = ROOT / ".venv" / "bin" / "bilateral"
        proc = subprocess.run([str(exe), "extract", "--quiet", "--no-link", str(src)],
                              capture_output=True, text=True, check=True)
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    count, docs = collections.Counter(), collections.defaultdict(set)
    for e in events:
        doc_id = e["sources"][0]["doc_id"]
        count[lang_of[doc_id]] += 1
        docs[lang_of[doc_id]].add(doc_id)
    total = collections.Counter(lang_of.values())
    print(f"{'language':10}{'texts':>8}{'with events':>14}{'events':>8}")
    for lang in LANGS:
        print(f"{lang:10}{total[lang]:>8}{len(docs[lang]):>14}{count[lang]:>8}")
    for line in proc.stderr.splitlines():
        if "without vocabulary" in line:
            print(line)
    if args.show:
        for e in events:
            s = e["sources"][0]
            print(lang_of[s["doc_id"]], e["type"], e["countries"], "|",
                  (s.get("evidence") or "")[:120].replace("\n", " "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
