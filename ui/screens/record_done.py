"""A record printed (take it from the A4 tray) or ready for the phone: a big one-time QR code
to scan, and until when it works."""

from __future__ import annotations

import io
from collections.abc import Hashable

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout

from kiosk.state import ReadOnly
from kiosk.view import ScreenName
from ui.screens.base import Screen, low_on_screen
from ui.widgets.controls import reading_item


class RecordDoneScreen(Screen):
    name = ScreenName.RECORD_DONE

    @staticmethod
    def key(view: ReadOnly) -> Hashable:
        return view.record

    def build(self, layout: QVBoxLayout) -> None:
        record, t = self.view.record, self.t
        if record is None:
            return
        low_on_screen(layout, self.portrait)
        if record.share_url:
            layout.addWidget(reading_item(t("record.phone_title"), "title", name="phone_title"))
            layout.addWidget(self._code(record.share_url), 0, Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(reading_item(t("record.phone_how", time=record.share_until),
                                          "body", name="phone_how"))
        elif record.printed:
            layout.addWidget(reading_item(t("record.printed"), "title", name="printed"))
        else:
            layout.addWidget(reading_item(t("record.not_printed"), "problem",
                                          name="not_printed"))
        layout.addStretch(1)
        self.action_row(layout, self.button(t("record.done"), self.actions.finish,
                                            kind="primary", icon="mdi6.check", name="finish"))

    def _code(self, url: str) -> QLabel:
        """The one-time code, big enough for a phone held at arm's length."""
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                             box_size=12)
        code.add_data(url)
        code.make(fit=True)
        png = io.BytesIO()
        code.make_image(fill_color="black", back_color="white").save(png)
        pixmap = QPixmap()
        pixmap.loadFromData(png.getvalue(), "PNG")
        side = self.px(420)
        picture = QLabel()
        picture.setObjectName("share_code")
        picture.setPixmap(pixmap.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                        Qt.TransformationMode.FastTransformation))
        picture.setAccessibleName(self.t("record.phone_title"))
        return picture
