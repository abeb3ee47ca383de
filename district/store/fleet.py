"""The fleet: a kiosk's heartbeat kept as its latest (newest wins: a beat older than the one
kept is dropped) and in a week of history; what the fleet page and its metrics read."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from dataclasses import dataclass

from district.models import Heartbeat
from district.store.calls import KioskCalls
from district.store.database import Database
from district.store.times import stamp, unstamp

HISTORY = dt.timedelta(days=7)
PRUNE_EVERY = 1000  # beats between prunes of the history (any kiosk's beat prunes for all)


@dataclass(frozen=True)
class KioskBeat:
    """A kiosk as the fleet sees it: its latest beat (None: registered, never heard from)."""

    kiosk_id: str
    centre_id: str | None
    received_at: dt.datetime | None
    beat: Heartbeat | None


class FleetCalls(KioskCalls):
    def heartbeat(self, beat: Heartbeat) -> None:
        now = self._now()
        text = beat.model_dump_json()
        with self._db.transaction() as tx:
            kept = tx.execute(
                "INSERT INTO kiosk_status (kiosk_id, received_at, sent_at, beat)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET"
                " received_at = excluded.received_at, sent_at = excluded.sent_at,"
                " beat = excluded.beat WHERE kiosk_status.sent_at <= excluded.sent_at",
                (self.kiosk_id, stamp(now), stamp(beat.sent_at), text))
            if kept:
                tx.execute("INSERT INTO heartbeats (kiosk_id, received_at, beat)"
                           " VALUES (?, ?, ?)", (self.kiosk_id, stamp(now), text))
            if next(_beats) % PRUNE_EVERY == 0:
                tx.execute("DELETE FROM heartbeats WHERE received_at < ?",
                           (stamp(now - HISTORY),))


_beats = itertools.count(1)  # this process's beats, for pruning now and then


# Registered kiosks with their latest beat, and kiosks that beat without being registered
# (the embedded platform's own kiosk: it needs no token).
_LATEST = ("SELECT * FROM (SELECT k.kiosk_id, k.centre_id, s.received_at, s.beat FROM kiosks k"
           " LEFT JOIN kiosk_status s ON s.kiosk_id = k.kiosk_id"
           " UNION ALL SELECT s.kiosk_id, NULL AS centre_id, s.received_at, s.beat"
           " FROM kiosk_status s WHERE NOT EXISTS"
           " (SELECT 1 FROM kiosks k WHERE k.kiosk_id = s.kiosk_id)) AS latest")


def fleet(db: Database) -> list[KioskBeat]:
    """Every registered kiosk and any that beat without being registered, with its latest."""
    with db.transaction(write=False) as tx:
        rows = tx.all(_LATEST + " ORDER BY kiosk_id")
    return [_kiosk_beat(row) for row in rows]


def kiosk(db: Database, kiosk_id: str) -> KioskBeat | None:
    """One kiosk with its latest beat, or None."""
    with db.transaction(write=False) as tx:
        row = tx.one(_LATEST + " WHERE kiosk_id = ?", (kiosk_id,))
    return _kiosk_beat(row) if row else None


def _kiosk_beat(row: dict) -> KioskBeat:
    return KioskBeat(row["kiosk_id"], row["centre_id"], unstamp(row["received_at"]),
                     _parsed(row["beat"]) if row["beat"] else None)


@functools.lru_cache(maxsize=20_000)
def _parsed(text: str) -> Heartbeat:
    """A kept beat read back (frozen, so shared): a page reloaded within a beat's 30 s reads
    most kiosks' unchanged, and parsing 10,000 is most of the fleet page's time."""
    return Heartbeat.model_validate_json(text)


def history(db: Database, kiosk_id: str, since: dt.datetime) -> list[tuple[dt.datetime,
                                                                            Heartbeat]]:
    """One kiosk's beats received since `since`, oldest first."""
    with db.transaction(write=False) as tx:
        rows = tx.all("SELECT received_at, beat FROM heartbeats WHERE kiosk_id = ?"
                      " AND received_at >= ? ORDER BY received_at", (kiosk_id, stamp(since)))
    return [(unstamp(row["received_at"]), Heartbeat.model_validate_json(row["beat"]))
            for row in rows]


def centre_names(db: Database) -> dict[str, tuple[str, str]]:
    with db.transaction(write=False) as tx:
        rows = tx.all("SELECT id, name_zh, name_en FROM centres")
    return {row["id"]: (row["name_zh"], row["name_en"]) for row in rows}
