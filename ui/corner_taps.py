"""Where the window looks for the technicians' way in: a tap in the top-left corner (about
120 px square on the reference screen), and the keyboard's Ctrl+Alt+M. Counting the taps is
the kiosk's (kiosk/maintenance/entry.py); this only says which touches and keys are these."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QWidget

from ui.theme import Theme

CORNER = 120  # reference pixels, scaled with the screen
CHORD = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
TOUCH_INPUT = (*PRESSES, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove,
               QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
               QEvent.Type.KeyPress, QEvent.Type.KeyRelease)  # what the cleaning pause eats


def in_corner(window: QWidget, event: QEvent, theme: Theme) -> bool:
    """A press in the window's top-left corner."""
    if event.type() not in PRESSES or not isinstance(event, QMouseEvent):
        return False
    spot = window.mapFromGlobal(event.globalPosition().toPoint())
    size = theme.px(CORNER)
    return 0 <= spot.x() < size and 0 <= spot.y() < size


def is_chord(event: QEvent) -> bool:
    """Ctrl+Alt+M: the keyboard's way to the PIN pad."""
    return (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_M and (event.modifiers() & CHORD) == CHORD)
