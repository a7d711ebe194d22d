"""The HTTP API and the dashboard over one store (read-only).

Every request opens its own read-only SQLite connection (cheap for SQLite, and connections are
never shared between the server's threads), so the server can run while ``bilateral ingest``
adds to the same database (WAL mode): each request sees the last committed state.

Endpoints (JSON; every error is ``{"error": message, "status": code}`` with status 400, 404 or
503, as the OpenAPI description documents; response shapes are ``serve/models.py``):

    GET /api/events        ?country=&pair=&from_country=&to_country=&from=&to=&type=&actor=&text=&limit=&offset=&order=
    GET /api/events/{id}   the full record: evidence offsets, conflicts, quotes
    GET /api/timeline      events per month for the same filters
    GET /api/figures       ?pair=&country=&kind=   the stated figures as a series
    GET /api/who-met       ?actor=&country=&pair=
    GET /api/stats         counts for the whole store
    GET /api/export        ?format=<a registered export format> + the event filters (download)
    GET /openapi.json      the OpenAPI description
    GET /                  the dashboard (static/index.html, app.js, style.css)
"""
import copy
import importlib.util
import json
import sys
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from bilateral.serve import link_routes, views
from bilateral.serve import models as m
from bilateral.serve.filters import BadParameter, event_filter, parse_codes
from bilateral.serve.security import Guard, allowed_hosts
from bilateral.store.backend import StoreError, StoreUrl, database_errors, is_url
from bilateral.store import query
from bilateral.store.export import export_format, export_formats, format_names, stream
from bilateral.store.query import date_added, figure_series

if TYPE_CHECKING:
    from fastapi import FastAPI  # lazy (as above)
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse  # lazy (as above)

# FastAPI, pydantic, starlette and uvicorn are imported inside the functions that build and run
# the server (each marked "lazy"): together they cost about 0.8 s of CPU, which `bilateral
# --help` and every other command would pay, since the command line imports this module. No
# ``from __future__ import annotations`` either: FastAPI reads the routes' parameter and return
# types, which are names inside ``create_app``.
SERVER_LIBRARIES = ("fastapi", "pydantic", "starlette", "uvicorn")

STATIC = Path(__file__).with_name("static")
MAX_OFFSET = 1_000_000_000  # far beyond any store; larger values overflow SQL integers


def missing_libraries() -> list[str]:
    """The server's libraries that are not installed (checked without importing them)."""
    return [name for name in SERVER_LIBRARIES if importlib.util.find_spec(name) is None]


@lru_cache(maxsize=1)
def _fast_json() -> type:
    """``FastJSON``: JSON straight from ``json.dumps``: the API returns plain dicts and lists, so
    FastAPI's generic encoder (a few ms per page of events) has nothing to add."""
    from fastapi.responses import JSONResponse  # lazy: see SERVER_LIBRARIES

    class FastJSON(JSONResponse):
        def render(self, content: object) -> bytes:
            return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    return FastJSON


def _error(status: int, message: str) -> "JSONResponse":
    from fastapi.responses import JSONResponse  # lazy: see SERVER_LIBRARIES

    return JSONResponse({"error": message, "status": status}, status_code=status)


