"""Throughput of `bilateral extract` on real news (../shared/corpora), and where the time goes.

    .venv/bin/python benchmarks/bench_throughput.py [--sizes 500,2000] [--jobs 1] [--profile 300]

Prints, per input size: documents, seconds, docs/s, CPU seconds (user + system of the extract
processes), peak memory (RSS), events and the load average; the time ratio of the largest to
the smallest input against the size ratio; and a per-component profile (CPU and wall ms per
document, the components of ``pipeline.FLOW``) measured in-process on a sample, after every
model is loaded.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import corpus_documents, write_corpus_folder  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin" / "bilateral"


def run_extract(folder: Path, jobs: int) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system, worker processes included), peak RSS in MB,
    and number of events of one `bilateral extract` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run([str(BIN), "extract", "--quiet", "--jobs", str(jobs), str(folder)],
                         capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    events = sum(1 for line in out.stdout.splitlines() if line.strip())
    return seconds, cpu, max(after.ru_maxrss, before.ru_maxrss) / 1024, events


def stage_profile(n: int) -> None:
    """Milliseconds per document for each component of the flow, in one process, after the
    models are loaded."""
    from bilateral import clean, pipeline
    from bilateral.components import StopDocument

    raws = corpus_documents(limit=n)
    # load every model once before timing: warm_up reads one short article per language (the
    # first corpus texts alone have no English, so spaCy's load used to count as person NER)
    pipeline.warm_up()
    for raw in raws[:5]:
        pipeline.process(raw)
    wall = {c.name: 0.0 for c in pipeline.FLOW}
    cpu = dict(wall)  # CPU time too: on a shared machine wall time mostly counts waits for a core
    for raw in raws:
        a = clean.start(raw)
        for c in pipeline.FLOW:
            t, p = time.perf_counter(), time.process_time()
            try:
                c.run(a)
            except StopDocument:
                break
            finally:
                wall[c.name] += time.perf_counter() - t
                cpu[c.name] += time.process_time() - p
    print(f"\nper-component profile on {len(raws)} documents (ms per document, slowest first; load "
          f"{os.getloadavg()[0]:.1f}):\n  {'component':26s} {'cpu':>8s} {'wall':>8s}")
    for name, seconds in sorted(cpu.items(), key=lambda kv: -kv[1]):
        print(f"  {name:26s} {1000 * seconds / len(raws):8.2f} {1000 * wall[name] / len(raws):8.2f}")
    print(f"  {'total':26s} {1000 * sum(cpu.values()) / len(raws):8.2f} {1000 * sum(wall.values()) / len(raws):8.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="500,2000")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--profile", type=int, default=300, help="documents for the stage profile (0: skip)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"corpus{size}"
            n = write_corpus_folder(folder, size)
            load = os.getloadavg()[0]
            seconds, cpu, peak_mb, events = run_extract(folder, args.jobs)
            results.append((n, seconds))
            print(f"extract --jobs {args.jobs}: {n} docs in {seconds:.1f} s = {n / seconds:.1f} docs/s, "
                  f"CPU {cpu:.1f} s, peak memory {peak_mb:.0f} MB, {events} events "
                  f"(load {load:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    if len(results) > 1:
        (n0, s0), (n1, s1) = results[0], results[-1]
        print(f"time ratio {s1 / s0:.2f} for {n1 / n0:.1f}x the input (target <= {1.1 * n1 / n0:.1f})")
    if args.profile:
        stage_profile(args.profile)


if __name__ == "__main__":
    main()
