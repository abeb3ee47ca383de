"""Asks the resident to place an ID card (or show a code) before a service can start."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label


class IdentifyScreen(Screen):
    name = ScreenName.IDENTIFY

    def title(self) -> str:
        return self.t("identify.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.card-account-details-outline", self.theme))
        layout.addWidget(label(self.t("identify.place_card"), "title", align=ALIGN_CENTER))
        layout.addWidget(label(self.t("identify.where"), "body", align=ALIGN_CENTER))
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("nav.back"), self.controller.go_back,
                                            icon="mdi6.arrow-left", name="back"))
