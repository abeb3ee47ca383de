"""The thank-you screen: take your card and receipt; the kiosk then wipes and rests."""

from __future__ import annotations

import math

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import label


class GoodbyeScreen(Screen):
    name = ScreenName.GOODBYE
    nav = frozenset()

    def title(self) -> str:
        return self.t("goodbye.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(label(self.t("goodbye.thanks"), "title", align=ALIGN_CENTER))
        layout.addWidget(label(self.t("goodbye.take_things"), "body", align=ALIGN_CENTER))
        seconds = math.ceil(self.controller.goodbye_remaining)
        countdown = label(self.t("goodbye.wiping", seconds=seconds), "muted", align=ALIGN_CENTER)
        countdown.setObjectName("countdown")  # the window updates it every second
        layout.addWidget(countdown)
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("goodbye.done"), self.controller.end_now,
                                            kind="primary", icon="mdi6.check", name="done"))