def _validation_message(exc: "RequestValidationError") -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else err.get("msg", "invalid"))
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str | Path, *, hosts: frozenset[str] | None = allowed_hosts("127.0.0.1"),
               write_token: str | None = None) -> "FastAPI":
    """The application serving ``db_path``; the file is opened read-only on each request.

    ``hosts``: the Host names answered (None = any); ``write_token``: enables writing endpoints
    (see ``bilateral.serve.security``)."""
    # lazy: see SERVER_LIBRARIES
    from fastapi import FastAPI, Query, Request
    from fastapi.exceptions import RequestValidationError  # lazy (as above)
    from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
    from fastapi.staticfiles import StaticFiles  # lazy (as above)
    from starlette.exceptions import HTTPException

    FastJSON = _fast_json()
    target = str(db_path)
    db_path = StoreUrl(target) if is_url(target) else Path(target)
    app = FastAPI(title="bilateral", version="1",
                  description="Interstate events extracted from multilingual news: query, figures, exports.",
                  docs_url=None, redoc_url=None, default_response_class=FastJSON)  # Swagger UI would load its assets from a CDN
    app.state.db_path = db_path
    app.add_middleware(Guard, hosts=hosts, write_token=write_token)
    app.include_router(link_routes.router(db_path))  # explain, split, merge

    def open_store() -> query.ReadOnlyStore:
        if not db_path.exists():
            raise HTTPException(503, f"no database at {db_path} (run `bilateral ingest` first)")
        return query.ReadOnlyStore(target)

    @app.exception_handler(BadParameter)
    async def bad_parameter(_: Request, exc: BadParameter) -> JSONResponse:
        return _error(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, _validation_message(exc))

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    async def database_error(_: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, StoreError):
            return _error(503, str(exc))
        return _error(503, f"database {db_path}: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}")

    for error_type in database_errors():  # sqlite3, psycopg and StoreError alike
        app.add_exception_handler(error_type, database_error)

    # ------------------------------------------------------------ dashboard

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(views.router())  # the dashboard's map, network, trends and event links

    # ------------------------------------------------------------ API

    @app.get("/api/events", summary="Events matching the filters, one page of contract objects",
             response_model=m.EventPage, responses=m.ERRORS)
    def events(
        country: Optional[str] = Query(None, description="A state taking part (ISO alpha-2), e.g. KZ"),
        pair: Optional[str] = Query(None, description="Two states, e.g. BY-KZ"),
        from_country: Optional[str] = Query(None, description="The state that acts (initiator), e.g. BY"),
        to_country: Optional[str] = Query(None, description="The state acted upon (recipient), e.g. CN"),
        date_from: Optional[str] = Query(None, alias="from", description="From this date: YYYY[-MM[-DD]]"),
        date_to: Optional[str] = Query(None, alias="to", description="Up to this date (inclusive): YYYY[-MM[-DD]]"),
        type_: Optional[str] = Query(None, alias="type", description="PLOVER type, e.g. CONSULT"),
        actor: Optional[str] = Query(None, description="Part of a person's canonical name"),
        text: Optional[str] = Query(None, description="Words in the evidence or a title"),
        limit: int = Query(50, ge=1, le=1000),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
        order: str = Query("asc", pattern="^(asc|desc)$", description="By date: asc or desc"),
    ) -> FastJSON:
        f = event_filter(country, pair, date_from, date_to, type_, actor, text, from_country, to_country)
        with open_store() as store:
            page = query.page_events(store, f, limit, offset, order)
        return FastJSON({"total": page.total, "total_exact": page.exact, "limit": limit, "offset": offset,
                         "events": [e.to_contract() for e in page.events]})

    @app.get("/api/events/{event_id}", summary="One event with everything: evidence offsets, conflicts, quotes",
             response_model=m.EventRecord, responses=m.ERRORS)
    def event(event_id: str) -> FastJSON:
        with open_store() as store:
            found = query.get_event(store, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return FastJSON(m.record_view(found.to_record()))

    @app.get("/api/timeline", summary="Events per month for the same filters as /api/events",
             response_model=m.Timeline, responses=m.ERRORS)
    def timeline(
        country: Optional[str] = None, pair: Optional[str] = None,
        from_country: Optional[str] = None, to_country: Optional[str] = None,
        date_from: Optional[str] = Query(None, alias="from"), date_to: Optional[str] = Query(None, alias="to"),
        type_: Optional[str] = Query(None, alias="type"), actor: Optional[str] = None, text: Optional[str] = None,
    ) -> FastJSON:
        f = event_filter(country, pair, date_from, date_to, type_, actor, text, from_country, to_country)
        with open_store() as store:
            return FastJSON(query.timeline(store, f))

    @app.get("/api/figures", summary="Figures stated about a state or pair (trade, investment, growth) by period",
             response_model=m.Figures, responses=m.ERRORS)
    def figures(
        pair: Optional[str] = Query(None, description="Two states, e.g. BE-KZ"),
        country: Optional[str] = Query(None, description="One state the figures are about"),
        kind: Optional[str] = Query(None, description="trade, investment, growth, ..."),
    ) -> FastJSON:
        codes = parse_codes(pair, country)
        kind = (kind or "").strip().lower() or None
        with open_store() as store:
            points = figure_series(store, codes, kind)
        return FastJSON({"countries": codes, "kind": kind, "points": [asdict(p) for p in points]})

    @app.get("/api/who-met", summary="Pairs of people from different states who met, how often, last date",
             response_model=m.WhoMet, responses=m.ERRORS)
    def who_met_endpoint(
        actor: Optional[str] = Query(None, description="Part of a person's name"),
        country: Optional[str] = Query(None, description="One of the two people is from this state"),
        pair: Optional[str] = Query(None, description="One person from each of these two states, e.g. BY-KZ"),
    ) -> FastJSON:
        actor = (actor or "").strip() or None
        codes = parse_codes(pair, country)
        if len(codes) > 2:
            raise BadParameter("give a pair or a country, not both")
        with open_store() as store:
            rows = query.meetings(store, actor, codes)
        return FastJSON({"actor": actor, "countries": codes,
                         "pairs": [{"a": a, "b": b, "meetings": n, "last": last} for a, b, n, last in rows]})

    @app.get("/api/stats", summary="What the store holds: documents, events by type, top pairs, languages",
             response_model=m.Stats, responses=m.ERRORS)
    def stats() -> FastJSON:
        with open_store() as store:
            return FastJSON(query.stats(store))

    formats = " | ".join(f.name + "".join(f" (= {a})" for a in f.aliases) for f in export_formats())

    @app.get("/api/export", summary=f"Download the (filtered) events as {', '.join(f.name for f in export_formats())}",
             response_class=Response, responses={**m.export_responses(), **m.ERRORS})
    def export(
        fmt: str = Query("jsonl", alias="format", description=formats),
        country: Optional[str] = None, pair: Optional[str] = None,
        from_country: Optional[str] = None, to_country: Optional[str] = None,
        date_from: Optional[str] = Query(None, alias="from"), date_to: Optional[str] = Query(None, alias="to"),
        type_: Optional[str] = Query(None, alias="type"), actor: Optional[str] = None, text: Optional[str] = None,
    ) -> Response:
        spec = export_format(fmt)
        if spec is None:
            raise BadParameter(f"format must be one of {', '.join(format_names())}, got {fmt!r}")
        f = event_filter(country, pair, date_from, date_to, type_, actor, text, from_country, to_country)
        store = open_store()
        try:
            added = date_added(store) if spec.uses_date_added else None  # one grouped query: DATEADDED
            chunks = stream(query.iter_events(store, f), fmt, added)
            # read the first chunk now: a database error is still a JSON error, not a cut download
            first = next(chunks, b"")
        except BaseException:
            store.close()
            raise

        def body():
            try:
                yield first
                yield from chunks
            finally:
                store.close()

        return StreamingResponse(body(), media_type=spec.content_type(), headers={
            "Content-Disposition": f'attachment; filename="bilateral-events.{spec.extension}"'})

    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: "FastAPI") -> dict:
    """FastAPI's description without its default 422 answers: a bad parameter is a 400 with
    ``ErrorBody`` here (``invalid_request`` above), and the description says so."""
    from fastapi.openapi.utils import get_openapi  # lazy: see SERVER_LIBRARIES

    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
        for route, path in schema.get("paths", {}).items():
            for method, op in path.items():
                responses = op.setdefault("responses", {})
                responses.pop("422", None)
                # every route answers errors through the handlers above, in one shape
                documented = {"400": "A parameter the API cannot use (the message says which)",
                              "503": "No database yet, or the database cannot be read"}
                if "{" in route:
                    documented["404"] = "Nothing with this id"
                if method != "get":
                    documented["403"] = "Writing is off, or the request lacks the write token"
                for code, text in documented.items():
                    responses.setdefault(code, {"description": text, "content": error})
        comps = schema.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            comps.pop(name, None)
        comps.setdefault("ErrorBody", m.ErrorBody.model_json_schema())
        app.openapi_schema = schema
    return app.openapi_schema


def run(db_path: str | Path, host: str = "127.0.0.1", port: int = 8765, allow_hosts: tuple[str, ...] = (),
        write_token: str | None = None) -> None:
    """Serve ``create_app(db_path)`` with uvicorn; all logs (access log too) on stderr."""
    import uvicorn  # lazy: see SERVER_LIBRARIES
    from uvicorn.config import LOGGING_CONFIG

    log_config = copy.deepcopy(LOGGING_CONFIG)
    for handler in log_config["handlers"].values():
        handler["stream"] = "ext://sys.stderr"
    shown = "[" + host + "]" if ":" in host else host
    print(f"bilateral: serving {db_path} on http://{shown}:{port}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    hosts = None if "*" in allow_hosts else allowed_hosts(host, allow_hosts)
    app = create_app(db_path, hosts=hosts, write_token=write_token)
    uvicorn.run(app, host=host, port=port, log_config=log_config)
