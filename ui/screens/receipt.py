"""Step 3 done: the reference number, the biggest thing on the screen, and the receipt."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.controls import label, reading_item, set_reading_text


class ReceiptScreen(Screen):
    name = ScreenName.RECEIPT

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.receipt

    def first_focus(self):
        """The reference number: the one thing to take away, read out first."""
        return getattr(self, "reference", None) or super().first_focus()

    def build(self, layout: QVBoxLayout) -> None:
        receipt = self.view.receipt
        if receipt is None:
            return
        low_on_screen(layout, self.portrait)
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        # Submitted, or saved here and sent automatically: said before the number.
        outcome = self.t("outcome.delivered" if receipt.delivered else "outcome.saved")
        inner.addWidget(label(outcome, "body", align=ALIGN_CENTER))
        number = reading_item(receipt.reference, "display", name="reference",
                              align=ALIGN_CENTER)
        # In portrait, on two lines (the kiosk's code above the day and number), so the
        # digits stay at the biggest size; read as one: what the number is, then the number.
        shown = receipt.reference.replace("-", "-\n", 1) if self.portrait else receipt.reference
        set_reading_text(number, shown, f"{outcome} {receipt.reference}")
        inner.addWidget(number)
        self.reference = number
        layout.addWidget(card)
        if receipt.printed:
            layout.addWidget(reading_item(self.t("receipt_screen.take_receipt"), "title",
                                          name="take_receipt"))
        else:
            layout.addWidget(reading_item(self.t("receipt_screen.not_printed"), "problem",
                                          name="not_printed"))
        layout.addWidget(reading_item(receipt.done_note, "body", name="done_note"))
        layout.addStretch(1)
        self.action_row(
            layout,
            self.button(self.t("receipt_screen.finish"), self.actions.finish, name="finish"),
            self.button(self.t("receipt_screen.rate"), self.actions.to_rating, kind="primary",
                        icon="mdi6.star", name="rate"),
        )
