"""Icons from the icon font (qtawesome), drawn once per name, colour and size and kept:
qtawesome draws a glyph afresh every time a button paints, and screens are built often."""

from __future__ import annotations

from functools import lru_cache

import qtawesome as qta
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QPixmap


@lru_cache(maxsize=512)
def pixmap(name: str, color: str, size: int) -> QPixmap:
    return qta.icon(name, color=color).pixmap(QSize(size, size))


@lru_cache(maxsize=512)
def icon(name: str, color: str, size: int, focused_color: str = "") -> QIcon:
    """The icon in `color`, and in `focused_color` where Qt draws a focused control's icon
    (its Active mode)."""
    drawn = QIcon(pixmap(name, color, size))
    drawn.addPixmap(pixmap(name, focused_color or color, size), QIcon.Mode.Active)
    return drawn
