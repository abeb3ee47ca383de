"""Accessibility through the real window: a blind resident completes a service with the
keypad alone and hears every step; personal data is spoken only into headphones; a tremor's
second touch is ignored; care mode is slower, larger and spoken."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName
from kiosk.voice import GAIN_DEFAULT_DB
from tests.ui.touch import find_button, place_card, tap, touch_at, wait_until
from ui.accessibility import name_of
from ui.keypad import focus_order


def spoken(kiosk) -> str:
    """Everything the voice has synthesised so far (waits for the worker to catch up)."""
    engine = kiosk.voice.engine if hasattr(kiosk.voice, "engine") else None
    assert engine is not None
    return "\n".join(text for text, _lang in engine.spoken)


def press(qtbot, kiosk, key: Qt.Key) -> None:
    qtbot.keyClick(kiosk.window.windowHandle(), key)  # as a keypad does: through the window


def focus_named(qtbot, kiosk, name: str, limit: int = 40) -> None:
    """Press Down until the control named `name` has the focus, as a blind user would."""
    for _ in range(limit):
        focused = kiosk.window.focusWidget()
        if focused is not None and name in (focused.objectName(), name_of(focused)):
            return
        press(qtbot, kiosk, Qt.Key.Key_Down)
    raise AssertionError(f"{name!r} not reachable with the keypad")


def wait_spoken(qtbot, kiosk, text: str) -> None:
    wait_until(qtbot, lambda: text in spoken(kiosk))


def test_blind_resident_completes_a_service_with_the_keypad_alone(qtbot, kiosk, settings):
    controller = kiosk.kiosk
    press(qtbot, kiosk, Qt.Key.Key_Return)  # any key: voice on, and Enter starts
    assert controller.session.visit.voice_on
    place_card(qtbot, kiosk, ELDERLY)
    wait_until(qtbot, lambda: "您好" in [text for text, _lang in kiosk.voice.engine.spoken])
    assert ELDERLY.name not in spoken(kiosk)  # the loudspeaker greets without the name

    focus_named(qtbot, kiosk, "社保卡补换")
    wait_spoken(qtbot, kiosk, "社保卡补换")  # the focused control's label is spoken
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert controller.state.screen == ScreenName.FORM
    wait_spoken(qtbot, kiosk, "第 1 页，共 2 页。申请人")
    focus_named(qtbot, kiosk, "confirm")
    press(qtbot, kiosk, Qt.Key.Key_Return)  # all of it filled in: the card's step
    wait_spoken(qtbot, kiosk, "请选择补换原因")

    focus_named(qtbot, kiosk, "choice:reason:lost")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert controller.session.visit.answers["reason"] == "lost"
    focus_named(qtbot, kiosk, "confirm")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert controller.state.screen == ScreenName.CHECK_ANSWERS
    wait_spoken(qtbot, kiosk, "都正确就按")
    focus_named(qtbot, kiosk, "confirm")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert controller.state.screen == ScreenName.SIGN

    focus_named(qtbot, kiosk, "confirm_without_signature")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    wait_until(qtbot, lambda: controller.state.screen == ScreenName.RECEIPT)
    reference = controller.session.visit.outcome.reference
    wait_spoken(qtbot, kiosk, " ".join(reference[:4]))  # the reference, digit by digit

    focus_named(qtbot, kiosk, "rate")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    focus_named(qtbot, kiosk, "rating:4")
    press(qtbot, kiosk, Qt.Key.Key_Return)
    assert controller.state.screen == ScreenName.GOODBYE
    press(qtbot, kiosk, Qt.Key.Key_Return)  # the focus starts on "done"
    assert controller.state.screen == ScreenName.ATTRACT

    database = settings.data_dir / settings.platform.database  # the outbox delivered it
    wait_until(qtbot, lambda: sqlite3.connect(database).execute(
        "SELECT COUNT(*) FROM applications WHERE reference = ?", (reference,)).fetchone()[0])
    row = sqlite3.connect(database).execute(
        "SELECT signed_by, signature_png FROM applications WHERE reference = ?",
        (reference,)).fetchone()
    assert row == ("keypad", b"")


def test_every_control_on_every_visited_screen_is_in_the_keypad_order(qtbot, kiosk):
    place_card(qtbot, kiosk, ELDERLY)
    kiosk.kiosk.choose_service("social_security_card")
    kiosk.kiosk.confirm_form()  # the applicant's step, to the card's
    order = focus_order(kiosk.window)
    names = [widget.objectName() for widget in order]
    assert names.index("choice:reason:damaged") < names.index("confirm") < names.index(
        "nav.back")  # reading order: content top to bottom, then the bottom bar
    for widget in order:
        assert name_of(widget), f"{widget.objectName()} has no accessible name"


def test_personal_data_is_spoken_only_into_headphones(qtbot, kiosk):
    controller = kiosk.kiosk
    controller.session.visit.voice_on = True
    place_card(qtbot, kiosk, ELDERLY)
    controller.choose_service("social_security_card")
    wait_spoken(qtbot, kiosk, "身份证号：已隐藏")
    assert "3 1 0 1 1 3" not in spoken(kiosk)

    press(qtbot, kiosk, Qt.Key.Key_NumberSign)  # the keypad's headphone key
    assert controller.session.visit.headphones and kiosk.voice.headphones
    press(qtbot, kiosk, Qt.Key.Key_Asterisk)  # repeat
    wait_spoken(qtbot, kiosk, "3 1 0 1 1 3")  # the ID number, digit by digit

    tap(qtbot, kiosk.window, "nav.home")
    tap(qtbot, kiosk.window, "nav.end")
    tap(qtbot, kiosk.window, "done")
    assert not kiosk.voice.headphones and not controller.session.visit.headphones


def test_volume_keys_and_reset_after_the_session(qtbot, kiosk):
    tap(qtbot, kiosk.window, "start")
    for _ in range(3):
        press(qtbot, kiosk, Qt.Key.Key_Plus)
    assert kiosk.voice.gain_db > GAIN_DEFAULT_DB
    for _ in range(10):
        press(qtbot, kiosk, Qt.Key.Key_Minus)
    assert kiosk.voice.gain_db <= GAIN_DEFAULT_DB - 18 + 6  # the range is at least 18 dB
    tap(qtbot, kiosk.window, "nav.end")
    tap(qtbot, kiosk.window, "done")
    assert kiosk.voice.gain_db == GAIN_DEFAULT_DB


def test_a_tremors_second_touch_is_ignored(qtbot, kiosk):
    window = kiosk.window
    tap(qtbot, window, "start")
    target = find_button(window, "mode.contrast")
    spot = target.mapTo(window, target.rect().center())

    def touch_spot(after: float) -> None:
        """Touch the screen at `spot`, whichever control is there now."""
        window.tremor.clock.advance(after)
        touch_at(qtbot, window, spot)

    touch_spot(1.0)
    assert kiosk.kiosk.state.display_mode == "high_contrast"
    touch_spot(0.2)  # the hand shakes: the same place again 0.2 s later
    assert kiosk.kiosk.state.display_mode == "high_contrast"
    touch_spot(0.8)  # a real second choice
    assert kiosk.kiosk.state.display_mode == "standard"


def test_care_mode_is_large_spoken_simple_and_three_times_slower(qtbot, kiosk, clock):
    controller, window = kiosk.kiosk, kiosk.window
    tap(qtbot, window, "start")
    tap(qtbot, window, "mode.care")
    assert controller.state.display_mode == "care" and controller.session.visit.voice_on
    assert window.theme.sizes.body >= 40
    assert len(controller.state.services) <= 6
    wait_spoken(qtbot, kiosk, "这一页是最常办理")
    clock.advance(91)
    controller.tick(clock())
    assert not window.overlay.isVisible()
    clock.advance(180)
    controller.tick(clock())
    assert window.overlay.isVisible()
    wait_spoken(qtbot, kiosk, "您还在吗？")  # the warning is spoken too
    assert find_button(window, "continue").hasFocus()
