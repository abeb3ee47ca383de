"""A record before it is printed: its title, how many pages, its first rows large, and two big
choices, 打印 and 存到手机; while it is fetched or printed, one calm line says so."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import label, reading_item


class RecordPreviewScreen(Screen):
    name = ScreenName.RECORD_PREVIEW

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.record

    def build(self, layout: QVBoxLayout) -> None:
        record, t = self.view.record, self.t
        if record is None:
            return
        low_on_screen(layout, self.portrait)
        if record.title:
            layout.addWidget(reading_item(record.title, "title", name="record_title"))
            layout.addWidget(reading_item(record.pages, "value", name="pages"))
            layout.addWidget(self._rows(record))
            if record.more:
                layout.addWidget(reading_item(record.more, "body", name="more"))
        if record.busy:
            layout.addWidget(reading_item(record.busy, "body", name="busy"))
        if record.problem:
            layout.addWidget(reading_item(record.problem, "problem", name="problem"))
        if record.title and not record.can_print:
            layout.addWidget(reading_item(t("record.no_a4"), "body", name="no_a4"))
        layout.addStretch(1)
        if record.problem and not record.title:
            self.action_row(layout, self.button(t("notice.retry"), self.actions.retry,
                                                icon="mdi6.refresh", name="retry"))
            return
        phone = self.button(t("record.to_phone"), self.actions.share_record,
                            icon="mdi6.cellphone-arrow-down", name="to_phone")
        paper = self.button(t("record.print"), self.actions.print_record, kind="primary",
                            icon="mdi6.printer", name="print")
        phone.setEnabled(record.ready)
        if not record.can_print:  # a receipt printer only: the phone is the way
            self.action_row(layout, phone)
            return
        paper.setEnabled(record.ready)
        self.action_row(layout, phone, paper)

    def _rows(self, record) -> QFrame:
        """The first rows as a small table: headings, then each row's cells."""
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        pad = self.px(16)
        grid.setContentsMargins(pad, pad, pad, pad)
        grid.setHorizontalSpacing(self.px(16))
        for column, heading in enumerate(record.columns):
            grid.addWidget(label(heading, "caption"), 0, column)
        for row, cells in enumerate(record.rows, start=1):
            for column, cell in enumerate(cells):
                grid.addWidget(label(cell, "body"), row, column)
        return card
