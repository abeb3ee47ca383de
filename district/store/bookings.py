"""The service map and appointments: slots made from each centre's template on demand,
holds that give their place back after five minutes, confirmation, cancelling, moving, and
check-in at the centre with a queue number."""

from __future__ import annotations

import datetime as dt
import json
import secrets

from district.contract import PlatformRefused
from district.models import Booking, BookingState, Centre, HoldRequest, Slot
from district.store.calls import KioskCalls
from district.store.database import Database, Row, Transaction
from district.store.times import SHANGHAI, local, new_id, stamp, today, unstamp

HOLD = dt.timedelta(minutes=5)
CHECK_IN_OPENS = dt.timedelta(minutes=60)  # before the slot's start
MAX_DAYS = 31
# States that take a place; a reservation takes one only until its hold runs out.
TAKING = ("confirmed", "checked_in", "called", "done", "missed")


class BookingCalls(KioskCalls):
    def centres(self) -> list[Centre]:
        with self._db.transaction(write=False) as tx:
            rows = tx.all("SELECT * FROM centres ORDER BY position, id")
        return [_centre(row) for row in rows]

    def slots(self, centre_id: str, matter: str, first_day: dt.date, days: int) -> list[Slot]:
        if not 1 <= days <= MAX_DAYS:
            raise PlatformRefused("invalid", f"ask for 1 to {MAX_DAYS} days, not {days}")
        now = self._now()
        with self._db.transaction() as tx:
            centre = tx.one("SELECT offers FROM centres WHERE id = ?", (centre_id,))
            if centre is None:
                raise PlatformRefused("not_found", f"no centre {centre_id}")
            if matter not in json.loads(centre["offers"]):
                raise PlatformRefused("invalid", f"{centre_id} does not offer {matter}")
            last_day = first_day + dt.timedelta(days=days - 1)
            _materialise(tx, centre_id, matter, first_day, last_day)
            rows = tx.all("SELECT * FROM slots WHERE centre_id = ? AND matter = ?"
                          " AND day >= ? AND day <= ? ORDER BY day, start_time",
                          (centre_id, matter, first_day.isoformat(), last_day.isoformat()))
            return [_slot(tx, row, now) for row in rows]

    def hold(self, request: HoldRequest) -> Booking:
        now = self._now()
        with self._db.transaction() as tx:
            tx.lock(f"key:{self.kiosk_id}:{request.idempotency_key}", f"slot:{request.slot_id}")
            earlier = self._by_key(tx, request.idempotency_key)
            if earlier is not None:  # a retry: the same booking, even once the visit is over
                same = (earlier["slot_id"], earlier["visit_id"]) == (request.slot_id,
                                                                     request.visit_id)
                if not same:
                    raise PlatformRefused("conflict", "this key held another slot")
                return _booking(tx, earlier, now)
            visit = self._open_visit(tx, request.visit_id, now)
            slot = self._bookable(tx, request.slot_id, now)
            booking_id = new_id()
            tx.execute(
                "INSERT INTO bookings (id, code, kiosk_id, idempotency_key, slot_id, visit_id,"
                " id_number, state, held_until, created_at, changed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'reserved', ?, ?, ?)",
                (booking_id, _new_code(), self.kiosk_id, request.idempotency_key, slot["id"],
                 visit["visit_id"], visit["id_number"], stamp(now + HOLD), stamp(now),
                 stamp(now)))
            return _booking(tx, _row(tx, booking_id), now)

    def confirm(self, booking_id: str) -> Booking:
        now = self._now()
        with self._db.transaction() as tx:
            row = self._changeable(tx, booking_id, now)
            state = _state(row, now)
            if state is BookingState.RESERVED:
                _set_state(tx, booking_id, "confirmed", now)
                return _booking(tx, _row(tx, booking_id), now)
            if state is BookingState.CONFIRMED:
                return _booking(tx, row, now)
            if state is BookingState.EXPIRED:
                raise PlatformRefused("hold_expired", "the hold ran out before it was confirmed")
            raise PlatformRefused("bad_state", f"a booking {state.value} cannot be confirmed")

    def cancel(self, booking_id: str) -> Booking:
        now = self._now()
        with self._db.transaction() as tx:
            row = self._changeable(tx, booking_id, now)
            state = _state(row, now)
            if state in (BookingState.RESERVED, BookingState.CONFIRMED):
                _set_state(tx, booking_id, "cancelled", now)
                return _booking(tx, _row(tx, booking_id), now)
            if state in (BookingState.CANCELLED, BookingState.EXPIRED):
                return _booking(tx, row, now)
            raise PlatformRefused("bad_state", f"a booking {state.value} cannot be cancelled")

    def move(self, booking_id: str, request: HoldRequest) -> Booking:
        now = self._now()
        with self._db.transaction() as tx:
            tx.lock(f"booking:{booking_id}", f"key:{self.kiosk_id}:{request.idempotency_key}",
                    f"slot:{request.slot_id}")
            earlier = self._by_key(tx, request.idempotency_key)
            if earlier is not None:
                if earlier["moved_from"] != booking_id or earlier["slot_id"] != request.slot_id:
                    raise PlatformRefused("conflict", "this key was used for another booking")
                return _booking(tx, earlier, now)
            visit = self._open_visit(tx, request.visit_id, now)
            old = tx.one("SELECT * FROM bookings WHERE id = ?", (booking_id,))
            if old is None:
                raise PlatformRefused("not_found", "no such booking")
            if old["id_number"] != visit["id_number"]:
                raise PlatformRefused("forbidden", "the booking is another resident's")
            state = _state(old, now)
            if state is BookingState.EXPIRED:
                raise PlatformRefused("hold_expired", "the hold ran out; book a new slot")
            if state not in (BookingState.RESERVED, BookingState.CONFIRMED):
                raise PlatformRefused("bad_state", f"a booking {state.value} cannot be moved")
            if old["slot_id"] == request.slot_id:
                raise PlatformRefused("invalid", "the booking is already on that slot")
            slot = self._bookable(tx, request.slot_id, now)
            _set_state(tx, booking_id, "cancelled", now)
            new = new_id()
            tx.execute(
                "INSERT INTO bookings (id, code, kiosk_id, idempotency_key, slot_id, visit_id,"
                " id_number, state, created_at, changed_at, moved_from)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?, ?)",
                (new, _new_code(), self.kiosk_id, request.idempotency_key, slot["id"],
                 visit["visit_id"], visit["id_number"], stamp(now), stamp(now), booking_id))
            return _booking(tx, _row(tx, new), now)

    def bookings(self, visit_id: str) -> list[Booking]:
        now = self._now()
        with self._db.transaction() as tx:
            visit = self._open_visit(tx, visit_id, now)
            rows = tx.all("SELECT b.* FROM bookings b JOIN slots s ON s.id = b.slot_id"
                          " WHERE b.id_number = ? ORDER BY s.day, s.start_time, b.created_at",
                          (visit["id_number"],))
            self._record_read(tx, visit, "bookings", now)
            return [_booking(tx, row, now) for row in rows
                    if _state(row, now) is not BookingState.EXPIRED]

    def check_in(self, code: str) -> Booking:
        now = self._now()
        with self._db.transaction() as tx:
            found = tx.one("SELECT id FROM bookings WHERE code = ?", (code,))
            if found is None:
                raise PlatformRefused("not_found", "no booking has this code")
            tx.lock(f"booking:{found['id']}")
            row = _row(tx, found["id"])
            state = _state(row, now)
            if state is BookingState.CHECKED_IN:
                return _booking(tx, row, now)
            if state is not BookingState.CONFIRMED:
                raise PlatformRefused("bad_state", _why_not(state))
            slot = tx.one("SELECT * FROM slots WHERE id = ?", (row["slot_id"],))
            day = dt.date.fromisoformat(slot["day"])
            start = local(day, dt.time.fromisoformat(slot["start_time"]))
            end = local(day, dt.time.fromisoformat(slot["end_time"]))
            if today(now) != day:
                raise PlatformRefused("bad_state", f"wrong day: the booking is for {day}")
            if now < start - CHECK_IN_OPENS:
                opens = (start - CHECK_IN_OPENS).astimezone(SHANGHAI)
                raise PlatformRefused("bad_state", f"too early: check-in opens at {opens:%H:%M}")
            if now > end:
                raise PlatformRefused("bad_state", f"too late: the slot ended at {end:%H:%M}")
            number = tx.one(
                "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name)"
                " DO UPDATE SET value = counters.value + 1 RETURNING value",
                (f"queue:{slot['centre_id']}:{day.isoformat()}",))["value"]
            tx.execute("UPDATE bookings SET state = 'checked_in', queue_number = ?,"
                       " changed_at = ? WHERE id = ?", (f"A{number:03d}", stamp(now), row["id"]))
            return _booking(tx, _row(tx, row["id"]), now)

    def _by_key(self, tx: Transaction, key: str) -> Row | None:
        return tx.one("SELECT * FROM bookings WHERE kiosk_id = ? AND idempotency_key = ?",
                      (self.kiosk_id, key))

    def _bookable(self, tx: Transaction, slot_id: str, now: dt.datetime) -> Row:
        slot = tx.one("SELECT * FROM slots WHERE id = ?", (slot_id,))
        if slot is None:
            raise PlatformRefused("not_found", "no such slot")
        start = local(dt.date.fromisoformat(slot["day"]), dt.time.fromisoformat(slot["start_time"]))
        if start <= now:
            raise PlatformRefused("bad_state", "the slot has already begun")
        if _places_left(tx, slot, now) <= 0:
            raise PlatformRefused("slot_full", "no place left in this slot")
        return slot

    def _changeable(self, tx: Transaction, booking_id: str, now: dt.datetime) -> Row:
        """The booking, locked with its slot, if this kiosk made it or holds an open visit of
        its resident."""
        row = tx.one("SELECT slot_id FROM bookings WHERE id = ?", (booking_id,))
        if row is None:
            raise PlatformRefused("not_found", "no such booking")
        tx.lock(f"booking:{booking_id}", f"slot:{row['slot_id']}")
        row = _row(tx, booking_id)
        if row["kiosk_id"] != self.kiosk_id and tx.one(
                "SELECT 1 AS found FROM visits WHERE kiosk_id = ? AND id_number = ?"
                " AND closed_at IS NULL AND expires_at > ?",
                (self.kiosk_id, row["id_number"], stamp(now))) is None:
            raise PlatformRefused("forbidden", "the booking is another kiosk's")
        return row


