"""Home: the greeting and a grid of large service tiles, the most used first. A card placed
or a device going out changes the greeting or a tile in place; the focus stays put."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.state import ReadOnly, ServiceTile
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen, low_on_screen
from ui.theme import LARGE_PRINT
from ui.widgets.controls import Tile, reading_item, set_reading_text


class HomeScreen(Screen):
    name = ScreenName.HOME

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return tuple(service.id for service in view.services)

    def build(self, layout: QVBoxLayout) -> None:
        # The greeting appears when the card is read: a screen reader says it at once.
        self.greeting = as_notification(reading_item("", "title", name="greeting"))
        self.choose = reading_item("", "title", name="choose")
        self.card_needed = reading_item(self.t("home.card_needed"), "muted", name="card_needed")
        words = QVBoxLayout()
        for widget in (self.greeting, self.choose, self.card_needed):
            words.addWidget(widget)
        if self.portrait:
            layout.addLayout(words)
        else:  # landscape is short: the two beside the greeting, not below the tiles
            header = QHBoxLayout()
            header.setSpacing(self.px(self.theme.sizes.gap))
            header.addLayout(words, 1)
            for more in self._more():
                header.addWidget(more, 1)
            layout.addLayout(header)
        self._greet(self.view.greeting)
        self.bind("greeting", self._greet)
        self.bind("reading_card", lambda _reading: self._greet(self.view.greeting))
        low_on_screen(layout, self.portrait)
        grid = QGridLayout()
        grid.setSpacing(self.px(self.theme.sizes.gap))
        columns = 2 if self.portrait else 3
        self.tiles: dict[str, Tile] = {}
        for index, service in enumerate(self.view.services):
            tile = Tile(service.title, self._note(service), service.icon, self.theme,
                        lambda sid=service.id: self.actions.choose_service(sid),
                        name=f"tile:{service.id}", description=service.note)
            tile.setEnabled(service.available)
            self.tiles[service.id] = tile
            grid.addWidget(tile, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid, 0 if self.portrait else 1)
        if self.portrait:
            self.action_row(layout, *self._more())
        self.bind("services", self._show_services)

    def _more(self) -> list[QPushButton]:
        """Besides the services: the resident's own page (市民主页: their applications first,
        then licences, benefits, reminders, reads; a third button here cuts words in large
        print) and the nearby centres."""
        return [self.button(self.t("personal_page.open"), self.actions.open_personal_page,
                            icon="mdi6.account-circle-outline", name="personal_page"),
                self.button(self.t("home.map"), self.actions.open_map,
                            icon="mdi6.map-marker-radius-outline", name="map")]

    def _greet(self, greeting: str) -> None:
        """Before a card: what to do, and that a card is needed; after: the greeting, then
        what to do, in smaller type."""
        set_reading_text(self.greeting, greeting)
        self.greeting.setVisible(bool(greeting))
        self.card_needed.setVisible(not greeting)
        set_reading_text(self.card_needed, self.t("identify.reading" if self.view.reading_card
                                                  else "home.card_needed"))
        set_reading_text(self.choose, self.t("home.choose"))
        kind = "body" if greeting else "title"
        if self.choose.property("kind") != kind:
            self.choose.setProperty("kind", kind)
            self.choose.style().polish(self.choose)

    def _note(self, service: ServiceTile) -> str:
        if service.available and self.theme.name in LARGE_PRINT:
            return ""  # large print: the name alone, big; the summary is still spoken
        return service.note

    def _show_services(self, services: tuple[ServiceTile, ...]) -> None:
        for service in services:  # a new order is a new layout: the window builds it anew
            if service.id in self.tiles:
                self.tiles[service.id].show_note(self._note(service), service.note,
                                             service.available)
