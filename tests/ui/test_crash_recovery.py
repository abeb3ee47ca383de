"""The crash handler through the real window (ui/stay_up.py, kiosk/crash.py): an exception in
an event handler or a worker thread is logged and noted in the crash log, the visit is wiped
and the attract screen shown with no trace of the resident; the third in ten minutes puts
the kiosk out of service. pytest-qt's own capture is off: PySide6 reports to sys.excepthook."""

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from drivers.idcard.samples import ELDERLY
from kiosk.crash import FILE_NAME
from kiosk.log_setup import log_folder
from kiosk.view import ScreenName
from tests.ui.touch import place_card, wait_until
from ui.stay_up import install_crash_handler

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def crashes(kiosk):
    exits: list[int] = []
    handler = install_crash_handler(kiosk, exits.append)
    yield handler, exits
    handler.uninstall()


def broken_key(action) -> None:
    raise RuntimeError(f"a bug, with {ELDERLY.name} in its message")


def press_back(window: QWidget) -> None:
    """The keypad's Back, delivered by the event loop as a real key is (a key sent from
    Python would hand an error in the handler back to the sender instead)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.postEvent(window.windowHandle(), QKeyEvent(
            kind, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier))


def every_text(window: QWidget) -> str:
    """What any widget of the window says or is named, shown or not."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts += [widget.accessibleName(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
    return "\n".join(texts)


def test_an_exception_in_an_event_handler_wipes_the_visit_and_shows_attract(
        qtbot, kiosk, crashes, caplog, monkeypatch):
    caplog.set_level(logging.ERROR)
    place_card(qtbot, kiosk, ELDERLY)
    assert ELDERLY.name[0] in kiosk.kiosk.state.greeting
    monkeypatch.setattr(kiosk.kiosk, "key", broken_key)  # the keypad's Back now raises
    press_back(kiosk.window)
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.ATTRACT)
    records = [r for r in caplog.records if r.name == "kiosk.crash"]
    assert len(records) == 1 and records[0].exc_info[0] is RuntimeError
    line = (log_folder(kiosk.settings) / FILE_NAME).read_text(encoding="utf-8")
    assert "MainThread: RuntimeError at ui/test_crash_recovery.py:" in line
    assert ELDERLY.name not in line
    visit = kiosk.kiosk.session.visit
    assert visit.resident is None and not kiosk.kiosk.session.active
    assert ELDERLY.name not in every_text(kiosk.window)
    assert ELDERLY.name[1:] not in every_text(kiosk.window)  # not even masked
    assert crashes[1] == []  # it recovered; the event loop goes on


def test_a_worker_thread_that_dies_wipes_the_visit_on_the_screens_thread(
        qtbot, kiosk, crashes):
    place_card(qtbot, kiosk, ELDERLY)

    def work() -> None:
        raise OSError("a driver's worker gave up")

    worker = threading.Thread(target=work, name="driver-worker")
    worker.start()
    worker.join()
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.ATTRACT)
    assert kiosk.kiosk.session.visit.resident is None
    line = (log_folder(kiosk.settings) / FILE_NAME).read_text(encoding="utf-8")
    assert "driver-worker: OSError at " in line


def test_the_third_crash_in_ten_minutes_puts_the_kiosk_out_of_service(
        qtbot, kiosk, crashes, monkeypatch):
    monkeypatch.setattr(kiosk.kiosk, "key", broken_key)
    for _ in range(3):
        kiosk.kiosk.start()
        wait_until(qtbot, lambda: kiosk.kiosk.state.screen != ScreenName.ATTRACT)
        press_back(kiosk.window)
        wait_until(qtbot, lambda: kiosk.kiosk.state.screen != ScreenName.HOME)
    wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.OUT_OF_SERVICE)
    assert kiosk.window.current is not None
    assert kiosk.window.current.name == ScreenName.OUT_OF_SERVICE


def test_a_kiosk_restarted_after_hard_faults_again_and_again_starts_out_of_service(
        qtbot, kiosk):
    from datetime import UTC, datetime

    from kiosk.crash import RUNNING, UNCLEAN
    from kiosk.private_files import private_dir

    folder = private_dir(log_folder(kiosk.settings))
    (folder / RUNNING).touch()  # as a run killed by a hard fault leaves it
    now = datetime.now(UTC).isoformat()
    (folder / UNCLEAN).write_text(f"{now}\n{now}\n", encoding="ascii")  # two before it
    handler = install_crash_handler(kiosk, [].append)
    try:
        assert handler.too_many_at_start
        wait_until(qtbot, lambda: kiosk.kiosk.state.screen == ScreenName.OUT_OF_SERVICE)
    finally:
        handler.uninstall()
