"""An on-screen keypad for numbers and phone numbers: big digits, delete and clear. It keeps
nothing of its own: each key sends the field's new value, and the kiosk's state (not this
widget) holds it, so a rebuild in another display mode or language shows the same digits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ui.theme import Theme
from ui.widgets.controls import button, reading_item, set_reading_text

# Two rows of six: a page keeps room for its other fields (four rows of three would not fit
# a step in large print)
KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "erase", "clear")
COLUMNS = 6


class NumberPad(QWidget):
    def __init__(self, key: str, entry: str, on_value: Callable[[str], None], theme: Theme,
                 t: Callable[..., str], *, label: str) -> None:
        super().__init__()
        self.key, self.entry, self.on_value, self.label = key, entry, on_value, label
        self.setObjectName(f"pad:{key}")
        px = theme.px
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(px(theme.sizes.gap) // 2)
        self.shown: QLabel = reading_item("", "title", name=f"entry:{key}", field=key,
                                          align=Qt.AlignmentFlag.AlignHCenter)
        box.addWidget(self.shown)
        grid = QGridLayout()
        grid.setSpacing(px(theme.sizes.gap) // 2)
        for index, name in enumerate(KEYS):
            text = t(f"number_pad.{name}") if name in ("clear", "erase") else name
            widget = button(text, lambda name=name: self._press(name), theme=theme,
                            name=f"pad:{key}:{name}")
            widget.setMinimumHeight(px(theme.sizes.target))
            # six equal keys whatever their words: the width is shared, never overflowed
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            widget.setMinimumWidth(px(theme.sizes.target))
            grid.addWidget(widget, index // COLUMNS, index % COLUMNS)
        box.addLayout(grid)
        self.set_entry(entry)

    def _press(self, name: str) -> None:
        if name == "clear":
            value = ""
        elif name == "erase":
            value = self.entry[:-1]
        else:
            value = self.entry + name
        self.on_value(value)

    def set_entry(self, entry: str) -> None:
        """What the state holds now (the keypad never assumes a key was taken)."""
        self.entry = entry
        shown = " ".join(_groups(entry)) if entry else "—"
        set_reading_text(self.shown, shown, f"{self.label}：{entry or '—'}")


def _groups(digits: str) -> list[str]:
    """138 1234 5678: a phone number in the groups people read it in."""
    if len(digits) <= 4:
        return [digits]
    head, rest = digits[:3], digits[3:]
    return [head] + [rest[i:i + 4] for i in range(0, len(rest), 4)]
