"""统一预约 at the kiosk: the matter, the centre (nearest first), the day, a time with places
left; the place is held while the resident confirms, then confirmed and a slip printed; the
resident's bookings, cancelled or moved. The visit mode calls this."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from district.contract import PlatformRefused
from district.models import Booking, BookingState, Centre, HoldRequest, Slot
from kiosk.appointment_desk import (
    CHANGEABLE,
    Desk,
    day_slots,
    matters,
    new_key,
    offering,
    open_days,
)
from kiosk.appointment_slips import booking_slip, try_print
from kiosk.appointment_words import AppointmentWords
from kiosk.view import ScreenName

log = logging.getLogger(__name__)
S = ScreenName
DAYS_AHEAD = 7  # bookings from tomorrow, a week ahead


@dataclass(frozen=True)
class Made:
    """A booking confirmed (or moved) and whether its slip printed."""

    booking: Booking
    print_problem: str = ""
    centres: tuple[Centre, ...] = field(default=())


# --- booking ------------------------------------------------------------------------------

class BookingDesk(Desk):
    def start(self) -> None:
        """The appointment service was chosen by an identified resident."""
        self.leave()
        self.mode.show(S.BOOKING_MATTER)
        self.ensure_centres()

    def leave(self) -> None:
        """Home, or a new start: the flow's choices go, a held place is given back."""
        self.release()
        a = self.a
        a.matter, a.centre_id, a.first_day, a.slots, a.day = "", "", None, None, None
        a.moving = a.made = a.opened = None
        a.cancel_asked = False
        a.problem = ""

    def refresh(self) -> None:
        """Fetch again what the current screen is missing (its 再试一次)."""
        a, screen = self.a, self.screen
        if screen in (S.BOOKING_MATTER, S.BOOKING_CENTRE, S.MY_APPOINTMENTS, S.HOME_SERVICE):
            self.ensure_centres()
        if screen in (S.BOOKING_DAY, S.BOOKING_TIME) and a.slots is None:
            self._load_slots(keep_day=screen == S.BOOKING_TIME)
        if screen == S.MY_APPOINTMENTS and a.bookings is None:
            self._load_bookings()

    # --- choosing ------------------------------------------------------------------------

    def choose_matter(self, matter: str) -> None:
        a = self.a
        if self.screen != S.BOOKING_MATTER or matter not in matters(a.centres):
            return
        a.matter, a.centre_id, a.slots, a.day, a.problem = matter, "", None, None, ""
        self.mode.show(S.BOOKING_CENTRE)

    def choose_centre(self, centre_id: str) -> None:
        a = self.a
        if self.screen != S.BOOKING_CENTRE or centre_id not in {
                c.id for c, _ in offering(a.centres, a.matter, None)}:
            return
        a.centre_id, a.problem = centre_id, ""
        self.mode.show(S.BOOKING_DAY)
        self._load_slots()

    def _load_slots(self, keep_day: bool = False) -> None:
        a = self.a
        if not keep_day:
            a.day = None
        a.slots, a.slot_id = None, ""
        centre, matter = a.centre_id, a.matter
        first = self.kiosk.today() + dt.timedelta(days=1)
        a.first_day = first
        platform = self.kiosk.platform
        self.fetch("slots", lambda: platform.slots(centre, matter, first, DAYS_AHEAD),
                   self._slots)

    def _slots(self, result: list[Slot]) -> None:
        a = self.a
        a.slots = tuple(result)
        if a.day is not None and a.day not in open_days(a.slots):
            a.day = None
            if self.screen == S.BOOKING_TIME:  # that day has filled up meanwhile
                self.mode.show(S.BOOKING_DAY)

    def choose_day(self, value: str) -> None:
        a = self.a
        if self.screen != S.BOOKING_DAY:
            return
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return
        if day not in open_days(a.slots):
            return
        a.day, a.slot_id, a.problem = day, "", ""
        self.mode.show(S.BOOKING_TIME)

    def choose_slot(self, slot_id: str) -> None:
        a = self.a
        if self.screen != S.BOOKING_TIME or self.pending("hold"):
            return  # a double touch while the first is on its way holds nothing more
        if not any(slot.id == slot_id for slot in day_slots(a.slots, a.day)):
            return
        if slot_id != a.slot_id or not a.hold_key:
            a.slot_id, a.hold_key = slot_id, new_key()
        a.problem = ""
        if a.moving is not None:  # a move is made once confirmed, so nothing is held first
            self.mode.show(S.BOOKING_CONFIRM)
            return
        platform, key = self.kiosk.platform, a.hold_key

        def hold(visit_id: str) -> None:
            request = HoldRequest(idempotency_key=key, slot_id=slot_id, visit_id=visit_id)
            self.fetch("hold", lambda: platform.hold(request), self._held, self._not_held)

        self.with_visit(hold)

    def _held(self, booking: Booking) -> None:
        a = self.a
        if self.screen != S.BOOKING_TIME or booking.slot.id != a.slot_id:
            self._give_back(booking)  # the resident went elsewhere meanwhile
            return
        a.held = booking
        left = 0.0
        if booking.held_until is not None:
            left = (booking.held_until - self.kiosk.wall_clock()).total_seconds()
        a.hold_ends = self.kiosk.session.now() + max(0.0, left)
        self.mode.show(S.BOOKING_CONFIRM)

    def _not_held(self, error: Exception) -> None:
        if isinstance(error, PlatformRefused):  # taken meanwhile: show what is left
            self.a.hold_key = ""
            self._load_slots(keep_day=True)

    def hold_left(self) -> float | None:
        """Seconds the place stays held; None when nothing is held."""
        ends = self.a.hold_ends
        if self.a.held is None or ends is None:
            return None
        return max(0.0, ends - self.kiosk.session.now())

    # --- confirming ----------------------------------------------------------------------

    def confirm(self) -> None:
        a = self.a
        if self.screen != S.BOOKING_CONFIRM or self.pending("confirm"):
            return
        platform = self.kiosk.platform
        if a.moving is not None and a.slot_id:
            moving, key, slot_id = a.moving.id, a.hold_key, a.slot_id

            def move(visit_id: str) -> None:
                request = HoldRequest(idempotency_key=key, slot_id=slot_id, visit_id=visit_id)
                self._make(lambda: platform.move(moving, request))

            self.with_visit(move)
            return
        if a.held is None:
            return
        if self.hold_left() == 0:
            self._choose_again()
            return
        held = a.held.id
        self._make(lambda: platform.confirm(held))

    def _make(self, work: Callable[[], Booking]) -> None:
        """Confirm or move, then print the slip, as one job: the booking holds whatever
        the printer does."""
        kiosk, centres, large = self.kiosk, self.a.centres, self.large_print
        site, done_note, language = kiosk.settings.site, self._done_note(), self.visit.language

        def made() -> Made:  # on a worker thread: nothing of the visit is read here
            booking = work()
            kiosk.metrics.transaction("appointment", "booking")
            known = centres if centres is not None else tuple(kiosk.platform.centres())
            words = AppointmentWords(kiosk.messages, kiosk.catalogue, language, known)
            slip = booking_slip(booking, words, site=site, done_note=done_note,
                                large_print=large)
            return Made(booking, try_print(kiosk.printer, slip, kiosk.print_timeout), known)

        kiosk.session.hold("printing")
        self.fetch("confirm", made, self._made, self._not_made)

    def _done_note(self) -> str:
        catalogue, language = self.kiosk.catalogue, self.visit.language
        if "appointment" not in catalogue:
            return ""
        return catalogue.get("appointment").done_note.get(language)

    def _made(self, made: Made) -> None:
        a = self.a
        self.kiosk.session.release("printing")
        if made.print_problem:
            log.warning("appointment slip not printed: %s", made.print_problem)
        self.kiosk.audit_print("appointment_slip", made.print_problem, booking=made.booking.id)
        a.made, a.printed, a.centres = made.booking, not made.print_problem, made.centres
        a.held = a.hold_ends = a.moving = None
        a.slot_id, a.hold_key, a.bookings = "", "", None
        self.mode.show(S.BOOKING_DONE)

    def _not_made(self, error: Exception) -> None:
        self.kiosk.session.release("printing")
        if isinstance(error, PlatformRefused) and error.reason in ("hold_expired", "slot_full"):
            self._choose_again(self.a.problem)

    def _choose_again(self, problem: str = "booking.problem.hold_expired") -> None:
        """The hold ran out (or the place went): back to the day's times, fetched afresh."""
        a = self.a
        a.held = a.hold_ends = None
        a.hold_key = ""
        self.mode.show(S.BOOKING_TIME)
        self._load_slots(keep_day=True)
        a.problem, a.problem_from = problem, ""

    def release(self) -> None:
        """Leaving the confirm screen unconfirmed: the held place goes back at once."""
        a = self.a
        held, a.held, a.hold_ends, a.slot_id, a.hold_key = a.held, None, None, "", ""
        if held is not None:
            self._give_back(held)

    def _give_back(self, booking: Booking) -> None:
        platform = self.kiosk.platform

        def logged(result: Any) -> None:
            if isinstance(result, Exception):
                log.info("held place not given back (it lapses by itself): %s", result)

        self.kiosk.run_job("release", lambda: platform.cancel(booking.id), lambda _r: None,
                           always=logged)

    def back(self, screen: ScreenName, back: ScreenName) -> ScreenName:
        """Where back leads from an appointment screen (moving starts from the list), letting
        go of a held place on the way."""
        if screen == S.BOOKING_CONFIRM:
            self.release()
        if screen == S.BOOKING_DAY and self.a.moving is not None:
            self.a.moving = None
            return S.MY_APPOINTMENTS
        if screen == S.BOOKING_DETAIL and self.a.cancel_asked:
            self.a.cancel_asked = False  # 不取消: the booking stays, and so does the screen
            return S.BOOKING_DETAIL
        return back

    # --- my appointments -----------------------------------------------------------------

    def open_list(self) -> None:
        if self.screen not in (S.BOOKING_MATTER, S.BOOKING_DONE):
            return
        a = self.a
        a.bookings, a.opened, a.moving, a.problem = None, None, None, ""
        self.mode.show(S.MY_APPOINTMENTS)
        self.ensure_centres()
        self._load_bookings()

    def _load_bookings(self) -> None:
        platform = self.kiosk.platform

        def listed(result: list[Booking]) -> None:
            self.a.bookings = tuple(result)

        self.with_visit(lambda visit_id: self.fetch(
            "bookings", lambda: platform.bookings(visit_id), listed))

    def open(self, booking_id: str) -> None:
        """One of my appointments, on its own screen: how it stands, move or cancel it."""
        booking = next((b for b in self.a.bookings or () if b.id == booking_id), None)
        if self.screen != S.MY_APPOINTMENTS or booking is None:
            return
        self.a.opened, self.a.cancel_asked, self.a.problem = booking, False, ""
        self.mode.show(S.BOOKING_DETAIL)

    def ask_cancel(self) -> None:
        """Cancelling is asked about once more on the same screen: a touch by mistake loses
        no booking."""
        opened = self.a.opened
        if self.screen == S.BOOKING_DETAIL and opened is not None and opened.state in CHANGEABLE:
            self.a.cancel_asked = True

    def confirm_cancel(self) -> None:
        a = self.a
        if (self.screen != S.BOOKING_DETAIL or a.opened is None or not a.cancel_asked
                or self.pending("cancel")):
            return
        platform, booking_id = self.kiosk.platform, a.opened.id

        def cancelled(_booking: Booking) -> None:
            self.a.opened, self.a.cancel_asked = None, False
            self.mode.show(S.MY_APPOINTMENTS)
            self.kiosk.guide.say("booking.cancelled")
            self._load_bookings()

        self.fetch("cancel", lambda: platform.cancel(booking_id), cancelled,
                   lambda _error: self._load_bookings())

    def move(self) -> None:
        a = self.a
        booking = a.opened
        if (self.screen != S.BOOKING_DETAIL or booking is None
                or booking.state != BookingState.CONFIRMED):
            return
        a.moving, a.matter, a.centre_id, a.problem = (booking, booking.slot.matter,
                                                      booking.slot.centre_id, "")
        a.opened, a.cancel_asked = None, False
        self.mode.show(S.BOOKING_DAY)
        self.ensure_centres()
        self._load_slots()
