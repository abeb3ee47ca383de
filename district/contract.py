"""The platform as one kiosk sees it. Three homes implement it: the embedded platform (the
store on the kiosk's own SQLite file), the HTTP client (a district's server) and, behind that
server, the same store on PostgreSQL. `tests/district/test_contract.py` runs one suite on all.

Every call may raise PlatformUnavailable (nothing was done, or it was idempotent: retrying is
safe) or PlatformRefused (the platform said no: retrying the same call will not help)."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from district.models import (
    Accepted,
    Attribute,
    AuditRecord,
    Benefit,
    Booking,
    Centre,
    CodeLists,
    Consent,
    DataRead,
    Enterprise,
    Heartbeat,
    HelpArticle,
    HelpCall,
    HelpRequest,
    HoldRequest,
    HomeService,
    HomeServiceRequest,
    Identity,
    Licence,
    LicenceRef,
    LicenceRequest,
    OfflineCode,
    OfflineCodeRequest,
    Progress,
    Rating,
    Record,
    RecordRequest,
    RecordShare,
    Slot,
    Submission,
    VisitGrant,
)


class PlatformError(Exception):
    """Something the kiosk must handle; `str()` is one line for the log."""


class PlatformUnavailable(PlatformError):
    """The platform cannot be reached now (network, timeout, a server error)."""


class PlatformRefused(PlatformError):
    """The platform answered no. `reason` is one of REASONS; the message is for the log."""

    def __init__(self, reason: str, message: str = "") -> None:
        super().__init__(f"{reason}: {message}" if message else reason)
        self.reason = reason


REASONS = (
    "unauthorised",     # no token, or a token the platform does not know
    "forbidden",        # another kiosk's visit, booking or submission
    "no_consent",       # a read outside a consented visit, or of an item not consented
    "consent_expired",
    "not_found",
    "conflict",         # the same idempotency key with different content
    "slot_full",
    "hold_expired",
    "bad_state",        # e.g. checking in a cancelled booking
    "invalid",          # the request broke the schema or a rule
    "altered",          # a submission's locked, verified answer differs from what was handed out
    "code_expired",     # a 随申码 past its short life
    "code_used",        # a 随申码 already resolved once
    "not_eligible",     # a paper offline code for someone outside its groups
)


class Platform(Protocol):
    """Bound to one kiosk: the embedded platform by its kiosk id, the client by its token."""

    kiosk_id: str

    # catalogue order
    def usage_counts(self) -> dict[str, int]: ...

    # identification: a 随申码 from the phone; a company by its e-business licence's code
    def resolve_code(self, code: str) -> Identity: ...  # once, within its short life
    def enterprise(self, credit_code: str) -> Enterprise: ...

    # consent and the resident's data
    def open_visit(self, consent: Consent) -> VisitGrant: ...
    # only the consented items, each with its source and when that source last changed it
    def profile(self, visit_id: str) -> dict[str, Attribute]: ...
    def data_reads(self, visit_id: str) -> list[DataRead]: ...  # every read for this resident
    def close_visit(self, visit_id: str) -> None: ...

    # the personal page: licences (references; one fetched with a purpose is a read),
    # benefits received without applying, records to print or take on the phone
    def licences(self, visit_id: str) -> list[LicenceRef]: ...
    def licence(self, visit_id: str, request: LicenceRequest) -> Licence: ...
    def benefits(self, visit_id: str) -> list[Benefit]: ...
    def record(self, visit_id: str, request: RecordRequest) -> Record: ...
    def share_record(self, visit_id: str, number: str) -> RecordShare: ...

    # through the outbox: all idempotent by their key
    def submit(self, submission: Submission) -> Accepted: ...
    def rate(self, rating: Rating) -> None: ...
    def record_audit(self, record: AuditRecord) -> None: ...

    # progress
    def progress(self, reference: str) -> Progress | None: ...
    def applications(self, visit_id: str) -> list[Progress]: ...
    def subscribe(self, visit_id: str, reference: str) -> Progress: ...

    # the service map and appointments
    def centres(self) -> list[Centre]: ...
    def slots(self, centre_id: str, matter: str, first_day: dt.date, days: int) -> list[Slot]: ...
    def hold(self, request: HoldRequest) -> Booking: ...
    def confirm(self, booking_id: str) -> Booking: ...
    def cancel(self, booking_id: str) -> Booking: ...
    def move(self, booking_id: str, request: HoldRequest) -> Booking: ...
    def bookings(self, visit_id: str) -> list[Booking]: ...
    def check_in(self, code: str) -> Booking: ...
    def request_home_service(self, request: HomeServiceRequest) -> HomeService: ...

    # help
    def help_articles(self, query: str, language: str) -> list[HelpArticle]: ...
    def call_helper(self, call: HelpCall) -> HelpRequest: ...
    def help_request(self, request_id: str) -> HelpRequest: ...

    # the fleet: the kiosk's health every 30 s (newest wins; PUT /v1/heartbeat)
    def heartbeat(self, beat: Heartbeat) -> None: ...

    # offline codes: a paper code for the visit's resident (reissue and lost revoke the one
    # held before); the signed lists a kiosk verifies codes with alone
    def issue_offline_code(self, request: OfflineCodeRequest) -> OfflineCode: ...
    def code_lists(self) -> CodeLists: ...

    def close(self) -> None: ...
