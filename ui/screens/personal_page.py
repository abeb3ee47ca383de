"""市民主页 / 企业专属网页: the heading (the company's name and code for an enterprise), then
one large button per section with a line on what it holds, low on the screen. Before the
card, it asks for it; declined, it says nothing personal is shown and offers to ask again."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.personal_page import PersonalView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.appointment import choice_grid
from ui.widgets.controls import Tile, big_icon, reading_item


class PersonalPageScreen(Screen):
    name = ScreenName.PERSONAL_PAGE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.personal

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.personal or PersonalView(needs_card=True)
        layout.addWidget(reading_item(shown.heading, "title", name="heading"))
        if shown.subheading:
            layout.addWidget(reading_item(shown.subheading, "muted", name="subheading"))
        if shown.needs_card or shown.declined:
            self._instead(layout, shown)
            return
        low_on_screen(layout, self.portrait)
        tiles = []
        for section in shown.sections:
            tile = Tile(section.title, section.summary, section.icon, self.theme,
                        lambda s=section.id: self.actions.open_section(s),
                        name=f"section:{section.id}", description=section.summary)
            tiles.append(tile)
        layout.addLayout(choice_grid(self, tiles, 1 if self.portrait else 2),
                         0 if self.portrait else 1)
        if shown.problem:
            layout.addWidget(as_notification(reading_item(shown.problem, "problem",
                                                          name="status")))
            self.action_row(layout, self.button(self.t("notice.retry"), self.actions.retry,
                                                icon="mdi6.refresh", name="retry"))

    def _instead(self, layout: QVBoxLayout, shown: PersonalView) -> None:
        """No sections: what to do to see them."""
        icon = "mdi6.card-account-details-outline" if shown.needs_card \
            else "mdi6.shield-lock-outline"
        text = shown.message
        layout.addStretch(1)
        layout.addWidget(big_icon(icon, self.theme, times=2))
        layout.addWidget(as_notification(reading_item(text, "title", name="status",
                                                      align=ALIGN_CENTER)))
        layout.addStretch(1)
        if shown.declined:
            self.action_row(layout, self.button(self.t("personal_page.ask_again"),
                                                self.actions.ask_consent_again,
                                                kind="primary", icon="mdi6.check",
                                                name="ask_again"))
