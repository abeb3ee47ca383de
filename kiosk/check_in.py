"""Check-in at the kiosk: a booking's QR code, scanned on the attract or home screen, checks
the resident in at the centre and prints a ticket whose queue number is its biggest line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from district.contract import PlatformRefused, PlatformUnavailable
from district.models import Booking, Centre
from kiosk.appointment_desk import Desk
from kiosk.appointment_slips import queue_ticket, try_print
from kiosk.appointment_words import AppointmentWords
from kiosk.view import Notice, ScreenName

# What a booking's code can look like; any other text is never sent to the platform.
BOOKING_CODE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")


def looks_like_booking_code(text: str) -> bool:
    return BOOKING_CODE.fullmatch(text) is not None


@dataclass(frozen=True)
class CheckedIn:
    booking: Booking
    centres: tuple[Centre, ...]
    print_problem: str = ""


class CheckInDesk(Desk):
    def scan(self, code: str) -> None:
        """A code the kiosk does not know otherwise: the platform says whether it is a
        booking, and checks it in."""
        if self.pending("check_in"):
            return  # the scanner repeats a code held under it
        kiosk, centres, language = self.kiosk, self.a.centres, self.visit.language
        site = kiosk.settings.site

        def work() -> CheckedIn:  # on a worker thread: nothing of the visit is read here
            booking = kiosk.platform.check_in(code)
            kiosk.metrics.transaction("appointment", "check_in")
            known = centres if centres is not None else tuple(kiosk.platform.centres())
            words = AppointmentWords(kiosk.messages, kiosk.catalogue, language, known)
            ticket = queue_ticket(booking, words, site=site)
            return CheckedIn(booking, known, try_print(kiosk.printer, ticket, kiosk.print_timeout))

        self.fetch("check_in", work, self._checked_in, self._not_checked_in)

    def _checked_in(self, done: CheckedIn) -> None:
        a = self.a
        a.ticket, a.ticket_printed, a.centres = done.booking, not done.print_problem, done.centres
        self.kiosk.audit_print("queue_ticket", done.print_problem, booking=done.booking.id)
        self.mode.show(ScreenName.CHECKED_IN)

    def _not_checked_in(self, error: Exception) -> None:
        self.a.problem = ""  # said on a notice: a code may be scanned on any screen
        if isinstance(error, PlatformUnavailable):
            notice = Notice("notice.offline.title", "check_in.offline", tone="problem")
        elif isinstance(error, PlatformRefused) and error.reason == "bad_state":
            notice = Notice("check_in.not_now.title", "check_in.not_now.body", tone="problem")
        elif isinstance(error, PlatformRefused) and error.reason in ("not_found", "forbidden",
                                                                      "invalid"):
            notice = Notice("notice.unknown_code.title", "notice.unknown_code.body",
                            tone="problem")
        else:
            notice = Notice("check_in.failed.title", "check_in.failed.body", tone="problem")
        self.visit.notice = notice
        self.mode.show(ScreenName.NOTICE)
