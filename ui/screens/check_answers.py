"""Check your answers (the last look before signing): every answer with where it came from,
a change button beside each one the resident may change, and one primary action. A change
goes to that question and comes straight back here. Large print in landscape is too short for
every row: the rows come a few at a time, with a page turner (a kiosk never scrolls)."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout

from kiosk.state import FormPage, FormRow, ReadOnly
from kiosk.view import LARGE_PRINT, ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import label, reading_item, set_reading_text
from ui.widgets.pager import PagedCards

ROWS_A_PAGE = {"large": 3, "care": 2}  # answers a page in landscape; the rest fit all on one


class CheckAnswersScreen(Screen):
    name = ScreenName.CHECK_ANSWERS

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return (view.service_title, tuple((row.key, row.changeable) for row in view.form))

    def build(self, layout: QVBoxLayout) -> None:
        page: FormPage | None = self.view.form_page
        if page is None:
            return
        self.values: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        layout.addWidget(reading_item(page.intro, "body", name="intro"))
        self.problem = reading_item(page.problem, "problem", name="problem")
        self.problem.setVisible(bool(page.problem))
        layout.addWidget(self.problem)
        rows = {row.key: row for row in self.view.form}
        size = len(page.keys)
        if not self.portrait and self.view.display_mode in LARGE_PRINT:
            size = ROWS_A_PAGE[self.view.display_mode]
        chunks = [page.keys[at:at + size] for at in range(0, len(page.keys), size or 1)]
        # open on the first page with a problem, else the first
        wrong = [n for n, keys in enumerate(chunks) if any(rows[k].error for k in keys)]
        low_on_screen(layout, self.portrait)
        self.cards = PagedCards([self._card(page, rows, keys) for keys in chunks],
                                wrong[0] if wrong else 0, self.t, self.theme)
        layout.addWidget(self.cards, 0 if self.portrait else 1)
        confirm = self.button(page.action, self.actions.confirm_form, kind="primary",
                              icon="mdi6.check", name="confirm")
        self.action_row(layout, confirm)
        self.bind("form", self._show)
        self.bind("form_page", self._page)

    def _card(self, page: FormPage, rows: dict[str, FormRow], keys: tuple[str, ...]) -> QFrame:
        card = QFrame()
        card.setProperty("kind", "card")
        grid = QGridLayout(card)
        pad = self.px(20)
        grid.setContentsMargins(pad, pad, pad, pad)
        grid.setHorizontalSpacing(pad)
        grid.setVerticalSpacing(self.px(4))
        line = 0
        for key in keys:
            if page.filled and key in (page.filled[0], _first_asked(page)):
                heading = "form.filled_title" if key == page.filled[0] else "check_answers.yours"
                grid.addWidget(reading_item(self.t(heading), "body", name=f"group:{key}"),
                               line, 0, 1, 4)
                line += 1
            line = self._row(grid, line, rows[key])
        grid.setColumnStretch(1, 1)
        return card

    def _row(self, grid: QGridLayout, line: int, row: FormRow) -> int:
        """One answer: what, the value, where it came from, a change button; an error below.
        Landscape (short) keeps it to one line, portrait (narrow) puts the source under the
        value. Returns the next free line."""
        grid.addWidget(label(row.label, "muted", wrap=False), line, 0)
        value = reading_item(row.shown, "value", name=f"row:{row.key}", field=row.key)
        set_reading_text(value, row.shown, self.t("form.read_with_source", row=row.read,
                                                  source=row.source) if row.source else row.read)
        self.values[row.key] = value
        grid.addWidget(value, line, 1)
        under = 1 if self.portrait else 0
        grid.addWidget(label(row.source, "caption"), line + under, 1 if self.portrait else 2)
        if row.changeable:
            change = self.button(self.t("form.change"),
                                 lambda key=row.key: self.actions.change_answer(key),
                                 name=f"change:{row.key}")
            change.setMinimumWidth(change.sizeHint().width())  # never cut to "Chang"
            grid.addWidget(change, line, 3, 1 + under, 1)
        error = reading_item(row.error, "problem", name=f"error:{row.key}")
        error.setVisible(bool(row.error))
        self.errors[row.key] = error
        grid.addWidget(error, line + 1 + under, 0, 1, 4)
        return line + 2 + under

    def _show(self, rows: tuple[FormRow, ...]) -> None:
        for row in rows:
            if row.key in self.values:
                set_reading_text(self.values[row.key], row.shown, row.read)
                set_reading_text(self.errors[row.key], row.error)
                self.errors[row.key].setVisible(bool(row.error))

    def _page(self, page: FormPage | None) -> None:
        if page is not None:
            set_reading_text(self.problem, page.problem)
            self.problem.setVisible(bool(page.problem))


def _first_asked(page: FormPage) -> str:
    asked = [key for key in page.keys if key not in page.filled]
    return asked[0] if asked else ""
