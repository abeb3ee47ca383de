"""Devices failing and coming back, through the real window: exactly the services that
need a device pause, with a spoken and visible reason; with every device out, the kiosk
says it is out of service; paper low warns staff and keeps printing."""

from __future__ import annotations

from drivers.base import PaperState
from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName
from tests.ui.touch import find_button, place_card, visible_text, wait_until


def test_every_device_out_shows_out_of_service_then_recovers(qtbot, kiosk):
    place_card(qtbot, kiosk, ELDERLY)
    for device in (kiosk.devices.idcard, kiosk.devices.scanner, kiosk.devices.printer):
        device.unplug()
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.OUT_OF_SERVICE)
    assert "本机暂停服务" in visible_text(kiosk.window)
    assert kiosk.kiosk.session.visit.resident is None  # the visit was wiped
    kiosk.devices.printer.replug()
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.ATTRACT)


def test_a_device_going_out_is_said_and_shown(qtbot, kiosk):
    controller = kiosk.kiosk
    controller.session.visit.voice_on = True
    place_card(qtbot, kiosk, ELDERLY)
    wait_until(qtbot, lambda: "printer" in controller.devices.status)
    kiosk.devices.printer.unplug()
    wait_until(qtbot, lambda: not find_button(kiosk.window, "老年综合津贴").isEnabled())
    assert "暂停：打印机" in visible_text(kiosk.window)
    wait_until(qtbot, lambda: any("打印机暂停服务" in text
                                for text, _ in kiosk.voice.engine.spoken))
    kiosk.devices.printer.replug()
    wait_until(qtbot, lambda: find_button(kiosk.window, "老年综合津贴").isEnabled())


def test_paper_low_warns_staff_and_keeps_printing(qtbot, kiosk, caplog):
    kiosk.devices.printer.set_paper(PaperState.LOW)
    wait_until(qtbot, lambda: "打印纸即将用完" in visible_text(kiosk.window))
    # The threshold event that tells staff comes apart from the status that shows the line.
    wait_until(qtbot, lambda: any("paper is low" in record.message for record in caplog.records))
    place_card(qtbot, kiosk, ELDERLY)
    assert find_button(kiosk.window, "老年综合津贴").isEnabled()


def test_an_unreadable_card_gets_a_calm_message(qtbot, kiosk):
    kiosk.devices.idcard.place_unreadable()
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.NOTICE)
    assert "擦一擦" in visible_text(kiosk.window)
    place_card(qtbot, kiosk, ELDERLY)  # laid down again, and read
