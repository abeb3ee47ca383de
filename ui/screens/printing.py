"""Step 3 in progress: submitting and printing. Nothing to touch but help; the visit waits."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, reading_item


class PrintingScreen(Screen):
    name = ScreenName.PRINTING

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.printer", self.theme))
        layout.addWidget(reading_item(self.t("printing.wait"), "title", name="wait",
                                      align=ALIGN_CENTER))
        layout.addWidget(reading_item(self.t("printing.note"), "body", name="note",
                                      align=ALIGN_CENTER))
        layout.addStretch(2)
