"""What a screen reader is given, read through QAccessible in the real window (the same
interfaces Qt hands to AT-SPI and to UI Automation): the window is named after the screen,
what a resident must hear is reachable and named, choices and display modes say whether they
are checked, the idle warning is a notification, nothing is focused by accident, and every
object speaks the displayed language."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QAccessible, QAccessibleActionInterface
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from drivers.idcard.samples import ELDERLY
from kiosk.services.engine import mask
from kiosk.view import ScreenName
from tests.ui.touch import find_button, place_card, tap, wait_until
from ui.keypad import focus_order


def interface(widget):
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None and found.isValid()
    return found


def name(widget) -> str:
    return interface(widget).text(QAccessible.Text.Name)


def reachable(kiosk) -> list[str]:
    """What the keypad (and a screen reader's Tab) stops at, as it is named."""
    return [name(widget) for widget in focus_order(kiosk.window)]


def test_the_window_is_named_after_the_screen_and_renamed_with_it(qtbot, kiosk):
    window = interface(kiosk.window)
    assert window.role() == QAccessible.Role.Window
    assert window.text(QAccessible.Text.Name) == "一网通办 · 自助服务"
    tap(qtbot, kiosk.window, "start")
    assert window.text(QAccessible.Text.Name) == "首页"
    tap(qtbot, kiosk.window, "mode.language")
    assert window.text(QAccessible.Text.Name) == "Home"


def test_the_greeting_values_question_and_reference_are_reachable(qtbot, kiosk):
    place_card(qtbot, kiosk, ELDERLY)
    greeting = kiosk.window.findChild(QLabel, "greeting")
    assert interface(greeting).role() == QAccessible.Role.Notification  # said as it appears
    assert "王秀英，您好" in reachable(kiosk)
    tap(qtbot, kiosk.window, "社保卡补换")
    stops = reachable(kiosk)  # each value with where it came from
    for row in (f"姓名：{mask(ELDERLY.name)}，读自您的身份证",
                f"身份证号：{mask(ELDERLY.id_number)}，读自您的身份证", "信息已自动填好，请核对。"):
        assert row in stops, f"{row!r} cannot be reached: {stops}"
    assert not any(ELDERLY.id_number in stop or ELDERLY.name in stop for stop in stops)
    tap(qtbot, kiosk.window, "confirm")  # the applicant's step, to the card's
    assert "补换原因" in reachable(kiosk)
    tap(qtbot, kiosk.window, "choice:reason:damaged")
    tap(qtbot, kiosk.window, "confirm")
    assert "补换原因：卡片损坏，您刚填写的" in reachable(kiosk)  # check your answers
    tap(qtbot, kiosk.window, "confirm")
    tap(qtbot, kiosk.window, "confirm_without_signature")
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.RECEIPT)
    reference = kiosk.kiosk.state.receipt.reference
    focused = QApplication.focusWidget()  # the receipt starts on its reference number
    assert name(focused) == f"已提交，受理编号 {reference}"
    assert "请取走回执。" in reachable(kiosk)


def test_choices_and_display_modes_say_whether_they_are_checked(qtbot, kiosk):
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, kiosk.window, "社保卡补换")
    tap(qtbot, kiosk.window, "confirm")  # the applicant's step, to the card's
    lost = interface(find_button(kiosk.window, "choice:reason:lost"))
    assert lost.state().checkable and not lost.state().checked
    assert lost.text(QAccessible.Text.Description) == "补换原因"  # the question it answers
    tap(qtbot, kiosk.window, "choice:reason:lost")
    assert interface(find_button(kiosk.window, "choice:reason:lost")).state().checked
    assert not interface(find_button(kiosk.window, "choice:reason:damaged")).state().checked
    large = find_button(kiosk.window, "mode.large")
    assert interface(large).state().checkable and not interface(large).state().checked
    tap(qtbot, kiosk.window, "mode.large")
    assert interface(find_button(kiosk.window, "mode.large")).state().checked


def test_the_idle_warning_is_a_notification_that_takes_the_focus_once(qtbot, kiosk, clock):
    tap(qtbot, kiosk.window, "start")
    clock.advance(91)
    kiosk.kiosk.tick()
    card = interface(kiosk.window.overlay.card)
    assert card.role() == QAccessible.Role.Notification
    first = card.text(QAccessible.Text.Name)
    assert first.startswith("您还在吗？") and "30 秒" in first
    clock.advance(5)
    kiosk.kiosk.tick()
    assert card.text(QAccessible.Text.Name) == first  # said once, not renamed every second
    assert find_button(kiosk.window, "continue").hasFocus()


def test_no_stray_focus_when_a_screen_appears(qtbot, kiosk):
    """Each screen starts the keypad on its own first stop (its primary action, else its
    first control or text), never on the frame's language switch."""
    frame = {w.objectName() for w in kiosk.window.bottom_bar.findChildren(QPushButton)}
    seen = {}
    seen["attract"] = QApplication.focusWidget().objectName()
    tap(qtbot, kiosk.window, "start")
    seen["home"] = QApplication.focusWidget().objectName()
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, kiosk.window, "社保卡补换")
    seen["form"] = QApplication.focusWidget().objectName()
    assert seen == {"attract": "start", "home": "tile:elderly_allowance", "form": "confirm"}
    assert not frame & set(seen.values())


def test_every_object_speaks_the_displayed_language(qtbot, kiosk):
    assert QLocale().name() == "zh_CN" and kiosk.window.locale().name() == "zh_CN"
    tap(qtbot, kiosk.window, "mode.language")
    assert QLocale().name() == "en_GB" and kiosk.window.locale().name() == "en_GB"
    start = find_button(kiosk.window, "start")
    assert start.locale().name() == "en_GB"
    assert name(start) == "Start"
    tap(qtbot, kiosk.window, "mode.language")
    assert QLocale().name() == "zh_CN"


def test_buttons_are_pressed_through_their_accessible_action(qtbot, kiosk):
    """A screen reader presses a control through its action, not a touch."""
    actions = interface(find_button(kiosk.window, "start")).actionInterface()
    press = QAccessibleActionInterface.pressAction()
    assert press in actions.actionNames()
    actions.doAction(press)
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.HOME)
