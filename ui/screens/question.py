"""One form page: a step with its fields (standard and large modes), or in care mode one
question, or what was filled in for the resident. A verified value shows where it came
from and is locked; an editable one has a change button; a choice is big buttons, a date a
picker, a number the on-screen keypad. An error stands beside its field and clears
nothing."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout

from kiosk.state import FormPage, FormRow, ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import OptionButton, label, reading_item, set_reading_text
from ui.widgets.date_picker import DatePicker
from ui.widgets.number_pad import NumberPad

INPUT_KINDS = ("number", "phone", "date")  # a keypad or a date picker, one open a page


class QuestionScreen(Screen):
    name = ScreenName.FORM

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        page = view.form_page
        rows = tuple((row.key, row.kind, row.options, row.locked, row.changeable)
                     for row in _on_page(view.form, page))
        return (view.service_title, page.id if page else "", page.typing if page else "", rows)

    def build(self, layout: QVBoxLayout) -> None:
        page: FormPage | None = self.view.form_page
        if page is None:
            return
        self.values: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.options: dict[str, dict[str, OptionButton]] = {}
        self.pads: dict[str, NumberPad] = {}
        self.pickers: dict[str, DatePicker] = {}
        # a page of the only step has the service's title, already in the title row
        heading = page.title if page.title != self.view.service_title else ""
        count = self.t("form.page", number=page.number, total=page.total) if page.total > 1 \
            else ""
        if heading or count:
            layout.addWidget(reading_item(f"{heading}  {count}".strip(), "title", name="page"))
        if page.intro:
            layout.addWidget(reading_item(page.intro, "muted", name="intro"))
        self.problem = reading_item(page.problem, "problem", name="problem")
        self.problem.setVisible(bool(page.problem))
        layout.addWidget(self.problem)
        low_on_screen(layout, self.portrait)
        rows = _on_page(self.view.form, page)
        known = [r for r in rows if r.locked or (r.kind == "text")]
        asked = [r for r in rows if r not in known]
        if known:
            layout.addWidget(self._known(known, page))
        for row in asked:
            layout.addLayout(self._question(row, page))
        layout.addStretch(1)
        confirm = self.button(page.action, self.actions.confirm_form, kind="primary",
                              icon="mdi6.arrow-right", name="confirm")
        self.action_row(layout, confirm)
        self.bind("form", self._show)
        self.bind("form_page", self._page)

    def _known(self, rows: list[FormRow], page: FormPage) -> QFrame:
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        pad = self.px(20)
        grid.setContentsMargins(pad, pad, pad, pad)
        grid.setHorizontalSpacing(pad)
        grid.setVerticalSpacing(self.px(8))
        for index, row in enumerate(rows):
            grid.addWidget(label(row.label, "muted", wrap=False), index * 2, 0)
            value = reading_item(row.shown, "value", name=f"row:{row.key}", field=row.key)
            set_reading_text(value, row.shown, self.t(
                "form.read_with_source", row=row.read, source=row.source) if row.source
                else row.read)
            self.values[row.key] = value
            grid.addWidget(value, index * 2, 1)
            if row.changeable:
                grid.addWidget(self.button(self.t("form.change"),
                                           lambda key=row.key: self.actions.change_answer(key),
                                           name=f"change:{row.key}"), index * 2, 2, 2, 1)
            source = label(row.source, "caption")
            grid.addWidget(source, index * 2 + 1, 1)
            self.errors[row.key] = self._error(row)
            grid.addWidget(self.errors[row.key], index * 2 + 1, 0)
        grid.setColumnStretch(1, 1)
        return card

    def _error(self, row: FormRow) -> QLabel:
        widget = reading_item(row.error, "problem", name=f"error:{row.key}")
        widget.setVisible(bool(row.error))
        return widget

    def _question(self, row: FormRow, page: FormPage) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(self.px(self.theme.sizes.gap) // 2)
        if page.kind != "question":  # a question page's title already asks it
            box.addWidget(reading_item(row.label, "body", name=f"question:{row.key}"))
        if row.help and page.kind != "question":
            box.addWidget(label(row.help, "caption"))
        self.errors[row.key] = self._error(row)
        box.addWidget(self.errors[row.key])
        if row.kind == "choice":
            box.addLayout(self._choice_grid(row))
        elif row.kind in INPUT_KINDS:
            box.addLayout(self._input_row(row, page))
        return box

    def _input_row(self, row: FormRow, page: FormPage) -> QHBoxLayout:
        """The page's one open keypad or date picker; any other such field shows its value
        with a button that opens its own."""
        line = QHBoxLayout()

        def answer(value: str, key: str = row.key) -> None:
            self.actions.answer(key, value)

        if page.typing == row.key and row.kind == "date":
            self.pickers[row.key] = DatePicker(row.key, row.entry, answer, self.theme, self.t,
                                               label=row.label)
            line.addWidget(self.pickers[row.key])
            return line
        if page.typing == row.key:
            self.pads[row.key] = NumberPad(row.key, row.entry, answer, self.theme, self.t,
                                           label=row.label)
            line.addWidget(self.pads[row.key])
            return line
        value = reading_item(row.shown, "value", name=f"row:{row.key}", field=row.key)
        set_reading_text(value, row.shown, row.read)
        self.values[row.key] = value
        line.addWidget(value, 1)
        words = self.t("form.change") if row.source else self.t("form.fill")  # answered or not
        line.addWidget(self.button(words, lambda key=row.key: self.actions.change_answer(key),
                                   name=f"change:{row.key}"))
        return line

    def _choice_grid(self, row: FormRow) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(self.px(self.theme.sizes.gap))
        per_row = 1 if len(row.options) > 4 and not self.portrait else min(2, len(row.options))
        self.options[row.key] = {}
        for index, option in enumerate(row.options):
            widget = OptionButton(
                option.label,
                lambda key=row.key, value=option.value: self.actions.answer(key, value),
                self.theme, name=f"choice:{row.key}:{option.value}",
                checked=row.chosen == option.value, description=row.label)
            self.options[row.key][option.value] = widget
            grid.addWidget(widget, index // per_row, index % per_row)
        return grid

    def _show(self, rows: tuple[FormRow, ...]) -> None:
        for row in rows:
            if row.key in self.values:
                set_reading_text(self.values[row.key], row.shown, row.read)
            if row.key in self.errors:
                set_reading_text(self.errors[row.key], row.error)
                self.errors[row.key].setVisible(bool(row.error))
            if row.key in self.pads:
                self.pads[row.key].set_entry(row.entry)
            if row.key in self.pickers:
                self.pickers[row.key].set_date(row.entry)
            for value, widget in self.options.get(row.key, {}).items():
                widget.set_checked(value == row.chosen)

    def _page(self, page: FormPage | None) -> None:
        if page is None:
            return
        set_reading_text(self.problem, page.problem)
        self.problem.setVisible(bool(page.problem))


def _on_page(rows: tuple[FormRow, ...], page: FormPage | None) -> list[FormRow]:
    keys = page.keys if page else ()
    return [row for row in rows if row.key in keys]
