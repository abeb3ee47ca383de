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
            layout.addLayout(self._body(shown, QVBoxLayout()))
            self.action_row(layout, call)
        else:  # landscape: the topics or questions at the left, the call at the right
            columns = QHBoxLayout()
            columns.setSpacing(gap * 2)
            left = QVBoxLayout()
            left.setSpacing(gap)
            left.addWidget(heading)
            left.addLayout(self._body(shown, QHBoxLayout()))
            left.addStretch(1)
            right = QVBoxLayout()
            right.setSpacing(gap)
            for widget in (self.call_status, self.call_wait):
                right.addWidget(widget)
            right.addStretch(1)
            right.addWidget(call)
            columns.addLayout(left, 2)
            columns.addLayout(right, 1)
            layout.addLayout(columns, 1)
        self._show_call()
        self.bind("help_call", lambda _text: self._show_call())
        self.bind("help_wait", lambda _text: self._show_call())

    def _body(self, shown: HelpView, topics_and_words: QVBoxLayout | QHBoxLayout):
        if not shown.choosing:
            return self._results(shown)
        topics_and_words.setSpacing(self.px(self.theme.sizes.gap))
        topics_and_words.addLayout(self._choices("help.topics", "topic", shown.topics, 2), 1)
        topics_and_words.addLayout(self._choices("help.words", "word", shown.words,
                                                 3 if self.portrait else 2), 1)
        return topics_and_words

    def _choices(self, heading: str, kind: str, choices: tuple[Choice, ...],
                 columns: int) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(self.px(self.theme.sizes.gap))
        box.addWidget(reading_item(self.t(heading), "muted", name=f"{kind}s"))
        grid = QGridLayout()
        grid.setSpacing(self.px(self.theme.sizes.gap))
        for index, choice in enumerate(choices):
            widget = self.button(choice.label, lambda q=choice.value: self.actions.search_help(q),
                                 icon="mdi6.magnify" if kind == "word" else "mdi6.folder-text",
                                 name=f"{kind}:{index}")
            grid.addWidget(widget, index // columns, index % columns)
        for column in range(columns):
            grid.setColumnStretch(column, 1)
        box.addLayout(grid)
        return box

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
