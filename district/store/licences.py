"""Electronic licences as references (the issuer keeps the licence): the list needs an open
visit and is itself a read; one licence is fetched only with a service and a stated reason,
and that read is recorded with both. A company's visit sees the company's licences."""

from __future__ import annotations

import datetime as dt
import json

from district.contract import PlatformRefused
from district.models import Licence, LicenceRef, LicenceRequest
from district.store.calls import KioskCalls
from district.store.database import Row


def holder_of(visit: Row) -> str:
    """Whose documents a visit sees: the company's on its behalf, else the resident's."""
    return visit["on_behalf_of"] or visit["id_number"]


def licence_ref(row: Row) -> LicenceRef:
    return LicenceRef(
        uri=row["uri"], type_code=row["type_code"], title_zh=row["title_zh"],
        title_en=row["title_en"], issuer=row["issuer"], number=row["number"],
        issued_on=dt.date.fromisoformat(row["issued_on"]),
        valid_until=dt.date.fromisoformat(row["valid_until"]) if row["valid_until"] else None)


class LicenceCalls(KioskCalls):
    def licences(self, visit_id: str) -> list[LicenceRef]:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            rows = tx.all("SELECT * FROM licences WHERE holder = ? ORDER BY position, uri",
                          (holder_of(visit),))
            self._record_read(tx, visit, "licence_list", now)
        return [licence_ref(row) for row in rows]

    def licence(self, visit_id: str, request: LicenceRequest) -> Licence:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            row = tx.one("SELECT * FROM licences WHERE uri = ?", (request.uri,))
            if row is None:
                raise PlatformRefused("not_found", "no licence with this reference")
            if row["holder"] != holder_of(visit):
                raise PlatformRefused("forbidden", "the licence is another holder's")
            self._record_read(tx, visit, row["type_code"], now, purpose=request.service_id,
                              detail=request.purpose)
        return Licence(ref=licence_ref(row), fields=json.loads(row["fields"]))
