"""`make run` on a developer's display: the kiosk's window fits the display it opens on,
in that display's orientation, scaled down evenly, with the developer panel beside it."""

from __future__ import annotations

import pytest

from ui.main import DECORATION, GAP, fit_window


@pytest.mark.parametrize(("display", "wanted", "expected"), [
    ((1920, 1080), None, (1432, 806)),  # landscape display: landscape kiosk, beside the panel
    ((1080, 1920), None, (592, 1052)),  # a portrait display: portrait, as wide as there is room
    ((1920, 1080), (1080, 1920), (562, 1000)),  # portrait asked for: scaled to the height
    ((3840, 2160), None, (1920, 1080)),  # room enough: never scaled up
])
def test_the_window_is_scaled_evenly_to_fit(display, wanted, expected):
    width, height = fit_window(display, 440, wanted)
    assert (width, height) == expected
    shape = wanted or ((1920, 1080) if display[0] > display[1] else (1080, 1920))
    assert abs(width / height - shape[0] / shape[1]) < 0.01  # the kiosk's proportions
    assert width + 440 + 3 * GAP <= display[0] and height + DECORATION + 2 * GAP <= display[1]


def test_the_window_and_the_panel_open_side_by_side_on_the_display(qtbot, settings):
    from kiosk.voice import RecordingPlayer, SilentEngine
    from ui.app import KioskApp
    from ui.main import make_application

    make_application()
    app = KioskApp(settings, start_devices=False, voice_player=RecordingPlayer(),
                   voice_engine=SilentEngine())
    try:
        app.show(fullscreen=False, dev_panel=True)
        qtbot.waitExposed(app.window)
        display = app.window.screen().availableGeometry()
        window, panel = app.window.frameGeometry(), app.dev_panel.frameGeometry()
        assert display.contains(window.topLeft()) and window.right() <= display.right()
        assert window.bottom() <= display.bottom()
        assert panel.left() > window.right()  # beside it, never on top of it
        assert not window.intersects(panel)
        portrait = display.height() >= display.width()  # a square display: portrait
        assert (app.window.height() > app.window.width()) == portrait
    finally:
        app.close()
