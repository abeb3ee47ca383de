"""Step 4: rate the service (好差评): one ordered scale, from very satisfied down, low on the
screen (a column in portrait, a row in landscape); skipping is set apart beside or below
it, so it is never touched in place of a rating."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import WrappingButton, reading_item

RATINGS = (5, 4, 3, 2, 1)


class RatingScreen(Screen):
    name = ScreenName.RATING

    def build(self, layout: QVBoxLayout) -> None:
        gap = self.px(self.theme.sizes.gap)
        layout.addWidget(reading_item(self.t("rating.ask"), "body", name="ask"))
        low_on_screen(layout, self.portrait)
        scale: QBoxLayout = QVBoxLayout() if self.portrait else QHBoxLayout()
        scale.setSpacing(gap)
        for rating in RATINGS:
            scale.addWidget(WrappingButton(self.t(f"rating.level{rating}"),
                                           lambda r=rating: self.actions.rate(r),
                                           name=f"rating:{rating}"))
        skip = self.button(self.t("rating.skip"), self.actions.finish, icon="mdi6.skip-next",
                           name="skip")
        apart = QVBoxLayout()
        apart.addStretch(1)
        apart.addWidget(skip)
        if self.portrait:  # the column, and skipping beside its foot
            row = QHBoxLayout()
            row.setSpacing(gap * 2)
            row.addLayout(scale, 2)
            row.addLayout(apart, 1)
            layout.addLayout(row)
            return
        layout.addLayout(scale)  # landscape: the row, and skipping below its end
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(2)
        row.addLayout(apart, 1)
        layout.addLayout(row)