def _new_code() -> str:
    """What a booking's QR code says: random, so a code cannot be guessed from another."""
    return "BK" + secrets.token_urlsafe(15)


def _why_not(state: BookingState) -> str:
    return {
        BookingState.RESERVED: "the booking was held but never confirmed",
        BookingState.EXPIRED: "the hold ran out before it was confirmed",
        BookingState.CANCELLED: "the booking was cancelled",
        BookingState.CALLED: "the booking has already been called",
        BookingState.DONE: "the booking is done",
        BookingState.MISSED: "the booking was missed",
    }.get(state, f"the booking is {state.value}")


def _state(row: Row, now: dt.datetime) -> BookingState:
    if row["state"] == "reserved" and row["held_until"] <= stamp(now):
        return BookingState.EXPIRED
    return BookingState(row["state"])


def _set_state(tx: Transaction, booking_id: str, state: str, now: dt.datetime) -> None:
    tx.execute("UPDATE bookings SET state = ?, held_until = NULL, changed_at = ? WHERE id = ?",
               (state, stamp(now), booking_id))


def _row(tx: Transaction, booking_id: str) -> Row:
    return tx.one("SELECT * FROM bookings WHERE id = ?", (booking_id,))


def _places_left(tx: Transaction, slot: Row, now: dt.datetime) -> int:
    taken = tx.one("SELECT COUNT(*) AS n FROM bookings WHERE slot_id = ? AND (state IN"
                   f" ({', '.join('?' * len(TAKING))}) OR (state = 'reserved' AND held_until > ?))",
                   (slot["id"], *TAKING, stamp(now)))["n"]
    return max(0, slot["places"] - taken)


