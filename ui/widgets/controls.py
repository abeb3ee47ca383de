"""The few kinds of control every screen is made of: labels of a given kind, reading items
(text the keypad and a screen reader stop at), big buttons, options that show a tick when
chosen, and service tiles. Styling comes from the theme's style sheet through `kind`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFocusEvent, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout

from ui import icons
from ui.accessibility import is_notification
from ui.theme import Theme

TICK = "mdi6.check-circle"
RING = "mdi6.circle-outline"


def label(text: str, kind: str = "body", *, wrap: bool = True,
          align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> QLabel:
    widget = QLabel(text)
    widget.setProperty("kind", kind)
    widget.setWordWrap(wrap)
    widget.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


class ElidedLabel(QLabel):
    """One line that gives way when there is no room: cut short with "…" on screen, while a
    screen reader still gets the whole text."""

    def __init__(self, text: str, kind: str) -> None:
        super().__init__()
        self.setProperty("kind", kind)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        if self.accessibleName() != text:
            self.setAccessibleName(text)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(1, self.contentsRect().width()))
        if shown != self.text():
            self.setText(shown)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._elide()


def reading_item(text: str, kind: str = "body", *, name: str = "", field: str = "",
                 wrap: bool = True, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft
                 ) -> QLabel:
    """Text a resident must hear: the keypad stops at it in reading order, the voice and a
    screen reader read it when it has the focus. `field` names a form field, whose full
    value the kiosk speaks only into headphones."""
    widget = label(text, kind, wrap=wrap, align=align)
    widget.setProperty("reading", "true")
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setObjectName(name)
    widget.setProperty("field", field)
    return widget


def set_reading_text(widget: QLabel, text: str, spoken: str = "") -> None:
    """New text for a reading item, and what it says when that is not its text (a value read
    with its label). Qt announces every change of a name: nothing is set that did not change,
    and no name is set where the text serves."""
    if widget.text() != text:
        widget.setText(text)
    name = spoken if spoken and spoken != text else ""
    if is_notification(widget):  # a notification's name is what a screen reader says
        name = spoken or text
    if widget.accessibleName() != name:
        widget.setAccessibleName(name)


def button(text: str, on_click: Callable[[], None], *, kind: str = "", icon: str = "",
           theme: Theme | None = None, name: str = "") -> QPushButton:
    widget = QPushButton(text)  # its text is its accessible name
    if kind:
        widget.setProperty("kind", kind)
    widget.setObjectName(name or text)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    widget.setProperty("icon_name", icon)
    if theme is not None:
        style_icon(widget, theme)
    widget.clicked.connect(lambda _checked=False: on_click())
    return widget


def set_button_text(widget: QPushButton, text: str) -> None:
    if widget.text() != text:
        widget.setText(text)


def style_icon(widget: QPushButton, theme: Theme, visible: bool = True) -> None:
    """The button's icon in the theme's ink and size (again after a display mode change)."""
    name = widget.property("icon_name") or ""
    if not name or not visible:
        widget.setIcon(QIcon())
        return
    color = theme.colors.on_accent if widget.property("kind") == "primary" else theme.colors.text
    # Qt draws a focused button's icon in the Active mode: the colour of the focus fill's ink.
    size = theme.px(theme.sizes.button)
    widget.setIcon(icons.icon(name, color, size, focused_ink(theme, color)))
    widget.setIconSize(QSize(size, size))


def focused_ink(theme: Theme, color: str) -> str:
    """The ink on a focused control: high contrast fills it with the focus colour (see
    ui/theme.py), so its ink turns black; elsewhere focus is a ring and the ink stays."""
    return "#000000" if theme.name == "high_contrast" else color


class OptionButton(QPushButton):
    """One of several options (a choice on a form, a display mode): checked when chosen, with
    a tick, and exposed as checked to screen readers. The state decides what is checked; a
    touch only asks for it, so the button never toggles itself."""

    def __init__(self, text: str, on_click: Callable[[], None], theme: Theme, *, name: str,
                 checked: bool = False, icon: str = "", description: str = "") -> None:
        super().__init__(text)
        self.setCheckable(True)
        self.setObjectName(name)
        if description:
            self.setAccessibleDescription(description)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._icon = icon  # "" for a radio-like choice: a ring, then a tick
        self.theme = theme
        self.icons = True  # large print on a narrow bar shows the words alone
        self.setChecked(checked)
        self._restyle()
        self.clicked.connect(lambda _checked=False: on_click())

    def nextCheckState(self) -> None:  # a touch asks; the state answers through set_checked
        pass

    def set_checked(self, checked: bool) -> None:
        if checked != self.isChecked():
            self.setChecked(checked)
            self._restyle()

    def restyle(self, theme: Theme, icons: bool = True) -> None:
        self.theme, self.icons = theme, icons
        self._restyle()

    def _restyle(self) -> None:
        theme = self.theme
        if not self.icons:  # the checked fill and border still say "chosen"
            self.setIcon(QIcon())
            return
        name = TICK if self.isChecked() else (self._icon or RING)
        color = theme.colors.accent if self.isChecked() else theme.colors.text
        size = theme.px(theme.sizes.button)
        self.setIcon(icons.icon(name, color, size, focused_ink(theme, color)))
        self.setIconSize(QSize(size, size))


class LabelledButton(QPushButton):
    """A button drawn with labels inside it: they take the focus fill's ink too, which style
    sheets cannot give them (a pseudo-state does not reach inside)."""

    def focusInEvent(self, event: QFocusEvent) -> None:
        self._show_focus(True)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._show_focus(False)
        super().focusOutEvent(event)

    def _show_focus(self, focused: bool) -> None:
        self.setProperty("focused", "true" if focused else "false")
        for child in self.findChildren(QLabel):
            child.style().unpolish(child)
            child.style().polish(child)

    def sizeHint(self) -> QSize:  # the labels, not the (empty) button text, decide the size
        return self.layout().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.layout().minimumSize()


class WrappingButton(LabelledButton):
    """A button whose words may take two lines, so several fit side by side."""

    def __init__(self, text: str, on_click: Callable[[], None], *, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(text)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # As tall as its words need: two lines make a taller button, never cut words.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        inner = QVBoxLayout(self)
        inner.setContentsMargins(8, 8, 8, 8)
        self.words = label(text, "button", align=Qt.AlignmentFlag.AlignHCenter)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner.addWidget(self.words)
        self.clicked.connect(lambda _checked=False: on_click())


def big_icon(name: str, theme: Theme, times: int = 3, color: str = "") -> QLabel:
    """A large centred icon that says at a glance what a screen is about."""
    widget = QLabel()
    size = theme.px(theme.sizes.icon * times)
    widget.setPixmap(icons.pixmap(name, color or theme.colors.accent, size))
    widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


class Tile(LabelledButton):
    """A home-screen tile: an icon, a short name, one line on what it is for."""

    def __init__(self, title: str, note: str, icon: str, theme: Theme,
                 on_click: Callable[[], None], *, name: str, description: str = "",
                 badge: str = "") -> None:
        super().__init__()
        self.setProperty("kind", "tile")
        self.setProperty("focused", "false")
        self.setAccessibleName(title)
        self.setAccessibleDescription(description or note)  # spoken even when not shown
        self.setObjectName(name)
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
        self._pixmaps = {False: icons.pixmap(icon, color, size),
                         True: icons.pixmap(icon, focused_ink(theme, color), size)}
        self._icon_label = icon_label
        icon_label.setPixmap(self._pixmaps[False])
        icon_label.setFixedSize(size, size)
        row.addWidget(icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        texts = QVBoxLayout()
        texts.setSpacing(px(4))
        self.title_label = label(title, "tile-title")
        self.note_label = label(note, "tile-note")
        texts.addStretch(1)
        texts.addWidget(self.title_label)
        texts.addWidget(self.note_label)
        texts.addStretch(1)
        row.addLayout(texts, 1)
        # a mark in words (跨省通办), never colour alone; said after the name
        self.badge_label = label(badge, "tile-badge", wrap=False)
        row.addWidget(self.badge_label, 0, Qt.AlignmentFlag.AlignTop)
        self.badge_label.setVisible(bool(badge))
        # Only now that it has a parent: a parentless widget shown becomes a window of its own.
        self.note_label.setVisible(bool(note))
        if badge:
            self.setAccessibleName(f"{title} · {badge}")
        for child in (icon_label, self.title_label, self.note_label, self.badge_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.clicked.connect(lambda _checked=False: on_click())
        self.setMinimumHeight(px(theme.sizes.target) * 2)
        self.setMaximumHeight(px(theme.sizes.target) * 3)

    def show_note(self, note: str, description: str, available: bool) -> None:
        """Paused or back again: the note and what is spoken change, the tile stays put."""
        if self.note_label.text() != note:
            self.note_label.setText(note)
            self.note_label.setVisible(bool(note))
        if self.accessibleDescription() != description:
            self.setAccessibleDescription(description)
        if self.isEnabled() != available:
            self.setEnabled(available)

    def _show_focus(self, focused: bool) -> None:
        self._icon_label.setPixmap(self._pixmaps[focused])
        super()._show_focus(focused)
