"""Records to take home (社保缴费记录, 公积金缴存明细, 户籍证明 ...): each issued with a number its
verification page takes and kept, so that page can say it is genuine; each a read of the
resident's data. A record may be taken on the phone once, by a link valid ten minutes."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from district.contract import PlatformRefused
from district.models import Record, RecordRequest, RecordShare
from district.store.calls import KioskCalls
from district.store.database import Database
from district.store.record_content import build
from district.store.times import stamp, today, unstamp

DEFAULT_SHARE_BASE = "https://ywtb.example/r/"  # the embedded platform's placeholder
SHARE_LIFE = dt.timedelta(minutes=10)
NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I to misread


def new_number() -> str:
    """A verification number, XXXX-XXXX-XXXX-XXXX: 80 random bits, easy to read aloud."""
    chars = "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(16))
    return "-".join(chars[i:i + 4] for i in range(0, 16, 4))


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class RecordCalls(KioskCalls):
    share_base = DEFAULT_SHARE_BASE  # the store sets its own (the server's public URL)

    def record(self, visit_id: str, request: RecordRequest) -> Record:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            person = tx.one("SELECT * FROM residents WHERE id_number = ?", (visit["id_number"],))
            if person is None:
                raise PlatformRefused("not_found", "the platform holds no records of this person")
            content = build(tx, request.kind, person, today(now), request.months, self.kiosk_id)
            record = Record(kind=request.kind, number=new_number(), title_zh=content.title_zh,
                            title_en=content.title_en, issuer=content.issuer, issued_at=now,
                            header=content.header, columns=content.columns, rows=content.rows,
                            note=content.note)
            tx.execute("INSERT INTO records (number, kind, id_number, kiosk_id, visit_id,"
                       " service_id, issued_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (record.number, record.kind, visit["id_number"], self.kiosk_id, visit_id,
                        request.service_id, stamp(now), record.model_dump_json()))
            self._record_read(tx, visit, request.kind, now, purpose=request.service_id)
        return record

    def share_record(self, visit_id: str, number: str) -> RecordShare:
        now = self._now()
        token = secrets.token_urlsafe(24)
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            row = tx.one("SELECT id_number FROM records WHERE number = ?", (number,))
            if row is None:
                raise PlatformRefused("not_found", "no record with this number")
            if row["id_number"] != visit["id_number"]:
                raise PlatformRefused("forbidden", "the record is another resident's")
            tx.execute("INSERT INTO record_shares (token_sha256, number, expires_at)"
                       " VALUES (?, ?, ?)", (_sha256(token), number, stamp(now + SHARE_LIFE)))
        return RecordShare(url=self.share_base + token, expires_at=now + SHARE_LIFE)


def open_share(db: Database, now: dt.datetime, token: str) -> Record:
    """The shared record, once: unknown `not_found`, again `code_used`, late `code_expired`."""
    with db.transaction() as tx:
        digest = _sha256(token)
        tx.lock(f"share:{digest}")
        share = tx.one("SELECT * FROM record_shares WHERE token_sha256 = ?", (digest,))
        if share is None:
            raise PlatformRefused("not_found", "no such link")
        if share["opened_at"] is not None:
            raise PlatformRefused("code_used", "this link was opened once already")
        if share["expires_at"] <= stamp(now):
            raise PlatformRefused("code_expired", "this link is past its ten minutes")
        tx.execute("UPDATE record_shares SET opened_at = ? WHERE token_sha256 = ?",
                   (stamp(now), digest))
        row = tx.one("SELECT content FROM records WHERE number = ?", (share["number"],))
    return Record.model_validate_json(row["content"])


@dataclass(frozen=True)
class Verification:
    """What a verification page may say: genuine, the matter and the day; nothing personal."""

    what: str  # "record" or "application"
    matter: str  # a record's title, or an application's service id
    matter_en: str
    issued_on: dt.date


def verify(db: Database, text: str) -> Verification | None:
    """A record's number or an application's reference, if the platform issued it."""
    with db.transaction(write=False) as tx:
        row = tx.one("SELECT issued_at, content FROM records WHERE number = ?", (text,))
        if row is not None:
            record = Record.model_validate_json(row["content"])
            return Verification("record", record.title_zh, record.title_en,
                                today(unstamp(row["issued_at"])))
        row = tx.one("SELECT service_id, received_at FROM applications WHERE reference = ?",
                     (text,))
    if row is None:
        return None
    return Verification("application", row["service_id"], row["service_id"],
                        today(unstamp(row["received_at"])))
