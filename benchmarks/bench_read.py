"""Speed of the read stage, the clean stage, and both, on ~3,800 real news texts.

    .venv/bin/python benchmarks/bench_read.py [--limit N] [--repeat 3]

Writes the benchmark corpus (benchmarks/corpus.py: SemEval-2022 pairs + SlavicNER Russian)
as .txt files into a temporary folder, and the same texts as one JSON Lines file, then prints
docs/s and MB/s (MB of input files) for: reading the folder, reading the JSON Lines file,
cleaning the documents already read (``bilateral.clean.clean_document``), and reading +
cleaning in one pass. Best of ``--repeat`` runs. Target: >= 500 docs/s for read + clean.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import CorpusMissing, corpus_documents, write_corpus_folder  # noqa: E402

from bilateral.models import RawDocument, ReadError  # noqa: E402
from bilateral.read import read_paths  # noqa: E402

MAX_BYTES = 20 * 1024 * 1024


def best_of(repeat: int, fn: Callable[[], int]) -> tuple[float, int]:
    """Fastest wall time of ``repeat`` runs, and what the run returned (a count)."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        count = fn()
        best = min(best, time.perf_counter() - t0)
    return best, count


def line(label: str, seconds: float, docs: int, mb: float, extra: str = "") -> None:
    print(f"{label:<28} {docs:>6} docs  {seconds:7.3f} s  {docs / seconds:9.0f} docs/s  "
          f"{mb / seconds:7.2f} MB/s  {seconds / max(docs, 1) * 1000:6.3f} ms/doc {extra}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N texts")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is printed)")
    args = ap.parse_args()
    try:
        docs = corpus_documents(args.limit)
    except CorpusMissing as exc:
        print(f"bench_read: skipped: {exc}")
        return 0
    try:
        from bilateral.clean import clean_document
    except ImportError as exc:
        clean_document = None
        print(f"bench_read: bilateral.clean.clean_document not available ({exc}); timing readers only")

    with tempfile.TemporaryDirectory(prefix="bench_read_") as tmp:
        folder = Path(tmp) / "txt"
        n_files = write_corpus_folder(folder, args.limit)
        mb_txt = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        jsonl = Path(tmp) / "corpus.jsonl"
        with jsonl.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"id": d.doc_id, "text": d.text, "language": d.language},
                                    ensure_ascii=False) + "\n")
        mb_jsonl = jsonl.stat().st_size / 1e6
        print(f"corpus: {n_files} texts, {mb_txt:.1f} MB as .txt files, {mb_jsonl:.1f} MB as JSON Lines")

        errors: list[ReadError] = []

        def read_folder() -> int:
            errors.clear()
            n = 0
            for item in read_paths([str(folder)], max_bytes=MAX_BYTES):
                if isinstance(item, RawDocument):
                    n += 1
                else:
                    errors.append(item)
            return n

        def read_jsonl() -> int:
            return sum(isinstance(i, RawDocument) for i in read_paths([str(jsonl)], max_bytes=MAX_BYTES))

        s, n = best_of(args.repeat, read_folder)
        line("read .txt folder", s, n, mb_txt, f"({len(errors)} read errors)" if errors else "")
        for e in errors[:5]:
            print(f"   {e}")
        s, n = best_of(args.repeat, read_jsonl)
        line("read one .jsonl", s, n, mb_jsonl)

        if clean_document is None:
            return 0
        raws = [i for i in read_paths([str(folder)], max_bytes=MAX_BYTES) if isinstance(i, RawDocument)]
        clean_document(raws[0])  # first call loads the cleaner's data: not part of the rate
        failures: list[str] = []

        def clean_all() -> int:
            failures.clear()
            n = 0
            for raw in raws:
                try:
                    clean_document(raw)
                    n += 1
                except Exception as exc:  # report, keep timing the others
                    failures.append(f"{raw.doc_id}: {type(exc).__name__}: {exc}")
            return n

        def read_and_clean() -> int:
            n = 0
            for item in read_paths([str(folder)], max_bytes=MAX_BYTES):
                if isinstance(item, RawDocument):
                    try:
                        clean_document(item)
                        n += 1
                    except Exception:
                        pass
            return n

        s, n = best_of(args.repeat, clean_all)
        line("clean (already read)", s, n, mb_txt, f"({len(failures)} clean failures)" if failures else "")
        for f in failures[:5]:
            print(f"   {f}")
        s, n = best_of(args.repeat, read_and_clean)
        line("read + clean", s, n, mb_txt, "target >= 500 docs/s: " + ("met" if n / s >= 500 else "NOT met"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
