"""求助: the knowledge base, searched by touch (topics and common words; no keyboard yet),
then a topic's questions a page at a time (back returns to the topics); and calling for
help, whose status and wait change in place while the resident waits."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout

from kiosk.help_desk import Choice, HelpView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import WrappingButton, reading_item, set_reading_text
from ui.widgets.pager import pager


class HelpScreen(Screen):
    name = ScreenName.HELP

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.help

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.help or HelpView()
        gap = self.px(self.theme.sizes.gap)
        self.call_status = as_notification(reading_item("", "value", name="help_call"))
        self.call_wait = reading_item("", "body", name="help_wait")
        heading = reading_item(shown.heading, "body" if shown.choosing else "title",
                               name="heading")
        call = self.button(self.t("help.call"), self.actions.call_helper, kind="primary",
                           icon="mdi6.account-voice", name="call")
        if self.portrait:  # what to read at the top, what to touch low
            for widget in (self.call_status, self.call_wait, heading):
                layout.addWidget(widget)
            low_on_screen(layout, True)
            layout.addLayout(self._body(shown))
            self.action_row(layout, call)
        else:  # landscape: the whole width for the choices, the call's status beside its button
            layout.addWidget(heading)
            layout.addLayout(self._body(shown))
            layout.addStretch(1)
            row = QHBoxLayout()
            row.setSpacing(gap)
            status = QVBoxLayout()
            status.addWidget(self.call_status)
            status.addWidget(self.call_wait)
            row.addLayout(status, 2)
            row.addWidget(call, 1)
            layout.addLayout(row)
        self._show_call()
        self.bind("help_call", lambda _text: self._show_call())
        self.bind("help_wait", lambda _text: self._show_call())

    def _body(self, shown: HelpView) -> QVBoxLayout:
        """The topics, then the common words in one row; or a topic's questions."""
        if not shown.choosing:
            return self._results(shown)
        box = QVBoxLayout()
        box.setSpacing(self.px(self.theme.sizes.gap))
        box.addLayout(self._choices("topic", shown.topics, 2 if self.portrait else 3))
        box.addLayout(self._choices("word", shown.words, len(shown.words)))
        return box

    def _choices(self, kind: str, choices: tuple[Choice, ...], columns: int) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(self.px(self.theme.sizes.gap))
        for index, choice in enumerate(choices):
            widget = self.button(choice.label, lambda q=choice.value: self.actions.search_help(q),
                                 icon="mdi6.magnify" if kind == "word" else "mdi6.folder-text",
                                 name=f"{kind}:{index}")
            grid.addWidget(widget, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        return grid

    def _results(self, shown: HelpView) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(self.px(self.theme.sizes.gap))
        if shown.problem or shown.loading:
            box.addWidget(reading_item(shown.problem or self.t("help.loading"),
                                       "problem" if shown.problem else "body", name="problem"))
        for result in shown.results:
            box.addWidget(WrappingButton(result.label,
                                         lambda a=result.value: self.actions.read_help(a),
                                         name=f"article:{result.value}"))
        box.addLayout(pager(shown.page, shown.pages, self.actions.turn_page, self.t, self.theme))
        return box

    def _show_call(self) -> None:
        status, wait = self.view.help_call, self.view.help_wait
        set_reading_text(self.call_status, status)
        set_reading_text(self.call_wait, wait)
        self.call_status.setVisible(bool(status))
        self.call_wait.setVisible(bool(wait))
