"""One whole resident journey through the real UI, by touches: card → greeting → service →
pre-filled form → sign → submit → printed receipt → rating → goodbye → wiped."""

from __future__ import annotations

import re
import sqlite3

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel

from drivers.base import PaperState
from drivers.idcard.samples import ELDERLY
from drivers.printer.document import QrCode
from kiosk import slip_privacy
from kiosk.services.engine import mask
from kiosk.view import ScreenName
from tests.ui import form_touch
from tests.ui.touch import find_button, place_card, sign, tap, visible_text, wait_until
from ui.widgets.signature_pad import SignaturePad


def wait_screen(qtbot, kiosk, screen):
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == screen)


def test_whole_journey_for_an_82_year_old(qtbot, kiosk, settings):
    window, controller = kiosk.window, kiosk.kiosk
    assert controller.state.screen == ScreenName.ATTRACT
    assert "请轻触屏幕，或放置身份证" in visible_text(window)

    place_card(qtbot, kiosk, ELDERLY)
    assert "王秀英，您好" in visible_text(window)

    tap(qtbot, window, "社保卡补换")
    assert controller.state.screen == ScreenName.FORM
    text = visible_text(window)
    assert mask(ELDERLY.name) in text and "王秀英" not in text and mask(ELDERLY.id_number) in text
    assert ELDERLY.id_number not in text  # never in full on a public screen
    assert "301室" in text and "密山路8弄12号301室" not in text  # from the profile, masked
    assert "第 1 步，共 4 步" in text

    assert "读自您的身份证" in text  # where each value came from
    tap(qtbot, window, "confirm")  # the applicant's step, all filled in
    tap(qtbot, window, "confirm")  # the card's step: the reason is not chosen yet
    assert controller.state.screen == ScreenName.FORM
    assert "请回答：补换原因" in visible_text(window)
    tap(qtbot, window, "choice:reason:damaged")
    assert find_button(window, "choice:reason:damaged").isChecked()
    assert not find_button(window, "choice:reason:lost").isChecked()
    assert "请回答：补换原因" not in visible_text(window)
    tap(qtbot, window, "confirm")
    assert controller.state.screen == ScreenName.CHECK_ANSWERS
    assert "卡片损坏" in visible_text(window)
    tap(qtbot, window, "confirm")
    assert controller.state.screen == ScreenName.SIGN

    assert not find_button(window, "submit").isEnabled()
    sign(qtbot, window.current.pad)
    tap(qtbot, window, "submit")
    wait_screen(qtbot, kiosk, ScreenName.RECEIPT)

    reference = controller.session.visit.outcome.reference
    assert re.fullmatch(r"BSYY001-\d{6}-\d{4,6}", reference)
    assert controller.session.visit.outcome.printed
    shown = visible_text(window).replace("-\n", "-")  # the reference on two lines
    assert reference in shown and "已提交，受理编号" in shown
    printed = kiosk.devices.printer.printed[-1]
    assert reference in printed.plain_text()
    assert slip_privacy.id_number(ELDERLY.id_number) in printed.plain_text()
    assert ELDERLY.id_number not in printed.plain_text()
    assert [b.data for b in printed.blocks if isinstance(b, QrCode)] == [
        f"https://ywtb.example/verify/{reference}"]
    assert not (settings.data_dir / "printed").exists()  # no copy kept ([privacy])

    database = settings.data_dir / settings.platform.database  # the outbox delivered it
    row = sqlite3.connect(database).execute(
        "SELECT service_id, answers, signature_png FROM applications WHERE reference = ?",
        (reference,)).fetchone()
    assert row[0] == "social_security_card" and '"reason": "damaged"' in row[1]
    assert row[2].startswith(b"\x89PNG")

    tap(qtbot, window, "rate")
    assert controller.state.screen == ScreenName.RATING
    tap(qtbot, window, "rating:5")
    assert controller.state.screen == ScreenName.GOODBYE
    store = kiosk.network.platform.store
    wait_until(qtbot, lambda: getattr(store.rating(reference), "score", None) == 5)

    tap(qtbot, window, "done")
    assert controller.state.screen == ScreenName.ATTRACT
    assert controller.session.visit.resident is None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    everything = "\n".join(label.text() for label in window.findChildren(QLabel))
    assert "王秀英" not in everything and reference not in everything
    assert not window.findChildren(SignaturePad)


def test_goodbye_wipes_by_itself(qtbot, kiosk, clock):
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, kiosk.window, "nav.end")
    assert kiosk.kiosk.state.screen == ScreenName.GOODBYE
    assert "10 秒后自动退出" in visible_text(kiosk.window)
    clock.advance(4)
    kiosk.window._tick()  # what the window's one-second timer does
    assert "6 秒后自动退出" in visible_text(kiosk.window)  # the countdown counts down
    clock.advance(kiosk.settings.timeouts.goodbye_seconds + 1)
    kiosk.kiosk.tick(clock())
    assert kiosk.kiosk.state.screen == ScreenName.ATTRACT
    assert "王秀英" not in visible_text(kiosk.window)


