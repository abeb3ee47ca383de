"""Maintenance's log page: four big level buttons, the search (typed on the app's own
keyboard, which opens in place of the lines), then the recent lines newest first, a few a
page with the page turner."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QGridLayout, QVBoxLayout

from kiosk.catalogue_view import KeyboardView, candidates_per_page
from kiosk.maintenance.log_page import LEVELS, LogsView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen
from ui.widgets.controls import OptionButton, reading_item
from ui.widgets.keyboard import Keyboard, columns_for, keys_width
from ui.widgets.pager import pager

EMPTY = LogsView("all", "", False, KeyboardView("", "", "abc"), (), 0, 0, 1, "")


def logs_view(view: ReadOnly) -> LogsView:
    shown = view.maintenance
    return shown.logs if shown is not None and shown.logs is not None else EMPTY


class MaintenanceLogsScreen(Screen):
    name = ScreenName.MAINTENANCE_LOGS

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return logs_view(view)

    def build(self, layout: QVBoxLayout) -> None:
        shown = logs_view(self.view)
        gap = self.px(self.theme.sizes.gap)
        levels = QGridLayout()  # one row in landscape; two of two in portrait's narrow width
        levels.setSpacing(gap)
        per_row = 2 if self.portrait else len(LEVELS) + 1
        for index, level in enumerate(LEVELS):
            levels.addWidget(OptionButton(
                self.t(f"maintenance.logs.filter_{level}"),
                lambda v=level: self.actions.filter_logs(v), self.theme, name=f"level:{level}",
                checked=level == shown.level), index // per_row, index % per_row)
        if shown.typing:
            self._typing(layout, levels, shown)
            return
        words = self.t("maintenance.logs.search_for", query=shown.query) if shown.query \
            else self.t("maintenance.logs.search")
        search = self.button(words, self.actions.type_log_search, icon="mdi6.magnify",
                             name="search")
        if not self.portrait:  # landscape is short: the search beside the levels, on top
            levels.addWidget(search, 0, len(LEVELS))
            layout.addLayout(levels)
        layout.addWidget(as_notification(reading_item(shown.message, "muted", name="found")))
        for index, row in enumerate(shown.rows):
            kind = "problem" if row.level in ("ERROR", "WARNING") else "body"
            line = QVBoxLayout()
            line.setSpacing(0)
            line.addWidget(reading_item(f"{row.at}  {row.level_words}  {row.logger}",
                                        "muted", name=f"line:{index}:head"))
            line.addWidget(reading_item(row.message, kind, name=f"line:{index}"))
            layout.addLayout(line)
        layout.addStretch(1)
        layout.addLayout(pager(shown.page, shown.pages, self.actions.turn_log_page, self.t,
                               self.theme))
        if self.portrait:  # the top third holds no controls: the levels and search low
            layout.addLayout(levels)
            layout.addWidget(search)

    def _typing(self, layout: QVBoxLayout, levels: QGridLayout, shown: LogsView) -> None:
        """The keyboard in place of the lines (in portrait the levels stay, above it)."""
        typed = shown.keyboard.text + shown.keyboard.composing
        layout.addWidget(reading_item(self.t("maintenance.logs.search_for", query=typed),
                                      "title", name="typed"))
        short = round(1080 * self.theme.scale)
        width = short if self.portrait else round(short * 16 / 9)
        columns = columns_for(width - 2 * self.px(self.theme.sizes.margin), self.theme)
        keyboard = Keyboard(shown.keyboard, self.actions.press_log_key, self.t, self.theme,
                            columns=columns,
                            candidates=candidates_per_page(self.view.display_mode))
        keyboard.setMaximumWidth(keys_width(columns, self.theme) * 5 // 4)
        layout.addStretch(1)
        if self.portrait:
            layout.addLayout(levels)
        layout.addWidget(keyboard)
