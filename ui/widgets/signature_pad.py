"""A box to sign in with a finger. It draws the visit's signature (kept by the kiosk as
strokes, so it survives the pad being rebuilt at another size) and the stroke being made;
each finished stroke is handed on."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from kiosk.signature import Signature, Stroke


class SignaturePad(QWidget):
    def __init__(self, ink: str, pen_width: int,
                 on_stroke: Callable[[Stroke, float, float], None]) -> None:
        super().__init__()
        self.setObjectName("SignaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._ink = QColor(ink)
        self._pen_width = pen_width
        self._on_stroke = on_stroke
        self.signature = Signature()
        self._current: list[QPointF] = []

    @property
    def empty(self) -> bool:
        return self.signature.empty

    def show_signature(self, signature: Signature) -> None:
        self.signature = signature
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._current = [event.position()]
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current:
            self._current.append(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        stroke, self._current = self._current, []
        if len(stroke) > 1:
            self._on_stroke(tuple((p.x(), p.y()) for p in stroke), self.width(), self.height())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._ink, self._pen_width, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
        strokes = [[QPointF(x, y) for x, y in stroke]
                   for stroke in self.signature.fitted(self.width(), self.height()).strokes]
        for stroke in [*strokes, self._current]:
            if len(stroke) < 2:
                continue
            path = QPainterPath(stroke[0])
            for point in stroke[1:]:
                path.lineTo(point)
            painter.drawPath(path)
        painter.end()
