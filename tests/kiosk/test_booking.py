"""统一预约 driven through the kiosk's actions, with no window, on the real district store
(SQLite, the demo centres and slots): from the matter to the printed slip, one place for a
double touch or a retry, the hold's countdown on the injected clock, my appointments with
cancel and move."""

from __future__ import annotations

import datetime as dt

from district.models import BookingState
from drivers.base import CardRead
from drivers.idcard.samples import ELDERLY
from drivers.printer.document import QrCode
from kiosk.appointment_desk import Appointments
from kiosk.state import Step
from kiosk.view import ScreenName as S

MONDAY = dt.date(2026, 11, 30)  # the first day with slots: the kiosk's today is a Saturday


def identified(rig):
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees: the platform's visit is open
    rig.jobs.finish_all()


def to_time(rig, day: int = 0):
    """Identified, the appointment service, 户籍业务 at the nearest centre, the `day`th day."""
    identified(rig)
    kiosk = rig.kiosk
    kiosk.choose_service("appointment")
    rig.jobs.finish_all()
    kiosk.choose_matter("household")
    kiosk.choose_centre("bs.youyi")
    rig.jobs.finish_all()
    kiosk.choose_day(rig.state.days[day].value)
    assert rig.view.screen == S.BOOKING_TIME


def held(rig, slot: int = 0) -> str:
    slot_id = rig.state.slots[slot].id
    rig.kiosk.choose_slot(slot_id)
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_CONFIRM
    return slot_id


def booked(rig) -> str:
    to_time(rig)
    slot_id = held(rig)
    rig.kiosk.confirm_booking()
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_DONE
    return slot_id


def places(rig, slot_id: str, day: dt.date = MONDAY) -> int:
    """What the platform says is left, asked as any kiosk would."""
    slots = rig.network.platform.slots("bs.youyi", "household", day, 1)
    return next(slot.places_left for slot in slots if slot.id == slot_id)


def resident_bookings(rig):
    return rig.network.platform.bookings(rig.visit.grant.visit_id)


def test_a_booking_from_the_matter_to_the_printed_slip(appointments):
    rig, _store, _wall = appointments
    kiosk, state = rig.kiosk, rig.state
    identified(rig)
    kiosk.choose_service("appointment")
    assert rig.view.screen == S.BOOKING_MATTER and state.step == Step(1, 5)
    assert state.booking_busy and state.matters == ()
    rig.jobs.finish_all()
    assert [m.label for m in state.matters] == ["户籍业务", "社保业务", "民政业务"]
    kiosk.choose_matter("household")
    assert rig.view.screen == S.BOOKING_CENTRE
    nearest = state.centres[0]
    assert nearest.id == "bs.youyi" and nearest.distance == "就在这里"
    assert len(state.centres) == 3 and all("9:00-17:00" in c.hours for c in state.centres)
    # Wusong lies 2.9 km south and 1 km east, Zhangmiao 7.3 km south and 4.6 km west.
    assert [c.distance for c in state.centres[1:]] == ["约 3.0 公里", "约 8.6 公里"]
    kiosk.choose_centre("bs.youyi")
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_DAY
    assert [d.label for d in state.days][:2] == ["后天 11月30日 周一", "12月1日 周二"]
    assert len(state.days) == 5 and state.days[0].places == "还有 33 个名额"  # weekdays only
    kiosk.choose_day(state.days[0].value)
    assert rig.view.screen == S.BOOKING_TIME and len(state.slots) == 11
    assert (state.slots[0].label, state.slots[0].places) == ("09:00–09:30", "还有 3 个名额")
    slot_id = held(rig)
    assert state.hold_seconds == 300 and state.step == Step(5, 5)
    assert state.booking.when == "后天 11月30日 周一 09:00–09:30"
    assert state.booking.centre == "友谊路街道社区事务受理服务中心"
    kiosk.confirm_booking()
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_DONE and state.booking.state == "预约成功"
    assert state.booking.printed
    [booking] = resident_bookings(rig)
    assert booking.state == BookingState.CONFIRMED and booking.slot.id == slot_id
    slip = rig.printer.printed[-1]
    assert [b.data for b in slip.blocks if isinstance(b, QrCode)] == [booking.code]
    text = slip.plain_text()
    for words in ("11月30日 周一", "09:00–09:30", "友谊路街道社区事务受理服务中心", "户籍业务"):
        assert words in text
    assert "后天" not in text  # the slip is kept for days: the date alone stays true
    assert places(rig, slot_id) == 2


