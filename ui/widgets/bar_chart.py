"""A plain bar chart drawn with QPainter: one bar per value, each with its number written on
it and its label under (columns) or before it (rows). A screen reader gets every bar as
"label: value" in the widget's description; the chart adds nothing the numbers do not say."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import Theme


class BarChart(QWidget):
    """`columns`: upright bars side by side (the hours of a day), labels below; else rows,
    labels on the left (the five scores). `every` labels only every n-th column."""

    def __init__(self, bars: Sequence[tuple[str, int]], theme: Theme, *, name: str,
                 columns: bool, every: int = 1,
                 spoken: Callable[[str, int], str] = lambda label, value: f"{label}: {value}"
                 ) -> None:
        super().__init__()
        self.bars, self.theme, self.columns, self.every = tuple(bars), theme, columns, every
        self.setObjectName(name)
        self.setAccessibleName(name)
        self.setAccessibleDescription("; ".join(spoken(label, value) for label, value in bars))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        line = theme.px(theme.sizes.caption) * 2
        # small enough that the screen never pushes the frame; the layout gives it more
        self.setMinimumHeight(line * 3 if columns else int(line * 0.8 * len(self.bars)))

    def values_as_text(self) -> list[str]:
        """What is written on the bars, in order (for tests, and what a reader hears)."""
        return [str(value) for _label, value in self.bars]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPixelSize(self.theme.px(self.theme.sizes.caption))
        font.setBold(True)
        painter.setFont(font)
        if self.columns:
            self._columns(painter)
        else:
            self._rows(painter)
        painter.end()

    def _columns(self, painter: QPainter) -> None:
        colors, px = self.theme.colors, self.theme.px
        tall = painter.fontMetrics().height()
        count = max(1, len(self.bars))
        width = self.width() / count
        floor = self.height() - tall - px(4)  # the labels' row below the bars
        room = floor - tall - px(4)  # above the tallest bar, its number
        top = max((value for _label, value in self.bars), default=0) or 1
        painter.setPen(QPen(QColor(colors.border), px(2)))
        painter.drawLine(0, int(floor), self.width(), int(floor))
        for index, (label, value) in enumerate(self.bars):
            left = index * width
            height = room * value / top
            bar = QRectF(left + width * 0.15, floor - height, width * 0.7, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.accent))
            painter.drawRect(bar)
            painter.setPen(QColor(colors.text))
            if value:
                painter.drawText(QRectF(left, bar.top() - tall, width, tall),
                                 Qt.AlignmentFlag.AlignCenter, str(value))
            if index % self.every == 0:
                painter.setPen(QColor(colors.muted))
                painter.drawText(QRectF(left - width, floor + px(4), width * 3, tall),
                                 Qt.AlignmentFlag.AlignCenter, label)

    def _rows(self, painter: QPainter) -> None:
        colors, px = self.theme.colors, self.theme.px
        metrics = painter.fontMetrics()
        count = max(1, len(self.bars))
        height = self.height() / count
        label_width = max((metrics.horizontalAdvance(label) for label, _ in self.bars),
                          default=0) + px(16)
        number_width = max((metrics.horizontalAdvance(str(value)) for _, value in self.bars),
                           default=0) + px(16)
        room = max(1.0, self.width() - label_width - number_width)
        top = max((value for _label, value in self.bars), default=0) or 1
        for index, (label, value) in enumerate(self.bars):
            y = index * height
            painter.setPen(QColor(colors.text))
            painter.drawText(QRectF(0, y, label_width - px(8), height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)
            length = room * value / top
            bar = QRectF(label_width, y + height * 0.15, length, height * 0.7)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colors.accent))
            painter.drawRect(bar)
            painter.setPen(QColor(colors.text))
            painter.drawText(QRectF(bar.right() + px(8), y, number_width, height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             str(value))
