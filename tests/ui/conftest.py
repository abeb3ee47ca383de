"""A whole kiosk (real window offscreen, simulated devices on their threads, SQLite in a
temporary folder) on a fake clock, taken apart after each test."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.fakes import TODAY, FakeClock

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


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


@pytest.fixture
def booking_kiosk(qtbot, settings, clock):
    """The whole kiosk for appointments, its embedded platform on a wall clock the test sets
    (the booked day's morning, to check in), which the kiosk's today follows."""
    from kiosk.voice import RecordingEngine, RecordingPlayer
    from ui.app import KioskApp
    from ui.main import make_application
    from ui.screenshot_appointments import StagingClock

    make_application()
    wall = StagingClock(TODAY)
    app = KioskApp(settings, clock=clock, today=lambda: wall().astimezone(SHANGHAI).date(),
                   wall_clock=wall, voice_player=RecordingPlayer(),
                   voice_engine=RecordingEngine())
    app.window.set_screen_size(1080, 1920)
    app.window.tremor.clock = FakeClock()
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app, wall
    app.close()
