"""``bilateral serve``: the HTTP API and the dashboard over one store, read-only."""
from __future__ import annotations

import os
import sys

import typer

from bilateral.cli.common import open_store
from bilateral.cli.options import Db
from bilateral.serve.app import missing_libraries, run
from bilateral.store.db import default_db_path


def serve(
    db: Db = None,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 = every interface)."),
    port: int = typer.Option(8765, "--port", help="TCP port."),
    allow_host: list[str] = typer.Option([], "--allow-host",
                                         help="Also answer requests for this host name (repeatable; '*' = any)."),
) -> None:
    """Serve the HTTP API (/api/..., /openapi.json) and the analysts' dashboard (/) over the database, read-only."""
    path = db or str(default_db_path())
    open_store(path, read_only=True).close()  # a missing, damaged or foreign store: one line now, not 503s later
    missing = missing_libraries()  # the server imports them only when it starts (serve/app.py)
    if missing:
        print(f"bilateral: serve needs FastAPI and uvicorn (not installed: {', '.join(missing)})", file=sys.stderr)
        raise typer.Exit(2)
    token = os.environ.get("BILATERAL_WRITE_TOKEN") or None  # writes stay off without one
    if token is not None and len(token) < 16:
        print("bilateral: BILATERAL_WRITE_TOKEN is too short (16 characters at least); writes stay off",
              file=sys.stderr)
        token = None
    run(path, host, port, tuple(allow_host), token)
