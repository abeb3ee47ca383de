"""Touch the kiosk as a resident would: find a control by its name and tap it; and wait
for what the kiosk does in return."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from kiosk.view import ScreenName
from ui.accessibility import name_of

# Waits end on the event awaited; this limit only stops a test that would hang. It is long,
# so a busy machine is never mistaken for a broken kiosk.
HANG_GUARD_MS = 120_000


def wait_until(qtbot, condition) -> None:
    """Let the event loop run until `condition()` holds (devices report from their threads,
    background jobs come back through Qt's queue)."""
    qtbot.waitUntil(condition, timeout=HANG_GUARD_MS)


def place_card(qtbot, kiosk, card) -> None:
    """Lay a card on the simulated reader, agree on the consent screen, and wait until its
    holder is greeted (the profile read runs in the background)."""
    kiosk.devices.idcard.place(card)
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.CONSENT)
    tap(qtbot, kiosk.window, "accept")
    wait_until(qtbot, lambda: kiosk.kiosk.state.greeting.startswith(card.name))


def visible_buttons(window: QWidget) -> list[QPushButton]:
    return [b for b in window.findChildren(QPushButton) if b.isVisible()]


def find_button(window: QWidget, name: str) -> QPushButton:
    """By object name or accessible name; exactly one visible match."""
    found = [b for b in visible_buttons(window)
             if name in (b.objectName(), name_of(b))]
    assert len(found) == 1, f"{len(found)} visible buttons named {name!r}"
    return found[0]


def touch_at(qtbot, window: QWidget, spot: QPoint) -> None:
    """A touch at `spot` (window coordinates), delivered as the touchscreen delivers it:
    to the window, which hands it to whatever control is there."""
    qtbot.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, pos=spot)


def tap(qtbot, window: QWidget, name: str, *, after: float = 1.0) -> None:
    """Tap a control `after` seconds after the previous touch (the tremor guard ignores a
    second touch in the same place within half a second)."""
    window.tremor.clock.advance(after)
    widget = find_button(window, name)
    assert widget.isEnabled(), f"{name!r} is disabled"
    touch_at(qtbot, window, widget.mapTo(window, widget.rect().center()))


def visible_text(window: QWidget) -> str:
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisible()]
    texts += [b.text() for b in visible_buttons(window)]
    return "\n".join(texts)


def sign(qtbot, pad: QWidget) -> None:
    """A finger stroke across the signature box, through the window as a finger's is."""
    window = pad.window()
    handle = window.windowHandle()

    def at(x: int, y: int) -> QPoint:
        return pad.mapTo(window, QPoint(x, y))

    middle = pad.height() // 2
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=at(40, middle))
    for step in range(1, 30):
        qtbot.mouseMove(handle, at(40 + step * 12, middle + (step % 5) * 8))
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=at(400, middle))


def show_tile(qtbot, window: QWidget, service_id: str) -> None:
    """Turn home's pages by touch until the service's tile is on screen (home shows the most
    used first, a page at a time)."""
    name = f"tile:{service_id}"
    for _page in range(window.view.home.pages if window.view.home else 1):
        if any(b.objectName() == name for b in visible_buttons(window)):
            return
        shown = window.current.made_for
        tap(qtbot, window, "page:next")
        wait_until(qtbot, lambda shown=shown: window.current.made_for != shown)
    assert any(b.objectName() == name for b in visible_buttons(window)), f"no {name} on home"


def tap_service(qtbot, window: QWidget, service_id: str) -> None:
    show_tile(qtbot, window, service_id)
    tap(qtbot, window, f"tile:{service_id}")
