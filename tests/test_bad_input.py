"""Bad input never stops a run: each bad file is one ReadError naming it and saying why.

Every case sits beside a good article, and the good article must still be read. Hard cases:
a PNG or random bytes renamed .txt, a UTF-16 file (NUL bytes, but text), a 50 MB single line
(refused before it is read), a WARC cut in the middle of a record, a .gz that is not gzip.
"""
from __future__ import annotations

import gzip
import io
import json
import os
import random
import subprocess
import tracemalloc
from pathlib import Path

import pytest

from bilateral.models import RawDocument, ReadError
from bilateral.read import read_paths

from conftest import CLI_BIN

MB = 1 << 20
REPO = Path(__file__).resolve().parents[1]
CLI = CLI_BIN

GOOD = ("ASTANA, 3. März (Kazinform) - Die Außenminister Kasachstans und Usbekistans haben in "
        "Taschkent über Handel und Wasserfragen gesprochen. Der Handelsumsatz erreichte "
        "4,2 Milliarden US-Dollar.\n")
RU = "Министры иностранных дел Казахстана и Узбекистана встретились в Ташкенте.\n"


def read(paths, max_bytes: int = 5 * MB) -> list[RawDocument | ReadError]:
    return list(read_paths([str(p) for p in paths], max_bytes=max_bytes))


def split(items) -> tuple[dict[str, RawDocument], dict[str, str]]:
    """Documents by doc_id, error reasons by source."""
    good = {i.doc_id: i for i in items if isinstance(i, RawDocument)}
    bad = {i.source: i.reason for i in items if isinstance(i, ReadError)}
    return good, bad


def with_good(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path / "good.txt"


def only_error(items, source: Path | str) -> str:
    good, bad = split(items)
    assert "good" in good and good["good"].text == GOOD
    assert str(source) in bad, bad
    return bad[str(source)]


# ---------------------------------------------------------------- missing, unreadable, empty

def test_missing_path(tmp_path: Path):
    good = with_good(tmp_path)
    missing = tmp_path / "nope.txt"
    reason = only_error(read([missing, good]), missing)
    assert reason == "no such file or directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_permissions(tmp_path: Path):
    with_good(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        assert "permission denied" in only_error(read([tmp_path]), locked)
    finally:
        locked.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch):
    """The same as above where tests run as root: open() raising PermissionError."""
    import builtins

    good = with_good(tmp_path)
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD)
    real_open = builtins.open
    monkeypatch.setattr("os.access", lambda p, mode: Path(p).name != "locked.txt")

    def fake_open(file, *args, **kwargs):
        if Path(str(file)).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    assert "permission denied" in only_error(read([tmp_path]), locked)
    monkeypatch.setattr("os.access", lambda p, mode: True)  # access() says yes, open() says no
    assert "permission denied" in only_error(read([good, locked]), locked)


@pytest.mark.parametrize("name,content,expected", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\n\t \n", "empty file (only whitespace)"),
    ("empty.html", b"", "empty file"),
    ("empty.jsonl", b"", "empty file"),
    ("blank.jsonl", b"\n\n  \n", "empty file (no records)"),
    ("empty.warc", b"", "empty file"),
])
def test_empty_files(tmp_path: Path, name: str, content: bytes, expected: str):
    with_good(tmp_path)
    (tmp_path / name).write_bytes(content)
    assert only_error(read([tmp_path]), tmp_path / name) == expected


def test_empty_folder(tmp_path: Path):
    (tmp_path / "inbox").mkdir()
    [err] = read([tmp_path / "inbox"])
    assert err.reason == "folder contains no files"


# ---------------------------------------------------------------- binary and encodings

def _noise(seed: int, n: int, lowest: int = 0) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(lowest, 256) for _ in range(n))


def _png() -> bytes:
    return (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
            + _noise(1, 3000))


