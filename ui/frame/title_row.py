"""The title that says where the resident is, and in a service how far along they are
("第 2 步，共 4 步"). The title is also the window's name, so a screen reader says it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout

from kiosk.state import ReadOnly, Step
from ui.binding import Bindings
from ui.theme import Theme
from ui.widgets.controls import label


class TitleRow(QFrame):
    def __init__(self, view: ReadOnly, text: Callable[..., str], bindings: Bindings) -> None:
        super().__init__()
        self.view, self.text = view, text
        self.setObjectName("TitleRow")
        row = QHBoxLayout(self)
        self.title = label(view.title, "title")
        self.title.setObjectName("title")
        self.step = label("", "muted", wrap=False)
        self.step.setObjectName("step")
        row.addWidget(self.title, 1)
        row.addWidget(self.step)
        bindings.on(view.events.title, self.title.setText)
        bindings.on(view.events.step, self._show_step)
        bindings.on(view.events.language, lambda _value: self._show_step(view.step))
        self._show_step(view.step)

    def _show_step(self, step: Step | None) -> None:
        self.step.setVisible(step is not None)
        if step is not None:
            self.step.setText(self.text("step", step=step.number, total=step.total))

    def restyle(self, theme: Theme, portrait: bool) -> None:
        margin = theme.px(theme.sizes.margin)
        top, bottom = (20, 8) if portrait else (10, 4)  # landscape is short
        self.layout().setContentsMargins(margin, theme.px(top), margin, theme.px(bottom))
