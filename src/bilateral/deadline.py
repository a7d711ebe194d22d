"""A document's time budget, whose clock stops while models and knowledge load.

Why: ``--doc-timeout`` (default 30 s) bounds what one document may cost, so that a tester's
pathological input never holds a run of thousands of documents hostage. What a process loads on
first use (spaCy's and natasha's models, the encoder, the knowledge files and the indexes built
from them: several seconds, far more on a loaded machine) is no cost of the document that
happens to come first: counted, it skipped the only document of a one-document run with
``--jobs 1`` under load. So a loader runs with the clock stopped, and the document gets its
whole budget for its own work.

- ``time_budget(seconds)``: raise ``DocTimeout`` in the body once ``seconds`` of its own time
  have passed (SIGALRM; the handler fires between Python bytecodes and inside the regex engine).
- ``clock_stopped()``: the body does not count against the budget that is running (if any).
- ``loader``: ``functools.lru_cache`` for functions that load or build something once; a cache
  miss runs with the clock stopped, a hit costs what a plain cache hit costs.

Here, in the knowledge layer, because the loaders it marks live in every layer above it.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache, wraps
from typing import Any, TypeVar

DEFAULT_DOC_TIMEOUT = 30.0  # seconds per document; ordinary articles take ~15 ms

F = TypeVar("F", bound=Callable[..., Any])


class DocTimeout(BaseException):
    """The document ran over its time budget.

    A ``BaseException`` (like ``KeyboardInterrupt``) so that a stage's ``except Exception``
    around some fallible step cannot swallow it and run on past the deadline.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"over the time budget of {seconds:g} s per document (--doc-timeout)")
        self.seconds = seconds


_running = False  # a time_budget's alarm is armed in this process (main thread only)


def _usable() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise ``DocTimeout`` in the body once ``seconds`` of wall time have passed, not counting
    the time spent in ``clock_stopped`` blocks (loaders).

    Uses SIGALRM, so it applies in a process's main thread (the CLI, pool workers, Ray
    workers); elsewhere, or with ``seconds`` None or <= 0, the body runs without a deadline.
    """
    global _running
    if seconds is None or seconds <= 0 or not _usable() or _running:
        yield  # a budget inside a budget: the outer one keeps counting
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise DocTimeout(seconds)  # type: ignore[arg-type]

    previous = signal.signal(signal.SIGALRM, on_alarm)
    _running = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _running = False
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def clock_stopped() -> Iterator[None]:
    """Run the body with the running budget's clock stopped; it goes on with the time it had
    left. Without a running budget (or nested in another ``clock_stopped``) it does nothing."""
    if not _running or not _usable():
        yield
        return
    left, _ = signal.setitimer(signal.ITIMER_REAL, 0)  # disarms, returns what was left
    if left <= 0:  # stopped already (a loader inside a loader), or it went off just now
        yield
        return
    try:
        yield
    finally:
        if _running:
            signal.setitimer(signal.ITIMER_REAL, left)


def loader(function: F | None = None, *, maxsize: int | None = None) -> Any:
    """``lru_cache`` for a function that loads a model or a knowledge file, or builds an index
    from one: what it computes once per process does not count against the budget of the
    document that first needs it. Use as ``@loader`` or ``@loader(maxsize=1)``; the result has
    ``cache_clear`` like any ``lru_cache``."""
    def decorate(fn: F) -> F:
        @wraps(fn)
        def load(*args: Any, **kwargs: Any) -> Any:
            with clock_stopped():  # only on a cache miss: lru_cache calls it for those
                return fn(*args, **kwargs)

        cached = lru_cache(maxsize=maxsize)(load)
        cached.outside_budget = True  # type: ignore[attr-defined]  # tests find the loaders by it
        return cached  # type: ignore[return-value]

    return decorate(function) if function is not None else decorate
