"""What the appointment desks (kiosk/booking.py, check_in.py, home_service.py) share: the
visit's part (`Appointments`, so the wipe takes it with the visit), the lists the screens
offer from the platform's answers, and `Desk`, which runs platform calls as jobs of the visit
and turns a failure into the screen's problem line."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from district.contract import PlatformError, PlatformRefused, PlatformUnavailable
from district.models import Booking, BookingState, Centre, HomeService, Slot
from kiosk.service_map import distance_m
from kiosk.view import LARGE_PRINT, ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk
    from kiosk.modes.visit import VisitMode
    from kiosk.session import Visit

log = logging.getLogger(__name__)
CHANGEABLE = (BookingState.RESERVED, BookingState.CONFIRMED)


@dataclass(eq=True)
class Appointments:
    """What one visit knows of appointments, check-in and home service."""

    centres: tuple[Centre, ...] | None = None  # the platform's list, fetched once a visit
    matter: str = ""
    centre_id: str = ""
    first_day: dt.date | None = None  # the first day the slots were asked for
    slots: tuple[Slot, ...] | None = None  # the chosen centre's, for the matter, a week ahead
    day: dt.date | None = None
    slot_id: str = ""
    hold_key: str = ""  # made once per slot chosen: a double touch or a retry holds one place
    held: Booking | None = None  # reserved while the resident confirms
    hold_ends: float | None = None  # when the hold lapses, on the session's clock
    moving: Booking | None = None  # the booking the chosen slot replaces
    made: Booking | None = None  # just confirmed (or moved)
    printed: bool = True  # its slip came out
    bookings: tuple[Booking, ...] | None = None  # my appointments
    opened: Booking | None = None  # the one on the detail screen
    cancel_asked: bool = False  # "cancel it?" is on that screen
    ticket: Booking | None = None  # checked in at this kiosk
    ticket_printed: bool = True
    home_kind: str = ""
    home_matter: str = ""
    home_missing: tuple[str, ...] = ()
    home_key: str = ""
    home_request: HomeService | None = None
    home_printed: bool = True
    waiting: frozenset[str] = frozenset()  # platform calls on their way
    problem: str = ""  # a message key: what went wrong and what to do, shown on the screen
    problem_from: str = ""  # the call that failed: its next success clears the problem


# --- what the screens offer, from the platform's lists ------------------------------------

def matters(centres: tuple[Centre, ...] | None) -> list[str]:
    """Every matter a service centre takes bookings for, in the order the centres list them."""
    found: dict[str, None] = {}
    for centre in centres or ():
        if centre.kind == "centre":
            found.update(dict.fromkeys(centre.offers))
    return list(found)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return distance_m(*a, *b) / 1000


def offering(centres: tuple[Centre, ...] | None, matter: str,
             here: tuple[float, float] | None) -> list[tuple[Centre, float | None]]:
    """The centres that take bookings for `matter`, nearest first, with their distance."""
    found = [(c, distance_km(here, (c.latitude, c.longitude)) if here else None)
             for c in centres or () if c.kind == "centre" and matter in c.offers]
    return sorted(found, key=lambda pair: (pair[1] if pair[1] is not None else 0.0))


def open_days(slots: tuple[Slot, ...] | None) -> list[dt.date]:
    """The days with a place left, in order."""
    return sorted({slot.day for slot in slots or () if slot.places_left > 0})


def day_slots(slots: tuple[Slot, ...] | None, day: dt.date | None) -> list[Slot]:
    """That day's times with a place left; full ones are not offered."""
    return sorted((s for s in slots or () if s.day == day and s.places_left > 0),
                  key=lambda s: s.start)


def new_key() -> str:
    return uuid.uuid4().hex


def problem_key(error: Exception) -> str:
    """What the resident reads when a platform call fails: calm words and what to do."""
    if isinstance(error, PlatformUnavailable):
        return "booking.problem.offline"
    if isinstance(error, PlatformRefused):
        return {
            "slot_full": "booking.problem.slot_full",
            "hold_expired": "booking.problem.hold_expired",
            "consent_expired": "booking.problem.visit_expired",
            "bad_state": "booking.problem.changed",
            "not_found": "booking.problem.changed",
        }.get(error.reason, "booking.problem.refused")
    return "booking.problem.failed"


# --- the flows' shared part ----------------------------------------------------------------

class Desk:
    """What the appointment desks share: the visit's part, and platform calls as jobs of the
    visit that note what is on its way and say calmly what failed."""

    def __init__(self, mode: VisitMode) -> None:
        self.mode = mode

    @property
    def kiosk(self) -> Kiosk:
        return self.mode.kiosk

    @property
    def visit(self) -> Visit:
        return self.kiosk.session.visit

    @property
    def a(self) -> Appointments:
        return self.visit.appointments

    @property
    def screen(self) -> ScreenName:
        """Where the resident is: with help open over a booking screen, that screen, so an
        answer arriving meanwhile is kept for when they come back."""
        return self.visit.place

    @property
    def large_print(self) -> bool:
        return self.visit.display_mode in LARGE_PRINT

    def fetch(self, kind: str, work: Callable[[], Any], done: Callable[[Any], None],
              failed: Callable[[Exception], None] | None = None) -> None:
        """Run a platform call as the visit's job; `done` gets its result, a failure becomes
        the screen's problem line (then `failed`, to put things right)."""
        a = self.a
        a.waiting = a.waiting | {kind}

        def apply(result: Any) -> None:
            self.a.waiting = self.a.waiting - {kind}
            if isinstance(result, Exception):
                if isinstance(result, PlatformError):
                    log.warning("%s: %s", kind, result)
                else:
                    log.error("%s failed: %r", kind, result)
                self.a.problem, self.a.problem_from = problem_key(result), kind
                if failed is not None:
                    failed(result)
                return
            if self.a.problem_from == kind:
                self.a.problem = ""
            done(result)

        self.kiosk.run_job(kind, work, apply)

    def pending(self, kind: str) -> bool:
        return kind in self.a.waiting

    def with_visit(self, then: Callable[[str], None]) -> None:
        """Call `then` with the platform's visit id: the grant of the resident's consent,
        which entering an appointment flow asks for (`Service.reads_profile`)."""
        grant = self.visit.grant
        if grant is None:
            log.error("an appointment call without the resident's consent; nothing sent")
            self.a.problem, self.a.problem_from = "booking.problem.visit_expired", ""
            return
        then(grant.visit_id)

    def ensure_centres(self) -> None:
        if self.a.centres is None and not self.pending("centres"):
            self.fetch("centres", self.kiosk.platform.centres, self._centres)

    def _centres(self, result: list[Centre]) -> None:
        self.a.centres = tuple(result)
