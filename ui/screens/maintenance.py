"""Maintenance's menu. A stand-in until maint-entry's menu: a button per page."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.view import ScreenName
from ui.screens.base import Screen

PAGES = (ScreenName.MAINTENANCE_CONFIG, ScreenName.MAINTENANCE_OUTBOX,
         ScreenName.MAINTENANCE_USAGE)


class MaintenanceScreen(Screen):
    name = ScreenName.MAINTENANCE

    def build(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        for page in PAGES:
            short = page.value.removeprefix("maintenance_")
            layout.addWidget(self.button(
                self.t(f"maintenance.{short}"),
                lambda page=page: self.actions.open_maintenance_page(page.value),
                name=f"page:{short}"))
        layout.addStretch(1)
