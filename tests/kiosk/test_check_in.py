"""Check-in at the kiosk on the real district store: a booking's code scanned on the attract
screen prints a ticket whose queue number is its biggest text, measured on the printed
picture; a code that cannot check in now says why; the states in plain words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PIL import ImageOps

from drivers.base import CodeScanned
from drivers.printer.document import Align, Document, Text
from drivers.printer.raster import render_document
from kiosk.view import ScreenName as S
from tests.kiosk.appointment_rig import SHANGHAI
from tests.kiosk.test_booking import MONDAY, booked, resident_bookings

AT_EIGHT_THIRTY = dt.datetime.combine(MONDAY, dt.time(8, 30), tzinfo=SHANGHAI)


def scan(rig, text: str) -> None:
    rig.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))
    rig.jobs.finish_all()


def booking_code(rig) -> str:
    """Book 09:00 on Monday, take the slip's code, and leave the kiosk."""
    booked(rig)
    [booking] = resident_bookings(rig)
    rig.kiosk.end_now()
    rig.jobs.finish_all()
    assert rig.view.screen == S.ATTRACT
    return booking.code


def glyph_size(block: Text) -> tuple[int, int]:
    """The ink of the block's first two characters as printed: height and width in dots."""
    page = render_document(Document((replace(block, text=block.text[:2], align=Align.LEFT),)))
    left, top, right, bottom = ImageOps.invert(page.convert("L")).getbbox()
    return bottom - top, right - left


def test_a_scanned_booking_prints_a_ticket_with_the_queue_number_biggest(appointments):
    rig, _store, wall = appointments
    code = booking_code(rig)
    wall.move_to(AT_EIGHT_THIRTY)  # check-in opens an hour before 09:00
    scan(rig, code)  # on the attract screen: a visit begins and checks in
    assert rig.view.screen == S.CHECKED_IN
    ticket = rig.state.ticket
    assert ticket.queue_number == "A001" and ticket.printed
    assert ticket.when == "今天 11月30日 周一 09:00–09:30"  # the kiosk's today is its own
    printed = rig.printer.printed[-1]
    texts = [block for block in printed.blocks if isinstance(block, Text) and block.text]
    [number] = [block for block in texts if block.text == "A001"]
    height, width = glyph_size(number)
    for other in texts:
        if other is not number:
            other_height, other_width = glyph_size(other)
            assert height > 1.4 * other_height and width > other_width, other.text
    scan(rig, code)  # scanned again: the same number, printed again
    assert rig.state.ticket.queue_number == "A001"
    assert rig.printer.printed[-1].plain_text() == printed.plain_text()


def test_a_code_that_cannot_check_in_now_says_why(appointments):
    rig, _store, wall = appointments
    code = booking_code(rig)
    scan(rig, code)  # on Saturday, for Monday
    assert rig.view.screen == S.NOTICE
    assert rig.state.notice.title == "现在不能签到" and rig.state.notice.problem
    rig.kiosk.go_home()
    scan(rig, "BKnot-a-booking-of-ours")
    assert rig.state.notice.title == "无法识别"
    rig.kiosk.go_home()
    wall.move_to(AT_EIGHT_THIRTY)
    rig.network.up = False
    scan(rig, code)
    assert rig.state.notice.title == "网络暂时不通"
    rig.network.up = True
    rig.kiosk.go_home()
    scan(rig, code)
    assert rig.view.screen == S.CHECKED_IN


def test_text_that_is_no_code_never_reaches_the_platform(appointments):
    rig, _store, _wall = appointments
    rig.network.up = False  # any call would say so
    scan(rig, "https://example.org/not a booking")
    assert rig.state.notice.title == "无法识别"
    assert not rig.jobs.waiting


def test_the_states_in_plain_words(appointments):
    rig, store, wall = appointments
    code = booking_code(rig)
    wall.move_to(AT_EIGHT_THIRTY)
    scan(rig, code)
    rig.kiosk.end_now()

    def listed() -> str:
        from tests.kiosk.test_booking import identified

        identified(rig)
        rig.kiosk.choose_service("appointment")
        rig.jobs.finish_all()
        rig.kiosk.open_appointments()
        rig.jobs.finish_all()
        [row] = rig.state.bookings
        rig.kiosk.end_now()
        return row.state

    assert listed() == "已签到，请等候叫号"
    called = store.call_next("bs.youyi")
    assert listed() == "正在叫号，请到窗口"
    store.finish(called.id)
    assert listed() == "已办结"
