"""拍摄材料: a paper under the document camera. Before the shot, the live preview with a
guide frame and one big 拍照 button; after it, whether the paper matched, or what did not,
with 重拍 and 仍然使用 (staff review it). The preview is polled ten times a second while the
screen is up; nothing is drawn when the frame did not change."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.materials import MaterialView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen
from ui.theme import Theme
from ui.widgets.controls import big_icon, label, reading_item, set_reading_text

PREVIEW_MS = 100
ASPECT = 1600 / 1100  # a page lying under the camera, landscape
GUIDE_INSET = 0.06  # the guide frame, inside the preview's edge


class DocumentPreview(QWidget):
    """The camera's frame, fitted, with the guide frame drawn over it."""

    def __init__(self, theme: Theme, width: int, words: str) -> None:
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


class MaterialCameraScreen(Screen):
    name = ScreenName.MATERIAL_CAMERA

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        shown = view.material or MaterialView()
        return shown.material, shown.taken, shown.ok, shown.findings

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.material or MaterialView()
        self.timer: QTimer | None = None
        self.status = as_notification(reading_item(shown.status, "title", name="status"))
        self.problem = reading_item(shown.problem, "problem", name="problem")
        if shown.taken:
            self._result(layout, shown)
        else:
            self._preview(layout)
        self._show(shown)
        self.bind("material", self._show)

    def _preview(self, layout: QVBoxLayout) -> None:
        width = self.px(900 if self.portrait else 620)
        self.preview = DocumentPreview(self.theme, width, self.t("material_camera.guide"))
        # The preview is nothing to touch: in portrait it may fill the top, 拍照 stays low.
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1, ALIGN_CENTER)
        layout.addWidget(label(self.t("material_camera.guide"), "muted", align=ALIGN_CENTER))
        layout.addWidget(self.problem)
        self.shoot = self.button(self.t("material_camera.shoot"), self.actions.shoot_material,
                                 kind="primary", icon="mdi6.camera", name="shoot")
        self.action_row(layout, self.shoot)
        self.preview.show_frame(self.actions.material_preview())
        self.timer = QTimer(self)
        self.timer.setInterval(PREVIEW_MS)
        self.timer.timeout.connect(lambda: self.preview.show_frame(
            self.actions.material_preview()))

    def _result(self, layout: QVBoxLayout, shown: MaterialView) -> None:
        colors = self.theme.colors
        layout.addStretch(1)
        layout.addWidget(big_icon("mdi6.check-circle" if shown.ok else "mdi6.alert-circle",
                                  self.theme, times=2,
                                  color=colors.accent if shown.ok else colors.focus))
        layout.addWidget(self.status)
        for index, finding in enumerate(shown.findings):
            layout.addWidget(reading_item(finding, "problem", name=f"finding:{index}"))
        if not shown.ok:
            layout.addWidget(reading_item(self.t("material.staff_review"), "body",
                                          name="staff_review"))
        layout.addWidget(self.problem)
        layout.addStretch(1)
        use = "material_camera.use" if shown.ok else "material_camera.use_anyway"
        self.action_row(
            layout,
            self.button(self.t("material_camera.retake"), self.actions.retake_material,
                        icon="mdi6.camera-retake", name="retake"),
            self.button(self.t(use), self.actions.use_material, kind="primary",
                        icon="mdi6.check" if shown.ok else "mdi6.account-check", name="use"),
        )

    def _show(self, shown: MaterialView | None) -> None:
        if shown is None:
            return
        set_reading_text(self.status, shown.status)
        set_reading_text(self.problem, shown.problem)
        self.problem.setVisible(bool(shown.problem))
        # 拍照 stays enabled while reading (a second touch takes no second photo): a disabled
        # button would drop the keypad's focus, which the result's screen takes over.

    def showEvent(self, event) -> None:
        """The preview runs only while the screen is up (not kept under help, say)."""
        super().showEvent(event)
        if self.timer is not None:
            self.preview.show_frame(self.actions.material_preview())
            self.timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if self.timer is not None:
            self.timer.stop()

    def close_screen(self) -> None:
        if self.timer is not None:
            self.timer.stop()
        super().close_screen()
