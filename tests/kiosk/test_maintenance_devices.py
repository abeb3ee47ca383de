"""Maintenance's devices page through the real kiosk: each device's state in words, and each
test on the simulated devices: a test page on the real simulated printer (paper out, a
printer that stops answering), a card read and shown masked, a code scanned, the document
camera's picture, the platform's answer; each with its result line and its audit record."""

from __future__ import annotations

import logging

import pytest

from drivers.base import (
    CardRead,
    CodeScanned,
    DeviceError,
    DeviceFault,
    DeviceState,
    DeviceStatus,
    MediaState,
    PaperState,
)
from drivers.camera.simulator import SimulatedDocumentCamera
from drivers.idcard.samples import ADULT
from drivers.printer.document import QrCode
from kiosk.modes.base import ModeName
from kiosk.view import ScreenName as S
from tests.kiosk.maintenance_rig import audits, open_page, tell

PAGE = "maintenance_devices"


def rows(rig) -> dict:
    return {row.device: row for row in rig.state.maintenance.devices.rows}


@pytest.fixture
def camera():
    camera = SimulatedDocumentCamera()
    camera.start()
    yield camera
    camera.stop()


def test_each_device_is_shown_with_its_state_media_and_last_error_in_words(rig, caplog):
    tell(rig, "idcard", DeviceStatus(DeviceState.ONLINE, media=MediaState.ABSENT))
    tell(rig, "scanner", DeviceStatus(DeviceState.HARDWARE_ERROR,
                                      detail="scanner: no answer on /dev/ttyUSB1"))
    tell(rig, "printer", DeviceStatus(DeviceState.ONLINE, paper=PaperState.LOW))
    open_page(rig, PAGE)
    assert rig.state.screen == S.MAINTENANCE_DEVICES
    assert rig.state.maintenance.page == "devices"
    shown = rows(rig)
    assert list(shown) == ["idcard", "scanner", "printer", "camera", "platform"]
    assert (shown["idcard"].name, shown["idcard"].state, shown["idcard"].media) == \
        ("读卡器", "正常", "无卡")
    assert shown["scanner"].state == "硬件故障" and not shown["scanner"].ok
    assert shown["scanner"].last_error == "上次错误：scanner: no answer on /dev/ttyUSB1"
    assert (shown["printer"].state, shown["printer"].media) == ("正常", "纸快用完了")
    assert shown["camera"].state == "未配置"  # this kiosk has no document camera
    assert shown["platform"].state == "正常"  # the platform watch's check at start
    assert all(row.result == "" and row.passed is None for row in shown.values())
    rig.kiosk.toggle_language()
    assert rows(rig)["printer"].media == "Paper low"
    assert not [r for r in caplog.records if "missing in" in r.getMessage()]


def test_a_test_page_prints_with_the_kiosk_the_time_each_size_and_a_qr(rig):
    open_page(rig, PAGE)
    before = len(rig.printer.printed)
    rig.kiosk.run_device_test("printer")
    row = rows(rig)["printer"]
    assert row.passed is True and row.result.startswith("通过")
    page = rig.printer.printed[before]
    text = page.plain_text()
    assert rig.kiosk.settings.site.kiosk_id in text and "huge" in text and "normal" in text
    assert any(isinstance(block, QrCode) for block in page.blocks)
    assert ("maintenance.test.printer", "passed") in audits(rig)


def test_paper_out_gives_a_result_line_saying_what_to_do(rig):
    rig.printer.set_paper(PaperState.OUT)
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("printer")
    row = rows(rig)["printer"]
    assert row.passed is False and "装纸" in row.result
    assert ("maintenance.test.printer", "failed: printer_paper") in audits(rig)


def test_a_printer_that_stops_answering_gives_a_result_line_not_a_hang(rig):
    rig.kiosk.print_timeout = 0.2
    rig.printer.seconds_per_job = 60  # it takes the job and never finishes it
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("printer")
    row = rows(rig)["printer"]
    assert row.passed is False and "没有应答" in row.result
    assert not row.busy
    assert ("maintenance.test.printer", "failed: printer_timeout") in audits(rig)