def test_idle_warning_counts_down_and_one_touch_extends(qtbot, kiosk, clock):
    controller, window = kiosk.kiosk, kiosk.window
    tap(qtbot, window, "start")
    assert controller.state.screen == ScreenName.HOME
    clock.advance(91)
    controller.tick(clock())
    assert window.overlay.isVisible()
    assert "您还在吗？" in visible_text(window)
    tap(qtbot, window, "continue")
    assert not window.overlay.isVisible()
    assert controller.state.screen == ScreenName.HOME
    clock.advance(91)
    controller.tick(clock())
    clock.advance(31)
    controller.tick(clock())
    assert controller.state.screen == ScreenName.ATTRACT and not window.overlay.isVisible()


def test_no_timeout_while_signing(qtbot, kiosk, clock):
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, kiosk.window, "老年综合津贴")
    form_touch.to_sign(qtbot, kiosk)
    assert kiosk.kiosk.state.screen == ScreenName.SIGN
    clock.advance(3600)
    kiosk.kiosk.tick(clock())
    assert kiosk.kiosk.state.screen == ScreenName.SIGN and not kiosk.window.overlay.isVisible()


def applications(settings) -> int:
    return sqlite3.connect(settings.data_dir / settings.platform.database).execute(
        "SELECT COUNT(*) FROM applications").fetchone()[0]


def test_network_down_the_submission_is_saved_and_sent_once_it_is_back(qtbot, kiosk,
                                                                       settings):
    window, controller = kiosk.window, kiosk.kiosk
    before = applications(settings)  # the demo's own
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, window, "老年综合津贴")
    form_touch.to_sign(qtbot, kiosk)
    sign(qtbot, window.current.pad)
    kiosk.network.up = False  # as the developer panel's switch does
    tap(qtbot, window, "submit")
    wait_screen(qtbot, kiosk, ScreenName.RECEIPT)
    outcome = controller.session.visit.outcome
    assert not outcome.delivered and outcome.printed
    assert "已保存在本机，网络恢复后自动发送；编号" in visible_text(window)
    assert "已保存在本机" in kiosk.devices.printer.printed[-1].plain_text()
    assert applications(settings) == before
    kiosk.network.up = True
    kiosk.delivery.urge()  # as the developer panel does when the network comes back
    wait_until(qtbot, lambda: applications(settings) == before + 1)


def test_paper_out_pauses_services_that_print_and_they_come_back(qtbot, kiosk):
    place_card(qtbot, kiosk, ELDERLY)
    kiosk.devices.printer.set_paper(PaperState.OUT)
    wait_until(qtbot, lambda: not find_button(kiosk.window, "老年综合津贴").isEnabled())
    assert "暂停：打印机" in visible_text(kiosk.window)
    kiosk.devices.printer.set_paper(PaperState.FULL)
    wait_until(qtbot, lambda: find_button(kiosk.window, "老年综合津贴").isEnabled())


def test_printer_unplugged_mid_visit_still_gives_the_reference(qtbot, kiosk):
    window = kiosk.window
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, window, "老年综合津贴")
    form_touch.to_sign(qtbot, kiosk)
    sign(qtbot, window.current.pad)
    kiosk.devices.printer.unplug()
    tap(qtbot, window, "submit")
    wait_screen(qtbot, kiosk, ScreenName.RECEIPT)
    assert not kiosk.kiosk.session.visit.outcome.printed
    assert kiosk.kiosk.session.visit.outcome.reference in visible_text(
        window).replace("-\n", "-")
    assert "回执没有打印出来" in visible_text(window)


def test_modes_and_language_switch_in_one_touch_and_reset_after(qtbot, kiosk):
    window, controller = kiosk.window, kiosk.kiosk
    tap(qtbot, window, "start")
    body_before = window.theme.sizes.body
    tap(qtbot, window, "mode.large")
    assert controller.state.display_mode == "large" and window.theme.sizes.body > body_before
    tap(qtbot, window, "mode.contrast")
    assert controller.state.display_mode == "high_contrast"
    tap(qtbot, window, "mode.language")
    assert controller.state.language == "en" and "Choose a service" in visible_text(window)
    tap(qtbot, window, "nav.end")
    tap(qtbot, window, "done")
    assert controller.state.language == "zh_CN" and controller.state.display_mode == "standard"


def test_scanning_a_receipt_code_shows_progress(qtbot, kiosk):
    kiosk.devices.scanner.scan("tongban://progress/BS209901010001")
    wait_screen(qtbot, kiosk, ScreenName.PROGRESS)
    wait_until(qtbot, lambda: "没有找到受理编号 BS209901010001" in visible_text(kiosk.window))
    tap(qtbot, kiosk.window, "nav.back")
    assert kiosk.kiosk.state.screen == ScreenName.HOME
