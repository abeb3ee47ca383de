"""What every screen shares: it is built when entered, from the screen state; it then
updates only the widgets whose fields change, and reports touches as `Actions`. It never
sees the kiosk itself, only the read-only state and the actions."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.state import ReadOnly
from kiosk.view import Actions, ScreenName
from ui.binding import Bindings
from ui.theme import Theme
from ui.widgets.controls import button


class Screen(QWidget):
    name: ClassVar[ScreenName]

    def __init__(self, view: ReadOnly, actions: Actions, theme: Theme, portrait: bool,
                 parent: QWidget | None = None) -> None:
        # Made inside the window: reparenting a built screen would restyle every widget again.
        super().__init__(parent)
        self.view, self.actions, self.theme, self.portrait = view, actions, theme, portrait
        self.bindings = Bindings()
        self.made_for = self.key(view)
        self.left_focus: str | None = None  # the control focused when the resident left it
        self.setObjectName(f"screen:{self.name}")
        layout = QVBoxLayout(self)
        margin = self.px(theme.sizes.margin)
        # Landscape is short: the title row above already leaves air.
        top, bottom = (8, 16) if portrait else (0, 8)
        layout.setContentsMargins(margin, self.px(top), margin, self.px(bottom))
        layout.setSpacing(self.px(theme.sizes.gap))
        self.build(layout)

    # --- for subclasses ---

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        """What this screen's layout is made for: when it changes, the screen is built anew
        (keeping the focus); every other change updates the widgets in place."""
        return ()

    def build(self, layout: QVBoxLayout) -> None:
        raise NotImplementedError

    def t(self, key: str, **params: object) -> str:
        return self.actions.text(key, **params)

    def px(self, value: int) -> int:
        return self.theme.px(value)

    def bind(self, field: str, slot: Callable[..., object]) -> None:
        """Update part of this screen when one field of the state changes."""
        self.bindings.on(getattr(self.view.events, field), slot)

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

    def first_focus(self) -> QWidget | None:
        """Where the keypad starts when the screen appears: its primary action, else its
        first control, else the first thing to read."""
        buttons = [w for w in self.findChildren(QPushButton) if w.isEnabled()]
        primary = [w for w in buttons if w.property("kind") == "primary"]
        reading = [w for w in self.findChildren(QLabel) if w.property("reading") == "true"]
        return (primary or buttons or reading or [None])[0]

    def close_screen(self) -> None:
        """The screen is going: nothing may update it any more."""
        self.bindings.clear()


def low_on_screen(layout: QVBoxLayout, portrait: bool) -> None:
    """In portrait, keep the top third free of controls: out of reach from a wheelchair."""
    layout.addStretch(1 if portrait else 0)


ALIGN_CENTER = Qt.AlignmentFlag.AlignCenter
