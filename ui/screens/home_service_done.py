"""上门办 / 代办 sent (the title says so): what was asked for, its status in plain words, and
what happens next."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import reading_item


class HomeServiceDoneScreen(Screen):
    name = ScreenName.HOME_SERVICE_DONE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.home_service

    def first_focus(self):
        return getattr(self, "kind", None) or super().first_focus()

    def build(self, layout: QVBoxLayout) -> None:
        home = self.view.home_service
        t = self.t
        low_on_screen(layout, self.portrait)
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.setSpacing(self.px(8))
        self.kind = reading_item(home.kind_label, "title", name="kind")
        inner.addWidget(self.kind)
        inner.addWidget(reading_item(t("slip.row", label=t("slip.matter"),
                                       value=home.matter_label), "body", name="matter"))
        inner.addWidget(reading_item(t("home_service.done.status", status=home.status),
                                     "value", name="status"))
        layout.addWidget(card)
        layout.addWidget(reading_item(t("home_service.note"), "body", name="note"))
        if home.printed:
            layout.addWidget(reading_item(t("home_service.done.slip"), "body", name="slip"))
        else:
            layout.addWidget(reading_item(t("home_service.done.no_slip"), "problem",
                                          name="no_slip"))
        layout.addStretch(1)
        self.action_row(layout, self.button(t("booking.finish"), self.actions.finish,
                                            kind="primary", icon="mdi6.check", name="finish"))
