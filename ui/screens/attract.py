"""The resting screen: what this kiosk offers, and how to begin (touch, or place a card)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label, reading_item

ALIGN_LEFT = Qt.AlignmentFlag.AlignLeft


class AttractScreen(Screen):
    name = ScreenName.ATTRACT

    def build(self, layout: QVBoxLayout) -> None:
        icon = big_icon("mdi6.card-account-details-outline", self.theme)
        texts = QVBoxLayout()
        texts.setSpacing(self.px(self.theme.sizes.gap))
        align = ALIGN_CENTER if self.portrait else ALIGN_LEFT
        texts.addWidget(reading_item(self.t("attract.headline"), "title", name="headline",
                                     align=align))
        texts.addWidget(reading_item(self.t("attract.how"), "body", name="how", align=align))
        offers = label(self.view.offers, "muted", align=align)
        offers.setObjectName("offers")
        self.bind("offers", offers.setText)
        texts.addWidget(offers)
        layout.addStretch(1)
        if self.portrait:
            layout.addWidget(icon)
            layout.addLayout(texts)
        else:  # landscape: the picture beside the words, which need the height
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.margin) * 2)
            row.addWidget(icon)
            row.addLayout(texts, 1)
            layout.addLayout(row)
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("attract.start"), self.actions.start,
                                            kind="primary", icon="mdi6.gesture-tap",
                                            name="start"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # anywhere on the screen starts
        self.actions.start()
        super().mouseReleaseEvent(event)
