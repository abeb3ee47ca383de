"""The cleaning pause: what to do, and a large countdown. The window eats every touch while
it shows (ui/main_window.py), so there is nothing here to press."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, reading_item, set_reading_text


class MaintenanceCleaningScreen(Screen):
    name = ScreenName.MAINTENANCE_CLEANING

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.spray-bottle", self.theme))
        layout.addWidget(reading_item(self.t("maintenance_cleaning.body"), "title",
                                      name="body", align=ALIGN_CENTER))
        self.count = reading_item("", "display", name="countdown", align=ALIGN_CENTER)
        layout.addWidget(self.count)
        layout.addStretch(1)
        self._show(self.view.maintenance)
        self.bind("maintenance", self._show)

    def _show(self, shown) -> None:
        if shown is not None and shown.cleaning is not None:
            set_reading_text(self.count, self.t("maintenance_cleaning.seconds",
                                                seconds=shown.cleaning.seconds_left))
