"""The resting screen: what this kiosk offers, and how to begin (touch, or place a card)."""

from __future__ import annotations

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label


class AttractScreen(Screen):
    name = ScreenName.ATTRACT
    nav = frozenset()

    def title(self) -> str:
        return self.t("attract.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.card-account-details-outline", self.theme))
        layout.addWidget(label(self.t("attract.headline"), "title", align=ALIGN_CENTER))
        layout.addWidget(label(self.t("attract.how"), "body", align=ALIGN_CENTER))
        offers = "  ·  ".join(s.title.get(self.controller.language)
                              for s in self.controller.services()[:6])
        layout.addWidget(label(self.t("attract.offers", services=offers), "muted",
                               align=ALIGN_CENTER))
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("attract.start"), self.controller.start,
                                            kind="primary", icon="mdi6.gesture-tap",
                                            name="start"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # anywhere on the screen starts
        self.controller.start()
        super().mouseReleaseEvent(event)
