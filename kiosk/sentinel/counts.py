"""The sentinel's counts: scans per hour of the day (Shanghai time) by tally (green,
yellow, red, other), kept across restarts in a small table of the outbox's file (nothing
personal: a day, an hour, a tally, a number). A table of its own, made if missing, so the
outbox's schema is untouched; a short connection of its own for each write, so nothing is
left open."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from kiosk.appointment_words import SHANGHAI
from kiosk.sentinel.gate import Tally

log = logging.getLogger(__name__)
KEPT_DAYS = 35
SCHEMA = """
CREATE TABLE IF NOT EXISTS sentinel_counts (
    day TEXT NOT NULL,        -- YYYY-MM-DD, Shanghai time
    hour INTEGER NOT NULL,    -- 0..23
    tally TEXT NOT NULL,      -- green, yellow, red, other
    scans INTEGER NOT NULL,
    PRIMARY KEY (day, hour, tally)
)"""

Hours = dict[int, dict[Tally, int]]


class HourlyCounts:
    """Today's counts in memory, written through to the file; a file that cannot be
    written is one log line and the counts go on in memory."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._day = ""
        self._hours: Hours = {}

    def add(self, tally: Tally, at: dt.datetime) -> None:
        local = at.astimezone(SHANGHAI)
        day = local.date().isoformat()
        self._today(day)
        hour = self._hours.setdefault(local.hour, {})
        hour[tally] = hour.get(tally, 0) + 1
        try:
            with self._db() as db:
                db.execute(
                    "INSERT INTO sentinel_counts (day, hour, tally, scans) VALUES (?, ?, ?, 1)"
                    " ON CONFLICT (day, hour, tally) DO UPDATE SET scans = scans + 1",
                    (day, local.hour, tally.value))
        except sqlite3.Error as error:
            log.error("sentinel: %s: a count was not kept (%s); check the disk", self.path,
                      error)

    def today(self, now: dt.datetime) -> Hours:
        """Each hour of today that had scans, with its counts by tally."""
        self._today(now.astimezone(SHANGHAI).date().isoformat())
        return {hour: dict(counts) for hour, counts in sorted(self._hours.items())}

    def _today(self, day: str) -> None:
        """A new day starts empty; the first look at a day reads what the file holds."""
        if day == self._day:
            return
        self._day, self._hours = day, {}
        old = (dt.date.fromisoformat(day) - dt.timedelta(days=KEPT_DAYS)).isoformat()
        try:
            with self._db() as db:
                rows = db.execute("SELECT hour, tally, scans FROM sentinel_counts"
                                  " WHERE day = ?", (day,)).fetchall()
                db.execute("DELETE FROM sentinel_counts WHERE day < ?", (old,))
        except sqlite3.Error as error:
            log.error("sentinel: %s: the counts cannot be read (%s); today's start from 0",
                      self.path, error)
            return
        for hour, tally, scans in rows:
            if tally in Tally.__members__.values():
                self._hours.setdefault(hour, {})[Tally(tally)] = scans

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA synchronous = NORMAL")  # counts: a lost last scan is no harm
            db.execute(SCHEMA)
            with db:  # one transaction, committed
                yield db
        finally:
            db.close()
