"""好差评, after a low score: what went wrong, as options to tick (any number), then send;
or send the score without reasons. Nothing is required."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.rating_reasons import ReasonView
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import OptionButton, reading_item


class RatingReasonsScreen(Screen):
    name = ScreenName.RATING_REASONS

    def build(self, layout: QVBoxLayout) -> None:
        layout.addWidget(reading_item(self.t("rating_reasons.ask"), "body", name="ask"))
        low_on_screen(layout, self.portrait)
        grid = QGridLayout()
        grid.setSpacing(self.px(self.theme.sizes.gap))
        columns = 2
        self.options: dict[str, OptionButton] = {}
        for index, reason in enumerate(self.view.rating_reasons):
            widget = OptionButton(reason.label,
                                  lambda r=reason.value: self.actions.toggle_reason(r),
                                  self.theme, name=f"reason:{reason.value}",
                                  checked=reason.chosen, icon="mdi6.checkbox-blank-outline",
                                  description=self.t("rating_reasons.title"))
            self.options[reason.value] = widget
            grid.addWidget(widget, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        layout.addStretch(0 if self.portrait else 1)
        self.action_row(
            layout,
            self.button(self.t("rating_reasons.skip"), self.actions.skip_reasons,
                        icon="mdi6.skip-next", name="skip_reasons"),
            self.button(self.t("rating_reasons.send"), self.actions.send_rating, kind="primary",
                        icon="mdi6.send", name="send_rating"))
        self.bind("rating_reasons", self._show)

    def _show(self, reasons: tuple[ReasonView, ...]) -> None:
        for reason in reasons:
            if reason.value in self.options:
                self.options[reason.value].set_checked(reason.chosen)
