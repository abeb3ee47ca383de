"""A box to sign in with a finger: strokes drawn as they are made, exported as a PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, ink: str, paper: str, pen_width: int) -> None:
        super().__init__()
        self.setObjectName("SignaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._ink = QColor(ink)
        self._paper = QColor(paper)
        self._pen_width = pen_width
        self._strokes: list[list[QPointF]] = []

    @property
    def empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self.update()
        self.changed.emit()

    def add_stroke(self, points: list[QPointF]) -> None:
        """For the keypad path and tests: a whole stroke at once."""
        self._strokes.append(list(points))
        self.update()
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._strokes.append([event.position()])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._strokes:
            self._strokes[-1].append(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.changed.emit()

    def _paint(self, painter: QPainter, ink: QColor) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(ink, self._pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        for stroke in self._strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        self._paint(painter, self._ink)
        painter.end()

    def png(self) -> bytes:
        """Black ink on white, whatever the screen's colours, as the record keeps it."""
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        self._paint(painter, QColor("black"))
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())
