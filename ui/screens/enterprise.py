"""A company's e-business licence scanned: the company (name, code, the legal representative
masked), and what to do next: the ID card of the representative or of an agent it
authorised. Not found, or the platform not answering, is one line with 再试一次."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QLayout, QVBoxLayout

from kiosk.enterprise import EnterpriseView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label, reading_item


class EnterpriseScreen(Screen):
    name = ScreenName.ENTERPRISE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.enterprise

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.enterprise or EnterpriseView(busy=True)
        if shown.name:
            layout.addWidget(self._company(shown))
        layout.addStretch(1)
        if self.portrait:  # (landscape has no height to spare)
            layout.addWidget(big_icon("mdi6.card-account-details-outline", self.theme, times=2))
        if shown.name:
            layout.addWidget(reading_item(self.t("enterprise.ask_card"), "title", name="ask",
                                          align=ALIGN_CENTER))
        elif shown.busy:
            layout.addWidget(as_notification(reading_item(
                self.t("enterprise.looking_up"), "title", name="status", align=ALIGN_CENTER)))
        if shown.problem:
            layout.addWidget(as_notification(reading_item(shown.problem, "problem",
                                                          name="problem", align=ALIGN_CENTER)))
        layout.addStretch(1)
        if shown.retry:
            self.action_row(layout, self.button(self.t("notice.retry"), self.actions.retry,
                                                icon="mdi6.refresh", name="retry"))

    def _company(self, shown: EnterpriseView) -> QFrame:
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        inner.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never squeezed
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.setSpacing(self.px(8))
        inner.addWidget(reading_item(shown.name, "title", name="company"))
        inner.addWidget(reading_item(self.t("enterprise.code", code=shown.credit_code),
                                     "value", name="credit_code"))
        inner.addWidget(reading_item(
            self.t("enterprise.representative", name=shown.representative), "body",
            name="representative"))
        if shown.kind:
            inner.addWidget(label(shown.kind, "muted"))
        return card