@pytest.mark.parametrize("name,content,words", [
    ("image.txt", _png(), "PNG image"),
    ("image.html", _png(), "PNG image"),
    ("noise.txt", _noise(2, 5000), "binary file"),
    ("noise_without_nul.txt", _noise(3, 5000, lowest=1), "binary file"),
    ("archive.txt", gzip.compress(GOOD.encode()), "gzip-compressed data"),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    ("controls.txt", bytes(range(1, 32)) * 50, "binary file"),
])
def test_binary_files_are_refused(tmp_path: Path, name: str, content: bytes, words: str):
    with_good(tmp_path)
    (tmp_path / name).write_bytes(content)
    reason = only_error(read([tmp_path]), tmp_path / name)
    assert words in reason and "not text" in reason


def test_wrong_encodings_are_read_not_rejected(tmp_path: Path):
    with_good(tmp_path)
    (tmp_path / "latin1.txt").write_bytes(GOOD.encode("latin-1", "replace"))
    (tmp_path / "cp1251.txt").write_bytes(RU.encode("cp1251"))
    (tmp_path / "utf16.txt").write_bytes(RU.encode("utf-16"))
    good, bad = split(read([tmp_path]))
    assert not bad
    assert good["cp1251"].text == RU and good["utf16"].text == RU
    assert "Außenminister" in good["latin1"].text and "März" in good["latin1"].text


def test_text_starting_like_a_weak_signature_is_still_text(tmp_path: Path):
    f = tmp_path / "mz.txt"
    f.write_text("MZ: Die Außenminister trafen sich.\n" + GOOD)
    [doc] = read([f])
    assert isinstance(doc, RawDocument)


# ---------------------------------------------------------------- size limit

def test_file_above_max_bytes_names_the_limit(tmp_path: Path):
    with_good(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 100)
    reason = only_error(read([tmp_path], max_bytes=2000), big)
    assert "2,000 bytes" in reason and "too large" in reason and "--max-bytes" in reason


def test_50mb_one_line_txt_is_refused_before_reading(tmp_path: Path, monkeypatch):
    with_good(tmp_path)
    big = tmp_path / "oneline.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * MB)  # sparse: 50 MB of NULs would be binary; size is what is checked
    # fails the test if the file is opened at all: the refusal comes from stat()
    real_open = open

    def guarded_open(file, mode="r", *a, **k):
        assert Path(str(file)).name != "oneline.txt", "read a file above the limit"
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr("builtins.open", guarded_open)
    reason = only_error(read([tmp_path], max_bytes=10 * MB), big)
    assert "52,428,800 bytes" in reason and "10,485,760 bytes" in reason


def test_50mb_jsonl_line_is_refused_with_bounded_memory(tmp_path: Path):
    """A container is streamed: one huge line is skipped in chunks, the next lines are read."""
    f = tmp_path / "feed.jsonl"
    with f.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "before", "text": GOOD}) + "\n")
        fh.write('{"id": "huge", "text": "' + "x" * (50 * MB) + '"}\n')
        fh.write(json.dumps({"id": "after", "text": GOOD}) + "\n")
    tracemalloc.start()
    out = read([f], max_bytes=1 * MB)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    good, bad = split(out)
    assert list(good) == ["before", "after"]
    assert "line skipped" in bad[f"{f}:line 2"] and "1,048,576 bytes" in bad[f"{f}:line 2"]
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB while skipping a 50 MB line"


def test_gzip_bomb_is_refused_once_decompressed_size_passes_the_limit(tmp_path: Path):
    with_good(tmp_path)
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * (20 * MB)))
    reason = only_error(read([tmp_path], max_bytes=1 * MB), bomb)
    assert "too large" in reason and "decompressed" in reason


# ---------------------------------------------------------------- malformed JSON Lines

