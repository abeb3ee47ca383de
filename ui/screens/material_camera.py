"""拍摄材料: a paper under the document camera. Before the shot, the live preview with a
guide frame and one big 拍照 button; after it, whether the paper matched, or what did not,
with 重拍 and 仍然使用 (staff review it). The preview is polled ten times a second while the
screen is up; nothing is drawn when the frame did not change."""

from __future__ import annotations

from collections.abc import Hashable

from PySide6.QtWidgets import QVBoxLayout

from kiosk.materials import MaterialView
from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.accessibility import as_notification
from ui.screens.base import ALIGN_CENTER, Screen
from ui.widgets.controls import big_icon, label, reading_item, set_reading_text
from ui.widgets.document_preview import DocumentPreview


class MaterialCameraScreen(Screen):
    name = ScreenName.MATERIAL_CAMERA

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        shown = view.material or MaterialView()
        return shown.material, shown.taken, shown.ok, shown.findings

    def build(self, layout: QVBoxLayout) -> None:
        shown = self.view.material or MaterialView()
        self.preview: DocumentPreview | None = None  # before the shot only
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
        self.preview = DocumentPreview(self.theme, width, self.t("material_camera.guide"),
                                       self.actions.material_preview)
        # The preview is nothing to touch: in portrait it may fill the top, 拍照 stays low.
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1, ALIGN_CENTER)
        layout.addWidget(label(self.t("material_camera.guide"), "muted", align=ALIGN_CENTER))
        layout.addWidget(self.problem)
        self.shoot = self.button(self.t("material_camera.shoot"), self.actions.shoot_material,
                                 kind="primary", icon="mdi6.camera", name="shoot")
        self.action_row(layout, self.shoot)

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

    def close_screen(self) -> None:
        if self.preview is not None:
            self.preview.stop()
        super().close_screen()
