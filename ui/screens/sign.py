"""Step 2: sign on the screen. While the resident signs, the session never times out."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import label
from ui.widgets.signature_pad import SignaturePad


class SignScreen(Screen):
    name = ScreenName.SIGN
    pad: SignaturePad | None = None

    def title(self) -> str:
        return self.t("sign.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(self.t("sign.how"), "body"))
        low_on_screen(layout, self.portrait)
        colors = self.theme.colors
        self.pad = SignaturePad(colors.text, colors.surface, self.px(6))
        self.pad.setAccessibleName(self.t("sign.pad"))
        self.pad.setMinimumHeight(self.px(360 if self.portrait else 300))
        if self.portrait:  # keep the box out of the top third, beyond reach from a wheelchair
            self.pad.setMaximumHeight(self.px(640))
        layout.addWidget(self.pad, 3)
        clear = self.button(self.t("sign.clear"), self.pad.clear, icon="mdi6.eraser",
                            name="clear")
        submit = self.button(self.t("sign.submit"), self._submit, kind="primary",
                             icon="mdi6.check", name="submit")
        submit.setEnabled(False)
        self.pad.changed.connect(lambda: submit.setEnabled(not self.pad.empty))
        self.action_row(layout, clear, submit)
        layout.addWidget(self.button(self.t("sign.cannot_sign"),
                                     self.controller.confirm_without_signature,
                                     name="confirm_without_signature"))

    def _submit(self) -> None:
        if self.pad is not None and not self.pad.empty:
            self.controller.sign(self.pad.png())

    def wipe(self) -> None:
        self.pad = None
        super().wipe()
