"""Which files to read, of what kind, and reading their bytes within a size limit.

Kept apart from the format readers so that every reader gets the same rules: what a folder
contributes, which names are skipped silently, how big a file may be, and the plain-words
reasons given when a file cannot be opened.
"""
from __future__ import annotations

import errno
import gzip
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO
from pathlib import Path

# Extensions (lower case, without the dot) -> reader kind. ".gz" is handled on top of these.
KINDS: dict[str, str] = {
    "txt": "txt", "text": "txt",
    "html": "html", "htm": "html", "xhtml": "html",
    "jsonl": "jsonl", "ndjson": "jsonl",
    "warc": "warc",
}

# Names a folder may contain that nobody means as input: skipped without a word.
_JUNK_NAMES = {"thumbs.db", "desktop.ini", "icon\r"}
_JUNK_DIRS = {"__macosx", "__pycache__", "node_modules"}


class ReadFailure(Exception):
    """A file that cannot be read; ``str(exc)`` is the reason shown to the user."""


@dataclass(frozen=True)
class Entry:
    """One input file: its path, reader kind (None = unsupported), gzip wrapping and stem."""

    path: str
    kind: str | None
    gzipped: bool
    stem: str
    suffix: str  # what made the kind decision, for messages ("'.pdf'")


def classify(path: str) -> Entry:
    """Reader kind from the file name: ``a.txt`` -> txt, ``a.jsonl.gz`` -> gzipped jsonl.

    The stem (the document id of plain files) is the name without the recognised
    extension(s): ``000_a6977bae0d2c32c3.txt`` -> ``000_a6977bae0d2c32c3``,
    ``x.html.gz`` -> ``x``; a name with several dots keeps the others (``a.b.txt`` -> ``a.b``).
    """
    name = os.path.basename(path)
    parts = name.split(".")
    if len(parts) < 2 or not parts[0] and len(parts) == 2:
        return Entry(path, None, False, name, "(no extension)")
    ext = parts[-1].lower()
    if ext == "gz" and len(parts) >= 3:
        inner = parts[-2].lower()
        kind = KINDS.get(inner)
        stem = ".".join(parts[:-2])
        return Entry(path, kind, True, stem, f"'.{inner}.gz'")
    kind = KINDS.get(ext)
    return Entry(path, kind, False, ".".join(parts[:-1]), f"'.{ext}'")


def is_junk(name: str) -> bool:
    """Hidden files, OS droppings and editor backups: never input, never worth a warning."""
    low = name.lower()
    return (name.startswith(".") or low in _JUNK_NAMES or name.startswith("~$")
            or name.endswith("~") or low.endswith((".swp", ".tmp")))


def walk_folder(folder: str, problems: list[tuple[str, str]] | None = None) -> list[str]:
    """Every non-junk file below ``folder``, recursively, sorted by path components.

    Sorting by components (not by the joined string) makes the order independent of the
    separator and of the file system's listing order. Symlinked folders are not followed
    (no cycles); symlinked files are read. Sub-folders that cannot be listed are appended to
    ``problems`` as ``(path, reason)``.
    """

    def onerror(exc: OSError) -> None:
        if problems is not None:
            problems.append((exc.filename or folder, f"cannot list folder: {describe_os_error(exc)}"))

    found: list[tuple[tuple[str, ...], str]] = []
    root_parts = Path(folder).parts
    for dirpath, dirnames, filenames in os.walk(folder, onerror=onerror):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d.lower() not in _JUNK_DIRS]
        for name in filenames:
            if is_junk(name):
                continue
            full = os.path.join(dirpath, name)
            found.append((Path(full).parts[len(root_parts):], full))
    found.sort()
    return [full for _, full in found]


def describe_os_error(exc: OSError) -> str:
    """A short reason for an OSError, without the path (the caller names it)."""
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied (file not readable)"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    return f"cannot read file ({exc.strerror or type(exc).__name__})"


def check_file(path: str, max_bytes: int | None) -> int:
    """Size of a readable regular file; raises ``ReadFailure`` before anything is read.

    ``max_bytes`` None means no limit (containers streamed record by record).
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise ReadFailure(describe_os_error(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise ReadFailure("not a regular file (device, pipe or socket)")
    if st.st_size == 0:
        raise ReadFailure("empty file")
    if max_bytes is not None and st.st_size > max_bytes:
        raise ReadFailure(too_big(st.st_size, max_bytes))
    if not os.access(path, os.R_OK):
        raise ReadFailure("permission denied (file not readable)")
    return st.st_size


def open_for_streaming(entry: Entry, *, gunzip: bool = False,
                       check: Callable[[Entry], str | None] | None = None) -> BinaryIO | ReadFailure:
    """An open binary handle for a container read record by record, or the failure naming why
    it cannot be read (``check`` may refuse it from its first bytes). Size limits apply per
    record in such files, so the file's own size is not checked here."""
    try:
        check_file(entry.path, None)
        problem = check(entry) if check else None
        if problem:
            return ReadFailure(problem)
        return gzip.open(entry.path, "rb") if gunzip else open(entry.path, "rb")  # type: ignore[return-value]
    except ReadFailure as exc:
        return exc
    except OSError as exc:
        return ReadFailure(describe_os_error(exc))


def too_big(size: int | str, max_bytes: int) -> str:
    size_s = f"{size:,} bytes" if isinstance(size, int) else size
    return (f"file too large: {size_s}, above the limit of {max_bytes:,} bytes "
            f"(raise it with --max-bytes)")


def read_limited(entry: Entry, max_bytes: int) -> bytes:
    """The whole content of a plain (txt/html) file, gunzipped when needed, at most max_bytes."""
    check_file(entry.path, None if entry.gzipped else max_bytes)
    try:
        if entry.gzipped:
            with gzip.open(entry.path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise ReadFailure(too_big("more than that once decompressed", max_bytes))
        else:
            with open(entry.path, "rb") as fh:
                data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:  # grew since stat
                raise ReadFailure(too_big(len(data), max_bytes))
    except OSError as exc:
        raise ReadFailure(describe_gzip_error(exc) if entry.gzipped else describe_os_error(exc)) from None
    except (EOFError, zlib.error) as exc:
        raise ReadFailure(describe_gzip_error(exc)) from None
    if entry.gzipped and not data:
        raise ReadFailure("empty file (nothing inside the gzip data)")
    return data


def describe_gzip_error(exc: BaseException) -> str:
    """Plain words for what gzip/zlib raise on damaged input."""
    if isinstance(exc, gzip.BadGzipFile) or "Not a gzipped file" in str(exc):
        return "not a gzip file (the .gz name does not match its content)"
    if isinstance(exc, EOFError):
        return "truncated gzip data (the compressed stream ends early)"
    if isinstance(exc, zlib.error):
        return f"corrupt gzip data ({exc})"
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return f"cannot decompress ({type(exc).__name__}: {exc})"
