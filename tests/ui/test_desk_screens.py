"""Progress, help, rating reasons and the service map through the real window, by touch and
by the keypad alone, on the kiosk's own embedded store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from drivers.idcard.samples import ELDERLY
from kiosk.help_desk import POLL_SECONDS
from kiosk.receipt import progress_code
from kiosk.view import ScreenName as S
from tests.ui import form_touch
from tests.ui.touch import place_card, tap, visible_text, wait_until
from ui.audit import audit_window
from ui.keypad import focus_order
from ui.widgets.centre_map import CentreMap
from ui.widgets.signature_pad import SignaturePad


@pytest.fixture
def desk(kiosk):
    """The window's kiosk, with its store at hand for what staff do."""
    kiosk.store = kiosk.network.platform.store
    return kiosk


def screen_is(qtbot, desk, screen):
    wait_until(qtbot, lambda: desk.kiosk.state.screen == screen)


def shows(qtbot, desk, text):
    wait_until(qtbot, lambda: text in visible_text(desk.window))


def press(qtbot, desk, key):
    qtbot.keyClick(desk.window.windowHandle(), key)


def no_violations(desk):
    window = desk.window
    _snap, found = audit_window(window, mode=desk.kiosk.state.display_mode,
                                language=desk.kiosk.state.language, scale=window.theme.scale,
                                exempt_words=[ELDERLY.name])
    assert [f for f in found if not f.info] == []


def test_help_from_signing_by_touch_keeps_the_signature(qtbot, desk):
    window = desk.window
    place_card(qtbot, desk, ELDERLY)
    tap(qtbot, window, "社保卡补换")
    form_touch.to_sign(qtbot, desk, reason="lost")
    desk.kiosk.add_stroke(((10.0, 10.0), (80.0, 40.0)), 200, 100)
    pad = window.findChildren(SignaturePad)[0]
    tap(qtbot, window, "nav.help")
    screen_is(qtbot, desk, S.HELP)
    shows(qtbot, desk, "请选一个主题，或一个常用词。")
    tap(qtbot, window, "topic:1")  # 身份证
    shows(qtbot, desk, "身份证怎么放？")
    no_violations(desk)  # a topic's questions: the face the audit's staging does not show
    tap(qtbot, window, "article:idcard.place")
    screen_is(qtbot, desk, S.HELP_ARTICLE)
    shows(qtbot, desk, "有照片的一面朝上")
    for _ in range(3):
        tap(qtbot, window, "nav.back")
    screen_is(qtbot, desk, S.SIGN)
    assert window.findChildren(SignaturePad)[0] is pad  # the same screen, kept
    assert not desk.kiosk.session.visit.signature.empty


def test_calling_for_help_shows_the_wait_and_then_the_helper_coming(qtbot, desk, clock):
    window = desk.window
    place_card(qtbot, desk, ELDERLY)
    tap(qtbot, window, "nav.help")
    tap(qtbot, window, "call")
    shows(qtbot, desk, "已通知工作人员，正在排队。")
    shows(qtbot, desk, "前面还有 0 位，预计等 4 分钟左右。")
    request = desk.kiosk.session.visit.help.request
    desk.store.update_help_request(request.id, "on_the_way")
    clock.advance(POLL_SECONDS)
    window._tick()  # what the window's one-second timer does
    shows(qtbot, desk, "工作人员正在赶来。")


