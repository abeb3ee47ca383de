"""Asks the resident to place an ID card (or show a code) before a service can start."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, reading_item


class IdentifyScreen(Screen):
    name = ScreenName.IDENTIFY

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.card-account-details-outline", self.theme))
        layout.addWidget(reading_item(self.t("identify.place_card"), "title",
                                      name="place_card", align=ALIGN_CENTER))
        layout.addWidget(reading_item(self.t("identify.where"), "body", name="where",
                                      align=ALIGN_CENTER))
        layout.addStretch(1)
