"""The store under faults, on SQLite and PostgreSQL: schema versions and migrations, stores it
must refuse with one line, two ingests racing on the same input, an ingest killed with -9, and
``serve`` on a database in a read-only folder.

Hard cases: a migration that fails halfway (the store stays at its old version, whole), a store
written by a newer program, a SQLite file of another application, a folder given as ``--db``,
two processes that both see a document as new before either has stored it.
"""
from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from bilateral.store import migrate
from bilateral.store.backend import StoreError, translate
from bilateral.store.db import Store
from bilateral.store.query import EventFilter, find_events
from bilateral.store.records import load_record
from bilateral.store.schema import SCHEMA_VERSION

from conftest import CLI_BIN
from test_store import _doc, _meeting, _write_articles

BIN = CLI_BIN


def _run(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=600, **kw)


def _one_line(stderr: str) -> str:
    lines = [x for x in stderr.splitlines() if x.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


# ---------------------------------------------------------------- the SQL adapter

def test_translate_rewrites_only_outside_quotes():
    assert translate("SELECT a FROM t WHERE b = ? AND c LIKE '--%' AND d LIKE ? ESCAPE '\\'") == \
        "SELECT a FROM t WHERE b = %s AND c LIKE '--%%' AND d LIKE %s ESCAPE '\\'"
    assert translate("INSERT OR IGNORE INTO actors VALUES (?,?)") == \
        "INSERT INTO actors VALUES (%s,%s) ON CONFLICT DO NOTHING"
    assert translate("SELECT '?' , ?") == "SELECT '?' , %s"
    assert translate("BEGIN IMMEDIATE") == "BEGIN"


# ---------------------------------------------------------------- schema versions and migrations

def _versions(store: Store) -> list[int]:
    return [r[0] for r in store.conn.execute("SELECT version FROM schema_versions ORDER BY version")]


def test_a_new_store_records_its_schema_version(store_target):
    with Store(store_target) as store:
        assert _versions(store) == [SCHEMA_VERSION]
    with Store(store_target) as store:  # opening again changes nothing
        assert _versions(store) == [SCHEMA_VERSION]


def test_an_older_store_is_migrated_whole(store_target, monkeypatch):
    with Store(store_target) as store:
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
    nxt = SCHEMA_VERSION + 1
    monkeypatch.setattr(migrate, "SCHEMA_VERSION", nxt)
    monkeypatch.setattr(migrate, "MIGRATIONS", {nxt: ("events by type", [
        "CREATE INDEX IF NOT EXISTS events_type_test ON events (type)",
        "ALTER TABLE documents ADD COLUMN note TEXT"])})
    with Store(store_target) as store:
        assert _versions(store) == [SCHEMA_VERSION, nxt]
        assert store.conn.execute("SELECT COUNT(*), MAX(note) FROM documents").fetchone()[:] == (1, None)
        meta = store.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert meta == str(nxt)


def test_a_failing_migration_leaves_the_store_as_it_was(store_target, monkeypatch):
    Store(store_target).close()
    nxt = SCHEMA_VERSION + 1
    monkeypatch.setattr(migrate, "SCHEMA_VERSION", nxt)
    monkeypatch.setattr(migrate, "MIGRATIONS", {nxt: ("broken", [
        "ALTER TABLE documents ADD COLUMN note TEXT", "ALTER TABLE no_such_table ADD COLUMN x TEXT"])})
    with pytest.raises(Exception):
        Store(store_target)
    monkeypatch.undo()
    with Store(store_target) as store:  # still the old version, without the half-applied column
        assert _versions(store) == [SCHEMA_VERSION]
        cols = [d[0] for d in store.conn.execute("SELECT * FROM documents LIMIT 0").description]
        assert "note" not in cols


def test_newer_older_and_foreign_stores_are_refused_with_one_line(store_target, monkeypatch):
    Store(store_target).close()
    monkeypatch.setattr(migrate, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
    with pytest.raises(StoreError, match="newer bilateral"):
        Store(store_target)
    monkeypatch.setattr(migrate, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(migrate, "MIGRATIONS", {})
    with pytest.raises(StoreError, match="too old .* cannot be upgraded in place"):
        Store(store_target)
    with pytest.raises(StoreError, match="too old"):
        Store(store_target, read_only=True)


def test_cli_names_the_database_and_the_reason(tmp_path):
    folder = tmp_path / "a-folder"
    folder.mkdir()
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(2000))
    import sqlite3

    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    old = tmp_path / "schema1.sqlite"
    con = sqlite3.connect(old)
    con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute("CREATE TABLE events (event_id TEXT PRIMARY KEY)")
    con.commit()
    con.close()
    article = tmp_path / "a.txt"
    article.write_text("The presidents of Belarus and Kazakhstan met in Astana.", encoding="utf-8")
    cases = [(folder, "is a folder"), (damaged, "not a bilateral database, or a damaged one"),
             (foreign, "not a bilateral database"), (old, "schema 1 is too old")]
    for db, reason in cases:
        for args in (["events", "--db", str(db)], ["ingest", "--quiet", "--db", str(db), str(article)]):
            r = _run(*args)
            line = _one_line(r.stderr)
            assert r.returncode == 2 and line.startswith(f"bilateral: {db}: ") and reason in line, (args, line)
    assert [p.name for p in folder.iterdir()] == []  # nothing written into the folder


# ---------------------------------------------------------------- concurrent ingests

def _dump(target: str) -> dict:
    """What a store holds, independent of ingest order and timestamps."""
    with Store(target) as store:
        q = store.conn.execute
        return {"documents": sorted(r[0] for r in q("SELECT doc_id FROM documents")),
                "events": sorted((r[0], r[1]) for r in q("SELECT event_id, n_sources FROM events")),
                "sources": sorted(tuple(r) for r in q("SELECT event_id, doc_id FROM event_sources")),
                "reports": q("SELECT COUNT(*) FROM reports").fetchone()[0]}


def test_two_ingests_racing_on_the_same_input_store_everything_once(store_target, tmp_path):
    folder = tmp_path / "articles"
    _write_articles(folder, 12)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    procs = [subprocess.Popen([str(BIN), "ingest", "--db", store_target, str(folder)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs):
        assert p.returncode == 0 and "Traceback" not in err and "IntegrityError" not in err, err
    summaries = [err.strip().splitlines()[-1] for _, err in outs]
    added = sum(int(s.split("bilateral: ")[1].split(" documents added")[0]) for s in summaries)
    assert added == 12, summaries  # each document added by exactly one of them
    raced = _dump(store_target)
    clean = str(tmp_path / "clean.sqlite")
    assert _run("ingest", "--quiet", "--db", clean, str(folder)).returncode == 0
    assert raced == _dump(clean)  # the same store as one process makes
    assert len(raced["sources"]) == 12 and len(set(d for _, d in raced["sources"])) == 12


# ---------------------------------------------------------------- kill -9 on PostgreSQL

def test_killed_ingest_on_postgresql_rerun_completes(pg_url, tmp_path):
    folder = tmp_path / "articles"
    _write_articles(folder, 30)
    proc = subprocess.Popen([str(BIN), "ingest", "--quiet", "--db", pg_url, str(folder)])
    deadline = time.time() + 300
    n = 0
    while time.time() < deadline and proc.poll() is None and n < 4:
        time.sleep(0.1)
        try:
            with Store(pg_url, read_only=True) as store:
                n = store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except StoreError:
            n = 0  # not created yet
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(pg_url) as store:  # consistent: every stored document has its events
        q = store.conn.execute
        docs = q("SELECT COUNT(*) FROM documents").fetchone()[0]
        assert docs < 30
        orphans = q("SELECT COUNT(*) FROM event_sources s WHERE NOT EXISTS "
                    "(SELECT 1 FROM documents d WHERE d.doc_id = s.doc_id)").fetchone()[0]
        assert orphans == 0
    assert _run("ingest", "--quiet", "--db", pg_url, str(folder)).returncode == 0
    clean = str(tmp_path / "clean.sqlite")
    assert _run("ingest", "--quiet", "--db", clean, str(folder)).returncode == 0
    assert _dump(pg_url) == _dump(clean)


# ---------------------------------------------------------------- serve on a read-only folder

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare (util-linux) for a read-only mount")
def test_serve_works_on_a_database_in_a_read_only_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "store.sqlite"
    with Store(db) as store:
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
    port = _free_port()
    # a private mount namespace where the folder is mounted read-only (root ignores file modes)
    script = f'mount --bind -o ro "{folder}" "{folder}" && exec "{BIN}" serve --db "{db}" --port {port}'
    proc = subprocess.Popen(["unshare", "-m", "sh", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        body, deadline = None, time.time() + 60
        while time.time() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.2)
        if body is None and proc.poll() is not None:
            err = proc.stderr.read()
            if "mount" in err and ("permission" in err.lower() or "not permitted" in err.lower()):
                pytest.skip(f"no read-only bind mount here: {err.strip()}")
            pytest.fail(err)
        assert body is not None and body["events"] == 1 and body["documents"] == 1
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert sorted(p.name for p in folder.iterdir()) == ["store.sqlite"]


# ---------------------------------------------------------------- the API on PostgreSQL

def test_the_api_answers_the_same_on_postgresql_and_sqlite(pg_url, tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from bilateral.serve.app import create_app

    answers = []
    for target in (pg_url, str(tmp_path / "same.sqlite")):
        with Store(target) as store:
            for doc_id, lang, date in (("a", "de", "2019-10-25"), ("b", "en", "2019-10-25"), ("c", "en", "2020-01-02")):
                doc, digest = _doc(doc_id, doc_id)
                store.add_document(doc, [_meeting(doc_id, lang, date=date)], digest)
        client = TestClient(create_app(target), base_url="http://127.0.0.1")
        got = {}
        for path in ("/api/events?pair=BY-KZ&order=desc", "/api/events?text=astana&limit=1&offset=1",
                     "/api/timeline", "/api/stats", "/api/who-met?country=KZ", "/api/figures?pair=BY-KZ",
                     "/api/export?format=csv", "/api/events?actor=_"):
            r = client.get(path)
            assert r.status_code == 200, (target, path, r.text[:300])
            got[path] = r.text
        answers.append(got)
    assert answers[0] == answers[1]
    assert json.loads(answers[0]["/api/stats"])["events"] == 2


def _as_schema_3(store: Store) -> None:
    """Rewrite a store the way schema 3 kept it: records and vectors as text, the evidence texts
    copied into the evidence table, no actor names, no trigram index."""
    q = store.conn.execute
    records = {t: [(load_record(r[1]), r[0]) for r in q(f"SELECT {k}, record FROM {t}").fetchall()]
               for t, k in (("events", "event_id"), ("reports", "report_id"))}
    q("DROP TABLE actor_names")
    q("DROP TABLE event_pairs")  # schema 5's
    q("ALTER TABLE evidence ADD COLUMN text TEXT")
    if store.dialect == "sqlite":
        for name in ("event_sources_text_insert", "event_sources_text_delete"):
            q(f"DROP TRIGGER {name}")
        q("DROP TABLE source_text")
        for table, rows in records.items():
            key = "event_id" if table == "events" else "report_id"
            for rec, rid in rows:
                q(f"UPDATE {table} SET record = ? WHERE {key} = ?", (json.dumps(rec, ensure_ascii=False), rid))
        for rid, vec in q("SELECT report_id, lead_vec FROM report_vectors").fetchall():
            q("UPDATE report_vectors SET lead_vec = ? WHERE report_id = ?", (base64.b64encode(vec).decode(), rid))
    else:
        q("DROP INDEX event_sources_title_trgm")
        q("DROP INDEX event_sources_evidence_trgm")
        for table, rows in records.items():
            key = "event_id" if table == "events" else "report_id"
            for rec, rid in rows:
                q(f"UPDATE {table} SET record = ? WHERE {key} = ?", (json.dumps(rec).encode(), rid))
            q(f"ALTER TABLE {table} ALTER COLUMN record TYPE TEXT USING convert_from(record, 'UTF8')")
        q("ALTER TABLE report_vectors ALTER COLUMN lead_vec TYPE TEXT USING encode(lead_vec, 'base64')")
    for rec, eid in records["events"]:
        ev = rec["sources"][0]["evidence"][0]["text"]
        q("UPDATE evidence SET text = ? WHERE event_id = ?", (ev, eid))
    q("DELETE FROM schema_versions")
    q("INSERT INTO schema_versions VALUES (3, '2026-01-01T00:00:00+00:00', 'new store')")
    q("UPDATE meta SET value = '3' WHERE key = 'schema_version'")


def test_a_schema_3_store_is_migrated_to_5_and_reads_as_before(store_target):
    """Rows written by schema 3 (text records, base64 vectors, copied evidence texts) stay
    readable after the migration; new rows are compact; the actor and text filters find both."""
    with Store(store_target) as store:
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
        before = [e.to_record() for e in find_events(store, EventFilter())]
        _as_schema_3(store)
    assert SCHEMA_VERSION == 5
    with pytest.raises(StoreError, match="schema 3 needs an upgrade"):
        Store(store_target, read_only=True)  # a reader never migrates
    with Store(store_target) as store:
        assert _versions(store) == [3, 4, 5]
        assert [e.to_record() for e in find_events(store, EventFilter())] == before
        cols = ([r[1] for r in store.conn.execute("PRAGMA table_info(evidence)")] if store.dialect == "sqlite" else
                [r[0] for r in store.conn.execute("SELECT column_name FROM information_schema.columns "
                                                  "WHERE table_name = 'evidence'")])
        assert "text" not in cols and "start_offset" in cols
        for f in (EventFilter(actor="tokayev"), EventFilter(text="MET IN astana"), EventFilter(text="title a"),
                  EventFilter(countries=["KZ", "BY"], type="consult")):
            assert len(find_events(store, f)) == 1, f
        assert find_events(store, EventFilter(text="met in berlin")) == []
        # a second report of the same meeting links into the old event (old report record and vector read)
        doc, digest = _doc("b", "b")
        store.add_document(doc, [_meeting("b", "de")], digest)
        (event,) = find_events(store, EventFilter(text="title b"))
        assert sorted(s.doc_id for s in event.sources) == ["a", "b"]
        record = store.conn.execute("SELECT record FROM events").fetchone()[0]
        assert bytes(record)[:1] != b"{"  # rewritten compact


def test_a_schema_2_store_is_migrated_to_5_with_its_paging_indexes(store_target):
    from bilateral.store.schema import PAGING_INDEXES

    names = [s.split(" EXISTS ")[1].split()[0] for s in PAGING_INDEXES]
    with Store(store_target) as store:  # make it a store as schema 2 left it
        doc, digest = _doc("a", "a")
        store.add_document(doc, [_meeting("a", "en")], digest)
        _as_schema_3(store)
        for name in names:
            store.conn.execute(f"DROP INDEX {name}")
        store.conn.execute("DELETE FROM schema_versions")
        store.conn.execute("INSERT INTO schema_versions VALUES (2, '2026-01-01T00:00:00+00:00', 'new store')")
        store.conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema 2 needs an upgrade"):
        Store(store_target, read_only=True)  # a reader never migrates
    with Store(store_target) as store:
        assert _versions(store) == [2, 3, 4, 5]
        if store.dialect == "sqlite":
            present = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        else:
            present = {r[0] for r in store.conn.execute("SELECT indexname FROM pg_indexes")}
        assert set(names) <= present
        assert store.counts()["events"] == 1
        assert len(find_events(store, EventFilter(text="astana"))) == 1


def test_a_schema_4_store_is_migrated_to_5_with_the_pairs_of_its_events(store_target):
    """Schema 5 fills ``event_pairs`` from the stored events (every pair of an event's states,
    a < b, with its type and date): the same rows as an event written by schema 5, and the pair +
    type filter reads them."""
    from bilateral.store.query import page_events

    with Store(store_target) as store:
        for doc_id, date, states in (("a", "2019-10-25", ["BY", "KZ"]), ("b", "2017-05-02", ["RU", "KZ", "BY"]),
                                     ("c", None, ["AZ", "AM"])):
            doc, digest = _doc(doc_id, doc_id)
            event = _meeting(doc_id, "en", date=date)
            event.countries = states
            store.add_document(doc, [event], digest)
        rows = "SELECT event_id, a, b, type, date FROM event_pairs ORDER BY event_id, a, b"
        written = store.conn.execute(rows).fetchall()
        assert sorted(r[1:] for r in written) == [
            ("AM", "AZ", "CONSULT", None), ("BY", "KZ", "CONSULT", "2017-05-02"), ("BY", "KZ", "CONSULT", "2019-10-25"),
            ("BY", "RU", "CONSULT", "2017-05-02"), ("KZ", "RU", "CONSULT", "2017-05-02")]
        store.conn.execute("DROP TABLE event_pairs")
        store.conn.execute("DELETE FROM schema_versions WHERE version = 5")
        store.conn.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema 4 needs an upgrade"):
        Store(store_target, read_only=True)
    with Store(store_target) as store:
        assert _versions(store) == [4, 5]
        assert [tuple(r) for r in store.conn.execute(rows).fetchall()] == [tuple(r) for r in written]
        page = page_events(store, EventFilter(countries=["kz", "by"], type="CONSULT"), 50, 0)
        assert (page.total, [e.date for e in page.events]) == (2, ["2017-05-02", "2019-10-25"])


# ---------------------------------------------------------------- a full disk

CHECK = """import json, sqlite3, sys
c = sqlite3.connect(sys.argv[1])
q = lambda sql: c.execute(sql).fetchone()[0]
print(json.dumps({"documents": q("SELECT COUNT(*) FROM documents"),
                  "orphans": q("SELECT COUNT(*) FROM event_sources s WHERE NOT EXISTS "
                               "(SELECT 1 FROM documents d WHERE d.doc_id = s.doc_id)"),
                  "integrity": q("PRAGMA integrity_check")}))"""


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs unshare (util-linux) for a small file system")
def test_a_full_disk_is_one_line_and_what_was_stored_stays_consistent(tmp_path):
    folder = tmp_path / "articles"
    _write_articles(folder, 60)
    mnt = tmp_path / "small"
    mnt.mkdir()
    db = mnt / "store.sqlite"
    python = CLI_BIN.with_name("python")
    # a private mount namespace with a 700 KB file system: the store fills it after a few documents
    script = (f'mount -t tmpfs -o size=700k tmpfs "{mnt}" || exit 99; '
              f'"{BIN}" ingest --quiet --db "{db}" "{folder}"; echo "rc=$?" >&2; '
              f'"{python}" -c \'{CHECK}\' "{db}"')
    r = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=600)
    if r.returncode == 99:
        pytest.skip(f"no tmpfs mount here: {r.stderr.strip()}")
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    assert lines[-1] == "rc=1" and "Traceback" not in r.stderr, r.stderr
    assert lines[:-1] == [f"bilateral: {db}: database or disk is full; the documents stored before this are kept, "
                          "run the same ingest again to go on"]
    state = json.loads(r.stdout.strip().splitlines()[-1])
    assert 0 < state["documents"] < 60 and state["orphans"] == 0 and state["integrity"] == "ok"
