"""The outbox: what must reach the district platform (submissions, ratings, audit records),
committed to an SQLite file in the kiosk's data directory before anything else happens, and
kept until it is delivered (kiosk/delivery.py delivers it). WAL with synchronous=FULL, so a
`put` that returned survives a power cut; files 0600. It also keeps the counter behind the
kiosk's references and, for each submission, whether its receipt printed and a keyed hash of
the resident's ID number, so a returning resident is recognised without keeping the number
in the clear for that purpose.

Every payload is sealed (kiosk/sealed.py: AES-GCM, the key in `outbox.key`, bound to the
item's kind and key) and purged `retention` after delivery or refusal; a pending item is
never purged (it must reach the platform). Deleted content is overwritten (secure_delete)."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from district.models import AuditRecord, Rating, Submission
from kiosk.private_files import SecretError, private_dir, private_file, resident_secret
from kiosk.references import format_reference
from kiosk.sealed import Box, SealError

log = logging.getLogger(__name__)

FILE_NAME = "outbox.sqlite"
SECRET_NAME = "resident.key"  # the per-kiosk HMAC secret for recognising a resident
KEY_NAME = "outbox.key"  # the AES-GCM key the payloads are sealed with
SQLITE_FULL = 13
SCHEMA_VERSION = 3
USAGE_KEPT = timedelta(days=35)  # usage rows (nothing personal) kept for maintenance's page
REPRINT_WINDOW = timedelta(hours=24)  # a receipt that never printed is offered this long
RETENTION = timedelta(days=7)  # [privacy] retention_days: a settled payload is kept this long
KEY_CHECK = b"outbox key check"  # sealed into `checks` so a wrong key is found at open
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
# Schema 3: payloads sealed (a BLOB; X'' once purged), the submission's service kept beside
# it (nothing personal: the reprint offer names the matter after the purge), and when.
SEALED_SCHEMA = """
ALTER TABLE items ADD COLUMN service_id TEXT;
ALTER TABLE items ADD COLUMN failed_at TEXT;
ALTER TABLE items ADD COLUMN purged_at TEXT;
UPDATE items SET service_id = json_extract(payload, '$.service_id')
    WHERE kind = 'submission' AND typeof(payload) = 'text' AND json_valid(payload);
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


class Unreadable(OutboxError, ValueError):
    """One item's payload does not open (damaged, or purged); the others are not touched.
    A ValueError too, as a payload that does not parse is (delivery refuses it once)."""


