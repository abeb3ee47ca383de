"""The documents a matter needs (申请材料), before check-your-answers: each replaced by an
electronic licence (shown, then used once the resident confirms its preview), photographed
under the document camera where none exists, or to bring to a counter. Large print in
landscape shows one a page, with a page turner; portrait keeps them low on the screen."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.state import MaterialRow, ReadOnly
from kiosk.view import LARGE_PRINT, ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import label, reading_item, set_reading_text
from ui.widgets.pager import PagedCards


class MaterialsScreen(Screen):
    name = ScreenName.MATERIALS

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return (view.service_title, view.materials)

    def build(self, layout: QVBoxLayout) -> None:
        page = self.view.form_page
        if page is None:
            return
        layout.addWidget(reading_item(page.intro, "body", name="intro"))
        self.problem = reading_item(page.problem, "problem", name="problem")
        self.problem.setVisible(bool(page.problem))
        layout.addWidget(self.problem)
        self.busy = reading_item(self.t("materials.loading"), "muted", name="busy")
        self.busy.setVisible(self.view.form_busy)
        layout.addWidget(self.busy)
        low_on_screen(layout, self.portrait)
        cards = [self._material(row) for row in self.view.materials]
        if not self.portrait and self.view.display_mode in LARGE_PRINT:
            wrong = [n for n, row in enumerate(self.view.materials)
                     if row.state == "photo_problem"]
            layout.addWidget(PagedCards(cards, wrong[0] if wrong else 0, self.t, self.theme), 1)
        else:
            for card in cards:
                layout.addWidget(card)
            layout.addStretch(0 if self.portrait else 1)
        confirm = self.button(page.action, self.actions.confirm_form, kind="primary",
                              icon="mdi6.arrow-right", name="confirm")
        self.action_row(layout, confirm)
        self.bind("form_page", self._page)
        self.bind("form_busy", self.busy.setVisible)

    def _material(self, row: MaterialRow) -> QFrame:
        card = QFrame()
        card.setProperty("kind", "card")
        line = QHBoxLayout(card)
        pad = self.px(20)
        line.setContentsMargins(pad, pad, pad, pad)
        line.setSpacing(pad)
        texts = QVBoxLayout()
        texts.addWidget(reading_item(row.name, "value", name=f"material:{row.key}"))
        if row.licence:
            texts.addWidget(label(row.licence, "body"))
        if row.state != "licence":  # a licence's note is what its button does: said by it
            texts.addWidget(label(row.note, "problem" if row.state == "photo_problem"
                                  else "caption"))
        line.addLayout(texts, 1)
        if row.state == "licence":
            use = self.button(self.t("materials.use_licence"),
                              lambda: self.actions.use_licence(row.key),
                              icon="mdi6.card-account-details", name=f"use:{row.key}")
            use.setAccessibleDescription(row.note)
            line.addWidget(use)
        elif row.state in ("camera", "photo_problem"):
            line.addWidget(self.button(self.t("materials.photograph"),
                                       lambda: self.actions.photograph(row.key),
                                       icon="mdi6.camera", name=f"photo:{row.key}"))
        return card

    def _page(self, page) -> None:
        if page is not None:
            set_reading_text(self.problem, page.problem)
            self.problem.setVisible(bool(page.problem))
