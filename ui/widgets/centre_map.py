"""The service map, drawn by the kiosk itself from the centres' coordinates (no online tiles:
the kiosk may be offline): this kiosk in the middle, rings at round distances, each centre a
numbered disc (a 24-hour terminal a numbered square) matching the list beside it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.service_map import MapView
from ui.theme import Theme


class CentreMap(QWidget):
    def __init__(self, view: MapView, theme: Theme, name: str, north: str) -> None:
        super().__init__()
        self.view, self.theme, self.north = view, theme, north
        self.setObjectName("centre_map")
        self.setAccessibleName(name)  # what it shows; the list says the same in words
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(theme.px(320), theme.px(320))

    def paintEvent(self, event: QPaintEvent) -> None:
        theme, colors, px = self.theme, self.theme.colors, self.theme.px
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height()) - px(8)
        square = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter.setPen(QPen(QColor(colors.border), px(2)))
        painter.setBrush(QColor(colors.surface))
        painter.drawRoundedRect(square, px(theme.sizes.radius), px(theme.sizes.radius))
        middle = square.center()
        font = QFont(self.font())
        font.setPixelSize(px(theme.sizes.caption))
        painter.setFont(font)
        for ring in self.view.rings:
            radius = ring.radius * side
            painter.setPen(QPen(QColor(colors.muted), px(2), Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(middle, radius, radius)
        tall, last = painter.fontMetrics().height(), None
        for ring in reversed(self.view.rings):  # on the north-east, the outermost first;
            at = QPointF(middle.x() + ring.radius * side * 0.71,  # one too close is left out
                         middle.y() - ring.radius * side * 0.71)
            if last is None or last.y() + tall <= at.y():
                self._tag(painter, at, ring.label, colors.muted)
                last = at
        painter.setPen(QColor(colors.text))
        painter.drawText(square.adjusted(0, px(10), -px(16), 0),
                         Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight, self.north)
        self._here(painter, middle)
        for marker in sorted(self.view.markers, key=lambda m: -m.number):  # the nearest on top
            self._marker(painter, QPointF(square.left() + marker.x * side,
                                          square.top() + marker.y * side),
                         marker.number, marker.terminal, font)
        painter.end()

    def _here(self, painter: QPainter, at: QPointF) -> None:
        """This kiosk: a bold ring in the middle, with its label below."""
        colors, px = self.theme.colors, self.theme.px
        painter.setPen(QPen(QColor(colors.problem), px(6)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        radius = px(30)
        painter.drawEllipse(at, radius, radius)
        self._tag(painter, QPointF(at.x(), at.y() + radius + px(24)), self.view.here,
                  colors.problem)

    def _tag(self, painter: QPainter, at: QPointF, text: str, color: str) -> None:
        """A short label centred on `at`, on the map's own colour so lines do not cross it."""
        metrics = painter.fontMetrics()
        width, height = metrics.horizontalAdvance(text) + self.theme.px(8), metrics.height()
        box = QRectF(at.x() - width / 2, at.y() - height / 2, width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.theme.colors.surface))
        painter.drawRect(box)
        painter.setPen(QColor(color))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _marker(self, painter: QPainter, at: QPointF, number: int, terminal: bool,
                font: QFont) -> None:
        colors, px = self.theme.colors, self.theme.px
        radius = px(20)
        box = QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius)
        painter.setPen(QPen(QColor(colors.surface), px(2)))  # apart from a neighbour
        painter.setBrush(QColor(colors.accent))
        if terminal:
            painter.drawRoundedRect(box, px(4), px(4))
        else:
            painter.drawEllipse(box)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor(colors.on_accent))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(number))
        painter.setFont(font)
