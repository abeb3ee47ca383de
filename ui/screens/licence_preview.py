"""An electronic licence as the platform gave it for this matter, shown before it is used:
its title, issuer, number, validity, what it says (personal values masked) and why it was
read. It replaces the paper only when the resident confirms. Landscape is short and wide: the
issuer (the longest) has a line of its own, the other rows go in two columns, read down the
left one first."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen
from ui.widgets.controls import label, reading_item


class LicencePreviewScreen(Screen):
    name = ScreenName.LICENCE_PREVIEW

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.licence_preview

    def build(self, layout: QVBoxLayout) -> None:
        preview = self.view.licence_preview
        if preview is None:
            return
        layout.addWidget(reading_item(preview.title, "title", name="licence"))
        layout.addWidget(reading_item(preview.purpose, "muted", name="purpose"))
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        pad = self.px(20)
        grid.setContentsMargins(pad, pad, pad, pad)
        grid.setHorizontalSpacing(pad)
        grid.setVerticalSpacing(self.px(8))
        rows = [(self.t("licence_preview.issuer"), preview.issuer),
                (self.t("licence_preview.number"), preview.number),
                (self.t("licence_preview.valid"), preview.valid), *preview.fields]
        wide = 1 if self.portrait else 2  # the issuer's line spans both columns
        tall = len(rows) - 1 if self.portrait else len(rows) // 2
        for index, (name, value) in enumerate(rows):
            line, column, span = 0, 0, 2 * wide - 1  # the issuer
            if index:
                line, column, span = 1 + (index - 1) % tall, 2 * ((index - 1) // tall), 1
            grid.addWidget(label(name, "muted", wrap=False), line, column)
            grid.addWidget(reading_item(value, "value", name=f"licence_row:{index}"), line,
                           column + 1, 1, span)
        for column in range(1, grid.columnCount(), 2):
            grid.setColumnStretch(column, 1)
        layout.addWidget(card)
        layout.addStretch(1)
        decline = self.button(self.t("licence_preview.decline"), self.actions.go_back,
                              name="decline")
        confirm = self.button(self.t("licence_preview.confirm"), self.actions.confirm_licence,
                              kind="primary", icon="mdi6.check", name="confirm")
        self.action_row(layout, decline, confirm)
