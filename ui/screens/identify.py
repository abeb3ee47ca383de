"""Asks the resident to place an ID card (or show a code) before a service can start."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, reading_item, set_reading_text


class IdentifyScreen(Screen):
    name = ScreenName.IDENTIFY

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.card-account-details-outline", self.theme))
        layout.addWidget(reading_item(self.t("identify.place_card"), "title",
                                      name="place_card", align=ALIGN_CENTER))
        where = reading_item("", "body", name="where", align=ALIGN_CENTER)
        layout.addWidget(where)

        def show(reading: bool) -> None:  # the card is on the reader: say it is being read
            set_reading_text(where, self.t("identify.reading" if reading else "identify.where"))

        show(self.view.reading_card)
        self.bind("reading_card", show)
        layout.addStretch(1)
