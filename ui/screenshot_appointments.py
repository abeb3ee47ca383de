"""Stages the appointment screens for screenshots and the audit (ui/screenshot.py calls
this): the sample resident, identified, books 户籍业务 at the nearest centre through the same
calls her touches make, opens her appointments, checks in with the slip's code, or asks for
a home visit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from drivers.base import CodeScanned
from kiosk.view import ScreenName

if TYPE_CHECKING:
    from kiosk.controller import Kiosk

S = ScreenName
BOOKING_STEPS = (S.BOOKING_MATTER, S.BOOKING_CENTRE, S.BOOKING_DAY, S.BOOKING_TIME,
                 S.BOOKING_CONFIRM, S.BOOKING_DONE, S.MY_APPOINTMENTS, S.BOOKING_DETAIL)
STAGED = frozenset({*BOOKING_STEPS, S.CHECKED_IN, S.HOME_SERVICE, S.HOME_SERVICE_DONE})
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


class StagingClock:
    """The wall clock of a staged kiosk and its platform: fixed, and set where a screen
    needs it (check-in opens an hour before the booked time)."""

    def __init__(self, day: dt.date) -> None:
        self.moment = dt.datetime.combine(day, dt.time(9, 0), tzinfo=SHANGHAI)

    def __call__(self) -> dt.datetime:
        return self.moment.astimezone(dt.UTC)

    def set(self, moment: dt.datetime) -> None:
        self.moment = moment


def stage_appointments(kiosk: Kiosk, screen: ScreenName, clock: StagingClock) -> None:
    """From home, with the resident identified, to `screen`."""
    if screen in (S.HOME_SERVICE, S.HOME_SERVICE_DONE):
        kiosk.choose_service("home_service")
        kiosk.choose_home_kind("home_visit")  # the choices made, as she leaves the screen
        kiosk.choose_matter("household")
        if screen == S.HOME_SERVICE_DONE:
            kiosk.request_home_service()
        return
    kiosk.choose_service("appointment")
    steps = (
        lambda: kiosk.choose_matter("household"),
        lambda: kiosk.choose_centre(kiosk.state.centres[0].id),
        lambda: kiosk.choose_day(kiosk.state.days[0].value),
        lambda: kiosk.choose_slot(kiosk.state.slots[0].id),
        kiosk.confirm_booking,
        kiosk.open_appointments,
        lambda: kiosk.open_booking(kiosk.state.bookings[0].id),
    )
    target = BOOKING_STEPS.index(screen) if screen in BOOKING_STEPS else BOOKING_STEPS.index(
        S.BOOKING_DONE)
    for step in steps[:target]:
        step()
    if screen != S.CHECKED_IN:
        return
    booking = kiosk.session.visit.appointments.made
    kiosk.end_now()
    start = dt.datetime.combine(booking.slot.day, booking.slot.start, tzinfo=SHANGHAI)
    clock.set(start - dt.timedelta(minutes=30))
    kiosk.handle_device_event(CodeScanned("scanner", booking.code, booking.code.encode()))
