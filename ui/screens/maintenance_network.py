"""Maintenance's network page: where the platform is, each step of the check (DNS, TCP, TLS,
the authenticated call; or the embedded store) with its outcome, time and reason, the round
trip, one line on what to do, and a button to check again."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.maintenance.network_check import NetworkView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen
from ui.widgets.controls import reading_item

EMPTY = NetworkView(True, "", (), "", "")


def network_view(view: ReadOnly) -> NetworkView:
    shown = view.maintenance
    return shown.network if shown is not None and shown.network is not None else EMPTY


class MaintenanceNetworkScreen(Screen):
    name = ScreenName.MAINTENANCE_NETWORK

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return network_view(view)

    def build(self, layout: QVBoxLayout) -> None:
        shown = network_view(self.view)
        layout.addWidget(reading_item(self.t("maintenance.network.target", target=shown.target),
                                      "muted", name="target"))
        steps = QGridLayout()
        steps.setHorizontalSpacing(self.px(self.theme.sizes.gap))
        for index, row in enumerate(shown.rows):
            kind = {True: "value", False: "problem"}.get(row.passed, "muted")
            steps.addWidget(reading_item(row.name, "body", name=f"step:{row.step}:name"),
                            index, 0)
            steps.addWidget(reading_item(row.line, kind, name=f"step:{row.step}"), index, 1)
        steps.setColumnStretch(1, 1)
        layout.addLayout(steps)
        words = QVBoxLayout()
        if shown.round_trip:
            words.addWidget(reading_item(shown.round_trip, "title", name="round_trip"))
        failed = any(row.passed is False for row in shown.rows)
        words.addWidget(as_notification(reading_item(
            shown.summary, "problem" if failed else "value", name="summary")))
        again = self.button(self.t("maintenance.network.rerun"), self.actions.check_network,
                            kind="primary", icon="mdi6.refresh", name="rerun")
        again.setEnabled(not shown.running)
        if self.portrait:
            layout.addLayout(words)
            layout.addStretch(1)
            self.action_row(layout, again)
        else:  # landscape is short: what it found beside the button
            layout.addStretch(1)
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.gap))
            row.addLayout(words, 2)
            row.addWidget(again, 1)
            layout.addLayout(row)
