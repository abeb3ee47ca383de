"""Maintenance's devices, logs and network pages through the real window offscreen, with the
simulated devices on their own threads: each page shown, a test run by touch, its result
line seen, nothing personal on screen, and the UI audit clean on the page as it stands."""

from __future__ import annotations

import logging

import pytest

from drivers.idcard.samples import ADULT
from kiosk.view import ScreenName as S
from tests.kiosk.maintenance_rig import enter
from tests.ui.touch import tap, visible_buttons, visible_text, wait_until
from ui.audit import audit_window
from ui.maintenance_checks_staging import own_words
from ui.widgets.document_preview import DocumentPreview


def open_page(qtbot, app, screen: S) -> None:
    enter(app.kiosk)
    app.kiosk.open_maintenance_page(screen.value)
    wait_until(qtbot, lambda: app.window.current is not None
               and app.window.current.name == screen)


def shows(qtbot, app, text: str) -> None:
    wait_until(qtbot, lambda: text in visible_text(app.window))


def no_violations(app) -> None:
    window = app.window
    _snap, found = audit_window(window, mode=app.kiosk.state.display_mode,
                                language=app.kiosk.state.language, scale=window.theme.scale,
                                exempt_words=own_words(app.kiosk.state))
    assert [f for f in found if not f.info] == []


def test_a_test_page_prints_from_the_devices_page(qtbot, kiosk):
    open_page(qtbot, kiosk, S.MAINTENANCE_DEVICES)
    before = len(kiosk.devices.printer.printed)
    tap(qtbot, kiosk.window, "device:printer")
    shows(qtbot, kiosk, "打印机：")
    tap(qtbot, kiosk.window, "test")
    shows(qtbot, kiosk, "通过：测试页已打印")  # printed on a worker thread, then shown
    assert len(kiosk.devices.printer.printed) == before + 1
    no_violations(kiosk)


def test_a_card_placed_for_its_test_is_shown_masked(qtbot, kiosk):
    open_page(qtbot, kiosk, S.MAINTENANCE_DEVICES)
    tap(qtbot, kiosk.window, "test")  # the reader is the first device shown
    shows(qtbot, kiosk, "请把一张身份证放到读卡区。")
    kiosk.devices.idcard.place(ADULT)
    shows(qtbot, kiosk, "通过：读到一张卡")
    text = visible_text(kiosk.window)
    assert "李*" in text and "上海市宝山区***" in text
    assert ADULT.id_number not in text and ADULT.name not in text and "牡丹江" not in text
    assert kiosk.kiosk.state.screen == S.MAINTENANCE_DEVICES  # no visit began
    no_violations(kiosk)


def test_a_code_scanned_for_its_test_shows_its_text_and_kind(qtbot, kiosk):
    open_page(qtbot, kiosk, S.MAINTENANCE_DEVICES)
    tap(qtbot, kiosk.window, "device:scanner")
    tap(qtbot, kiosk.window, "test")
    kiosk.devices.scanner.scan("https://zwdt.sh.gov.cn/q?ref=7")
    shows(qtbot, kiosk, "通过：扫到一个码。")
    text = visible_text(kiosk.window)
    assert "https://zwdt.sh.gov.cn/q?ref=7" in text and "30 个字符" in text


def test_the_camera_test_shows_the_live_preview(qtbot, kiosk):
    open_page(qtbot, kiosk, S.MAINTENANCE_DEVICES)
    tap(qtbot, kiosk.window, "device:camera")
    tap(qtbot, kiosk.window, "test")
    shows(qtbot, kiosk, "通过：高拍仪有画面")
    camera = kiosk.devices.document_camera
    wait_until(qtbot, lambda: any(p.isVisible() and p._frame is not None
                                  and p._frame is camera.latest_frame()
                                  for p in kiosk.window.findChildren(DocumentPreview)))


def test_the_log_page_filters_and_searches_on_its_keyboard(qtbot, kiosk):
    book = kiosk.kiosk.log_book
    logger = logging.getLogger("kiosk.test_pages")
    logger.addHandler(book)
    try:
        logger.warning("printer: paper is low")
        logger.error("outbox: cannot write")
        logger.warning("scanner: no answer")
    finally:
        logger.removeHandler(book)
    open_page(qtbot, kiosk, S.MAINTENANCE_LOGS)
    shows(qtbot, kiosk, "scanner: no answer")
    tap(qtbot, kiosk.window, "level:error")
    wait_until(qtbot, lambda: "scanner: no answer" not in visible_text(kiosk.window))
    shows(qtbot, kiosk, "outbox: cannot write")
    tap(qtbot, kiosk.window, "level:all")
    tap(qtbot, kiosk.window, "search")
    wait_until(qtbot, lambda: "key:p" in {b.objectName() for b in visible_buttons(kiosk.window)})
    for key in "pap":
        tap(qtbot, kiosk.window, f"key:{key}")
    no_violations(kiosk)  # the keyboard open
    tap(qtbot, kiosk.window, "key:search")
    shows(qtbot, kiosk, "搜索：pap")
    text = visible_text(kiosk.window)
    assert "printer: paper is low" in text and "outbox: cannot write" not in text
    no_violations(kiosk)


@pytest.mark.parametrize("english", [False, True])
def test_the_network_page_checks_again_by_touch(qtbot, kiosk, english):
    if english:
        kiosk.kiosk.toggle_language()
    open_page(qtbot, kiosk, S.MAINTENANCE_NETWORK)
    done = "All passed" if english else "全部通过"
    shows(qtbot, kiosk, done)  # the check ran as a chore as the page opened
    tap(qtbot, kiosk.window, "rerun")
    shows(qtbot, kiosk, done)
    assert ("Not used: embedded platform" if english else "不适用：本机平台") in \
        visible_text(kiosk.window)
    no_violations(kiosk)
