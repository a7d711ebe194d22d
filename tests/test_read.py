"""The read stage on good input: every reader, ids, order, metadata, encodings.

Hard cases named here: KOI8-R Russian (guessed as Shift-JIS by an unrestricted detector),
French Latin-1 (é/è/à read as Central European), UTF-16 without a BOM, duplicate stems in
two folders, a WARC with non-HTML and non-200 records, JSON Lines from stdin.
"""
from __future__ import annotations

import codecs
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bilateral.models import RawDocument, ReadError
from bilateral.read import read_paths
from bilateral.read.decode import decode_bytes
from bilateral.read.meta import normalise_date, normalise_language

MB = 1 << 20

DE = ("Die Außenminister Kasachstans und Usbekistans trafen sich am Dienstag in Taschkent. "
      "Der Handelsumsatz erreichte 4,2 Milliarden US-Dollar, sagte Saidow. Übrigens größer.\n")
RU = ("Министры иностранных дел Казахстана и Узбекистана встретились во вторник в Ташкенте. "
      "Товарооборот составил 4,2 млрд долларов, сообщил Саидов.\n")
FR = ("Le président français a reçu à l'Élysée son homologue kazakh. Les deux chefs d'État ont "
      "évoqué la coopération énergétique. « Très satisfaits », a déclaré le ministre.\n")


def read(paths, max_bytes: int = 5 * MB) -> list[RawDocument | ReadError]:
    return list(read_paths([str(p) for p in paths], max_bytes=max_bytes))


def docs(items) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def errors(items) -> list[ReadError]:
    return [i for i in items if isinstance(i, ReadError)]


def _page(title: str, body: str, published: str | None = None, url: str | None = None,
          charset: str = "utf-8") -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{url}">' if url else ""
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title>{meta}{link}'
            f"</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>"
            f"<p>{body}</p></article><footer>Subscribe</footer></body></html>")


# ---------------------------------------------------------------- txt

def test_txt_doc_id_is_the_file_stem_and_text_is_untouched(tmp_path: Path):
    f = tmp_path / "000_a6977bae0d2c32c3.txt"
    text = "Startseite\nTeilen Sie diesen Artikel\n\n" + DE
    f.write_text(text, encoding="utf-8")
    [doc] = read([f])
    assert doc.doc_id == "000_a6977bae0d2c32c3"
    assert doc.text == text  # no cleaning here: clean needs the leftovers in place
    assert doc.source == str(f) and doc.fmt == "txt" and doc.html is None


@pytest.mark.parametrize("encoding,text", [
    ("latin-1", DE), ("cp1252", DE + "„Zitat“ – Ende\n"), ("latin-1", FR), ("cp1251", RU),
    ("koi8-r", RU), ("cp866", RU), ("utf-16", RU), ("utf-16", DE), ("utf-8-sig", DE),
    ("utf-16-le", DE), ("utf-16-le", RU), ("utf-16-be", RU),
])
def test_txt_in_other_encodings_is_read_correctly(tmp_path: Path, encoding: str, text: str):
    f = tmp_path / f"article_{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    [doc] = read([f])
    assert isinstance(doc, RawDocument), doc
    assert doc.text == text


def test_crlf_line_ends_become_newlines(tmp_path: Path):
    f = tmp_path / "win.txt"
    f.write_bytes(DE.replace("\n", "\r\n").encode("utf-8") * 2)
    [doc] = read([f])
    assert "\r" not in doc.text and doc.text.count("\n") == 2


def test_gzipped_txt(tmp_path: Path):
    f = tmp_path / "note.txt.gz"
    f.write_bytes(gzip.compress(RU.encode("utf-8")))
    [doc] = read([f])
    assert doc.doc_id == "note" and doc.text == RU


def test_decode_bytes_reports_the_encoding():
    assert decode_bytes(RU.encode("cp1251"))[1] in ("cp1251", "windows-1251")
    assert decode_bytes(DE.encode("utf-8")) == (DE, "utf-8")


# ---------------------------------------------------------------- html

def test_html_keeps_raw_html_and_fills_metadata(tmp_path: Path):
    f = tmp_path / "page.html"
    html = _page("Tokayev and Mirziyoyev hold phone call", "ASTANA, 3 March. The presidents spoke.",
                 "2025-03-04T10:15:00+05:00", "https://news.example.org/politics/call")
    f.write_text(html, encoding="utf-8")
    [doc] = read([f])
    assert doc.doc_id == "page" and doc.fmt == "html" and doc.text is None
    assert doc.html == html
    assert doc.title == "Tokayev and Mirziyoyev hold phone call"
    assert doc.published == "2025-03-04"
    assert doc.url == "https://news.example.org/politics/call"


