"""Booking, step 2: the centres that take this matter, nearest first, each with its distance
and opening hours."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, choice_grid
from ui.widgets.controls import Tile, reading_item


class BookingCentreScreen(Screen):
    name = ScreenName.BOOKING_CENTRE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.centres

    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(reading_item(self.t("booking.centre.ask"), "body", name="ask"))
        status = StatusLine(self, retry_when_empty=lambda: not self.view.centres)
        layout.addWidget(status.line)
        low_on_screen(layout, self.portrait)
        comma = self.t("booking.comma")
        tiles = []
        for centre in self.view.centres:
            note = comma.join(filter(None, (centre.distance, centre.hours)))
            tiles.append(Tile(centre.name, note, "mdi6.map-marker-outline", self.theme,
                              lambda c=centre.id: self.actions.choose_centre(c),
                              name=f"centre:{centre.id}",
                              description=comma.join(filter(None, (note, centre.address)))))
        layout.addLayout(choice_grid(self, tiles, 1))  # a column: the names are long
        self.action_row(layout, status.retry)
