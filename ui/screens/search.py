"""搜索事项: what the resident has typed (and the pinyin being composed), what it found as
service tiles a page at a time (between the page turner's arrows: no row of words), and the
app's own keyboard: beside the results in landscape, below them in portrait (the top third
holds no controls)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from kiosk.catalogue_view import KeyboardView, SearchView, candidates_per_page
from kiosk.state import ReadOnly, ServiceTile
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen
from ui.theme import LARGE_PRINT
from ui.widgets.controls import WrappingButton, label, reading_item, set_reading_text
from ui.widgets.keyboard import Keyboard, columns_for, key_gap, keys_width

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
        turner = QHBoxLayout()
        if shown.pages > 1 and (self.portrait or large):  # no row of its own: that would
            results = self._arrows(shown, results)  # push the results into the top third
        elif shown.pages > 1:  # beside the keys the turner's words do not fit: arrows
            turner = self._arrows(shown, reading_item(self._where(shown), "muted", name="page",
                                                      wrap=False,
                                                      align=Qt.AlignmentFlag.AlignHCenter))
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

    def _arrows(self, shown: SearchView, between: QWidget | QLayout) -> QHBoxLayout:
        """上一页 and 下一页 as arrows (their words are spoken), `between` them."""
        row = QHBoxLayout()
        row.setSpacing(self.px(self.theme.sizes.gap))
        arrows = []
        for step, word, icon, name in ((-1, "applications.previous", "mdi6.chevron-left",
                                        "page:previous"),
                                       (1, "applications.next", "mdi6.chevron-right",
                                        "page:next")):
            arrow = self.button("", lambda s=step: self.actions.turn_page(s), icon=icon,
                                name=name)
            arrow.setAccessibleName(self.t(word))
            arrow.setAccessibleDescription(self._where(shown))
            arrow.setStyleSheet("padding: 0")  # the target's width: the rest for the names
            arrows.append(arrow)
        arrows[0].setEnabled(shown.page > 0)
        arrows[1].setEnabled(shown.page < shown.pages - 1)
        row.addWidget(arrows[0], 0)
        if isinstance(between, QLayout):
            row.addLayout(between, 1)
        else:
            row.addWidget(between, 1)
        row.addWidget(arrows[1], 0)
        return row

    def _where(self, shown: SearchView) -> str:
        return self.t("applications.page", page=shown.page + 1, pages=shown.pages)

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
