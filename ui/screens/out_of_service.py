"""Shown when the kiosk can help nobody: where to go instead, and, when the start-up
self-test failed, one short line for the technician below it, small and calm."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label, reading_item


class OutOfServiceScreen(Screen):
    name = ScreenName.OUT_OF_SERVICE

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.tools", self.theme))
        layout.addWidget(reading_item(self.t("out_of_service.body",
                                             helpline=self.view.helpline),
                                      "title", name="body", align=ALIGN_CENTER))
        layout.addStretch(2)
        reason = label(self.view.out_of_service_reason, "muted", align=ALIGN_CENTER)
        reason.setObjectName("reason")
        reason.setVisible(bool(self.view.out_of_service_reason))
        self.bind("out_of_service_reason", lambda text: (reason.setText(text),
                                                         reason.setVisible(bool(text))))
        layout.addWidget(reason)
