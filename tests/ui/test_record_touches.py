"""An elderly resident prints 社保缴费记录 in care mode through the real window, counting every
touch from placing the card: at most 4 (care mode, agree, the tile, 打印). Then the record is
read back from the printed PDF; and the same record taken on the phone instead."""

from __future__ import annotations

import sqlite3

import numpy as np
import pypdfium2 as pdfium
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel

from drivers.idcard.samples import ELDERLY
from drivers.scanner.decoder import QrDecoder
from kiosk.view import ScreenName
from tests.ui.touch import tap, visible_text, wait_until

S = ScreenName
TILE = "社保缴费记录打印"


class Touches:
    """Each touch the resident makes, through the window as a finger makes it."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot, self.window, self.made = qtbot, window, []

    def __call__(self, name: str) -> None:
        self.made.append(name)
        tap(self.qtbot, self.window, name)


def most_used(app, settings, service_id: str) -> None:
    """The district's counts as the community centres report them: printing social security
    records is among the most frequent matters, so care mode's six tiles include it."""
    database = settings.data_dir / settings.platform.database
    with sqlite3.connect(database) as connection:
        connection.execute("INSERT INTO usage_counts (service_id, count) VALUES (?, 5000)"
                           " ON CONFLICT (service_id) DO UPDATE SET count = 5000", (service_id,))
    connection.close()
    app.kiosk.load_usage()


def to_preview(qtbot, app, settings, touch: Touches) -> None:
    controller = app.kiosk
    most_used(app, settings, "social_security_record")
    app.devices.idcard.place(ELDERLY)
    wait_until(qtbot, lambda: controller.state.screen == S.CONSENT)
    touch("mode.care")
    touch("accept")
    wait_until(qtbot, lambda: controller.state.greeting.startswith(ELDERLY.name))
    touch(TILE)
    assert controller.state.screen == S.RECORD_PREVIEW
    wait_until(qtbot, lambda: controller.state.record is not None
               and controller.state.record.ready)


def test_an_elderly_resident_prints_the_record_in_four_touches(qtbot, kiosk, settings):
    app, window = kiosk, kiosk.window
    touch = Touches(qtbot, window)
    to_preview(qtbot, app, settings, touch)
    assert app.kiosk.session.visit.display_mode == "care"
    text = visible_text(window)
    assert "共" in text and "页" in text  # how many pages
    assert ELDERLY.id_number not in text
    touch("print")
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.RECORD_DONE)
    assert len(touch.made) <= 4, touch.made
    assert "请从 A4 出纸口取走您的记录" in visible_text(window)

    printed = app.devices.printer.printed[-1]
    assert printed.pdf is not None
    document = pdfium.PdfDocument(printed.pdf)
    try:
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    assert all(f"第 {n} 页 共 {len(texts)} 页" in page for n, page in enumerate(texts, 1))
    assert all(app.kiosk.settings.site.kiosk_id in page for page in texts)  # the watermark
    assert ELDERLY.id_number not in "".join(texts)
    assert "310***********" + ELDERLY.id_number[-4:] in "".join(texts)

    tap(qtbot, window, "finish")
    assert app.kiosk.state.screen == S.GOODBYE


def test_the_record_goes_to_the_phone_instead_of_paper(qtbot, kiosk, settings):
    app, window = kiosk, kiosk.window
    touch = Touches(qtbot, window)
    to_preview(qtbot, app, settings, touch)
    printed_before = len(app.devices.printer.printed)
    touch("to_phone")
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.RECORD_DONE)
    record = app.kiosk.state.record
    assert record.share_url.startswith("https://")
    assert "请用手机扫码" in visible_text(window)
    code = window.findChild(QLabel, "share_code")
    picture = code.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = np.frombuffer(picture.constBits(), np.uint8).reshape(
        picture.height(), picture.bytesPerLine())[:, :picture.width()]
    assert [found.text for found in QrDecoder().decode(pixels.copy())] == [record.share_url]
    assert len(app.devices.printer.printed) == printed_before  # no paper
    tap(qtbot, window, "finish")
    assert app.kiosk.state.screen == S.GOODBYE
