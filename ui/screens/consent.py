"""Before anything of the resident's is read from the platform: who asks, for what, which
items and for how long, with two plain answers. Declining still leaves the services that
need none of it."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen
from ui.widgets.controls import reading_item, set_reading_text


class ConsentScreen(Screen):
    name = ScreenName.CONSENT

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.consent

    def build(self, layout: QVBoxLayout) -> None:
        consent = self.view.consent
        if consent is None:
            return
        layout.addWidget(reading_item(consent.asker, "body", name="asker"))
        layout.addWidget(reading_item(consent.purpose, "body", name="purpose"))
        items = self.t("consent.items_heading") + self.t("list.separator").join(consent.items)
        layout.addWidget(reading_item(items, "body", name="items"))
        layout.addWidget(reading_item(consent.duration, "body", name="duration"))
        note = reading_item(consent.decline_note, "muted", name="decline_note")
        layout.addWidget(note)
        layout.addStretch(1)
        decline = self.button(self.t("consent.decline"), lambda: self.actions.consent(False),
                              name="decline")
        accept = self.button(self.t("consent.accept"), lambda: self.actions.consent(True),
                             kind="primary", icon="mdi6.check", name="accept")
        self.action_row(layout, decline, accept)

        def reading(now: bool) -> None:  # agreed: the details are on their way
            for button in (decline, accept):
                button.setEnabled(not now)
            set_reading_text(note, self.t("identify.reading_details") if now
                             else consent.decline_note)

        reading(self.view.reading_card)
        self.bind("reading_card", reading)
