"""A whole kiosk (real window offscreen, simulated devices on their threads, SQLite in a
temporary folder) on a fake clock, taken apart after each test."""

from __future__ import annotations

import pytest

from tests.fakes import TODAY, FakeClock


@pytest.fixture
def kiosk(qtbot, settings, clock):
    from kiosk.voice import RecordingEngine, RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application

    make_application()
    app = KioskApp(settings, clock=clock, today=lambda: TODAY,
                   voice_player=RecordingPlayer(), voice_engine=RecordingEngine())
    app.window.set_screen_size(1080, 1920)
    app.window.tremor.clock = FakeClock()  # tap() moves it on, as a resident's pause would
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.close()
