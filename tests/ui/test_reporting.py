"""The whole kiosk (ui/app.py) reporting itself: its metrics endpoint on the port the
settings give, gone after close(); its log book and error count on the root logger only
while it runs; its heartbeat sent off the screen's thread and handed back to it."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import urllib.error
import urllib.request

import pytest

from kiosk.heartbeat import FIRST_AFTER
from tests.district.loopback import free_port
from tests.fakes import TODAY

LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def test_the_endpoint_and_the_log_book_live_as_long_as_the_kiosk(qtbot, settings, clock):
    from kiosk.voice import RecordingEngine, RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    port = free_port()
    chosen = settings.model_copy(update={"metrics": settings.metrics.model_copy(
        update={"port": port})})
    make_application()
    app = KioskApp(chosen, clock=clock, today=lambda: TODAY, start_devices=False,
                   voice_player=RecordingPlayer(), voice_engine=RecordingEngine())
    root = logging.getLogger()
    try:
        assert app.kiosk.log_book in root.handlers
        logging.getLogger("kiosk.test").error("counted")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as got:
            text = got.read().decode()
        assert "kiosk_errors_total 1.0" in text
        assert app.kiosk.log_book.last_error().message == "counted"
    finally:
        app.close()
    assert app.kiosk.log_book not in root.handlers
    assert app.kiosk.metrics.error_handler not in root.handlers
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10)


def test_the_heartbeat_goes_on_a_worker_thread_and_comes_back(kiosk, qtbot, clock):
    platform = kiosk.kiosk.platform
    noting = Noting(platform)
    kiosk.kiosk.platform = noting  # read by the heartbeat when it sends
    clock.advance(FIRST_AFTER)  # the window's own tick finds the first beat due
    qtbot.waitUntil(lambda: kiosk.kiosk.heartbeat.delivered == 1, timeout=30_000)
    assert noting.threads and threading.main_thread().name not in noting.threads
    beats = platform.platform.store.heartbeats(kiosk.settings.site.kiosk_id, LONG_AGO)
    assert len(beats) == 1 and beats[0][1].mode == "attract"


class Noting:
    """The kiosk's platform, noting which thread makes each heartbeat call (the real call
    goes on to the real store); every other call as it is."""

    def __init__(self, platform) -> None:
        self._platform = platform
        self.threads: list[str] = []

    def heartbeat(self, beat) -> None:
        self.threads.append(threading.current_thread().name)
        self._platform.heartbeat(beat)

    def __getattr__(self, name):
        return getattr(self._platform, name)
