"""The frame stays put: the top bar, the bottom bar with its buttons, and the display modes
sit at exactly the same place on every screen of one mode, language and size. (The title
row holds no control; a long title may take two lines.)"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QPushButton, QWidget

from ui.audit.checks import Finding

Geometry = tuple[int, int, int, int]


def frame_geometry(window: QWidget) -> dict[str, Geometry]:
    """Where each part of the frame is, in window pixels, by name."""
    places: dict[str, Geometry] = {}
    parts = [window.top_bar, window.bottom_bar, window.rail]
    for part in parts:
        if part.isVisible():
            places[part.objectName()] = _rect(window, part)
    for holder in (window.bottom_bar, window.rail):
        for button in holder.findChildren(QPushButton):
            if button.isVisible():
                places[button.objectName()] = _rect(window, button)
    return places


def _rect(window: QWidget, widget: QWidget) -> Geometry:
    corner = widget.mapTo(window, QPoint(0, 0))
    return corner.x(), corner.y(), widget.width(), widget.height()


def frame_moves(reference: dict[str, Geometry], seen: dict[str, Geometry]) -> list[Finding]:
    """What of the frame is elsewhere (or missing) on this screen than on the first one."""
    found = []
    for name, place in reference.items():
        here = seen.get(name)
        if here != place:
            found.append(Finding(name, "frame-moved", "missing" if here is None else str(here),
                                 str(place)))
    return found