def test_help_and_its_answers_by_the_keypad_alone(qtbot, desk):
    place_card(qtbot, desk, ELDERLY)
    press(qtbot, desk, Qt.Key.Key_F1)
    screen_is(qtbot, desk, S.HELP)
    reached = set()
    for _ in range(len(focus_order(desk.window)) + 1):
        press(qtbot, desk, Qt.Key.Key_Down)
        reached.add(desk.window.focusWidget().objectName())
    buttons = {w.objectName() for w in focus_order(desk.window)
               if isinstance(w, QAbstractButton)}
    assert buttons <= reached and {"topic:0", "word:3", "call"} <= buttons
    while desk.window.focusWidget().objectName() != "word:0":  # 忘带
        press(qtbot, desk, Qt.Key.Key_Down)
    press(qtbot, desk, Qt.Key.Key_Return)
    shows(qtbot, desk, "忘带身份证怎么办？")
    while not desk.window.focusWidget().objectName().startswith("article:"):
        press(qtbot, desk, Qt.Key.Key_Down)
    press(qtbot, desk, Qt.Key.Key_Return)
    screen_is(qtbot, desk, S.HELP_ARTICLE)
    assert desk.window.focusWidget().objectName() == "answer"  # read first
    press(qtbot, desk, Qt.Key.Key_Escape)
    press(qtbot, desk, Qt.Key.Key_Escape)
    press(qtbot, desk, Qt.Key.Key_Escape)
    screen_is(qtbot, desk, S.HOME)


def test_a_receipts_code_shows_its_timeline_and_reminders_by_touch(qtbot, desk):
    place_card(qtbot, desk, ELDERLY)
    tap(qtbot, desk.window, "applications")
    shows(qtbot, desk, "社保卡补换\n审核中")
    reference = desk.kiosk.state.applications.rows[0].reference
    tap(qtbot, desk.window, f"application:{reference}")
    screen_is(qtbot, desk, S.PROGRESS)
    text = visible_text(desk.window)
    assert "审核中" in text and "还没到这一步" in text and "139****7358" in text
    assert "13916627358" not in text
    tap(qtbot, desk.window, "subscribe")
    shows(qtbot, desk, "已开通短信提醒，发到 139****7358。")
    assert not [b for b in desk.window.findChildren(QAbstractButton)
                if b.objectName() == "subscribe" and b.isVisible()]
    tap(qtbot, desk.window, "nav.back")
    tap(qtbot, desk.window, "nav.back")
    desk.devices.scanner.scan(progress_code(reference))  # the receipt at the scanner
    screen_is(qtbot, desk, S.PROGRESS)
    shows(qtbot, desk, "已开通短信提醒")


def test_the_service_map_by_touch(qtbot, desk):
    place_card(qtbot, desk, ELDERLY)
    tap(qtbot, desk.window, "map")
    screen_is(qtbot, desk, S.SERVICE_MAP)
    wait_until(qtbot, lambda: bool(desk.window.findChildren(CentreMap)))
    assert "就在这里" in visible_text(desk.window)
    assert desk.window.findChildren(CentreMap)[0].accessibleName().startswith("网点地图")
    tap(qtbot, desk.window, "page:next")
    shows(qtbot, desk, "3  吴淞街道社区事务受理服务中心")
    no_violations(desk)


def test_rating_reasons_by_touch_reach_the_store(qtbot, desk):
    window = desk.window
    place_card(qtbot, desk, ELDERLY)
    tap(qtbot, window, "社保卡补换")
    form_touch.to_sign(qtbot, desk, reason="lost")
    tap(qtbot, window, "confirm_without_signature")
    screen_is(qtbot, desk, S.RECEIPT)
    reference = desk.kiosk.session.visit.outcome.reference
    tap(qtbot, window, "rate")
    tap(qtbot, window, "rating:1")
    screen_is(qtbot, desk, S.RATING_REASONS)
    tap(qtbot, window, "reason:slow")
    tap(qtbot, window, "reason:staff_attitude")
    wait_until(qtbot, lambda: [w.isChecked() for w in window.findChildren(QAbstractButton)
                               if w.objectName().startswith("reason:")].count(True) == 2)
    no_violations(desk)
    tap(qtbot, window, "send_rating")
    screen_is(qtbot, desk, S.GOODBYE)
    wait_until(qtbot, lambda: desk.store.rating(reference) is not None)
    rating = desk.store.rating(reference)
    assert (rating.score, rating.reasons) == (1, ("slow", "staff_attitude"))
