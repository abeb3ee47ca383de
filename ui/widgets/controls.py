"""The few kinds of control every screen is made of: labels of a given kind, big buttons,
and service tiles. Styling comes from the theme's style sheet through the `kind` property."""

from __future__ import annotations

from collections.abc import Callable

import qtawesome as qta
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from ui.theme import Theme


def label(text: str, kind: str = "body", *, wrap: bool = True,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    widget = QLabel(text)
    widget.setProperty("kind", kind)
    widget.setWordWrap(wrap)
    widget.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def button(text: str, on_click: Callable[[], None], *, kind: str = "", icon: str = "",
           theme: Theme | None = None, name: str = "", selected: bool = False) -> QPushButton:
    widget = QPushButton(text)
    if kind:
        widget.setProperty("kind", kind)
    widget.setAccessibleName(text)
    widget.setProperty("selected", "true" if selected else "false")
    widget.setObjectName(name or text)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if icon and theme is not None:
        color = theme.colors.text
        if kind == "primary":
            color = theme.colors.on_accent
        elif selected:
            color = theme.colors.on_selected
        # Qt draws a focused button's icon in the Active mode: the colour of the focus fill's ink.
        widget.setIcon(qta.icon(icon, color=color, color_active=focused_ink(theme, color)))
        size = theme.px(theme.sizes.button)
        widget.setIconSize(QSize(size, size))
    widget.clicked.connect(lambda _checked=False: on_click())
    return widget


def focused_ink(theme: Theme, color: str) -> str:
    """The ink on a focused control: high contrast fills it with the focus colour (see
    ui/theme.py), so its ink turns black; elsewhere focus is a ring and the ink stays."""
    return "#000000" if theme.name == "high_contrast" else color


def big_icon(name: str, theme: Theme, times: int = 3, color: str = "") -> QLabel:
    """A large centred icon that says at a glance what a screen is about."""
    widget = QLabel()
    size = theme.px(theme.sizes.icon * times)
    widget.setPixmap(qta.icon(name, color=color or theme.colors.accent).pixmap(QSize(size, size)))
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


class Tile(QPushButton):
    """A home-screen tile: an icon, a short name, one line on what it is for."""

    def __init__(self, title: str, note: str, icon: str, theme: Theme,
                 on_click: Callable[[], None], *, description: str = "") -> None:
        super().__init__()
        self.setProperty("kind", "tile")
        self.setProperty("focused", "false")
        self.setAccessibleName(title)
        self.setAccessibleDescription(description or note)  # spoken even when not shown
        self.setObjectName(f"tile:{title}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # Equal columns whatever the names' lengths; the names wrap inside.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        px = theme.px
        row = QHBoxLayout(self)
        row.setContentsMargins(px(24), px(16), px(24), px(16))
        row.setSpacing(px(20))
        icon_label = QLabel()
        size = px(theme.sizes.icon)
        color = theme.colors.accent if theme.name != "high_contrast" else theme.colors.text
        self._pixmaps = {
            focused: qta.icon(icon, color=focused_ink(theme, color) if focused else color)
            .pixmap(QSize(size, size))
            for focused in (False, True)
        }
        self._icon_label = icon_label
        icon_label.setPixmap(self._pixmaps[False])
        icon_label.setFixedSize(size, size)
        row.addWidget(icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        texts = QVBoxLayout()
        texts.setSpacing(px(4))
        self.title_label = label(title, "tile-title")
        texts.addStretch(1)
        texts.addWidget(self.title_label)
        children = [icon_label, self.title_label]
        if note:  # no parentless label: Qt must own every widget it will delete
            note_label = label(note, "tile-note")
            texts.addWidget(note_label)
            children.append(note_label)
        texts.addStretch(1)
        row.addLayout(texts, 1)
        for child in children:
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.clicked.connect(lambda _checked=False: on_click())
        self.setMinimumHeight(px(theme.sizes.target) * 2)
        self.setMaximumHeight(px(theme.sizes.target) * 3)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._show_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._show_focus(False)
        super().focusOutEvent(event)

    def _show_focus(self, focused: bool) -> None:
        """The labels inside take the focus fill's ink too (style sheets cannot reach them)."""
        self.setProperty("focused", "true" if focused else "false")
        self._icon_label.setPixmap(self._pixmaps[focused])
        for child in self.findChildren(QLabel):
            child.style().unpolish(child)
            child.style().polish(child)

    def sizeHint(self) -> QSize:  # the labels, not the (empty) button text, decide the size
        return self.layout().sizeHint()
