"""One way to run SQL on SQLite or PostgreSQL: open by URL, transactions as a context manager,
rows as dicts. Hand-written because the store needs only this (a full ORM is more than it
needs): SQL is written once with `?` placeholders in the subset both engines speak
(ON CONFLICT upserts, RETURNING), and a driver's error leaves as PlatformUnavailable with the
real cause, never as a failed rollback."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from district.contract import PlatformUnavailable

Row = dict[str, Any]
BUSY_TIMEOUT_S = 10.0


def unavailable(name: str, err: BaseException) -> PlatformUnavailable:
    """The driver's error as one line naming the store; a driver's DETAIL lines (which can
    quote a row's values) stay on the chained cause, out of the message."""
    first = (str(err).strip().splitlines() or [type(err).__name__])[0]
    return PlatformUnavailable(f"store {name}: {first}")


class Transaction:
    """The statements of one transaction; rows come back as dicts. SQL text uses `?` for
    every value and never holds a literal `?` (PostgreSQL's driver gets `%s` in its place)."""

    def __init__(self, cursor: Any, dialect: str) -> None:
        self._cursor = cursor
        self.dialect = dialect

    def _sql(self, sql: str) -> str:
        if self.dialect == "postgresql":
            return sql.replace("%", "%%").replace("?", "%s")
        return sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; returns the number of rows it changed."""
        self._cursor.execute(self._sql(sql), tuple(params))
        return self._cursor.rowcount

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        self._cursor.execute(self._sql(sql), tuple(params))
        return self._cursor.fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self._cursor.execute(self._sql(sql), tuple(params))
        return list(self._cursor.fetchall())

    def lock(self, *names: str) -> None:
        """Hold these names until the transaction ends. PostgreSQL takes advisory locks (in
        one order, so two transactions never wait on each other); on SQLite the write
        transaction (BEGIN IMMEDIATE) already excludes every other writer."""
        if self.dialect != "postgresql":
            return
        for name in sorted(set(names)):
            key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
            self._cursor.execute("SELECT pg_advisory_xact_lock(%s)", (key,))


class Database:
    """The base of both engines: `transaction()` and `close()`."""

    dialect: str
    name: str  # for messages: the file, or the server without its password

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError


def open_database(url: str) -> Database:
    """`sqlite:///abs/path.sqlite` or `postgresql://user@host:port/name`."""
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        path = url.removeprefix("sqlite://")
        if not path.startswith("/"):
            raise ValueError(f"store URL {url!r}: give an absolute path, sqlite:///abs/path")
        return SqliteDatabase(Path(path))
    if scheme in ("postgresql", "postgres"):
        return PostgresDatabase(url)
    raise ValueError(f"store URL {url!r}: use sqlite:///path or postgresql://host/name")


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> Row:
    return {column[0]: value for column, value in zip(cursor.description, row, strict=True)}


def _write_ahead_log(connection: sqlite3.Connection) -> None:
    """Switch a database to WAL. The switch takes the file's lock without SQLite's busy
    handler, so when several processes open a new file at once, wait for it here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


class SqliteDatabase(Database):
    """One connection per thread, WAL, synchronous=FULL; writers begin IMMEDIATE, so a write
    transaction never fails half way for want of the lock."""

    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.name = str(path)
        self._path = path
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self._closed = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._connection()
        except (OSError, sqlite3.Error) as err:
            raise unavailable(self.name, err) from err

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            with self._guard:
                if self._closed:
                    raise PlatformUnavailable(f"store {self.name}: closed")
                connection = sqlite3.connect(
                    self._path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                    check_same_thread=False)
                self._all.append(connection)
            connection.row_factory = _dict_row
            _write_ahead_log(connection)
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            self._local.connection = connection
        return connection

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        try:
            connection = self._connection()
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.Error as err:
            raise unavailable(self.name, err) from err
        try:
            yield Transaction(connection.cursor(), self.dialect)
            connection.execute("COMMIT")
        except BaseException as err:
            # SQLite rolls back by itself after some errors (a full disk, I/O): a second
            # ROLLBACK would fail and hide the cause, so roll back only what is still open.
            if connection.in_transaction:
                try:
                    connection.execute("ROLLBACK")
                except sqlite3.Error as rollback_error:
                    err.add_note(f"the rollback failed too: {rollback_error}")
            if isinstance(err, sqlite3.Error):
                raise unavailable(self.name, err) from err
            raise

    def close(self) -> None:
        with self._guard:
            self._closed = True
            connections, self._all = self._all, []
        for connection in connections:
            connection.close()


class PostgresDatabase(Database):
    """A psycopg pool; each transaction has one connection from it."""

    dialect = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg.rows import dict_row
        from psycopg_pool import ConnectionPool

        self._psycopg = psycopg
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        self.name = urlunsplit((parts.scheme, f"{host}:{parts.port or 5432}", parts.path, "", ""))
        try:  # once first, so a wrong address fails at once and says why
            psycopg.connect(url, connect_timeout=BUSY_TIMEOUT_S).close()
        except psycopg.Error as err:
            raise unavailable(self.name, err) from err
        self._pool = ConnectionPool(
            url, min_size=1, max_size=8, open=False, timeout=BUSY_TIMEOUT_S,
            kwargs={"row_factory": dict_row, "autocommit": True}, name="district-store")
        try:
            self._pool.open(wait=True, timeout=BUSY_TIMEOUT_S)
        except Exception as err:
            self._pool.close()
            raise unavailable(self.name, err) from err

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        from psycopg_pool import PoolTimeout

        try:
            with (self._pool.connection() as connection, connection.transaction(),
                  connection.cursor() as cursor):
                yield Transaction(cursor, self.dialect)
        except (self._psycopg.Error, PoolTimeout) as err:
            raise unavailable(self.name, err) from err

    def close(self) -> None:
        self._pool.close()
