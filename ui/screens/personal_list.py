"""What the personal page's list screens share (licences, benefits, reminders, reads): rows
as cards of plain lines, a page at a time, or one sentence instead (loading, nothing there,
a failure with its 再试一次)."""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar

from PySide6.QtWidgets import QFrame, QLayout, QVBoxLayout

from kiosk.personal_page import PersonalList, Row
from kiosk.state import ReadOnly
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.appointment import choice_grid
from ui.widgets.controls import big_icon, label, reading_item, set_reading_text
from ui.widgets.pager import pager


class PersonalListScreen(Screen):
    icon: ClassVar[str]  # what the screen is about, shown big when it has no rows

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.personal_list

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.personal_list or PersonalList(loading=True)
        if not shown.rows:
            layout.addStretch(1)
            layout.addWidget(big_icon(self.icon, self.theme, times=2))
            text = shown.problem or self.t("personal.loading")
            layout.addWidget(as_notification(reading_item(text, "title", name="status",
                                                          align=ALIGN_CENTER)))
            layout.addStretch(1)
            if shown.retry:
                self.action_row(layout, self.button(self.t("notice.retry"), self.actions.retry,
                                                    icon="mdi6.refresh", name="retry"))
            return
        low_on_screen(layout, self.portrait)
        cards = [self.row_card(row, index) for index, row in enumerate(shown.rows)]
        # landscape is short: two columns, so a page's rows fit without squeezing
        layout.addLayout(choice_grid(self, cards, 1 if self.portrait else 2))
        layout.addStretch(0 if self.portrait else 1)
        layout.addLayout(pager(shown.page, shown.pages, self.actions.turn_page, self.t,
                               self.theme))

    def row_card(self, row: Row, index: int) -> QFrame:
        """Its title first and biggest (the keypad stops there and reads the whole row),
        then its lines in body type."""
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        inner.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squeezed
        pad = self.px(16)
        inner.setContentsMargins(pad, pad // 2, pad, pad // 2)
        inner.setSpacing(self.px(4))
        title = reading_item(row.title, "problem" if row.warn else "value",
                             name=f"row:{self.view.personal_list.page}:{index}")
        set_reading_text(title, row.title, row.read)
        inner.addWidget(title)
        for line in row.lines:
            inner.addWidget(label(line, "body"))
        return card