def test_html_without_date_metadata_has_no_published_even_if_text_has_dates(tmp_path: Path):
    f = tmp_path / "nodate.htm"
    f.write_text(_page("Talks", "The ministers met on 5 May 2024 in Tashkent."), encoding="utf-8")
    [doc] = read([f])
    assert doc.doc_id == "nodate" and doc.published is None  # a text date is the event's


def test_html_declared_cp1251_is_decoded(tmp_path: Path):
    f = tmp_path / "ru.html"
    html = _page("Переговоры в Ташкенте", RU, charset="windows-1251")
    f.write_bytes(html.encode("cp1251"))
    [doc] = read([f])
    assert doc.html == html and doc.title == "Переговоры в Ташкенте"


# ---------------------------------------------------------------- jsonl

def _jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                            for r in rows), encoding="utf-8")
    return path


def test_jsonl_records_with_text_or_html_and_metadata(tmp_path: Path):
    f = _jsonl(tmp_path / "feed.jsonl", [
        {"id": "kz-1", "text": DE, "url": "https://a.example/1", "title": "Treffen",
         "published": "2025-03-04T09:31:00Z", "language": "de-DE"},
        {"id": 42, "html": _page("Телефонный разговор", RU, "2025-03-03")},
        "",  # blank lines are not records
    ])
    d1, d2 = read([f])
    assert (d1.doc_id, d1.text, d1.title, d1.published, d1.language, d1.url) == (
        "kz-1", DE, "Treffen", "2025-03-04", "de", "https://a.example/1")
    assert d1.source == f"{f}#line-1" and d1.fmt == "jsonl"
    assert d2.doc_id == "42" and d2.html and d2.text is None
    assert d2.title == "Телефонный разговор" and d2.published == "2025-03-03"
    assert d2.source == f"{f}#line-2"


def test_jsonl_gz_and_utf16_jsonl(tmp_path: Path):
    rows = [json.dumps({"id": "a", "text": RU}, ensure_ascii=False), json.dumps({"id": "b", "text": DE})]
    gz = tmp_path / "feed.jsonl.gz"
    gz.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8")))
    u16 = tmp_path / "win.ndjson"
    u16.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-16"))
    out = read([gz, u16])
    assert [d.doc_id for d in out] == ["a", "b", "a__2", "b__2"]
    assert out[0].text == RU and out[3].text == DE


def test_jsonl_from_stdin():
    rows = [{"id": "s1", "text": DE}, {"id": "s2", "text": RU}]
    data = "".join(json.dumps(r) + "\n" for r in rows)
    code = ("import sys, json\nfrom bilateral.read import read_paths\n"
            "for d in read_paths(['-'], max_bytes=10**6):\n"
            "    print(json.dumps([type(d).__name__, getattr(d, 'doc_id', None), d.source]))\n")
    res = subprocess.run([sys.executable, "-c", code], input=data.encode(), capture_output=True, timeout=60)
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.decode().splitlines()]
    assert lines == [["RawDocument", "s1", "<stdin>#line-1"], ["RawDocument", "s2", "<stdin>#line-2"]]


def test_jsonl_is_streamed(tmp_path: Path):
    """Documents come out before the whole file has been read (a generator, not a list)."""
    f = _jsonl(tmp_path / "many.jsonl", [{"id": f"d{i}", "text": DE} for i in range(2000)])
    it = read_paths([str(f)], max_bytes=MB)
    first = next(it)
    assert first.doc_id == "d0"
    assert sum(1 for _ in it) == 1999


# ---------------------------------------------------------------- warc

