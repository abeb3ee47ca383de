"""Appointments through the real window offscreen, by touch and by the keypad alone: a
booking to its slip, the hold's countdown in place, a double tap holding one place, cancel
asked once more, check-in by a scanned code with the queue number the biggest text on the
screen, and a home-visit request."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QAbstractButton, QLabel

from drivers.idcard.samples import ELDERLY
from drivers.printer.document import QrCode
from kiosk.view import ScreenName as S
from tests.ui.test_accessibility import focus_named, press, wait_spoken
from tests.ui.touch import (
    find_button,
    place_card,
    tap,
    tap_service,
    touch_at,
    visible_buttons,
    visible_text,
    wait_until,
)
from ui.keypad import focus_order

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def wait_screen(qtbot, app, screen) -> None:
    wait_until(qtbot, lambda: app.kiosk.state.screen == screen)


def wait_button(qtbot, app, name: str) -> None:
    """Until the control is on screen (the platform's answer comes back through Qt)."""
    wait_until(qtbot, lambda: any(b.objectName() == name and b.isVisible()
                                  for b in app.window.findChildren(QAbstractButton)))


def to_time(qtbot, app) -> None:
    """By touch: the card, the appointment tile, 户籍业务, the nearest centre, the first day."""
    window = app.window
    place_card(qtbot, app, ELDERLY)
    tap_service(qtbot, window, "appointment")
    wait_button(qtbot, app, "matter:household")
    tap(qtbot, window, "matter:household")
    tap(qtbot, window, "centre:bs.youyi")
    wait_until(qtbot, lambda: bool(app.kiosk.state.days))
    first_day = app.kiosk.state.days[0].value
    wait_button(qtbot, app, f"day:{first_day}")
    tap(qtbot, window, f"day:{first_day}")
    wait_screen(qtbot, app, S.BOOKING_TIME)


def places(app, slot_id: str) -> int:
    platform = app.kiosk.platform
    slot = next(s for s in app.kiosk.session.visit.appointments.slots if s.id == slot_id)
    return next(s.places_left for s in platform.slots(slot.centre_id, slot.matter, slot.day, 1)
                if s.id == slot_id)


def test_a_booking_by_touch_to_its_slip_then_cancelled(qtbot, booking_kiosk, clock):
    app, _wall = booking_kiosk
    window, controller = app.window, app.kiosk
    to_time(qtbot, app)
    slot = controller.state.slots[0]
    tap(qtbot, window, f"slot:{slot.id}")
    wait_screen(qtbot, app, S.BOOKING_CONFIRM)
    assert "名额保留 5:00" in visible_text(window)
    screen = window.current
    clock.advance(61)
    controller.tick()
    assert "名额保留 3:59" in visible_text(window)
    assert window.current is screen  # counted down in place, nothing rebuilt
    tap(qtbot, window, "confirm")
    wait_screen(qtbot, app, S.BOOKING_DONE)
    made = controller.session.visit.appointments.made
    printed = app.devices.printer.printed[-1]
    assert [b.data for b in printed.blocks if isinstance(b, QrCode)] == [made.code]
    assert "09:00–09:30" in visible_text(window)
    tap(qtbot, window, "mine")
    wait_button(qtbot, app, f"booking:{made.id}")
    tap(qtbot, window, f"booking:{made.id}")
    assert controller.state.screen == S.BOOKING_DETAIL
    tap(qtbot, window, "cancel")
    assert "要取消这个预约吗？" in visible_text(window)
    tap(qtbot, window, "yes_cancel")
    wait_until(qtbot, lambda: controller.state.screen == S.MY_APPOINTMENTS
               and controller.state.bookings and controller.state.bookings[0].state == "已取消")
    assert "已取消" in visible_text(window)


def test_a_double_tap_on_a_time_holds_one_place(qtbot, booking_kiosk):
    app, _wall = booking_kiosk
    to_time(qtbot, app)
    window, slot = app.window, app.kiosk.state.slots[1]
    button = find_button(window, f"slot:{slot.id}")
    spot = button.mapTo(window, button.rect().center())
    for pause in (1.0, 0.6):  # a second touch just past the tremor guard, as soon as it can
        window.tremor.clock.advance(pause)
        touch_at(qtbot, window, spot)
    wait_screen(qtbot, app, S.BOOKING_CONFIRM)
    assert places(app, slot.id) == 2


def test_a_blind_resident_books_with_the_keypad_alone(qtbot, booking_kiosk):
    app, _wall = booking_kiosk
    controller = app.kiosk
    press(qtbot, app, Qt.Key.Key_Return)  # voice on, and Enter starts
    place_card(qtbot, app, ELDERLY)
    while not any(b.objectName() == "tile:appointment" for b in visible_buttons(app.window)):
        shown = app.window.current.made_for  # home's next page, by the keypad
        focus_named(qtbot, app, "page:next")
        press(qtbot, app, Qt.Key.Key_Return)
        wait_until(qtbot, lambda shown=shown: app.window.current.made_for != shown)
    focus_named(qtbot, app, "tile:appointment")
    press(qtbot, app, Qt.Key.Key_Return)
    wait_spoken(qtbot, app, "请选择要预约的事项：")
    wait_button(qtbot, app, "matter:civil_affairs")
    for name in ("matter:civil_affairs", "centre:bs.youyi"):
        focus_named(qtbot, app, name)
        press(qtbot, app, Qt.Key.Key_Return)
    wait_spoken(qtbot, app, "请选择日期：")
    day = controller.state.days[0]
    wait_spoken(qtbot, app, day.places)
    focus_named(qtbot, app, f"day:{day.value}")
    press(qtbot, app, Qt.Key.Key_Return)
    wait_spoken(qtbot, app, "09:00–09:30，还有 3 个名额")
    focus_named(qtbot, app, f"slot:{controller.state.slots[0].id}")
    press(qtbot, app, Qt.Key.Key_Return)
    wait_screen(qtbot, app, S.BOOKING_CONFIRM)
    wait_spoken(qtbot, app, "这个名额为您保留 5 分钟。")
    assert app.window.focusWidget().objectName() == "confirm"  # the keypad starts there
    press(qtbot, app, Qt.Key.Key_Return)
    wait_screen(qtbot, app, S.BOOKING_DONE)
    wait_spoken(qtbot, app, "请取走预约单。")
    assert app.window.focusWidget().objectName() == "when"  # read out first


def test_the_keypad_reaches_every_control_of_every_appointment_screen(qtbot, booking_kiosk):
    app, _wall = booking_kiosk
    controller = app.kiosk
    place_card(qtbot, app, ELDERLY)
    steps = [
        (S.BOOKING_MATTER, lambda: controller.choose_service("appointment")),
        (S.BOOKING_CENTRE, lambda: controller.choose_matter("household")),
        (S.BOOKING_DAY, lambda: controller.choose_centre("bs.youyi")),
        (S.BOOKING_TIME, lambda: controller.choose_day(controller.state.days[0].value)),
        (S.BOOKING_CONFIRM, lambda: controller.choose_slot(controller.state.slots[0].id)),
        (S.BOOKING_DONE, controller.confirm_booking),
        (S.MY_APPOINTMENTS, controller.open_appointments),
        (S.BOOKING_DETAIL, lambda: controller.open_booking(controller.state.bookings[0].id)),
    ]
    for screen, step in steps:
        step()
        wait_until(qtbot, lambda screen=screen: controller.state.screen == screen
                   and not controller.state.booking_busy)
        reachable = set(map(id, focus_order(app.window)))
        controls = [b for b in app.window.current.findChildren(QAbstractButton)
                    if b.isVisible() and b.isEnabled()]
        assert controls, screen
        for button in controls:
            assert id(button) in reachable, f"{screen}: {button.objectName()} unreachable"
        focus_named(qtbot, app, controls[-1].objectName())  # and Down gets there


def test_check_in_by_scanning_on_the_attract_screen(qtbot, booking_kiosk):
    app, wall = booking_kiosk
    controller = app.kiosk
    place_card(qtbot, app, ELDERLY)
    controller.choose_service("appointment")
    wait_until(qtbot, lambda: bool(controller.state.matters))
    controller.choose_matter("household")
    controller.choose_centre("bs.youyi")
    wait_until(qtbot, lambda: bool(controller.state.days))
    controller.choose_day(controller.state.days[0].value)
    controller.choose_slot(controller.state.slots[0].id)
    wait_screen(qtbot, app, S.BOOKING_CONFIRM)
    controller.confirm_booking()
    wait_screen(qtbot, app, S.BOOKING_DONE)
    booking = controller.session.visit.appointments.made
    tap(qtbot, app.window, "nav.end")
    tap(qtbot, app.window, "done")
    assert controller.state.screen == S.ATTRACT
    start = dt.datetime.combine(booking.slot.day, booking.slot.start, tzinfo=SHANGHAI)
    wall.set(start - dt.timedelta(minutes=20))
    app.devices.scanner.scan(booking.code)
    wait_screen(qtbot, app, S.CHECKED_IN)
    number = app.window.current.findChild(QLabel, "queue_number")
    assert number.text() == "A001" and app.window.focusWidget() is number  # read out first
    biggest = max(QFontInfo(label.font()).pixelSize()
                  for label in app.window.findChildren(QLabel)
                  if label.isVisible() and label is not number and label.text())
    assert QFontInfo(number.font()).pixelSize() > 1.5 * biggest
    assert app.devices.printer.printed[-1].title == "ticket-A001"


def test_a_home_visit_request_by_touch(qtbot, booking_kiosk):
    app, _wall = booking_kiosk
    window = app.window
    place_card(qtbot, app, ELDERLY)
    tap_service(qtbot, window, "home_service")
    wait_button(qtbot, app, "choice:matter:household")
    tap(qtbot, window, "send")  # nothing chosen yet: asked, nothing sent
    assert "请选择：您需要" in visible_text(window)
    tap(qtbot, window, "choice:kind:proxy")
    tap(qtbot, window, "choice:matter:social_security")
    assert find_button(window, "choice:kind:proxy").isChecked()
    tap(qtbot, window, "send")
    wait_screen(qtbot, app, S.HOME_SERVICE_DONE)
    text = visible_text(window)
    assert "代为办理" in text and "已收到，等待安排工作人员" in text