@dataclass(frozen=True)
class Item:
    id: int
    kind: Kind
    key: str
    sealed: bytes = field(repr=False)
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
    service_id: str | None = None
    _open: Callable[[Item], str] | None = field(default=None, repr=False, compare=False)

    @property
    def purged(self) -> bool:
        """Its payload is gone (retention passed); kind, reference and state remain."""
        return not self.sealed

    @property
    def payload(self) -> str:
        """The model's JSON, opened now (Unreadable if it does not open or was purged)."""
        assert self._open is not None
        return self._open(self)

    def model(self) -> Model:
        return MODELS[self.kind].model_validate_json(self.payload)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Outbox:
    """One kiosk's outbox; safe to use from any thread (one connection behind a lock)."""

    def __init__(self, path: Path, *, secret_path: Path | None = None,
                 key_path: Path | None = None, retention: timedelta = RETENTION,
                 now: Callable[[], datetime] = utc_now, max_pages: int | None = None) -> None:
        """`max_pages` caps the file's size in pages (a full disk, for tests); `retention`
        is how long a delivered or refused payload is kept ([privacy] retention_days)."""
        self.path = Path(path)
        self.key_path = Path(key_path) if key_path else self.path.parent / KEY_NAME
        self.retention = retention
        self._now = now
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        try:
            private_dir(self.path.parent)
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
            self._db.execute("PRAGMA secure_delete = ON")  # a purged payload is overwritten
            if max_pages is not None:
                self._db.execute(f"PRAGMA max_page_count = {int(max_pages)}")
            self._migrate()
            self._box = self._key()
            self._seal_clear_rows()
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
                schemas = (SCHEMA, USAGE_SCHEMA, SEALED_SCHEMA)[version:]
                for statement in ";".join(schemas).split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _key(self) -> Box:
        """The key the payloads are sealed with, made with the first outbox. A missing key
        for an outbox that has one, or another kiosk's key, stops here with one line."""
        (check,) = self._read("SELECT COUNT(*) FROM checks WHERE name = 'key'")[0]
        restore = (f"restore {self.key_path.name} from this kiosk's backup, or move "
                   f"{self.path.name} and {self.key_path.name} aside to start an empty outbox "
                   "(what it holds is then lost)")
        if check and not self.key_path.exists():
            raise OutboxError(f"{self.key_path}: missing, and {self.path} is sealed with it: "
                              f"{restore}")
        try:
            self.key_path.parent.mkdir(parents=True, exist_ok=True)
            box = Box.from_file(self.key_path)
        except SealError as error:
            raise OutboxError(f"{error}: {restore}") from None
        except OSError as error:
            raise OutboxError(f"{self.key_path}: cannot make the key: "
                              f"{_reason(error)}") from error
        rows = self._read("SELECT data FROM checks WHERE name = 'key'")
        if not rows:
            with self._write() as db:
                db.execute("INSERT INTO checks (name, data) VALUES ('key', ?)",
                           (box.seal(KEY_CHECK, b"key"),))
            return box
        try:
            box.open(rows[0][0], b"key")
        except SealError:
            raise OutboxError(f"{self.key_path}: not the key {self.path} was sealed with: "
                              f"{restore}") from None
        return box

    def _seal_clear_rows(self) -> None:
        """Payloads an older kiosk kept in clear are sealed, and the file rewritten so the
        clear text is gone from it and from the write-ahead log."""
        clear = self._read("SELECT id, kind, idempotency_key, payload FROM items"
                           " WHERE typeof(payload) = 'text'")
        if not clear:
            return
        with self._write() as db:
            for id_, kind, key, payload in clear:
                db.execute("UPDATE items SET payload = ? WHERE id = ?",
                           (self._box.seal(payload.encode(), _bound(kind, key)), id_))
        with self._lock:
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info("outbox: %d payloads left in clear by an older kiosk are sealed", len(clear))

    def _opened(self, item: Item) -> str:
        if item.purged:
            raise Unreadable(f"{self.path}: {item.kind.value} {item.reference or item.key[:8]}"
                             ": its payload was purged after the retention period")
        try:
            return self._box.open(item.sealed, _bound(item.kind.value, item.key)).decode()
        except (SealError, UnicodeDecodeError) as error:
            raise Unreadable(f"{self.path}: {item.kind.value} {item.reference or item.key[:8]}"
                             f": its payload {error}; it stays for a technician") from None

    def _item(self, row: tuple) -> Item:
        return _item(row, self._opened)

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
        service_id = model.service_id if is_submission else None
        sealed = self._box.seal(model.model_dump_json().encode(),
                                _bound(kind.value, model.idempotency_key))
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO items (kind, idempotency_key, payload, created_at,"
                " next_attempt_at, reference, resident, service_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                (kind.value, model.idempotency_key, sealed, now, now, reference, resident,
                 service_id))
            if cursor.rowcount and kind != Kind.AUDIT:
                _count_use(db, model, now, visit_seconds)
            row = db.execute(f"SELECT {_COLUMNS} FROM items WHERE idempotency_key = ?",
                             (model.idempotency_key,)).fetchone()
        for listener in list(self._listeners):
            try:
                listener()
            except Exception:  # a listener's bug must not undo a committed put
                log.exception("outbox listener failed")
        return self._item(row)

    def resident_key(self, id_number: str) -> str:
        """The keyed hash a resident is recognised by; useless without this kiosk's secret."""
        return hmac.new(self._secret, id_number.encode(), hashlib.sha256).hexdigest()

    # --- delivering (kiosk/delivery.py) -------------------------------------------------------

    def head(self) -> Item | None:
        """The oldest item still to deliver."""
        rows = self._read(f"SELECT {_COLUMNS} FROM items WHERE state = 'pending'"
                          " ORDER BY id LIMIT 1")
        return self._item(rows[0]) if rows else None

    def get(self, key: str) -> Item | None:
        rows = self._read(f"SELECT {_COLUMNS} FROM items WHERE idempotency_key = ?", (key,))
        return self._item(rows[0]) if rows else None

    def begin_attempt(self, item_id: int) -> None:
        """Recorded before the platform is called: after a crash, the next attempt knows the
        platform may already hold the item."""
        with self._write() as db:
            db.execute("UPDATE items SET attempts = attempts + 1 WHERE id = ?", (item_id,))

    def delivered(self, item_id: int, answer: str) -> None:
        """With no retention, the payload goes in the same step."""
        now = _iso(self._now())
        with self._write() as db:
            db.execute("UPDATE items SET state = 'delivered', delivered_at = ?, answer = ?,"
                       " last_error = NULL WHERE id = ?", (now, answer, item_id))
            if not self.retention:
                _purge_payloads(db, "id = ?", (item_id,), now)

    def retry_at(self, item_id: int, at: datetime, error: str) -> None:
        with self._write() as db:
            db.execute("UPDATE items SET next_attempt_at = ?, last_error = ? WHERE id = ?",
                       (_iso(at), error, item_id))

    def failed(self, item_id: int, reason: str, error: str) -> None:
        now = _iso(self._now())
        with self._write() as db:
            db.execute("UPDATE items SET state = 'failed', failed_reason = ?, last_error = ?,"
                       " failed_at = ? WHERE id = ?", (reason, error, now, item_id))
            if not self.retention:
                _purge_payloads(db, "id = ?", (item_id,), now)

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
        return [self._item(row) for row in rows]

    def unprinted_for(self, id_number: str, since: datetime) -> list[Item]:
        """This resident's submissions since `since` whose receipt did not print, newest
        first (refused ones are not offered: a technician deals with those)."""
        rows = self._read(
            f"SELECT {_COLUMNS} FROM items WHERE resident = ? AND created_at >= ?"
            " AND printed IS NOT 1 AND state != 'failed' ORDER BY id DESC",
            (self.resident_key(id_number), _iso(since)))
        return [self._item(row) for row in rows]

    # --- looking after it ----------------------------------------------------------------------

    def counts(self) -> dict[State, int]:
        found = dict(self._read("SELECT state, COUNT(*) FROM items GROUP BY state"))
        return {state: found.get(state.value, 0) for state in State}

    def failed_items(self) -> list[Item]:
        return [self._item(row) for row in self._read(
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
                "UPDATE items SET state = 'pending', failed_reason = NULL, next_attempt_at = ?,"
                " failed_at = NULL WHERE state = 'failed' AND purged_at IS NULL",
                (_iso(self._now()),))
        return cursor.rowcount

    def discard_failed(self, key: str) -> Item | None:
        """A refused item removed, payload and all (a technician confirmed); None if `key`
        is not a refused item."""
        with self._write() as db:
            row = db.execute(f"SELECT {_COLUMNS} FROM items WHERE idempotency_key = ?"
                             " AND state = 'failed'", (key,)).fetchone()
            if row is not None:
                db.execute("DELETE FROM items WHERE id = ?", (row[0],))
        return self._item(row) if row is not None else None

    def usage_since(self, since: datetime) -> list[Use]:
        """Submissions and ratings kept since `since`, oldest first (read-only)."""
        rows = self._read("SELECT kind, at, service_id, first_try, seconds, score FROM usage"
                          " WHERE at >= ? ORDER BY at", (_iso(since),))
        return [Use(Kind(kind), datetime.fromisoformat(at), service, None if first is None
                    else bool(first), seconds, score)
                for kind, at, service, first, seconds, score in rows]

    def purge(self) -> int:
        """What is past keeping goes; returns how many payloads were purged. A delivered or
        refused item's payload goes `retention` after it settled (a refused one keeps its
        reference, reason and error for the technician, and can no longer be retried); a
        delivered row goes whole once its payload is gone and its reprint window
        (REPRINT_WINDOW) has passed; usage rows after USAGE_KEPT. Pending items stay."""
        now = self._now()
        until = _iso(now - self.retention)
        with self._write() as db:
            purged = _purge_payloads(
                db, "(state = 'delivered' AND delivered_at <= ?)"
                " OR (state = 'failed' AND failed_at <= ?)", (until, until), _iso(now))
            db.execute("DELETE FROM items WHERE state = 'delivered' AND purged_at IS NOT NULL"
                       " AND created_at < ?", (_iso(now - REPRINT_WINDOW),))
            db.execute("DELETE FROM usage WHERE at < ?", (_iso(now - USAGE_KEPT),))
        if purged:
            log.info("outbox: %d payloads purged after the retention period", purged)
        return purged

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


def _purge_payloads(db: sqlite3.Connection, where: str, params: tuple, now: str) -> int:
    cursor = db.execute(f"UPDATE items SET payload = X'', answer = NULL, purged_at = ?"
                        f" WHERE purged_at IS NULL AND ({where})", (now, *params))
    return cursor.rowcount


def _bound(kind: str, key: str) -> bytes:
    """What a payload is sealed to: its kind and idempotency key."""
    return f"{kind}\n{key}".encode()


_COLUMNS = ("id, kind, idempotency_key, payload, created_at, attempts, next_attempt_at, state,"
            " delivered_at, answer, failed_reason, last_error, reference, printed, service_id")


def _item(row: tuple, opener: Callable[[Item], str]) -> Item:
    (id_, kind, key, payload, created, attempts, next_at, state, delivered_at, answer,
     reason, error, reference, printed, service_id) = row
    sealed = payload if isinstance(payload, bytes) else payload.encode()
    return Item(id_, Kind(kind), key, sealed, datetime.fromisoformat(created), attempts,
                datetime.fromisoformat(next_at), State(state),
                datetime.fromisoformat(delivered_at) if delivered_at else None, answer, reason,
                error, reference, None if printed is None else bool(printed), service_id,
                opener)


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