def _warc(path: Path, gzipped: bool, pages: list[tuple[str, str, str]], extra: bool = True) -> list[str]:
    """Write a WARC with the given (url, status, html) responses; returns the record ids."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ids = []
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzipped)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for url, status, html in pages:
            hh = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=hh)
            ids.append(rec.rec_headers.get_header("WARC-Record-ID"))
            w.write_record(rec)
        if extra:
            hh = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record("https://x.example/logo.png", "response",
                                                payload=io.BytesIO(b"\x89PNG\r\n\x1a\n...."), http_headers=hh))
            w.write_record(w.create_warc_record("https://x.example/p", "request",
                                                payload=io.BytesIO(b"GET /p HTTP/1.1\r\n\r\n")))
    return ids


@pytest.mark.parametrize("name,gzipped", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_html_responses_become_documents(tmp_path: Path, name: str, gzipped: bool):
    f = tmp_path / name
    ids = _warc(f, gzipped, [
        ("https://news.example/a", "200 OK", _page("Visit announced", "Text one. " * 30, "2025-02-10")),
        ("https://news.example/missing", "404 Not Found", _page("Not found", "nothing")),
        ("https://news.example/b", "200 OK", _page("Agreement signed", "Text two. " * 30)),
    ])
    out = read([f])
    assert not errors(out), errors(out)
    assert [d.doc_id for d in out] == [ids[0][len("<urn:uuid:"):-1], ids[2][len("<urn:uuid:"):-1]]
    a, b = out
    assert a.url == "https://news.example/a" and a.fmt == "warc" and "Text one." in a.html
    assert a.title == "Visit announced" and a.published == "2025-02-10"
    assert b.published is None  # WARC-Date is the crawl date, never the publication date
    assert a.source == f"{f}#{a.doc_id}"


# ---------------------------------------------------------------- folders, order, ids

def test_folder_is_recursive_sorted_and_skips_hidden_files(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(DE)
    (tmp_path / "a" / "9.txt").write_text(RU)
    (tmp_path / "1.txt").write_text(FR)
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git" / "HEAD.txt").write_text("ref")
    (tmp_path / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    out = read([tmp_path])
    assert [d.doc_id for d in out] == ["1", "9", "2"]  # 1.txt < a/ < b/ by path components
    assert read([tmp_path]) == out  # deterministic


def test_duplicate_stems_are_kept_with_a_suffix(tmp_path: Path, caplog):
    for sub, text in (("x", DE), ("y", RU), ("z", FR)):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(text)
    with caplog.at_level("WARNING", logger="bilateral.read"):
        out = read([tmp_path])
    assert [(d.doc_id, d.text) for d in out] == [("report", DE), ("report__2", RU), ("report__3", FR)]
    assert "report__2" in caplog.text and "y" in caplog.text


def test_same_file_named_twice_is_read_once(tmp_path: Path):
    f = tmp_path / "one.txt"
    f.write_text(DE)
    out = read([f, tmp_path, f])
    assert [d.doc_id for d in out] == ["one"]


def test_unsupported_file_in_folder_is_noted_not_fatal(tmp_path: Path):
    (tmp_path / "a.txt").write_text(DE)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    out = read([tmp_path])
    assert [d.doc_id for d in docs(out)] == ["a"]
    [err] = errors(out)
    assert err.source.endswith("scan.pdf") and "unsupported file type '.pdf'" in err.reason
    assert "skipped" in err.reason


# ---------------------------------------------------------------- metadata normalisation

@pytest.mark.parametrize("raw,expected", [
    ("2019-10-25", "2019-10-25"), ("2019-10-25T09:31:00+06:00", "2019-10-25"), ("2019-10", "2019-10"),
    ("2019", "2019"), ("25.10.2019", "2019-10-25"), ("2019/10/25", "2019-10-25"), ("20191025", "2019-10-25"),
    ("Fri, 25 Oct 2019 09:31:00 GMT", "2019-10-25"), ("25 October 2019", "2019-10-25"),
    ("25 October", None), ("2019-13-40", None), ("", None), (None, None), (1571995860, None),
])
def test_normalise_date(raw, expected):
    assert normalise_date(raw) == expected


def test_normalise_language():
    assert [normalise_language(x) for x in ("de", "RU", "de-AT", "en_GB", "", None, 3, "german lang")] == [
        "de", "ru", "de", "en", None, None, None, None]


def test_bom_constants_are_distinct():  # UTF-32 LE starts like UTF-16 LE: order matters in decode
    text = "Министр"
    assert decode_bytes(codecs.BOM_UTF32_LE + text.encode("utf-32-le"))[0] == text


# ---------------------------------------------------------------- the bundled samples

def test_sample_articles_are_all_readable():
    import bilateral.samples as samples

    out = read([samples.folder()])
    assert not errors(out), errors(out)
    by_id = {d.doc_id: d for d in out}
    assert len(by_id) == 8
    assert {d.fmt for d in out} == {"txt", "html", "jsonl"}
    page = by_id["en_kazakhstan_uzbekistan_foreign_ministers"]
    assert page.published == "2025-09-16" and page.title.startswith("Kazakh, Uzbek foreign ministers")
    call = by_id["en_tokayev_aliyev_phone_call"]
    assert call.published == "2025-10-09" and call.language == "en"
    # the same meeting in three languages, each stating the trade figure
    assert "4,2 Milliarden US-Dollar" in by_id["de_kasachstan_usbekistan_aussenminister"].text
    assert "4,2 млрд долларов" in by_id["ru_kazakhstan_uzbekistan_mid"].text
    assert "$4.2 billion" in page.html
    for d in out:
        words = len((d.text or d.html).split())
        assert 140 <= words <= 320 or d.html, (d.doc_id, words)
