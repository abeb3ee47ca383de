"""A category's services (按类别找): the title says which category; its tiles a page at a
time, the most used first, with search at hand."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.screens.home import service_tile, tile_grid, tile_note
from ui.widgets.pager import pager


class CategoryScreen(Screen):
    name = ScreenName.CATEGORY

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        shown = view.category
        if shown is None:
            return ()
        return (shown.id, shown.page, shown.pages, tuple(t.id for t in shown.tiles))

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.category
        low_on_screen(layout, self.portrait)
        row = QHBoxLayout()
        row.addStretch(2)
        row.addWidget(self.button(self.t("home.search"), self.actions.open_search,
                                  icon="mdi6.magnify", name="search"), 1)
        layout.addLayout(row)
        self.tiles = {tile.id: service_tile(self, tile) for tile in
                      (shown.tiles if shown else ())}
        layout.addLayout(tile_grid(self, list(self.tiles.values())), 1)
        if shown is not None:
            layout.addLayout(pager(shown.page, shown.pages, self.actions.turn_page, self.t,
                                   self.theme))
        self.bind("category", self._show_tiles)

    def _show_tiles(self, shown) -> None:
        for tile in shown.tiles if shown else ():
            if tile.id in self.tiles:
                self.tiles[tile.id].show_note(tile_note(self, tile), tile.note, tile.available)
