"""Schema versions and migrations, the same on SQLite and PostgreSQL.

A store records every schema version it went through in ``schema_versions`` (version, when,
what). Opening a store:

- an empty database gets the current schema (``schema.DDL``) and its version;
- a store at the current version is used as it is;
- an older store is brought up to date by the steps of ``MIGRATIONS`` (version -> statements
  that take version - 1 to it), all in one transaction: it is upgraded whole or not at all;
- a store older than the oldest step we can take, or newer than this program, or a database
  that is not a bilateral store, is a ``StoreError`` with one line saying what to do.

Why a table and not just ``meta.schema_version``: stores written before this module (schema 1
and 2) kept only the latter; it is still read and kept in step, so older programs refuse a newer
store instead of misreading it.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from bilateral.store.backend import StoreError, begin_write, database_errors, rollback
from bilateral.store.schema import (COUNTRIES_TABLE, DDL, PAGING_INDEXES, PAIRS_INDEX, PAIRS_TABLE, SCHEMA_VERSION,
                                    SEARCH_DDL, TYPE_DESC_INDEX)

VERSIONS_TABLE = """CREATE TABLE IF NOT EXISTS schema_versions (
    version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, note TEXT)"""

# version -> (what it changes, statements that take version - 1 to version: one list, or one per
# dialect). Schema 1 -> 2 (the report-level linking tables) cannot be a migration: reports are
# what a document said before merging, and a schema-1 store keeps only the merged events.
#
# 3 -> 4 keeps every stored row readable as it is: records already stored stay JSON text
# (PostgreSQL: its UTF-8 bytes, the column becoming BYTEA) and old vectors base64 on SQLite,
# which ``records.load_record`` and ``linking.decode_vector`` read; events written from then on
# are compact. The evidence table's copies of the texts go (each event's record has them).
SEARCH = "-- the text filter's trigram index (_search_indexes)"
# 4 -> 5: the pairs of every stored event's states, from its countries, type and date (the index
# made after the rows: one sort instead of a million inserts at random places); the index on
# event_countries (country) goes, the same as event_countries_by_country's first column
PAIRS = [
    PAIRS_TABLE,
    """INSERT INTO event_pairs SELECT c1.event_id, c1.country, c2.country, e.type, e.date
       FROM event_countries c1 JOIN event_countries c2 ON c2.event_id = c1.event_id AND c1.country < c2.country
       JOIN events e ON e.event_id = c1.event_id ORDER BY 1, 2, 3""",
    PAIRS_INDEX,
    TYPE_DESC_INDEX,
]
COMPACT_AND_SEARCH = [
    "CREATE TABLE IF NOT EXISTS actor_names (name TEXT PRIMARY KEY)",
    "INSERT INTO actor_names SELECT DISTINCT name FROM actors",
    "ALTER TABLE evidence DROP COLUMN text",
]
MIGRATIONS: dict[int, tuple[str, list[str] | dict[str, list[str]]]] = {
    3: ("indexes that page events by date", PAGING_INDEXES),
    4: ("compact records and vectors, no copied evidence texts, actor and text search indexes", {
        "sqlite": [*COMPACT_AND_SEARCH, SEARCH, "INSERT INTO source_text (source_text) VALUES ('rebuild')"],
        "postgresql": [
            *COMPACT_AND_SEARCH,
            "ALTER TABLE events ALTER COLUMN record TYPE BYTEA USING convert_to(record, 'UTF8')",
            "ALTER TABLE reports ALTER COLUMN record TYPE BYTEA USING convert_to(record, 'UTF8')",
            "ALTER TABLE report_vectors ALTER COLUMN lead_vec TYPE BYTEA USING decode(lead_vec, 'base64')",
            SEARCH,
        ],
    }),
    5: ("event_pairs: a pair with a type pages from one index range", {
        "sqlite": [*PAIRS, "DROP INDEX IF EXISTS event_countries_country",
                   # event_countries without its rowid (schema.PAIRS_TABLE): made anew, in key order
                   COUNTRIES_TABLE.replace("event_countries", "event_countries_new"),
                   "INSERT INTO event_countries_new SELECT event_id, country FROM event_countries ORDER BY 1, 2",
                   "DROP TABLE event_countries",
                   "ALTER TABLE event_countries_new RENAME TO event_countries",
                   PAGING_INDEXES[2]],
        "postgresql": [*PAIRS, "DROP INDEX IF EXISTS event_countries_country"],
    }),
}


def current_version(conn: Any, dialect: str) -> int | None:
    """The store's schema version; None for an empty database."""
    tables = _tables(conn, dialect)
    if "schema_versions" in tables:
        row = conn.execute("SELECT MAX(version) FROM schema_versions").fetchone()
        if row and row[0] is not None:
            return int(row[0])
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and str(row[0]).isdigit():
            return int(row[0])
    if tables:
        raise StoreError("not a bilateral database (it has tables of something else: "
                         f"{', '.join(sorted(tables)[:5])})")
    return None


