"""What the resident did stays where it was, through the real window: a signature, a chosen
option and the keypad focus survive every display mode, the language and a device going out
and back; a card placed on home leaves the focus where it was; the idle warning takes the
focus once and gives it back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName
from tests.ui.touch import find_button, place_card, sign, tap, wait_until

TOGGLES = ("mode.large", "mode.contrast", "mode.care", "mode.care", "mode.language",
           "mode.language")


def press(qtbot, kiosk, key: Qt.Key) -> None:
    qtbot.keyClick(kiosk.window.windowHandle(), key)  # as a keypad does: through the window


def to_form(qtbot, kiosk):
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, kiosk.window, "社保卡补换")
    tap(qtbot, kiosk.window, "confirm")  # the applicant's step, to the card's and its reason
    assert kiosk.kiosk.state.screen == ScreenName.FORM
    assert "reason" in kiosk.kiosk.state.form_page.keys


def unplug_and_replug_the_scanner(qtbot, kiosk):
    scanner = kiosk.devices.scanner
    wait_until(qtbot, lambda: "scanner" in kiosk.kiosk.devices.status)
    scanner.unplug()
    wait_until(qtbot, lambda: "scanner" in kiosk.kiosk.devices.out)
    scanner.replug()
    wait_until(qtbot, lambda: "scanner" not in kiosk.kiosk.devices.out)


def test_a_signature_survives_every_toggle_and_a_device_going_out(qtbot, kiosk):
    to_form(qtbot, kiosk)
    tap(qtbot, kiosk.window, "choice:reason:damaged")
    tap(qtbot, kiosk.window, "confirm")  # to check your answers
    tap(qtbot, kiosk.window, "confirm")
    sign(qtbot, kiosk.window.current.pad)
    drawn = kiosk.window.current.pad.signature
    assert not drawn.empty and find_button(kiosk.window, "submit").isEnabled()
    for toggle in TOGGLES:
        tap(qtbot, kiosk.window, toggle)
        pad = kiosk.window.current.pad  # a new pad at another size: the same strokes
        assert pad.signature == drawn, f"the signature changed after {toggle}"
        assert find_button(kiosk.window, "submit").isEnabled(), f"submit greyed by {toggle}"
    unplug_and_replug_the_scanner(qtbot, kiosk)
    assert kiosk.window.current.pad.signature == drawn
    tap(qtbot, kiosk.window, "submit")
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.RECEIPT)


def test_a_choice_and_the_keypad_focus_survive_every_toggle(qtbot, kiosk):
    to_form(qtbot, kiosk)
    tap(qtbot, kiosk.window, "choice:reason:lost")
    find_button(kiosk.window, "choice:reason:lost").setFocus(Qt.FocusReason.TabFocusReason)
    toggles = {"mode.large": lambda: kiosk.kiosk.toggle_display_mode("large"),
               "mode.contrast": lambda: kiosk.kiosk.toggle_display_mode("high_contrast"),
               "mode.care": lambda: kiosk.kiosk.toggle_display_mode("care"),
               "mode.language": kiosk.kiosk.toggle_language}
    for toggle in TOGGLES:
        toggles[toggle]()  # what the frame's button does, leaving the keypad focus alone
        chosen = find_button(kiosk.window, "choice:reason:lost")
        assert chosen.isChecked(), f"the choice was lost after {toggle}"
        assert chosen.hasFocus(), f"the focus moved after {toggle}: {QApplication.focusWidget()}"
    unplug_and_replug_the_scanner(qtbot, kiosk)
    assert find_button(kiosk.window, "choice:reason:lost").hasFocus()


def test_a_card_placed_on_home_leaves_the_keypad_focus_where_it_was(qtbot, kiosk):
    tap(qtbot, kiosk.window, "start")
    for _ in range(4):
        press(qtbot, kiosk, Qt.Key.Key_Down)
    focused = kiosk.window.focusWidget()
    assert focused is not None and focused.objectName().startswith("tile:")
    name = focused.objectName()
    place_card(qtbot, kiosk, ELDERLY)  # asks for consent, then comes back to the services
    assert kiosk.window.focusWidget().objectName() == name


def test_the_idle_warning_takes_the_focus_once_and_gives_it_back(qtbot, kiosk, clock):
    tap(qtbot, kiosk.window, "start")
    press(qtbot, kiosk, Qt.Key.Key_Down)
    before = kiosk.window.focusWidget()
    moves = []
    QApplication.instance().focusChanged.connect(lambda old, new: moves.append(new))
    clock.advance(91)
    kiosk.kiosk.tick()
    assert kiosk.window.overlay.isVisible() and find_button(kiosk.window, "continue").hasFocus()
    countdown = kiosk.window.overlay.countdown
    for second in range(1, 21):  # the countdown runs: one label changes, nothing takes focus
        clock.advance(1)
        kiosk.kiosk.tick()
        assert countdown.text().startswith(f"{30 - second} 秒")
    assert len(moves) == 1, f"the focus moved {len(moves)} times: {moves}"
    tap(qtbot, kiosk.window, "continue")
    assert not kiosk.window.overlay.isVisible()
    assert kiosk.window.focusWidget() is before