def test_a_double_touch_holds_one_place(appointments):
    rig, _store, _wall = appointments
    to_time(rig)
    other = held(rig, 1)  # a first choice, given back: the platform's visit is open now
    rig.kiosk.go_back()
    slot_id = rig.state.slots[0].id
    rig.kiosk.choose_slot(slot_id)
    rig.kiosk.choose_slot(slot_id)  # the second touch of a shaking hand, before any answer
    rig.jobs.finish_all()
    rig.kiosk.choose_slot(slot_id)  # and one more, now on the confirm screen
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_CONFIRM
    assert places(rig, slot_id) == 2 and places(rig, other) == 3
    assert [b.state for b in resident_bookings(rig)] == [BookingState.RESERVED,
                                                         BookingState.CANCELLED]


def test_a_retry_after_a_lost_answer_holds_the_same_place(appointments):
    rig, _store, _wall = appointments
    to_time(rig)
    slot_id = rig.state.slots[0].id
    rig.network.lose.add("hold")  # the platform holds the place; its answer never arrives
    rig.kiosk.choose_slot(slot_id)
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_TIME
    assert rig.state.booking_problem.startswith("网络暂时不通")
    assert places(rig, slot_id) == 2
    rig.kiosk.choose_slot(slot_id)  # the resident touches it again
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_CONFIRM and rig.state.booking_problem == ""
    assert places(rig, slot_id) == 2  # the same key: the same hold, not a second one
    assert len(resident_bookings(rig)) == 1


def test_another_time_is_another_hold_and_the_first_goes_back(appointments):
    rig, _store, _wall = appointments
    to_time(rig)
    first = held(rig, 0)
    rig.kiosk.go_back()  # from the confirm screen: the place goes back at once
    assert rig.view.screen == S.BOOKING_TIME and rig.visit.appointments.held is None
    second = held(rig, 1)
    assert places(rig, first) == 3 and places(rig, second) == 2


def test_the_hold_counts_down_and_runs_out_on_the_injected_clock(appointments, clock):
    rig, _store, _wall = appointments
    to_time(rig)
    slot_id = held(rig)
    clock.advance(299)
    rig.kiosk.tick()
    assert rig.state.hold_seconds == 1
    clock.advance(2)
    rig.kiosk.tick()
    assert rig.state.hold_seconds == 0
    assert places(rig, slot_id) == 3  # the platform gave the place back by itself
    rig.kiosk.confirm_booking()  # the countdown is over: choose again, nothing is sent
    assert rig.view.screen == S.BOOKING_TIME
    assert rig.state.booking_problem.startswith("保留时间已过")
    rig.jobs.finish_all()
    assert rig.state.slots[0].places == "还有 3 个名额"
    assert resident_bookings(rig) == []  # an expired hold is no booking


def test_a_hold_that_runs_out_on_the_way_is_chosen_again(appointments, clock):
    rig, _store, _wall = appointments
    to_time(rig)
    held(rig)
    clock.advance(299)
    rig.kiosk.confirm_booking()  # in time by the kiosk's count ...
    clock.advance(5)  # ... but the platform hears it late
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_TIME
    assert rig.state.booking_problem.startswith("保留时间已过")
    assert not rig.visit.holds  # nothing keeps the idle timeout off any more


def test_home_on_the_confirm_screen_gives_the_place_back(appointments):
    rig, _store, _wall = appointments
    to_time(rig)
    slot_id = held(rig)
    rig.kiosk.go_home()
    rig.jobs.finish_all()
    assert rig.view.screen == S.HOME and places(rig, slot_id) == 3


def test_a_full_time_is_not_offered_and_a_place_taken_meanwhile_says_so(appointments):
    rig, _store, _wall = appointments
    to_time(rig)
    slot_id = rig.state.slots[0].id
    others = rig.network.platform
    for n in range(3):  # other residents take every place of 09:00 meanwhile
        grant = others.open_visit(_consent(f"11010119900101{n:04d}"))
        others.confirm(others.hold(_hold(slot_id, grant.visit_id, n)).id)
    rig.kiosk.choose_slot(slot_id)
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_TIME
    assert rig.state.booking_problem.startswith("这个时间刚刚约满了")
    assert slot_id not in [slot.id for slot in rig.state.slots]  # fetched afresh: gone


