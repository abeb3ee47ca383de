"""The document camera's live picture: fitted, the guide frame drawn over it, polled from
`source` ten times a second while it is on screen (a screen under help, or closed, stops it),
and drawn only when the frame changed. The material camera and maintenance's camera test
show it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.theme import Theme

PREVIEW_MS = 100
ASPECT = 1600 / 1100  # a page lying under the camera, landscape
GUIDE_INSET = 0.06  # the guide frame, inside the preview's edge


class DocumentPreview(QWidget):
    """The camera's frame, fitted, with the guide frame drawn over it."""

    def __init__(self, theme: Theme, width: int, words: str,
                 source: Callable[[], np.ndarray | None]) -> None:
        super().__init__()
        self.theme = theme
        self.setObjectName("preview")
        self.setAccessibleName(words)
        self._hint = QSize(width, round(width / ASPECT))
        # As large as it can be up to `width`; in large print on a landscape screen it gives
        # way to the text and the button, the page keeping its shape.
        self.setMinimumSize(width // 3, round(width / ASPECT / 3))
        self.setMaximumSize(self._hint)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._frame: np.ndarray | None = None
        self._image: QImage | None = None
        self._source = source
        self.timer = QTimer(self)
        self.timer.setInterval(PREVIEW_MS)
        self.timer.timeout.connect(self._poll)
        self._poll()

    def _poll(self) -> None:
        self.show_frame(self._source())

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._poll()
        self.timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def stop(self) -> None:
        """The screen closes: no more polling of what it showed."""
        self.timer.stop()

    def sizeHint(self) -> QSize:
        return self._hint

    def show_frame(self, frame: np.ndarray | None) -> None:
        if frame is self._frame:
            return  # the same frame: nothing to draw
        self._frame = frame
        self._image = None if frame is None else QImage(
            frame.data, frame.shape[1], frame.shape[0], frame.strides[0],
            QImage.Format.Format_BGR888)
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        colors = self.theme.colors
        fitted = QSize(1600, 1100).scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        area = QRectF((self.width() - fitted.width()) / 2, (self.height() - fitted.height()) / 2,
                      fitted.width(), fitted.height())
        painter.fillRect(area, QColor("#20242b"))
        if self._image is not None:
            painter.drawImage(area, self._image)
        pen = QPen(QColor(colors.focus), self.theme.px(6), Qt.PenStyle.DashLine)
        painter.setPen(pen)
        dx, dy = area.width() * GUIDE_INSET, area.height() * GUIDE_INSET
        painter.drawRect(area.adjusted(dx, dy, -dx, -dy))
        painter.end()
