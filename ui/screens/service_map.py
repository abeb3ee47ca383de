"""附近网点: the map of nearby centres and 24-hour terminals (this kiosk in the middle) and,
beside or below it, the nearest first, a page at a time: distance, open now or not, hours
and what each offers. The numbers on the map are the list's."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLayout, QVBoxLayout

from kiosk.service_map import CentreRow, MapView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.centre_map import CentreMap
from ui.widgets.controls import big_icon, label, reading_item, set_reading_text
from ui.widgets.pager import pager


class ServiceMapScreen(Screen):
    name = ScreenName.SERVICE_MAP

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.service_map

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.service_map or MapView(loading=True)
        if not shown.rows:
            layout.addStretch(1)
            icon = "mdi6.map-marker-off-outline" if shown.problem else "mdi6.map-search-outline"
            layout.addWidget(big_icon(icon, self.theme, times=2))
            layout.addWidget(as_notification(reading_item(
                shown.problem or self.t("service_map.loading"), "title", name="status",
                align=ALIGN_CENTER)))
            layout.addStretch(1)
            return
        gap = self.px(self.theme.sizes.gap)
        turner = pager(shown.page, shown.pages, self.actions.turn_page, self.t, self.theme)
        centre_map = CentreMap(shown, self.theme, self.t("service_map.map"),
                               self.t("service_map.north"))
        rows = QVBoxLayout()
        rows.setSpacing(gap)
        if self.portrait:  # (landscape has no height to spare: the map says it)
            rows.addWidget(reading_item(self.t("service_map.nearest"), "muted", name="nearest"))
        for row in shown.rows:
            rows.addWidget(self._row(row))
        if self.portrait:  # the map, then the list and its pages low on the screen
            layout.addWidget(centre_map, 1)
            layout.addLayout(rows)
            layout.addLayout(turner)
            return
        # landscape: the map at the left, the list and its pages beside it
        rows.addStretch(1)
        rows.addLayout(turner)
        body = QHBoxLayout()
        body.setSpacing(gap)
        body.addWidget(centre_map, 1)
        body.addLayout(rows, 2)
        layout.addLayout(body, 1)

    def _row(self, row: CentreRow) -> QFrame:
        """One centre: its number and name, then how far, open or not, its hours and what
        it offers, in smaller type; read out as one sentence."""
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        inner.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squeezed
        pad = self.px(16)
        inner.setContentsMargins(pad, pad // 2, pad, pad // 2)
        inner.setSpacing(self.px(4))
        name = reading_item(f"{row.number}  {row.name}", "value", name=f"centre:{row.number}")
        set_reading_text(name, f"{row.number}  {row.name}", f"{row.number}  {row.read}")
        inner.addWidget(name)
        inner.addWidget(label(f"{row.distance} · {row.kind}", "body"))
        if row.open_now:  # closed is said in the problem colour, open in bold
            inner.addWidget(label(row.open_now, "problem" if row.is_open is False else "value"))
        hours = "" if row.always_open else row.hours  # "24 hours" is said already
        inner.addWidget(label(" · ".join(p for p in (hours, row.offers) if p), "caption"))
        return card
