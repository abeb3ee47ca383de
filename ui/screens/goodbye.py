"""The thank-you screen: take your card and receipt; the kiosk then wipes and rests."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import label, reading_item


class GoodbyeScreen(Screen):
    name = ScreenName.GOODBYE

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(reading_item(self.t("goodbye.thanks"), "title", name="thanks",
                                      align=ALIGN_CENTER))
        layout.addWidget(reading_item(self.t("goodbye.take_things"), "body",
                                      name="take_things", align=ALIGN_CENTER))
        countdown = label("", "muted", align=ALIGN_CENTER)
        countdown.setObjectName("countdown")

        def count(seconds: int) -> None:
            countdown.setText(self.t("goodbye.wiping", seconds=seconds))

        count(self.view.goodbye_seconds)
        self.bind("goodbye_seconds", count)
        layout.addWidget(countdown)
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("goodbye.done"), self.actions.end_now,
                                            kind="primary", icon="mdi6.check", name="done"))
