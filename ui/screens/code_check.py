""""Is my paper code still valid?": the outcome's colour as a band with its word large, the
plain message, until when and whose (masked), and for an expired or cancelled code a button
to get a new one here (the voice says so too)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.controls import reading_item

# The band's fill and ink per outcome; each pair ≥ 7:1, in every display mode.
BANDS = {"green": ("#08592A", "#FFFFFF"), "yellow": ("#FFD400", "#000000"),
         "red": ("#A61B1B", "#FFFFFF")}
OTHER = ("#3D4757", "#FFFFFF")  # not a colour of the code: it could not be confirmed


class CodeCheckScreen(Screen):
    name = ScreenName.CODE_CHECK

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.code_check

    def build(self, layout: QVBoxLayout) -> None:
        check, t = self.view.code_check, self.t
        if check is None:
            return
        texts = QVBoxLayout()
        texts.setSpacing(self.px(self.theme.sizes.gap))
        texts.addWidget(as_notification(reading_item(check.message, "title", name="message")))
        if check.valid_until:
            texts.addWidget(reading_item(t("code_check.valid_until", date=check.valid_until),
                                         "value", name="valid_until"))
        if check.name:
            texts.addWidget(reading_item(t("code_check.holder", name=check.name), "body",
                                         name="holder"))
        texts.addStretch(1)
        if self.portrait:  # the band above its words
            layout.addWidget(self._band(check))
            layout.addLayout(texts)
            low_on_screen(layout, self.portrait)
        else:  # a landscape screen is short: the band beside them
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.gap))
            row.addWidget(self._band(check), 1)
            row.addLayout(texts, 1)
            layout.addLayout(row, 1)
        layout.addStretch(1)
        buttons = [self.button(t("code_check.done"), self.actions.go_home,
                               kind="" if check.renew else "primary", icon="mdi6.check",
                               name="done")]
        if check.renew:  # expired or cancelled: get a new one here
            buttons.append(self.button(t("code_check.renew_button"),
                                       self.actions.renew_offline_code, kind="primary",
                                       icon="mdi6.qrcode-plus", name="renew"))
        self.action_row(layout, *buttons)

    def _band(self, check) -> QFrame:
        """The outcome's colour, its word large on it."""
        fill, ink = BANDS.get(check.outcome, OTHER)
        band = QFrame()
        band.setObjectName("band")
        band.setStyleSheet(f"QFrame#band {{ background: {fill}; border-radius: "
                           f"{self.px(self.theme.sizes.radius)}px; }}")
        inner = QVBoxLayout(band)
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        word = reading_item(check.word, "display", name="word", align=ALIGN_CENTER)
        word.setStyleSheet(f"color: {ink}; background: transparent;")
        inner.addWidget(word)
        return band
