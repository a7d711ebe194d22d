"""Progress on stderr for long runs: documents/s and errors so far; silent when not a terminal."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, quiet: bool = False, every: float = 0.5) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.every = every
        self.done = self.errors = 0
        self.t0 = self.last = time.monotonic()

    def update(self, error: bool = False) -> None:
        self.done += 1
        self.errors += int(error)
        now = time.monotonic()
        if self.enabled and now - self.last >= self.every:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.t0, 1e-9)
        sys.stderr.write(f"\r{self.done} documents, {rate:.1f} docs/s, {self.errors} errors")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self._draw(time.monotonic())
            sys.stderr.write("\n")
            sys.stderr.flush()
