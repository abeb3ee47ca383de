"""A damaged outbox at start: moved aside (`outbox.sqlite.corrupt-<UTC time>`, with its -wal
and -shm), a fresh one made, and every row the damaged file still gives up copied into it
first, column for column and with its own id, so queued items keep their order, go before
anything new, and keep whatever form their payload has. Hand-written because Python's sqlite3
has no recovery API (the CLI's `.recover` is not a library)."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.outbox import Outbox

log = logging.getLogger(__name__)

CORRUPT = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
REFERENCE_MARGIN = 1000  # a lost counter restarts this far past the highest number seen


@dataclass(frozen=True)
class Salvage:
    moved_to: Path
    saved: int  # queued items (pending or refused) copied into the fresh outbox
    rows: int  # every row copied, of every table
    lost: int | None  # items that could not be read (at most); None: not known

    def line(self, path: Path, damage: str) -> str:
        lost = ("how many were lost is not known" if self.lost is None
                else "none lost" if self.lost == 0 else f"up to {self.lost} lost")
        return (f"{path}: damaged ({damage}): moved aside to {self.moved_to.name}; "
                f"{self.saved} queued items saved ({self.rows} rows in all), {lost}")


def damage(path: Path) -> str | None:
    """What `PRAGMA quick_check` finds wrong with the file (one line), None when it is sound
    or absent. Raises sqlite3.Error when the file cannot be opened at all (not damage)."""
    if not path.exists():
        return None
    db = sqlite3.connect(path, timeout=10)
    try:
        rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in CORRUPT:
            return str(error)
        raise
    finally:
        db.close()
    if rows == [("ok",)]:
        return None
    return f"{rows[0][0]}" + (f" and {len(rows) - 1} more problems" if len(rows) > 1 else "")


def salvage(path: Path, now: datetime | None = None) -> Salvage:
    """Move the damaged outbox at `path` aside, make a fresh one, copy in what can be read."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("-wal", "-shm", ""):  # the file last, so a crash between leaves it found
        part = Path(f"{path}{suffix}")
        if part.exists():
            part.rename(Path(f"{aside}{suffix}"))
    Outbox(path).close()  # the fresh one, its schema made as always
    old = _open_damaged(aside)
    rows, saved, lost = 0, 0, None
    fresh = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        fresh.execute("BEGIN IMMEDIATE")
        for table, sql in _tables(old) if old is not None else []:
            found, gap = _rows(old, table)
            if table == "items":
                lost = gap
                saved = sum(1 for row in found.values() if row.get("state") != "delivered")
            rows += _copy(fresh, table, sql, found)
        if old is None or not _copied_counter(old):
            _restart_counter(fresh)
        fresh.execute("COMMIT")
    finally:
        fresh.close()
        if old is not None:
            old.close()
    return Salvage(aside, saved, rows, lost)


def _open_damaged(path: Path) -> sqlite3.Connection | None:
    try:
        db = sqlite3.connect(path, timeout=10)  # the copy aside: its -wal is taken in too
        db.execute("PRAGMA writable_schema = ON")  # reads a file shorter than its header says
        db.execute("SELECT name FROM sqlite_master").fetchall()
        return db
    except sqlite3.DatabaseError:
        return None


def _tables(db: sqlite3.Connection) -> list[tuple[str, str]]:
    try:
        return db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                          " AND name NOT LIKE 'sqlite_%' ORDER BY rootpage").fetchall()
    except sqlite3.DatabaseError:
        return []


def _rows(db: sqlite3.Connection, table: str) -> tuple[dict[int, dict], int | None]:
    """The rows that can be read, by rowid, and how many could not (None: not known, when
    the table's end cannot be reached). A damaged page stops a scan, so past one scan the
    rowids are gathered from both ends and each row is read on its own."""
    query = f'SELECT rowid AS "_salvage_rowid", * FROM "{table}"'
    try:
        return _as_dicts(db.execute(f"{query} ORDER BY rowid")), 0
    except sqlite3.DatabaseError:
        pass
    first, last = _rowids(db, table, "ASC"), _rowids(db, table, "DESC")
    found: dict[int, dict] = {}
    unreadable = 0
    for rowid in sorted(set(first) | set(last)):
        try:
            found.update(_as_dicts(db.execute(f"{query} WHERE rowid = ?", (rowid,))))
        except sqlite3.DatabaseError:
            unreadable += 1
    if not last:
        return found, None
    return found, unreadable + max(0, min(last) - max(first, default=0) - 1)


def _as_dicts(cursor: sqlite3.Cursor) -> dict[int, dict]:
    names = [column[0] for column in cursor.description]
    return {row[0]: dict(zip(names[1:], row[1:], strict=True)) for row in cursor.fetchall()}


def _rowids(db: sqlite3.Connection, table: str, order: str) -> list[int]:
    """The rowids one scan reaches from this end before the damage stops it."""
    seen: list[int] = []
    try:
        for (rowid,) in db.execute(f'SELECT rowid FROM "{table}" ORDER BY rowid {order}'):
            seen.append(rowid)
    except sqlite3.DatabaseError:
        pass
    return seen


def _copy(fresh: sqlite3.Connection, table: str, sql: str, found: dict[int, dict]) -> int:
    have = [row[1] for row in fresh.execute(f'PRAGMA table_info("{table}")')]
    if not have:  # a table of another part of the kiosk (the sentinel's counts): as it was
        fresh.execute(sql)
        have = [row[1] for row in fresh.execute(f'PRAGMA table_info("{table}")')]
    copied = 0
    for rowid in sorted(found):
        row = {name: value for name, value in found[rowid].items() if name in have}
        columns = ", ".join(f'"{name}"' for name in row)
        marks = ", ".join("?" for _ in row)
        cursor = fresh.execute(f'INSERT OR IGNORE INTO "{table}" ({columns}) VALUES ({marks})',
                               tuple(row.values()))
        copied += cursor.rowcount
    return copied


def _copied_counter(old: sqlite3.Connection) -> bool:
    """The counters could be read (with the reference's row, or none: no reference given)."""
    try:
        old.execute("SELECT name, value FROM counters").fetchall()
        return True
    except sqlite3.DatabaseError:
        return False


def _restart_counter(fresh: sqlite3.Connection) -> None:
    """The reference counter was lost: go well past every number this kiosk may have given,
    so no reference is ever given twice."""
    tails = [ref.rsplit("-", 1)[-1] for (ref,) in fresh.execute(
        "SELECT reference FROM items WHERE reference IS NOT NULL")]
    (top_id,) = fresh.execute("SELECT COALESCE(MAX(id), 0) FROM items").fetchone()
    value = max([top_id, *(int(tail) for tail in tails if tail.isdigit())]) + REFERENCE_MARGIN
    fresh.execute("INSERT OR REPLACE INTO counters (name, value) VALUES ('reference', ?)",
                  (value,))
    log.warning("outbox: the reference counter was lost with the damage; it goes on from %d",
                value + 1)