def test_my_appointments_move_and_cancel(appointments):
    rig, _store, _wall = appointments
    kiosk, state = rig.kiosk, rig.state
    first = booked(rig)
    kiosk.open_appointments()
    assert rig.view.screen == S.MY_APPOINTMENTS and state.booking_busy
    rig.jobs.finish_all()
    [row] = state.bookings
    assert (row.state, row.changeable, row.movable) == ("预约成功", True, True)
    kiosk.open_booking(row.id)
    assert rig.view.screen == S.BOOKING_DETAIL and state.booking == row
    kiosk.move_booking()
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_DAY
    kiosk.choose_day(state.days[1].value)
    kiosk.choose_slot(state.slots[2].id)
    assert rig.view.screen == S.BOOKING_CONFIRM and not rig.jobs.waiting  # nothing held
    assert state.booking.was == "后天 11月30日 周一 09:00–09:30"
    assert state.booking.when == "12月1日 周二 10:00–10:30" and state.hold_seconds is None
    kiosk.confirm_booking()
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_DONE and state.booking.when.endswith("10:00–10:30")
    assert places(rig, first) == 3
    kiosk.open_appointments()
    rig.jobs.finish_all()
    assert [b.state for b in state.bookings] == ["预约成功", "已取消"]
    moved = state.bookings[0]
    assert not state.bookings[1].changeable
    kiosk.open_booking(moved.id)
    kiosk.confirm_cancel()  # not asked yet: nothing happens
    assert not rig.jobs.waiting
    kiosk.cancel_booking()
    assert state.cancel_asked
    kiosk.go_back()  # 不取消: the question goes, the booking and the screen stay
    assert rig.view.screen == S.BOOKING_DETAIL and not state.cancel_asked
    kiosk.cancel_booking()
    kiosk.confirm_cancel()
    kiosk.confirm_cancel()  # a double touch cancels once
    rig.jobs.finish_all()
    assert rig.view.screen == S.MY_APPOINTMENTS
    assert [b.state for b in state.bookings] == ["已取消", "已取消"]
    assert {b.state for b in resident_bookings(rig)} == {BookingState.CANCELLED}


def test_a_past_booking_opens_but_offers_no_change(appointments):
    rig, _store, _wall = appointments
    booked(rig)
    rig.kiosk.open_appointments()
    rig.jobs.finish_all()
    rig.kiosk.open_booking(rig.state.bookings[0].id)
    rig.kiosk.cancel_booking()
    rig.kiosk.confirm_cancel()
    rig.jobs.finish_all()
    rig.kiosk.open_booking(rig.state.bookings[0].id)  # now cancelled
    rig.kiosk.cancel_booking()
    rig.kiosk.move_booking()
    assert rig.view.screen == S.BOOKING_DETAIL and not rig.state.cancel_asked
    assert rig.state.booking.state == "已取消"


def test_back_while_moving_leads_to_the_list(appointments):
    rig, _store, _wall = appointments
    booked(rig)
    rig.kiosk.open_appointments()
    rig.jobs.finish_all()
    rig.kiosk.open_booking(rig.state.bookings[0].id)
    rig.kiosk.move_booking()
    rig.jobs.finish_all()
    rig.kiosk.go_back()
    assert rig.view.screen == S.MY_APPOINTMENTS and rig.visit.appointments.moving is None
    rig.kiosk.go_back()
    assert rig.view.screen == S.BOOKING_MATTER


def test_a_network_failure_keeps_the_choices_and_retry_fetches_again(appointments):
    rig, _store, _wall = appointments
    identified(rig)
    rig.kiosk.choose_service("appointment")
    rig.jobs.finish_all()
    rig.kiosk.choose_matter("household")
    rig.network.up = False
    rig.kiosk.choose_centre("bs.youyi")
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_DAY and rig.state.days == ()
    assert rig.state.booking_problem.startswith("网络暂时不通")
    rig.network.up = True
    rig.kiosk.retry()
    rig.jobs.finish_all()
    assert len(rig.state.days) == 5 and rig.state.booking_problem == ""
    assert rig.visit.appointments.matter == "household"


def test_the_wipe_takes_every_appointment_choice(appointments):
    rig, _store, _wall = appointments
    to_time(rig)
    held(rig)
    rig.kiosk.end_now()
    rig.jobs.finish_all()  # the held place goes back, for nobody's visit
    assert rig.view.screen == S.ATTRACT
    assert rig.visit.appointments == Appointments()
    assert rig.state.booking is None and rig.state.slots == () and rig.state.days == ()


def test_each_step_is_spoken(appointments):
    rig, _store, _wall = appointments
    rig.visit.voice_on = True
    to_time(rig)
    assert rig.said("请选择时间：")
    assert rig.said("09:00–09:30，还有 3 个名额")
    held(rig)
    assert rig.said("这个名额为您保留 5 分钟。")


def _consent(id_number: str):
    from district.models import Consent

    return Consent(id_number=id_number, purpose="appointment", items=())


def _hold(slot_id: str, visit_id: str, n: int):
    from district.models import HoldRequest

    return HoldRequest(idempotency_key=f"another-resident-{n}", slot_id=slot_id,
                       visit_id=visit_id)


def test_a_resident_who_declined_is_asked_again_before_booking(appointments):
    rig, _store, _wall = appointments
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(False)
    rig.kiosk.choose_service("appointment")
    assert rig.view.screen == S.CONSENT and not rig.jobs.waiting  # nothing sent unasked
    rig.kiosk.consent(True)
    rig.jobs.finish_all()
    assert rig.view.screen == S.BOOKING_MATTER and rig.visit.grant is not None
