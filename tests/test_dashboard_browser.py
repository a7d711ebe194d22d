"""The dashboard in a real browser: Debian's Chromium driven by Playwright, on the demo database.

What a person would check by hand: each view (overview, map, network, trends, event page)
renders what the API says; filters change the URL and the data; clicking a state, a place or a
link of the network lists its events; and the page works under a strict Content-Security-Policy
and fetches nothing from another host (every request is intercepted: anything not for the test
server is aborted and fails the test). A screenshot of each view is written; with
``BILATERAL_SCREENSHOTS=DIR`` they are also copied there (``scripts/update-screenshots`` writes
the README's pictures in docs/screenshots/).

The browser is /usr/bin/chromium (``scripts/install-test-browser``; Playwright never downloads
one). In CI (``CI=true``) a missing browser fails these tests; elsewhere they skip.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import uvicorn

from bilateral.serve.app import create_app

from conftest import CLI_BIN, REPO

CHROMIUM = Path("/usr/bin/chromium")
BIN = CLI_BIN
SAMPLES = REPO / "src" / "bilateral" / "samples" / "articles"
ATLAS = REPO / "src" / "bilateral" / "serve" / "static" / "vendor" / "countries-110m.v2.0.2.json"
# What issue 12's hardened server will send, at least: no inline script or style, nothing from elsewhere.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def _require_browser():
    """Playwright's sync API, or skip (fail in CI) when it or Chromium is missing."""
    why = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        why, sync_playwright = "the playwright package is not installed (pip install -e '.[test]')", None
    if why is None and not CHROMIUM.exists():
        why = f"{CHROMIUM} is missing (scripts/install-test-browser installs Debian's chromium)"
    if why:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"browser tests cannot run in CI: {why}")
        pytest.skip(why)
    return sync_playwright


# ---------------------------------------------------------------- the demo database, served

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """The bundled sample articles ingested, as ``make demo`` does."""
    db = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    r = subprocess.run([str(BIN), "ingest", "--quiet", "--db", str(db), str(SAMPLES)],
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    return db


@pytest.fixture(scope="module")
def base(demo_db) -> str:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(demo_db), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.02)
    assert server.started
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()


def api(base: str, path: str, **params) -> dict:
    qs = urllib.parse.urlencode({k: v for k, v in params.items() if v not in (None, "")})
    with urllib.request.urlopen(f"{base}/api/{path}" + (f"?{qs}" if qs else ""), timeout=30) as r:
        return json.loads(r.read())


