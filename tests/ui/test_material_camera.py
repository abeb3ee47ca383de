"""A paper under the document camera through the real window: the live preview from the
simulated camera, 拍照 by touch and by the keypad alone, the real OCR on a worker thread,
then matched (继续) or what did not match with 重拍 and 仍然使用."""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import Qt

from drivers.camera.documents import STRANGER, bank_card_slip
from drivers.idcard.samples import ADULT
from kiosk.view import ScreenName as S
from tests.ui.touch import place_card, tap, visible_text, wait_until
from ui.audit import audit_window
from ui.desk_staging import with_camera
from ui.widgets.document_preview import DocumentPreview


def page(person=None) -> np.ndarray:
    image = bank_card_slip(person) if person else bank_card_slip()
    return cv2.cvtColor(np.array(image), cv2.COLOR_RGB2BGR)


def at_the_camera(qtbot, app, person=None, *, english=False):
    place_card(qtbot, app, ADULT)
    if english:
        app.kiosk.toggle_language()
    with_camera(app.kiosk, app.devices.document_camera, S.MATERIAL_CAMERA)
    app.devices.document_camera.show(page(person))
    wait_until(qtbot, lambda: app.kiosk.state.screen == S.MATERIAL_CAMERA)


def preview_shows(qtbot, app) -> None:
    camera = app.devices.document_camera
    wait_until(qtbot, lambda: any(p.isVisible() and p._frame is camera.latest_frame()
                                  and p._frame is not None
                                  for p in app.window.findChildren(DocumentPreview)))


def shows(qtbot, app, text):
    wait_until(qtbot, lambda: text in visible_text(app.window))


def no_violations(app):
    window = app.window
    _snap, found = audit_window(window, mode=app.kiosk.state.display_mode,
                                language=app.kiosk.state.language, scale=window.theme.scale,
                                exempt_words=[ADULT.name])
    assert [f for f in found if not f.info] == []


def test_a_matching_paper_by_touch(qtbot, kiosk):
    at_the_camera(qtbot, kiosk)
    preview_shows(qtbot, kiosk)
    shows(qtbot, kiosk, "银行卡平放在高拍仪下")
    tap(qtbot, kiosk.window, "shoot")
    shows(qtbot, kiosk, "识别完成：材料上的姓名和证件号码与您一致。")  # OCR on a worker thread
    no_violations(kiosk)
    tap(qtbot, kiosk.window, "use")
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == S.FORM)
    kept = kiosk.kiosk.session.visit.materials["bank_card"]
    assert kept.ok and kept.png.startswith(b"\x89PNG")


def test_another_persons_paper_then_retake_then_use_anyway(qtbot, kiosk):
    at_the_camera(qtbot, kiosk, STRANGER)
    tap(qtbot, kiosk.window, "shoot")
    shows(qtbot, kiosk, "材料上的姓名不是您的。")
    shows(qtbot, kiosk, "材料上的身份证号码和您的不一样。")
    shows(qtbot, kiosk, "工作人员会再核对")
    no_violations(kiosk)
    assert STRANGER.name not in visible_text(kiosk.window)  # what it read is not shown
    tap(qtbot, kiosk.window, "retake")
    preview_shows(qtbot, kiosk)
    tap(qtbot, kiosk.window, "shoot")
    shows(qtbot, kiosk, "仍然使用")
    tap(qtbot, kiosk.window, "use")
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == S.FORM)
    assert not kiosk.kiosk.session.visit.materials["bank_card"].ok


def test_by_the_keypad_alone_in_english(qtbot, kiosk):
    at_the_camera(qtbot, kiosk, english=True)
    handle = kiosk.window.windowHandle()
    wait_until(qtbot, lambda: kiosk.window.focusWidget() is not None
               and kiosk.window.focusWidget().objectName() == "shoot")
    qtbot.keyClick(handle, Qt.Key.Key_Return)
    shows(qtbot, kiosk, "Done: the name and ID number on the document match yours.")
    wait_until(qtbot, lambda: kiosk.window.focusWidget() is not None
               and kiosk.window.focusWidget().objectName() == "use")
    qtbot.keyClick(handle, Qt.Key.Key_Return)
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == S.FORM)


def test_the_camera_unplugged_is_said_and_the_preview_goes_dark(qtbot, kiosk):
    at_the_camera(qtbot, kiosk)
    preview_shows(qtbot, kiosk)
    kiosk.devices.document_camera.unplug()
    wait_until(qtbot, lambda: all(p._frame is None
                                  for p in kiosk.window.findChildren(DocumentPreview)))
    tap(qtbot, kiosk.window, "shoot")
    shows(qtbot, kiosk, "高拍仪现在不能用")
    kiosk.devices.document_camera.replug()


def test_the_preview_stops_under_help_and_runs_again_after(qtbot, kiosk):
    from ui.screens.material_camera import MaterialCameraScreen

    at_the_camera(qtbot, kiosk)
    preview_shows(qtbot, kiosk)
    screen = kiosk.window.findChildren(MaterialCameraScreen)[0]
    assert screen.preview.timer.isActive()
    tap(qtbot, kiosk.window, "nav.help")
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == S.HELP)
    wait_until(qtbot, lambda: not screen.preview.timer.isActive())
    tap(qtbot, kiosk.window, "nav.back")
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == S.MATERIAL_CAMERA)
    assert kiosk.window.findChildren(MaterialCameraScreen) == [screen]  # kept, not rebuilt
    wait_until(qtbot, lambda: screen.preview.timer.isActive())