def test_a_card_read_is_shown_masked_and_begins_no_visit(rig):
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("idcard")
    row = rows(rig)["idcard"]
    assert row.busy and row.result == "请把一张身份证放到读卡区。"
    rig.kiosk.handle_device_event(CardRead("idcard", ADULT))
    assert rig.state.screen == S.MAINTENANCE_DEVICES
    assert rig.kiosk.session.visit.resident is None
    card = dict(rig.state.maintenance.devices.card)
    assert card["姓名"] == "李*"
    assert card["证件号码"] == ADULT.id_number[:3] + "*" * 11 + ADULT.id_number[-4:]
    assert card["出生年份"] == "1991"
    assert card["住址"] == "上海市宝山区***"
    shown = repr(rig.state.maintenance)
    assert ADULT.id_number not in shown and ADULT.name not in shown and "牡丹江" not in shown
    assert rows(rig)["idcard"].passed is True
    assert ("maintenance.test.idcard", "passed") in audits(rig)
    rig.kiosk.switch_to(ModeName.ATTRACT)  # leaving maintenance: the masked card goes too
    rig.kiosk.publish()
    assert rig.kiosk.modes[ModeName.MAINTENANCE].device_tests.card == ()
    assert rig.state.maintenance is None


def test_a_card_no_test_waits_for_is_ignored(rig):
    open_page(rig, PAGE)
    rig.kiosk.handle_device_event(CardRead("idcard", ADULT))
    assert rig.state.screen == S.MAINTENANCE_DEVICES
    assert rig.kiosk.session.visit.resident is None
    assert rig.state.maintenance.devices.card == ()


def test_an_unreadable_card_fails_the_test_with_what_to_do(rig):
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("idcard")
    rig.kiosk.handle_device_event(DeviceFault("idcard", DeviceError(
        "idcard: read failed", state=DeviceState.ONLINE, code="read_failed")))
    row = rows(rig)["idcard"]
    assert row.passed is False and "擦一擦" in row.result
    assert row.last_error == "上次错误：idcard: read failed"


@pytest.mark.parametrize(("text", "shown", "kind"), [
    ("https://zwdt.sh.gov.cn/x?ref=BS-001", "https://zwdt.sh.gov.cn/x?ref=BS-001", "网址"),
    ("SSM:9f8e7d6c5b4a", "SSM:******", "随申码"),
    ("phone 13912347358", "phone 139****7358", "含个人信息"),
])
def test_a_scanned_code_shows_its_text_masked_where_personal_its_length_and_kind(
        rig, text, shown, kind):
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("scanner")
    assert rows(rig)["scanner"].result == "请在扫码口扫一个码。"
    rig.kiosk.handle_device_event(CodeScanned("scanner", text, text.encode()))
    code = dict(rig.state.maintenance.devices.code)
    assert code["内容"] == shown
    assert code["长度"] == f"{len(text)} 个字符"
    assert code["类型"].startswith(kind) and "QRCode" in code["类型"]
    assert rows(rig)["scanner"].passed is True
    assert rig.kiosk.session.visit.resident is None
    assert ("maintenance.test.scanner", "passed") in audits(rig)


def test_the_document_camera_shows_its_live_picture(rig, camera):
    rig.kiosk.camera = camera
    open_page(rig, PAGE)
    assert rig.kiosk.maintenance_camera_frame() is None  # not before its test
    rig.kiosk.run_device_test("camera")
    frame = rig.kiosk.maintenance_camera_frame()
    assert frame is not None and frame.shape[1] == 640
    row = rows(rig)["camera"]
    assert row.passed is True and "640×" in row.result
    assert rig.state.maintenance.devices.camera_live


def test_a_camera_without_a_picture_fails_after_a_while(rig, camera, clock):
    camera.unplug()
    rig.kiosk.camera = camera
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("camera")
    assert rows(rig)["camera"].busy
    clock.advance(11)
    rig.kiosk.tick()
    row = rows(rig)["camera"]
    assert row.passed is False and "10 秒内没有画面" in row.result
    assert ("maintenance.test.camera", "failed: camera_no_picture") in audits(rig)


def test_no_document_camera_says_which_setting(rig):
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("camera")
    assert "[devices] camera" in rows(rig)["camera"].result


def test_the_platform_test_times_its_answer_and_fails_when_it_is_down(rig, caplog):
    open_page(rig, PAGE)
    rig.kiosk.run_device_test("platform")
    row = rows(rig)["platform"]
    assert row.passed is True and "毫秒" in row.result
    rig.network_down()
    with caplog.at_level(logging.WARNING):
        rig.kiosk.run_device_test("platform")
    row = rows(rig)["platform"]
    assert row.passed is False and "网络检测" in row.result
    assert audits(rig)[-2:] == [("maintenance.test.platform", "passed"),
                                ("maintenance.test.platform", "failed: platform_failed")]


def test_outside_maintenance_nothing_runs(rig):
    before = len(rig.printer.printed)
    rig.kiosk.run_device_test("printer")
    assert rig.state.maintenance is None and len(rig.printer.printed) == before
    assert not [e for e, _ in audits(rig) if e.startswith("maintenance.")]
