"""What the real Orca screen reader says of the kiosk, read from Orca's debug log.

The kiosk's window is given the input focus first, as a window manager would: Orca
presents only the active window, and on a bare X server no window becomes active."""

from __future__ import annotations

from drivers.idcard.samples import ELDERLY
from kiosk.i18n import load_messages
from tests.screen_reader.desktop import PrivateDesktop
from tests.screen_reader.kiosk import (
    DEV_PANEL_PREFIX,
    RunningKiosk,
    agree_to_reads,
    focus_kiosk_window,
)
from tests.screen_reader.orca import Orca

MESSAGES = load_messages()
FIRST_TILE = "老年综合津贴"  # the first service on home, config/services


def text(key: str, **params: object) -> str:
    return MESSAGES.text(key, "zh_CN", **params)


def test_orca_says_the_focused_button_and_follows_the_screen_change(
        desktop: PrivateDesktop, kiosk: RunningKiosk, orca: Orca):
    focus_kiosk_window(desktop, kiosk)
    assert "push button" in orca.wait_spoken(text("attract.start"))  # since Orca started
    mark = orca.mark()
    kiosk.window.find(id_end="start").press()
    orca.wait_spoken(FIRST_TILE, since=mark)  # home: the focus is on the first tile
    assert not any(DEV_PANEL_PREFIX in said for said in orca.spoken)


def test_orca_greets_the_resident_when_a_card_is_placed(
        desktop: PrivateDesktop, kiosk: RunningKiosk, orca: Orca):
    focus_kiosk_window(desktop, kiosk)
    mark = orca.mark()
    kiosk.window.find(id_end="start").press()
    orca.wait_spoken(FIRST_TILE, since=mark)
    mark, events = orca.mark(), kiosk.client.mark()
    kiosk.dev_panel.find(role="push button",
                         name=f"Place: {ELDERLY.name} (82-year-old resident)").press()
    agree_to_reads(kiosk, events)
    said = orca.wait_spoken(text("home.greeting", name=ELDERLY.name), since=mark)
    assert said.startswith("notification")  # said as it appears, wherever the focus is
