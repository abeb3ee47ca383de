"""Maintenance's configuration page: a section of settings a page, each value with where it
came from; a new signed site file found, checked, with its changes, and "apply and
restart" (kiosk/maintenance/config_page.py)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from kiosk.maintenance.config_page import ConfigRow, ConfigView, Incoming
from kiosk.state import ReadOnly
from kiosk.view import LARGE_PRINT, ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen
from ui.screens.maintenance_parts import card
from ui.widgets.appointment import choice_grid
from ui.widgets.controls import reading_item, set_reading_text
from ui.widgets.pager import pager

CHANGES_SHOWN = 6  # the rest as "and N more" (fewer in landscape)


class MaintenanceConfigScreen(Screen):
    name = ScreenName.MAINTENANCE_CONFIG

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.maintenance

    def build(self, layout: QVBoxLayout) -> None:
        shown: ConfigView | None = self.view.maintenance and self.view.maintenance.config
        if shown is None:
            return
        if shown.section == "incoming":
            layout.addLayout(self._incoming(shown), 1)
        else:
            layout.addWidget(reading_item(
                self.t(f"maintenance_config.section.{shown.section}"), "title",
                name="section"))
            rows = [self._row(row, f"row:{shown.page}:{index}") for index, row in
                    enumerate(shown.rows)]
            # landscape is short: the rows two abreast
            layout.addLayout(choice_grid(self, rows, 1 if self.portrait else 2))
            layout.addStretch(1)
        layout.addLayout(pager(shown.page, shown.pages, self.actions.turn_page, self.t,
                               self.theme))
        if shown.message:
            layout.addWidget(as_notification(reading_item(shown.message, "value",
                                                          name="message")))
        apply = self.button(self.t("maintenance_config.apply"), self.actions.apply_config,
                            kind="primary", icon="mdi6.restart", name="apply")
        apply.setEnabled(bool(shown.incoming and shown.incoming.accepted))
        self.action_row(layout, self.button(self.t("maintenance_config.look"),
                                            self.actions.look_for_config,
                                            icon="mdi6.folder-search", name="look"), apply)

    def _row(self, row: ConfigRow, name: str) -> QFrame:
        """One setting: the key and value, then where it came from."""
        text = f"{row.key} = {row.value}"
        source = self.t("maintenance_config.from", source=row.source)
        frame = card(self, text, [source], name=name, line_kind="muted")
        set_reading_text(frame.findChild(QLabel, name), text, f"{text}, {source}")
        return frame

    def _incoming(self, shown: ConfigView) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(self.px(self.theme.sizes.gap))
        found: Incoming | None = shown.incoming
        if found is None:
            return box
        if found.accepted:
            tight = self._large() and not self.portrait  # large print on a landscape screen
            room = CHANGES_SHOWN if self.portrait else 1 if tight else 4
            changes = list(found.changes[:room])
            if len(found.changes) > room:
                changes.append(self.t("maintenance_config.more",
                                      count=len(found.changes) - room))
            heading = (self.t("maintenance_config.changes", count=len(found.changes))
                       if found.changes else self.t("maintenance_config.no_changes"))
            box.addWidget(card(self, self.t("maintenance_config.incoming"),
                               # where it was found is left out where space is short
                               [*([] if tight else [found.file]),
                                self.t("maintenance_config.accepted"),
                                self.t("maintenance_config.target", target=found.target),
                                heading, *changes], name="incoming"))
        else:
            box.addWidget(card(self, self.t("maintenance_config.incoming"),
                               [found.file, self.t("maintenance_config.refused"),
                                *found.problems],
                               name="incoming", line_kind="problem"))
        box.addStretch(1)
        return box

    def _large(self) -> bool:
        return self.view.display_mode in LARGE_PRINT
