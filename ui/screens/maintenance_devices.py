"""Maintenance's devices page: the five devices to choose from (a tick or a warning on each),
and the chosen one's state, paper or card, last error, its test and the test's result; a
card read shows its masked fields, a code its text, the camera its live picture (polled
ten times a second, as the material camera's screen does)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.maintenance.device_tests import DeviceRow, DevicesView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import OptionButton, reading_item
from ui.widgets.document_preview import DocumentPreview

ICONS = {True: "mdi6.check-circle-outline", False: "mdi6.alert-circle-outline"}


def devices_view(view: ReadOnly) -> DevicesView:
    shown = view.maintenance
    return shown.devices if shown is not None and shown.devices is not None else DevicesView()


class MaintenanceDevicesScreen(Screen):
    name = ScreenName.MAINTENANCE_DEVICES

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return devices_view(view)

    def build(self, layout: QVBoxLayout) -> None:
        shown = devices_view(self.view)
        self.preview: DocumentPreview | None = None  # while the camera's test runs
        row = next((r for r in shown.rows if r.device == shown.selected), None)
        panel = QVBoxLayout()
        panel.setSpacing(self.px(self.theme.sizes.gap) // 2)
        if row is not None:
            self._panel(panel, row, shown)
        if self.portrait:  # what to read at the top, what to touch low
            layout.addLayout(panel)
            layout.addStretch(1)
            layout.addLayout(self._choices(shown, columns=2))
            if row is not None:
                self.action_row(layout, self._test(row))
        else:  # landscape is short: the choices in one row, the result, its test beside
            layout.addLayout(self._choices(shown, columns=len(shown.rows) or 1))
            body = QHBoxLayout()
            body.setSpacing(self.px(self.theme.sizes.gap) * 2)
            panel.addStretch(1)
            body.addLayout(panel, 3)
            side = QVBoxLayout()
            side.addStretch(1)
            if row is not None:
                side.addWidget(self._test(row))
            body.addLayout(side, 1)
            layout.addLayout(body, 1)

    def _choices(self, shown: DevicesView, columns: int) -> QGridLayout:
        grid = QGridLayout()
        gap = self.px(self.theme.sizes.gap)
        grid.setSpacing(gap)
        for index, row in enumerate(shown.rows):
            option = OptionButton(row.name, lambda d=row.device: self.actions.choose_device(d),
                                  self.theme, name=f"device:{row.device}",
                                  checked=row.device == shown.selected, icon=ICONS[row.ok],
                                  description=row.state)
            grid.addWidget(option, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        return grid

    def _panel(self, panel: QVBoxLayout, row: DeviceRow, shown: DevicesView) -> None:
        state = " · ".join(part for part in (row.state, row.media) if part)
        panel.addWidget(reading_item(self.t("maintenance.devices.state", device=row.name,
                                            state=state), "title", name="state"))
        if row.last_error:
            panel.addWidget(reading_item(row.last_error, "problem", name="last_error"))
        if row.result:
            kind = "problem" if row.passed is False else "value"
            panel.addWidget(as_notification(reading_item(row.result, kind, name="result")))
        if row.device == "idcard" and shown.card:
            self._fields(panel, shown.card, "card")
        if row.device == "scanner" and shown.code:
            self._fields(panel, shown.code, "code")
        if row.device == "camera" and shown.camera_live:
            self._preview(panel)

    def _fields(self, panel: QVBoxLayout, fields: tuple[tuple[str, str], ...], name: str
                ) -> None:
        """A card's masked fields or a code's text, length and kind (the result line above
        says which)."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(self.px(self.theme.sizes.gap))
        grid.setVerticalSpacing(0)  # lines of one table: large print's landscape is short
        for index, (label, value) in enumerate(fields):
            grid.addWidget(reading_item(label, "muted", name=f"{name}:label:{index}"), index, 0)
            grid.addWidget(reading_item(value, "body", name=f"{name}:value:{index}"), index, 1)
        grid.setColumnStretch(1, 1)
        panel.addLayout(grid)

    def _preview(self, panel: QVBoxLayout) -> None:
        width = self.px(760 if self.portrait else 560)
        self.preview = DocumentPreview(self.theme, width, self.t("maintenance.devices.camera"),
                                       self.actions.maintenance_camera_frame)
        panel.addWidget(self.preview, 1, ALIGN_CENTER)

    def _test(self, row: DeviceRow):
        test = self.button(row.test, lambda d=row.device: self.actions.run_device_test(d),
                           kind="primary", icon="mdi6.play-circle-outline", name="test")
        test.setEnabled(not row.busy)
        return test

    def close_screen(self) -> None:
        if self.preview is not None:
            self.preview.stop()
        super().close_screen()
