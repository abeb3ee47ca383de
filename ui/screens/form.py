"""Step 1: the form already filled in from the card and the profile; the resident checks
it and answers the few choices only they can make. Each value is a reading item, so the
keypad and a screen reader reach it; a choice shows a tick and is exposed as checked."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.state import FormRow, ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import OptionButton, label, reading_item, set_reading_text


class FormScreen(Screen):
    name = ScreenName.FORM

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return (view.service_title, tuple((row.key, row.kind, row.options) for row in view.form))

    def build(self, layout: QVBoxLayout) -> None:
        rows = self.view.form
        known = [row for row in rows if row.kind == "text"]
        choices = [row for row in rows if row.kind == "choice"]
        self.values: dict[str, QLabel] = {}
        self.questions: dict[str, QLabel] = {}
        self.options: dict[str, dict[str, OptionButton]] = {}
        layout.addWidget(reading_item(self.t("form.check"), "body", name="check"))
        low_on_screen(layout, self.portrait)
        columns = QVBoxLayout() if self.portrait else QHBoxLayout()
        columns.setSpacing(self.px(self.theme.sizes.gap))
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        pad = self.px(24)
        grid.setContentsMargins(pad, pad, pad, pad)
        grid.setHorizontalSpacing(pad)
        grid.setVerticalSpacing(self.px(12))
        for index, row in enumerate(known):
            grid.addWidget(label(row.label, "muted", wrap=False), index, 0)
            value = reading_item(row.shown, "value", name=f"row:{row.key}", field=row.key)
            set_reading_text(value, row.shown, row.read)
            self.values[row.key] = value
            grid.addWidget(value, index, 1)
        grid.setColumnStretch(1, 1)
        note = reading_item(self.t("form.step_note"), "caption", name="step_note")
        if self.portrait:
            columns.addWidget(card, 3)
        else:  # landscape: the note under the card, leaving the height to the choices
            left = QVBoxLayout()
            left.setSpacing(self.px(self.theme.sizes.gap))
            left.addWidget(card)
            left.addWidget(note)
            left.addStretch(1)
            columns.addLayout(left, 3)
        confirm = self.button(self.t("form.confirm"), self.actions.confirm_form,
                              kind="primary", icon="mdi6.check", name="confirm")
        if choices:
            box = QVBoxLayout()
            box.setSpacing(self.px(self.theme.sizes.gap))
            for row in choices:
                box.addWidget(self._question(row))
                box.addLayout(self._choice_grid(row))
            box.addStretch(1)
            if not self.portrait:  # landscape: the action low in the right column saves a row
                box.addWidget(confirm)
            columns.addLayout(box, 2)
        layout.addLayout(columns)
        if self.portrait:
            layout.addWidget(note)
        if self.portrait or not choices:
            self.action_row(layout, confirm)
        self.bind("form", self._show)

    def _question(self, row: FormRow) -> QLabel:
        question = reading_item(row.label, "body", name=f"question:{row.key}")
        self.questions[row.key] = question
        self._ask(row)
        return question

    def _ask(self, row: FormRow) -> None:
        """The question, or, when it was skipped, the request to answer it."""
        widget = self.questions[row.key]
        kind = "problem" if row.problem else "body"
        set_reading_text(widget, self.t("form.please_choose", field=row.label) if row.problem
                         else row.label)
        if widget.property("kind") != kind:
            widget.setProperty("kind", kind)
            widget.style().polish(widget)

    def _choice_grid(self, row: FormRow) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(self.px(self.theme.sizes.gap))
        per_row = min(2, len(row.options))  # two a row leaves room for the tick and the words
        self.options[row.key] = {}
        for index, option in enumerate(row.options):
            widget = OptionButton(
                option.label,
                lambda key=row.key, value=option.value: self.actions.answer(key, value),
                self.theme, name=f"choice:{row.key}:{option.value}",
                checked=row.chosen == option.value, description=row.label)
            self.options[row.key][option.value] = widget
            grid.addWidget(widget, index // per_row, index % per_row)
        # Each option says its question in its description: a label relation instead would
        # make a screen reader call every option by the question's name.
        return grid

    def _show(self, rows: tuple[FormRow, ...]) -> None:
        newly = [row.key for row in rows if row.problem
                 and self.questions.get(row.key) is not None
                 and self.questions[row.key].property("kind") != "problem"]
        for row in rows:
            if row.kind == "text" and row.key in self.values:
                set_reading_text(self.values[row.key], row.shown, row.read)
            elif row.kind == "choice" and row.key in self.options:
                self._ask(row)
                for option_value, widget in self.options[row.key].items():
                    widget.set_checked(option_value == row.chosen)
        if newly:  # asked to choose: the keypad and a screen reader go to the question
            self.questions[newly[0]].setFocus(Qt.FocusReason.OtherFocusReason)
