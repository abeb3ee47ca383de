"""One answer from the knowledge base, to read and to hear (the voice reads it as the screen
appears, or again with the repeat key); calling for help stays one touch away."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen
from ui.widgets.controls import reading_item


class HelpArticleScreen(Screen):
    name = ScreenName.HELP_ARTICLE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.help_article

    def first_focus(self):
        """The answer: what the resident came for, read first."""
        return getattr(self, "answer", None) or super().first_focus()

    def build(self, layout: QVBoxLayout) -> None:
        article = self.view.help_article
        if article is None:
            return
        layout.addWidget(reading_item(article.question, "title", name="question"))
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        pad = self.px(24)
        inner.setContentsMargins(pad, pad, pad, pad)
        self.answer = reading_item(article.answer, "body", name="answer")
        inner.addWidget(self.answer)
        layout.addWidget(card)
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("help.call"), self.actions.call_helper,
                                            kind="primary", icon="mdi6.account-voice",
                                            name="call"))
