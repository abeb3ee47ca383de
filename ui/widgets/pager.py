"""A list's page turner: 上一页, where the list stands, 下一页, one row low on the screen, for
lists too long to show at once (a kiosk never scrolls)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

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


class PagedCards(QWidget):
    """A screen's own list shown a page at a time (for lists the kiosk's state does not
    page, such as a form's answers in large print): the pages, then the turner."""

    def __init__(self, pages: list[QWidget], start: int, text: Callable[..., str],
                 theme: Theme) -> None:
        super().__init__()
        self.pages, self.shown, self.text, self.theme = pages, start, text, theme
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(theme.px(theme.sizes.gap))
        for page in pages:
            box.addWidget(page)
        box.addStretch(1)
        self.turner = QWidget()
        box.addWidget(self.turner)
        self.turn(0)

    def turn(self, step: int) -> None:
        """Show the page `step` away; the keypad stays on the turner."""
        count = len(self.pages)
        self.shown = max(0, min(count - 1, self.shown + step))
        for index, page in enumerate(self.pages):
            page.setVisible(index == self.shown)
        old = self.turner.layout()
        if old is not None:
            while old.count():
                gone = old.takeAt(0).widget()
                if gone is not None:
                    gone.hide()
                    gone.deleteLater()
            QWidget().setLayout(old)  # a widget keeps its first layout: hand the old one away
        row = pager(self.shown, count, self.turn, self.text, self.theme)
        row.setContentsMargins(0, 0, 0, 0)
        self.turner.setLayout(row)
        self.turner.setVisible(count > 1)
        if step:
            ahead, back = ("page:next", "page:previous")[::1 if step > 0 else -1]
            for name in (ahead, back):
                again = self.turner.findChild(QPushButton, name)
                if again is not None and again.isEnabled():
                    again.setFocus()
                    break
