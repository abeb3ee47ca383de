"""Booking, step 5: the booking to confirm, and how long its place stays held (counting
down in place); once that runs out, the one way on is to choose a time again."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, booking_card
from ui.widgets.controls import label, reading_item, set_button_text, set_reading_text


class BookingConfirmScreen(Screen):
    name = ScreenName.BOOKING_CONFIRM

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.booking

    def build(self, layout: QVBoxLayout) -> None:
        booking = self.view.booking
        if booking is None:
            return
        low_on_screen(layout, self.portrait)
        layout.addWidget(booking_card(self, booking))
        status = StatusLine(self)
        layout.addWidget(status.line)
        self.countdown = label("", "value", wrap=False)
        self.countdown.setObjectName("countdown")
        self._settled = False
        self.lapsed = reading_item(self.t("booking.confirm.lapsed"), "problem", name="lapsed")
        layout.addWidget(self.countdown)
        layout.addWidget(self.lapsed)
        layout.addStretch(1)
        moving = bool(booking.was)
        self.again = self.button(self.t("booking.confirm.rechoose"), self.actions.go_back,
                                 icon="mdi6.clock-edit-outline", name="rechoose")
        self.confirm = self.button(self.t("booking.confirm.move" if moving
                                          else "booking.confirm.book"),
                                   self.actions.confirm_booking, kind="primary",
                                   icon="mdi6.check", name="confirm")
        self.action_row(layout, self.again, self.confirm)
        self._count(self.view.hold_seconds)
        self.bind("hold_seconds", self._count)

    def _count(self, seconds: int | None) -> None:
        """The countdown in place; at nought, the confirm button becomes 'choose again'."""
        lapsed = seconds == 0
        self.countdown.setVisible(bool(seconds))
        if seconds and not self._settled and self.countdown.isVisible():
            # Laid out by now: its size is settled, so a new number never lays the screen
            # out again (each second would otherwise cost a layout of the whole window).
            self.countdown.setFixedSize(self.countdown.size())
            self._settled = True
        if seconds:
            minutes, rest = divmod(seconds, 60)
            self.countdown.setText(self.t("booking.confirm.countdown", minutes=minutes,
                                          seconds=f"{rest:02d}"))
        self.lapsed.setVisible(lapsed)
        if lapsed:
            set_reading_text(self.lapsed, self.t("booking.confirm.lapsed"))
        self.again.setVisible(not lapsed)
        set_button_text(self.confirm, self.t("booking.confirm.rechoose") if lapsed else
                        self.t("booking.confirm.move" if self.view.booking and
                               self.view.booking.was else "booking.confirm.book"))