def _slot(tx: Transaction, row: Row, now: dt.datetime) -> Slot:
    return Slot(id=row["id"], centre_id=row["centre_id"], matter=row["matter"],
                day=dt.date.fromisoformat(row["day"]),
                start=dt.time.fromisoformat(row["start_time"]),
                end=dt.time.fromisoformat(row["end_time"]), places_left=_places_left(tx, row, now))


def _booking(tx: Transaction, row: Row, now: dt.datetime) -> Booking:
    slot = tx.one("SELECT * FROM slots WHERE id = ?", (row["slot_id"],))
    state = _state(row, now)
    return Booking(id=row["id"], code=row["code"], slot=_slot(tx, slot, now), state=state,
                   held_until=unstamp(row["held_until"]) if state is BookingState.RESERVED
                   else None, queue_number=row["queue_number"])


def _centre(row: Row) -> Centre:
    return Centre(id=row["id"], kind=row["kind"], name_zh=row["name_zh"], name_en=row["name_en"],
                  address_zh=row["address_zh"], address_en=row["address_en"],
                  latitude=row["latitude"], longitude=row["longitude"],
                  hours_zh=row["hours_zh"], hours_en=row["hours_en"],
                  open_24h=bool(row["open_24h"]), opening_hours=row["opening_hours"],
                  offers=tuple(json.loads(row["offers"])))


