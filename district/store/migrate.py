"""Numbered SQL files in `migrations/`, applied in order at open and recorded in
`schema_migrations`. All missing ones run in one transaction that first takes the migration
lock, so two server workers opening at once apply each file once. A database the old
embedded platform made is adopted as the first migration runs (`legacy.py`)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from district.store.database import Database, Transaction
from district.store.legacy import adopt_kiosk_database

MIGRATIONS = Path(__file__).with_name("migrations")
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def migrations() -> list[tuple[int, str, Path]]:
    """(version, name, file), in order."""
    found = []
    for path in MIGRATIONS.iterdir():
        match = _NAME.match(path.name)
        if match:
            found.append((int(match[1]), match[2], path))
    return sorted(found)


def statements(script: str) -> list[str]:
    """A script split into statements; SQLite's own parser says where each one ends."""
    done, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            done.append(pending.strip())
            pending = ""
    if any(line.strip() and not line.strip().startswith("--") for line in pending.splitlines()):
        raise ValueError(f"an unfinished statement at the end: {pending.strip()[:60]!r}")
    return done


def migrate(db: Database, now: dt.datetime, *, upto: int | None = None) -> list[int]:
    """Apply what is missing (up to `upto`); returns the versions applied now."""
    applied_now = []
    with db.transaction() as tx:
        tx.lock("schema_migrations")
        tx.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        done = {row["version"] for row in tx.all("SELECT version FROM schema_migrations")}
        for version, name, path in migrations():
            if version in done or (upto is not None and version > upto):
                continue
            _apply(tx, path)
            tx.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                       (version, name, now.isoformat(timespec="microseconds")))
            applied_now.append(version)
        if 1 in applied_now:
            adopt_kiosk_database(tx)
    return applied_now


def _apply(tx: Transaction, path: Path) -> None:
    for statement in statements(path.read_text(encoding="utf-8")):
        tx.execute(statement)
