"""Submissions and what follows them: the reference a kiosk gave, the stages of the
application, SMS reminders, ratings, audit records and the usage counts."""

from __future__ import annotations

import datetime as dt
import json

from district.contract import PlatformRefused
from district.models import Accepted, AuditRecord, Progress, Rating, Stage, Submission
from district.store import handed_out
from district.store.calls import KioskCalls, digest, kiosk_code
from district.store.database import Database, Row, Transaction
from district.store.identity import may_act_for
from district.store.times import stamp, unstamp

STAGES = ("received", "accepted", "reviewing", "ready", "done")


class SubmissionCalls(KioskCalls):
    def usage_counts(self) -> dict[str, int]:
        with self._db.transaction(write=False) as tx:
            rows = tx.all("SELECT service_id, count FROM usage_counts")
        return {row["service_id"]: row["count"] for row in rows}

    def submit(self, submission: Submission) -> Accepted:
        code = kiosk_code(self.kiosk_id)
        if not code or not submission.reference.startswith(code + "-"):
            raise PlatformRefused("forbidden", f"a reference from this kiosk starts {code}-")
        content_digest = digest(submission.model_dump(mode="json", exclude={"idempotency_key"}))
        now = self._now()
        with self._db.transaction() as tx:
            tx.lock(f"submission:{submission.reference}",
                    f"key:{self.kiosk_id}:{submission.idempotency_key}")
            earlier = tx.all("SELECT reference, digest, received_at FROM applications"
                             " WHERE reference = ? OR (kiosk_id = ? AND idempotency_key = ?)",
                             (submission.reference, self.kiosk_id, submission.idempotency_key))
            if earlier:
                if len(earlier) == 1 and earlier[0]["digest"] == content_digest:
                    return Accepted(reference=earlier[0]["reference"],
                                    received_at=unstamp(earlier[0]["received_at"]))
                raise PlatformRefused("conflict", "key or reference given to other content")
            self._check_visit(tx, submission)
            insert_application(tx, self.kiosk_id, submission, content_digest, now)
        return Accepted(reference=submission.reference, received_at=now)

    def _check_visit(self, tx: Transaction, submission: Submission) -> None:
        """Locked answers are what the visit they came from was handed (the visit may have
        ended since: the outbox delivers later), and a company's matter is filed by its
        representative or an agent."""
        if submission.on_behalf_of is not None:
            may_act_for(tx, submission.on_behalf_of, submission.id_number)
        if not submission.locked:
            return
        if submission.visit_id is None:
            raise PlatformRefused("invalid", "locked answers need the visit they came from")
        visit = tx.one("SELECT kiosk_id, id_number FROM visits WHERE visit_id = ?",
                       (submission.visit_id,))
        if visit is None:
            raise PlatformRefused("altered", "no such visit handed these values out")
        if visit["kiosk_id"] != self.kiosk_id or visit["id_number"] != submission.id_number:
            raise PlatformRefused("forbidden", "the visit is another kiosk's or resident's")
        handed_out.check_locked(tx, submission.visit_id, submission.locked, submission.answers)

    def rate(self, rating: Rating) -> None:
        now = self._now()
        with self._db.transaction() as tx:
            tx.lock(f"key:{self.kiosk_id}:{rating.idempotency_key}", f"rating:{rating.reference}")
            if tx.one("SELECT 1 AS seen FROM ratings WHERE kiosk_id = ? AND idempotency_key = ?",
                      (self.kiosk_id, rating.idempotency_key)):
                return
            tx.execute("UPDATE ratings SET latest = 0 WHERE reference = ?", (rating.reference,))
            tx.execute("INSERT INTO ratings (kiosk_id, idempotency_key, reference, score,"
                       " reasons, rated_at, latest) VALUES (?, ?, ?, ?, ?, ?, 1)",
                       (self.kiosk_id, rating.idempotency_key, rating.reference, rating.score,
                        json.dumps(list(rating.reasons)), stamp(now)))

    def record_audit(self, record: AuditRecord) -> None:
        content_digest = digest(record.model_dump(exclude={"idempotency_key"}))
        now = self._now()
        with self._db.transaction() as tx:
            if self._earlier(tx, "audit_records", record.idempotency_key, content_digest):
                return
            tx.execute("INSERT INTO audit_records (kiosk_id, idempotency_key, digest, at, event,"
                       " detail, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       (self.kiosk_id, record.idempotency_key, content_digest, stamp(record.at),
                        record.event, record.detail, stamp(now)))

    def progress(self, reference: str) -> Progress | None:
        with self._db.transaction(write=False) as tx:
            row = tx.one("SELECT * FROM applications WHERE reference = ?", (reference,))
            return None if row is None else read_progress(tx, row)

    def applications(self, visit_id: str) -> list[Progress]:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            if visit["on_behalf_of"]:  # the enterprise page: the company's, by whoever filed
                rows = tx.all("SELECT * FROM applications WHERE on_behalf_of = ?"
                              " ORDER BY received_at DESC, reference DESC",
                              (visit["on_behalf_of"],))
            else:  # the resident's own matters
                rows = tx.all("SELECT * FROM applications WHERE id_number = ?"
                              " AND on_behalf_of IS NULL ORDER BY received_at DESC,"
                              " reference DESC", (visit["id_number"],))
            self._record_read(tx, visit, "applications", now)
            return [read_progress(tx, row) for row in rows]

    def subscribe(self, visit_id: str, reference: str) -> Progress:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            row = tx.one("SELECT * FROM applications WHERE reference = ?", (reference,))
            if row is None:
                raise PlatformRefused("not_found", "no such application")
            if row["id_number"] != visit["id_number"]:
                raise PlatformRefused("forbidden", "the application is another resident's")
            tx.execute("UPDATE applications SET subscribed = 1 WHERE reference = ?", (reference,))
            self._record_read(tx, visit, "applications", now)
            row = tx.one("SELECT * FROM applications WHERE reference = ?", (reference,))
            return read_progress(tx, row)


