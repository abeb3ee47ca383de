"""Step 4: rate the service (好差评), five plain choices from very satisfied down."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.view import ScreenName
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
        buttons = [self.button(self.t(f"rating.level{rating}"),
                               lambda r=rating: self.controller.rate(r), name=f"rating:{rating}")
                   for rating in RATINGS]
        skip = self.button(self.t("rating.skip"), self.controller.finish, name="skip")
        if self.portrait:
            for widget in buttons:
                layout.addWidget(widget)
            layout.addStretch(1)
            self.action_row(layout, skip)
            return
        grid = QGridLayout()  # landscape: two columns, so large print still fits the height
        grid.setSpacing(self.px(self.theme.sizes.gap))
        for index, widget in enumerate([*buttons, skip]):
            grid.addWidget(widget, index // 2, index % 2)
        layout.addLayout(grid)
        layout.addStretch(1)
