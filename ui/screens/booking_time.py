"""Booking, step 4: the chosen day's times with a place left, each with how many; a full
time is not offered. Touching one holds its place."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, choice, choice_grid
from ui.widgets.controls import reading_item


class BookingTimeScreen(Screen):
    name = ScreenName.BOOKING_TIME

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.booking_day, view.slots

    def build(self, layout: QVBoxLayout) -> None:
        view = self.view
        day = reading_item(view.booking_day, "value", name="day")
        layout.addWidget(day)
        layout.addWidget(reading_item(self.t("booking.time.ask"), "body", name="ask"))
        status = StatusLine(self, retry_when_empty=lambda: not self.view.slots)
        layout.addWidget(status.line)
        low_on_screen(layout, self.portrait)
        buttons = [choice(f"{slot.label}\n{slot.places}",
                          lambda s=slot.id: self.actions.choose_slot(s), name=f"slot:{slot.id}")
                   for slot in view.slots]
        layout.addLayout(choice_grid(self, buttons, 3 if self.portrait else 4))
        if not self.portrait:
            layout.addStretch(1)
        self.action_row(layout, status.retry)
