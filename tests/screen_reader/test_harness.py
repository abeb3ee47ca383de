"""The screen-reader harness against the real kiosk: it finds the kiosk's window and the
start button in the accessibility tree, presses buttons through AT-SPI as a screen
reader's user would, and waits for the screens that follow, by their events.

These pass against the kiosk as it is. What they read of the window (its role, its name)
is asserted loosely on purpose: fixing those is the point of the work that follows."""

from __future__ import annotations

from drivers.idcard.samples import ELDERLY
from kiosk.i18n import load_messages
from tests.screen_reader.atspi import AtspiClient, becomes_showing, focused
from tests.screen_reader.desktop import PrivateDesktop, processes_marked
from tests.screen_reader.kiosk import (
    APPLICATION_NAME,
    RunningKiosk,
    agree_to_reads,
    focus_kiosk_window,
)

MESSAGES = load_messages()


def text(key: str, **params: object) -> str:
    return MESSAGES.text(key, "zh_CN", **params)


def place_card_button(kiosk: RunningKiosk):
    return kiosk.dev_panel.find(role="push button",
                                name=f"Place: {ELDERLY.name} (82-year-old resident)")


def start(kiosk: RunningKiosk, atspi: AtspiClient) -> None:
    """Press the attract screen's start button and wait for home."""
    mark = atspi.mark()
    kiosk.window.find(id_end="start").press()
    atspi.wait_for(becomes_showing(text("home.choose")), since=mark, what="the home screen")


def test_the_kiosk_and_its_window_are_in_the_tree(kiosk: RunningKiosk):
    assert kiosk.app.role == "application"
    assert kiosk.app.name == APPLICATION_NAME
    window = kiosk.window
    assert window.name == text("attract.title")  # the screen's title, so it is said
    assert window.role == "frame"
    assert {"showing", "visible"} <= window.states
    assert window.parent == kiosk.app
    assert window.child_count == len(window.children()) > 0
    assert kiosk.dev_panel.name.startswith("Developer panel")


def test_the_start_button_is_found_and_offers_press(kiosk: RunningKiosk):
    button = kiosk.window.find(id_end="start")
    assert button.role == "push button"
    assert button.name == text("attract.start")
    assert button.text() == button.name
    assert {"showing", "enabled", "focusable"} <= button.states
    assert "Press" in button.actions()
    assert kiosk.window.find(role="push button", name=text("attract.start")) == button
    # The attract screen's own texts are there as labels a screen reader can read.
    headline = kiosk.window.find(role="label", name=text("attract.headline"), showing=True)
    assert headline.text() == text("attract.headline")


def test_relations_and_descriptions_are_read(kiosk: RunningKiosk, atspi: AtspiClient):
    button = place_card_button(kiosk)
    group = kiosk.dev_panel.find(role="panel", name="ID card reader")
    assert button.relations()["labelled-by"] == [group]
    assert button in group.relations()["label-for"]
    start(kiosk, atspi)
    tile = kiosk.window.find(role="push button", name="社保卡补换", showing=True)
    assert tile.description == "社保卡丢失、损坏或到期时换一张新卡"  # config/services
    assert tile.locale == kiosk.window.locale == "zh_CN"  # the displayed language


def test_pressing_start_through_atspi_shows_home(kiosk: RunningKiosk, atspi: AtspiClient):
    button = kiosk.window.find(id_end="start")
    mark = atspi.mark()
    button.press()
    atspi.wait_for(becomes_showing(text("home.choose")), since=mark, what="the home screen")
    atspi.wait_until_quiet(kiosk.app)
    assert "showing" not in button.states  # kept, hidden, until the visit ends
    title = kiosk.window.find(id_end="title")
    assert title.name == text("home.title") == kiosk.window.name


def test_placing_a_card_greets_the_resident(kiosk: RunningKiosk, atspi: AtspiClient):
    start(kiosk, atspi)
    mark = atspi.mark()
    place_card_button(kiosk).press()
    agree_to_reads(kiosk, mark)
    greeting = text("home.greeting", name=ELDERLY.name)
    event = atspi.wait_for(becomes_showing(greeting), since=mark, what=f"{greeting!r} shown")
    assert greeting == "王秀英，您好"
    assert event.source.role == "notification"  # a screen reader says it as it appears


def test_focus_is_reported_once_the_window_has_the_input_focus(
        desktop: PrivateDesktop, kiosk: RunningKiosk, atspi: AtspiClient):
    mark = atspi.mark()
    focus_kiosk_window(desktop, kiosk)  # today the window is not active until this
    start_button = kiosk.window.find(id_end="start")
    if "focused" not in start_button.states:
        atspi.wait_for(focused(start_button.name), since=mark, what="the start button focused")
    mark = atspi.mark()
    start_button.press()
    first_tile = "老年综合津贴"  # the first service, config/services
    atspi.wait_for(focused(first_tile), since=mark, what="the first tile focused on home")


def test_closing_the_desktop_ends_every_process(folder):
    private = PrivateDesktop(folder / "closing")
    pids = [process.pid for process in private.processes]
    assert len(pids) == 4  # Xvfb, dbus-daemon, the bus launcher, the registry
    marked = processes_marked(str(private.folder))
    assert set(pids) < set(marked)  # the launcher's own bus daemon too
    private.close()
    assert processes_marked(str(private.folder)) == []


def test_every_showing_button_on_home_has_a_name(kiosk: RunningKiosk, atspi: AtspiClient):
    start(kiosk, atspi)
    atspi.wait_until_quiet(kiosk.app)
    buttons = kiosk.window.find_all(role="push button", showing=True)
    assert len(buttons) >= 8  # six tiles, help and finish at least
    assert all(button.name for button in buttons)
