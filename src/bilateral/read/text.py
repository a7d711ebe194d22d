"""Plain-text articles (``.txt``, ``.txt.gz``): one file, one document, any encoding."""
from __future__ import annotations

from collections.abc import Iterator

from bilateral.models import RawDocument, ReadError
from bilateral.read.decode import NotText, decode_bytes
from bilateral.read.files import Entry, ReadFailure, read_limited


def read_text_file(entry: Entry, max_bytes: int) -> Iterator[RawDocument | ReadError]:
    """The file as one ``RawDocument`` (doc_id = file stem), or one ``ReadError`` saying why not.

    Nothing is cleaned here: menu lines, share buttons and datelines stay for ``clean``,
    which needs them in place to map evidence offsets back to the original.
    """
    try:
        data = read_limited(entry, max_bytes)
        text, _encoding = decode_bytes(data)
    except (ReadFailure, NotText) as exc:
        yield ReadError(entry.path, str(exc))
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        yield ReadError(entry.path, "empty file (only whitespace)")
        return
    yield RawDocument(doc_id=entry.stem, source=entry.path, text=text, fmt="txt")
