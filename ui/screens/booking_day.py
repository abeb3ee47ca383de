"""Booking, step 3: the days with a place left, each with how many."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, choice, choice_grid
from ui.widgets.controls import reading_item


class BookingDayScreen(Screen):
    name = ScreenName.BOOKING_DAY

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.days

    def build(self, layout: QVBoxLayout) -> None:
        view = self.view
        layout.addWidget(reading_item(self.t("booking.day.ask"), "body", name="ask"))
        status = StatusLine(self, retry_when_empty=lambda: not self.view.days)
        layout.addWidget(status.line)
        full = reading_item(self.t("booking.day.none"), "body", name="none")
        layout.addWidget(full)

        def show_full(_value: object = None) -> None:  # fetched, and no day has a place
            full.setVisible(not view.days and not view.booking_busy and not view.booking_problem)

        show_full()
        self.bind("booking_busy", show_full)
        low_on_screen(layout, self.portrait)
        buttons = [choice(f"{day.label}\n{day.places}",
                          lambda d=day.value: self.actions.choose_day(d), name=f"day:{day.value}")
                   for day in view.days]
        layout.addLayout(choice_grid(self, buttons, 2 if self.portrait else 3))
        if not self.portrait:
            layout.addStretch(1)
        self.action_row(layout, status.retry)
