"""What every area of a kiosk's platform shares: the database, the clock, the kiosk, and the
rule for a visit that must be open."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from district.contract import PlatformRefused
from district.store.database import Database, Row, Transaction
from district.store.times import stamp


def digest(content: Any) -> str:
    """SHA-256 of content as canonical JSON: equal content, equal digest."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def kiosk_code(kiosk_id: str) -> str:
    """The prefix of every reference a kiosk gives: BS-YY-001 -> BSYY001."""
    return "".join(ch for ch in kiosk_id if ch.isascii() and ch.isalnum()).upper()


class KioskCalls:
    """Bound to one kiosk. Each area of the Platform is a subclass of this."""

    def __init__(self, db: Database, clock: Callable[[], dt.datetime], kiosk_id: str) -> None:
        self._db = db
        self._clock = clock
        self.kiosk_id = kiosk_id

    def _now(self) -> dt.datetime:
        moment = self._clock()
        stamp(moment)  # refuses a naive time
        return moment.astimezone(dt.UTC)

    def _open_visit(self, tx: Transaction, visit_id: str, now: dt.datetime) -> Row:
        """The visit, if it is this kiosk's and its consent still holds."""
        visit = tx.one("SELECT * FROM visits WHERE visit_id = ?", (visit_id,))
        if visit is None:
            raise PlatformRefused("not_found", "no such visit")
        if visit["kiosk_id"] != self.kiosk_id:
            raise PlatformRefused("forbidden", "the visit is another kiosk's")
        if visit["closed_at"] is not None or visit["expires_at"] <= stamp(now):
            raise PlatformRefused("consent_expired", "the visit's consent has ended")
        return visit

    def _earlier(self, tx: Transaction, table: str, key: str, content_digest: str) -> Row | None:
        """An idempotent write's earlier row under the same key (locked for this
        transaction), or None; the same key with other content is a conflict."""
        tx.lock(f"key:{self.kiosk_id}:{key}")
        earlier = tx.one(f"SELECT * FROM {table} WHERE kiosk_id = ? AND idempotency_key = ?",
                         (self.kiosk_id, key))
        if earlier is not None and earlier["digest"] != content_digest:
            raise PlatformRefused("conflict", f"this key was given to other content ({table})")
        return earlier

    def _record_read(self, tx: Transaction, visit: Row, item: str, now: dt.datetime,
                     purpose: str | None = None, detail: str = "") -> None:
        """One read for the resident's list: the visit's purpose unless another is given
        (a licence fetched for a service), with the stated reason in `detail`."""
        tx.execute("INSERT INTO data_reads (visit_id, id_number, kiosk_id, item, purpose, at,"
                   " detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (visit["visit_id"], visit["id_number"], self.kiosk_id, item,
                    purpose or visit["purpose"], stamp(now), detail))
