"""What every screen shares: it reads the controller's state, builds its content afresh
each time it is shown or the state changes, and reports touches back to the controller."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.controller import KioskController
from kiosk.view import ScreenName
from ui.theme import Theme
from ui.widgets.controls import button


@dataclass(frozen=True)
class Layout:
    theme: Theme
    portrait: bool


class Screen(QWidget):
    name: ClassVar[ScreenName]
    # Which of the bottom bar's navigation buttons this screen offers.
    nav: ClassVar[frozenset[str]] = frozenset({"back", "home", "help", "end"})

    def __init__(self, controller: KioskController) -> None:
        super().__init__()
        self.controller = controller
        self.layout_info: Layout | None = None
        self.setObjectName(f"screen:{self.name}")
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._content: QWidget | None = None

    # --- for subclasses ---

    def title(self) -> str:
        raise NotImplementedError

    def build(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def t(self, key: str, **params: object) -> str:
        return self.controller.text(key, **params)

    @property
    def theme(self) -> Theme:
        assert self.layout_info is not None
        return self.layout_info.theme

    @property
    def portrait(self) -> bool:
        return bool(self.layout_info and self.layout_info.portrait)

    def px(self, value: int) -> int:
        return self.theme.px(value)

    def button(self, text: str, on_click: Callable[[], None], *, kind: str = "",
               icon: str = "", name: str = "") -> QPushButton:
        return button(text, on_click, kind=kind, icon=icon, theme=self.theme, name=name)

    def action_row(self, layout: QVBoxLayout, *buttons: QPushButton) -> None:
        """The screen's actions, low on the screen, the primary one last (on the right)."""
        row = QHBoxLayout()
        row.setSpacing(self.px(self.theme.sizes.gap))
        for widget in buttons:
            row.addWidget(widget, 1)
        layout.addLayout(row)

    # --- called by the window ---

    def render(self, layout_info: Layout) -> None:
        self.layout_info = layout_info
        content = QWidget()
        content.setObjectName("content")
        inner = QVBoxLayout(content)
        margin = self.px(self.theme.sizes.margin)
        inner.setContentsMargins(margin, self.px(8), margin, self.px(16))
        inner.setSpacing(self.px(self.theme.sizes.gap))
        self.build(inner)
        if self._content is not None:
            self._outer.removeWidget(self._content)
            self._content.hide()
            self._content.deleteLater()
        self._outer.addWidget(content)
        content.show()  # at once, not at the next event-loop turn: the screen is current now
        self._content = content

    def wipe(self) -> None:
        """Forget everything shown: the next render starts from the (wiped) state."""
        if self._content is not None:
            self._outer.removeWidget(self._content)
            self._content.hide()
            self._content.deleteLater()
            self._content = None

    def first_focus(self) -> QWidget | None:
        """The control the keypad starts on: the primary action when there is one."""
        if self._content is None:
            return None
        for widget in self._content.findChildren(QPushButton):
            if widget.property("kind") == "primary" and widget.isEnabled():
                return widget
        buttons = [w for w in self._content.findChildren(QPushButton) if w.isEnabled()]
        return buttons[0] if buttons else None


def low_on_screen(layout: QVBoxLayout, portrait: bool) -> None:
    """In portrait, keep the top third free of controls: out of reach from a wheelchair."""
    layout.addStretch(1 if portrait else 0)


ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