def prepare(conn: Any, dialect: str, read_only: bool = False) -> int:
    """Bring the store to ``SCHEMA_VERSION`` (creating it when empty); returns the version."""
    version = current_version(conn, dialect)
    if version == SCHEMA_VERSION and (read_only or not _missing(conn, dialect)):
        return version
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(f"written by a newer bilateral (schema {version}; this one knows up to "
                         f"{SCHEMA_VERSION}): upgrade bilateral to use it")
    if version is not None and _missing_steps(version):
        raise StoreError(f"schema {version} is too old for this bilateral (schema {SCHEMA_VERSION}) and "
                         "cannot be upgraded in place: ingest the articles again into a new database")
    if read_only:
        raise StoreError("empty, not a bilateral database yet (run `bilateral ingest` first)" if version is None
                         else f"schema {version} needs an upgrade to {SCHEMA_VERSION}: run `bilateral ingest` "
                              "(or any writing command) on it once")
    begin_write(conn, dialect)
    try:
        version = current_version(conn, dialect)  # again under the lock: another process may have done it
        if version != SCHEMA_VERSION:
            _upgrade(conn, version, dialect)
        for statement in DDL:  # tables or indexes added to the schema without a new version
            conn.execute(statement)
        _search_indexes(conn, dialect)
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    return SCHEMA_VERSION


def _upgrade(conn: Any, version: int | None, dialect: str) -> None:
    if version is None:
        steps = [(SCHEMA_VERSION, "new store", DDL)]
    else:
        if _missing_steps(version):
            raise StoreError(f"schema {version} is too old for this bilateral (schema {SCHEMA_VERSION}) and "
                             "cannot be upgraded in place: ingest the articles again into a new database")
        steps = [(v, *MIGRATIONS[v]) for v in range(version + 1, SCHEMA_VERSION + 1)]
    conn.execute(VERSIONS_TABLE)
    if version is not None:
        _record(conn, version, "found")
    for target, note, statements in steps:
        for statement in (statements[dialect] if isinstance(statements, dict) else statements):
            if statement == SEARCH:
                _search_indexes(conn, dialect)
            else:
                conn.execute(statement)
        _record(conn, target, note)
    conn.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE "
                 "SET value = excluded.value", (str(SCHEMA_VERSION),))


def _search_indexes(conn: Any, dialect: str) -> None:
    """Create the text filter's trigram index (``schema.SEARCH_DDL``) if it is not there.

    On PostgreSQL the ``pg_trgm`` extension may be refused (a role without the privilege to
    create it): the store then works without the index (the filter scans) instead of failing;
    a savepoint keeps the refusal from aborting the migration's transaction."""
    if dialect != "postgresql":
        for statement in SEARCH_DDL.get(dialect, []):
            conn.execute(statement)
        return
    conn.execute("SAVEPOINT search_indexes")
    try:
        for statement in SEARCH_DDL[dialect]:
            conn.execute(statement)
    except database_errors():
        conn.execute("ROLLBACK TO SAVEPOINT search_indexes")
    conn.execute("RELEASE SAVEPOINT search_indexes")


def _missing_steps(version: int) -> list[int]:
    return [v for v in range(version + 1, SCHEMA_VERSION + 1) if v not in MIGRATIONS]


def _record(conn: Any, version: int, note: str) -> None:
    conn.execute("INSERT INTO schema_versions VALUES (?, ?, ?) ON CONFLICT (version) DO NOTHING",
                 (version, datetime.now(timezone.utc).isoformat(timespec="seconds"), note))


_DDL_NAME = re.compile(r"CREATE\s+(?:TABLE|INDEX)\s+IF\s+NOT\s+EXISTS\s+(\w+)", re.IGNORECASE)


def _missing(conn: Any, dialect: str) -> bool:
    """Whether a table or index of ``DDL`` is absent from the store."""
    if dialect == "postgresql":
        sql = ("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
               "UNION SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    else:
        sql = "SELECT name FROM sqlite_master WHERE type IN ('table', 'index')"
    present = {r[0] for r in conn.execute(sql).fetchall()}
    return any(m.group(1) not in present for m in map(_DDL_NAME.search, DDL) if m)


def _tables(conn: Any, dialect: str) -> set[str]:
    if dialect == "postgresql":
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    return {r[0] for r in conn.execute(sql).fetchall()}
