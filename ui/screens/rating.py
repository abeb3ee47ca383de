"""Step 4: rate the service (好差评), five plain choices from very satisfied down."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.controller import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import label

RATINGS = (5, 4, 3, 2, 1)


class RatingScreen(Screen):
    name = ScreenName.RATING
    nav = frozenset({"back", "help"})

    def title(self) -> str:
        return self.t("rating.title")

    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(label(self.t("rating.ask"), "body"))
        low_on_screen(layout, self.portrait)
        for rating in RATINGS:
            layout.addWidget(self.button(self.t(f"rating.level{rating}"),
                                         lambda r=rating: self.controller.rate(r),
                                         name=f"rating:{rating}"))
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("rating.skip"), self.controller.finish,
                                            name="skip"))
