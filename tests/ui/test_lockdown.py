"""Lockdown inside the app (ui/lockdown.py) on the real window: the keys that would close
it, switch away or reach the desktop do nothing, not even what the keypad would make of
them; Esc stays the keypad's Back and never leaves full screen; a close the kiosk did not
ask for is ignored; the window goes back to full screen if something takes it out."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk.view import ScreenName
from tests.ui.touch import wait_until
from ui.keypad import KEYMAP
from ui.lockdown import Lockdown, blocked

K = Qt.Key
M = Qt.KeyboardModifier
SWALLOWED = [
    (K.Key_F4, M.AltModifier), (K.Key_Tab, M.AltModifier),
    (K.Key_Tab, M.AltModifier | M.ShiftModifier), (K.Key_Escape, M.AltModifier),
    (K.Key_Escape, M.ControlModifier), (K.Key_W, M.ControlModifier),
    (K.Key_Q, M.ControlModifier), (K.Key_Meta, M.NoModifier), (K.Key_Super_L, M.NoModifier),
    (K.Key_Tab, M.MetaModifier), (K.Key_D, M.MetaModifier), (K.Key_F11, M.NoModifier),
    (K.Key_Delete, M.ControlModifier | M.AltModifier),
    (K.Key_Backspace, M.ControlModifier | M.AltModifier),
    (K.Key_F2, M.ControlModifier | M.AltModifier), (K.Key_Space, M.AltModifier),
]


@pytest.fixture
def locked(qtbot, kiosk):
    lockdown = Lockdown(kiosk.window).install()
    kiosk.window.showFullScreen()
    qtbot.waitExposed(kiosk.window)
    yield lockdown
    lockdown.release()


def on_search(qtbot, kiosk) -> None:
    kiosk.kiosk.start()
    kiosk.kiosk.open_search()
    wait_until(qtbot, lambda: kiosk.window.current is not None
               and kiosk.window.current.name == ScreenName.SEARCH)


def test_the_keypad_alone_and_the_technicians_chord_are_never_swallowed():
    for key in KEYMAP:
        assert not blocked(key, M.NoModifier), key
        assert not blocked(key, M.KeypadModifier), key
    assert not blocked(K.Key_M, M.ControlModifier | M.AltModifier)
    assert all(blocked(key, modifiers) for key, modifiers in SWALLOWED)


def test_in_kiosk_mode_the_window_is_frameless_on_top_and_full_screen(kiosk, locked):
    flags = kiosk.window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert kiosk.window.windowState() & Qt.WindowState.WindowFullScreen


def test_a_desktop_key_does_nothing_not_even_the_keypads_part_of_it(qtbot, kiosk, locked):
    on_search(qtbot, kiosk)
    focused = kiosk.window.focusWidget()
    for key, modifiers in SWALLOWED:
        before = locked.swallowed
        qtbot.keyClick(kiosk.window.windowHandle(), key, modifiers)
        assert locked.swallowed > before, (key, modifiers)
        assert kiosk.kiosk.state.screen == ScreenName.SEARCH  # Alt/Ctrl+Esc: not Back
        assert kiosk.window.focusWidget() is focused  # Alt+Tab did not move the focus
        assert kiosk.window.isVisible()
        assert kiosk.window.windowState() & Qt.WindowState.WindowFullScreen


def test_esc_is_the_keypads_back_and_stays_in_full_screen(qtbot, kiosk, locked):
    on_search(qtbot, kiosk)
    qtbot.keyClick(kiosk.window.windowHandle(), K.Key_Escape)
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.HOME)
    assert locked.swallowed == 0
    assert kiosk.window.isVisible()
    assert kiosk.window.windowState() & Qt.WindowState.WindowFullScreen


def test_the_technicians_chord_still_opens_the_pin_pad(qtbot, kiosk, locked):
    qtbot.keyClick(kiosk.window.windowHandle(), K.Key_M, M.ControlModifier | M.AltModifier)
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.MAINTENANCE_ENTRY)


def test_a_close_the_kiosk_did_not_ask_for_is_ignored(qtbot, kiosk, locked):
    assert not kiosk.window.close()
    assert not kiosk.window.windowHandle().close()
    assert kiosk.window.isVisible()
    locked.release()  # what ui/main.py does before the kiosk closes its window itself
    assert kiosk.window.close()


def test_a_window_taken_out_of_full_screen_goes_back(qtbot, kiosk, locked):
    kiosk.window.showNormal()
    wait_until(qtbot, lambda: bool(kiosk.window.windowState()
                                   & Qt.WindowState.WindowFullScreen))