class Page:
    """A Playwright page that records every request, aborts those for other hosts, sends the
    strict CSP with the dashboard, and collects console errors (CSP violations are errors)."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if not url.startswith(self.base + "/"):
            self.outside.append(url)
            route.abort()
        elif route.request.resource_type == "document":
            r = route.fetch()
            route.fulfill(response=r, headers={**r.headers, "content-security-policy": CSP})
        else:
            route.continue_()

    def open(self, fragment: str, ready: str) -> None:
        self.page.goto(f"{self.base}/#{fragment}")
        self.page.wait_for_selector(ready, state="attached", timeout=20000)
        self.page.wait_for_load_state("networkidle")

    def hash(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.page.url).fragment))

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def until(self, what: str, check, timeout: float = 20.0) -> None:
        """Wait for ``check()`` to hold, polling from Python: Playwright's own waiting for a
        condition evaluates a string in the page, which the strict CSP (no 'unsafe-eval') forbids."""
        deadline = time.time() + timeout
        while not check():
            if time.time() > deadline:
                raise AssertionError(f"timed out waiting for {what} (hash {self.hash()})")
            self.page.wait_for_timeout(50)

    def until_hash(self, key: str, value: str) -> None:
        self.until(f"{key}={value} in the URL", lambda: self.hash().get(key) == value)

    def until_count(self, selector: str, n: int) -> None:
        self.until(f"{n} x {selector}", lambda: self.count(selector) == n)

    def clean(self) -> None:
        assert not self.outside, f"requests to other hosts: {self.outside}"
        assert not self.errors, f"console errors: {self.errors}"
        assert all(u.startswith(self.base + "/") for u in self.requests)


@pytest.fixture(scope="module")
def browser():
    sync_playwright = _require_browser()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    yield Page(context.new_page(), base)
    context.close()


def shoot(page: Page, selector: str, name: str, tmp_path: Path) -> Path:
    """A PNG of one view (its element, at most 820 px high, to keep the files small)."""
    out = tmp_path / f"{name}.png"
    box = page.page.locator(selector).bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100, (selector, box)
    page.page.screenshot(path=str(out), full_page=True, animations="disabled",
                         clip={"x": box["x"], "y": box["y"], "width": box["width"], "height": min(box["height"], 820)})
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5_000
    target = os.environ.get("BILATERAL_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(out, Path(target) / out.name)
    return out


def atlas_ids() -> set[str]:
    topo = json.loads(ATLAS.read_text())
    return {g["id"] for g in topo["objects"]["countries"]["geometries"] if "id" in g}


def top_pair(base: str, dated: bool = False) -> str:
    """The pair with most events (with ``dated``: the first with events dated to a month)."""
    pairs = [p["pair"] for p in api(base, "stats")["events_by_pair"]]
    if dated:
        pairs = [p for p in pairs if api(base, "trends", pair=p)["months"]]
    assert pairs, "the demo database has no pair of states"
    return pairs[0]


# ---------------------------------------------------------------- each view

def test_overview_renders_the_events_of_the_demo_database(page, base, tmp_path):
    page.open("", "#events tbody tr[data-id]")
    total = api(base, "events", limit=1)["total"]
    assert total > 0 and page.count("#events tbody tr[data-id]") == min(total, 50)
    assert page.count("#timeline svg rect") > 0
    assert page.page.locator("nav.views a.active").inner_text() == "Overview"
    shoot(page, "main", "overview", tmp_path)
    page.clean()


def test_map_colours_every_state_with_events_and_places_the_located_ones(page, base, tmp_path):
    page.open("view=map", "#map-svg path.country.has-events")
    m = api(base, "map")
    on_map = [c for c in m["countries"] if c["numeric"] in atlas_ids()]
    assert on_map and page.count("#map-svg path.country.has-events") == len(on_map)
    coloured = {page.page.locator(f'#map-svg path[data-country="{c["country"]}"]').first.get_attribute("data-fill")
                for c in on_map}
    assert None not in coloured
    assert page.count("#map-svg circle.place") == len(m["places"]) > 0
    assert page.count("#map-svg path.country") >= 170  # the whole world, drawn from the vendored atlas
    # by intensity: states whose events have a Goldstein value get a colour on the diverging scale
    page.page.click('#map-measure button[data-measure="goldstein"]')
    page.until_hash("measure", "goldstein")
    page.page.wait_for_selector('#map-measure button[data-measure="goldstein"].active')
    scored = [c for c in on_map if c["goldstein"] is not None]
    filled = [c for c in on_map if page.page.locator(f'#map-svg path[data-country="{c["country"]}"]').first.get_attribute("data-fill")]
    assert {c["country"] for c in filled} == {c["country"] for c in scored}
    shoot(page, "section[data-view-section=map]", "map", tmp_path)
    page.clean()


def test_network_draws_one_link_per_pair_that_met(page, base, tmp_path):
    page.open("view=network&edges=all", "#network-svg g.edge")
    n = api(base, "network", edges="all")
    assert page.count("#network-svg g.edge") == len(n["edges"]) > 0
    assert page.count("#network-svg g.node") == len(n["nodes"])
    shoot(page, "section[data-view-section=network]", "network", tmp_path)
    # people instead of states: one node per person, coloured by their state
    page.page.click('#network-level button[data-level="person"]')
    page.until_hash("level", "person")
    people = api(base, "network", edges="all", level="person")
    page.until_count("#network-svg g.node", len(people["nodes"]))
    assert page.count("#network-svg g.edge") == len(people["edges"])
    assert page.count("#network .legend span") == len({x["country"] for x in people["nodes"] if x["country"]})
    page.clean()


def test_trends_show_a_pairs_months_by_type_and_its_figures(page, base, tmp_path):
    pair = top_pair(base, dated=True)
    page.open(f"view=trends&pair={pair}", "#trends-svg rect.bar-type")
    t = api(base, "trends", pair=pair)
    stacks = sum(1 for m in t["months"] for n in m["by_type"].values() if n)
    assert page.count("#trends-svg rect.bar-type") == stacks > 0
    if t["intensity_available"]:
        assert page.count("#trends-svg circle.goldstein-dot") == sum(1 for m in t["months"] if m["goldstein"] is not None)
    assert page.count("#trends-direction li") == len(t["direction"]) == 3  # A -> B, B -> A, undirected
    figures = api(base, "figures", pair=pair)["points"]
    assert page.count("#trends-figures-table tbody tr") == len(figures)
    shoot(page, "section[data-view-section=trends]", "trends", tmp_path)
    # without a pair the view asks for one instead of drawing all states together
    page.open("view=trends", "#trends-chart .empty-chart")
    page.clean()


def test_event_page_shows_every_source_its_link_and_highlighted_evidence(page, base, tmp_path):
    events = api(base, "events", limit=1000)["events"]
    best = max(events, key=lambda e: len(e["sources"]))
    page.open(f"view=event&event={best['event_id']}", "#event-title")
    record = api(base, f"events/{best['event_id']}")
    context = api(base, f"events/{best['event_id']}/context")
    assert page.count("#event-page section.source") == len(record["sources"])
    urls = [s["url"] for s in record["sources"] if s.get("url")]
    assert [page.page.locator("a.source-link").nth(i).get_attribute("href") for i in range(len(urls))] == urls
    assert page.count("#event-page .evidence-list li") >= len(record["sources"])
    if record["actors"] or record["location"]:
        assert page.count("#event-page mark") > 0  # names of people and places marked in their sentences
    assert page.count("#event-page blockquote") == len(record["quotes"])
    if context["goldstein"] is not None:
        assert f"{context['goldstein']:+g}" in page.page.locator("dl.facts").inner_text()
    note = page.page.locator("#links-note").inner_text()
    why = context["explain"]
    if why and len(record["sources"]) > 1:  # the linker's reasons: each linked source, its partner and score
        linked = [x for x in why["sources"] if x["link"].get("with")]
        assert linked and all(x["doc_id"] in note and x["link"]["with"] in note for x in linked) and "score" in note
        assert page.count("#links-note .explain li") == sum(len(x["link"].get("parts") or {}) for x in why["sources"])
    shoot(page, "section[data-view-section=event]", "event", tmp_path)
    page.clean()


# ---------------------------------------------------------------- filters and clicks

def test_filters_change_the_url_and_the_data_in_every_view(page, base):
    page.open("view=map", "#map-svg path.country.has-events")
    before = page.count("#map-svg path.country.has-events")
    pair = top_pair(base)
    page.page.fill("#filters input[name=pair]", pair)
    page.page.click("#filters button[type=submit]")
    page.until_hash("pair", pair)
    page.page.wait_for_load_state("networkidle")
    assert page.hash()["view"] == "map" and page.hash()["pair"] == pair
    expected = {c["country"] for c in api(base, "map", pair=pair)["countries"]}
    page.until_count("#map-svg path.country.has-events", len(expected))
    shown = {page.page.locator("#map-svg path.country.has-events").nth(i).get_attribute("data-country")
             for i in range(page.count("#map-svg path.country.has-events"))}
    assert shown == expected and len(shown) < before
    # another view keeps the filter: the network of the pair only
    page.page.click('nav.views a[data-view="network"]')
    page.until_hash("view", "network")
    page.page.wait_for_load_state("networkidle")
    assert page.hash()["pair"] == pair
    n = api(base, "network", pair=pair)
    assert page.count("#network-svg g.edge") == len(n["edges"])
    # and back: the browser's history holds the views
    page.page.go_back()
    page.until_hash("view", "map")
    page.clean()


def test_clicking_a_state_a_place_and_a_link_lists_their_events(page, base):
    page.open("view=map", "#map-svg path.country.has-events")
    top = api(base, "map")["countries"][0]["country"]
    page.page.locator(f'#map-svg path[data-country="{top}"]').first.dispatch_event("click")
    page.until_hash("focus", top)
    total = api(base, "events", country=top, limit=1)["total"]
    page.until_count("#map-focus .event-list li", min(total, 25))
    place = api(base, "map")["places"][0]
    page.page.locator(f'#map-svg circle[data-geonameid="{place["geonameid"]}"]').dispatch_event("click")
    page.until_hash("focus", str(place["geonameid"]))
    page.until_count("#map-focus .event-list li", place["events"])

    page.open("view=network&edges=all", "#network-svg g.edge")
    edge = page.page.locator("#network-svg g.edge").first
    a, b = edge.get_attribute("data-a"), edge.get_attribute("data-b")
    edge.dispatch_event("click")
    page.page.wait_for_selector("#edge-title")
    assert page.hash()["edge"] == f"{a}|{b}"
    listed = api(base, "network/edge", a=a, b=b, edges="all")
    assert page.count("#network-edge .event-list li") == len(listed["events"]) > 0
    # an event in the list opens the event page
    page.page.locator("#network-edge .event-list a").first.click()
    page.page.wait_for_selector("#event-title")
    assert page.hash()["view"] == "event" and page.hash()["event"] == listed["events"][0]["event_id"]
    page.clean()


def test_a_row_of_the_events_table_opens_the_event_and_its_page(page, base):
    page.open("", "#events tbody tr[data-id]")
    row = page.page.locator("#events tbody tr[data-id]").first
    event_id = row.get_attribute("data-id")
    row.click()
    page.until_hash("event", event_id)
    page.page.wait_for_selector("#detail:not([hidden]) .headline")
    assert page.page.locator("#events tbody tr.selected").get_attribute("data-id") == event_id
    page.page.click("#detail a.page-link")
    page.until_hash("view", "event")
    page.page.wait_for_selector("#event-title")
    assert page.page.locator("#detail").is_hidden()  # the page replaces the side panel
    page.page.keyboard.press("Escape")
    page.clean()