def insert_application(tx: Transaction, kiosk_id: str, submission: Submission,
                       content_digest: str, now: dt.datetime) -> None:
    """A new application at its first stage; it counts one use of its service."""
    tx.execute("INSERT INTO applications (reference, kiosk_id, idempotency_key, digest,"
               " service_id, id_number, answers, signature_png, signed_by, signed_at,"
               " received_at, visit_id, locked, licences, on_behalf_of, first_try)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (submission.reference, kiosk_id, submission.idempotency_key, content_digest,
                submission.service_id, submission.id_number,
                json.dumps(submission.answers, ensure_ascii=False), submission.signature_png,
                submission.signed_by, stamp(submission.signed_at), stamp(now),
                submission.visit_id, json.dumps(submission.locked),
                json.dumps(list(submission.licences)), submission.on_behalf_of,
                int(submission.first_try)))
    for position, attachment in enumerate(submission.attachments):
        tx.execute("INSERT INTO application_attachments (reference, position, material, png,"
                   " checked, findings) VALUES (?, ?, ?, ?, ?, ?)",
                   (submission.reference, position, attachment.material, attachment.png,
                    int(attachment.checked),
                    json.dumps(list(attachment.findings), ensure_ascii=False)))
    for position, name in enumerate(STAGES):
        tx.execute("INSERT INTO application_stages (reference, position, name, at)"
                   " VALUES (?, ?, ?, ?)",
                   (submission.reference, position, name, stamp(now) if position == 0 else None))
    tx.execute("INSERT INTO usage_counts (service_id, count) VALUES (?, 1)"
               " ON CONFLICT (service_id) DO UPDATE SET count = usage_counts.count + 1",
               (submission.service_id,))


def read_progress(tx: Transaction, row: Row) -> Progress:
    stages = tx.all("SELECT name, at FROM application_stages WHERE reference = ?"
                    " ORDER BY position", (row["reference"],))
    reached = [stage["name"] for stage in stages if stage["at"] is not None]
    return Progress(
        reference=row["reference"], service_id=row["service_id"],
        submitted_at=unstamp(row["signed_at"]), status=reached[-1] if reached else "received",
        stages=tuple(Stage(name=s["name"], at=unstamp(s["at"])) for s in stages),
        subscribed=bool(row["subscribed"]))


def advance_application(db: Database, now: dt.datetime, reference: str, stage: str) -> Progress:
    """Staff moved an application on: this stage and any earlier one not yet reached are
    reached now."""
    with db.transaction() as tx:
        tx.lock(f"submission:{reference}")
        row = tx.one("SELECT * FROM applications WHERE reference = ?", (reference,))
        if row is None:
            raise PlatformRefused("not_found", f"no application {reference}")
        target = tx.one("SELECT position FROM application_stages WHERE reference = ? AND name = ?",
                        (reference, stage))
        if target is None:
            raise PlatformRefused("invalid", f"an application has no stage {stage!r}")
        tx.execute("UPDATE application_stages SET at = ?"
                   " WHERE reference = ? AND position <= ? AND at IS NULL",
                   (stamp(now), reference, target["position"]))
        return read_progress(tx, row)



def first_try_counts(db: Database) -> dict[str, tuple[int, int]]:
    """Per service: applications whose pre-check passed at the first attempt, and all."""
    with db.transaction(write=False) as tx:
        rows = tx.all("SELECT service_id, SUM(first_try) AS first, COUNT(*) AS total"
                      " FROM applications GROUP BY service_id")
    return {row["service_id"]: (int(row["first"]), int(row["total"])) for row in rows}


def latest_rating(db: Database, reference: str) -> Rating | None:
    with db.transaction(write=False) as tx:
        row = tx.one("SELECT * FROM ratings WHERE reference = ? AND latest = 1", (reference,))
    return None if row is None else Rating(
        idempotency_key=row["idempotency_key"], reference=row["reference"], score=row["score"],
        reasons=tuple(json.loads(row["reasons"])))


def audit_records(db: Database, kiosk_id: str) -> list[AuditRecord]:
    with db.transaction(write=False) as tx:
        rows = tx.all("SELECT * FROM audit_records WHERE kiosk_id = ?"
                      " ORDER BY at, idempotency_key", (kiosk_id,))
    return [AuditRecord(idempotency_key=row["idempotency_key"], at=unstamp(row["at"]),
                        event=row["event"], detail=row["detail"]) for row in rows]
