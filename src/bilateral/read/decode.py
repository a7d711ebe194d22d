"""Bytes -> text for files of unknown encoding, and telling text from binary.

News files arrive as UTF-8 most of the time, but also as Windows-1252/Latin-1 (German,
French), Windows-1251/KOI8-R (Russian) and UTF-16 (Windows "Unicode" exports). We must read
all of them correctly and refuse images, archives and random bytes with a clear reason,
without ever raising on odd bytes.

Order of checks, cheapest first: known binary signatures; byte-order marks; strict UTF-8
(the common case, microseconds); UTF-16 without BOM (NUL bytes on one parity); a
charset-normalizer guess restricted to the encodings our languages use (short Russian
KOI8-R texts are otherwise guessed as Shift-JIS); then an unrestricted guess; finally a
printability check so that bytes that "decode" to control-character soup count as binary.
"""
from __future__ import annotations

import codecs
import re

import charset_normalizer


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise (the message says why)."""


# Magic numbers of the binary formats most often found in a news folder by mistake.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/ODT)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office (OLE) document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media (WAV/AVI/WEBP)"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 media"),
    (b"\x00\x00\x00\x20ftyp", "MP4 media"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings tried first: those of the languages we read (Western and Central European,
# Cyrillic, Turkish). Restricting the guess avoids CJK misreadings of short Cyrillic texts.
_PREFERRED = ["utf_8", "cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "cp1251",
              "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic", "cp1254", "cp1257"]

# MZ, RIFF, ID3, BZh are short prefixes that real text can start with ("MZ" initials, "ID3
# tags..."); only trust them when the rest of the sample is not plausible text either.
_WEAK_SIGNATURES = {b"MZ", b"RIFF", b"ID3", b"BZh"}

_NON_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")
_CHARSET_IN_HTML = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


_C0 = re.compile("[\x00-\x08\x0e-\x1f]")
_MOJIBAKE = re.compile("[\u00c2-\u00c5\u00d0\u00d1][\u0080-\u00bf]|\u00e2\u0080[\u0090-\u00bf]")


def _unmojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1/Windows-1252 and saved again as UTF-8.

    Only when the marks are there ("Ã¼", "Ä\x9e", "Ð¼") and re-encoding gives valid UTF-8
    for the whole text; anything mixed is left as it is (a wrong repair is worse than none).
    """
    if _MOJIBAKE.search(text) is None or len(_MOJIBAKE.findall(text[:20000])) < 2:
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format when ``data`` starts with a known signature, else None."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            if magic in _WEAK_SIGNATURES and _looks_textual(data[:4096]):
                continue
            return name
    return None


def _looks_textual(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    text = sample.decode("utf-8", "replace")
    return _control_share(text) < 0.01 and text.count("\ufffd") < 0.05 * max(len(text), 1)


def _control_share(text: str) -> float:
    """Share of characters that never occur in running text (C0/C1 controls, private use)."""
    if not text:
        return 0.0
    sample = text[:20000]
    return len(_NON_TEXT.findall(sample)) / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM: NUL bytes almost all on one parity (Latin or Cyrillic text)."""
    sample = data[:4096]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd > 0.3 * half and even < 0.02 * half:
        codec = "utf-16-le"
    elif even > 0.3 * half and odd < 0.02 * half:
        codec = "utf-16-be"
    elif len(sample) >= 8 and (odd + even) == 0:
        return None
    else:
        # Cyrillic UTF-16 has few NULs (0x04 high bytes): look at the high-byte parity instead.
        hi_le = sum(1 for b in sample[1::2] if b in (0x00, 0x04))
        hi_be = sum(1 for b in sample[0::2] if b in (0x00, 0x04))
        if hi_le > 0.9 * half and hi_be < 0.5 * half:
            codec = "utf-16-le"
        elif hi_be > 0.9 * half and hi_le < 0.5 * half:
            codec = "utf-16-be"
        else:
            return None
    try:
        text = data[: len(data) - len(data) % 2].decode(codec)
    except UnicodeDecodeError:
        return None
    return text if _control_share(text) < 0.01 else None


def declared_html_charset(data: bytes) -> str | None:
    """The charset a page declares in its ``<meta>`` (first 4 KB), if Python knows it."""
    m = _CHARSET_IN_HTML.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to ``(text, encoding)``; raises ``NotText`` with a reason otherwise.

    ``hint`` is a declared charset (HTTP header, HTML meta): used when the bytes are not UTF-8
    and the declared codec decodes them cleanly.
    """
    kind = sniff_binary(data)
    if kind:
        raise NotText(f"binary file ({kind}), not text")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), codec
            except UnicodeDecodeError:
                break  # a BOM followed by garbage: fall through to guessing
    if b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # Valid UTF-8 is text: binary data almost never is. C1 controls in it are mojibake
            # (UTF-8 once read as Latin-1), repaired when that can be done exactly.
            if _C0.search(text) is None or len(_C0.findall(text[:20000])) < 0.01 * min(len(text), 20000):
                return _unmojibake(text), "utf-8"
            raise NotText("binary file (control characters), not text")
    else:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            return text16, "utf-16"
        # NULs in text that is not UTF-16: binary, unless rare (a stray NUL in a text file).
        if data.count(0) > max(2, len(data) // 1000):
            raise NotText("binary file (NUL bytes), not text")
    if hint:
        try:
            text = data.decode(hint)
            if _control_share(text) < 0.01:
                return text, hint
        except (UnicodeDecodeError, LookupError):
            pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_PREFERRED).best()
    if best is None or best.chaos > 0.2:
        best = charset_normalizer.from_bytes(data).best() or best
    if best is None:
        raise NotText("binary file (no text encoding fits), not text")
    text = str(best)
    if _control_share(text) >= 0.01:
        raise NotText("binary file (control characters), not text")
    return text, best.encoding
