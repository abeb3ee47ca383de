"""Booking, step 1: what the visit is for, as big choices; and the way to my appointments."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, choice, choice_grid
from ui.widgets.controls import reading_item


class BookingMatterScreen(Screen):
    name = ScreenName.BOOKING_MATTER

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.matters

    def build(self, layout: QVBoxLayout) -> None:
        matters = self.view.matters
        layout.addWidget(reading_item(self.t("booking.matter.ask"), "body", name="ask"))
        status = StatusLine(self, retry_when_empty=lambda: not self.view.matters)
        layout.addWidget(status.line)
        low_on_screen(layout, self.portrait)
        buttons = [choice(m.label, lambda m=m.value: self.actions.choose_matter(m),
                          name=f"matter:{m.value}") for m in matters]
        layout.addLayout(choice_grid(self, buttons, 1 if self.portrait else 3))
        layout.addWidget(reading_item(self.t("booking.matter.mine_hint"), "caption",
                                      name="mine_hint"))
        if not self.portrait:
            layout.addStretch(1)
        self.action_row(layout, status.retry,
                        self.button(self.t("booking.matter.mine"), self.actions.open_appointments,
                                    icon="mdi6.calendar-account", name="mine"))
