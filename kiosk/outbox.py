"""The outbox: what must reach the district platform (submissions, ratings, audit records),
committed to an SQLite file in the kiosk's data directory before anything else happens, and
kept until it is delivered (kiosk/delivery.py delivers it). WAL with synchronous=FULL, so a
`put` that returned survives a power cut; files 0600. It also keeps the counter behind the
kiosk's references and, for each submission, whether its receipt printed and a keyed hash of
the resident's ID number, so a returning resident is recognised without keeping the number
in the clear for that purpose."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from district.models import AuditRecord, Rating, Submission
from kiosk.private_files import SecretError, private_file, resident_secret
from kiosk.references import format_reference

log = logging.getLogger(__name__)

FILE_NAME = "outbox.sqlite"
SECRET_NAME = "resident.key"  # the per-kiosk HMAC secret for recognising a resident
SQLITE_FULL = 13
SCHEMA_VERSION = 2
USAGE_KEPT = timedelta(days=35)  # usage rows (nothing personal) kept for maintenance's page
REPRINT_WINDOW = timedelta(hours=24)  # a receipt that never printed is offered this long
SCHEMA = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,   -- the order items are delivered in
    kind TEXT NOT NULL CHECK (kind IN ('submission', 'rating', 'audit')),
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,                  -- the model's JSON
    created_at TEXT NOT NULL,               -- ISO 8601, UTC: text order is time order
    attempts INTEGER NOT NULL DEFAULT 0,    -- deliveries begun
    next_attempt_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'delivered', 'failed')),
    delivered_at TEXT,
    answer TEXT,                            -- the platform's answer, JSON
    failed_reason TEXT,                     -- a PlatformRefused reason
    last_error TEXT,                        -- one line, nothing personal
    reference TEXT,                         -- submissions and ratings
    printed INTEGER,                        -- submissions: NULL not tried yet, 0 no, 1 yes
    resident TEXT                           -- submissions: HMAC-SHA256 of the ID number
);
CREATE INDEX items_pending ON items (id) WHERE state = 'pending';
CREATE INDEX items_resident ON items (resident, created_at) WHERE resident IS NOT NULL;
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE checks (name TEXT PRIMARY KEY, data BLOB NOT NULL);  -- check_writable
"""
# Schema 2: what maintenance's usage page counts, nothing personal, kept after the item goes.
USAGE_SCHEMA = """
CREATE TABLE usage (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                     -- submission or rating
    at TEXT NOT NULL,                       -- ISO 8601, UTC: when it was kept
    service_id TEXT,                        -- submissions
    first_try INTEGER,                      -- submissions: passed the pre-check at once
    seconds REAL,                           -- submissions: the visit's time until it
    score INTEGER                           -- ratings
);
CREATE INDEX usage_at ON usage (at);
"""

Model = Submission | Rating | AuditRecord


class Kind(StrEnum):
    SUBMISSION = "submission"
    RATING = "rating"
    AUDIT = "audit"


MODELS: dict[Kind, type[Model]] = {
    Kind.SUBMISSION: Submission, Kind.RATING: Rating, Kind.AUDIT: AuditRecord}


