"""Strict test settings shared by every test: offscreen Qt, no thread or Qt timer left
running after a test, and a fake clock so nothing sleeps."""

from __future__ import annotations

import os
import threading
import time
import weakref

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.fakes import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def no_thread_left_behind():
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline:
        extra = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not extra:
            return
        time.sleep(0.02)
    pytest.fail(f"threads left running after the test: {[t.name for t in extra]}")


@pytest.fixture(autouse=True)
def no_qt_timer_left_running(request, monkeypatch):
    """Every QTimer started during a test must be stopped (or deleted) by its end."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from PySide6.QtCore import QTimer

    started: list[weakref.ref] = []
    original = QTimer.start

    def tracking_start(self, *args):
        started.append(weakref.ref(self))
        return original(self, *args)

    monkeypatch.setattr(QTimer, "start", tracking_start)
    yield
    active = []
    for ref in started:
        timer = ref()
        try:
            if timer is not None and timer.isActive():
                active.append(timer)
        except RuntimeError:  # the C++ object is gone: deleted, so not running
            pass
    assert not active, f"{len(active)} QTimer(s) left running after the test"


@pytest.fixture(scope="session", autouse=True)
def qt_objects_freed_while_qt_lives():
    """Delete Qt widgets while the application still exists, not in interpreter shutdown."""
    yield
    import gc
    import sys

    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()


@pytest.fixture
def settings(tmp_path):
    from kiosk.config import load_settings

    return without_metrics(load_settings(data_dir=tmp_path / "data"))


def without_metrics(settings):
    """Settings whose kiosk opens no metrics port (tests that want one start it)."""
    return settings.model_copy(update={"metrics": settings.metrics.model_copy(
        update={"port": 0})})

