"""`bilateral watch`: feeds polled from a local HTTP server started here, end to end into a store.

Every feed and page is written for this test. Hard cases named here: a feed that is broken
(cut off mid-element), a feed that is missing (404), an article that is missing (404), a slow
host (the request times out and is retried later, not lost), a page in a language the extractor
has no vocabulary for, a page robots.txt forbids, the same article in an RSS and an Atom feed,
a restart between fetching and ingesting, and a second run that must fetch nothing.
"""
from __future__ import annotations

import io
import signal
import sqlite3
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bilateral.store.db import Store
from bilateral.watch.article import doc_id_for
from bilateral.watch.state import default_state_path
from bilateral.watch.feeds import FeedItem, NotAFeed, parse_feed
from bilateral.watch.fetch import Fetcher
from bilateral.watch.run import RoundReport, Watcher
from bilateral.watch.state import WatchState

from conftest import CLI_BIN

BIN = CLI_BIN
DELAY = 0.3  # the per-host rate limit used in these tests (seconds)

ARTICLE_EN = """<!doctype html><html lang="en"><head><title>Ministers of Norway and Chile meet in Oslo</title>
<meta property="article:published_time" content="2024-03-14T09:00:00Z"></head><body>
<nav>Home | World | Sport</nav>
<article><h1>Ministers of Norway and Chile meet in Oslo</h1>
<p>OSLO, March 14 - The foreign minister of Norway received her Chilean counterpart in Oslo on Thursday
for talks on fisheries, renewable energy and trade between the two countries.</p>
<p>Norway and Chile agreed to hold regular consultations on ocean research, the ministers told reporters
after the meeting, which lasted more than three hours.</p>
<p>Trade between Norway and Chile reached 1.2 billion dollars in 2023, according to the ministry.</p>
</article><footer>Copyright News Agency</footer></body></html>"""

ARTICLE_DE = """<!doctype html><html lang="de"><head><title>Österreich und Ungarn beraten über Grenzverkehr</title>
</head><body><article><h1>Österreich und Ungarn beraten über Grenzverkehr</h1>
<p>WIEN - Der österreichische Außenminister hat am Dienstag in Wien seinen ungarischen Amtskollegen
empfangen. Beide Seiten sprachen über den Grenzverkehr und die Zusammenarbeit bei der Energie.</p>
<p>Österreich und Ungarn wollen ihre Gespräche im Herbst fortsetzen, hieß es nach dem Treffen aus dem
Ministerium in Wien.</p></article></body></html>"""

ARTICLE_JA = """<!doctype html><html lang="ja"><head><title>外相会談</title></head><body><article><h1>外相会談</h1>
<p>日本とチリの外相は火曜日に東京で会談し、漁業と再生可能エネルギーの協力について話し合った。両国は定期的な協議を行うことで合意した。</p>
<p>会談は三時間以上続き、両外相は記者団に対し、海洋研究での協力を強化すると述べた。貿易も議題となった。</p>
</article></body></html>"""


def rss(base: str, slow: str) -> str:
    items = [
        ("en-1", f"{base}/news/norway-chile.html", "Ministers meet", "Thu, 14 Mar 2024 10:00:00 GMT"),
        ("missing-1", f"{base}/news/missing.html", "Gone", "Thu, 14 Mar 2024 11:00:00 GMT"),
        ("ja-1", f"{base}/news/japan.html", "Japanese page", "Thu, 14 Mar 2024 12:00:00 GMT"),
        ("private-1", f"{base}/private/report.html", "Members only", "Thu, 14 Mar 2024 13:00:00 GMT"),
        ("slow-1", f"{slow}/news/slow.html", "Slow host", "Thu, 14 Mar 2024 14:00:00 GMT"),
        ("moved-1", f"{base}/go/elsewhere", "Redirected to a forbidden page", "Thu, 14 Mar 2024 15:00:00 GMT"),
    ]
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><link>{u}</link><pubDate>{d}</pubDate></item>"
                   for g, u, t, d in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test agency</title>{body}</channel></rss>'


