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
    """The whole kiosk for appointments: its platform on a wall clock the test sets (the
    booked day's morning, to check in), which the kiosk's today follows."""
    from district.store import Store
    from kiosk.voice import RecordingEngine, RecordingPlayer
    from tests.kiosk.appointment_rig import Switch
    from ui.app import KioskApp
    from ui.main import make_application
    from ui.screenshot_appointments import StagingClock

    make_application()
    wall = StagingClock(TODAY)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.open(f"sqlite:///{settings.data_dir / 'store.sqlite'}", now=wall, demo=True)
    app = KioskApp(settings, clock=clock, today=lambda: wall().astimezone(SHANGHAI).date(),
                   voice_player=RecordingPlayer(), voice_engine=RecordingEngine())
    app.kiosk.platform = Switch(store.for_kiosk(settings.site.kiosk_id))  # until the merge
    app.kiosk.wall_clock = wall
    app.window.set_screen_size(1080, 1920)
    app.window.tremor.clock = FakeClock()
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app, wall
    app.close()
    store.close()
