"""Within easy reach on every screen: back, home, help and end, always in the same four
places (one that does not apply is disabled, never moved), and the language and display
modes, one touch each: a row above them in portrait, a side rail at mid height in landscape."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.state import Nav, ReadOnly
from kiosk.view import Actions
from ui.binding import Bindings
from ui.theme import LARGE_PRINT, Theme
from ui.widgets.controls import OptionButton, button, set_button_text, style_icon

NAV = (("back", "nav.back", "mdi6.arrow-left"), ("home", "nav.home", "mdi6.home"),
       ("help", "nav.help", "mdi6.face-agent"), ("end", "nav.end", "mdi6.exit-to-app"))
DISPLAY_MODES = (("large", "mode.large", "mdi6.format-size"),
                 ("high_contrast", "mode.contrast", "mdi6.contrast-circle"),
                 ("care", "mode.care", "mdi6.human-cane"))


class DisplayModes:
    """The language switch and the three display modes; each mode shows when it is on."""

    def __init__(self, view: ReadOnly, actions: Actions, theme: Theme,
                 bindings: Bindings) -> None:
        self.view, self.actions = view, actions
        self.language = button(actions.text("mode.language"), actions.toggle_language,
                               icon="mdi6.translate", theme=theme, name="mode.language")
        self.modes = {
            mode: OptionButton(actions.text(key), lambda m=mode: actions.toggle_display_mode(m),
                               theme, name=key, icon=icon, checked=view.display_mode == mode)
            for mode, key, icon in DISPLAY_MODES
        }
        bindings.on(view.events.display_mode, self._show_mode)
        bindings.on(view.events.language, lambda _value: self._relabel())

    @property
    def buttons(self) -> list[QPushButton]:
        return [self.language, *self.modes.values()]

    def _show_mode(self, mode: str) -> None:
        for name, widget in self.modes.items():
            widget.set_checked(name == mode)

    def _relabel(self) -> None:
        set_button_text(self.language, self.actions.text("mode.language"))
        for (_mode, key, _icon), widget in zip(DISPLAY_MODES, self.modes.values(), strict=True):
            set_button_text(widget, self.actions.text(key))

    def restyle(self, theme: Theme, icons: bool) -> None:
        style_icon(self.language, theme, visible=icons)
        for widget in self.modes.values():
            widget.restyle(theme, icons)


class BottomBar(QFrame):
    def __init__(self, view: ReadOnly, actions: Actions, theme: Theme, modes: DisplayModes,
                 bindings: Bindings) -> None:
        super().__init__()
        self.view, self.actions, self.display_modes = view, actions, modes
        self.setProperty("kind", "bar")
        self.setObjectName("BottomBar")
        do = {"back": actions.go_back, "home": actions.go_home, "help": actions.open_help,
              "end": actions.finish}
        self.nav = {name: button(actions.text(key), do[name], icon=icon, theme=theme, name=key)
                    for name, key, icon in NAV}
        self.grid = QGridLayout(self)
        bindings.on(view.events.nav, self._enable)
        bindings.on(view.events.language, lambda _value: self._relabel())
        self._enable(view.nav)

    def _enable(self, nav: Nav) -> None:
        for name, widget in self.nav.items():
            wanted = bool(getattr(nav, name))
            if widget.isEnabled() != wanted:
                widget.setEnabled(wanted)

    def _relabel(self) -> None:
        for name, key, _icon in NAV:
            set_button_text(self.nav[name], self.actions.text(key))

    def place(self, theme: Theme, portrait: bool, rail: SideRail) -> None:
        """Lay the bar out for this orientation and mode: the display modes above the
        navigation in portrait, in the side rail in landscape."""
        grid = self.grid
        while grid.count():
            grid.takeAt(0)
        pad, gap = theme.px(24), theme.px(theme.sizes.gap)
        grid.setContentsMargins(pad, theme.px(16), pad, theme.px(20))
        grid.setHorizontalSpacing(gap)
        grid.setVerticalSpacing(gap)
        # Large print on a narrow screen drops the icons, so that four labels still fit a row.
        icons = not (portrait and theme.name in LARGE_PRINT)
        for widget in self.nav.values():
            style_icon(widget, theme, visible=icons)
        self.display_modes.restyle(theme, icons)
        rows: list[list[QWidget]] = [list(self.nav.values())]
        if portrait:
            rows.insert(0, self.display_modes.buttons)
            for widget in self.display_modes.buttons:
                widget.setParent(self)
        else:
            rail.hold(self.display_modes.buttons, theme)
        for row_index, row in enumerate(rows):
            for column, widget in enumerate(row):
                grid.addWidget(widget, row_index, column)
                widget.show()
        for column in range(4):
            grid.setColumnStretch(column, 1)
        rail.setVisible(not portrait)


class SideRail(QFrame):
    """Landscape: the display modes in a column at the right, at mid height."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("kind", "bar")
        self.setObjectName("SideRail")
        self.column = QVBoxLayout(self)

    def hold(self, buttons: list[QPushButton], theme: Theme) -> None:
        column = self.column
        while column.count():
            column.takeAt(0)
        pad = theme.px(24)
        column.setContentsMargins(pad, pad, pad, pad)
        column.setSpacing(theme.px(theme.sizes.gap))
        column.addStretch(1)
        for widget in buttons:
            widget.setParent(self)
            column.addWidget(widget)
            widget.show()
        column.addStretch(1)
