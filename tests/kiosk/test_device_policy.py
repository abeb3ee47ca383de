"""What the kiosk does about its devices, with no window: exactly the services that need a
device pause and come back; with every essential device out it is out of service (but never
takes the reference number from a resident who is printing); paper low tells staff; a card
the reader cannot read gets a calm message, a broken reader does not."""

from __future__ import annotations

from drivers.base import (
    CardRead,
    DeviceError,
    DeviceFault,
    DeviceState,
    DeviceStatus,
    PaperState,
    PaperThreshold,
    StatusChanged,
)
from drivers.idcard.samples import ELDERLY
from kiosk.device_policy import ESSENTIAL_DEVICES
from kiosk.view import ScreenName as S
from tests.kiosk import form_walk

ONLINE = DeviceStatus(DeviceState.ONLINE)
GONE = DeviceStatus(DeviceState.NO_DEVICE, detail="unplugged")


def status(rig, device, new, old=ONLINE):
    rig.kiosk.handle_device_event(StatusChanged(device, new, old))


def tiles(rig):
    return {tile.id: tile for tile in rig.view.showing["services"]}


def test_a_printer_out_pauses_what_prints_and_says_why(rig):
    rig.kiosk.start()
    status(rig, "printer", ONLINE)
    status(rig, "printer", DeviceStatus(DeviceState.USER_ERROR, paper=PaperState.OUT))
    paused = [tile for tile in tiles(rig).values() if not tile.available]
    assert paused and all(tile.note == "暂停服务，设备正在维修" for tile in paused)
    assert rig.view.showing["devices_out"] == "暂停：打印机"
    status(rig, "printer", ONLINE)
    assert all(tile.available for tile in tiles(rig).values())
    assert rig.view.showing["devices_out"] == ""


def test_a_device_that_goes_out_mid_visit_is_spoken(rig):
    rig.kiosk.start()
    rig.kiosk.toggle_display_mode("care")  # care mode speaks
    status(rig, "printer", ONLINE)
    status(rig, "printer", GONE)
    assert rig.said("打印机暂停服务")


def test_everything_out_ends_the_visit_then_a_device_back_reopens(rig):
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    rig.jobs.finish()
    for name in ESSENTIAL_DEVICES:
        status(rig, name, GONE)
    assert rig.view.screen == S.OUT_OF_SERVICE and rig.visit.resident is None
    assert rig.kiosk.mode.name == "out_of_service"
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))  # nobody can be served now
    rig.kiosk.consent(True)  # the resident agrees to the reads
    assert rig.view.screen == S.OUT_OF_SERVICE and not rig.jobs.waiting
    status(rig, "printer", ONLINE, GONE)
    assert rig.view.screen == S.ATTRACT and rig.kiosk.mode.name == "attract"


def test_a_resident_printing_keeps_the_reference_when_everything_stops(rig):
    rig.kiosk.start()
    rig.kiosk.handle_device_event(CardRead("idcard", ELDERLY))
    rig.kiosk.consent(True)  # the resident agrees to the reads
    rig.jobs.finish()
    rig.kiosk.choose_service("elderly_allowance")
    form_walk.to_sign(rig.kiosk)  # its steps, then check your answers
    rig.kiosk.confirm_without_signature()
    for name in ESSENTIAL_DEVICES:
        status(rig, name, GONE)
    assert rig.view.screen == S.PRINTING
    rig.jobs.finish()
    assert rig.view.screen == S.RECEIPT and rig.view.showing["receipt"].reference
    rig.kiosk.to_rating()
    rig.kiosk.rate(5)
    rig.kiosk.finish()  # the visit ends, and only now does the kiosk go out of service
    assert rig.view.screen == S.OUT_OF_SERVICE


def test_paper_low_tells_staff_and_printing_goes_on(rig, caplog):
    rig.kiosk.handle_device_event(PaperThreshold("printer", PaperState.LOW))
    status(rig, "printer", DeviceStatus(DeviceState.ONLINE, paper=PaperState.LOW))
    assert any("paper is low" in r.message for r in caplog.records)
    assert rig.view.showing["paper_low"]
    assert all(tile.available for tile in tiles(rig).values())


def test_an_unreadable_card_gets_a_calm_message_a_broken_reader_does_not(rig):
    dirty = DeviceError("read failed", code="read_failed")
    rig.kiosk.handle_device_event(DeviceFault("idcard", dirty))
    assert rig.view.screen == S.NOTICE
    assert rig.view.showing["notice"].title == "读不出这张卡"
    rig.kiosk.go_home()
    broken = DeviceError("no answer", code="no_reply")
    rig.kiosk.handle_device_event(DeviceFault("idcard", broken))
    assert rig.view.screen == S.HOME
