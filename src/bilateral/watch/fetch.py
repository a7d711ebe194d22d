"""Polite HTTP for feeds and articles: timeouts, a rate limit per host, robots.txt, conditional GET.

Why our own small client (stdlib ``urllib``) and not a crawler framework: the watcher fetches a
few dozen URLs an hour; what matters is that it never hammers a host (one request per host per
``delay`` seconds), never fetches what robots.txt forbids, never re-downloads an unchanged feed
(ETag / Last-Modified answered by 304), never hangs on a slow host (``timeout``), and turns every
failure into one line of text instead of an exception.
"""
from __future__ import annotations

import socket
import time
from collections.abc import Callable
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin, urlsplit

USER_AGENT = "bilateral-watch/0.1"
MAX_BYTES = 10_000_000  # a news page or feed is far smaller; a bigger body is refused, not read
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers: each hop is fetched by ``Fetcher.get`` itself, so the
    target's robots.txt and rate limit apply (a feed link often redirects to another host)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


@dataclass
class Response:
    """What one request gave: a body, "not modified" (304), or an error line.

    ``transient`` marks failures worth trying again later (timeouts, refused connections, 5xx,
    429); a 404 or a robots.txt refusal will not change by retrying.
    """

    url: str
    status: int | None = None  # HTTP status; None when no answer came
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    transient: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def charset(self) -> str | None:
        msg = Message()
        msg["content-type"] = self.headers.get("content-type", "")
        return msg.get_content_charset()


def host_of(url: str) -> str:
    """``host:port`` (lower-case): the unit of politeness (rate limit, robots.txt)."""
    return urlsplit(url).netloc.lower()


class Fetcher:
    """One polite client for a whole polling round.

    ``delay``: minimum seconds between two requests to the same host. ``timeout``: seconds for
    connecting and for each read. ``clock``/``sleep`` are injectable so the rate limit is
    testable without waiting (tests use the real ones against a local server).
    """

    def __init__(self, delay: float = 1.0, timeout: float = 10.0, user_agent: str = USER_AGENT,
                 max_bytes: int = MAX_BYTES, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self.timeout = timeout
        self.user_agent = user_agent
        self.max_bytes = max_bytes
        self._clock, self._sleep = clock, sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str] = {}
        self.requests = 0  # counted for the summary line ("N requests")
        self._opener = urllib.request.build_opener(_NoRedirect())

    # ------------------------------------------------------------ politeness

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last[host] = self._clock()

    def allowed(self, url: str) -> tuple[bool, str | None, bool]:
        """May ``url`` be fetched under its host's robots.txt? ``(allowed, reason, transient)``.

        RFC 9309: a robots.txt that does not exist (4xx) allows everything; one that cannot be
        reached (5xx, timeout) means "disallow all" for now, and that is what we do.
        """
        parts = urlsplit(url)
        host = parts.netloc.lower()
        rules = self._robots.get(host)
        if rules is None:
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            r = self.get(robots_url, check_robots=False)
            if r.ok:
                parser = urllib.robotparser.RobotFileParser(robots_url)
                parser.parse(r.body.decode("utf-8", "replace").splitlines())
                rules = parser
            elif r.status is not None and 400 <= r.status < 500:
                rules = "allow"
            else:
                rules = f"robots.txt unreachable ({r.error})"
            self._robots[host] = rules
        if isinstance(rules, str):  # unreachable robots.txt: try again in a later round
            return (True, None, False) if rules == "allow" else (False, rules, True)
        if rules.can_fetch(self.user_agent, url):
            return True, None, False
        return False, "disallowed by robots.txt", False

    # ------------------------------------------------------------ requests

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            check_robots: bool = True, hops: int = 0) -> Response:
        """GET ``url`` politely; conditional when validators are given; redirects followed (each
        hop checked like the first). Never raises."""
        if urlsplit(url).scheme not in ("http", "https"):
            return Response(url, error="not an http(s) URL")
        if check_robots:
            ok, why, transient = self.allowed(url)
            if not ok:
                return Response(url, error=why, transient=transient)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for(host_of(url))
        self.requests += 1
        try:
            with self._opener.open(urllib.request.Request(url, headers=headers), timeout=self.timeout) as res:
                body = res.read(self.max_bytes + 1)
                hdrs = {k.lower(): v for k, v in res.headers.items()}
                if len(body) > self.max_bytes:
                    return Response(url, res.status, headers=hdrs, error=f"larger than {self.max_bytes} bytes")
                return Response(res.geturl(), res.status, body, hdrs)
        except urllib.error.HTTPError as err:
            hdrs = {k.lower(): v for k, v in (err.headers or {}).items()}
            if err.code == 304:
                return Response(url, 304, headers=hdrs)
            if err.code in REDIRECTS and hdrs.get("location"):
                if hops >= MAX_REDIRECTS:
                    return Response(url, err.code, headers=hdrs, error=f"more than {MAX_REDIRECTS} redirects")
                return self.get(urljoin(url, hdrs["location"]), etag, last_modified, check_robots, hops + 1)
            return Response(url, err.code, headers=hdrs, error=f"HTTP {err.code} {err.reason}",
                            transient=err.code >= 500 or err.code == 429)
        except (TimeoutError, socket.timeout):
            return Response(url, error=f"timed out after {self.timeout:g} s", transient=True)
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                return Response(url, error=f"timed out after {self.timeout:g} s", transient=True)
            return Response(url, error=f"cannot connect: {reason}", transient=True)
        except (OSError, ValueError) as err:  # reset connections, bad URLs, broken chunked bodies
            return Response(url, error=f"{type(err).__name__}: {err}", transient=True)
