"""离线码: who may have one and three big choices (print my code, a new one, lost); the one
question before a choice that revokes (the keypad starts on "no"); while it is made and
printed, one calm line; then where the slip is, whose it is, until when, how to use it, and
"print again" after a printer fault; a refusal or an unreachable platform, calmly."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen, low_on_screen
from ui.widgets.appointment import choice, choice_grid
from ui.widgets.controls import big_icon, reading_item


class OfflineCodeScreen(Screen):
    name = ScreenName.OFFLINE_CODE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.offline_code

    def first_focus(self):
        """Asked to confirm: on "no", so two presses of Enter revoke nothing."""
        return getattr(self, "keep", None) or super().first_focus()

    def build(self, layout: QVBoxLayout) -> None:
        view = self.view.offline_code
        if view is None:
            return
        if view.busy:
            self._busy(layout, view)
        elif view.stage == "choose":
            self._choose(layout, view)
        elif view.stage == "confirm":
            self._confirm(layout, view)
        elif view.stage == "done":
            self._done(layout, view)
        else:
            self._refused(layout, view)

    def _busy(self, layout: QVBoxLayout, view) -> None:
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.printer", self.theme, times=2))
        layout.addWidget(as_notification(reading_item(view.busy, "title", name="busy",
                                                      align=ALIGN_CENTER)))
        layout.addStretch(1)

    def _choose(self, layout: QVBoxLayout, view) -> None:
        layout.addWidget(reading_item(view.who, "body", name="who"))
        if view.problem:
            layout.addWidget(as_notification(reading_item(view.problem, "problem",
                                                          name="problem")))
        low_on_screen(layout, self.portrait)
        buttons = [choice(c.label, lambda r=c.value: self.actions.choose_offline_code(r),
                          name=f"offline_code:{c.value}") for c in view.choices]
        layout.addLayout(choice_grid(self, buttons, 1 if self.portrait else 3))
        layout.addStretch(1)

    def _confirm(self, layout: QVBoxLayout, view) -> None:
        layout.addStretch(1)
        layout.addWidget(as_notification(reading_item(view.confirm, "title", name="ask")))
        layout.addStretch(1)
        t = self.t
        self.keep = self.button(t("offline_code.confirm_no"),
                                lambda: self.actions.confirm_offline_code(False),
                                icon="mdi6.arrow-left", name="confirm_no")
        self.action_row(layout, self.keep,
                        self.button(t("offline_code.confirm_yes"),
                                    lambda: self.actions.confirm_offline_code(True),
                                    kind="primary", icon="mdi6.check", name="confirm_yes"))

    def _done(self, layout: QVBoxLayout, view) -> None:
        """Whose code it is and until when beside how to use it (in landscape, two columns:
        the screen is short); after a printer fault, the one line that says what to do."""
        t = self.t
        low_on_screen(layout, self.portrait)
        heading = "title" if self.portrait else "value"  # a landscape screen is short
        head = (reading_item(t("offline_code.printed"), heading, name="printed")
                if view.printed else reading_item(view.problem, "problem", name="problem"))
        card = QFrame()
        card.setProperty("kind", "card")
        inner = QVBoxLayout(card)
        pad = self.px(24 if self.portrait else 16)
        inner.setContentsMargins(pad, pad, pad, pad)
        inner.setSpacing(self.px(8))
        holder = t("code_check.holder", name=view.name)
        inner.addWidget(reading_item(f"{holder} · {view.group}" if view.group else holder,
                                     "value", name="holder"))
        inner.addWidget(reading_item(t("offline_code.valid_until", date=view.valid_until),
                                     "value", name="valid_until"))
        first, second = QVBoxLayout(), QVBoxLayout()
        for column in (first, second):
            column.setSpacing(self.px(self.theme.sizes.gap))
        first.addWidget(as_notification(head))
        first.addWidget(card)
        if view.replaced:
            first.addWidget(reading_item(view.replaced, "body", name="replaced"))
        first.addStretch(1)
        for index, line in enumerate(view.how):
            second.addWidget(reading_item(line, "body", name=f"how:{index}"))
        second.addStretch(1)
        if self.portrait:
            layout.addLayout(first)
            layout.addLayout(second)
        else:
            row = QHBoxLayout()
            row.setSpacing(self.px(self.theme.sizes.gap))
            row.addLayout(first, 1)
            row.addLayout(second, 1)
            layout.addLayout(row, 1)
        buttons = [self.button(t("offline_code.done"), self.actions.finish,
                               kind="" if not view.printed else "primary", icon="mdi6.check",
                               name="finish")]
        if not view.printed:
            buttons.append(self.button(t("offline_code.reprint"),
                                       self.actions.reprint_offline_code, kind="primary",
                                       icon="mdi6.printer", name="reprint"))
        self.action_row(layout, *buttons)

    def _refused(self, layout: QVBoxLayout, view) -> None:
        title, body = view.refusal
        layout.addStretch(1)
        icon = "mdi6.card-account-details-outline" if view.stage == "id_card" \
            else "mdi6.information-outline"
        layout.addWidget(big_icon(icon, self.theme, times=2))
        layout.addWidget(reading_item(title, "title", name="refused_title",
                                      align=ALIGN_CENTER))
        layout.addWidget(as_notification(reading_item(body, "body", name="refused_body")))
        layout.addStretch(1)
        self.action_row(layout, self.button(self.t("nav.home"), self.actions.go_home,
                                            kind="primary", icon="mdi6.home", name="home"))
