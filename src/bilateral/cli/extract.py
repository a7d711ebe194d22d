"""Commands over articles, without a store: ``extract`` (events as contract JSON Lines) and
``similarity`` (same-event scores for pairs of articles)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import typer

from bilateral import pipeline
from bilateral.deadline import DEFAULT_DOC_TIMEOUT
from bilateral.cli.common import check_engine
from bilateral.cli.options import DocTimeout, Engine, Jobs, MaxBytes, Paths, RayAddress
from bilateral.languages import VocabularyGaps
from bilateral.progress import Progress, warn
from bilateral.read.pairs import parse_pair
from bilateral.similarity.model import article_similarity


def extract(
    paths: Paths,
    jobs: Jobs = 1,
    max_bytes: MaxBytes = pipeline.DEFAULT_MAX_BYTES,
    no_link: bool = typer.Option(False, "--no-link", help="Print each document's events without cross-document linking."),
    doc_timeout: DocTimeout = DEFAULT_DOC_TIMEOUT,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr."),
    engine: Engine = "local",
    ray_address: RayAddress = None,
) -> None:
    """Read articles, extract their interstate events, link them across documents; print contract JSON Lines."""
    jobs = jobs or os.cpu_count() or 1
    events, processed = [], 0
    progress = Progress(quiet=quiet)
    gaps = VocabularyGaps()
    check_engine(engine, ray_address)
    for result in pipeline.process_many(pipeline.read_all(paths, max_bytes), jobs=jobs, doc_timeout=doc_timeout,
                                        engine=engine, ray_address=ray_address):
        if result.error:
            warn(f"{result.source}: {result.error}")
            progress.update(error=True)
            continue
        processed += 1
        gaps.add(result.document.language if result.document else None)
        events.extend(result.events)
        progress.update()
    progress.close()
    if gaps.message():
        warn(gaps.message())
    if not no_link:
        events = pipeline.link(events)
    out = sys.stdout
    for event in events:
        out.write(json.dumps(event.to_contract(), ensure_ascii=False) + "\n")
    out.flush()
    if processed == 0:
        warn("no document could be processed")
        raise typer.Exit(1)


def similarity(
    pairs: str = typer.Argument(..., help="JSON Lines of {id, text1, text2, lang1?, lang2?}; '-' for stdin."),
) -> None:
    """Score how likely two articles report the same event (1) or nothing in common (0)."""
    fh = sys.stdin if pairs == "-" else None
    if fh is None:
        path = Path(pairs)
        if not path.exists():
            warn(f"{pairs}: no such file")
            raise typer.Exit(2)
        fh = path.open(encoding="utf-8", errors="replace")
    scored = 0
    for n, line in enumerate(fh, 1):
        if not line.strip():
            continue
        pair = parse_pair(line)
        if isinstance(pair, str):
            warn(f"{pairs}: line {n}: skipped ({pair})")
            continue
        if pair.note:
            warn(f"{pairs}: line {n}: {pair.note}")
        pid = pair.id
        s = article_similarity(pair.text1, pair.text2, pair.lang1, pair.lang2)
        sys.stdout.write(json.dumps({"id": pid, "similarity": round(float(s), 4)}) + "\n")
        scored += 1
    if scored == 0:
        warn("no pair could be scored")
        raise typer.Exit(1)
