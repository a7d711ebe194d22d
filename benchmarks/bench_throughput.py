"""Throughput of `bilateral extract` on real news (../shared/corpora), and where the time goes.

    .venv/bin/python benchmarks/bench_throughput.py [--sizes 500,2000] [--jobs 1] [--profile 300]

Prints, per input size: documents, seconds, docs/s, peak memory (RSS of the extract process),
events; the time ratio of the largest to the smallest input against the size ratio; and a
per-stage profile (ms per document) measured in-process on a sample.
"""
from __future__ import annotations

import argparse
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


def run_extract(folder: Path, jobs: int) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB, and number of events of one `bilateral extract` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    out = subprocess.run([str(BIN), "extract", "--quiet", "--jobs", str(jobs), str(folder)],
                         capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    events = sum(1 for line in out.stdout.splitlines() if line.strip())
    return seconds, max(peak, before) / 1024, events


def stage_profile(n: int) -> None:
    """Milliseconds per document for each stage, in one process, after the models are loaded."""
    from bilateral import pipeline
    from bilateral.analyse.dates import find_times
    from bilateral.analyse.figures import find_figures
    from bilateral.analyse.sentences import split_sentences
    from bilateral.clean import clean_document
    from bilateral.extract.events import extract_events
    from bilateral.extract.triggers import find_triggers
    from bilateral.models import Analysis
    from bilateral.resolve.geo import find_countries, find_organizations, find_places
    from bilateral.resolve.people import find_people
    from bilateral.resolve.quotes import find_quotes

    raws = corpus_documents(limit=n)
    for raw in raws[:5]:  # load every model once before timing
        pipeline.process(raw)
    totals: dict[str, float] = {}

    def timed(name, fn, *args):
        t = time.perf_counter()
        result = fn(*args)
        totals[name] = totals.get(name, 0.0) + time.perf_counter() - t
        return result

    for raw in raws:
        doc = timed("clean (+language, date)", clean_document, raw)
        lang = doc.language or "en"
        a = Analysis(document=doc)
        a.sentences = timed("sentences", split_sentences, doc.text, lang)
        a.countries = timed("countries", find_countries, doc.text, lang)
        a.organizations = timed("organisations", find_organizations, doc.text, lang)
        a.places = timed("places", find_places, doc.text, lang)
        a.times = timed("dates", find_times, doc.text, lang, doc.published)
        a.triggers = timed("triggers", find_triggers, doc.text, lang)
        a.people = timed("people (NER)", find_people, doc, a.sentences, a.countries)
        a.quotes = timed("quotes", find_quotes, doc.text, lang, a.people)
        a.figures = timed("figures", find_figures, doc.text, lang, a.sentences, a.countries, a.times)
        timed("events", extract_events, a)
    print(f"\nper-stage profile on {len(raws)} documents (ms per document, slowest first):")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {name:26s} {1000 * seconds / len(raws):8.2f}")
    print(f"  {'total':26s} {1000 * sum(totals.values()) / len(raws):8.2f}")


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
            seconds, peak_mb, events = run_extract(folder, args.jobs)
            results.append((n, seconds))
            print(f"extract --jobs {args.jobs}: {n} docs in {seconds:.1f} s = {n / seconds:.1f} docs/s, "
                  f"peak memory {peak_mb:.0f} MB, {events} events")
    if len(results) > 1:
        (n0, s0), (n1, s1) = results[0], results[-1]
        print(f"time ratio {s1 / s0:.2f} for {n1 / n0:.1f}x the input (target <= {1.1 * n1 / n0:.1f})")
    if args.profile:
        stage_profile(args.profile)


if __name__ == "__main__":
    main()
