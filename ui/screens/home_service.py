"""上门办 / 代办: what the resident needs and for which matter, as ticked choices (no typing),
then one touch to send; a choice asked for and not made is marked, as on a form."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from kiosk.state import HomeServiceView, ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.appointment import StatusLine, choice_grid
from ui.widgets.controls import OptionButton, reading_item, set_reading_text

KINDS = ("home_visit", "proxy")


class HomeServiceScreen(Screen):
    name = ScreenName.HOME_SERVICE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.matters

    def build(self, layout: QVBoxLayout) -> None:
        home = self.view.home_service
        status = StatusLine(self, retry_when_empty=lambda: not self.view.matters)
        layout.addWidget(status.line)
        low_on_screen(layout, self.portrait)
        self.questions: dict[str, QLabel] = {}
        self.options: dict[str, dict[str, OptionButton]] = {"kind": {}, "matter": {}}
        kinds = [(kind, self.t(f"home_service.kind.{kind}")) for kind in KINDS]
        matters = [(m.value, m.label) for m in self.view.matters]
        for field, options, act in (("kind", kinds, self.actions.choose_home_kind),
                                    ("matter", matters, self.actions.choose_matter)):
            question = reading_item("", "body", name=f"question:{field}")
            self.questions[field] = question
            layout.addWidget(question)
            buttons = []
            for value, text in options:
                button = OptionButton(text, lambda v=value, act=act: act(v), self.theme,
                                      name=f"choice:{field}:{value}",
                                      description=self.t(f"home_service.ask.{field}"))
                self.options[field][value] = button
                buttons.append(button)
            layout.addLayout(choice_grid(self, buttons, 2 if self.portrait else 3))
        layout.addWidget(reading_item(self.t("home_service.note"), "caption", name="note"))
        if not self.portrait:
            layout.addStretch(1)
        self.action_row(layout, status.retry,
                        self.button(self.t("home_service.send"),
                                    self.actions.request_home_service, kind="primary",
                                    icon="mdi6.send", name="send"))
        self._show(home)
        self.bind("home_service", self._show)

    def _show(self, home: HomeServiceView) -> None:
        chosen = {"kind": home.kind, "matter": home.matter}
        newly = []
        for field, question in self.questions.items():
            missing = field in home.missing
            kind = "problem" if missing else "body"
            if question.property("kind") != kind:
                if missing:
                    newly.append(question)
                question.setProperty("kind", kind)
                question.style().polish(question)
            asked = self.t(f"home_service.ask.{field}")
            set_reading_text(question, self.t("form.please_choose", field=asked.rstrip("：:"))
                             if missing else asked)
            for value, button in self.options[field].items():
                button.set_checked(value == chosen[field])
        if newly:  # asked to choose: the keypad and a screen reader go to the question
            newly[0].setFocus(Qt.FocusReason.OtherFocusReason)