def atom(base: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Agentur</title>
<entry><id>urn:de-1</id><title>Grenzverkehr</title><link href="{base}/news/oesterreich-ungarn.html"/>
<updated>2024-03-12T08:00:00Z</updated></entry>
<entry><id>urn:en-dup</id><title>Same article as in the RSS feed</title><link href="/news/norway-chile.html"/>
<updated>2024-03-14T10:00:00Z</updated></entry></feed>"""


class Site:
    """A tiny site on 127.0.0.1: fixed routes, ETags, an optional delay; every request logged."""

    def __init__(self, delay_paths: dict[str, float] | None = None) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.redirects: dict[str, tuple[int, str]] = {}
        self.log: list[tuple[float, str, dict]] = []
        self.delay_paths = delay_paths or {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.log.append((time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}))
                time.sleep(site.delay_paths.get(self.path, 0))
                if self.path in site.redirects:
                    code, target = site.redirects[self.path]
                    self.send_response(code)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                status, ctype, body = site.routes.get(self.path, (404, "text/plain", b"not found"))
                etag = f'"{hash(body) & 0xffffffff:x}"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if status == 200:
                    self.send_header("ETag", etag)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (slow host)
                    pass

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def add(self, path: str, body: str, ctype: str = "text/html; charset=utf-8", status: int = 200) -> None:
        self.routes[path] = (status, ctype, body.encode("utf-8"))

    def paths(self) -> list[str]:
        return [p for _, p, _ in self.log]

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sites():
    with Site() as site, Site(delay_paths={"/news/slow.html": 3.0}) as slow:
        site.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        site.add("/feeds/main.rss", rss(site.base, slow.base), "application/rss+xml")
        site.add("/feeds/atom.xml", atom(site.base), "application/atom+xml")
        site.add("/feeds/broken.rss", '<?xml version="1.0"?><rss version="2.0"><channel><title>Cut', "application/rss+xml")
        site.add("/news/norway-chile.html", ARTICLE_EN)
        site.add("/news/oesterreich-ungarn.html", ARTICLE_DE)
        site.add("/news/japan.html", ARTICLE_JA)
        site.add("/private/report.html", ARTICLE_EN.replace("Oslo", "Bergen"))
        slow.add("/robots.txt", "User-agent: *\nDisallow: /blocked/\n", "text/plain")
        site.redirects["/go/elsewhere"] = (302, f"{slow.base}/blocked/page.html")  # another host forbids it
        slow.add("/blocked/page.html", ARTICLE_EN.replace("Norway", "Sweden"))
        slow.add("/news/slow.html", ARTICLE_EN.replace("Norway", "Denmark"))
        yield site, slow


def feeds(site: Site) -> list[str]:
    return [f"{site.base}/feeds/main.rss", f"{site.base}/feeds/atom.xml", f"{site.base}/feeds/broken.rss",
            f"{site.base}/feeds/gone.rss"]


def run_watch(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), "watch", "--once", "--delay", str(DELAY), "--timeout", "1", *args],
                          capture_output=True, text=True, timeout=300)


def test_watch_once_ingests_good_articles_once_and_reports_each_bad_one(sites, tmp_path):
    site, slow = sites
    db = tmp_path / "store.sqlite"
    feeds_file = tmp_path / "feeds.txt"
    feeds_file.write_text("# agency feeds\n" + "\n".join(feeds(site)[2:]) + "\n\n")
    first = run_watch(["--db", str(db), "--feeds", str(feeds_file), *feeds(site)[:2]])
    assert first.returncode == 0, first.stderr
    lines = first.stderr.splitlines()

    def line_for(fragment: str) -> str:
        hits = [ln for ln in lines if fragment in ln]
        assert len(hits) == 1, (fragment, lines)  # one clear line per failure
        return hits[0]

    assert "not a readable RSS/Atom feed" in line_for("/feeds/broken.rss")
    assert "HTTP 404" in line_for("/feeds/gone.rss")
    assert "HTTP 404" in line_for("/news/missing.html")
    assert "robots.txt" in line_for("/private/report.html")
    assert "disallowed by robots.txt" in line_for("/go/elsewhere")  # checked again after the redirect
    assert "language 'ja' is not supported" in line_for("/news/japan.html")
    assert "timed out" in line_for("/news/slow.html") and "retry" in line_for("/news/slow.html")

    # the two good articles are in the store once, with the feed's or the page's metadata
    with sqlite3.connect(db) as conn:
        docs = {r[0]: r[1:] for r in conn.execute("SELECT doc_id, url, published, language, title FROM documents")}
    en_url, de_url = f"{site.base}/news/norway-chile.html", f"{site.base}/news/oesterreich-ungarn.html"
    assert set(docs) == {doc_id_for(en_url), doc_id_for(de_url)}
    assert docs[doc_id_for(en_url)][:3] == (en_url, "2024-03-14", "en")  # date from the page's meta tag
    assert docs[doc_id_for(de_url)][:3] == (de_url, "2024-03-12", "de")  # no date on the page: the feed's
    paths = site.paths()
    assert paths.count("/news/norway-chile.html") == 1  # in both feeds, fetched once
    assert paths.count("/news/oesterreich-ungarn.html") == 1
    assert "/private/report.html" not in paths  # robots.txt is obeyed before any request
    assert paths.count("/robots.txt") == 1
    assert "/blocked/page.html" not in slow.paths()
    # one host, one request at a time, at least DELAY apart
    times = [t for t, _, _ in site.log]
    # (arrival times: allow 0.1 s of scheduling jitter; without the limit the gaps are milliseconds)
    assert all(b - a >= DELAY - 0.1 for a, b in zip(times, times[1:])), [round(b - a, 3) for a, b in zip(times, times[1:])]

    # run twice: nothing new is fetched, the feeds are asked conditionally and answer 304
    n_site, n_slow = len(site.log), len(slow.log)
    second = run_watch(["--db", str(db), "--feeds", str(feeds_file), *feeds(site)[:2]])
    assert second.returncode == 0, second.stderr
    again = [p for _, p, _ in site.log[n_site:]]
    assert not [p for p in again if p.startswith(("/news/", "/private/"))], again
    assert len(slow.log) == n_slow  # the slow page waits for its retry time: not asked again now
    conditional = [h for _, p, h in site.log[n_site:] if p == "/feeds/main.rss"]
    assert conditional and "if-none-match" in conditional[0]
    assert "0 pages fetched, 0 ingested" in second.stderr and "2 unchanged" in second.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2

    # the slow item is kept for a later retry, not lost
    with WatchState(Path(str(db) + ".watch")) as st:
        counts = st.counts()
    assert counts == {"ingested": 2, "refused": 4, "retry": 1}


def test_restart_between_fetch_and_ingest_loses_nothing_and_fetches_nothing_twice(sites, tmp_path):
    site, _ = sites
    db, state_path = tmp_path / "store.sqlite", tmp_path / "state.sqlite"
    feed = [f"{site.base}/feeds/atom.xml"]
    with WatchState(state_path) as st:  # a watcher killed after fetching, before ingesting
        w = Watcher(st, db, Fetcher(delay=0.0, timeout=2), err=io.StringIO())
        r = RoundReport()
        w.read_feeds(feed, r)
        w.fetch_pages(r)
        assert r.fetched == 2 and not db.exists()
    fetched_before = len(site.log)
    with WatchState(state_path) as st:  # the restart
        out = io.StringIO()
        report = Watcher(st, db, Fetcher(delay=0.0, timeout=2), err=out).round(feed)
    assert report.ingested == 2 and report.fetched == 0, out.getvalue()
    assert not [p for _, p, _ in site.log[fetched_before:] if p.startswith("/news/")]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2


def test_a_fetcher_waits_between_requests_to_one_host_only():
    now = [0.0]
    slept: list[float] = []
    f = Fetcher(delay=2.0, clock=lambda: now[0], sleep=lambda s: (slept.append(s), now.__setitem__(0, now[0] + s)))
    f._wait_for("a:1")
    now[0] += 0.5
    f._wait_for("b:1")  # another host: no wait
    f._wait_for("a:1")  # same host 0.5 s later: waits the remaining 1.5 s
    assert slept == [1.5]


def test_feed_parsing_keeps_what_a_cut_off_feed_gives_and_refuses_a_page():
    cut = ('<?xml version="1.0"?><rss version="2.0"><channel><item><title>A</title><link>/a</link></item>'
           '<item><title>B</title><link>/b</link></item><item><title>C</ti')
    parsed = parse_feed(cut.encode(), "http://127.0.0.1:9/feed.rss")
    assert [i.url for i in parsed.items] == ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"] and parsed.problem
    with pytest.raises(NotAFeed):
        parse_feed(b"<html><body><p>Our feeds have moved.</p></body></html>", "http://127.0.0.1:9/feed.rss")


def test_watch_without_feeds_or_with_an_unreadable_feeds_file_is_a_clear_error(tmp_path):
    r = subprocess.run([str(BIN), "watch", "--once", "--db", str(tmp_path / "x.sqlite")], capture_output=True, text=True)
    assert r.returncode == 2 and "no feeds given" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([str(BIN), "watch", "--once", "--feeds", str(tmp_path / "none.txt")], capture_output=True, text=True)
    assert r.returncode == 2 and "none.txt" in r.stderr and "Traceback" not in r.stderr


def test_a_redirect_is_followed_and_the_article_is_named_by_where_it_landed(sites):
    site, _ = sites
    site.redirects["/go/austria"] = (301, "/news/oesterreich-ungarn.html")
    f = Fetcher(delay=0.0, timeout=2)
    r = f.get(f"{site.base}/go/austria")
    assert r.ok and r.url == f"{site.base}/news/oesterreich-ungarn.html" and b"Grenzverkehr" in r.body
    site.redirects["/loop"] = (302, "/loop")
    assert "redirects" in (f.get(f"{site.base}/loop").error or "")


def test_watch_without_once_polls_until_interrupted_and_stops_cleanly(sites, tmp_path):
    site, _ = sites
    proc = subprocess.Popen([str(BIN), "watch", "--db", str(tmp_path / "s.sqlite"), "--interval", "3600",
                             "--delay", "0", f"{site.base}/feeds/atom.xml"],
                            stderr=subprocess.PIPE, text=True)
    try:
        seen = []
        while not any("feeds read" in line for line in seen):  # the first round's summary, then it sleeps
            line = proc.stderr.readline()
            assert line, seen  # the process ended early
            seen.append(line)
        assert "2 ingested" in seen[-1], seen
        proc.send_signal(signal.SIGINT)
        rest = proc.stderr.read()
        assert proc.wait(timeout=30) == 130
    finally:
        proc.kill()
    assert "stopped" in rest and "Traceback" not in rest
    with WatchState(Path(str(tmp_path / "s.sqlite") + ".watch")) as st:
        assert st.counts() == {"ingested": 2}


def test_a_page_the_pipeline_refuses_is_one_line_naming_its_url_and_the_rest_is_ingested(sites, tmp_path):
    site, _ = sites
    db, state_path = tmp_path / "store.sqlite", tmp_path / "state.sqlite"
    with WatchState(state_path) as st:
        st.add_items("feed", [FeedItem("k1", "https://example.invalid/empty", "Empty", None)])
        st.fetched("https://example.invalid/empty", {"id": "empty-page", "html": "   ", "url": "https://example.invalid/empty"})
        out = io.StringIO()
        report = Watcher(st, db, Fetcher(delay=0.0, timeout=2), err=out).round([f"{site.base}/feeds/atom.xml"])
        counts = st.counts()
    lines = out.getvalue().splitlines()
    assert report.ingested == 2 and report.failed == 1 and counts == {"ingested": 2, "failed": 1}
    assert len(lines) == 1 and lines[0].startswith("bilateral: watch: https://example.invalid/empty: ingest failed: ")
    assert "neither" in lines[0] and "fetched.jsonl" not in lines[0]


def test_watch_feeds_a_postgresql_store_too(sites, pg_url, tmp_path):
    site, _ = sites
    with WatchState(tmp_path / "state.sqlite") as st:
        report = Watcher(st, pg_url, Fetcher(delay=0.0, timeout=2), err=io.StringIO()).round([f"{site.base}/feeds/atom.xml"])
    assert report.ingested == 2
    with Store(pg_url) as store:
        assert store.document_state(doc_id_for(f"{site.base}/news/norway-chile.html")) is not None
    assert default_state_path(pg_url).name.startswith("watch-") and "//" not in str(default_state_path(pg_url))