def _materialise(tx: Transaction, centre_id: str, matter: str, first: dt.date,
                 last: dt.date) -> None:
    """Make the slots of these days from the centre's template, once each."""
    templates = tx.all("SELECT * FROM slot_templates WHERE centre_id = ?", (centre_id,))
    day = first
    while day <= last:
        for template in templates:
            if template["weekday"] == day.weekday():
                tx.execute(
                    "INSERT INTO slots (id, centre_id, matter, day, start_time, end_time, places)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (centre_id, matter, day, start_time) DO NOTHING",
                    (new_id(), centre_id, matter, day.isoformat(), template["start_time"],
                     template["end_time"], template["places"]))
        day += dt.timedelta(days=1)


def call_next(db: Database, now: dt.datetime, centre_id: str) -> Booking | None:
    """The next checked-in resident at this centre today is called to a window."""
    with db.transaction() as tx:
        tx.lock(f"queue:{centre_id}")
        row = tx.one("SELECT b.* FROM bookings b JOIN slots s ON s.id = b.slot_id"
                     " WHERE s.centre_id = ? AND s.day = ? AND b.state = 'checked_in'"
                     " ORDER BY LENGTH(b.queue_number), b.queue_number LIMIT 1",
                     (centre_id, today(now).isoformat()))
        if row is None:
            return None
        _set_state(tx, row["id"], "called", now)
        return _booking(tx, _row(tx, row["id"]), now)


def finish(db: Database, now: dt.datetime, booking_id: str) -> Booking:
    with db.transaction() as tx:
        tx.lock(f"booking:{booking_id}")
        row = tx.one("SELECT * FROM bookings WHERE id = ?", (booking_id,))
        if row is None:
            raise PlatformRefused("not_found", "no such booking")
        if row["state"] != "called":
            raise PlatformRefused("bad_state", f"a booking {row['state']} cannot be finished")
        _set_state(tx, booking_id, "done", now)
        return _booking(tx, _row(tx, booking_id), now)


def mark_missed(db: Database, now: dt.datetime) -> int:
    """Confirmed bookings whose slot has ended without a check-in are missed; how many."""
    local_now = now.astimezone(SHANGHAI).strftime("%Y-%m-%dT%H:%M")
    with db.transaction() as tx:
        return tx.execute(
            "UPDATE bookings SET state = 'missed', changed_at = ? WHERE state = 'confirmed'"
            " AND slot_id IN (SELECT id FROM slots WHERE day || 'T' || end_time < ?)",
            (stamp(now), local_now))
