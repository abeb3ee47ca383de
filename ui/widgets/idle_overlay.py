"""The "are you still there?" warning: a countdown over the whole screen, ended by one touch."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from ui.theme import Theme
from ui.widgets.controls import button, label


class IdleOverlay(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("IdleOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.hide()
        self._card: QFrame | None = None

    def show_countdown(self, theme: Theme, t: Callable[..., str], remaining: float,
                       on_continue: Callable[[], None]) -> None:
        if self._card is not None:
            self._card.deleteLater()
        layout = self.layout() or QVBoxLayout(self)
        card = QFrame()
        card.setProperty("kind", "card")
        card.setMaximumWidth(theme.px(900))
        inner = QVBoxLayout(card)
        pad = theme.px(40)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.setSpacing(theme.px(theme.sizes.gap))
        inner.addWidget(label(t("idle.title"), "title", align=Qt.AlignmentFlag.AlignCenter))
        seconds = max(0, math.ceil(remaining))
        countdown = label(t("idle.countdown", seconds=seconds), "body",
                          align=Qt.AlignmentFlag.AlignCenter)
        countdown.setObjectName("countdown")
        inner.addWidget(countdown)
        keep = button(t("idle.continue"), on_continue, kind="primary", theme=theme,
                      icon="mdi6.gesture-tap", name="continue")
        inner.addWidget(keep)
        layout.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        self._card = card
        self.setGeometry(self.parentWidget().rect())
        self.show()
        self.raise_()
        keep.setFocus()

    def dismiss(self) -> None:
        if self._card is not None:
            self._card.deleteLater()
            self._card = None
        self.hide()
