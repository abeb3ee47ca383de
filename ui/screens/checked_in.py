"""Checked in: the queue number, the biggest thing on the screen, then what to do (beside
it in landscape, where the height is short)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.controls import label, reading_item, set_reading_text


class CheckedInScreen(Screen):
    name = ScreenName.CHECKED_IN

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.ticket

    def first_focus(self):
        """The number: the one thing to take away, read out first."""
        return getattr(self, "number", None) or super().first_focus()

    def build(self, layout: QVBoxLayout) -> None:
        ticket = self.view.ticket
        if ticket is None:
            return
        t, gap = self.t, self.px(self.theme.sizes.gap)
        low_on_screen(layout, self.portrait)
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.addWidget(label(t("ticket.number"), "body", align=ALIGN_CENTER))
        self.number = reading_item(ticket.queue_number, "display", name="queue_number",
                                   align=ALIGN_CENTER)
        set_reading_text(self.number, ticket.queue_number,
                         f"{t('check_in.number')} {ticket.queue_number}")
        inner.addWidget(self.number)
        inner.addWidget(reading_item(ticket.when, "body", name="when", align=ALIGN_CENTER))
        inner.addWidget(reading_item(ticket.matter, "body", name="matter", align=ALIGN_CENTER))
        inner.addWidget(reading_item(ticket.centre, "body", name="centre", align=ALIGN_CENTER))
        notes = QVBoxLayout()
        notes.setSpacing(gap)
        if ticket.printed:
            notes.addWidget(reading_item(t("check_in.take_ticket"), "title", name="take_ticket"))
        else:
            notes.addWidget(reading_item(t("check_in.no_ticket"), "problem", name="no_ticket"))
        notes.addWidget(reading_item(t("check_in.wait"), "body", name="wait"))
        notes.addStretch(1)
        row: QBoxLayout = QVBoxLayout() if self.portrait else QHBoxLayout()
        row.setSpacing(gap)
        row.addWidget(card, 3)
        row.addLayout(notes, 2)
        layout.addLayout(row)
        if not self.portrait:
            layout.addStretch(1)
        self.action_row(layout, self.button(t("check_in.finish"), self.actions.finish,
                                            kind="primary", icon="mdi6.check", name="finish"))
