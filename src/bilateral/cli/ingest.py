"""``bilateral ingest``: extract and link articles into the store (incremental, idempotent)."""
from __future__ import annotations

import os
import sys

import typer

from bilateral import pipeline
from bilateral.deadline import DEFAULT_DOC_TIMEOUT
from bilateral.cli.common import check_engine, die, open_store
from bilateral.cli.options import Db, DocTimeout, Engine, Jobs, MaxBytes, Paths, RayAddress
from bilateral.store.backend import database_errors
from bilateral.store.ingest import ingest as run


def ingest(
    paths: Paths,
    db: Db = None,
    jobs: Jobs = 1,
    max_bytes: MaxBytes = pipeline.DEFAULT_MAX_BYTES,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary on stderr."),
    doc_timeout: DocTimeout = DEFAULT_DOC_TIMEOUT,
    engine: Engine = "local",
    ray_address: RayAddress = None,
) -> None:
    """Extract events from articles and link them into the database (incremental, idempotent)."""
    check_engine(engine, ray_address)

    with open_store(db, must_exist=False) as store:
        try:
            report = run(paths, store, jobs=jobs or os.cpu_count() or 1, quiet=quiet, max_bytes=max_bytes,
                         doc_timeout=doc_timeout, engine=engine, ray_address=ray_address)
        except database_errors() as exc:  # a full disk, a lost server: what was committed stays
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            die(f"{store.path}: {reason}; the documents stored before this are kept, "
                "run the same ingest again to go on", 1)
        if not quiet:
            print(f"bilateral: {report.summary()} -> {store.path}", file=sys.stderr)
    if report.added + report.unchanged == 0:
        raise typer.Exit(1)
