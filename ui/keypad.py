"""Keypad and keyboard navigation, for residents who cannot see or reach the screen: a
standard kiosk keypad (arrows or 2/4/6/8, enter, back, help, repeat, volume, headphones)
moves a visible focus through every control and every reading item (text a resident must
hear) in reading order, and activates the focused control."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.view import KeyAction
from ui.accessibility import description_of, name_of

Key = Qt.Key
KEYMAP: dict[Qt.Key, KeyAction] = {
    Key.Key_Up: KeyAction.PREVIOUS, Key.Key_Left: KeyAction.PREVIOUS,
    Key.Key_8: KeyAction.PREVIOUS, Key.Key_4: KeyAction.PREVIOUS,
    Key.Key_Down: KeyAction.NEXT, Key.Key_Right: KeyAction.NEXT,
    Key.Key_2: KeyAction.NEXT, Key.Key_6: KeyAction.NEXT, Key.Key_Tab: KeyAction.NEXT,
    Key.Key_Backtab: KeyAction.PREVIOUS,
    Key.Key_Return: KeyAction.ACTIVATE, Key.Key_Enter: KeyAction.ACTIVATE,
    Key.Key_5: KeyAction.ACTIVATE, Key.Key_Space: KeyAction.ACTIVATE,
    Key.Key_Backspace: KeyAction.BACK, Key.Key_Escape: KeyAction.BACK, Key.Key_0: KeyAction.BACK,
    Key.Key_F1: KeyAction.HELP, Key.Key_Question: KeyAction.HELP,
    Key.Key_F2: KeyAction.REPEAT, Key.Key_Asterisk: KeyAction.REPEAT,
    Key.Key_Plus: KeyAction.VOLUME_UP, Key.Key_Equal: KeyAction.VOLUME_UP,
    Key.Key_VolumeUp: KeyAction.VOLUME_UP,
    Key.Key_Minus: KeyAction.VOLUME_DOWN, Key.Key_VolumeDown: KeyAction.VOLUME_DOWN,
    Key.Key_F3: KeyAction.HEADPHONES, Key.Key_NumberSign: KeyAction.HEADPHONES,
}


def is_reading_item(widget: QWidget) -> bool:
    return widget.property("reading") == "true"


def focus_order(window: QWidget) -> list[QWidget]:
    """Every control and reading item the keypad can reach, in reading order: top to
    bottom, then left to right (those whose tops are within half a row share a row)."""
    controls = [
        widget for widget in window.findChildren(QWidget)
        if widget.isVisible() and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and (isinstance(widget, QAbstractButton) or is_reading_item(widget))
    ]
    overlay = getattr(window, "overlay", None)
    if overlay is not None and overlay.isVisible():  # a dialog over the screen: only its controls
        controls = [widget for widget in controls if overlay.isAncestorOf(widget)]

    def place(widget: QWidget) -> tuple[int, int]:
        corner = widget.mapTo(window, QPoint(0, 0))
        return corner.y(), corner.x()

    rows: list[list[QWidget]] = []
    for widget in sorted(controls, key=place):
        top = place(widget)[0]
        if rows and abs(place(rows[-1][0])[0] - top) < widget.height() // 2:
            rows[-1].append(widget)
        else:
            rows.append([widget])
    return [widget for row in rows for widget in sorted(row, key=lambda w: place(w)[1])]


def move_focus(window: QWidget, forward: bool) -> QWidget | None:
    """Focus the next (or previous) control, wrapping around; returns it."""
    order = focus_order(window)
    if not order:
        return None
    current = window.focusWidget()
    if current in order:
        index = (order.index(current) + (1 if forward else -1)) % len(order)
    else:
        index = 0 if forward else len(order) - 1
    target = order[index]
    target.setFocus(Qt.FocusReason.TabFocusReason)
    return target


def spoken_label(widget: QWidget) -> str:
    """What the voice says for a control: its accessible name, then its description."""
    parts = [name_of(widget), description_of(widget)]
    return "，".join(part for part in parts if part)
