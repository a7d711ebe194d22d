"""``--engine ray`` throughput: documents/s with 1 and 2 Ray workers on a local Ray, against one
process, on the same corpus texts (../shared/corpora via benchmarks/corpus.py).

Prints, per setting, the wall time from the call to the last result (for Ray: starting a local
Ray with that many CPUs and loading the models in each worker, as `bilateral extract --engine ray
--jobs N` does) and the rate after the first result (steady state).
"""
from __future__ import annotations

import sys
import time

from corpus import CorpusMissing, corpus_documents

from bilateral import pipeline


def run(docs, engine: str, workers: int) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in pipeline.process_many(iter(docs), jobs=workers, engine=engine):
        n += 1
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    steady = (n - 1) / (end - first) if n > 1 and end > first else 0.0
    return end - t0, steady, n


def main() -> None:
    try:
        docs = corpus_documents(limit=int(sys.argv[1]) if len(sys.argv) > 1 else 400)
    except CorpusMissing as exc:
        print(f"skipped: {exc}")
        return
    pipeline.warm_up()
    took, steady, n = run(docs, "local", 1)
    print(f"one process         : {n} docs in {took:6.1f} s = {n / took:6.1f} docs/s (steady {steady:6.1f})")
    for workers in (1, 2):
        took, steady, n = run(docs, "ray", workers)
        print(f"ray, {workers} worker{'s' if workers > 1 else ' '}      : {n} docs in {took:6.1f} s = "
              f"{n / took:6.1f} docs/s (steady {steady:6.1f})")


if __name__ == "__main__":
    main()
