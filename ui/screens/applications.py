"""我的办件: the resident's own applications, newest first, a page at a time; each opens its
progress. Before the card is read, it asks for the card."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.progress_view import ApplicationsView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.controls import WrappingButton, big_icon, reading_item
from ui.widgets.pager import pager


class ApplicationsScreen(Screen):
    name = ScreenName.APPLICATIONS

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.applications

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.applications or ApplicationsView(loading=True)
        if not shown.rows:
            if shown.needs_card:
                icon, text = "mdi6.card-account-details-outline", self.t("applications.needs_card")
            elif shown.problem:
                icon, text = "mdi6.information-outline", shown.problem
            else:
                icon, text = "mdi6.file-search-outline", self.t("applications.loading")
            layout.addStretch(1)
            layout.addWidget(big_icon(icon, self.theme, times=2))
            layout.addWidget(as_notification(reading_item(text, "title", name="status",
                                                          align=ALIGN_CENTER)))
            layout.addStretch(1)
            return
        low_on_screen(layout, self.portrait)
        for row in shown.rows:
            item = WrappingButton(f"{row.service}\n{row.status} · {row.submitted}",
                                  lambda r=row.reference: self.actions.choose_application(r),
                                  name=f"application:{row.reference}")
            item.setAccessibleName(row.read)
            layout.addWidget(item)
        layout.addStretch(0 if self.portrait else 1)
        layout.addLayout(pager(shown.page, shown.pages, self.actions.turn_page, self.t,
                               self.theme))
