"""One booking: when and where, how it stands, and (while it can change) moving it or
cancelling it. Cancelling asks once more here, and the keypad then starts on 'keep it'."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QLabel, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, booking_card
from ui.widgets.controls import reading_item


class BookingDetailScreen(Screen):
    name = ScreenName.BOOKING_DETAIL

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.booking, view.cancel_asked

    def first_focus(self):
        """Asked to cancel: on 'keep it', so two presses of Enter cancel nothing; else the
        booking itself, read out first."""
        return getattr(self, "keep", None) or self.findChild(QLabel, "when") \
            or super().first_focus()

    def build(self, layout: QVBoxLayout) -> None:
        booking = self.view.booking
        if booking is None:
            return
        low_on_screen(layout, self.portrait)
        layout.addWidget(booking_card(self, booking, state=True))
        status = StatusLine(self)
        layout.addWidget(status.line)
        layout.addStretch(1)
        if self.view.cancel_asked:
            layout.addWidget(as_notification(reading_item(self.t("booking.cancel.ask"),
                                                          "title", name="ask")))
            self.keep = self.button(self.t("booking.cancel.no"), self.actions.go_back,
                                    icon="mdi6.calendar-check", name="keep")
            self.action_row(layout, self.keep,
                            self.button(self.t("booking.cancel.yes"), self.actions.confirm_cancel,
                                        kind="primary", icon="mdi6.calendar-remove",
                                        name="yes_cancel"))
            return
        buttons = []
        if booking.movable:
            buttons.append(self.button(self.t("booking.mine.move"), self.actions.move_booking,
                                       icon="mdi6.clock-edit-outline", name="move"))
        if booking.changeable:
            buttons.append(self.button(self.t("booking.mine.cancel"), self.actions.cancel_booking,
                                       icon="mdi6.calendar-remove", name="cancel"))
        if buttons:
            self.action_row(layout, *buttons)
