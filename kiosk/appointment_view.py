"""The appointment screens' part of the screen state, from the visit (kiosk/presenter.py
calls this), and what the voice says on each of those screens."""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable
from typing import Any

from district.models import Booking, BookingState, Centre, Slot
from kiosk.appointment_desk import CHANGEABLE, day_slots, matters, offering, open_days
from kiosk.appointment_words import AppointmentWords
from kiosk.config import Site
from kiosk.i18n import Messages
from kiosk.services.catalogue import Catalogue
from kiosk.session import Session
from kiosk.state import (
    BookingView,
    CentreChoice,
    DayChoice,
    HomeServiceView,
    Option,
    ScreenState,
    SlotChoice,
    TicketView,
)
from kiosk.view import ScreenName
from kiosk.voice import mark_digits

S = ScreenName
APPOINTMENT_SCREENS = frozenset({
    S.BOOKING_MATTER, S.BOOKING_CENTRE, S.BOOKING_DAY, S.BOOKING_TIME, S.BOOKING_CONFIRM,
    S.BOOKING_DONE, S.MY_APPOINTMENTS, S.BOOKING_DETAIL, S.CHECKED_IN, S.HOME_SERVICE,
    S.HOME_SERVICE_DONE})
LISTED = 3  # bookings on the list: the coming ones first, then the latest past ones
NEAREST = 3  # centres offered: the nearest, big enough to touch on one screen
ACTIVE = (*CHANGEABLE, BookingState.CHECKED_IN, BookingState.CALLED)


def appointment_values(session: Session, messages: Messages, catalogue: Catalogue,
                       site: Site, today: dt.date) -> dict[str, Any]:
    visit = session.visit
    a = visit.appointments
    words = AppointmentWords(messages, catalogue, visit.language, a.centres or (), today)
    here = (site.latitude, site.longitude)
    hold = None
    if a.held is not None and a.hold_ends is not None:
        hold = math.ceil(max(0.0, a.hold_ends - session.now()))
    return {
        **_choices(messages, catalogue, visit.language, today, a.centres, a.matter, here,
                   a.slots, a.day),
        "booking": _current(visit.screen, a, words),
        "hold_seconds": hold if visit.screen == S.BOOKING_CONFIRM else None,
        "bookings": tuple(_view(b, words) for b in _listed(a.bookings or ())),
        "ticket": TicketView(a.ticket.queue_number or "", words.matter(a.ticket.slot.matter),
                             words.centre_name(a.ticket.slot.centre_id),
                             words.when(a.ticket.slot), a.ticket_printed) if a.ticket else None,
        "home_service": HomeServiceView(
            kind=a.home_kind, matter=a.home_matter, missing=a.home_missing,
            status=words.home_status(a.home_request.status) if a.home_request else "",
            matter_label=words.matter(a.home_matter) if a.home_matter else "",
            kind_label=words.home_kind(a.home_kind), printed=a.home_printed),
        "cancel_asked": a.cancel_asked and visit.screen == S.BOOKING_DETAIL,
        "booking_busy": bool(a.waiting),
        "booking_problem": words.t(a.problem) if a.problem else "",
    }


@functools.lru_cache(maxsize=8)
def _choices(messages: Messages, catalogue: Catalogue, language: str, today: dt.date,
             centres: tuple[Centre, ...] | None, matter: str, here: tuple[float, float],
             slots: tuple[Slot, ...] | None, day: dt.date | None) -> dict[str, Any]:
    """The lists to choose from: the same from one publish to the next (every second, while
    a hold counts down), so made once for what they depend on."""
    words = AppointmentWords(messages, catalogue, language, centres or (), today)
    return {
        "matters": tuple(Option(m, words.matter(m)) for m in matters(centres)),
        "centres": tuple(
            CentreChoice(c.id, words.centre_name(c.id), words.address(c.id), words.hours(c),
                         words.distance(km))
            for c, km in offering(centres, matter, here)[:NEAREST]) if matter else (),
        "days": tuple(
            DayChoice(d.isoformat(), words.day(d),
                      words.places(sum(s.places_left for s in day_slots(slots, d))))
            for d in open_days(slots)),
        "booking_day": words.day(day) if day else "",
        "slots": tuple(SlotChoice(s.id, words.time(s), words.places(s.places_left))
                       for s in day_slots(slots, day)),
    }


def _view(booking: Booking, words: AppointmentWords, printed: bool = True,
          was: str = "") -> BookingView:
    slot = booking.slot
    return BookingView(id=booking.id, matter=words.matter(slot.matter),
                       centre=words.centre_name(slot.centre_id),
                       address=words.address(slot.centre_id), when=words.when(slot),
                       state=words.state(booking.state),
                       changeable=booking.state in CHANGEABLE,
                       movable=booking.state == BookingState.CONFIRMED, printed=printed, was=was)


