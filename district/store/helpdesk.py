"""Help at the kiosk: articles, a helper called to the kiosk, and requests for a home visit
or a proxy (上门办 / 代办) for residents who cannot travel."""

from __future__ import annotations

import datetime as dt

from district.contract import PlatformRefused
from district.models import HelpArticle, HelpCall, HelpRequest, HomeService, HomeServiceRequest
from district.store.calls import KioskCalls, digest
from district.store.database import Database, Row, Transaction
from district.store.times import new_id, stamp, unstamp

MINUTES_EACH = 4  # the estimate: a helper spends about this long with each request
LANGUAGES = ("zh", "en")
STATUSES = ("waiting", "on_the_way", "done", "cancelled")


class HelpCalls(KioskCalls):
    def help_articles(self, query: str, language: str) -> list[HelpArticle]:
        if language not in LANGUAGES:
            raise PlatformRefused("invalid", f"help is in {' or '.join(LANGUAGES)}, not {language}")
        with self._db.transaction(write=False) as tx:
            rows = tx.all("SELECT * FROM help_articles ORDER BY position, id")
        # Matched here, not in SQL: SQLite's lower() knows only ASCII, and articles are few.
        wanted = query.strip().casefold()
        return [_article(row) for row in rows
                if wanted in row[f"question_{language}"].casefold()
                or wanted in row[f"answer_{language}"].casefold()]

    def call_helper(self, call: HelpCall) -> HelpRequest:
        now = self._now()
        with self._db.transaction() as tx:
            tx.lock(f"key:{self.kiosk_id}:{call.idempotency_key}")
            earlier = tx.one("SELECT * FROM help_requests"
                             " WHERE kiosk_id = ? AND idempotency_key = ?",
                             (self.kiosk_id, call.idempotency_key))
            if earlier is not None:
                return _request(tx, earlier)
            kiosk = tx.one("SELECT centre_id FROM kiosks WHERE kiosk_id = ?", (self.kiosk_id,))
            place = (kiosk and kiosk["centre_id"]) or f"kiosk:{self.kiosk_id}"
            seq = tx.one("INSERT INTO counters (name, value) VALUES ('help', 1) ON CONFLICT (name)"
                         " DO UPDATE SET value = counters.value + 1 RETURNING value")["value"]
            request_id = new_id()
            tx.execute("INSERT INTO help_requests (id, kiosk_id, idempotency_key, place, screen,"
                       " status, seq, created_at, changed_at)"
                       " VALUES (?, ?, ?, ?, ?, 'waiting', ?, ?, ?)",
                       (request_id, self.kiosk_id, call.idempotency_key, place, call.screen, seq,
                        stamp(now), stamp(now)))
            return _request(tx, tx.one("SELECT * FROM help_requests WHERE id = ?", (request_id,)))

    def help_request(self, request_id: str) -> HelpRequest:
        with self._db.transaction(write=False) as tx:
            row = tx.one("SELECT * FROM help_requests WHERE id = ?", (request_id,))
            if row is None:
                raise PlatformRefused("not_found", "no such help request")
            if row["kiosk_id"] != self.kiosk_id:
                raise PlatformRefused("forbidden", "the help request is another kiosk's")
            return _request(tx, row)

    def request_home_service(self, request: HomeServiceRequest) -> HomeService:
        content_digest = digest(request.model_dump(exclude={"idempotency_key"}))
        now = self._now()
        with self._db.transaction() as tx:
            earlier = self._earlier(tx, "home_services", request.idempotency_key,
                                    content_digest)
            if earlier is not None:
                return _home_service(earlier)
            visit = self._open_visit(tx, request.visit_id, now)
            service_id = new_id()
            tx.execute("INSERT INTO home_services (id, kiosk_id, idempotency_key, digest,"
                       " visit_id, id_number, kind, matter, note, status, created_at)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)",
                       (service_id, self.kiosk_id, request.idempotency_key, content_digest,
                        visit["visit_id"], visit["id_number"], request.kind, request.matter,
                        request.note, stamp(now)))
            return _home_service(tx.one("SELECT * FROM home_services WHERE id = ?", (service_id,)))


def _article(row: Row) -> HelpArticle:
    return HelpArticle(id=row["id"], question_zh=row["question_zh"],
                       question_en=row["question_en"], answer_zh=row["answer_zh"],
                       answer_en=row["answer_en"], video=row["video"])


def _request(tx: Transaction, row: Row) -> HelpRequest:
    ahead = 0
    if row["status"] == "waiting":
        ahead = tx.one("SELECT COUNT(*) AS n FROM help_requests"
                       " WHERE place = ? AND status = 'waiting' AND seq < ?",
                       (row["place"], row["seq"]))["n"]
    return HelpRequest(id=row["id"], status=row["status"], created_at=unstamp(row["created_at"]),
                       wait_minutes=(ahead + 1) * MINUTES_EACH if row["status"] == "waiting" else 0,
                       ahead=ahead)


def _home_service(row: Row) -> HomeService:
    return HomeService(id=row["id"], kind=row["kind"], matter=row["matter"],
                       status=row["status"], created_at=unstamp(row["created_at"]))


def update_help_request(db: Database, now: dt.datetime, request_id: str,
                        status: str) -> HelpRequest:
    """Staff moved a help request on (on_the_way, done, cancelled)."""
    if status not in STATUSES:
        raise PlatformRefused("invalid", f"a help request's status is one of {', '.join(STATUSES)}")
    with db.transaction() as tx:
        if tx.execute("UPDATE help_requests SET status = ?, changed_at = ? WHERE id = ?",
                      (status, stamp(now), request_id)) == 0:
            raise PlatformRefused("not_found", "no such help request")
        return _request(tx, tx.one("SELECT * FROM help_requests WHERE id = ?", (request_id,)))
