"""Shared fixtures. Tests that need ../shared (seeds, corpora, gold) skip cleanly without it."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The command line of the interpreter running the tests (.venv, or .venv-3.13 for
# `make test PY=python3.13`): CLI tests run the tool they test, on that Python.
CLI_BIN = Path(sys.executable).with_name("bilateral")
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


# ---------------------------------------------------------------- PostgreSQL (the store's second back end)

def _start_postgres() -> tuple[str | None, str]:
    """$BILATERAL_TEST_PG (started by .ci/run), else a throwaway cluster started here."""
    import os
    import subprocess

    if os.environ.get("BILATERAL_TEST_PG"):
        return os.environ["BILATERAL_TEST_PG"], ""
    script = REPO / "scripts" / "start-test-postgres"
    try:
        r = subprocess.run([str(script)], capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines() or ["failed"])[-1]
    return r.stdout.strip(), "started"


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a PostgreSQL server for the tests. Outside CI the tests skip without one; in CI
    (CI=true) they fail, since .ci/run must have started it."""
    import os
    import subprocess

    url, how = _start_postgres()
    if url is None:
        message = f"no PostgreSQL server for the tests ({how})"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    yield url
    if how == "started":
        subprocess.run([str(REPO / "scripts" / "stop-test-postgres"), url], check=False)


@pytest.fixture
def pg_url(pg_server):
    """A new, empty PostgreSQL database for one test (dropped after it)."""
    import uuid

    psycopg = pytest.importorskip("psycopg")
    name = "t_" + uuid.uuid4().hex[:12]
    import time

    for attempt in range(5):  # CREATE DATABASE fails while another session still uses the template
        try:
            with psycopg.connect(pg_server, autocommit=True) as admin:
                admin.execute(f"CREATE DATABASE {name}")
            break
        except psycopg.errors.ObjectInUse:
            if attempt == 4:
                raise
            time.sleep(0.5)
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path) -> str:
    """Where a store test keeps its store: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    return request.getfixturevalue("pg_url")