def test_malformed_jsonl_lines_are_reported_and_others_read(tmp_path: Path):
    f = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": GOOD}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"text": GOOD}),
        json.dumps({"id": "", "text": GOOD}),
        json.dumps({"id": "notext", "title": "only a title"}),
        json.dumps({"id": "emptytext", "text": "   "}),
        json.dumps(["id", "text"]),
        json.dumps({"id": {"nested": 1}, "text": GOOD}),
        json.dumps({"id": "ok2", "html": "<html><body><p>" + GOOD + "</p></body></html>"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    good, bad = split(read([f]))
    assert list(good) == ["ok1", "ok2"]
    assert bad[f"{f}:line 2"].startswith("not valid JSON")
    assert bad[f"{f}:line 3"] == 'record has no "id"'
    assert bad[f"{f}:line 4"] == 'record has no "id"'
    assert 'neither "text" nor "html"' in bad[f"{f}:line 5"] and '"notext"' in bad[f"{f}:line 5"]
    assert 'neither "text" nor "html"' in bad[f"{f}:line 6"]
    assert bad[f"{f}:line 7"] == "not a JSON object (found a list)"
    assert bad[f"{f}:line 8"] == 'record has no "id"'
    assert len(bad) == 7


def test_jsonl_line_in_latin1_is_still_read(tmp_path: Path):
    f = tmp_path / "old.jsonl"
    f.write_bytes(json.dumps({"id": "l1", "text": GOOD}, ensure_ascii=False).encode("latin-1", "replace") + b"\n")
    [doc] = read([f])
    assert isinstance(doc, RawDocument) and "Außenminister" in doc.text


# ---------------------------------------------------------------- gzip and WARC damage

@pytest.mark.parametrize("name", ["fake.txt.gz", "fake.jsonl.gz", "fake.html.gz", "fake.warc.gz"])
def test_gz_that_is_not_gzip(tmp_path: Path, name: str):
    with_good(tmp_path)
    (tmp_path / name).write_text("this is plain text, not gzip\n" * 5)
    reason = only_error(read([tmp_path]), tmp_path / name)
    assert "not a gzip file" in reason


def test_truncated_gzip_txt(tmp_path: Path):
    with_good(tmp_path)
    f = tmp_path / "cut.txt.gz"
    f.write_bytes(gzip.compress((GOOD * 200).encode())[:300])
    assert "truncated gzip" in only_error(read([tmp_path]), f)


def test_truncated_gzip_jsonl_keeps_the_lines_before_the_cut(tmp_path: Path):
    f = tmp_path / "cut.jsonl.gz"
    data = "".join(json.dumps({"id": f"r{i}", "text": GOOD + str(random.Random(i).random())}) + "\n"
                   for i in range(200)).encode()
    f.write_bytes(gzip.compress(data)[: len(gzip.compress(data)) // 2])
    out = read([f])
    good, bad = split(out)
    assert 0 < len(good) < 200 and list(good)[0] == "r0"
    assert isinstance(out[-1], ReadError) and "truncated gzip" in out[-1].reason
    assert out[-1].source == str(f) and "after line" in out[-1].reason


def _warc_bytes(gzipped: bool, n: int = 4) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gzipped)
    for i in range(n):
        html = f"<html><head><title>Page {i}</title></head><body><p>{GOOD * 5}</p></body></html>"
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://news.example/{i}", "response",
                                            payload=io.BytesIO(html.encode()), http_headers=hh))
    return buf.getvalue()


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9, 0.97])
def test_truncated_warc_yields_records_before_the_cut_and_one_error(tmp_path: Path, gzipped: bool, cut: float):
    data = _warc_bytes(gzipped)
    f = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    f.write_bytes(data[: int(len(data) * cut)])
    out = read([f])
    docs = [i for i in out if isinstance(i, RawDocument)]
    errs = [i for i in out if isinstance(i, ReadError)]
    assert len(errs) == 1 and errs[0].source == str(f)
    assert "truncated or corrupt archive" in errs[0].reason
    assert out[-1] is errs[0]  # the documents before the cut come first
    assert [d.title for d in docs] == [f"Page {i}" for i in range(len(docs))]
    assert len(docs) < 4 and all(d.html.rstrip().endswith("</html>") for d in docs)


