"""Step 3 in progress: submitting and printing. Nothing to touch; the session waits."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QVBoxLayout

from kiosk.controller import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import label


class PrintingScreen(Screen):
    name = ScreenName.PRINTING
    nav = frozenset()

    def title(self) -> str:
        return self.t("printing.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        icon = QLabel()
        size = self.px(self.theme.sizes.icon * 3)
        icon.setPixmap(qta.icon("mdi6.printer", color=self.theme.colors.accent)
                       .pixmap(QSize(size, size)))
        icon.setAlignment(ALIGN_CENTER)
        layout.addWidget(icon)
        layout.addWidget(label(self.t("printing.wait"), "title", align=ALIGN_CENTER))
        layout.addWidget(label(self.t("printing.note"), "body", align=ALIGN_CENTER))
        layout.addStretch(2)
