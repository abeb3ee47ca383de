"""The embedded platform: SQLite on the kiosk itself, seeded with demo data, so the kiosk
runs anywhere with no district platform configured."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.platform import Accepted, Submission
from kiosk.platform.seed import DEMO_PROFILES, DEMO_USAGE

SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (
    id_number TEXT PRIMARY KEY,
    data TEXT NOT NULL                 -- JSON object of profile fields
);
CREATE TABLE IF NOT EXISTS service_usage (
    service_id TEXT PRIMARY KEY,
    count INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS submissions (
    reference TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    service_id TEXT NOT NULL,
    id_number TEXT NOT NULL,
    answers TEXT NOT NULL,
    signature_png BLOB NOT NULL,
    kiosk_id TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'received',
    rating INTEGER,
    signed_by TEXT NOT NULL DEFAULT 'hand'
);
"""


class EmbeddedPlatform:
    def __init__(self, path: Path, *, now: Callable[[], datetime] = datetime.now) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._now = now
        # One connection shared by the UI thread and background jobs, so serialise it.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)
        self._migrate()
        self._seed()

    def _migrate(self) -> None:
        """Bring a database made by an older version up to this schema."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(submissions)")}
        if "signed_by" not in columns:
            self._db.execute(
                "ALTER TABLE submissions ADD COLUMN signed_by TEXT NOT NULL DEFAULT 'hand'")

    def _seed(self) -> None:
        with self._lock, self._db:
            self._db.execute("BEGIN")
            for id_number, profile in DEMO_PROFILES.items():
                self._db.execute(
                    "INSERT OR IGNORE INTO profiles VALUES (?, ?)",
                    (id_number, json.dumps(profile, ensure_ascii=False)),
                )
            for service_id, count in DEMO_USAGE.items():
                self._db.execute(
                    "INSERT OR IGNORE INTO service_usage VALUES (?, ?)", (service_id, count)
                )
            self._db.execute("COMMIT")

    def profile(self, id_number: str) -> dict[str, str]:
        with self._lock:
            row = self._db.execute(
                "SELECT data FROM profiles WHERE id_number = ?", (id_number,)
            ).fetchone()
        return json.loads(row[0]) if row else {}

    def usage_counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._db.execute("SELECT service_id, count FROM service_usage"))

    def submit(self, submission: Submission) -> Accepted:
        with self._lock:
            existing = self._db.execute(
                "SELECT reference, submitted_at, status FROM submissions WHERE idempotency_key = ?",
                (submission.idempotency_key,),
            ).fetchone()
            if existing:
                return Accepted(existing[0], datetime.fromisoformat(existing[1]), existing[2])
            now = self._now()
            self._db.execute("BEGIN IMMEDIATE")
            try:
                day = now.strftime("%Y%m%d")
                (count,) = self._db.execute(
                    "SELECT COUNT(*) FROM submissions WHERE reference LIKE ?", (f"BS{day}%",)
                ).fetchone()
                reference = f"BS{day}{count + 1:04d}"
                self._db.execute(
                    "INSERT INTO submissions (reference, idempotency_key, service_id, id_number,"
                    " answers, signature_png, kiosk_id, submitted_at, signed_by)"
                    " VALUES (?,?,?,?,?,?,?,?,?)",
                    (
                        reference,
                        submission.idempotency_key,
                        submission.service_id,
                        submission.id_number,
                        json.dumps(submission.answers, ensure_ascii=False),
                        submission.signature_png,
                        submission.kiosk_id,
                        now.isoformat(timespec="seconds"),
                        submission.signed_by,
                    ),
                )
                self._db.execute(
                    "INSERT INTO service_usage VALUES (?, 1) "
                    "ON CONFLICT(service_id) DO UPDATE SET count = count + 1",
                    (submission.service_id,),
                )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        return Accepted(reference, now)

    def rate(self, reference: str, rating: int) -> None:
        if not 1 <= rating <= 5:
            raise ValueError("a rating is 1 to 5")
        with self._lock:
            self._db.execute(
                "UPDATE submissions SET rating = ? WHERE reference = ?", (rating, reference)
            )

    def lookup(self, reference: str) -> Accepted | None:
        with self._lock:
            row = self._db.execute(
                "SELECT reference, submitted_at, status FROM submissions WHERE reference = ?",
                (reference,),
            ).fetchone()
        return Accepted(row[0], datetime.fromisoformat(row[1]), row[2]) if row else None

    def close(self) -> None:
        with self._lock:
            self._db.close()
