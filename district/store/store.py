"""The store: opens the database and brings its schema up, gives each kiosk its Platform,
and does what staff and the server need (kiosk tokens, moving applications and queues on)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Callable
from pathlib import Path

from district.codes.claims import Colour
from district.codes.keys import CodeKeys
from district.contract import PlatformRefused
from district.models import (
    AuditRecord,
    Booking,
    Heartbeat,
    HelpRequest,
    OfflineCode,
    Progress,
    Rating,
    Record,
)
from district.signing import public_pem
from district.store import (
    bookings,
    fleet,
    handed_out,
    helpdesk,
    identity,
    offline_codes,
    operators,
    records,
    submissions,
)
from district.store.benefits import BenefitCalls
from district.store.bookings import BookingCalls
from district.store.database import Database, open_database
from district.store.fleet import FleetCalls, KioskBeat
from district.store.helpdesk import HelpCalls
from district.store.identity import IdentityCalls
from district.store.licences import LicenceCalls
from district.store.migrate import migrate
from district.store.offline_codes import OfflineCodeCalls
from district.store.records import DEFAULT_SHARE_BASE, RecordCalls, Verification
from district.store.submissions import SubmissionCalls
from district.store.times import stamp
from district.store.visits import VisitCalls


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class KioskPlatform(IdentityCalls, VisitCalls, LicenceCalls, BenefitCalls, RecordCalls,
                    SubmissionCalls, BookingCalls, HelpCalls, FleetCalls, OfflineCodeCalls):
    """`district.contract.Platform` on the store, for one kiosk."""

    def close(self) -> None:
        """The store outlives a kiosk's view of it; `Store.close` closes the database."""


class Store:
    def __init__(self, db: Database, now: Callable[[], dt.datetime]) -> None:
        self.db = db
        self._clock = now
        # where a shared record's one-time link leads: the server's public URL + /r/
        self.share_base = DEFAULT_SHARE_BASE
        self._logins = operators.Throttle()
        # the offline codes' root and issuer keys (district/codes/keys.py); None: no codes
        self.code_keys: CodeKeys | None = None

    @classmethod
    def open(cls, url: str, *, now: Callable[[], dt.datetime] = _utc_now,
             demo: bool = False, keys: Path | None = None) -> Store:
        """Open by URL and apply missing migrations; with `demo`, plant the demo data once.
        `keys`: the directory of the offline codes' keys, made there on first use."""
        db = open_database(url)
        store = cls(db, now)
        store.code_keys = CodeKeys(keys) if keys is not None else None
        try:
            migrate(db, store.now())
            handed_out.make_secret(db)
            offline_codes.make_secret(db)
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
        platform.code_keys = self.code_keys
        return platform

    # --- kiosks ---------------------------------------------------------------------------

    def register_kiosk(self, kiosk_id: str, centre_id: str | None = None) -> str:
        """A new token for the kiosk, returned once; only its SHA-256 is kept. Registering
        again replaces the token."""
        return self.register_kiosks([kiosk_id], centre_id)[kiosk_id]

    def register_kiosks(self, kiosk_ids: list[str],
                        centre_id: str | None = None) -> dict[str, str]:
        """`register_kiosk` for many in one transaction (a fleet set up at once)."""
        tokens = {kiosk_id: secrets.token_urlsafe(32) for kiosk_id in kiosk_ids}
        with self.db.transaction() as tx:
            if centre_id is not None and tx.one(
                    "SELECT id FROM centres WHERE id = ?", (centre_id,)) is None:
                raise PlatformRefused("not_found", f"no centre {centre_id}")
            for kiosk_id, token in tokens.items():
                tx.execute(
                    "INSERT INTO kiosks (kiosk_id, centre_id, token_sha256, registered_at)"
                    " VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET"
                    " centre_id = excluded.centre_id, token_sha256 = excluded.token_sha256",
                    (kiosk_id, centre_id, _sha256(token), stamp(self.now())))
        return tokens

    def kiosk_for_token(self, token: str) -> str | None:
        with self.db.transaction(write=False) as tx:
            row = tx.one("SELECT kiosk_id FROM kiosks WHERE token_sha256 = ?", (_sha256(token),))
        return row["kiosk_id"] if row else None

    # --- the resident's phone and a record's readers ---------------------------------------

    def issue_code(self, id_number: str) -> str:
        """A 随申码 as the resident's phone would show it (demos, the developer panel)."""
        return identity.issue_code(self.db, self.now(), id_number)

    def phone_code(self, id_number: str) -> OfflineCode:
        """A phone's dynamic offline code, a few minutes long (demos, the developer panel)."""
        return offline_codes.phone_code(self.db, self.code_keys, self.now(), id_number)

    def set_colour(self, id_number: str, colour: Colour | str) -> None:
        """A resident's status colour changes; the next status list says so."""
        offline_codes.set_colour(self.db, self.now(), id_number, Colour(colour))

    def root_public_pem(self) -> str:
        """The offline codes' root public key (PEM), for the kiosks' `[codes] root_key`."""
        return public_pem(offline_codes.root_key(self.code_keys))

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

    def fleet_kiosk(self, kiosk_id: str) -> KioskBeat | None:
        """One kiosk with its latest heartbeat (the fleet page's detail view), or None."""
        return fleet.kiosk(self.db, kiosk_id)

    def heartbeats(self, kiosk_id: str, since: dt.datetime) -> list[tuple[dt.datetime,
                                                                          Heartbeat]]:
        """One kiosk's heartbeats since `since` (the fleet page's detail view)."""
        return fleet.history(self.db, kiosk_id, since)

    # --- the district's operators (the fleet page) ----------------------------------------

    def add_operator(self, name: str, password: str) -> None:
        """A new operator, or a new password (which ends the operator's sessions)."""
        operators.add_operator(self.db, self.now(), name, password)

    def operator_login(self, name: str, password: str) -> str | None:
        """A new session's token (shown once), or None, whatever was wrong."""
        return operators.login(self.db, self.now(), self._logins, name, password)

    def operator_for_session(self, token: str) -> str | None:
        return operators.operator_for_session(self.db, self.now(), token)

    def logout(self, token: str) -> None:
        operators.logout(self.db, token)

    def centre_names(self) -> dict[str, tuple[str, str]]:
        """Each centre's name in Chinese and English, by id (the fleet page's sites)."""
        return fleet.centre_names(self.db)

    def update_help_request(self, request_id: str, status: str) -> HelpRequest:
        return helpdesk.update_help_request(self.db, self.now(), request_id, status)

    def close(self) -> None:
        self.db.close()


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
