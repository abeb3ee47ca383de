"""My appointments: the coming ones first, each a big button with its time, matter and how
it stands; touching one opens it, to move or cancel it."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, choice_grid
from ui.widgets.controls import Tile, reading_item


class MyAppointmentsScreen(Screen):
    name = ScreenName.MY_APPOINTMENTS

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.bookings

    def build(self, layout: QVBoxLayout) -> None:
        view = self.view
        status = StatusLine(self, retry_when_empty=lambda: not self.view.bookings)
        layout.addWidget(status.line)
        none = reading_item(self.t("booking.mine.none"), "title", name="none")
        layout.addWidget(none)

        def show_none(_value: object = None) -> None:
            none.setVisible(not view.bookings and not view.booking_busy
                            and not view.booking_problem)

        show_none()
        self.bind("booking_busy", show_none)
        low_on_screen(layout, self.portrait)
        comma = self.t("booking.comma")
        tiles = [Tile(b.when, comma.join((b.matter, b.state)),
                      "mdi6.calendar-check" if b.changeable else "mdi6.calendar-remove",
                      self.theme, lambda i=b.id: self.actions.open_booking(i),
                      name=f"booking:{b.id}", description=comma.join((b.matter, b.centre,
                                                                      b.state)))
                 for b in view.bookings]
        layout.addLayout(choice_grid(self, tiles, 1))
        self.action_row(layout, status.retry)
