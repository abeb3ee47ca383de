"""The search screen in the real window: a resident types pinyin initials by touch on the
app's keyboard, sees the service listed at once, chooses a candidate, and chooses the result;
what is typed survives the display mode's rebuild; every key has a name and the keypad
reaches it."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from drivers.idcard.samples import ELDERLY
from kiosk.view import ScreenName
from tests.ui.touch import find_button, place_card, tap, wait_until
from ui.accessibility import name_of


def open_search(qtbot, kiosk) -> None:
    kiosk.kiosk.start()
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.HOME)
    tap(qtbot, kiosk.window, "search")
    wait_until(qtbot, lambda: kiosk.window.current.name == ScreenName.SEARCH)


def type_keys(qtbot, kiosk, keys: str) -> None:
    for key in keys:
        tap(qtbot, kiosk.window, f"key:{key}")


def test_initials_typed_by_touch_list_the_service_and_a_touch_chooses_it(qtbot, kiosk):
    place_card(qtbot, kiosk, ELDERLY)
    tap(qtbot, kiosk.window, "search")
    wait_until(qtbot, lambda: kiosk.window.current.name == ScreenName.SEARCH)
    type_keys(qtbot, kiosk, "sbk")  # 社保卡补换
    wait_until(qtbot, lambda: find_button(kiosk.window, "candidate:0").text() == "社保卡")
    result = find_button(kiosk.window, "tile:social_security_card")
    assert "社保卡补换" in name_of(result)
    tap(qtbot, kiosk.window, "tile:social_security_card")
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.FORM)
    assert kiosk.kiosk.session.visit.service_id == "social_security_card"


def test_a_candidate_touched_becomes_the_text(qtbot, kiosk):
    open_search(qtbot, kiosk)
    type_keys(qtbot, kiosk, "juzhu")  # 居住
    wait_until(qtbot, lambda: find_button(kiosk.window, "candidate:0").text() == "居住")
    tap(qtbot, kiosk.window, "candidate:0")
    typed = kiosk.window.current.typed
    wait_until(qtbot, lambda: typed.text() == "居住")
    assert find_button(kiosk.window, "tile:residence_certificate").isEnabled()
    tap(qtbot, kiosk.window, "key:backspace")
    wait_until(qtbot, lambda: kiosk.window.current.typed.text() == "居")


def test_what_is_typed_survives_large_print(qtbot, kiosk):
    open_search(qtbot, kiosk)
    type_keys(qtbot, kiosk, "yb")  # 医保
    kiosk.kiosk.toggle_display_mode("large")
    wait_until(qtbot, lambda: kiosk.window.theme.name == "large")
    wait_until(qtbot, lambda: find_button(kiosk.window, "candidate:0").text() == "医保")
    assert kiosk.kiosk.state.search.keyboard.composing == "yb"


def test_every_key_has_a_name_and_the_layouts_switch(qtbot, kiosk):
    open_search(qtbot, kiosk)
    keys = [b for b in kiosk.window.current.keyboard.findChildren(QPushButton)
            if b.isVisible() and b.isEnabled()]
    assert len(keys) >= 26 + 6
    assert all(name_of(key).strip() for key in keys)
    assert name_of(find_button(kiosk.window, "key:j")) == "字母 J"
    tap(qtbot, kiosk.window, "key:layout:123")
    wait_until(qtbot, lambda: kiosk.kiosk.state.search.keyboard.layout == "123")
    wait_until(qtbot, lambda: find_button(kiosk.window, "key:7").isVisible())
    tap(qtbot, kiosk.window, "key:7")
    wait_until(qtbot, lambda: kiosk.kiosk.state.search.keyboard.text == "7")