def _current(screen: ScreenName, a, words: AppointmentWords) -> BookingView | None:
    """The booking the screen is about: held or being moved, just made, or to cancel."""
    if screen == S.BOOKING_CONFIRM and a.moving is not None:
        slot = next((s for s in a.slots or () if s.id == a.slot_id), None)
        if slot is None:
            return None
        return BookingView(id=a.moving.id, matter=words.matter(slot.matter),
                           centre=words.centre_name(slot.centre_id),
                           address=words.address(slot.centre_id), when=words.when(slot),
                           state="", was=words.when(a.moving.slot))
    if screen == S.BOOKING_CONFIRM and a.held is not None:
        return _view(a.held, words)
    if screen == S.BOOKING_DONE and a.made is not None:
        return _view(a.made, words, printed=a.printed)
    if screen == S.BOOKING_DETAIL and a.opened is not None:
        return _view(a.opened, words)
    return None


def _listed(bookings: tuple[Booking, ...]) -> list[Booking]:
    coming = [b for b in bookings if b.state in ACTIVE]
    past = [b for b in reversed(bookings) if b.state not in ACTIVE]
    return (coming + past)[:LISTED]


# --- what the voice says --------------------------------------------------------------------

def appointment_speech(state: ScreenState, t: Callable[..., str]) -> list[str]:
    """The appointment screen, read out: the problem first, then what is there to choose."""
    parts = [state.booking_problem] if state.booking_problem else []
    if state.booking_busy:
        return [*parts, t("booking.busy")]
    sep = t("list.separator")
    screen, booking = state.screen, state.booking
    if screen == S.BOOKING_MATTER:
        parts += [t("booking.matter.ask") + " " + sep.join(m.label for m in state.matters),
                  t("booking.matter.mine_hint")]
    elif screen == S.BOOKING_CENTRE:
        parts.append(t("booking.centre.ask"))
        parts += [t("booking.comma").join(filter(None, (c.name, c.distance, c.hours)))
                  for c in state.centres]
    elif screen == S.BOOKING_DAY:
        parts.append(t("booking.day.ask"))
        parts += [f"{d.label}{t('booking.comma')}{d.places}" for d in state.days]
    elif screen == S.BOOKING_TIME:
        parts.append(t("booking.time.ask"))
        parts += [f"{s.label}{t('booking.comma')}{s.places}" for s in state.slots]
    elif screen == S.BOOKING_CONFIRM and booking is not None:
        parts += _summary(booking, t)
        if booking.was:
            parts.append(t("booking.confirm.was", when=booking.was))
        if state.hold_seconds == 0:
            parts.append(t("booking.confirm.lapsed"))
        elif state.hold_seconds:
            parts.append(t("booking.confirm.held", minutes=math.ceil(state.hold_seconds / 60)))
        parts.append(t("booking.confirm.ask"))
    elif screen == S.BOOKING_DONE and booking is not None:
        parts += [t("booking.done.made"), *_summary(booking, t),
                  t("booking.done.take_slip") if booking.printed else t("booking.done.no_slip")]
    elif screen == S.MY_APPOINTMENTS:
        if not state.bookings:
            parts.append(t("booking.mine.none"))
        parts += [t("booking.comma").join((b.when, b.matter, b.state)) for b in state.bookings]
    elif screen == S.BOOKING_DETAIL and booking is not None:
        parts += [*_summary(booking, t), booking.state]
        if state.cancel_asked:
            parts.append(t("booking.cancel.ask"))
    elif screen == S.CHECKED_IN and state.ticket is not None:
        ticket = state.ticket
        parts += [t("check_in.number") + " " + mark_digits(ticket.queue_number),
                  t("check_in.take_ticket") if ticket.printed else t("check_in.no_ticket"),
                  t("check_in.wait")]
    elif screen == S.HOME_SERVICE:
        parts += [t("home_service.ask.kind") + " " + sep.join(
                      t(f"home_service.kind.{kind}") for kind in ("home_visit", "proxy")),
                  t("home_service.ask.matter") + " " + sep.join(m.label for m in state.matters)]
    elif screen == S.HOME_SERVICE_DONE:
        home = state.home_service
        parts += [t("home_service.done.sent"), t("home_service.done.status", status=home.status),
                  t("home_service.done.slip") if home.printed else t("home_service.done.no_slip")]
    return parts


def _summary(booking: BookingView, t: Callable[..., str]) -> list[str]:
    return [t("slip.row", label=t("slip.when"), value=booking.when),
            t("slip.row", label=t("slip.where"), value=booking.centre),
            t("slip.row", label=t("slip.matter"), value=booking.matter)]
