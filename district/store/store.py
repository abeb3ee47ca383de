"""The store: opens the database and brings its schema up, gives each kiosk its Platform,
and does what staff and the server need (kiosk tokens, moving applications and queues on)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable

from district.contract import PlatformRefused
from district.models import AuditRecord, Booking, Heartbeat, HelpRequest, Progress, Rating, Record
from district.store import bookings, fleet, handed_out, helpdesk, identity, records, submissions
from district.store.benefits import BenefitCalls
from district.store.bookings import BookingCalls
from district.store.database import Database, open_database
from district.store.fleet import FleetCalls, KioskBeat
from district.store.helpdesk import HelpCalls
from district.store.identity import IdentityCalls
from district.store.licences import LicenceCalls
from district.store.migrate import migrate
from district.store.records import DEFAULT_SHARE_BASE, RecordCalls, Verification
from district.store.submissions import SubmissionCalls
from district.store.times import stamp
from district.store.visits import VisitCalls


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class KioskPlatform(IdentityCalls, VisitCalls, LicenceCalls, BenefitCalls, RecordCalls,
                    SubmissionCalls, BookingCalls, HelpCalls, FleetCalls):
    """`district.contract.Platform` on the store, for one kiosk."""

    def close(self) -> None:
        """The store outlives a kiosk's view of it; `Store.close` closes the database."""


class Store:
    def __init__(self, db: Database, now: Callable[[], dt.datetime]) -> None:
        self.db = db
        self._clock = now
        # where a shared record's one-time link leads: the server's public URL + /r/
        self.share_base = DEFAULT_SHARE_BASE

    @classmethod
    def open(cls, url: str, *, now: Callable[[], dt.datetime] = _utc_now,
             demo: bool = False) -> Store:
        """Open by URL and apply missing migrations; with `demo`, plant the demo data once."""
        db = open_database(url)
        store = cls(db, now)
        try:
            migrate(db, store.now())
            handed_out.make_secret(db)
            if demo:
                from district.store.planting import plant_demo_data

                plant_demo_data(db, store.now())
        except BaseException:
            db.close()
            raise
        return store

    def now(self) -> dt.datetime:
        moment = self._clock()
        stamp(moment)  # refuses a naive time
        return moment.astimezone(dt.UTC)

    def for_kiosk(self, kiosk_id: str) -> KioskPlatform:
        platform = KioskPlatform(self.db, self._clock, kiosk_id)
        platform.share_base = self.share_base
        return platform

    # --- kiosks ---------------------------------------------------------------------------

    def register_kiosk(self, kiosk_id: str, centre_id: str | None = None) -> str:
        """A new token for the kiosk, returned once; only its SHA-256 is kept. Registering
        again replaces the token."""
        token = secrets.token_urlsafe(32)
        with self.db.transaction() as tx:
            if centre_id is not None and tx.one(
                    "SELECT id FROM centres WHERE id = ?", (centre_id,)) is None:
                raise PlatformRefused("not_found", f"no centre {centre_id}")
            tx.execute("INSERT INTO kiosks (kiosk_id, centre_id, token_sha256, registered_at)"
                       " VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET"
                       " centre_id = excluded.centre_id, token_sha256 = excluded.token_sha256",
                       (kiosk_id, centre_id, _sha256(token), stamp(self.now())))
        return token

    def kiosk_for_token(self, token: str) -> str | None:
        with self.db.transaction(write=False) as tx:
            row = tx.one("SELECT kiosk_id FROM kiosks WHERE token_sha256 = ?", (_sha256(token),))
        return row["kiosk_id"] if row else None

    # --- the resident's phone and a record's readers ---------------------------------------

    def issue_code(self, id_number: str) -> str:
        """A 随申码 as the resident's phone would show it (demos, the developer panel)."""
        return identity.issue_code(self.db, self.now(), id_number)

    def open_share(self, token: str) -> Record:
        """A shared record, once, within its ten minutes (the server's GET /r/{token})."""
        return records.open_share(self.db, self.now(), token)

    def verify(self, reference_or_number: str) -> Verification | None:
        """Whether a record's number or an application's reference is the platform's."""
        return records.verify(self.db, reference_or_number)

    # --- staff ------------------------------------------------------------------------------

    def advance_application(self, reference: str, stage: str) -> Progress:
        return submissions.advance_application(self.db, self.now(), reference, stage)

    def first_try_counts(self) -> dict[str, tuple[int, int]]:
        """Per service: (passed pre-check at the first attempt, all) of its applications."""
        return submissions.first_try_counts(self.db)

    def rating(self, reference: str) -> Rating | None:
        """The latest rating of this reference."""
        return submissions.latest_rating(self.db, reference)

    def audit_records(self, kiosk_id: str) -> list[AuditRecord]:
        return submissions.audit_records(self.db, kiosk_id)

    def call_next(self, centre_id: str) -> Booking | None:
        return bookings.call_next(self.db, self.now(), centre_id)

    def finish(self, booking_id: str) -> Booking:
        return bookings.finish(self.db, self.now(), booking_id)

    def mark_missed(self) -> int:
        return bookings.mark_missed(self.db, self.now())

    def fleet(self) -> list[KioskBeat]:
        """Every kiosk with its latest heartbeat (the fleet page)."""
        return fleet.fleet(self.db)

    def heartbeats(self, kiosk_id: str, since: dt.datetime) -> list[tuple[dt.datetime,
                                                                          Heartbeat]]:
        """One kiosk's heartbeats since `since` (the fleet page's detail view)."""
        return fleet.history(self.db, kiosk_id, since)

    def update_help_request(self, request_id: str, status: str) -> HelpRequest:
        return helpdesk.update_help_request(self.db, self.now(), request_id, status)

    def close(self) -> None:
        self.db.close()


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
