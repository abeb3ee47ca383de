"""Step 3 in progress: submitting and printing. Nothing to touch; the session waits."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label


class PrintingScreen(Screen):
    name = ScreenName.PRINTING
    nav = frozenset()

    def title(self) -> str:
        return self.t("printing.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.printer", self.theme))
        layout.addWidget(label(self.t("printing.wait"), "title", align=ALIGN_CENTER))
        layout.addWidget(label(self.t("printing.note"), "body", align=ALIGN_CENTER))
        layout.addStretch(2)
