"""Step 3 done: the reference number, the biggest thing on the screen, and the receipt."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.controls import label


class ReceiptScreen(Screen):
    name = ScreenName.RECEIPT
    nav = frozenset({"home", "help", "end"})

    def title(self) -> str:
        return self.t("receipt_screen.title")

    def build(self, layout: QVBoxLayout) -> None:
        outcome = self.controller.outcome
        service = self.controller.service
        if outcome is None or service is None:
            return
        low_on_screen(layout, self.portrait)
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.addWidget(label(self.t("receipt_screen.reference"), "body", align=ALIGN_CENTER))
        number = label(outcome.accepted.reference, "display", align=ALIGN_CENTER)
        number.setObjectName("reference")
        inner.addWidget(number)
        layout.addWidget(card)
        if outcome.printed:
            layout.addWidget(label(self.t("receipt_screen.take_receipt"), "title"))
        else:
            layout.addWidget(label(self.t("receipt_screen.not_printed"), "problem"))
        layout.addWidget(label(service.done_note.get(self.controller.language), "body"))
        layout.addStretch(1)
        self.action_row(
            layout,
            self.button(self.t("receipt_screen.finish"), self.controller.finish, name="finish"),
            self.button(self.t("receipt_screen.rate"), self.controller.to_rating, kind="primary",
                        icon="mdi6.star", name="rate"),
        )
