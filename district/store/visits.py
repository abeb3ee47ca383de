"""Consent and the resident's data: a visit is a grant of named items for a purpose, for a
few minutes (for a company, only to its representative or agents); each item read under it
is recorded with its source, a keyed hash of each value handed out is kept, and the resident
can see every read."""

from __future__ import annotations

import datetime as dt
import json

from district.contract import PlatformRefused
from district.models import Attribute, Consent, DataRead, VisitGrant
from district.store import handed_out
from district.store.calls import KioskCalls
from district.store.identity import may_act_for
from district.store.times import new_id, stamp, unstamp


class VisitCalls(KioskCalls):
    def open_visit(self, consent: Consent) -> VisitGrant:
        now = self._now()
        visit_id = new_id()
        expires_at = now + dt.timedelta(minutes=consent.minutes)
        with self._db.transaction() as tx:
            if consent.on_behalf_of is not None:
                may_act_for(tx, consent.on_behalf_of, consent.id_number)
            tx.execute("INSERT INTO visits (visit_id, kiosk_id, id_number, purpose, items,"
                       " opened_at, expires_at, on_behalf_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (visit_id, self.kiosk_id, consent.id_number, consent.purpose,
                        json.dumps(list(consent.items)), stamp(now), stamp(expires_at),
                        consent.on_behalf_of))
        return VisitGrant(visit_id=visit_id, expires_at=expires_at)

    def profile(self, visit_id: str) -> dict[str, Attribute]:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            consented = json.loads(visit["items"])
            rows = tx.all("SELECT * FROM resident_items WHERE id_number = ?",
                          (visit["id_number"],))
            found = {row["item"]: Attribute(
                value=row["value"], source=row["source"], agency=row["agency"],
                updated=dt.date.fromisoformat(row["updated"]) if row["updated"] else None)
                for row in rows if row["item"] in consented}
            for item in sorted(found):
                self._record_read(tx, visit, item, now)
            handed_out.keep(tx, visit_id, {item: a.value for item, a in found.items()})
        return found

    def data_reads(self, visit_id: str) -> list[DataRead]:
        now = self._now()
        with self._db.transaction(write=False) as tx:
            visit = self._open_visit(tx, visit_id, now)
            rows = tx.all("SELECT at, kiosk_id, item, purpose, detail FROM data_reads"
                          " WHERE id_number = ? ORDER BY at DESC, item",
                          (visit["id_number"],))
        return [DataRead(at=unstamp(row["at"]), kiosk_id=row["kiosk_id"], item=row["item"],
                         purpose=row["purpose"], detail=row["detail"]) for row in rows]

    def close_visit(self, visit_id: str) -> None:
        now = self._now()
        with self._db.transaction() as tx:
            visit = tx.one("SELECT kiosk_id, closed_at FROM visits WHERE visit_id = ?",
                           (visit_id,))
            if visit is None:
                raise PlatformRefused("not_found", "no such visit")
            if visit["kiosk_id"] != self.kiosk_id:
                raise PlatformRefused("forbidden", "the visit is another kiosk's")
            if visit["closed_at"] is None:
                tx.execute("UPDATE visits SET closed_at = ? WHERE visit_id = ?",
                           (stamp(now), visit_id))
