"""Booked (the title says so): when and where, the slip (or what to do without it), and the
resident's appointments a touch away."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QLabel, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import booking_card
from ui.widgets.controls import reading_item


class BookingDoneScreen(Screen):
    name = ScreenName.BOOKING_DONE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.booking

    def first_focus(self):
        """When it is: the one thing to take away, read out first."""
        return self.findChild(QLabel, "when") or super().first_focus()

    def build(self, layout: QVBoxLayout) -> None:
        booking = self.view.booking
        if booking is None:
            return
        low_on_screen(layout, self.portrait)
        layout.addWidget(booking_card(self, booking))
        if booking.printed:
            layout.addWidget(reading_item(self.t("booking.done.take_slip"), "body",
                                          name="take_slip"))
        else:
            layout.addWidget(reading_item(self.t("booking.done.no_slip"), "problem",
                                          name="no_slip"))
        layout.addStretch(1)
        self.action_row(
            layout,
            self.button(self.t("booking.done.mine"), self.actions.open_appointments,
                        icon="mdi6.calendar-account", name="mine"),
            self.button(self.t("booking.finish"), self.actions.finish, kind="primary",
                        icon="mdi6.check", name="finish"),
        )
