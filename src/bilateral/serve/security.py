"""What stands between ``bilateral serve`` and a hostile network or web page: one ASGI middleware.

Why each guard:

- **Host allow-list.** A page on any web site can make a browser resolve its own host name to
  127.0.0.1 (DNS rebinding) and then read a local server's answers as same-origin. Requests
  whose ``Host`` header is not a name this server was meant to be reached by are refused (400),
  so rebinding gets nothing. Allowed: localhost, 127.0.0.1, [::1], the address given to
  ``--host`` (unless it is a wildcard like 0.0.0.0), and each ``--allow-host NAME``.
- **Headers on every answer.** A Content-Security-Policy that lets the dashboard load only its
  own scripts and talk only to its own API (no inline script, no frames, no plug-ins), ``nosniff``
  so a JSON or CSV answer is never run as a script, ``X-Frame-Options: DENY`` against
  click-jacking, and ``Referrer-Policy: no-referrer`` so filters in URLs do not leak out.
- **Writes need a token and are off by default.** Any method other than GET/HEAD/OPTIONS (the
  analysts' corrections are the only writes) is refused with 403 unless the server was started
  with a write token, and then needs ``Authorization: Bearer <token>`` (compared in constant
  time). A cross-site form cannot set that header, so this also stops CSRF.
"""
from __future__ import annotations

import hmac
import json
from collections.abc import Iterable

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("", "0.0.0.0", "::", "[::]")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
       "form-action 'self'")

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def allowed_hosts(bind_host: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """Lower-case host names (no port, no brackets) the server answers to."""
    names = {*LOCAL_HOSTS, *(h for h in extra if h)}
    if bind_host not in WILDCARDS:
        names.add(bind_host)
    return frozenset(_bare(n) for n in names)


def _bare(host: str) -> str:
    """``Example.org:8765`` -> ``example.org``; ``[::1]:8765`` -> ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


class Guard:
    """ASGI middleware applying the host allow-list, the write token and the security headers."""

    def __init__(self, app, hosts: frozenset[str] | None, write_token: str | None = None) -> None:
        self.app = app
        self.hosts = hosts  # None: every host (tests on a socket of their own, --allow-host '*')
        self.write_token = write_token or None

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            await _send_error(send, *refusal)
            return

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in HEADERS if k not in present]
            await send(message)

        await self.app(scope, receive, with_headers)

    def _refusal(self, scope, headers: dict[bytes, bytes]) -> tuple[int, str] | None:
        if self.hosts is not None:
            raw = headers.get(b"host", b"").decode("latin-1")
            if _bare(raw) not in self.hosts:
                return 400, (f"host {raw!r} is not allowed: start `bilateral serve --allow-host NAME` "
                             "to answer to another name")
        if scope.get("method", "GET").upper() not in SAFE_METHODS:
            if self.write_token is None:
                return 403, "this server is read-only: writes are off unless it is started with a write token"
            given = headers.get(b"authorization", b"").decode("latin-1")
            scheme, _, token = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                                      self.write_token.encode()):
                return 401, "writing needs the header Authorization: Bearer <write token>"
        return None


async def _send_error(send, status: int, message: str) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *HEADERS]})
    await send({"type": "http.response.body", "body": body})
