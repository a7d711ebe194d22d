"""Built models kept on disk between runs: what a process builds from a shipped file in pure
Python, the next process reads back as one pickle.

Why: every ``bilateral extract`` process pays its start-up again, and part of it is not loading
but rebuilding the same object from the same file: the sentence encoder's tokenizer parses its
128,000-piece vocabulary in Python (~1 s on a quiet core), py3langid decompresses its LZMA model
(~0.5 s). Read back from a pickle they take a tenth of that. The object is the same (pickle
keeps every value), so the output cannot change.

The key of an entry is its name, the versions that built it (the package's, Python's) and the
size and modification time of every source file: a new model file or a new version gives a new
entry, never a stale one. The folder is ``$BILATERAL_CACHE_DIR``, else
``$XDG_CACHE_HOME/bilateral``, else ``~/.cache/bilateral``; ``BILATERAL_CACHE_DIR=off`` turns
the cache off. A folder that cannot be written, or an entry that cannot be read, only costs
the build: the cache never fails a run. Entries are written to a temporary file and renamed,
so processes running side by side never read half an entry; writing one removes the other
entries of its name, so the folder holds one per model.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_OFF = {"off", "none", "0", "no", "false"}


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off (``BILATERAL_CACHE_DIR=off``)."""
    explicit = os.environ.get("BILATERAL_CACHE_DIR")
    if explicit is not None and explicit.strip():
        return None if explicit.strip().lower() in _OFF else Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bilateral"


def entry_path(name: str, sources: Sequence[Path], version: str) -> Path | None:
    """Where the entry for ``name`` built by ``version`` from ``sources`` lives (None: cache off)."""
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256()
    key.update(f"{name}\0{version}\0{sys.version}\0{pickle.HIGHEST_PROTOCOL}".encode())
    for source in sources:
        st = os.stat(source)
        key.update(f"\0{os.path.realpath(source)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return folder / f"{name}-{key.hexdigest()[:20]}.pickle"


def cached_build(name: str, sources: Sequence[Path], version: str, build: Callable[[], T]) -> T:
    """``build()``, or what an earlier ``build()`` of the same sources and version left on disk."""
    try:
        path = entry_path(name, sources, version)
    except OSError:  # a source is missing: let build() say so
        path = None
    if path is None:
        return build()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - our own entry, in the user's own cache folder
    except Exception:  # missing, truncated or from an incompatible build: build it again
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
            for old in path.parent.glob(f"{name}-*.pickle"):  # one entry per name: no pile of stale ones
                if old != path:
                    old.unlink(missing_ok=True)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except Exception:  # read-only home, full disk, an object that does not pickle: no cache
        pass
    return value
