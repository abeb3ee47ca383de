"""A date picker with no typing: year, month and day, each with big less and more buttons.
The kiosk's state holds the date; each button sends the new date, kept within the month."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.theme import Theme
from ui.widgets.controls import button, reading_item, set_reading_text

PARTS = ("year", "month", "day")


def stepped(day: date, part: str, step: int) -> date:
    """`day` with one part moved by `step`; the day of the month stays within the month."""
    year, month = day.year, day.month
    if part == "year":
        year += step
    elif part == "month":
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    else:
        last = calendar.monthrange(year, month)[1]
        return day.replace(day=(day.day - 1 + step) % last + 1)
    year = min(max(year, 1900), 2100)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class DatePicker(QWidget):
    def __init__(self, key: str, iso: str, on_value: Callable[[str], None], theme: Theme,
                 t: Callable[..., str], *, label: str) -> None:
        super().__init__()
        self.key, self.on_value, self.t, self.label = key, on_value, t, label
        self.setObjectName(f"date:{key}")
        px = theme.px
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(px(theme.sizes.gap))
        self.values = {}
        for part in PARTS:
            column = QVBoxLayout()
            column.setSpacing(px(theme.sizes.gap) // 2)
            more = button("+", lambda part=part: self._step(part, 1), theme=theme,
                          name=f"date:{key}:{part}:later")
            more.setAccessibleName(f"{t(f'date_picker.{part}')} {t('date_picker.later')}")
            value = reading_item("", "title", name=f"date:{key}:{part}",
                                 align=Qt.AlignmentFlag.AlignHCenter)
            less = button("−", lambda part=part: self._step(part, -1), theme=theme,
                          name=f"date:{key}:{part}:earlier")
            less.setAccessibleName(f"{t(f'date_picker.{part}')} {t('date_picker.earlier')}")
            for widget in (more, value, less):
                column.addWidget(widget)
            self.values[part] = value
            row.addLayout(column, 1)
        self.day = date.today()
        self.set_date(iso)

    def _step(self, part: str, step: int) -> None:
        self.on_value(stepped(self.day, part, step).isoformat())

    def set_date(self, iso: str) -> None:
        try:
            self.day = date.fromisoformat(iso)
        except ValueError:
            return
        words = {"year": self.day.year, "month": self.day.month, "day": self.day.day}
        for part, widget in self.values.items():
            text = self.t(f"date_picker.shown_{part}", value=words[part])
            set_reading_text(widget, text, f"{self.label} {self.t(f'date_picker.{part}')} "
                             f"{text}")