def test_not_a_warc(tmp_path: Path):
    with_good(tmp_path)
    f = tmp_path / "notes.warc"
    f.write_text("just some notes\n")
    assert "not a WARC file" in only_error(read([tmp_path]), f)


# ---------------------------------------------------------------- the whole mix, through the CLI

def _bad_folder(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder of one good article per format and one of each kind of bad file."""
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "cp1251.txt").write_bytes(("МОСКВА, 4 марта. " + RU).encode("cp1251"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(_png())
    (folder / "big.txt").write_text(GOOD * 2000)
    (folder / "bad.jsonl").write_text(json.dumps({"id": "j1", "text": GOOD}) + "\n{oops\n", encoding="utf-8")
    (folder / "fake.txt.gz").write_text("not gzip at all")
    (folder / "cut.warc.gz").write_bytes(_warc_bytes(True)[:900])
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04....")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    expected = {
        "empty.txt": "empty file", "image.txt": "PNG image", "big.txt": "too large",
        "bad.jsonl:line 2": "not valid JSON", "fake.txt.gz": "not a gzip file",
        "cut.warc.gz": "truncated or corrupt", "slides.pptx": "unsupported file type",
    }
    return folder, expected


def test_mixed_folder_reader_level(tmp_path: Path):
    folder, expected = _bad_folder(tmp_path)
    good, bad = split(read([folder], max_bytes=50_000))
    assert set(good) >= {"good", "cp1251", "j1"}
    assert good["cp1251"].text.startswith("МОСКВА, 4 марта.")
    for name, words in expected.items():
        [reason] = [r for s, r in bad.items() if s.endswith("/" + name)]
        assert words in reason, (name, reason)
    assert not any(".DS_Store" in s for s in bad)


@pytest.mark.skipif(not CLI.exists(), reason="the bilateral command is not installed beside this Python")
def test_cli_extract_on_bad_folder(tmp_path: Path):
    """End to end: exit 0, every bad file named on stderr, no traceback.

    Needs the other stages (clean, analyse, extract, link); while one of them is missing the
    good documents fail in processing and the CLI exits 1 - that failure is theirs, not read's.
    """
    folder, expected = _bad_folder(tmp_path)
    res = subprocess.run([str(CLI), "extract", "--max-bytes", "50000", "--quiet", str(folder)],
                         capture_output=True, text=True, timeout=600)
    assert "Traceback" not in res.stderr, res.stderr
    for name, words in expected.items():
        lines = [ln for ln in res.stderr.splitlines() if f"/{name}:" in ln or f"/{name} " in ln]
        assert lines and any(words in ln for ln in lines), (name, res.stderr)
    assert ".DS_Store" not in res.stderr
    for line in res.stdout.splitlines():
        json.loads(line)  # stdout is only JSON Lines
    assert res.returncode == 0, res.stderr


def test_unlistable_subfolder_is_reported(tmp_path: Path, monkeypatch):
    """os.walk errors (a sub-folder without read permission) become ReadErrors, not silence."""
    import bilateral.read.files as files

    with_good(tmp_path)
    (tmp_path / "private").mkdir()
    real_walk = files.os.walk

    def walk(top, onerror=None, **kw):
        for dirpath, dirnames, filenames in real_walk(top, onerror=onerror, **kw):
            if dirpath.endswith("private"):
                onerror(PermissionError(13, "Permission denied", dirpath))
                continue
            yield dirpath, dirnames, filenames

    monkeypatch.setattr(files.os, "walk", walk)
    reason = only_error(read([tmp_path]), tmp_path / "private")
    assert "cannot list folder" in reason and "permission denied" in reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_and_broken_symlink_do_not_hang_or_crash(tmp_path: Path):
    with_good(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")  # opening it for reading would block forever
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    good, bad = split(read([tmp_path]))
    assert "not a regular file" in bad[str(tmp_path / "pipe.txt")]
    assert bad[str(tmp_path / "dangling.txt")] == "no such file or directory"
    assert list(good) == ["good"]
