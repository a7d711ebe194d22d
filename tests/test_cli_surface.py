"""What a new user meets first: --version, one-line usage errors with exit 2, event ids in the
table, and the Python API giving the same events as the CLI."""
from __future__ import annotations

import json
import subprocess

import pytest

import bilateral
from bilateral.samples import folder as samples_folder

from conftest import CLI_BIN, REPO

BIN = CLI_BIN


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=600, env=env)


def test_version_and_license():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.strip() == f"bilateral {bilateral.__version__}"
    assert "MIT License" in (REPO / "LICENSE").read_text()


@pytest.mark.parametrize("args", [["events", "--bogus"], ["events", "--limit", "x"], ["extract"],
                                  ["export", "--format", "xlsx"]])
def test_usage_errors_are_one_line_and_exit_2(args, tmp_path):
    out = run(*args, "--db", str(tmp_path / "none.sqlite")) if args[0] != "extract" else run(*args)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bilateral: ")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "demo.sqlite")
    assert run("ingest", "--quiet", "--db", path, samples_folder()).returncode == 0
    return path


def test_table_shows_event_ids_and_fits_80_columns(db):
    import os

    env = dict(os.environ, COLUMNS="80", TERM="dumb")
    out = run("events", "--db", db, "--json")
    ids = [json.loads(x)["event_id"] for x in out.stdout.splitlines()]
    from rich.console import Console

    from bilateral.cli import tables
    from bilateral.store.db import Store
    from bilateral.store.query import EventFilter, find_events

    console = Console(width=80, record=True, soft_wrap=False)
    tables._console = lambda: console  # the table as an 80-column terminal shows it
    with Store(db) as store:
        tables.print_events(find_events(store, EventFilter()))
    text = console.export_text()
    assert all(len(line) <= 80 for line in text.splitlines())
    assert all(i in text for i in ids)
    assert env["COLUMNS"] == "80"


def test_a_table_shows_the_first_page_and_how_many_match(db):
    """On a terminal, ``events`` shows the first page (``--limit N``, else 50) and how many events
    match, as the API serves them; piped, it streams every event as JSON Lines."""
    import os
    import pty

    every = run("events", "--db", db, "--json").stdout.splitlines()
    assert len(every) > 2
    leader, follower = pty.openpty()  # a terminal for the command: it prints the table
    try:
        done = subprocess.run([str(BIN), "events", "--db", db, "--limit", "2"], stdout=follower,
                              stderr=subprocess.PIPE, env=dict(os.environ, COLUMNS="120"), timeout=600)
        os.close(follower)
        out = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(leader)
    text = out.decode("utf-8", "replace")
    assert done.returncode == 0, done.stderr
    assert f"first 2 of {len(every)} events" in text
    first, second, third = (json.loads(x)["event_id"] for x in every[:3])
    assert first in text and second in text and third not in text


def test_python_api_matches_the_cli(db):
    cli = [json.loads(x) for x in run("extract", "--quiet", samples_folder()).stdout.splitlines()]
    api = [e.to_contract() for e in bilateral.extract(samples_folder())]
    assert {e["event_id"] for e in api} == {e["event_id"] for e in cli}
    texts = bilateral.extract("Scholz receives Tokayev\n\nGerman Chancellor Olaf Scholz received Kazakh President "
                              "Kassym-Jomart Tokayev in Berlin on Monday.", language="en")
    assert texts and texts[0].countries == ["DE", "KZ"] and texts[0].initiator == ["KZ"]
    with bilateral.Store(db) as store:
        every = store.events()
        assert every and all(isinstance(e, bilateral.Event) for e in every)
        directed = [e for e in every if e.initiator]
        assert directed and directed[0] in store.events(from_country=directed[0].initiator[0])
        with pytest.raises(bilateral.InvalidFilter):
            store.events(date_from="2019-13")


def test_missing_default_database_points_to_the_demo_one(tmp_path, db):
    import os
    import shutil

    home = tmp_path / "home"
    share = home / ".local" / "share" / "bilateral"
    share.mkdir(parents=True)
    shutil.copy(db, share / "demo.sqlite")
    env = {k: v for k, v in os.environ.items() if k not in ("BILATERAL_DB", "XDG_DATA_HOME")}
    env["HOME"] = str(home)
    out = run("events", env=env)
    assert out.returncode == 2
    (line,) = out.stderr.strip().splitlines()
    assert "no database here yet" in line and str(share / "demo.sqlite") in line
