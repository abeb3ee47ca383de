"""搜索事项: what the resident has typed (and the pinyin being composed), what it found as
service tiles a page at a time, and the app's own keyboard: beside the results in landscape,
below them in portrait (the top third holds no controls)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.catalogue_view import KeyboardView, SearchView, candidates_per_page
from kiosk.state import ReadOnly, ServiceTile
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen
from ui.theme import LARGE_PRINT
from ui.widgets.controls import WrappingButton, label, reading_item, set_reading_text
from ui.widgets.keyboard import Keyboard, columns_for, key_gap, keys_width
from ui.widgets.pager import pager

EMPTY = SearchView(KeyboardView("", "", "pinyin"), (), 0, "")


class SearchScreen(Screen):
    name = ScreenName.SEARCH

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        shown = view.search or EMPTY
        return (shown.keyboard.layout, tuple(t.id for t in shown.tiles), shown.page,
                shown.pages)

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.search or EMPTY
        gap = self.px(self.theme.sizes.gap)
        # what is typed, in a box of its own: the text large, the pinyin being composed below
        box = QFrame()
        box.setProperty("kind", "card")
        inner = QVBoxLayout(box)
        pad = self.px(16)
        inner.setContentsMargins(pad, pad // 2, pad, pad // 2)
        inner.setSpacing(self.px(4))
        large = self.theme.name in LARGE_PRINT  # beside the keyboard: less room
        self.typed = reading_item("", "body" if large else "title", name="typed")
        self.composing = label("", "muted")
        if large:  # one line: the text, then the pinyin being composed
            line = QHBoxLayout()
            line.setSpacing(self.px(self.theme.sizes.gap))
            line.addWidget(self.typed)
            line.addWidget(self.composing, 1)
            inner.addLayout(line)
        else:
            inner.addWidget(self.typed)
            inner.addWidget(self.composing)
        self.message = as_notification(reading_item("", "body", name="message"))
        results = QVBoxLayout()
        results.setSpacing(gap)
        for tile in shown.tiles:
            results.addWidget(self._result(tile))
        turner = pager(shown.page, shown.pages, self.actions.turn_page, self.t, self.theme)
        if self.portrait:
            columns = columns_for(self.window_width() - 2 * self.px(self.theme.sizes.margin),
                                  self.theme)
        elif large:  # landscape is short: the candidates beside the keys, seven a row
            columns = 7
        else:
            columns = columns_for(self.window_width() * 7 // 10, self.theme)
        self.keyboard = Keyboard(shown.keyboard, self.actions.press_key, self.t, self.theme,
                                 columns=columns,
                                 candidates=candidates_per_page(self.view.display_mode),
                                 candidates_apart=large and not self.portrait)
        if not self.portrait:  # as wide as its keys need; the results take the rest
            # (seven a row: a key's width more, for the words of the last row)
            self.keyboard.setMaximumWidth(keys_width(columns + (columns < 9), self.theme))
        if self.portrait:  # the keys and the results as close as the keys to each other
            layout.setSpacing(key_gap(self.theme))
            layout.addWidget(box)
            layout.addWidget(self.message)
            layout.addStretch(1)
            layout.addLayout(results)
            layout.addLayout(turner)
            layout.addWidget(self.keyboard)
        else:
            left = QVBoxLayout()
            left.setSpacing(gap)
            left.addWidget(box)
            if self.keyboard.candidate_grid is not None:
                left.addLayout(self.keyboard.candidate_grid)
            left.addWidget(self.message)
            left.addLayout(results)
            left.addStretch(1)
            left.addLayout(turner)
            body = QHBoxLayout()
            body.setSpacing(gap)
            body.addLayout(left, 1)
            body.addWidget(self.keyboard, 0)
            layout.addLayout(body, 1)
        self._show(shown)
        self.bind("search", lambda value: self._show(value or EMPTY))

    def _result(self, tile: ServiceTile) -> WrappingButton:
        """A result as a button of its name (and its mark), in two lines at most: beside the
        keyboard there is no room for a tile's picture and note, which are still spoken."""
        words = f"{tile.title} · {tile.badge}" if tile.badge else tile.title
        widget = WrappingButton(words, lambda sid=tile.id: self.actions.choose_service(sid),
                                name=f"tile:{tile.id}")
        widget.setAccessibleDescription(tile.note)
        widget.setEnabled(tile.available)
        return widget

    def window_width(self) -> int:
        """The screen's width in pixels, from the theme's scale (1080 on the short side)."""
        short = round(1080 * self.theme.scale)
        return short if self.portrait else round(short * 16 / 9)

    def _show(self, shown: SearchView) -> None:
        board = shown.keyboard
        typed = board.text or self.t("search.nothing_typed")
        set_reading_text(self.typed, typed, self.t("search.typed", text=board.text)
                         if board.text else typed)
        composing = self.t("search.composing", letters=board.composing) if board.composing else ""
        if self.composing.text() != composing:
            self.composing.setText(composing)
        self.composing.setVisible(bool(composing))
        set_reading_text(self.message, shown.message)
        if self.keyboard.candidate_grid is not None:  # short: the results say it
            self.message.setVisible(not shown.tiles)
        self.keyboard.show_state(board)
