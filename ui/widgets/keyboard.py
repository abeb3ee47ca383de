"""The app's own keyboard (no input method anywhere): big keys in three layouts (拼音, ABC,
123), a row of candidates for the pinyin being composed with its own page turner, and
delete, clear and search. Every key is a button with an accessible name, so the keypad and
a screen reader reach it like any other. What is typed lives in the kiosk's state: this
widget only shows it and reports keys (`press(key)`, kiosk/keyboard.py's names)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.catalogue_view import KeyboardView
from ui.theme import Theme
from ui.widgets.controls import OptionButton, button, set_button_text

QWERTY = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
DIGIT_ROWS = ("123", "456", "789", "0")


def key_gap(theme: Theme) -> int:
    """Keys sit closer than other controls, never closer than 17 px (the audit asks 16)."""
    return max(theme.px(17), theme.px(theme.sizes.gap) // 2)


def key_width(theme: Theme) -> int:
    """A key may be an eighth smaller than other controls, each way (still above the
    audit's minimum, 80 px and 112 px in large print)."""
    return theme.px(theme.sizes.target) * 7 // 8


def columns_for(width: int, theme: Theme) -> int:
    """Ten keys a row (the phone's QWERTY) where ten fit, else nine or seven (a b c … in
    order)."""
    return next((n for n in (10, 9) if keys_width(n, theme) <= width), 7)


def keys_width(columns: int, theme: Theme) -> int:
    """A key is its width plus its border on each side."""
    border = theme.px(4) if theme.name == "high_contrast" else theme.px(2)
    return columns * (key_width(theme) + 2 * border) + (columns - 1) * key_gap(theme)


class Keyboard(QWidget):
    def __init__(self, shown: KeyboardView, press: Callable[[str], None],
                 text: Callable[..., str], theme: Theme, *, columns: int, candidates: int,
                 candidates_apart: bool = False, parent: QWidget | None = None) -> None:
        """`candidates_apart`: the candidates in a grid of three a row (`candidate_grid`)
        for the screen to place beside the keys, where the screen is short."""
        super().__init__(parent)
        self.setObjectName("keyboard")
        self.setAccessibleName(text("keyboard.name"))
        self.press, self.text, self.theme = press, text, theme
        gap = key_gap(theme)
        # a key's letter needs no side padding: ten keys a row at the minimum size
        self.setStyleSheet(f"#keyboard QPushButton {{ padding: 0; "
                           f"min-width: {key_width(theme)}px; "
                           f"min-height: {key_width(theme)}px; }}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(gap)
        self.candidate_keys: list[QPushButton] = []
        self.candidate_grid: QGridLayout | None = None
        if shown.layout == "pinyin":
            cells = self._candidate_cells(candidates)
            if candidates_apart:
                self.candidate_grid = QGridLayout()
                self.candidate_grid.setSpacing(theme.px(theme.sizes.gap))
                for index, cell in enumerate(cells):
                    self.candidate_grid.addWidget(cell, index // 3, index % 3)
            else:
                row = QHBoxLayout()
                row.setSpacing(gap)
                for cell in cells:
                    row.addWidget(cell, 1 if cell in self.candidate_keys else 0)
                outer.addLayout(row)
        outer.addLayout(self._keys(shown.layout, columns, gap))
        outer.addLayout(self._controls(shown.layout, gap, space=columns >= 10))
        self.show_state(shown)

    def _key(self, label: str, key: str, *, name: str = "", kind: str = "",
             icon: str = "") -> QPushButton:
        widget = button(label, lambda: self.press(key), kind=kind, icon=icon, theme=self.theme,
                        name=name or f"key:{key}")
        return widget

    def _candidate_cells(self, count: int) -> list[QPushButton]:
        """The candidates between their page turner's two arrows."""
        self.fewer = self._key("", "candidates:-1", name="key:candidates:previous",
                               icon="mdi6.chevron-left")
        self.fewer.setAccessibleName(self.text("keyboard.previous"))
        for index in range(count):
            key = self._key("", "", name=f"candidate:{index}")
            key.clicked.disconnect()
            key.clicked.connect(lambda _checked=False, i=index: self._pick(i))
            self.candidate_keys.append(key)
        self.more = self._key("", "candidates:1", name="key:candidates:next",
                              icon="mdi6.chevron-right")
        self.more.setAccessibleName(self.text("keyboard.next"))
        return [self.fewer, *self.candidate_keys, self.more]

    def _pick(self, index: int) -> None:
        self.press(f"pick:{self.first + index}")

    def _keys(self, layout: str, columns: int, gap: int) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(gap)
        if layout == "123":
            rows: tuple[str, ...] = DIGIT_ROWS
        elif columns >= 10:
            rows = QWERTY
        else:
            letters = "abcdefghijklmnopqrstuvwxyz"
            rows = tuple(letters[i:i + columns] for i in range(0, len(letters), columns))
        width = max(len(r) for r in rows)
        for r, keys in enumerate(rows):
            offset = (width - len(keys)) // 2 if columns >= 10 or layout == "123" else 0
            for c, key in enumerate(keys):
                shown = key.upper() if layout == "abc" else key
                widget = self._key(shown, key)
                if key.isalpha():  # said as a letter ("字母 J"), in the screen's language
                    widget.setAccessibleName(self.text("keyboard.letter", letter=key.upper()))
                grid.addWidget(widget, r, offset + c)
        for c in range(width):
            grid.setColumnStretch(c, 1)
        return grid

    def _controls(self, layout: str, gap: int, *, space: bool) -> QHBoxLayout:
        """The three layouts, then (where there is room) space, delete, clear and search.
        Space only ends the pinyin as letters, which search does too."""
        row = QHBoxLayout()
        row.setSpacing(gap)
        self.layouts: dict[str, OptionButton] = {}
        for name, label in (("pinyin", "keyboard.pinyin"), ("abc", "keyboard.abc"),
                            ("123", "keyboard.digits")):
            option = OptionButton(self.text(label), lambda n=name: self.press(f"layout:{n}"),
                                  self.theme, name=f"key:layout:{name}",
                                  checked=name == layout)
            option.restyle(self.theme, icons=False)  # the fill and border say which
            option.setAccessibleName(self.text(f"{label}_name"))
            self.layouts[name] = option
            row.addWidget(option, 1)
        if space:
            row.addWidget(self._key(self.text("keyboard.space"), "space", name="key:space"), 1)
        row.addWidget(self._key(self.text("keyboard.backspace"), "backspace"), 1)
        row.addWidget(self._key(self.text("keyboard.clear"), "clear"), 1)
        row.addWidget(self._key(self.text("keyboard.search"), "search", kind="primary",
                                icon="mdi6.magnify" if space else ""), 2 if space else 1)
        if not space:  # narrow: each key as wide as its word, the room left to search's
            for index in range(row.count() - 1):
                row.setStretch(index, 0)
        return row

    def show_state(self, shown: KeyboardView) -> None:
        """New candidates after a key: the keys stay put, their words change."""
        self.first = shown.first
        for index, key in enumerate(self.candidate_keys):
            word = shown.candidates[index] if index < len(shown.candidates) else ""
            set_button_text(key, word)
            name = self.text("keyboard.candidate", text=word) if word else ""
            if key.accessibleName() != name:
                key.setAccessibleName(name)
            key.setEnabled(bool(word))
        if self.candidate_keys:
            self.fewer.setEnabled(shown.more_before)
            self.more.setEnabled(shown.more_after)
