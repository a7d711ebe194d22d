"""Where the store lives: a SQLite file (one machine) or a PostgreSQL database (many writers and
readers), behind the one connection interface the store's code already speaks.

    connect("~/events.sqlite")                      -> (sqlite3.Connection, "sqlite")
    connect("postgresql://user@host/bilateral")     -> (PgConnection, "postgresql")

Why a thin adapter and not an ORM: the store's SQL is plain (the schema uses types both engines
take) and written once with ``?`` placeholders; ``PgConnection`` rewrites the few things that
differ (placeholders, ``INSERT OR IGNORE``, ``BEGIN IMMEDIATE``) once per distinct statement and
returns rows that index by position and by name, like ``sqlite3.Row``. Both engines then run the
same queries, and the store's tests run against both.

Every way of failing to open a store (a folder given as the file, a file that is no database, a
server that refuses) becomes a ``StoreError`` whose message is the one line the CLI prints.
"""
from __future__ import annotations

import os
import re
import sqlite3
from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

URL_PREFIXES = ("postgresql://", "postgres://")


class StoreError(Exception):
    """The store cannot be opened or used; the message names it and says why, in one line."""


def is_url(target: str | os.PathLike) -> bool:
    return str(target).startswith(URL_PREFIXES)


def describe(target: str | os.PathLike) -> str:
    """The target as it may be shown: a PostgreSQL URL without its password."""
    text = str(target)
    return re.sub(r"^(postgres(?:ql)?://[^:/@]*):[^@]*@", r"\1:***@", text) if is_url(text) else text


class StoreUrl(str):
    """A PostgreSQL URL where code expects a store's ``Path``: it always "exists" (whether the
    server answers is for ``connect`` to say), and shows without its password."""

    def exists(self) -> bool:
        return True

    def __format__(self, spec: str) -> str:
        return format(describe(str(self)), spec)


def connect(target: str | os.PathLike, *, read_only: bool = False) -> tuple[Any, str]:
    """``(connection, dialect)`` for a file path or a PostgreSQL URL."""
    if is_url(target):
        return PgConnection(str(target), read_only=read_only), "postgresql"
    return _sqlite(Path(target), read_only), "sqlite"


WRITE_LOCK = 0x62696C61  # PostgreSQL advisory lock key ("bila") taken by every writing transaction


def begin_write(conn: Any, dialect: str) -> None:
    """Start a transaction that holds the store's write lock until COMMIT or ROLLBACK.

    Why one lock: linking a document reads the stored reports it may join and rewrites their
    events; two writers doing that at once could each miss the other's report and store one
    event twice. SQLite's ``BEGIN IMMEDIATE`` takes its single write lock; on PostgreSQL a
    transaction-scoped advisory lock does the same, so concurrent ``ingest`` processes extract
    in parallel and link one document at a time, each seeing everything committed before it.
    """
    if dialect == "postgresql":
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
    else:
        conn.execute("BEGIN IMMEDIATE")


def pipeline(conn: Any) -> AbstractContextManager:
    """Send the statements of the block without waiting for each one's answer (PostgreSQL's
    pipeline mode; a statement whose rows are read waits for what was sent before it).

    Why: a round trip to the server costs more than the statement itself (the writes of one
    attach are ~15 statements), and on a loaded machine each wait is a scheduling delay of the
    server's process. SQLite runs in this process: nothing to wait for, so nothing changes."""
    return conn.pipeline() if isinstance(conn, PgConnection) else nullcontext()


def rollback(conn: Any) -> None:
    """Undo the open transaction, if the engine has not already done so.

    Why: on a full disk or a lost connection SQLite and PostgreSQL end the transaction
    themselves; a plain ROLLBACK would then fail with "no transaction is active" and hide the
    error that matters from the one line the user sees."""
    try:
        conn.execute("ROLLBACK")
    except database_errors():
        pass


# ---------------------------------------------------------------- SQLite

