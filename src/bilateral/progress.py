"""Progress and warnings on stderr that do not overwrite each other.

On a terminal, a rich progress line (documents, rate, errors) stays at the bottom while
warnings print above it through the same console; when stderr is not a terminal (a pipe, a
log file, CI), there is no progress line and warnings are plain ``bilateral: ...`` lines.
"""
from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import Progress as RichProgress
from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

_console: Console | None = None


def console() -> Console:
    """The one stderr console of the process (created on first use, so tests can swap stderr)."""
    global _console
    if _console is None or _console.file is not sys.stderr:
        _console = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    return _console


def warn(message: str) -> None:
    """One line ``bilateral: message`` on stderr, above any progress line."""
    if sys.stderr.isatty():
        console().print(f"bilateral: {message}", markup=False)
    else:
        print(f"bilateral: {message}", file=sys.stderr, flush=True)


class Progress:
    """Documents done, documents/s and errors so far; silent when quiet or not a terminal."""

    def __init__(self, quiet: bool = False, every: float = 0.5) -> None:
        self.enabled = not quiet and sys.stderr.isatty()
        self.done = self.errors = 0
        self._bar: RichProgress | None = None
        if self.enabled:
            self._bar = RichProgress(SpinnerColumn(), TextColumn("{task.completed} documents"),
                                     TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[errors]} errors"),
                                     TimeElapsedColumn(), console=console(), transient=False,
                                     refresh_per_second=max(1, int(1 / every)))
            self._task = self._bar.add_task("extract", total=None, rate="0.0", errors=0)
            self._bar.start()

    def update(self, error: bool = False) -> None:
        self.done += 1
        self.errors += int(error)
        if self._bar is not None:
            elapsed = self._bar.tasks[0].elapsed or 1e-9
            self._bar.update(self._task, completed=self.done, rate=f"{self.done / elapsed:.1f}", errors=self.errors)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
