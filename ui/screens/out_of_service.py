"""Shown when no device works: the kiosk cannot help anyone now, and says where to go."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, reading_item


class OutOfServiceScreen(Screen):
    name = ScreenName.OUT_OF_SERVICE

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.tools", self.theme))
        layout.addWidget(reading_item(self.t("out_of_service.body",
                                             helpline=self.view.helpline),
                                      "title", name="body", align=ALIGN_CENTER))
        layout.addStretch(2)