def _sqlite(path: Path, read_only: bool) -> sqlite3.Connection:
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file (give a file, e.g. {path / 'bilateral.sqlite'})")
    if read_only:
        if not path.exists():
            raise StoreError(f"{path}: no database here yet (run `bilateral ingest` first)")
        # In a folder we cannot write to, SQLite cannot create the WAL's shared-memory file next to the
        # database; nobody can be writing there either, so the file is opened as immutable.
        mode = "ro" if os.access(path.parent, os.W_OK) else "ro&immutable=1"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=30,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA query_only = ON")
        return conn
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path}: cannot create its folder ({exc.strerror or exc})") from None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: {_sqlite_reason(exc)}") from None
    return conn


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return f"not a bilateral database, or a damaged one ({text})"
    if "unable to open" in text or "readonly" in text:
        return f"cannot be opened for writing ({text})"
    return text


# ---------------------------------------------------------------- PostgreSQL

_INSERT_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b(.*)$", re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite-flavoured SQL of the store -> PostgreSQL: ``?`` -> ``%s`` (outside quotes), literal
    ``%`` doubled, ``INSERT OR IGNORE`` -> ``ON CONFLICT DO NOTHING``, ``BEGIN IMMEDIATE`` -> ``BEGIN``,
    ``CREATE TABLE ... WITHOUT ROWID`` -> ``CREATE TABLE ...``."""
    stripped = sql.strip()
    if stripped.upper() == "BEGIN IMMEDIATE":
        return "BEGIN"
    if stripped.upper().endswith(" WITHOUT ROWID"):  # a SQLite table layout; PostgreSQL's tables have no rowid
        sql = stripped[:-len(" WITHOUT ROWID")]
    m = _INSERT_OR_IGNORE.match(sql)
    if m:
        sql = f"INSERT INTO{m.group(1)} ON CONFLICT DO NOTHING"
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


class Row(tuple):
    """A result row indexed by position or by column name, like ``sqlite3.Row``."""

    _names: dict[str, int]

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor):
    cls = _row_class(tuple(d.name for d in cursor.description or []))
    return lambda values: cls(values)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type:
    """One row class per column list (a class made per statement cost more than the statement)."""
    return type("Row", (Row,), {"_names": {n: i for i, n in enumerate(names)}})


class PgConnection:
    """A psycopg 3 connection in autocommit mode that takes the store's SQLite-style SQL.

    Transactions are explicit (``BEGIN`` ... ``COMMIT``), as on the SQLite side; ``read_only``
    makes every transaction read-only on the server, so ``serve`` can never write.
    """

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        try:
            import psycopg  # lazy: only PostgreSQL users need the driver
        except ImportError as exc:  # pragma: no cover - it is a dependency
            raise StoreError(f"PostgreSQL needs the psycopg driver ({exc})") from None
        self.url = url
        self._streams = 0
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=10)
            if read_only:
                self._conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            raise StoreError(f"{describe(url)}: cannot connect ({_first_line(exc)})") from None

    def execute(self, sql: str, params: Any = ()):
        return self._conn.execute(translate(sql), tuple(params) if params is not None else ())

    def stream(self, sql: str, params: Any = (), batch: int = 2000):
        """The rows of a query fetched ``batch`` at a time through a server-side cursor, in a
        read transaction of their own. Why: ``execute`` has the driver fetch the whole result
        at once (+35 MB for 30,000 events), where a streamed listing must keep memory flat."""
        self._streams += 1  # one name per cursor: a listing may start while another is open
        with self._conn.transaction(), self._conn.cursor(name=f"bilateral_stream_{self._streams}") as cur:
            cur.itersize = batch
            # plan for the whole result, as a plain query would (a cursor's default plans for its first tenth)
            self._conn.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            cur.execute(translate(sql), tuple(params) if params is not None else ())
            yield from cur

    def executemany(self, sql: str, rows) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            with self._conn.cursor() as cur:
                cur.executemany(translate(sql), rows)

    def pipeline(self) -> AbstractContextManager:
        return self._conn.pipeline()

    def close(self) -> None:
        self._conn.close()


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def database_errors() -> tuple[type[BaseException], ...]:
    """The exception types a store operation may raise on either engine."""
    errors: list[type[BaseException]] = [sqlite3.Error, StoreError]
    try:
        import psycopg  # lazy, as above

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)
