"""Asks the resident to place an ID card (or show a code) before a service can start."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout

from kiosk.controller import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import label


class IdentifyScreen(Screen):
    name = ScreenName.IDENTIFY

    def title(self) -> str:
        return self.t("identify.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        icon = QLabel()
        size = self.px(self.theme.sizes.icon * 3)
        icon.setPixmap(qta.icon("mdi6.card-account-details-outline",
                                color=self.theme.colors.accent).pixmap(QSize(size, size)))
        icon.setAlignment(ALIGN_CENTER)
        layout.addWidget(icon)
        layout.addWidget(label(self.t("identify.place_card"), "title", align=ALIGN_CENTER))
        layout.addWidget(label(self.t("identify.where"), "body", align=ALIGN_CENTER))
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("nav.back"), self.controller.go_back,
                                            icon="mdi6.arrow-left", name="back"))
