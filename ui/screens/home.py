"""Home: the greeting, then a page of large tiles: the most used services first, then the
一件事 bundles, then the categories, with a page turner low on the screen and a search
button beside the page's heading. A card placed or a device going out changes the greeting
or a tile in place; the focus stays put."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.catalogue_view import CategoryTile, HomeView
from kiosk.state import ReadOnly, ServiceTile
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen, low_on_screen
from ui.theme import LARGE_PRINT
from ui.widgets.controls import Tile, reading_item, set_reading_text
from ui.widgets.pager import pager

EMPTY = HomeView("used", "")


def service_tile(screen: Screen, service: ServiceTile) -> Tile:
    """A service's tile, as home, a category and search show it (the ids stay `tile:<id>`)."""
    tile = Tile(service.title, tile_note(screen, service), service.icon, screen.theme,
                lambda sid=service.id: screen.actions.choose_service(sid),
                name=f"tile:{service.id}", description=service.note, badge=service.badge)
    tile.setEnabled(service.available)
    return tile


def tile_note(screen: Screen, service: ServiceTile) -> str:
    if service.available and screen.theme.name in LARGE_PRINT:
        return ""  # large print: the name alone, big; the summary is still spoken
    return service.note


def tile_grid(screen: Screen, tiles: list[QWidget]) -> QGridLayout:
    grid = QGridLayout()
    grid.setSpacing(screen.px(screen.theme.sizes.gap))
    # large print: three a page, one a row in portrait, in one row in landscape
    large = screen.theme.name in LARGE_PRINT
    columns = (1 if large else 2) if screen.portrait else 3
    for index, tile in enumerate(tiles):
        grid.addWidget(tile, index // columns, index % columns)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return grid


class HomeScreen(Screen):
    name = ScreenName.HOME

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        home = view.home or EMPTY
        return (home.section, home.page, home.pages, tuple(t.id for t in home.tiles),
                tuple(c.id for c in home.categories))

    def build(self, layout: QVBoxLayout) -> None:
        home = self.view.home or EMPTY
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
            for more in self._more()[1:]:  # search sits low, by the page turner
                header.addWidget(more, 1)
            layout.addLayout(header)
        self._greet(self.view.greeting)
        self.bind("greeting", self._greet)
        self.bind("reading_card", lambda _reading: self._greet(self.view.greeting))
        low_on_screen(layout, self.portrait)
        section = reading_item(home.heading, "value", name="section")
        if self.portrait:
            layout.addWidget(section)
        self.tiles: dict[str, Tile] = {}
        for service in home.tiles:
            self.tiles[service.id] = service_tile(self, service)
        cells: list[QWidget] = list(self.tiles.values())
        cells += [self._category(category) for category in home.categories]
        layout.addLayout(tile_grid(self, cells), 0 if self.portrait else 1)
        turner = pager(home.page, home.pages, self.actions.turn_page, self.t, self.theme)
        if self.portrait:
            layout.setSpacing(self.px(24))  # a full column: its rows a little closer
            layout.addLayout(turner)
            search, *more = self._more()
            if self.theme.name in LARGE_PRINT:  # three big words do not fit in one row
                self.action_row(layout, search)
                self.action_row(layout, *more)
            else:  # search's word is the shortest
                row = QHBoxLayout()
                row.setSpacing(self.px(self.theme.sizes.gap))
                for widget, share in ((search, 2), (more[0], 3), (more[1], 3)):
                    row.addWidget(widget, share)
                layout.addLayout(row)
        else:  # the page's heading and search beside its turner, low on the screen
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.gap))
            row.addWidget(section, 0)
            row.addWidget(self._more()[0], 1)
            row.addLayout(turner, 3)
            layout.addLayout(row)
        self.bind("home", self._show_tiles)

    def first_focus(self) -> QWidget | None:
        """The keypad starts on the page's first tile: the most used service."""
        tiles = [w for w in self.findChildren(Tile) if w.isEnabled()]
        return tiles[0] if tiles else super().first_focus()

    def _category(self, category: CategoryTile) -> Tile:
        note = "" if self.theme.name in LARGE_PRINT else category.note
        return Tile(category.title, note, category.icon, self.theme,
                    lambda cid=category.id: self.actions.open_category(cid),
                    name=f"category:{category.id}", description=category.note)

    def _more(self) -> list[QPushButton]:
        """Besides the services: search, the resident's own page (市民主页: their
        applications first, then licences, benefits, reminders, reads) and the nearby
        centres."""
        return [self.button(self.t("home.search"), self.actions.open_search,
                            icon="mdi6.magnify", name="search"),
                self.button(self.t("personal_page.open"), self.actions.open_personal_page,
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

    def _show_tiles(self, home: HomeView | None) -> None:
        for service in (home or EMPTY).tiles:  # a new order is a new page: built anew
            if service.id in self.tiles:
                self.tiles[service.id].show_note(tile_note(self, service), service.note,
                                                 service.available)
