"""Step 2: sign on the screen. While the resident signs, the visit never times out; the
signature is the visit's, so a mode or language toggle redraws it rather than losing it."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.signature import Signature
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.theme import LARGE_PRINT
from ui.widgets.controls import reading_item
from ui.widgets.signature_pad import SignaturePad


class SignScreen(Screen):
    name = ScreenName.SIGN

    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(reading_item(self.t("sign.how"), "body", name="how"))
        low_on_screen(layout, self.portrait)
        self.pad = SignaturePad(self.theme.colors.text, self.px(6), self.actions.add_stroke)
        self.pad.setAccessibleName(self.t("sign.pad"))
        self.pad.setMinimumHeight(self.px(360 if self.portrait else 300))
        if self.portrait:  # keep the box out of the top third, beyond reach from a wheelchair
            self.pad.setMaximumHeight(self.px(480 if self.theme.name in LARGE_PRINT else 640))
        layout.addWidget(self.pad, 3)
        clear = self.button(self.t("sign.clear"), self.actions.clear_signature,
                            icon="mdi6.eraser", name="clear")
        self.submit = self.button(self.t("sign.submit"), self.actions.submit_signature,
                                  kind="primary", icon="mdi6.check", name="submit")
        self.action_row(layout, clear, self.submit)
        layout.addWidget(self.button(self.t("sign.cannot_sign"),
                                     self.actions.confirm_without_signature,
                                     name="confirm_without_signature"))
        self._show(self.view.signature)
        self.bind("signature", self._show)

    def _show(self, signature: Signature) -> None:
        self.pad.show_signature(signature)
        if self.submit.isEnabled() == signature.empty:
            self.submit.setEnabled(not signature.empty)
