"""A list's page turner: 上一页, where the list stands, 下一页, one row low on the screen, for
lists too long to show at once (a kiosk never scrolls)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel

from ui.theme import Theme
from ui.widgets.controls import button, reading_item


def pager(page: int, pages: int, turn: Callable[[int], None], text: Callable[..., str],
          theme: Theme) -> QHBoxLayout:
    """Nothing to turn on a single page: an empty row."""
    row = QHBoxLayout()
    row.setSpacing(theme.px(theme.sizes.gap))
    if pages <= 1:
        return row
    previous = button(text("applications.previous"), lambda: turn(-1), icon="mdi6.chevron-left",
                      theme=theme, name="page:previous")
    following = button(text("applications.next"), lambda: turn(1), icon="mdi6.chevron-right",
                       theme=theme, name="page:next")
    previous.setEnabled(page > 0)
    following.setEnabled(page < pages - 1)
    where: QLabel = reading_item(text("applications.page", page=page + 1, pages=pages), "muted",
                                 name="page", wrap=False, align=Qt.AlignmentFlag.AlignHCenter)
    row.addWidget(previous, 1)
    row.addWidget(where, 1)
    row.addWidget(following, 1)
    return row
