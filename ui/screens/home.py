"""Home: the greeting and a grid of large service tiles, the most used first."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.theme import LARGE_PRINT
from ui.widgets.controls import Tile, label


class HomeScreen(Screen):
    name = ScreenName.HOME
    nav = frozenset({"help", "end"})

    def title(self) -> str:
        return self.t("home.title")

    def build(self, layout: QVBoxLayout) -> None:
        resident = self.controller.resident
        if resident is not None:
            layout.addWidget(label(self.t("home.greeting", name=resident.name), "title"))
            layout.addWidget(label(self.t("home.choose"), "body"))
        else:
            layout.addWidget(label(self.t("home.choose"), "title"))
            layout.addWidget(label(self.t("home.card_needed"), "muted"))
        low_on_screen(layout, self.portrait)
        grid = QGridLayout()
        gap = self.px(self.theme.sizes.gap)
        grid.setSpacing(gap)
        columns = 2 if self.portrait else 3
        language = self.controller.language
        for index, service in enumerate(self.controller.services()):
            available = self.controller.service_available(service)
            note = service.summary.get(language) if available else self.t("home.paused")
            if available and self.theme.name in LARGE_PRINT:
                note = ""  # large print: the name alone, big; the summary is still spoken
            tile = Tile(service.title.get(language), note, service.icon, self.theme,
                        lambda sid=service.id: self.controller.choose_service(sid),
                        description=service.summary.get(language) if available else note)
            tile.setEnabled(available)
            grid.addWidget(tile, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid, 0 if self.portrait else 1)
