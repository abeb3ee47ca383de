"""Shown when no device works: the kiosk cannot help anyone now, and says where to go."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label


class OutOfServiceScreen(Screen):
    name = ScreenName.OUT_OF_SERVICE
    nav = frozenset()

    def title(self) -> str:
        return self.t("out_of_service.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.tools", self.theme))
        helpline = self.controller.settings.site.helpline
        layout.addWidget(label(self.t("out_of_service.body", helpline=helpline), "title",
                               align=ALIGN_CENTER))
        layout.addStretch(2)
