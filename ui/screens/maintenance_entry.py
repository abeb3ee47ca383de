"""The technicians' PIN pad: the digits as dots, ten big keys, delete and clear, cancel and
OK; what happened last (a wrong PIN and the tries left, the lock and its minutes, a refused
technician's code) above. The digits themselves are the kiosk's: the screen shows a count."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QVBoxLayout

from kiosk.maintenance.entry import EntryView
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.controls import reading_item, set_reading_text

KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "erase", "0", "clear")


class MaintenanceEntryScreen(Screen):
    name = ScreenName.MAINTENANCE_ENTRY

    def build(self, layout: QVBoxLayout) -> None:
        self.message = as_notification(reading_item("", "body", name="message",
                                                    align=ALIGN_CENTER))
        self.dots = reading_item("", "display", name="dots", align=ALIGN_CENTER)
        grid = QGridLayout()
        grid.setSpacing(self.px(self.theme.sizes.gap))
        columns = 3 if self.portrait else 4
        self.keys = []
        for index, key in enumerate(KEYS):
            text = self.t(f"number_pad.{key}") if key in ("erase", "clear") else key
            widget = self.button(text, lambda k=key: self.actions.pin_key(k), name=f"pin:{key}")
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            grid.addWidget(widget, index // columns, index % columns)
            self.keys.append(widget)
        self.ok = self.button(self.t("maintenance_entry.ok"), self.actions.submit_pin,
                              kind="primary", icon="mdi6.check", name="ok")
        cancel = self.button(self.t("maintenance_entry.cancel"), self.actions.cancel_maintenance,
                             icon="mdi6.close", name="cancel")
        if self.portrait:
            layout.addWidget(self.message)
            layout.addWidget(self.dots)
            low_on_screen(layout, self.portrait)
            layout.addLayout(grid)
            self.action_row(layout, cancel, self.ok)
        else:  # landscape is short: the words and the two actions beside the keys
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.margin))
            side = QVBoxLayout()
            side.addWidget(self.message)
            side.addWidget(self.dots)
            side.addStretch(1)
            self.action_row(side, cancel, self.ok)
            row.addLayout(side, 2)
            row.addLayout(grid, 3)
            layout.addLayout(row, 1)
        self._show(self.view.maintenance)
        self.bind("maintenance", self._show)

    def _show(self, shown) -> None:
        entry: EntryView | None = shown.entry if shown is not None else None
        if entry is None:
            return
        self.message.setProperty("kind", "problem" if entry.locked else "body")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        set_reading_text(self.message, entry.message)
        set_reading_text(self.dots, " ".join("●" * entry.digits) or "—",
                         self.t("maintenance_entry.entered", count=entry.digits))
        for widget in (*self.keys, self.ok):
            widget.setEnabled(not entry.locked and entry.pin_set)
