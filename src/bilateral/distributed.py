"""Extraction beyond one machine: the per-document stages as Ray tasks (``--engine ray``).

    bilateral extract --engine ray articles/                        # a local Ray on this machine
    bilateral ingest --engine ray --ray-address HEAD:6379 crawl/    # an existing Ray cluster

Why Ray only for this part: everything up to ``extract`` is a pure function of one document
(``pipeline.process``), so each document can run anywhere; linking and storing need the whole
picture and stay in the driver, which takes the results in input order. The output is therefore
identical to one process, whatever the number of workers or the order in which they finish.

The driver keeps a bounded window of documents in flight (memory stays flat on any input), and
a task that dies with its worker (a node lost, a worker killed) becomes an error for that one
document; the others go on. Each worker loads the models once and keeps them for its later tasks.
On a cluster, every node needs the same ``bilateral`` installed (``pip install bilateral``).
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from bilateral.models import DocResult, RawDocument, ReadError

WINDOW_PER_WORKER = 8  # documents in flight per worker: enough to hide latency, bounded memory
LOCAL_OBJECT_STORE = 256 * 1024 * 1024  # a local Ray needs little: documents are small


def process_ray(items: Iterable[RawDocument | ReadError], process: Callable[..., DocResult], *, workers: int,
                doc_timeout: float | None, address: str | None = None, flow=None) -> Iterator[DocResult]:
    """``DocResult`` for each item, in input order, computed by Ray tasks running
    ``process(raw, doc_timeout, flow)`` (``pipeline.process``; ``flow`` None: ``pipeline.FLOW``).

    The pipeline passes its own ``process`` in (Ray ships it to the workers by reference), so
    this engine does not import the pipeline that calls it."""
    import ray  # lazy: a large optional dependency, loaded only for --engine ray

    started = not ray.is_initialized()
    if started:
        options: dict = dict(include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        if address:
            ray.init(address=address, **options)
        else:
            # "local": a new Ray of our own, never a cluster that happens to run on this machine
            ray.init(address="local", num_cpus=max(1, workers), object_store_memory=LOCAL_OBJECT_STORE,
                     _node_ip_address="127.0.0.1", **options)  # a local Ray stays on loopback
    task = ray.remote(num_cpus=1, max_retries=1)(process)
    window = max(2, workers * WINDOW_PER_WORKER)
    pending: deque = deque()

    def finish(entry) -> DocResult:
        source, ref = entry
        if isinstance(ref, DocResult):
            return ref
        try:
            return ray.get(ref)
        except ray.exceptions.RayError as exc:  # the worker died with the task: this document only
            reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            return DocResult(source, error=f"processing failed on Ray: {type(exc).__name__}: {reason}")

    try:
        for item in items:
            if isinstance(item, ReadError):
                pending.append((item.source, DocResult(item.source, error=item.reason)))
            else:
                pending.append((item.source, task.remote(item, doc_timeout, flow)))
            while len(pending) > window:
                yield finish(pending.popleft())
        while pending:
            yield finish(pending.popleft())
    finally:
        if started:
            ray.shutdown()
