"""Maintenance's outbox page: what waits and what was refused, by kind; each refused item by
its reference with "discard" (asked once more); "retry now" (kiosk/maintenance/outbox_page.py).
No payload is ever shown."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLayout, QVBoxLayout

from kiosk.maintenance.outbox_page import OutboxView, RefusedItem
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen, low_on_screen
from ui.screens.maintenance_parts import card
from ui.widgets.controls import ElidedLabel, reading_item
from ui.widgets.pager import pager


class MaintenanceOutboxScreen(Screen):
    name = ScreenName.MAINTENANCE_OUTBOX

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.maintenance

    def build(self, layout: QVBoxLayout) -> None:
        shown: OutboxView | None = self.view.maintenance and self.view.maintenance.outbox
        if shown is None:
            return
        lines = [self.t("maintenance_outbox.row", kind=self._kind(count.kind),
                        pending=count.pending, refused=count.refused)
                 for count in shown.counts]
        if shown.oldest:
            lines.append(self.t("maintenance_outbox.oldest", age=shown.oldest))
        first = (self.t("maintenance_outbox.totals", pending=shown.pending,
                        refused=shown.refused) if shown.counts
                 else self.t("maintenance_outbox.empty"))
        counts = card(self, first, lines, name="counts")
        if shown.last_error:  # one line that gives way; a screen reader gets all of it
            counts.layout().addWidget(ElidedLabel(
                self.t("maintenance_outbox.last_error", error=shown.last_error), "body"))
        refused = [self._refused(item, shown, index) for index, item in enumerate(shown.items)]
        if self.portrait:
            layout.addWidget(counts)
            low_on_screen(layout, self.portrait)  # controls out of the top third
            for widget in refused:
                layout.addWidget(widget)
        else:  # landscape is short: the counts beside the refused items
            grid = QGridLayout()
            grid.setSpacing(self.px(self.theme.sizes.gap))
            grid.addWidget(counts, 0, 0, max(1, len(refused)), 1, Qt.AlignmentFlag.AlignTop)
            for row, widget in enumerate(refused):
                grid.addWidget(widget, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
            layout.addLayout(grid)
            layout.addStretch(1)
        layout.addLayout(pager(shown.page, shown.pages, self.actions.turn_page, self.t,
                               self.theme))
        if shown.message:
            layout.addWidget(as_notification(reading_item(shown.message, "value",
                                                          name="message")))
        retry = self.button(self.t("maintenance_outbox.retry"), self.actions.retry_outbox,
                            kind="primary", icon="mdi6.send", name="retry")
        self.action_row(layout, retry)

    def _kind(self, kind: str) -> str:
        return self.t(f"maintenance_outbox.kind.{kind}")

    def _refused(self, item: RefusedItem, shown: OutboxView, index: int) -> QFrame:
        """One line and its discard button beside it; asked once more before it goes."""
        reference = item.reference or item.key[:8]
        frame = QFrame()
        frame.setProperty("kind", "card")
        outer = QVBoxLayout(frame)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squeezed
        pad = self.px(16)
        outer.setContentsMargins(pad, pad // 2, pad, pad // 2)
        inner = QHBoxLayout()
        inner.setSpacing(self.px(self.theme.sizes.gap))
        asking = shown.confirming == item.key
        text = (self.t("maintenance_outbox.confirm", reference=reference) if asking else
                self.t("maintenance_outbox.refused_item",
                       kind=self.t(f"maintenance_outbox.item.{item.kind}"),
                       reference=reference, reason=item.reason, age=item.age))
        outer.addWidget(reading_item(text, "problem" if asking else "body",
                                     name="confirm" if asking else f"refused:{index}"))
        outer.addLayout(inner)
        if asking:
            inner.addWidget(self.button(self.t("maintenance_outbox.confirm_no"),
                                        lambda: self.actions.confirm_discard(False),
                                        name="discard:no"), 1)
            inner.addWidget(self.button(self.t("maintenance_outbox.confirm_yes"),
                                        lambda: self.actions.confirm_discard(True),
                                        icon="mdi6.delete", name="discard:yes"), 1)
        else:
            inner.addStretch(1)
            inner.addWidget(self.button(self.t("maintenance_outbox.discard"),
                                        lambda key=item.key: self.actions.ask_discard(key),
                                        icon="mdi6.delete", name=f"discard:{index}"), 1)
        return frame