class State(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"  # the platform refused it; kept for a technician


class OutboxError(Exception):
    """The outbox could not be read or written; `str()` is one line naming the file."""


class OutboxFull(OutboxError):
    """The disk (or the file's size limit) is full: nothing of this write was kept."""


@dataclass(frozen=True)
class Item:
    id: int
    kind: Kind
    key: str
    payload: str
    created_at: datetime
    attempts: int
    next_attempt_at: datetime
    state: State
    delivered_at: datetime | None
    answer: str | None
    failed_reason: str | None
    last_error: str | None
    reference: str | None
    printed: bool | None

    def model(self) -> Model:
        return MODELS[self.kind].model_validate_json(self.payload)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Outbox:
    """One kiosk's outbox; safe to use from any thread (one connection behind a lock)."""

    def __init__(self, path: Path, *, secret_path: Path | None = None,
                 now: Callable[[], datetime] = utc_now, max_pages: int | None = None) -> None:
        """`max_pages` caps the file's size in pages (a full disk, for tests)."""
        self.path = Path(path)
        self._now = now
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._secret = resident_secret(secret_path or self.path.parent / SECRET_NAME)
            private_file(self.path)
            self._db = sqlite3.connect(self.path, isolation_level=None,
                                       check_same_thread=False, timeout=10)
        except SecretError as error:
            raise OutboxError(str(error)) from error
        except (OSError, sqlite3.Error) as error:
            raise OutboxError(f"{self.path}: cannot open the outbox: {_reason(error)}") from error
        try:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = FULL")
            if max_pages is not None:
                self._db.execute(f"PRAGMA max_page_count = {int(max_pages)}")
            self._migrate()
        except (sqlite3.Error, OutboxError) as error:
            self._db.close()
            if isinstance(error, OutboxError):
                raise
            raise _storage_error(self.path, "cannot open the outbox", error) from error

    @classmethod
    def in_folder(cls, data_dir: Path, **options) -> Outbox:
        return cls(Path(data_dir) / FILE_NAME, **options)

    def _migrate(self) -> None:
        with self._write() as db:
            (version,) = db.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise OutboxError(f"{self.path}: made by a newer kiosk (schema {version}); "
                                  "update this kiosk's software")
            if version < SCHEMA_VERSION:
                schemas = (SCHEMA, USAGE_SCHEMA)[version:]
                for statement in ";".join(schemas).split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # --- transactions -----------------------------------------------------------------------

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. A failure is reported as itself: a rollback that fails in
        turn (SQLite may already have rolled back) is logged, never raised over it."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                self._roll_back(error)
                raise _storage_error(self.path, "cannot write the outbox", error) from error
            except BaseException as error:
                self._roll_back(error)
                raise

    def _roll_back(self, cause: BaseException | None) -> None:
        if not self._db.in_transaction:
            return
        try:
            self._db.execute("ROLLBACK")
        except sqlite3.Error as second:
            after = f" after {_reason(cause)}" if cause else ""
            log.warning("%s: rollback%s failed: %s", self.path, after, second)

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._db.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise _storage_error(self.path, "cannot read the outbox", error) from error

    # --- putting ----------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Called after each put has committed (the delivery wakes on it)."""
        self._listeners.append(listener)

    def new_reference(self, kiosk_id: str, day: date) -> str:
        """A reference whose number was never given before, committed before it is returned."""
        with self._write() as db:
            (number,) = db.execute(
                "INSERT INTO counters (name, value) VALUES ('reference', 1)"
                " ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
            ).fetchone()
        return format_reference(kiosk_id, day, number)

    def put(self, model: Model, *, visit_seconds: float | None = None) -> Item:
        """Keep `model` for delivery; returns once it is on disk. Putting the same key again
        keeps the first and returns it. Raises OutboxFull or OutboxError: then nothing was
        kept. `visit_seconds`: a submission's visit until it, for the usage page."""
        kind = next(kind for kind, cls in MODELS.items() if isinstance(model, cls))
        now = _iso(self._now())
        is_submission = isinstance(model, Submission)
        resident = self.resident_key(model.id_number) if is_submission else None
        reference = getattr(model, "reference", None)
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO items (kind, idempotency_key, payload, created_at,"
                " next_attempt_at, reference, resident) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (idempotency_key) DO NOTHING",
                (kind.value, model.idempotency_key, model.model_dump_json(), now, now,
                 reference, resident))
            if cursor.rowcount and kind != Kind.AUDIT:
                _count_use(db, model, now, visit_seconds)
            row = db.execute(f"SELECT {_COLUMNS} FROM items WHERE idempotency_key = ?",
                             (model.idempotency_key,)).fetchone()
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # a listener's bug must not undo a committed put
                log.exception("outbox listener failed")
        return _item(row)

    def resident_key(self, id_number: str) -> str:
        """The keyed hash a resident is recognised by; useless without this kiosk's secret."""
        return hmac.new(self._secret, id_number.encode(), hashlib.sha256).hexdigest()

    # --- delivering (kiosk/delivery.py) -------------------------------------------------------

    def head(self) -> Item | None:
        """The oldest item still to deliver."""
        rows = self._read(f"SELECT {_COLUMNS} FROM items WHERE state = 'pending'"
                          " ORDER BY id LIMIT 1")
        return _item(rows[0]) if rows else None

    def get(self, key: str) -> Item | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM items WHERE idempotency_key = ?", (key,))
        return _item(rows[0]) if rows else None

    def begin_attempt(self, item_id: int) -> None:
        """Recorded before the platform is called: after a crash, the next attempt knows the
        platform may already hold the item."""
        with self._write() as db:
            db.execute("UPDATE items SET attempts = attempts + 1 WHERE id = ?", (item_id,))

    def delivered(self, item_id: int, answer: str) -> None:
        with self._write() as db:
            db.execute("UPDATE items SET state = 'delivered', delivered_at = ?, answer = ?,"
                       " last_error = NULL WHERE id = ?", (_iso(self._now()), answer, item_id))

    def retry_at(self, item_id: int, at: datetime, error: str) -> None:
        with self._write() as db:
            db.execute("UPDATE items SET next_attempt_at = ?, last_error = ? WHERE id = ?",
                       (_iso(at), error, item_id))

    def failed(self, item_id: int, reason: str, error: str) -> None:
        with self._write() as db:
            db.execute("UPDATE items SET state = 'failed', failed_reason = ?, last_error = ?"
                       " WHERE id = ?", (reason, error, item_id))

    # --- receipts and returning residents -------------------------------------------------------

    def mark_printed(self, key: str, printed: bool) -> None:
        with self._write() as db:
            db.execute("UPDATE items SET printed = ? WHERE idempotency_key = ?"
                       " AND kind = 'submission'", (int(printed), key))

    def take_interrupted(self) -> list[Item]:
        """Submissions whose receipt was never tried (the kiosk stopped first), each returned
        once: they are marked as not printed, so a returning resident is offered a reprint."""
        with self._write() as db:
            rows = db.execute(f"SELECT {_COLUMNS} FROM items WHERE kind = 'submission'"
                              " AND printed IS NULL ORDER BY id").fetchall()
            db.execute("UPDATE items SET printed = 0 WHERE kind = 'submission'"
                       " AND printed IS NULL")
        return [_item(row) for row in rows]

    def unprinted_for(self, id_number: str, since: datetime) -> list[Item]:
        """This resident's submissions since `since` whose receipt did not print, newest
        first (refused ones are not offered: a technician deals with those)."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM items WHERE resident = ? AND created_at >= ?"
            " AND printed IS NOT 1 AND state != 'failed' ORDER BY id DESC",
            (self.resident_key(id_number), _iso(since)))
        return [_item(row) for row in rows]

    # --- looking after it ----------------------------------------------------------------------

    def counts(self) -> dict[State, int]:
        found = dict(self._read("SELECT state, COUNT(*) FROM items GROUP BY state"))
        return {state: found.get(state.value, 0) for state in State}

    def failed_items(self) -> list[Item]:
        return [_item(row) for row in self._read(
            f"SELECT {_COLUMNS} FROM items WHERE state = 'failed' ORDER BY id")]

    def waiting(self) -> list[Waiting]:
        """Pending and refused items by kind: how many, the oldest, the latest error."""
        rows = self._read(
            "SELECT kind, state, COUNT(*), MIN(created_at),"
            " (SELECT last_error FROM items AS i WHERE i.kind = items.kind"
            "  AND i.state = items.state AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1)"
            " FROM items WHERE state != 'delivered' GROUP BY kind, state ORDER BY kind, state")
        return [Waiting(Kind(kind), State(state), count, datetime.fromisoformat(oldest), error)
                for kind, state, count, oldest, error in rows]

    def requeue_failed(self) -> int:
        """Refused items go back to pending, to be tried again now (a technician's retry)."""
        with self._write() as db:
            cursor = db.execute(
                "UPDATE items SET state = 'pending', failed_reason = NULL, next_attempt_at = ?"
                " WHERE state = 'failed'", (_iso(self._now()),))
        return cursor.rowcount

    def discard_failed(self, key: str) -> Item | None:
        """A refused item removed, payload and all (a technician confirmed); None if `key`
        is not a refused item."""
        with self._write() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM items WHERE idempotency_key = ?"
                             " AND state = 'failed'", (key,)).fetchone()
            if row is not None:
                db.execute("DELETE FROM items WHERE id = ?", (row[0],))
        return _item(row) if row is not None else None

    def usage_since(self, since: datetime) -> list[Use]:
        """Submissions and ratings kept since `since`, oldest first (read-only)."""
        rows = self._read("SELECT kind, at, service_id, first_try, seconds, score FROM usage"
                          " WHERE at >= ? ORDER BY at", (_iso(since),))
        return [Use(Kind(kind), datetime.fromisoformat(at), service, None if first is None
                    else bool(first), seconds, score)
                for kind, at, service, first, seconds, score in rows]

    def forget_delivered(self, before: datetime) -> int:
        """Delivered items made before `before` go: the platform holds them, and their
        payloads hold personal data this kiosk no longer needs."""
        with self._write() as db:
            cursor = db.execute("DELETE FROM items WHERE state = 'delivered' AND created_at < ?",
                                (_iso(before),))
            db.execute("DELETE FROM usage WHERE at < ?", (_iso(self._now() - USAGE_KEPT),))
        return cursor.rowcount

    def check_writable(self, room: int = 256 * 1024) -> None:
        """OutboxFull unless a write of `room` bytes would fit (a submission with its
        signature), OutboxError if the file cannot be written at all. Nothing is kept."""
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("INSERT INTO checks (name, data) VALUES ('room', zeroblob(?))",
                                 (room,))
            except sqlite3.Error as error:
                self._roll_back(error)
                raise _storage_error(self.path, "cannot write the outbox", error) from error
            self._roll_back(None)

    def now(self) -> datetime:
        return self._now()

    def close(self) -> None:
        with self._lock:
            self._db.close()


@dataclass(frozen=True)
class Waiting:
    """Items not delivered yet of one kind and state."""

    kind: Kind
    state: State
    count: int
    oldest: datetime
    last_error: str | None


@dataclass(frozen=True)
class Use:
    """One submission or rating, as the usage page counts it (nothing personal)."""

    kind: Kind
    at: datetime
    service_id: str | None
    first_try: bool | None
    seconds: float | None
    score: int | None


def _count_use(db: sqlite3.Connection, model: Model, now: str,
               visit_seconds: float | None) -> None:
    if isinstance(model, Submission):
        db.execute("INSERT INTO usage (kind, at, service_id, first_try, seconds)"
                   " VALUES ('submission', ?, ?, ?, ?)",
                   (now, model.service_id, int(model.first_try), visit_seconds))
    elif isinstance(model, Rating):
        db.execute("INSERT INTO usage (kind, at, score) VALUES ('rating', ?, ?)",
                   (now, model.score))


_COLUMNS = ("id, kind, idempotency_key, payload, created_at, attempts, next_attempt_at, state,"
            " delivered_at, answer, failed_reason, last_error, reference, printed")


def _item(row: tuple) -> Item:
    (id_, kind, key, payload, created, attempts, next_at, state, delivered_at, answer,
     reason, error, reference, printed) = row
    return Item(id_, Kind(kind), key, payload, datetime.fromisoformat(created), attempts,
                datetime.fromisoformat(next_at), State(state),
                datetime.fromisoformat(delivered_at) if delivered_at else None, answer, reason,
                error, reference, None if printed is None else bool(printed))


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("outbox times must be aware (UTC)")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__


def _storage_error(path: Path, doing: str, error: sqlite3.Error) -> OutboxError:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == SQLITE_FULL:
        return OutboxFull(f"{path}: {doing}: the disk is full ({error}); free space in "
                          f"{path.parent}")
    return OutboxError(f"{path}: {doing}: {error}")
