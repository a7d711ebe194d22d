"""``bilateral ingest``: read, extract and link articles into the store, incrementally."""
from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from bilateral import pipeline
from bilateral.languages import VocabularyGaps
from bilateral.models import RawDocument, ReadError
from bilateral.progress import Progress, warn
from bilateral.store.db import Store, content_hash


@dataclass
class IngestReport:
    added: int = 0
    unchanged: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)
    events: int = 0

    def summary(self) -> str:
        return (f"{self.added} documents added ({self.events} events), {self.unchanged} unchanged, "
                f"{self.conflicts} conflicting ids skipped, {len(self.errors)} errors")


def ingest(paths: list[str], store: Store, *, jobs: int = 1, quiet: bool = False,
           max_bytes: int = pipeline.DEFAULT_MAX_BYTES,
           doc_timeout: float | None = pipeline.DEFAULT_DOC_TIMEOUT, engine: str = "local",
           ray_address: str | None = None) -> IngestReport:
    report = IngestReport()
    digests: dict[str, str] = {}
    progress = Progress(quiet=quiet)

    def new_only(items: Iterable[RawDocument | ReadError]) -> Iterator[RawDocument | ReadError]:
        """Skip documents already stored with the same content before spending any work on them."""
        for item in items:
            if isinstance(item, RawDocument):
                digest = content_hash(item)
                if store.document_state(item.doc_id) == digest:
                    report.unchanged += 1
                    progress.update()
                    continue
                digests[item.doc_id] = digest
            yield item

    gaps = VocabularyGaps()
    for result in pipeline.process_many(new_only(pipeline.read_all(paths, max_bytes)), jobs=jobs,
                                         doc_timeout=doc_timeout, engine=engine, ray_address=ray_address):
        if result.error or result.document is None:
            report.errors.append(f"{result.source}: {result.error}")
            warn(f"{result.source}: {result.error}")
            progress.update(error=True)
            continue
        doc = result.document
        gaps.add(doc.language)
        outcome = store.add_document(doc, result.events, digests[doc.doc_id])
        if outcome == "added":
            report.added += 1
            report.events += len(result.events)
        elif outcome == "unchanged":
            report.unchanged += 1
        else:
            report.conflicts += 1
            print(f"bilateral: {result.source}: document id {doc.doc_id!r} is already stored with other "
                  "content; skipped (ingest it under another id)", file=sys.stderr, flush=True)
        progress.update()
    progress.close()
    if gaps.message():
        print(f"bilateral: {gaps.message()}", file=sys.stderr, flush=True)
    return report
