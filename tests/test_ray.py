"""``--engine ray``: the per-document stages as Ray tasks on a Ray cluster started by this test
(``ray start --head``, two CPUs), linking and storing in the driver. The output must be identical
to one process, for ``extract`` (contract lines, byte for byte) and for ``ingest`` (the store).

Kept small on purpose: Ray's start-up costs tens of seconds on two cores. Hard cases: a bad file
among the articles (the same one error line), results arriving out of order from two workers.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import CLI_BIN, REPO
from test_store import _write_articles
from test_store_faults import _dump

BIN = CLI_BIN
RAY = CLI_BIN.with_name("ray")


# The test cluster: token authentication with a token of its own (Ray >= 2.5x enables tokens), on
# 127.0.0.2 (Ray rewrites 127.0.0.1 to the machine's network address; 127.0.0.2 stays on loopback).
RAY_ENV = dict(os.environ, RAY_AUTH_MODE="token", RAY_AUTH_TOKEN=secrets.token_hex(32), RAY_USAGE_STATS_ENABLED="0")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.2", 0))
        return s.getsockname()[1]


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def ray_cluster():
    """``HOST:PORT`` of a one-node Ray cluster; stopped (every process it started) afterwards."""
    if not RAY.exists():
        (pytest.fail if _in_ci() else pytest.skip)("Ray is not installed (pip install ray==2.60.0)")
    port = _free_port()
    temp = tempfile.mkdtemp(prefix="rb", dir="/tmp")  # short: Ray's socket paths must stay < 108 bytes
    head = subprocess.Popen(
        [str(RAY), "start", "--head", "--block", f"--port={port}", "--node-ip-address=127.0.0.2", "--num-cpus=2", "--object-store-memory=200000000",
         f"--temp-dir={temp}", "--include-dashboard=false", "--disable-usage-stats"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True, env=RAY_ENV)
    address = f"127.0.0.2:{port}"
    try:
        deadline = time.time() + 180
        while time.time() < deadline:
            if head.poll() is not None:
                pytest.fail(f"ray start failed: {head.stderr.read()[-500:]}")
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.2", port)) == 0:
                    break
            time.sleep(0.5)
        else:
            pytest.fail("Ray did not start within 180 s")
        yield address
    finally:
        os.killpg(head.pid, signal.SIGTERM)  # its own session: the head and what it started
        try:
            head.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(head.pid, signal.SIGKILL)
        _kill_leftovers(temp)
        shutil.rmtree(temp, ignore_errors=True)


def _kill_leftovers(temp: str) -> None:
    """Ray daemons that outlived the head (they name its temp folder on their command line)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if temp in cmd:
            try:
                os.kill(int(entry.name), signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ray") / "articles"
    _write_articles(folder, 10)
    (folder / "broken.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)  # an image named .html
    return folder


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=900, env=RAY_ENV)


def test_extract_on_ray_equals_one_process(ray_cluster, articles):
    one = _run("extract", "--quiet", str(articles))
    on_ray = _run("extract", "--quiet", "--engine", "ray", "--ray-address", ray_cluster, str(articles))
    assert one.returncode == 0 and on_ray.returncode == 0, on_ray.stderr[-2000:]
    assert on_ray.stdout == one.stdout and one.stdout.count("\n") >= 4
    errors = [line for line in on_ray.stderr.splitlines() if "broken.html" in line]
    assert errors == [line for line in one.stderr.splitlines() if "broken.html" in line] and len(errors) == 1


def test_ingest_on_ray_equals_one_process(ray_cluster, articles, tmp_path):
    one, on_ray = str(tmp_path / "one.sqlite"), str(tmp_path / "ray.sqlite")
    assert _run("ingest", "--quiet", "--db", one, str(articles)).returncode == 0
    r = _run("ingest", "--quiet", "--db", on_ray, "--engine", "ray", "--ray-address", ray_cluster, str(articles))
    assert r.returncode == 0, r.stderr[-2000:]
    assert _dump(on_ray) == _dump(one)


def test_engine_options_are_checked():
    r = _run("extract", "--engine", "spark", str(REPO / "README.md"))
    assert r.returncode == 2 and r.stderr.strip() == "bilateral: --engine: 'spark' is not an engine (local, ray)"
    r = _run("extract", "--ray-address", "127.0.0.1:1", str(REPO / "README.md"))
    assert r.returncode == 2 and "--ray-address needs --engine ray" in r.stderr
